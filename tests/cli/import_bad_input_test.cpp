// Rejected input: every refusal says what is wrong and where (file:line:column), exits 3,
// and leaves the event exactly as it was. Unusable event files exit 4 untouched.

#include <gtest/gtest.h>

#include <chrono>
#include <regex>

#include "cli/cli_fixtures.hpp"

namespace uketsuke::testing::cli {
namespace {

// An event holding a valid roster with one check-in, so "nothing changed" means something.
class BadImportTest : public ::testing::Test {
protected:
    void SetUp() override {
        event_.import_ok("good.csv", generic_roster());
        const CommandOutput checkin = event_.run({"checkin", "--id", "2"});
        ASSERT_EQ(checkin.exit_code, 0) << describe(checkin);
        export_before_ = event_.export_bytes("before.csv");
        report_before_ = event_.report_json();
    }

    // Imports `bytes` as `name`, expects refusal with `message` at `location` (":line:column"
    // after the file name; a regex), and an unchanged event.
    CommandOutput expect_rejected(const std::string& name, std::string_view bytes,
                                  const std::string& message, const std::string& location,
                                  std::vector<std::string> extra = {}) {
        const auto path = event_ / name;
        write_file(path, bytes);
        std::vector<std::string> arguments{"import", path.string()};
        arguments.insert(arguments.end(), extra.begin(), extra.end());
        const CommandOutput output = event_.run(arguments);
        EXPECT_EQ(output.exit_code, 3) << describe(output);
        EXPECT_CONTAINS(output.err, message);
        const std::regex where(
            std::regex_replace(path.string(), std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)") +
            location);
        EXPECT_TRUE(std::regex_search(output.err, where))
            << "expected " << path.string() << location << " in:\n"
            << output.err;
        EXPECT_CONTAINS(output.err, "Nothing was imported");
        expect_unchanged();
        return output;
    }

    void expect_unchanged() {
        EXPECT_EQ(event_.export_bytes("after.csv"), export_before_) << "the export changed";
        EXPECT_EQ(event_.report_json(), report_before_) << "the report changed";
    }

