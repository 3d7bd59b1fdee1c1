// `uketsuke checkin` and `undo`: every outcome a scan can have, from the command line.

#include <gtest/gtest.h>

#include <cctype>

#include "cli/cli_fixtures.hpp"

namespace uketsuke::testing::cli {
namespace {

class CheckinTest : public ::testing::Test {
protected:
    void SetUp() override {
        event_.import_ok("connpass.csv", connpass_roster());
        tickets_ = issue_tickets(event_);
        ASSERT_EQ(tickets_.rows.size(), 2u);
    }

    std::string code_of(const std::string& name) const {
        return tickets_.value("name", name, "code");
    }

    int rejected_scans() const { return event_.report_json()["rejected_scans"].get<int>(); }
    int attended() const {
        return event_.report_json()["session"]["counts"]["attended"].get<int>();
    }

    EventFixture event_;
    CsvDocument tickets_;
};

TEST_F(CheckinTest, TicketChecksInThenSaysAlreadyCheckedInWithKiosk) {
    const CommandOutput first =
        event_.run({"checkin", code_of("山田 太郎"), "--kiosk", "正面入口"});
    ASSERT_EQ(first.exit_code, 0) << describe(first);
    EXPECT_CONTAINS(first.out, "checked in");
    EXPECT_CONTAINS(first.out, "山田 太郎");
    EXPECT_EQ(attended(), 1);

    const CommandOutput second = event_.run({"checkin", code_of("山田 太郎"), "--kiosk", "裏口"});
    EXPECT_EQ(second.exit_code, 0) << describe(second);
    EXPECT_CONTAINS(second.out, "already checked in");
    EXPECT_CONTAINS(second.out, "正面入口");
    EXPECT_EQ(attended(), 1);
}

TEST_F(CheckinTest, ScannerNewlineAndLowercaseAreAccepted) {
    std::string code = code_of("佐藤 花子");
    for (char& c : code) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const CommandOutput output = event_.run({"checkin", code + "\n"});
    EXPECT_EQ(output.exit_code, 0) << describe(output);
    EXPECT_CONTAINS(output.out, "佐藤 花子");
}

TEST_F(CheckinTest, ImportedPlatformCodeChecksIn) {
    const CommandOutput output = event_.run({"checkin", "1234567"});
    EXPECT_EQ(output.exit_code, 0) << describe(output);
    EXPECT_CONTAINS(output.out, "山田 太郎");
}

TEST_F(CheckinTest, ManualCheckinById) {
    const CommandOutput output = event_.run({"checkin", "--id", "2345678", "--staff", "受付係"});
    EXPECT_EQ(output.exit_code, 0) << describe(output);
    EXPECT_CONTAINS(output.out, "佐藤 花子");
    const CsvDocument exported = parse_csv_document(event_.export_bytes());
    EXPECT_EQ(exported.value("id", "2345678", "attended"), "yes");
    EXPECT_EQ(exported.value("id", "2345678", "method"), "manual");
}

TEST_F(CheckinTest, CancelledPersonIsRefused) {
    const CommandOutput by_code = event_.run({"checkin", "3456789"});
    EXPECT_EQ(by_code.exit_code, 1) << describe(by_code);
    EXPECT_CONTAINS(by_code.err, "cancelled");
    EXPECT_CONTAINS(by_code.err, "鈴木 一郎");
    const CommandOutput by_id = event_.run({"checkin", "--id", "3456789"});
    EXPECT_EQ(by_id.exit_code, 1) << describe(by_id);
    EXPECT_CONTAINS(by_id.err, "cancelled");
    EXPECT_EQ(attended(), 0);
}

TEST_F(CheckinTest, UnknownNumberIsUnknownCode) {
    const CommandOutput output = event_.run({"checkin", "9999999"});
    EXPECT_EQ(output.exit_code, 1) << describe(output);
    EXPECT_CONTAINS(output.err, "unknown code");
    EXPECT_EQ(rejected_scans(), 1);

    const CommandOutput unknown_id = event_.run({"checkin", "--id", "no-such-person"});
    EXPECT_EQ(unknown_id.exit_code, 1) << describe(unknown_id);
    EXPECT_CONTAINS(unknown_id.err, "unknown");
}

TEST_F(CheckinTest, UrlAndWifiCodeAreNotTickets) {
    for (const std::string scanned :
         {"https://connpass.com/event/123456/", "WIFI:S:net;T:WPA;P:x;;"}) {
        const CommandOutput output = event_.run({"checkin", scanned});
        EXPECT_EQ(output.exit_code, 1) << scanned << "\n" << describe(output);
        EXPECT_CONTAINS(output.err, "not a ticket") << scanned;
    }
    EXPECT_EQ(rejected_scans(), 2);
    EXPECT_EQ(attended(), 0);
}

TEST_F(CheckinTest, TicketOfAnotherEventIsRefused) {
    EventFixture other("別の勉強会");
    other.import_ok("connpass.csv", connpass_roster());
    const CsvDocument other_tickets = issue_tickets(other);
    const std::string foreign = other_tickets.value("name", "山田 太郎", "code");
    ASSERT_EQ(foreign.rfind("UK1:", 0), 0u);

    const CommandOutput output = event_.run({"checkin", foreign});
    EXPECT_EQ(output.exit_code, 1) << describe(output);
    EXPECT_CONTAINS(output.err, "another event");
    EXPECT_EQ(rejected_scans(), 1);
    EXPECT_EQ(attended(), 0);
}

TEST_F(CheckinTest, TamperedSignatureIsInvalid) {
    std::string code = code_of("山田 太郎");
    const auto last_colon = code.rfind(':');
    ASSERT_NE(last_colon, std::string::npos);
    // The first character of a base41 triple: changing it cannot overflow the triple.
    const std::size_t at = last_colon + 1 + 30;
    ASSERT_LT(at, code.size());
    code[at] = code[at] == '0' ? '1' : '0';

    const CommandOutput output = event_.run({"checkin", code});
    EXPECT_EQ(output.exit_code, 1) << describe(output);
    EXPECT_CONTAINS(output.err, "invalid ticket");
    EXPECT_EQ(rejected_scans(), 1);
    EXPECT_EQ(attended(), 0);
}

TEST_F(CheckinTest, TruncatedTicketIsInvalid) {
    const std::string code = code_of("山田 太郎");
    const CommandOutput output = event_.run({"checkin", code.substr(0, code.size() - 20)});
    EXPECT_EQ(output.exit_code, 1) << describe(output);
    EXPECT_CONTAINS(output.err, "invalid ticket");
    EXPECT_EQ(attended(), 0);
}

TEST_F(CheckinTest, UndoByCheckinIdThenCheckInAgain) {
    const CommandOutput first = event_.run({"checkin", code_of("山田 太郎")});
    ASSERT_EQ(first.exit_code, 0) << describe(first);
    const std::string checkin_id = bracketed_id(first.out);
    ASSERT_FALSE(checkin_id.empty()) << first.out;

    const CommandOutput undo = event_.run({"undo", checkin_id});
    EXPECT_EQ(undo.exit_code, 0) << describe(undo);
    EXPECT_CONTAINS(undo.out, "undone");
    EXPECT_EQ(attended(), 0);

    const CommandOutput twice = event_.run({"undo", checkin_id});
    EXPECT_EQ(twice.exit_code, 1) << describe(twice);

    const CommandOutput again = event_.run({"checkin", code_of("山田 太郎")});
    EXPECT_EQ(again.exit_code, 0) << describe(again);
    EXPECT_LACKS(again.out, "already");
    EXPECT_EQ(attended(), 1);
}

TEST_F(CheckinTest, UndoByParticipantIdThenCheckInAgain) {
    ASSERT_EQ(event_.run({"checkin", "--id", "2345678"}).exit_code, 0);
    const CommandOutput undo = event_.run({"undo", "--id", "2345678"});
    EXPECT_EQ(undo.exit_code, 0) << describe(undo);
    EXPECT_CONTAINS(undo.out, "2345678");
    EXPECT_EQ(attended(), 0);
    EXPECT_EQ(parse_csv_document(event_.export_bytes()).value("id", "2345678", "attended"), "no");

    const CommandOutput nothing = event_.run({"undo", "--id", "2345678"});
    EXPECT_EQ(nothing.exit_code, 1) << describe(nothing);

    const CommandOutput again = event_.run({"checkin", code_of("佐藤 花子")});
    EXPECT_EQ(again.exit_code, 0) << describe(again);
    EXPECT_LACKS(again.out, "already");
    EXPECT_EQ(attended(), 1);
}

TEST_F(CheckinTest, UndoOfUnknownCheckinIsRefused) {
    const CommandOutput output = event_.run({"undo", "00000000000000000000000000000000"});
    EXPECT_EQ(output.exit_code, 1) << describe(output);
    EXPECT_CONTAINS(output.err, "nothing undone");
}

TEST_F(CheckinTest, CodeAndIdTogetherIsUsageError) {
    const CommandOutput output = event_.run({"checkin", "1234567", "--id", "1234567"});
    EXPECT_EQ(output.exit_code, 2) << describe(output);
    EXPECT_EQ(attended(), 0);
}

}  // namespace
}  // namespace uketsuke::testing::cli
