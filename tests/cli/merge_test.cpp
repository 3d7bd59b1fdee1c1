// `uketsuke merge`: kiosks' copies of an event into one record, -o and --into, refusals.

#include <gtest/gtest.h>

#include <filesystem>

#include "cli/cli_fixtures.hpp"

namespace uketsuke::testing::cli {
namespace {

class MergeCommandTest : public ::testing::Test {
protected:
    void SetUp() override {
        event_.import_ok("roster.csv", generic_roster());
        // Each kiosk gets a copy of the organizer's file, as on the USB stick.
        std::filesystem::copy_file(event_.db(), a_);
        std::filesystem::copy_file(event_.db(), b_);
        expect_ok(on_event(a_, {"checkin", "--id", "1", "--kiosk", "A"}));
        EXPECT_EQ(
            on_event(a_, {"checkin", "https://example.com/not-a-ticket", "--kiosk", "A"}).exit_code,
            1);
        expect_ok(on_event(b_, {"checkin", "--id", "1", "--kiosk", "B"}));
        expect_ok(on_event(b_, {"checkin", "--id", "2", "--kiosk", "B"}));
    }

    static void expect_ok(const CommandOutput& output) {
        EXPECT_EQ(output.exit_code, 0) << describe(output);
    }

    static int attended(const std::filesystem::path& db) {
        const CommandOutput output = on_event(db, {"report", "--json"});
        EXPECT_EQ(output.exit_code, 0) << describe(output);
        const auto report = nlohmann::json::parse(output.out, nullptr, false);
        return report.is_object() ? report["session"]["counts"]["attended"].get<int>() : -1;
    }