    EventFixture event_;
    std::string export_before_;
    nlohmann::json report_before_;
};

TEST_F(BadImportTest, UnbalancedQuote) {
    expect_rejected("quote.csv",
                    crlf_lines({"ID,氏名,所属", "4,\"田中 次郎,桜川町", "5,高橋 三郎,北山村"}),
                    "unclosed quote", ":2:3: ");
}

TEST_F(BadImportTest, TextAfterClosingQuote) {
    expect_rejected("quote2.csv", crlf_lines({"ID,氏名,所属", "4,\"田中\" 次郎,桜川町"}),
                    "closing quote", ":2:7: ");
}

TEST_F(BadImportTest, RaggedRowTooFewFields) {
    expect_rejected("ragged.csv",
                    crlf_lines({"ID,氏名,所属", "4,田中 次郎,桜川町", "5,高橋 三郎", "6,a,b"}),
                    "line 3 has 2 fields but the header has 3", ":3:\\d+: ");
}

TEST_F(BadImportTest, RaggedRowTooManyFields) {
    // The extra field starts at column 13: 4 , 田 中 space 次 郎 , 桜 川 町 , x
    expect_rejected("ragged2.csv", crlf_lines({"ID,氏名,所属", "4,田中 次郎,桜川町,x"}),
                    "line 2 has 4 fields but the header has 3", ":2:13: ");
}

TEST_F(BadImportTest, EmptyFile) { expect_rejected("empty.csv", "", "empty", ":1:1: "); }

TEST_F(BadImportTest, OnlyBlankLines) {
    expect_rejected("blank.csv", "\r\n\r\n\r\n", "no header", ":1:1: ");
}

TEST_F(BadImportTest, PngFileIsBinary) {
    std::string png("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\x10\0\0\0\x10\x08\x00\x00\x00\x00", 29);
    // The NUL is the 9th byte: line 3 (after CRLF and LF), column 1.
    expect_rejected("photo.csv", png, "binary", ":3:1: ");
}

TEST_F(BadImportTest, NulByteInsideText) {
    const std::string bytes = std::string("ID,氏名\r\n4,田") + std::string(1, '\0') + "中\r\n";
    expect_rejected("nul.csv", bytes, "NUL", ":2:4: ");
}

TEST_F(BadImportTest, TenMegabyteField) {
    std::string bytes = "ID,氏名,備考\r\n4,田中,";
    bytes.append(10u << 20, 'a');
    bytes += "\r\n";
    expect_rejected("huge.csv", bytes, "longer than", ":2:6: ");
}

// A ticket holds at most 256 bytes of id: such a person was once imported and `tickets`
// then stopped half-way with "unexpected error". The id column is column 1 of line 3.
TEST_F(BadImportTest, IdLongerThanATicketHolds) {
    const std::string long_id(257, '7');
    const CommandOutput output = expect_rejected(
        "long-id.csv", crlf_lines({"ID,氏名", "4,田中 次郎", long_id + ",高橋 三郎"}), "257 bytes",
        ":3:1: ");
    EXPECT_CONTAINS(output.err, "256");
    // The limit itself is fine.
    const std::string longest(256, '8');
    write_file(event_ / "longest.csv", crlf_lines({"ID,氏名", longest + ",高橋 三郎"}));
    const CommandOutput fine = event_.run({"import", (event_ / "longest.csv").string()});
    EXPECT_EQ(fine.exit_code, 0) << describe(fine);
}

TEST_F(BadImportTest, InvalidUtf8WhenUtf8IsRequested) {
    expect_rejected("bad8.csv", "ID,氏名\r\n4,田中\r\n5,高\xff橋\r\n", "not valid UTF-8",
                    ":3:4: ", {"--encoding", "utf-8"});
}

TEST_F(BadImportTest, UndecodableCp932WhenCp932IsRequested) {
    // ID,氏名 / 4,山田<0x85 0x40>: 0x85 0x40 is unassigned in CP932.
    expect_rejected("badsjis.csv", "ID,\x8e\x81\x96\xbc\r\n4,\x8e\x52\x93\x63\x85\x40\r\n",
                    "Shift_JIS", ":2:5: ", {"--encoding", "cp932"});
}

TEST_F(BadImportTest, Cp932CutInTheMiddleOfACharacter) {
    expect_rejected("cut.csv", "ID,\x8e\x81\x96\xbc\r\n4,\x8e\x52\x93", "middle",
                    ":2:4: ", {"--encoding", "cp932"});
}

TEST_F(BadImportTest, MissingNameColumn) {
    const CommandOutput output = expect_rejected(
        "noname.csv", crlf_lines({"ID,所属,メールアドレス", "4,桜川町,a@example.jp"}),
        "no column for the participant's name", ":1:1: ");
    EXPECT_CONTAINS(output.err, "--map name=");
}

TEST_F(BadImportTest, EmptyNameOnARow) {
    expect_rejected("noname2.csv", crlf_lines({"ID,氏名,所属", "4,田中 次郎,桜川町", "5,,北山村"}),
                    "has no name", ":3:3: ");
}

TEST_F(BadImportTest, DuplicateIdsWithinAFile) {
    expect_rejected("dup.csv", crlf_lines({"ID,氏名", "7,田中 次郎", "8,高橋 三郎", "7,伊藤 四郎"}),
                    "id 7 appears on line 2 and line 4", ":4:1: ");
}

TEST_F(BadImportTest, DuplicateHeader) {
    expect_rejected("duphead.csv", crlf_lines({"ID,氏名,氏名", "7,田中 次郎,x"}), "twice",
                    ":1:7: ");
}

TEST_F(BadImportTest, MissingFileIsRejectedWithItsName) {
    const auto path = event_ / "not-there.csv";
    const CommandOutput output = event_.run({"import", path.string()});
    EXPECT_EQ(output.exit_code, 3) << describe(output);
    EXPECT_CONTAINS(output.err, path.string());
    expect_unchanged();
}

// ---- event files that cannot be used ----------------------------------------------

TEST(EventFileTest, RandomBytesAreNotAnEvent) {
    TempDir dir;
    const auto db = dir / "random.db";
    std::string bytes;
    std::uint32_t state = 12345;
    for (int i = 0; i < 8192; ++i) {
        state = state * 1664525u + 1013904223u;
        bytes += static_cast<char>(state >> 24);
    }
    write_file(db, bytes);
    write_file(dir / "r.csv", generic_roster());
    for (const std::vector<std::string>& command : {std::vector<std::string>{"info"},
                                                    {"import", (dir / "r.csv").string()},
                                                    {"checkin", "--id", "1"}}) {
        const CommandOutput output = on_event(db, command);
        EXPECT_EQ(output.exit_code, 4) << command.front() << "\n" << describe(output);
        EXPECT_CONTAINS(output.err, "not an Uketsuke event file");
        EXPECT_CONTAINS(output.err, db.string());
        EXPECT_LACKS(output.err, "unexpected");
    }
    EXPECT_EQ(read_file(db), bytes) << "the file must not be touched";
}

TEST(EventFileTest, EmptyFileIsNotAnEvent) {
    TempDir dir;
    const auto db = dir / "empty.db";
    write_file(db, "");
    const CommandOutput output = on_event(db, {"info"});
    EXPECT_EQ(output.exit_code, 4) << describe(output);
    EXPECT_CONTAINS(output.err, "not an Uketsuke event file");
    EXPECT_EQ(read_file(db), "");
}

TEST(EventFileTest, SqliteDatabaseOfAnotherProgramIsNotAnEvent) {
    TempDir dir;
    const auto db = dir / "other.db";
    const CommandOutput made = run_command(
        {"/usr/bin/sqlite3", db.string(), "CREATE TABLE t(x); INSERT INTO t VALUES (1);"});
    ASSERT_EQ(made.exit_code, 0) << describe(made);
    const std::string before = read_file(db);
    const CommandOutput output = on_event(db, {"report"});
    EXPECT_EQ(output.exit_code, 4) << describe(output);
    EXPECT_CONTAINS(output.err, "not an Uketsuke event file");
    EXPECT_EQ(read_file(db), before);
}

TEST(EventFileTest, NewerSchemaVersionIsRefusedUntouched) {
    EventFixture event;
    const CommandOutput pragma =
        run_command({"/usr/bin/sqlite3", event.db().string(), "PRAGMA user_version=99"});
    ASSERT_EQ(pragma.exit_code, 0) << describe(pragma);
    const std::string before = read_file(event.db());
    write_file(event / "r.csv", generic_roster());
    for (const std::vector<std::string>& command : {std::vector<std::string>{"info"},
                                                    {"report", "--json"},
                                                    {"import", (event / "r.csv").string()}}) {
        const CommandOutput output = event.run(command);
        EXPECT_EQ(output.exit_code, 4) << command.front() << "\n" << describe(output);
        EXPECT_CONTAINS(output.err, "newer version");
        EXPECT_CONTAINS(output.err, "99");
    }
    EXPECT_EQ(read_file(event.db()), before) << "the file must not be touched";
}

// ---- scans the check-in must survive ------------------------------------------------

TEST(HugeScanTest, HundredKilobyteTicketIsRefusedQuicklyAndRecorded) {
    EventFixture event;
    event.import_ok("r.csv", generic_roster());
    std::string payload = "UK1:";
    while (payload.size() < 100 * 1024) payload += "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ$%-./:";
    const CommandOutput output = event.run({"checkin", payload});
    EXPECT_EQ(output.exit_code, 1) << describe(output).substr(0, 2000);
    EXPECT_CONTAINS(output.err, "refused");
    EXPECT_TRUE(output.err.find("not a ticket") != std::string::npos ||
                output.err.find("invalid ticket") != std::string::npos)
        << output.err.substr(0, 2000);
    EXPECT_LT(output.err.size(), 1000u) << "the message should not echo 100 KB back";
    EXPECT_EQ(event.report_json()["rejected_scans"], 1);
    EXPECT_EQ(event.report_json()["session"]["counts"]["attended"], 0);
}

}  // namespace
}  // namespace uketsuke::testing::cli
