// remove_groups and group_removal_impact (`uketsuke groups remove|clear`).

#include "kiosk/core/groups/group_removal.hpp"

#include <gtest/gtest.h>

#include "kiosk/core/checkin/checkin.hpp"
#include "kiosk/core/groups/group_planning.hpp"
#include "support/event_fixture.hpp"

namespace uketsuke {
namespace {

using testing::EventFixture;
using testing::kNineAm;

TEST(GroupRemoval, CountsThenTakesPeopleOutStampedAndLogged) {
    EventFixture f;
    create_groups(f.store, 2, 0);
    const auto groups = f.store.groups();
    f.person("p1", "Aoki", "Org", groups[0].id);
    f.person("p2", "Baba", "Org", groups[0].id);
    f.person("p3", "Chiba", "Org", groups[1].id);
    CheckinService service(f.store);
    ASSERT_EQ(
        service.check_in_participant("p1", {"K1", "", CheckinMethod::Manual, kNineAm}).outcome,
        CheckinOutcome::CheckedIn);
    const GroupRemovalImpact impact = group_removal_impact(f.store, {groups[0].id});
    EXPECT_EQ(impact.seated, 2);
    EXPECT_EQ(impact.checked_in, 1);

    const GroupRemovalResult removed =
        remove_groups(f.store, {groups[0].id}, "cli", "hanako", kNineAm + 60'000);
    ASSERT_TRUE(removed) << removed.error;
    EXPECT_EQ(removed.groups_removed, 1);
    EXPECT_EQ(removed.people_unseated, 2);
    ASSERT_EQ(f.store.groups().size(), 1u);
    EXPECT_EQ(f.store.participant("p1")->group_id, "");
    EXPECT_EQ(f.store.participant("p3")->group_id, groups[1].id);
    EXPECT_EQ(f.store.participant("p2")->changed_by, "cli");
    const auto log = f.store.person_log_of("p2");
    ASSERT_EQ(log.size(), 1u);
    EXPECT_EQ(log[0].detail, "A →");
    EXPECT_EQ(log[0].staff_name, "hanako");
    EXPECT_TRUE(service.attendance("p1").checked_in) << "the check-in stays";
}

TEST(GroupRemoval, AnUnknownGroupChangesNothing) {
    EventFixture f;
    create_groups(f.store, 1, 0);
    f.person("p1", "Aoki", "Org", f.store.groups()[0].id);
    const GroupRemovalResult removed =
        remove_groups(f.store, {f.store.groups()[0].id, "nope"}, "cli", "", kNineAm);
    EXPECT_FALSE(removed);
    EXPECT_EQ(f.store.groups().size(), 1u);
    EXPECT_EQ(f.store.participant("p1")->group_id, f.store.groups()[0].id);
    EXPECT_TRUE(f.store.person_log_of("p1").empty());
}

}  // namespace
}  // namespace uketsuke
