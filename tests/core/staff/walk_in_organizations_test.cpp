#include "kiosk/core/staff/walk_in_organizations.hpp"

#include <gtest/gtest.h>

#include "support/event_fixture.hpp"

namespace uketsuke {
namespace {

using testing::EventFixture;

TEST(WalkInOrganizations, MostPeopleFirstCleanedAndWithoutCancelledOrBlank) {
    EventFixture f;
    f.person("p1", "a", "港区");
    f.person("p2", "b", "青葉市");
    f.person("p3", "c", " 港区 ");
    f.person("p4", "d", "港区\u202e");
    f.person("p5", "e", "");
    f.person("p6", "f", "青葉市");
    f.person("p7", "g", "川崎市");
    Participant gone = f.person("p8", "h", "取消町");
    gone.status = RegistrationStatus::Cancelled;
    f.store.upsert_participant(gone, 7);
    const auto organizations = walk_in_organizations(f.store);
    ASSERT_EQ(organizations.size(), 3u);
    EXPECT_EQ(organizations[0].name, "港区");
    EXPECT_EQ(organizations[0].people, 3) << "trimmed and cleaned, the same organization";
    EXPECT_EQ(organizations[1].name, "青葉市");
    EXPECT_EQ(organizations[1].people, 2);
    EXPECT_EQ(organizations[2].name, "川崎市");
    EXPECT_EQ(walk_in_organizations(f.store, 1).size(), 1u);
}

TEST(WalkInOrganizations, NoneForAnEmptyRoster) {
    EventFixture f;
    EXPECT_TRUE(walk_in_organizations(f.store).empty());
}

}  // namespace
}  // namespace uketsuke
