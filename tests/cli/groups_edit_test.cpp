// `uketsuke groups remove|clear`, `create --add`, `list --members`.

#include <gtest/gtest.h>

#include "cli/cli_fixtures.hpp"

namespace uketsuke::testing::cli {
namespace {

class GroupsEditTest : public ::testing::Test {
protected:
    void SetUp() override {
        event_.import_ok("roster.csv", generic_roster());
        ASSERT_EQ(event_.run({"groups", "create", "--count", "2"}).exit_code, 0);
    }
    EventFixture event_;
};

TEST_F(GroupsEditTest, CreateRefusesWhenGroupsExistUnlessAdd) {
    const CommandOutput again = event_.run({"groups", "create", "--count", "2"});
    EXPECT_EQ(again.exit_code, 3) << describe(again);
    EXPECT_CONTAINS(again.err, "already has 2 groups");
    EXPECT_CONTAINS(again.err, "--add");
    const CommandOutput add = event_.run({"groups", "create", "--count", "1", "--add"});
    ASSERT_EQ(add.exit_code, 0) << describe(add);
    EXPECT_CONTAINS(add.out, "C");
    EXPECT_EQ(event_.report_json()["by_group"].size(), 3u);
}

TEST_F(GroupsEditTest, RemoveAnEmptyGroupThenRefuseASeatedOneUnlessForced) {
    ASSERT_EQ(event_.run({"person", "set", "1", "--group", "A"}).exit_code, 0);
    ASSERT_EQ(event_.run({"person", "set", "2", "--group", "A"}).exit_code, 0);
    ASSERT_EQ(event_.run({"checkin", "--id", "1"}).exit_code, 0);
    const CommandOutput empty = event_.run({"groups", "remove", "B"});
    ASSERT_EQ(empty.exit_code, 0) << describe(empty);
    EXPECT_CONTAINS(empty.out, "Removed group B");

    const CommandOutput refused = event_.run({"groups", "remove", "A"});
    EXPECT_EQ(refused.exit_code, 1) << describe(refused);
    EXPECT_CONTAINS(refused.err, "group A seats 2 people (1 of them checked in)");
    EXPECT_CONTAINS(refused.err, "--force");
    EXPECT_CONTAINS(event_.run({"groups", "list"}).out, "A");

    const CommandOutput forced = event_.run({"groups", "remove", "A", "--force"});
    ASSERT_EQ(forced.exit_code, 0) << describe(forced);
    EXPECT_CONTAINS(forced.out, "2 people are no longer in a group");
    EXPECT_CONTAINS(event_.run({"person", "show", "1"}).out, "group:        (none)");
    EXPECT_EQ(event_.report_json()["session"]["counts"]["attended"], 1) << "check-ins stay";
    const CommandOutput unknown = event_.run({"groups", "remove", "Q"});
    EXPECT_EQ(unknown.exit_code, 3) << describe(unknown);
    EXPECT_CONTAINS(unknown.err, "groups remove Q");
}

TEST_F(GroupsEditTest, ClearRefusesWhileSeatedThenClearsWithForce) {
    ASSERT_EQ(event_.run({"groups", "assign"}).exit_code, 0);
    const CommandOutput refused = event_.run({"groups", "clear"});
    EXPECT_EQ(refused.exit_code, 1) << describe(refused);
    EXPECT_CONTAINS(refused.err, "all 2 groups seat 3 people (0 of them checked in)");
    const CommandOutput forced = event_.run({"groups", "clear", "--force"});
    ASSERT_EQ(forced.exit_code, 0) << describe(forced);
    EXPECT_TRUE(event_.report_json()["by_group"].empty());
    EXPECT_EQ(event_.run({"groups", "create", "--count", "3"}).exit_code, 0)
        << "after a clear, create needs no --add";
}

TEST_F(GroupsEditTest, MembersSheetListsFacilitatorTableAndMembersWithOrganization) {
    ASSERT_EQ(event_.run({"person", "set", "1", "--group", "A", "--role", "facilitator"}).exit_code,
              0);
    ASSERT_EQ(event_.run({"person", "set", "2", "--group", "A"}).exit_code, 0);
    const CommandOutput sheet = event_.run({"groups", "list", "--members"});
    ASSERT_EQ(sheet.exit_code, 0) << describe(sheet);
    EXPECT_CONTAINS(sheet.out, "Group A — table 1 — facilitator 山田 太郎 — 2 people");
    EXPECT_CONTAINS(sheet.out, "佐藤 花子  港南市");
    EXPECT_CONTAINS(sheet.out, "Group B — table 2 — facilitator (none) — 0 people");
    EXPECT_CONTAINS(sheet.out, "1 registered person in no group");
}

}  // namespace
}  // namespace uketsuke::testing::cli
