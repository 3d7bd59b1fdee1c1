// `uketsuke export` and `report`: attendance out, for Excel, for scripts, for people.

#include <gtest/gtest.h>

#include "cli/cli_fixtures.hpp"

namespace uketsuke::testing::cli {
namespace {

class ExportTest : public ::testing::Test {
protected:
    void SetUp() override {
        event_.import_ok("r.csv",
                         crlf_lines({
                             "ID,氏名,フリガナ,所属,メールアドレス,経験年数,状態",
                             "1,山田 太郎,ヤマダ タロウ,青葉市,taro@example.jp,5,参加",
                             "2,佐藤 花子,サトウ ハナコ,港南市,hanako@example.jp,12,参加",
                             "3,鈴木 一郎,スズキ イチロウ,青葉市,ichiro@example.jp,3,キャンセル",
                             "4,=1+2,イコール,桜川町,eq@example.jp,1,参加",
                         }));
        const CommandOutput checkin = event_.run({"checkin", "--id", "1", "--kiosk", "正面入口"});
        ASSERT_EQ(checkin.exit_code, 0) << describe(checkin);
    }
    EventFixture event_;
};

TEST_F(ExportTest, CsvIsExcelReadyUtf8WithBomAndCrlf) {
    const std::string bytes = event_.export_bytes();
    ASSERT_EQ(bytes.substr(0, 3), kBom);
    for (std::size_t i = bytes.find('\n'); i != std::string::npos; i = bytes.find('\n', i + 1)) {
        ASSERT_GT(i, 0u);
        ASSERT_EQ(bytes[i - 1], '\r') << "a bare LF at byte " << i;
    }
    EXPECT_CONTAINS(bytes, "山田 太郎");
    EXPECT_CONTAINS(bytes, "ヤマダ タロウ");

    const CsvDocument document = parse_csv_document(bytes);
    for (const std::string column :
         {"id", "name", "organization", "attended", "checked_in_at", "kiosk", "method"}) {
        EXPECT_GE(document.column(column), 0) << column;
    }
    EXPECT_GE(document.column("経験年数"), 0) << "imported extra columns are kept";
    ASSERT_EQ(document.rows.size(), 4u);
    for (const auto& row : document.rows) EXPECT_EQ(row.size(), document.header.size());
    EXPECT_EQ(document.value("id", "1", "attended"), "yes");
    EXPECT_EQ(document.value("id", "1", "kiosk"), "正面入口");
    EXPECT_EQ(document.value("id", "1", "method"), "manual");
    EXPECT_EQ(document.value("id", "1", "checked_in_at").rfind("20", 0), 0u)
        << document.value("id", "1", "checked_in_at");
    EXPECT_EQ(document.value("id", "2", "attended"), "no");
    EXPECT_EQ(document.value("id", "2", "checked_in_at"), "");
    EXPECT_EQ(document.value("id", "3", "registration"), "cancelled");
    EXPECT_EQ(document.value("id", "2", "経験年数"), "12");
}

TEST_F(ExportTest, CommasQuotesAndLineBreaksSurviveTheRoundTrip) {
    event_.import_ok("tricky.csv",
                     crlf_lines({"ID,氏名,所属,備考",
                                 "8,\"小林, 拓也\",\"\"\"港南\"\"市\",\"一行目", "二行目\""}));
    const CsvDocument document = parse_csv_document(event_.export_bytes());
    EXPECT_EQ(document.value("id", "8", "name"), "小林, 拓也");
    EXPECT_EQ(document.value("id", "8", "organization"), "\"港南\"市");
    const std::string note = document.value("id", "8", "備考");
    EXPECT_TRUE(note == "一行目\r\n二行目" || note == "一行目\n二行目") << note;
    for (const auto& row : document.rows) EXPECT_EQ(row.size(), document.header.size());
}

TEST_F(ExportTest, UnwritablePlaceIsRejectedWithItsName) {
    const auto path = event_ / "no-such-folder" / "out.csv";
    const CommandOutput output = event_.run({"export", path.string()});
    EXPECT_EQ(output.exit_code, 3) << describe(output);
    EXPECT_CONTAINS(output.err, path.string());
}

TEST_F(ExportTest, FormulaLikeNameGetsALeadingApostrophe) {
    const std::string bytes = event_.export_bytes();
    EXPECT_CONTAINS(bytes, ",'=1+2,");
    EXPECT_EQ(parse_csv_document(bytes).value("id", "4", "name"), "'=1+2");
}

TEST_F(ExportTest, Cp932DecodesBackToTheSameText) {
    const std::string utf8 = event_.export_bytes("utf8.csv");
    const std::string sjis = event_.export_bytes("sjis.csv", {"--encoding", "cp932"});
    ASSERT_FALSE(sjis.empty());
    EXPECT_NE(sjis.substr(0, 3), kBom);
    EXPECT_EQ(sjis.find("山田"), std::string::npos) << "the CP932 file must not hold UTF-8";
    EXPECT_NE(sjis.find("\x8e\x52\x93\x63"), std::string::npos) << "山田 in CP932";

    const CommandOutput decoded = run_command(
        {"/usr/bin/iconv", "-f", "CP932", "-t", "UTF-8", (event_ / "sjis.csv").string()});
    ASSERT_EQ(decoded.exit_code, 0) << describe(decoded);
    EXPECT_EQ(decoded.out, utf8.substr(3));
}

TEST_F(ExportTest, Cp932RefusesTextItCannotHold) {
    event_.import_ok("more.csv", crlf_lines({"ID,氏名,所属", "9,김민준,서울시"}));
    const std::string before = event_.export_bytes("kr.csv");
    const auto path = event_ / "kr-sjis.csv";
    const CommandOutput output = event_.run({"export", path.string(), "--encoding", "cp932"});
    EXPECT_EQ(output.exit_code, 3) << describe(output);
    EXPECT_CONTAINS(output.err, "UTF-8");
    EXPECT_FALSE(std::filesystem::exists(path));
}

TEST_F(ExportTest, JsonParsesAndHoldsEveryone) {
    const std::string bytes = event_.export_bytes("attendance.json");
    const auto document = nlohmann::json::parse(bytes, nullptr, false);
    ASSERT_FALSE(document.is_discarded()) << bytes;
    EXPECT_EQ(document["event"]["name"], "テスト勉強会");
    ASSERT_TRUE(document["participants"].is_array());
    ASSERT_EQ(document["participants"].size(), 4u);
    bool found = false;
    for (const auto& person : document["participants"]) {
        if (person["id"] == "1") {
            found = true;
            EXPECT_EQ(person["name"], "山田 太郎");
            EXPECT_EQ(person["attended"], true);
            EXPECT_EQ(person["kiosk"], "正面入口");
            EXPECT_EQ(person["extras"]["経験年数"], "5");
        }
        if (person["id"] == "4") {
            EXPECT_EQ(person["name"], "=1+2") << "JSON keeps the name as it is";
        }
    }
    EXPECT_TRUE(found);
}

TEST_F(ExportTest, ExportFilesArePrivate) {
    (void)event_.export_bytes("a.csv");
    (void)event_.export_bytes("a.json");
    (void)event_.export_bytes("b.csv", {"--encoding", "cp932"});
    EXPECT_EQ(file_mode(event_ / "a.csv"), 0600u);
    EXPECT_EQ(file_mode(event_ / "a.json"), 0600u);
    EXPECT_EQ(file_mode(event_ / "b.csv"), 0600u);
}

TEST_F(ExportTest, ExportOverwritesAndKeepsModePrivate) {
    write_file(event_ / "old.csv", "stale");
    std::filesystem::permissions(event_ / "old.csv", std::filesystem::perms(0644));
    const std::string bytes = event_.export_bytes("old.csv");
    EXPECT_EQ(bytes.substr(0, 3), kBom);
    EXPECT_EQ(file_mode(event_ / "old.csv"), 0600u);
}

TEST_F(ExportTest, ReportTextHasTheSummaryLine) {
    const CommandOutput output = event_.run({"report"});
    ASSERT_EQ(output.exit_code, 0) << describe(output);
    // Registered (not cancelled): 1, 2, 4 from 青葉市, 港南市, 桜川町; 1 attended.
    // Organizations among those who came, as in the 出席簿's summary line.
    EXPECT_CONTAINS(output.out, "1 organization, 1 attended of 3 registered");
    EXPECT_CONTAINS(output.out, "1団体1名参加（申込者3名）");
    EXPECT_CONTAINS(output.out, "テスト勉強会");
    EXPECT_CONTAINS(output.out, "佐藤 花子") << "no-shows are listed";
}

TEST_F(ExportTest, ReportJsonHasTheFigures) {
    const auto report = event_.report_json();
    for (const std::string key : {"session", "cancelled", "by_organization", "by_group"}) {
        EXPECT_TRUE(report.contains(key)) << key << " in " << report.dump(2);
    }
    const auto& session = report["session"];
    EXPECT_EQ(session["expected"], 3);
    EXPECT_EQ(report["cancelled"], 1);
    EXPECT_EQ(session["counts"]["attended"], 1);
    EXPECT_EQ(session["counts"]["absent"], 2);
    EXPECT_EQ(session["organizations"], 1) << "among those who came";
    EXPECT_EQ(session["summary"], "1団体1名参加（申込者3名）");
    ASSERT_TRUE(report["by_organization"].is_array());
    bool aoba = false;
    for (const auto& tally : report["by_organization"]) {
        if (tally["name"] == "青葉市") {
            aoba = true;
            EXPECT_EQ(tally["expected"], 1) << "the cancelled 鈴木 does not count";
            EXPECT_EQ(tally["attended"], 1);
        }
    }
    EXPECT_TRUE(aoba) << report.dump(2);
    EXPECT_TRUE(report["by_group"].is_array());

    // The brief calls it "arrivals"; the tool names it "arrivals_per_5_minutes". Either is
    // an arrival timeline: one bucket, one arrival.
    const std::string arrivals_key =
        report.contains("arrivals") ? "arrivals" : "arrivals_per_5_minutes";
    ASSERT_TRUE(report.contains(arrivals_key)) << report.dump(2);
    ASSERT_TRUE(report[arrivals_key].is_array());
    ASSERT_EQ(report[arrivals_key].size(), 1u);
    EXPECT_EQ(report[arrivals_key][0]["arrivals"], 1);
}

TEST(ReportTest, EmptyEventReportsZeros) {
    EventFixture event;
    const CommandOutput output = event.run({"report"});
    EXPECT_EQ(output.exit_code, 0) << describe(output);
    EXPECT_CONTAINS(output.out, "0 organizations, 0 attended of 0 registered");
    const auto report = event.report_json();
    EXPECT_EQ(report["session"]["expected"], 0);
    EXPECT_EQ(report["session"]["counts"]["attended"], 0);
}

}  // namespace
}  // namespace uketsuke::testing::cli
