// `uketsuke tickets` and `uketsuke ticket`: QR images, the mail-merge list, re-issue.

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "cli/cli_fixtures.hpp"

namespace uketsuke::testing::cli {
namespace {

// Four people, one of them cancelled.
std::string roster_with_cancellation() {
    return crlf_lines({
        "ID,氏名,所属,メールアドレス,状態",
        "p-1,山田 太郎,青葉市,taro@example.jp,参加",
        "p-2,佐藤 花子,港南市,hanako@example.jp,参加",
        "p-3,鈴木 一郎,青葉市,ichiro@example.jp,キャンセル",
        "p-4,=HYPERLINK(\"http://x\"),桜川町,jiro@example.jp,参加",
    });
}

// The line of `text` that starts with "UK1:".
std::string payload_line(const std::string& text) {
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
        if (line.rfind("UK1:", 0) == 0) return line;
    }
    return {};
}

class TicketsTest : public ::testing::Test {
protected:
    void SetUp() override { event_.import_ok("r.csv", roster_with_cancellation()); }
    EventFixture event_;
};

TEST_F(TicketsTest, OnePngAndSvgPerRegisteredPersonAndAMailMergeList) {
    const CommandOutput output = event_.run({"tickets", "--out", (event_ / "out").string()});
    ASSERT_EQ(output.exit_code, 0) << describe(output);
    EXPECT_CONTAINS(output.out, "3 tickets");

    const auto out = event_ / "out";
    int png = 0;
    int svg = 0;
    for (const auto& entry : std::filesystem::directory_iterator(out)) {
        const std::string file = entry.path().filename().string();
        if (file.ends_with(".phone.png")) continue;  // the phone ticket page, below
        if (entry.path().extension() == ".png") ++png;
        if (entry.path().extension() == ".svg") ++svg;
    }
    EXPECT_EQ(png, 3);
    EXPECT_EQ(svg, 3);

    const std::string merge = read_file(out / "tickets.csv");
    EXPECT_EQ(merge.substr(0, 3), kBom) << "tickets.csv must start with the UTF-8 BOM";
    const CsvDocument list = parse_csv_document(merge);
    for (const std::string column : {"name", "email", "code", "image_file"}) {
        EXPECT_GE(list.column(column), 0) << column;
    }
    ASSERT_EQ(list.rows.size(), 3u);
    EXPECT_EQ(list.value("name", "鈴木 一郎", "code"), "<missing>")
        << "no ticket for a cancellation";
    EXPECT_EQ(list.value("name", "佐藤 花子", "email"), "hanako@example.jp");
    for (const auto& row : list.rows) {
        const std::string code = row[static_cast<std::size_t>(list.column("code"))];
        EXPECT_EQ(code.rfind("UK1:", 0), 0u) << code;
        const std::string image = row[static_cast<std::size_t>(list.column("image_file"))];
        ASSERT_TRUE(std::filesystem::exists(out / image)) << image;
        const std::string bytes = read_file(out / image);
        EXPECT_TRUE(has_png_signature(bytes)) << image;
        const PngSize size = png_size(bytes);
        EXPECT_GT(size.width, 0u);
        EXPECT_EQ(size.width, size.height);
    }
    const std::string first_svg = read_file(out / "p-1.svg");
    EXPECT_NE(first_svg.find("<svg"), std::string::npos);
}

// The mail merge names whom, where they sit and each page: the six columns people's merges
// already use stay first and in order, id, group, table and the page files come after.
TEST_F(TicketsTest, TheMailMergeListNamesIdGroupTableAndThePages) {
    ASSERT_EQ(event_.run({"groups", "create", "--count", "1"}).exit_code, 0);
    ASSERT_EQ(event_.run({"groups", "set", "A", "--table", "窓側1"}).exit_code, 0);
    ASSERT_EQ(event_.run({"groups", "assign"}).exit_code, 0);
    const CommandOutput output = event_.run({"tickets", "--out", (event_ / "out").string()});
    ASSERT_EQ(output.exit_code, 0) << describe(output);
    const auto out = event_ / "out";
    const std::string merge = read_file(out / "tickets.csv");
    const std::string header = merge.substr(3, merge.find("\r\n") - 3);
    EXPECT_EQ(header,
              "name,email,organization,code,image_file,svg_file,id,group,table,page_pdf,page_png");
    const CsvDocument list = parse_csv_document(merge);
    ASSERT_EQ(list.rows.size(), 3u) << merge;
    EXPECT_EQ(list.value("name", "佐藤 花子", "id"), "p-2");
    EXPECT_EQ(list.value("name", "佐藤 花子", "group"), "A");
    EXPECT_EQ(list.value("name", "佐藤 花子", "table"), "窓側1");
    for (const auto& row : list.rows) {
        const std::string id = row[static_cast<std::size_t>(list.column("id"))];
        const std::string pdf = row[static_cast<std::size_t>(list.column("page_pdf"))];
        const std::string phone = row[static_cast<std::size_t>(list.column("page_png"))];
        EXPECT_EQ(pdf, id + ".pdf");
        EXPECT_EQ(phone, id + ".phone.png");
        ASSERT_TRUE(std::filesystem::exists(out / pdf)) << pdf;
        const std::string bytes = read_file(out / phone);
        ASSERT_TRUE(has_png_signature(bytes)) << phone;
        const PngSize size = png_size(bytes);
        EXPECT_EQ(size.width, 1080u);
        EXPECT_EQ(size.height, 1920u);
    }
}

// Every file of a run is staged and synced once at the end (StagedFiles): what is left is the
// files themselves, 0600, no temporaries; a file that cannot be written fails the run naming it,
// and again leaves no temporary behind.
TEST_F(TicketsTest, ARunLeavesOnlyItsFilesAndAFailureNamesTheFile) {
    const auto out = event_ / "out";
    const CommandOutput output = event_.run({"tickets", "--out", out.string()});
    ASSERT_EQ(output.exit_code, 0) << describe(output);
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(out)) {
        ++files;
        EXPECT_EQ(entry.path().string().find(".partial-"), std::string::npos) << entry.path();
        EXPECT_EQ(file_mode(entry.path()), 0600u) << entry.path();
    }
    EXPECT_EQ(files, 3u * 4u + 2u) << "png, svg, pdf, phone.png each, tickets.csv and .pdf";

