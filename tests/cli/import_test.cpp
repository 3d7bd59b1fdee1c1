// `uketsuke import`: every CSV flavour and encoding an organizer is handed, dry runs,
// and re-imports that update people without touching check-ins.

#include <gtest/gtest.h>

#include "cli/cli_fixtures.hpp"

namespace uketsuke::testing::cli {
namespace {

// The three people of generic_roster() must be in the export with their organizations.
void expect_generic_people(const EventFixture& event) {
    const CsvDocument exported = parse_csv_document(event.export_bytes());
    EXPECT_EQ(exported.rows.size(), 3u);
    EXPECT_EQ(exported.value("id", "1", "name"), "山田 太郎");
    EXPECT_EQ(exported.value("id", "1", "reading"), "ヤマダ タロウ");
    EXPECT_EQ(exported.value("id", "2", "name"), "佐藤 花子");
    EXPECT_EQ(exported.value("id", "2", "organization"), "港南市");
    EXPECT_EQ(exported.value("id", "3", "email"), "ichiro@example.jp");
}

TEST(ImportTest, Utf8WithoutBom) {
    EventFixture event;
    const CommandOutput output = event.import_ok("roster.csv", generic_roster());
    EXPECT_CONTAINS(output.out, "utf-8");
    EXPECT_CONTAINS(output.out, "comma-separated");
    EXPECT_CONTAINS(output.out, "3 added");
    expect_generic_people(event);
    EXPECT_EQ(event.report_json()["session"]["expected"], 3);
}

// With the BOM left in, the first header would read "\uFEFFID" and the ids would be lost.
TEST(ImportTest, Utf8WithBomKeepsTheFirstHeader) {
    EventFixture event;
    const CommandOutput output = event.import_ok("roster.csv", kBom + generic_roster());
    EXPECT_CONTAINS(output.out, "utf-8");
    EXPECT_CONTAINS(output.out, "3 added");
    expect_generic_people(event);
}

TEST(ImportTest, ExcelUnicodeTextIsUtf16LeTabSeparated) {
    EventFixture event;
    const std::string tsv =
        "ID\t氏名\tフリガナ\t所属\tメールアドレス\r\n"
        "1\t山田 太郎\tヤマダ タロウ\t青葉市\ttaro@example.jp\r\n"
        "2\t佐藤 花子\tサトウ ハナコ\t港南市\thanako@example.jp\r\n"
        "3\t鈴木 一郎\tスズキ イチロウ\t青葉市\tichiro@example.jp\r\n";
    const CommandOutput output = event.import_ok("roster.txt", utf16le_with_bom(tsv));
    EXPECT_CONTAINS(output.out, "utf-16");
    EXPECT_CONTAINS(output.out, "tab-separated");
    expect_generic_people(event);
}

TEST(ImportTest, ShiftJisCp932IncludingIbmExtensionKanji) {
    EventFixture event;
    // ID,氏名,所属 / 1,山田 太郎,青葉市 / 2,髙橋 花子,港南市  (髙 is a CP932-only character)
    const std::string bytes =
        "ID,\x8e\x81\x96\xbc,\x8f\x8a\x91\xae\r\n"
        "1,\x8e\x52\x93\x63 \x91\xbe\x98\x59,\x90\xc2\x97\x74\x8e\x73\r\n"
        "2,\xfb\xfc\x8b\xb4 \x89\xd4\x8e\x71,\x8d\x60\x93\xec\x8e\x73\r\n";
    const CommandOutput output = event.import_ok("sjis.csv", bytes);
    EXPECT_CONTAINS(output.out, "cp932");
    EXPECT_CONTAINS(output.out, "2 added");
    const CsvDocument exported = parse_csv_document(event.export_bytes());
    EXPECT_EQ(exported.value("id", "1", "name"), "山田 太郎");
    EXPECT_EQ(exported.value("id", "1", "organization"), "青葉市");
    EXPECT_EQ(exported.value("id", "2", "name"), "髙橋 花子");
    EXPECT_EQ(exported.value("id", "2", "organization"), "港南市");
}

TEST(ImportTest, ConnpassExportKeepsCancellationsAndSurvey) {
    EventFixture event;
    const CommandOutput output = event.import_ok("connpass.csv", connpass_roster());
    EXPECT_CONTAINS(output.out, "connpass");
    // A new registration that arrives already cancelled is added, and said to be cancelled.
    EXPECT_CONTAINS(output.out, "added (1 of them cancelled)");

    const auto report = event.report_json();
    EXPECT_EQ(report["session"]["expected"], 2);
    EXPECT_EQ(report["cancelled"], 1);

    const CsvDocument exported = parse_csv_document(event.export_bytes());
    ASSERT_EQ(exported.rows.size(), 3u) << "a cancelled registration is kept, not dropped";
    EXPECT_EQ(exported.value("id", "1234567", "name"), "山田 太郎");
    EXPECT_EQ(exported.value("id", "3456789", "name"), "鈴木 一郎");
    EXPECT_EQ(exported.value("id", "3456789", "registration"), "cancelled");
    EXPECT_EQ(exported.value("id", "1234567", "registration"), "registered");
    const std::string survey = "アンケート：今日いちばん聞きたいこと";
    EXPECT_GE(exported.column(survey), 0) << "the survey column must be exported";
    EXPECT_EQ(exported.value("id", "1234567", survey), "庁内DXの進め方");
    EXPECT_EQ(exported.value("id", "2345678", survey), "データ連携, 標準化");

    // 受付番号 is also the code on connpass's own ticket.
    const CommandOutput checkin = event.run({"checkin", "2345678"});
    EXPECT_EQ(checkin.exit_code, 0) << describe(checkin);
    EXPECT_CONTAINS(checkin.out, "佐藤 花子");
}

TEST(ImportTest, ConnpassUsesUserNameWhenDisplayNameIsEmpty) {
    EventFixture event;
    event.import_ok("connpass.csv",
                    crlf_lines({
                        "参加枠名,ユーザー名,表示名,参加ステータス,出欠ステータス,受付番号",
                        "一般参加,nanashi_dev,,参加,未設定,1111111",
                    }));
    const CsvDocument exported = parse_csv_document(event.export_bytes());
    EXPECT_EQ(exported.value("id", "1111111", "name"), "nanashi_dev");
}

TEST(ImportTest, PeatixExportWithTicketAndOrderCodes) {
    EventFixture event;
    const CommandOutput output = event.import_ok(
        "peatix.csv", crlf_lines({
                          "Ticket ID,Order ID,Ticket Type,Attendee Name,Email,Status,Organization",
                          "T-1001,O-501,一般,山田 太郎,taro@example.jp,Paid,青葉市",
                          "T-1002,O-502,一般,佐藤 花子,hanako@example.jp,Paid,港南市",
                          "T-1003,O-503,一般,鈴木 一郎,ichiro@example.jp,Cancelled,青葉市",
                      }));
    EXPECT_CONTAINS(output.out, "peatix");
    const auto report = event.report_json();
    EXPECT_EQ(report["session"]["expected"], 2);
    EXPECT_EQ(report["cancelled"], 1);
    const CsvDocument exported = parse_csv_document(event.export_bytes());
    EXPECT_EQ(exported.value("id", "T-1002", "name"), "佐藤 花子");
    EXPECT_EQ(exported.value("id", "T-1002", "organization"), "港南市");
    EXPECT_EQ(exported.value("id", "T-1003", "registration"), "cancelled");

    const CommandOutput by_ticket = event.run({"checkin", "T-1001"});
    EXPECT_EQ(by_ticket.exit_code, 0) << describe(by_ticket);
    EXPECT_CONTAINS(by_ticket.out, "山田 太郎");
    const CommandOutput by_order = event.run({"checkin", "O-502"});
    EXPECT_EQ(by_order.exit_code, 0) << describe(by_order);
    EXPECT_CONTAINS(by_order.out, "佐藤 花子");
}

// One Peatix order holding two tickets: the order number cannot tell who is at the kiosk.
TEST(ImportTest, PeatixOrderSharedByTwoTicketsIsNotACode) {
    EventFixture event;
    const CommandOutput output = event.import_ok(
        "peatix.csv", crlf_lines({
                          "チケットID,注文ID,チケット名,氏名,メールアドレス,ステータス",
                          "T-2001,O-600,一般,山田 太郎,taro@example.jp,支払済",
                          "T-2002,O-600,一般,山田 花子,taro@example.jp,支払済",
                      }));
    EXPECT_CONTAINS(output.out, "peatix");
    EXPECT_CONTAINS(output.out, "O-600");
    EXPECT_CONTAINS(output.out, "shared");
    const CommandOutput order = event.run({"checkin", "O-600"});
    EXPECT_EQ(order.exit_code, 1) << describe(order);
    EXPECT_CONTAINS(order.err, "unknown code");
    const CommandOutput ticket = event.run({"checkin", "T-2002"});
    EXPECT_EQ(ticket.exit_code, 0) << describe(ticket);
    EXPECT_CONTAINS(ticket.out, "山田 花子");
}

TEST(ImportTest, GenericHeadersWithMapOverrides) {
    EventFixture event;
    const std::string roster = crlf_lines({
        "Nr,Teilnehmer,Firma,Kontakt",
        "A-1,Anna Schmidt,Stadt Bonn,anna@example.de",
        "A-2,Jonas Weber,Stadt Köln,jonas@example.de",
    });
    const CommandOutput output =
        event.import_ok("roster.csv", roster,
                        {"--map", "id=Nr", "--map", "name=Teilnehmer", "--map",
                         "organization=Firma", "--map", "email=Kontakt"});
    EXPECT_CONTAINS(output.out, "2 added");
    const CsvDocument exported = parse_csv_document(event.export_bytes());
    EXPECT_EQ(exported.value("id", "A-1", "name"), "Anna Schmidt");
    EXPECT_EQ(exported.value("id", "A-2", "organization"), "Stadt Köln");
    EXPECT_EQ(exported.value("id", "A-2", "email"), "jonas@example.de");
}

TEST(ImportTest, MapNamingAMissingColumnIsRejected) {
    EventFixture event;
    write_file(event / "roster.csv", generic_roster());
    const CommandOutput output =
        event.run({"import", (event / "roster.csv").string(), "--map", "name=Teilnehmer"});
    EXPECT_EQ(output.exit_code, 3) << describe(output);
    EXPECT_CONTAINS(output.err, "Teilnehmer");
    EXPECT_CONTAINS(output.err, "氏名") << "the message lists the columns that exist";
    EXPECT_EQ(event.report_json()["session"]["expected"], 0);
}

// UTF-16 without a BOM looks binary to auto-detection; --encoding says what it is.
TEST(ImportTest, EncodingOverrideReadsUtf16WithoutBom) {
    EventFixture event;
    const std::string bytes = utf16le_with_bom(generic_roster()).substr(2);
    write_file(event / "nobom.csv", bytes);
    const CommandOutput guessed = event.run({"import", (event / "nobom.csv").string()});
    EXPECT_EQ(guessed.exit_code, 3) << describe(guessed);
    EXPECT_EQ(event.report_json()["session"]["expected"], 0);

    const CommandOutput told =
        event.run({"import", (event / "nobom.csv").string(), "--encoding", "utf-16"});
    ASSERT_EQ(told.exit_code, 0) << describe(told);
    expect_generic_people(event);
}

TEST(ImportTest, EncodingOverrideCp932) {
    EventFixture event;
    const std::string bytes = "ID,\x8e\x81\x96\xbc\r\n1,\x8e\x52\x93\x63\r\n";  // ID,氏名 / 1,山田
    const CommandOutput output = event.import_ok("sjis.csv", bytes, {"--encoding", "shift_jis"});
    EXPECT_CONTAINS(output.out, "cp932");
    EXPECT_EQ(parse_csv_document(event.export_bytes()).value("id", "1", "name"), "山田");
}

TEST(ImportTest, DryRunShowsChangesAndChangesNothing) {
    EventFixture event;
    event.import_ok("v1.csv", generic_roster());
    const std::string export_before = event.export_bytes();
    const auto report_before = event.report_json();

    const std::string v2 = crlf_lines({
        "ID,氏名,フリガナ,所属,メールアドレス,状態",
        "1,山田 太朗,ヤマダ タロウ,青葉市,taro@example.jp,参加",
        "2,佐藤 花子,サトウ ハナコ,港南市,hanako@example.jp,キャンセル",
        "3,鈴木 一郎,スズキ イチロウ,青葉市,ichiro@example.jp,参加",
        "4,田中 次郎,タナカ ジロウ,桜川町,jiro@example.jp,参加",
    });
    write_file(event / "v2.csv", v2);
    const CommandOutput dry = event.run({"import", (event / "v2.csv").string(), "--dry-run"});
    ASSERT_EQ(dry.exit_code, 0) << describe(dry);
    EXPECT_CONTAINS(dry.out, "1 added");
    EXPECT_CONTAINS(dry.out, "1 changed");
    EXPECT_CONTAINS(dry.out, "1 cancelled");
    EXPECT_CONTAINS(dry.out, "田中 次郎");
    EXPECT_CONTAINS(dry.out, "山田 太朗");
    EXPECT_CONTAINS(dry.out, "佐藤 花子");
    EXPECT_CONTAINS(dry.out, "dry run");

    EXPECT_EQ(event.export_bytes(), export_before);
    EXPECT_EQ(event.report_json(), report_before);
}

TEST(ImportTest, ReimportUpdatesByIdCancelsAndKeepsCheckins) {
    EventFixture event;
    event.import_ok("v1.csv", generic_roster());
    const CommandOutput checkin = event.run({"checkin", "--id", "1", "--kiosk", "入口A"});
    ASSERT_EQ(checkin.exit_code, 0) << describe(checkin);
    const CsvDocument first = parse_csv_document(event.export_bytes());
    const std::string checked_in_at = first.value("id", "1", "checked_in_at");
    ASSERT_FALSE(checked_in_at.empty());

    const CommandOutput reimport = event.import_ok(
        "v2.csv", crlf_lines({
                      "ID,氏名,フリガナ,所属,メールアドレス,状態",
                      "1,山田 太朗,ヤマダ タロウ,青葉市役所,taro@example.jp,参加",
                      "2,佐藤 花子,サトウ ハナコ,港南市,hanako@example.jp,キャンセル",
                      "3,鈴木 一郎,スズキ イチロウ,青葉市,ichiro@example.jp,参加",
                  }));
    EXPECT_CONTAINS(reimport.out, "0 added, 1 changed, 1 cancelled");

    const CsvDocument after = parse_csv_document(event.export_bytes());
    EXPECT_EQ(after.rows.size(), 3u);
    EXPECT_EQ(after.value("id", "1", "name"), "山田 太朗");
    EXPECT_EQ(after.value("id", "1", "organization"), "青葉市役所");
    EXPECT_EQ(after.value("id", "1", "attended"), "yes");
    EXPECT_EQ(after.value("id", "1", "checked_in_at"), checked_in_at);
    EXPECT_EQ(after.value("id", "1", "kiosk"), "入口A");
    EXPECT_EQ(after.value("id", "2", "registration"), "cancelled");
    EXPECT_EQ(after.value("id", "3", "registration"), "registered");

    const auto report = event.report_json();
    EXPECT_EQ(report["session"]["counts"]["attended"], 1);
    EXPECT_EQ(report["cancelled"], 1);
    EXPECT_EQ(report["session"]["expected"], 2);

    // The same file again changes nothing.
    const CommandOutput same = event.import_ok("v2.csv", read_file(event / "v2.csv"));
    EXPECT_CONTAINS(same.out, "0 added, 0 changed, 0 cancelled, 0 reinstated, 3 unchanged");
}

TEST(ImportTest, WithoutIdColumnReimportIsStable) {
    EventFixture event;
    const std::string roster = crlf_lines({"氏名,所属", "山田 太郎,青葉市", "佐藤 花子,港南市"});
    event.import_ok("a.csv", roster);
    const CommandOutput again = event.import_ok("a.csv", roster);
    EXPECT_CONTAINS(again.out, "0 added");
    EXPECT_CONTAINS(again.out, "2 unchanged");
    EXPECT_EQ(event.report_json()["session"]["expected"], 2);
}

}  // namespace
}  // namespace uketsuke::testing::cli
