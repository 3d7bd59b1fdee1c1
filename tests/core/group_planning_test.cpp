#include "kiosk/core/group_planning.hpp"

#include <gtest/gtest.h>

#include <map>

#include "support/event_fixture.hpp"

namespace uketsuke {
namespace {

using testing::EventFixture;

TEST(GroupPlanning, CreatesLetteredGroupsAfterExistingOnes) {
    EventFixture f;
    auto first = create_groups(f.store, 2, 5);
    auto more = create_groups(f.store, 27, 0);
    EXPECT_EQ(first[0].name, "A");
    EXPECT_EQ(first[1].table_label, "2");
    EXPECT_EQ(more[0].name, "C");
    EXPECT_EQ(more.back().name, "AC");
    EXPECT_EQ(f.store.groups().size(), 29u);
}

TEST(GroupPlanning, SeatsEveryoneMixedAndNamesFacilitators) {
    EventFixture f;
    create_groups(f.store, 3, 0);
    const char* orgs[] = {"青葉市", "青葉市", "青葉市", "港南市", "港南市", "港南市", "北山村", "北山村", "北山村"};
    for (int i = 0; i < 9; ++i) {
        Participant p = f.person("p" + std::to_string(i), "Person " + std::to_string(i), orgs[i]);
        if (i % 3 == 0) {
            p.role = Role::Facilitator;
            f.add(p);
        }
    }
    Participant staff = f.person("s", "Staff", "青葉市");
    staff.role = Role::Staff;
    f.add(staff);

    GroupPlanOptions options;
    auto result = plan_groups(f.store, options);
    ASSERT_TRUE(result) << result.error;
    EXPECT_EQ(result.quality.same_org_pairs, 0);
    EXPECT_EQ(result.moves.size(), 9u);
    std::map<std::string, int> sizes;
    for (const auto& p : f.store.participants()) {
        if (p.id == "s") {
            EXPECT_TRUE(p.group_id.empty());
        } else {
            ++sizes[p.group_id];
        }
    }
    EXPECT_EQ(sizes.size(), 3u);
    for (const auto& [group, size] : sizes) EXPECT_EQ(size, 3);
    for (const auto& group : f.store.groups()) EXPECT_FALSE(group.facilitator.empty());
}

TEST(GroupPlanning, DryRunAndErrorsChangeNothing) {
    EventFixture f;
    f.person("a", "A", "X");
    auto no_groups = plan_groups(f.store, GroupPlanOptions{});
    EXPECT_FALSE(no_groups);
    EXPECT_NE(no_groups.error.find("groups create"), std::string::npos);

    create_groups(f.store, 1, 0);
    GroupPlanOptions dry;
    dry.dry_run = true;
    auto preview = plan_groups(f.store, dry);
    ASSERT_TRUE(preview);
    EXPECT_EQ(preview.moves.size(), 1u);
    EXPECT_TRUE(f.store.participant("a")->group_id.empty());

    create_groups(f.store, 0, 0);
    Participant second = f.person("b", "B", "Y");
    Participant third = f.person("c", "C", "Z");
    second.role = third.role = Role::Facilitator;
    f.add(second);
    f.add(third);
    auto too_many = plan_groups(f.store, GroupPlanOptions{});
    EXPECT_FALSE(too_many);
    EXPECT_TRUE(f.store.participant("b")->group_id.empty());
}

}  // namespace
}  // namespace uketsuke