    const auto blocked = event_ / "blocked";
    std::filesystem::create_directories(blocked / "p-2.phone.png" / "inside");
    const CommandOutput failed = event_.run({"tickets", "--out", blocked.string()});
    EXPECT_NE(failed.exit_code, 0) << describe(failed);
    EXPECT_CONTAINS(failed.err, (blocked / "p-2.phone.png").string());
    for (const auto& entry : std::filesystem::directory_iterator(blocked))
        EXPECT_EQ(entry.path().string().find(".partial-"), std::string::npos) << entry.path();
}

TEST_F(TicketsTest, ModuleSizeScalesThePng) {
    ASSERT_EQ(event_.run({"tickets", "--out", (event_ / "big").string()}).exit_code, 0);
    const CommandOutput small =
        event_.run({"tickets", "--out", (event_ / "small").string(), "--module-size", "4"});
    ASSERT_EQ(small.exit_code, 0) << describe(small);
    const std::string big_bytes = read_file(event_ / "big" / "p-1.png");
    const std::string small_bytes = read_file(event_ / "small" / "p-1.png");
    ASSERT_TRUE(has_png_signature(small_bytes));
    const PngSize big_size = png_size(big_bytes);
    const PngSize small_size = png_size(small_bytes);
    EXPECT_EQ(big_size.width, 2 * small_size.width) << "8 pixels a module (default) vs 4";
    EXPECT_EQ(small_size.width, small_size.height);
    EXPECT_NE(big_bytes.size(), small_bytes.size());

    EXPECT_EQ(
        event_.run({"tickets", "--out", (event_ / "x").string(), "--module-size", "0"}).exit_code,
        2);
}

TEST_F(TicketsTest, PayloadsCheckInTheRightPerson) {
    const CsvDocument list = issue_tickets(event_);
    const std::string code = list.value("name", "佐藤 花子", "code");
    const CommandOutput checkin = event_.run({"checkin", code});
    EXPECT_EQ(checkin.exit_code, 0) << describe(checkin);
    EXPECT_CONTAINS(checkin.out, "佐藤 花子");
    EXPECT_CONTAINS(checkin.out, "p-2");
}

TEST_F(TicketsTest, MissingSecretKeyIsReportedByName) {
    std::filesystem::rename(event_ / "event.secret-key", event_ / "elsewhere.key");
    const CommandOutput output = event_.run({"tickets", "--out", (event_ / "out").string()});
    EXPECT_EQ(output.exit_code, 3) << describe(output);
    EXPECT_CONTAINS(output.err, "event.secret-key");

    const CommandOutput with_key = event_.run({"tickets", "--out", (event_ / "out").string(),
                                               "--key", (event_ / "elsewhere.key").string()});
    EXPECT_EQ(with_key.exit_code, 0) << describe(with_key);
}

TEST_F(TicketsTest, KeyOfAnotherEventIsRefused) {
    EventFixture other("別のイベント");
    const CommandOutput output = event_.run({"tickets", "--out", (event_ / "out").string(), "--key",
                                             (other / "event.secret-key").string()});
    EXPECT_EQ(output.exit_code, 3) << describe(output);
    EXPECT_CONTAINS(output.err, "another event");
}