    EventFixture event_;
    std::filesystem::path a_ = event_ / "kiosk-a.db";
    std::filesystem::path b_ = event_ / "kiosk-b.db";
    std::filesystem::path out_ = event_ / "merged.db";
};

TEST_F(MergeCommandTest, IntoANewFilePrintsWhatEachFileBrought) {
    const CommandOutput output = uketsuke({"merge", a_.string(), b_.string(), "-o", out_.string()});
    ASSERT_EQ(output.exit_code, 0) << describe(output);
    EXPECT_CONTAINS(output.out,
                    a_.string() + ": 1 check-ins, 0 undos, 1 rejected scans, 3 new people");
    EXPECT_CONTAINS(output.out,
                    b_.string() + ": 2 check-ins, 0 undos, 0 rejected scans, 0 new people");
    EXPECT_CONTAINS(output.out,
                    "total: 3 check-ins, 0 undos, 1 rejected scans, 3 new people (0 walk-ins)");
    EXPECT_CONTAINS(output.out, "Merged 2 files into " + out_.string());
    EXPECT_EQ(file_mode(out_), 0600u);
    EXPECT_EQ(attended(out_), 2) << "person 1 checked in at both kiosks counts once";
    const auto report = on_event(out_, {"report", "--json"});
    EXPECT_EQ(nlohmann::json::parse(report.out)["rejected_scans"], 1);
    // The new file is the same event: the organizer's own file merges into it.
    expect_ok(uketsuke({"merge", "--into", out_.string(), event_.db().string()}));
}

TEST_F(MergeCommandTest, IntoAnExistingFileAgainAndAgain) {
    const CommandOutput first =
        uketsuke({"merge", "--into", event_.db().string(), a_.string(), b_.string()});
    ASSERT_EQ(first.exit_code, 0) << describe(first);
    EXPECT_CONTAINS(first.out, "total: 3 check-ins, 0 undos, 1 rejected scans, 0 new people");
    EXPECT_EQ(attended(event_.db()), 2);

    const CommandOutput again =
        uketsuke({"merge", "--into", event_.db().string(), b_.string(), a_.string()});
    ASSERT_EQ(again.exit_code, 0) << describe(again);
    EXPECT_CONTAINS(
        again.out,
        "total: 0 check-ins, 0 undos, 0 rejected scans, 0 new people (0 walk-ins), 0 edits");
}

TEST_F(MergeCommandTest, AnUndoTravelsToTheOtherKiosk) {
    expect_ok(uketsuke({"merge", "--into", b_.string(), a_.string()}));
    expect_ok(on_event(b_, {"undo", "--id", "1", "--kiosk", "B"}));
    const CommandOutput output = uketsuke({"merge", "--into", a_.string(), b_.string()});
    ASSERT_EQ(output.exit_code, 0) << describe(output);
    EXPECT_CONTAINS(output.out, "2 undos");
    EXPECT_EQ(attended(a_), 1) << "only person 2 is still in";
}

TEST_F(MergeCommandTest, DryRunChangesNothing) {
    const CommandOutput output =
        uketsuke({"merge", "--dry-run", "--into", event_.db().string(), a_.string()});
    ASSERT_EQ(output.exit_code, 0) << describe(output);
    EXPECT_CONTAINS(output.out, "total: 1 check-ins");
    EXPECT_CONTAINS(output.out, "Dry run");
    EXPECT_EQ(attended(event_.db()), 0);
}

TEST_F(MergeCommandTest, AnotherEventsFileIsRefusedAndNothingChanges) {
    EventFixture other("別の勉強会");
    const std::string before = read_file(event_.db());
    const CommandOutput output =
        uketsuke({"merge", "--into", event_.db().string(), a_.string(), other.db().string()});
    EXPECT_EQ(output.exit_code, 3) << describe(output);
    EXPECT_CONTAINS(output.err, other.db().string());
    EXPECT_CONTAINS(output.err, "another event");
    EXPECT_CONTAINS(output.err, "was not changed");
    EXPECT_EQ(read_file(event_.db()), before);
    EXPECT_EQ(attended(event_.db()), 0);
}

TEST_F(MergeCommandTest, ADamagedFileIsRefusedByName) {
    const auto junk = event_ / "kiosk-c.db";
    write_file(junk, std::string(8192, '\x42'));
    const std::string before = read_file(event_.db());
    const CommandOutput output =
        uketsuke({"merge", "--into", event_.db().string(), a_.string(), junk.string()});
    EXPECT_EQ(output.exit_code, 3) << describe(output);
    EXPECT_CONTAINS(output.err, junk.string());
    EXPECT_CONTAINS(output.err, "not an SQLite database");
    EXPECT_EQ(read_file(event_.db()), before);

    // With -o, nothing is created either.
    const CommandOutput fresh =
        uketsuke({"merge", a_.string(), junk.string(), "-o", out_.string()});
    EXPECT_EQ(fresh.exit_code, 3) << describe(fresh);
    EXPECT_CONTAINS(fresh.err, junk.string());
    EXPECT_FALSE(std::filesystem::exists(out_));
    const CommandOutput first_bad =
        uketsuke({"merge", junk.string(), a_.string(), "-o", out_.string()});
    EXPECT_EQ(first_bad.exit_code, 3) << describe(first_bad);
    EXPECT_CONTAINS(first_bad.err, junk.string());
    EXPECT_FALSE(std::filesystem::exists(out_));
}

TEST_F(MergeCommandTest, AnExistingOutputIsNotOverwritten) {
    const std::string before = read_file(event_.db());
    const CommandOutput output =
        uketsuke({"merge", a_.string(), b_.string(), "-o", event_.db().string()});
    EXPECT_EQ(output.exit_code, 3) << describe(output);
    EXPECT_CONTAINS(output.err, "already exists");
    EXPECT_CONTAINS(output.err, "--into");
    EXPECT_EQ(read_file(event_.db()), before);
}

TEST_F(MergeCommandTest, NeedsExactlyOneTarget) {
    EXPECT_EQ(uketsuke({"merge", a_.string()}).exit_code, 2);
    EXPECT_EQ(uketsuke({"merge", a_.string(), "-o", out_.string(), "--into", event_.db().string()})
                  .exit_code,
              2);
    EXPECT_EQ(uketsuke({"merge", "-o", out_.string()}).exit_code, 2);
}

}  // namespace
}  // namespace uketsuke::testing::cli
