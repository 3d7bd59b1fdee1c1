// `uketsuke init`, `info` and the exit codes every command shares.

#include <gtest/gtest.h>

#include "cli/cli_fixtures.hpp"

namespace uketsuke::testing::cli {
namespace {

TEST(InitTest, CreatesEventAndSecretKeyBesideItBothPrivate) {
    TempDir dir;
    const auto db = dir / "workshop.db";
    const CommandOutput output = uketsuke(
        {"--event", db.string(), "init", "--name", "自治体DX研修", "--date", "2026-03-14"});
    ASSERT_EQ(output.exit_code, 0) << describe(output);
    const auto key = dir / "workshop.secret-key";
    ASSERT_TRUE(std::filesystem::exists(db));
    ASSERT_TRUE(std::filesystem::exists(key)) << output.out;
    EXPECT_EQ(file_mode(db), 0600u);
    EXPECT_EQ(file_mode(key), 0600u);
    EXPECT_CONTAINS(output.out, "自治体DX研修");
    EXPECT_CONTAINS(output.out, key.string());

    const CommandOutput info = on_event(db, {"info"});
    ASSERT_EQ(info.exit_code, 0) << describe(info);
    EXPECT_CONTAINS(info.out, "自治体DX研修");
    EXPECT_CONTAINS(info.out, "2026-03-14");
    EXPECT_CONTAINS(info.out, "Asia/Tokyo");
}

TEST(InitTest, RefusesAnExistingFileAndLeavesItAlone) {
    EventFixture event;
    const std::string before = read_file(event.db());
    const CommandOutput again = event.run({"init", "--name", "二度目"});
    EXPECT_EQ(again.exit_code, 3) << describe(again);
    EXPECT_CONTAINS(again.err, "already exists");
    EXPECT_EQ(read_file(event.db()), before);
    const CommandOutput info = event.run({"info"});
    EXPECT_CONTAINS(info.out, "テスト勉強会");
}

TEST(InitTest, RefusesWhenOnlyTheSecretKeyFileExists) {
    TempDir dir;
    write_file(dir / "e.secret-key", "someone else's key\n");
    const CommandOutput output =
        uketsuke({"--event", (dir / "e.db").string(), "init", "--name", "x"});
    EXPECT_EQ(output.exit_code, 3) << describe(output);
    EXPECT_CONTAINS(output.err, "e.secret-key");
    EXPECT_EQ(read_file(dir / "e.secret-key"), "someone else's key\n");
    EXPECT_FALSE(std::filesystem::exists(dir / "e.db"));
}

TEST(InitTest, RejectsUnknownTimeZoneNamingTheOption) {
    TempDir dir;
    const auto db = dir / "e.db";
    const CommandOutput output =
        uketsuke({"--event", db.string(), "init", "--name", "x", "--time-zone", "Asia/Nowhere"});
    EXPECT_EQ(output.exit_code, 3) << describe(output);
    EXPECT_CONTAINS(output.err, "--time-zone");
    EXPECT_CONTAINS(output.err, "Asia/Nowhere");
    EXPECT_FALSE(std::filesystem::exists(db));
    EXPECT_FALSE(std::filesystem::exists(dir / "e.secret-key"));
}

TEST(InitTest, RejectsMalformedDateNamingTheOption) {
    TempDir dir;
    const auto db = dir / "e.db";
    const CommandOutput output =
        uketsuke({"--event", db.string(), "init", "--name", "x", "--date", "2026/03/14"});
    EXPECT_EQ(output.exit_code, 3) << describe(output);
    EXPECT_CONTAINS(output.err, "--date");
    EXPECT_CONTAINS(output.err, "YYYY-MM-DD");
    EXPECT_FALSE(std::filesystem::exists(db));
    EXPECT_FALSE(std::filesystem::exists(dir / "e.secret-key"));
}

// The right shape is not enough: month 13 and 30 February are not dates.
TEST(InitTest, RejectsImpossibleDateNamingTheOption) {
    for (const std::string date : {"2026-13-01", "2026-02-30"}) {
        TempDir dir;
        const auto db = dir / "e.db";
        const CommandOutput output =
            uketsuke({"--event", db.string(), "init", "--name", "x", "--date", date});
        EXPECT_EQ(output.exit_code, 3) << date << "\n" << describe(output);
        EXPECT_CONTAINS(output.err, "--date") << date;
        EXPECT_FALSE(std::filesystem::exists(db)) << date;
    }
}

TEST(InitTest, EventFileFromEnvironmentVariable) {
    TempDir dir;
    const std::string variable = "UKETSUKE_EVENT=" + (dir / "env.db").string();
    const CommandOutput init =
        uketsuke({"init", "--name", "環境変数の会", "--date", "2026-04-01"}, {variable});
    ASSERT_EQ(init.exit_code, 0) << describe(init);
    EXPECT_TRUE(std::filesystem::exists(dir / "env.db"));
    EXPECT_TRUE(std::filesystem::exists(dir / "env.secret-key"));
    const CommandOutput info = uketsuke({"info"}, {variable});
    EXPECT_EQ(info.exit_code, 0) << describe(info);
    EXPECT_CONTAINS(info.out, "環境変数の会");
}

TEST(ExitCodeTest, NoEventFileIsUsageError) {
    const CommandOutput output = uketsuke({"info"});
    EXPECT_EQ(output.exit_code, 2) << describe(output);
    EXPECT_CONTAINS(output.err, "--event");
    EXPECT_CONTAINS(output.err, "UKETSUKE_EVENT");
}

TEST(ExitCodeTest, UnknownCommandAndMissingArgumentAreUsageErrors) {
    EventFixture event;
    EXPECT_EQ(event.run({"frobnicate"}).exit_code, 2);
    EXPECT_EQ(uketsuke({}).exit_code, 2);
    EXPECT_EQ(event.run({"import"}).exit_code, 2);
    EXPECT_EQ(event.run({"checkin"}).exit_code, 2);
    EXPECT_EQ(event.run({"tickets"}).exit_code, 2);
    EXPECT_EQ(event.run({"export", (event / "x.txt").string()}).exit_code, 2);
    EXPECT_EQ(event.run({"import", (event / "r.csv").string(), "--encoding", "ebcdic"}).exit_code,
              2);
}

TEST(ExitCodeTest, MissingEventFileIsEventFileError) {
    TempDir dir;
    const auto db = dir / "nowhere.db";
    const CommandOutput output = on_event(db, {"info"});
    EXPECT_EQ(output.exit_code, 4) << describe(output);
    EXPECT_CONTAINS(output.err, "nowhere.db");
    EXPECT_FALSE(std::filesystem::exists(db)) << "opening must not create the file";
}

TEST(ExitCodeTest, HelpListsTheExitCodes) {
    const CommandOutput output = uketsuke({"--help"});
    EXPECT_EQ(output.exit_code, 0) << describe(output);
    EXPECT_CONTAINS(output.out, "Exit codes");
}

}  // namespace
}  // namespace uketsuke::testing::cli