TEST_F(TicketsTest, TicketPrintsHalfBlocksAndThePayload) {
    const CsvDocument list = issue_tickets(event_);
    const CommandOutput output = event_.run({"ticket", "p-1"});
    ASSERT_EQ(output.exit_code, 0) << describe(output);
    EXPECT_TRUE(output.out.find("\u2580") != std::string::npos ||
                output.out.find("\u2584") != std::string::npos)
        << output.out;
    EXPECT_CONTAINS(output.out, "山田 太郎");
    EXPECT_EQ(payload_line(output.out), list.value("name", "山田 太郎", "code"));

    const CommandOutput unknown = event_.run({"ticket", "nobody"});
    EXPECT_EQ(unknown.exit_code, 3) << describe(unknown);
    EXPECT_CONTAINS(unknown.err, "nobody");
}

TEST_F(TicketsTest, ReissueRevokesTheOldTicket) {
    const CsvDocument list = issue_tickets(event_);
    const std::string old_code = list.value("name", "山田 太郎", "code");
    ASSERT_EQ(old_code.rfind("UK1:", 0), 0u);

    const CommandOutput reissue = event_.run({"ticket", "p-1", "--reissue"});
    ASSERT_EQ(reissue.exit_code, 0) << describe(reissue);
    const std::string new_code = payload_line(reissue.out);
    ASSERT_FALSE(new_code.empty()) << reissue.out;
    EXPECT_NE(new_code, old_code);

    const CommandOutput old_scan = event_.run({"checkin", old_code});
    EXPECT_EQ(old_scan.exit_code, 1) << describe(old_scan);
    // The brief asks for "revoked"; the tool words it as "replaced by a newer one".
    EXPECT_TRUE(old_scan.err.find("revoked") != std::string::npos ||
                old_scan.err.find("replaced by a newer") != std::string::npos)
        << old_scan.err;

    const CommandOutput new_scan = event_.run({"checkin", new_code});
    EXPECT_EQ(new_scan.exit_code, 0) << describe(new_scan);
    EXPECT_CONTAINS(new_scan.out, "山田 太郎");

    // tickets.csv written now carries the new ticket.
    const CsvDocument again = issue_tickets(event_, "again");
    EXPECT_EQ(again.value("name", "山田 太郎", "code"), new_code);
}

// Ids from registration sites may be Japanese; two such ids must not share one image file.
TEST(TicketFilesTest, NonAsciiIdsGetDistinctImageFiles) {
    EventFixture event;
    event.import_ok(
        "r.csv", crlf_lines({"ID,氏名", "受付1,山田 太郎", "会員1,佐藤 花子", "r/../1,鈴木 一郎"}));
    const CsvDocument list = issue_tickets(event);
    ASSERT_EQ(list.rows.size(), 3u);
    const std::string yamada = list.value("name", "山田 太郎", "image_file");
    const std::string sato = list.value("name", "佐藤 花子", "image_file");
    const std::string suzuki = list.value("name", "鈴木 一郎", "image_file");
    EXPECT_NE(yamada, sato) << "both tickets would be written to the same file";
    EXPECT_EQ(suzuki.find('/'), std::string::npos) << suzuki;
    EXPECT_TRUE(std::filesystem::exists(event / "tickets" / yamada));
    EXPECT_TRUE(std::filesystem::exists(event / "tickets" / sato));
    int png = 0;
    for (const auto& entry : std::filesystem::directory_iterator(event / "tickets")) {
        const std::string file = entry.path().filename().string();
        if (file.ends_with(".phone.png")) continue;  // the phone ticket page, below
        if (entry.path().extension() == ".png") ++png;
    }
    EXPECT_EQ(png, 3) << "one PNG per person";
}

TEST(KeysTest, RotateKeepsOldTicketsValidAndTheNewKeyPrivate) {
    EventFixture event;
    event.import_ok("r.csv", generic_roster());
    const CsvDocument before = issue_tickets(event, "before");
    const CommandOutput rotate = event.run({"keys", "rotate"});
    ASSERT_EQ(rotate.exit_code, 0) << describe(rotate);
    EXPECT_EQ(file_mode(event / "event.secret-key"), 0600u);
    EXPECT_TRUE(std::filesystem::exists(event / "event.secret-key.previous"));
    const CommandOutput keys = event.run({"keys", "list"});
    EXPECT_EQ(keys.exit_code, 0) << describe(keys);
    EXPECT_EQ(std::count(keys.out.begin(), keys.out.end(), '\n'), 2);

    const CsvDocument after = issue_tickets(event, "after");
    EXPECT_NE(after.value("name", "山田 太郎", "code"), before.value("name", "山田 太郎", "code"));
    const CommandOutput old_ticket =
        event.run({"checkin", before.value("name", "山田 太郎", "code")});
    EXPECT_EQ(old_ticket.exit_code, 0) << describe(old_ticket);
    const CommandOutput new_ticket =
        event.run({"checkin", after.value("name", "佐藤 花子", "code")});
    EXPECT_EQ(new_ticket.exit_code, 0) << describe(new_ticket);
}

}  // namespace
}  // namespace uketsuke::testing::cli
