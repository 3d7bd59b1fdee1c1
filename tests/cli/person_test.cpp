// `uketsuke person show|set`: one person, and the organizer's corrections afterwards.

#include <gtest/gtest.h>

#include "cli/cli_fixtures.hpp"

namespace uketsuke::testing::cli {
namespace {

class PersonTest : public ::testing::Test {
protected:
    void SetUp() override {
        event_.import_ok("roster.csv", generic_roster());
        ASSERT_EQ(event_.run({"groups", "create", "--count", "2"}).exit_code, 0);
        ASSERT_EQ(event_.run({"groups", "assign"}).exit_code, 0);
    }
    EventFixture event_;
};

TEST_F(PersonTest, SetChangesEveryFieldAndShowTellsItWithTheHistory) {
    const CommandOutput set =
        event_.run({"person", "set", "2", "--name", "佐藤 華子", "--reading", "サトウ ハナコ",
                    "--organization", "港北市", "--role", "facilitator", "--group", "B", "--note",
                    "資料B", "--by", "受付の田中"});
    ASSERT_EQ(set.exit_code, 0) << describe(set);
    EXPECT_CONTAINS(set.out, "佐藤 華子");
    ASSERT_EQ(event_.run({"checkin", "--id", "2"}).exit_code, 0);

    const CommandOutput show = event_.run({"person", "show", "2"});
    ASSERT_EQ(show.exit_code, 0) << describe(show);
    EXPECT_CONTAINS(show.out, "name:         佐藤 華子");
    EXPECT_CONTAINS(show.out, "organization: 港北市");
    EXPECT_CONTAINS(show.out, "role:         facilitator");
    EXPECT_CONTAINS(show.out, "group:        B, table 2");
    EXPECT_CONTAINS(show.out, "note:         資料B");
    EXPECT_CONTAINS(show.out, "group B, table 2; checked in");
    EXPECT_CONTAINS(show.out, "edit name: 佐藤 花子 → 佐藤 華子");
    EXPECT_CONTAINS(show.out, "organization: 港南市 → 港北市");
    EXPECT_CONTAINS(show.out, "→ B");
    EXPECT_CONTAINS(show.out, "by 受付の田中");
    EXPECT_CONTAINS(show.out, "check-in");

    // The export and the report see the correction.
    const auto csv = parse_csv_document(event_.export_bytes());
    EXPECT_EQ(csv.value("id", "2", "organization"), "港北市");
}

TEST_F(PersonTest, ABadValueSaysWhatAndWhereAndChangesNothing) {
    const std::string before = event_.run({"person", "show", "1"}).out;
    const CommandOutput role = event_.run({"person", "set", "1", "--name", "X", "--role", "boss"});
    EXPECT_EQ(role.exit_code, 3) << describe(role);
    EXPECT_CONTAINS(role.err, "--role boss");
    const CommandOutput group = event_.run({"person", "set", "1", "--name", "X", "--group", "Z"});
    EXPECT_EQ(group.exit_code, 3) << describe(group);
    EXPECT_CONTAINS(group.err, "--group Z");
    const CommandOutput name = event_.run({"person", "set", "1", "--name", " "});
    EXPECT_EQ(name.exit_code, 3) << describe(name);
    EXPECT_CONTAINS(name.err, "person 1: name");
    EXPECT_CONTAINS(name.err, "nothing changed");
    const CommandOutput nobody = event_.run({"person", "set", "99", "--name", "X"});
    EXPECT_EQ(nobody.exit_code, 3) << describe(nobody);
    EXPECT_CONTAINS(nobody.err, "\"99\"");
    EXPECT_EQ(event_.run({"person", "show", "1"}).out, before);
    EXPECT_EQ(event_.run({"person", "set", "1"}).exit_code, 2) << "nothing to set";
}

TEST_F(PersonTest, AnEmptyGroupTakesThemOut) {
    const CommandOutput set = event_.run({"person", "set", "3", "--group", ""});
    ASSERT_EQ(set.exit_code, 0) << describe(set);
    EXPECT_CONTAINS(event_.run({"person", "show", "3"}).out, "group:        (none)");
}

}  // namespace
}  // namespace uketsuke::testing::cli
