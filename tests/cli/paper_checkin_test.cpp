// `uketsuke checkin --id A --id B … --method paper --at TIME` (or --ids-file): the paper list
// of a kiosk that died, entered afterwards in one go, all or nothing.

#include <gtest/gtest.h>

#include "cli/cli_fixtures.hpp"

namespace uketsuke::testing::cli {
namespace {

class PaperCheckinTest : public ::testing::Test {
protected:
    void SetUp() override {
        event_.import_ok("r.csv", crlf_lines({
                                      "ID,氏名,所属,状態",
                                      "1,山田 太郎,青葉市,参加",
                                      "2,佐藤 花子,港南市,参加",
                                      "3,鈴木 一郎,青葉市,参加",
                                      "4,高橋 次郎,桜川町,キャンセル",
                                  }));
        // The event's day (2026-03-14), 09:30 to 12:00, late after 09:40.
        const CommandOutput set = event_.run(
            {"sessions", "set", "s1", "--start", "09:30", "--end", "12:00", "--grace", "10"});
        ASSERT_EQ(set.exit_code, 0) << describe(set);
        ASSERT_EQ(event_.run({"groups", "create", "--count", "1"}).exit_code, 0);
        ASSERT_EQ(event_.run({"groups", "assign"}).exit_code, 0);
    }
    EventFixture event_;
};

TEST_F(PaperCheckinTest, RecordedAsPaperAtTheGivenTimeAndCountedWithLateMarks) {
    const CommandOutput paper = event_.run(
        {"checkin", "--id", "1", "--id", "2", "--method", "paper", "--at", "2026-03-14 09:35"});
    ASSERT_EQ(paper.exit_code, 0) << describe(paper);
    EXPECT_CONTAINS(paper.out, "paper check-ins at 2026-03-14 09:35");
    EXPECT_CONTAINS(paper.out, "山田 太郎 (1): checked in — group A, table 1");
    EXPECT_CONTAINS(paper.out, "2 checked in, 0 already in");
    const CommandOutput late =
        event_.run({"checkin", "--id", "3", "--method", "paper", "--at", "09:55"});
    ASSERT_EQ(late.exit_code, 0) << describe(late);

    const auto csv = parse_csv_document(event_.export_bytes());
    EXPECT_EQ(csv.value("id", "1", "method"), "paper");
    EXPECT_EQ(csv.value("id", "1", "attended"), "yes");
    EXPECT_CONTAINS(csv.value("id", "1", "checked_in_at"), "2026-03-14 09:35");
    EXPECT_CONTAINS(csv.value("id", "3", "checked_in_at"), "2026-03-14 09:55");
    const auto report = event_.report_json();
    EXPECT_EQ(report["session"]["counts"]["attended"], 3);
    EXPECT_EQ(report["session"]["counts"]["late"], 1) << report["session"].dump(2);
    EXPECT_EQ(report["arrivals_per_5_minutes"][0]["start"], "2026-03-14 09:35:00");
}

TEST_F(PaperCheckinTest, AnUnknownOrCancelledIdRecordsNobodyAndSaysWhichPerId) {
    ASSERT_EQ(event_.run({"checkin", "--id", "2"}).exit_code, 0);  // at the kiosk before it died
    write_file(event_ / "ids.txt",
               "\xEF\xBB\xBF"
               "1\r\n\r\n# the back row\r\n2\r\n4\r\n99\r\n");
    const CommandOutput refused =
        event_.run({"checkin", "--ids-file", (event_ / "ids.txt").string(), "--method", "paper",
                    "--at", "2026-03-14 09:40"});
    EXPECT_EQ(refused.exit_code, 3) << describe(refused);
    EXPECT_CONTAINS(refused.out, "山田 太郎 (1): would be checked in");
    EXPECT_CONTAINS(refused.out, "佐藤 花子 (2): already checked in at");
    EXPECT_CONTAINS(refused.out, "高橋 次郎 (4): refused, the registration is cancelled");
    EXPECT_CONTAINS(refused.out, "99: refused, no one with this id is registered");
    EXPECT_CONTAINS(refused.err, "nothing recorded: 1 unknown, 1 cancelled");
    EXPECT_EQ(event_.report_json()["session"]["counts"]["attended"], 1) << "only the kiosk's";

    write_file(event_ / "ids.txt", "1\n2\n3\n1\n");
    const CommandOutput entered =
        event_.run({"checkin", "--ids-file", (event_ / "ids.txt").string(), "--method", "paper",
                    "--at", "2026-03-14 09:40"});
    ASSERT_EQ(entered.exit_code, 0) << describe(entered);
    EXPECT_CONTAINS(entered.out, "2 checked in, 1 already in");
    EXPECT_EQ(event_.report_json()["session"]["counts"]["attended"], 3);
    const auto csv = parse_csv_document(event_.export_bytes());
    EXPECT_NE(csv.value("id", "2", "method"), "paper") << "the kiosk's check-in stays";
}

TEST_F(PaperCheckinTest, BadTimesAndMethodsAreRefusedBeforeAnythingIsWritten) {
    for (const std::vector<std::string>& bad : {std::vector<std::string>{"--at", "9時40分"},
                                                {"--at", "2026-03-14 25:00"},
                                                {"--at", "2099-01-01 09:00"}}) {
        std::vector<std::string> arguments{"checkin", "--id", "1", "--method", "paper"};
        arguments.insert(arguments.end(), bad.begin(), bad.end());
        const CommandOutput output = event_.run(arguments);
        EXPECT_EQ(output.exit_code, 3) << bad[1] << describe(output);
        EXPECT_CONTAINS(output.err, "--at");
    }
    EXPECT_EQ(event_.run({"checkin", "--id", "1", "--method", "fax"}).exit_code, 2);
    EXPECT_EQ(event_.report_json()["session"]["counts"]["attended"], 0);
}

}  // namespace
}  // namespace uketsuke::testing::cli
