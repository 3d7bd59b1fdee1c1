// --event (and -e) before or after the command, and what checkin and undo say.

#include <gtest/gtest.h>

#include "cli/cli_fixtures.hpp"

namespace uketsuke::testing::cli {
namespace {

TEST(OptionsAnywhere, EventFileBeforeOrAfterTheCommand) {
    TempDir dir;
    const std::string db = (dir / "x.db").string();
    const CommandOutput init =
        uketsuke({"init", "--name", "後ろに書く会", "--date", "2026-03-14", "--event", db});
    ASSERT_EQ(init.exit_code, 0) << describe(init);
    write_file(dir / "r.csv", generic_roster());
    const CommandOutput import = uketsuke({"import", (dir / "r.csv").string(), "-e", db});
    ASSERT_EQ(import.exit_code, 0) << describe(import);
    for (const std::vector<std::string>& command : {std::vector<std::string>{"info"},
                                                    {"report", "--json"},
                                                    {"groups", "list"},
                                                    {"sessions", "list"},
                                                    {"search", "山田"},
                                                    {"person", "show", "1"}}) {
        std::vector<std::string> before{"--event", db};
        before.insert(before.end(), command.begin(), command.end());
        std::vector<std::string> after = command;
        after.insert(after.end(), {"--event", db});
        std::vector<std::string> short_after = command;
        short_after.insert(short_after.end(), {"-e", db});
        const CommandOutput first = uketsuke(before);
        ASSERT_EQ(first.exit_code, 0) << command[0] << describe(first);
        const CommandOutput second = uketsuke(after);
        EXPECT_EQ(second.exit_code, 0) << command[0] << describe(second);
        EXPECT_EQ(second.out, first.out) << command[0];
        EXPECT_EQ(uketsuke(short_after).out, first.out) << command[0];
    }
    EXPECT_CONTAINS(uketsuke({"info", "--event", db}).out, "後ろに書く会");
    EXPECT_EQ(uketsuke({"info", "--no-such-option", "-e", db}).exit_code, 2);
}

TEST(OptionsAnywhere, CheckinSaysTheGroupAndTableAndUndoSaysWhoAndWhy) {
    EventFixture event;
    event.import_ok("r.csv", generic_roster());
    ASSERT_EQ(event.run({"groups", "create", "--count", "1"}).exit_code, 0);
    ASSERT_EQ(event.run({"groups", "assign"}).exit_code, 0);
    const CommandOutput checkin = event.run({"checkin", "--id", "1"});
    ASSERT_EQ(checkin.exit_code, 0) << describe(checkin);
    EXPECT_CONTAINS(checkin.out, "checked in: 山田 太郎 (1) — group A, table 1 [");
    EXPECT_CONTAINS(event.run({"checkin", "--id", "1"}).out, "— group A, table 1");

    const CommandOutput undo = event.run({"undo", "--id", "1"});
    ASSERT_EQ(undo.exit_code, 0) << describe(undo);
    EXPECT_CONTAINS(undo.out, "undone: the check-in of 山田 太郎 (1)");
    const CommandOutput again = event.run({"undo", "--id", "1"});
    EXPECT_EQ(again.exit_code, 1) << describe(again);
    EXPECT_CONTAINS(again.err, "山田 太郎 (1) has no check-in in force at session s1");
    EXPECT_LACKS(again.err, "not-found");
    const CommandOutput nobody = event.run({"undo", "--id", "99"});
    EXPECT_CONTAINS(nobody.err, "no one with the id \"99\"");
    const CommandOutput row = event.run({"undo", "00000000000000000000000000000000"});
    EXPECT_CONTAINS(row.err, "this file has no check-in with the id 0000");
}

}  // namespace
}  // namespace uketsuke::testing::cli
