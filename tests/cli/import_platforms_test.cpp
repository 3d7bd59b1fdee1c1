// `uketsuke import` on generated exports as connpass and Peatix write them: the three
// connpass layouts (CP932, survey columns, 参加キャンセル and 補欠, connpass's dates), Peatix
// with Japanese and English headers; organizations and roles found in every one; re-imports
// that remember the mapping and never wipe what a column absent this time brought.

#include <gtest/gtest.h>
#include <iconv.h>

#include <map>
#include <set>

#include "cli/cli_fixtures.hpp"

namespace uketsuke::testing::cli {
namespace {

// UTF-8 → CP932 through glibc's iconv, not the tool's own ICU decoder.
std::string to_cp932(const std::string& utf8) {
    iconv_t converter = iconv_open("CP932", "UTF-8");
    EXPECT_NE(converter, reinterpret_cast<iconv_t>(-1));
    std::string in = utf8;
    std::string out(in.size() * 2 + 16, '\0');
    char* in_pointer = in.data();
    char* out_pointer = out.data();
    std::size_t in_left = in.size(), out_left = out.size();
    const std::size_t converted = iconv(converter, &in_pointer, &in_left, &out_pointer, &out_left);
    EXPECT_NE(converted, static_cast<std::size_t>(-1)) << "not encodable in CP932";
    iconv_close(converter);
    out.resize(out.size() - out_left);
    return out;
}

const std::vector<std::string> kOrganizations = {"港区",   "品川区", "目黒区", "大田区", "世田谷区",
                                                 "渋谷区", "中野区", "杉並区", "総務省"};

struct Registrant {
    std::string number, user, name, ticket_type, status, organization;
};

// 36 registrations: 6 facilitators, 2 staff, a guest; 2 cancelled and 2 on the waiting
// list; nine organizations; 髙橋 and 山﨑 among the names.
std::vector<Registrant> registrants() {
    std::vector<Registrant> people;
    const std::vector<std::string> family = {"髙橋", "山﨑", "佐藤", "鈴木", "田中", "伊藤",
                                             "渡辺", "中村", "小林", "加藤", "吉田", "山田"};
    const std::vector<std::string> given = {"健太", "花子", "一郎"};
    for (int i = 0; i < 36; ++i) {
        Registrant person;
        person.number = std::to_string(5000100 + i);
        person.user = "user" + std::to_string(i);
        person.name = family[i % family.size()] + " " + given[i / family.size()];
        person.ticket_type = i < 6    ? "ファシリテーター"
                             : i < 8  ? "運営スタッフ"
                             : i == 8 ? "来賓"
                                      : "一般参加";
        person.status = i == 30 || i == 31   ? "参加キャンセル"
                        : i == 32 || i == 33 ? "補欠"
                                             : "参加";
        person.organization = kOrganizations[i % kOrganizations.size()];
        people.push_back(person);
    }
    return people;
}

std::string quoted(const std::string& text) { return "\"" + text + "\""; }

// The older layout:
// 参加枠名,ユーザー名,表示名,コメント,参加ステータス,出欠ステータス,更新日時,受付番号 and one
// survey question.
std::string connpass_old() {
    std::string out =
        "参加枠名,ユーザー名,表示名,コメント,参加ステータス,出欠ステータス,更新日時,受付番号,"
        "所属自治体\r\n";
    for (const auto& p : registrants()) {
        out += p.ticket_type + "," + p.user + "," + p.name + ",," + p.status + ",未設定," +
               "2026年4月19日 17時22分," + p.number + "," + p.organization + "\r\n";
    }
    return out;
}

// A newer layout: 利用開始日 and 出席日時 added, the survey question headed by its own text.
std::string connpass_newer() {
    std::string out =
        "参加枠名,ユーザー名,表示名,利用開始日,コメント,参加ステータス,出欠ステータス,出席日時,"
        "更新日時,受付番号,ご所属の団体名を教えてください,\"当日聞きたいこと（自由記述）\"\r\n";
    for (const auto& p : registrants()) {
        out += p.ticket_type + "," + p.user + "," + p.name + ",2025年1月5日,よろしく," + p.status +
               ",未設定,," + "2026年4月19日 17時22分," + p.number + "," + p.organization + "," +
               quoted("データ連携, 標準化") + "\r\n";
    }
    return out;
}

// The newest: PayPal取引ID and 請求書ID, and the columns in another order.
std::string connpass_newest() {
    std::string out =
        "受付番号,表示名,ユーザー名,参加枠名,参加ステータス,出欠ステータス,PayPal取引ID,"
        "請求書ID,利用開始日,出席日時,更新日時,会社名・団体名\r\n";
    for (const auto& p : registrants()) {
        out += p.number + "," + p.name + "," + p.user + "," + p.ticket_type + "," + p.status +
               ",未設定,,INV-" + p.number + ",2025年1月5日,2026年4月20日 9時05分," +
               "2026年4月19日 17時22分," + p.organization + "\r\n";
    }
    return out;
}

void expect_roster_of_36(const EventFixture& event, const CommandOutput& output,
                         const std::string& organization_header) {
    EXPECT_CONTAINS(output.out, "connpass format");
    EXPECT_CONTAINS(output.out, organization_header);
    EXPECT_CONTAINS(output.out, "← organization");
    EXPECT_CONTAINS(output.out, "参加枠名 ファシリテーター → facilitator (6)");
    EXPECT_CONTAINS(output.out, "参加枠名 運営スタッフ → staff (2)");
    EXPECT_CONTAINS(output.out, "参加枠名 来賓 → guest (1)");
    EXPECT_CONTAINS(output.out, "参加枠名 一般参加 → participant (27)");
    EXPECT_CONTAINS(output.out, "waiting list (補欠)");
    EXPECT_CONTAINS(output.out, "5000132");  // listed apart
    EXPECT_LACKS(output.out, "no organization column");

    const CsvDocument exported = parse_csv_document(event.export_bytes());
    ASSERT_EQ(exported.rows.size(), 36u);
    std::set<std::string> organizations;
    std::map<std::string, int> roles;
    for (std::size_t i = 0; i < exported.rows.size(); ++i) {
        const auto& row = exported.rows[i];
        organizations.insert(row[exported.column("organization")]);
        ++roles[row[exported.column("role")]];
    }
    EXPECT_EQ(organizations.size(), 9u);
    EXPECT_EQ(roles["facilitator"], 6);
    EXPECT_EQ(roles["staff"], 2);
    EXPECT_EQ(roles["guest"], 1);
    EXPECT_EQ(exported.value("id", "5000100", "name"), "髙橋 健太");
    EXPECT_EQ(exported.value("id", "5000101", "name"), "山﨑 健太");
    EXPECT_EQ(exported.value("id", "5000130", "registration"), "cancelled");  // 参加キャンセル
    EXPECT_EQ(exported.value("id", "5000132", "registration"), "cancelled");  // 補欠
    EXPECT_EQ(exported.value("id", "5000132", "参加ステータス"), "補欠");
    EXPECT_EQ(exported.value("id", "5000120", "registration"), "registered");
    EXPECT_EQ(exported.value("id", "5000120", "更新日時"), "2026-04-19 17:22");

    const auto report = event.report_json();
    EXPECT_EQ(report["session"]["expected"], 32)
        << "cancelled and waiting-list rows are not expected";

    // The waiting list is refused at the door like a cancellation.
    const CommandOutput waiting = event.run({"checkin", "5000133"});
    EXPECT_EQ(waiting.exit_code, 1) << describe(waiting);
    const CommandOutput found = event.run({"search", "高橋"});
    EXPECT_CONTAINS(found.out, "髙橋 健太");
}

TEST(ImportPlatformsTest, ConnpassOlderLayoutCp932) {
    EventFixture event;
    const CommandOutput output = event.import_ok("connpass-old.csv", to_cp932(connpass_old()));
    EXPECT_CONTAINS(output.out, "cp932");
    expect_roster_of_36(event, output, "所属自治体");
}

TEST(ImportPlatformsTest, ConnpassNewerLayoutUtf8WithBomAndSurveyQuestion) {
    EventFixture event;
    const CommandOutput output = event.import_ok("connpass-new.csv", kBom + connpass_newer());
    expect_roster_of_36(event, output, "ご所属の団体名を教えてください");
    const CsvDocument exported = parse_csv_document(event.export_bytes());
    EXPECT_EQ(exported.value("id", "5000100", "当日聞きたいこと（自由記述）"),
              "データ連携, 標準化");
    EXPECT_EQ(exported.value("id", "5000100", "利用開始日"), "2025-01-05");
}

TEST(ImportPlatformsTest, ConnpassNewestLayoutInAnotherOrderCp932) {
    EventFixture event;
    const CommandOutput output =
        event.import_ok("connpass-newest.csv", to_cp932(connpass_newest()));
    expect_roster_of_36(event, output, "会社名・団体名");
    const CsvDocument exported = parse_csv_document(event.export_bytes());
    EXPECT_EQ(exported.value("id", "5000100", "請求書ID"), "INV-5000100");
    EXPECT_EQ(exported.value("id", "5000100", "出席日時"), "2026-04-20 09:05");
    const CommandOutput checkin = event.run({"checkin", "5000110"});
    EXPECT_EQ(checkin.exit_code, 0) << describe(checkin);
}

void expect_peatix(const EventFixture& event, const CommandOutput& output,
                   const std::string& key_header) {
    EXPECT_CONTAINS(output.out, "peatix format");
    EXPECT_CONTAINS(output.out, key_header);
    EXPECT_CONTAINS(output.out, "← id, code");
    EXPECT_CONTAINS(output.out, "→ facilitator (1)");
    const CsvDocument exported = parse_csv_document(event.export_bytes());
    ASSERT_EQ(exported.rows.size(), 3u);
    EXPECT_EQ(exported.value("id", "S-901", "name"), "山﨑 花子");
    EXPECT_EQ(exported.value("id", "S-901", "organization"), "港区");
    EXPECT_EQ(exported.value("id", "S-901", "role"), "facilitator");
    EXPECT_EQ(exported.value("id", "S-903", "registration"), "cancelled");
    const CommandOutput checkin = event.run({"checkin", "S-902"});
    EXPECT_EQ(checkin.exit_code, 0) << describe(checkin);
    EXPECT_CONTAINS(checkin.out, "髙橋 一郎");
}

TEST(ImportPlatformsTest, PeatixJapaneseHeaders) {
    EventFixture event;
    const CommandOutput output = event.import_ok(
        "peatix.csv", crlf_lines({
                          "販売ID,チケット名,参加者名,メールアドレス,ステータス,所属団体",
                          "S-901,ファシリテーター,山﨑 花子,hanako@example.jp,支払済,港区",
                          "S-902,一般,髙橋 一郎,ichiro@example.jp,支払済,品川区",
                          "S-903,一般,田中 次郎,jiro@example.jp,キャンセル,目黒区",
                      }));
    expect_peatix(event, output, "販売ID");
}

TEST(ImportPlatformsTest, PeatixEnglishHeaders) {
    EventFixture event;
    const CommandOutput output = event.import_ok(
        "peatix-en.csv", crlf_lines({
                             "Sales ID,Ticket name,Attendee name,Email,Status,Company",
                             "S-901,Facilitator,山﨑 花子,hanako@example.jp,Paid,港区",
                             "S-902,General,髙橋 一郎,ichiro@example.jp,Paid,品川区",
                             "S-903,General,田中 次郎,jiro@example.jp,Cancelled,目黒区",
                         }));
    expect_peatix(event, output, "Sales ID");
}

TEST(ImportPlatformsTest, NoOrganizationColumnIsWarned) {
    EventFixture event;
    const CommandOutput output =
        event.import_ok("plain.csv", crlf_lines({"ID,氏名", "1,山田 太郎"}));
    EXPECT_CONTAINS(output.out, "no organization column found");
}

const std::string kCityRoster = crlf_lines({
    "ID,氏名,市区町村,区分",
    "p-0011,山田 太郎,港区,講師",
    "p-0012,佐藤 花子,港区,一般",
    "p-0013,鈴木 一郎,目黒区,一般",
});

// `--map a=b FILE`: the file after the option is the file, not a second mapping; the
// mapping and the role mapping are remembered, so the updated export imports alike.
TEST(ImportPlatformsTest, ReimportRemembersTheMappingAndKeepsFields) {
    EventFixture event;
    const auto first_path = event / "first.csv";
    write_file(first_path, kCityRoster);
    const CommandOutput first = event.run({"import", "--map", "organization=市区町村", "--role-map",
                                           "講師=staff", first_path.string()});
    ASSERT_EQ(first.exit_code, 0) << describe(first);
    EXPECT_CONTAINS(first.out, "区分 講師 → staff (1) by --role-map");
    CsvDocument exported = parse_csv_document(event.export_bytes());
    EXPECT_EQ(exported.value("id", "p-0011", "organization"), "港区");
    EXPECT_EQ(exported.value("id", "p-0011", "role"), "staff");

    // The updated export, without --map: nothing is wiped.
    const CommandOutput again = event.import_ok("again.csv", kCityRoster);
    EXPECT_CONTAINS(again.out, "remembered");
    EXPECT_CONTAINS(again.out, "0 changed");
    exported = parse_csv_document(event.export_bytes());
    EXPECT_EQ(exported.value("id", "p-0011", "organization"), "港区");
    EXPECT_EQ(exported.value("id", "p-0011", "role"), "staff");

    // A dry run of a change says it field by field and changes nothing.
    const std::string moved = crlf_lines({
        "ID,氏名,市区町村,区分",
        "p-0011,山田 太郎,港区,講師",
        "p-0012,佐藤 花子,品川区,一般",
        "p-0013,鈴木 一郎,目黒区,一般",
    });
    const CommandOutput dry = event.import_ok("moved.csv", moved, {"--dry-run"});
    EXPECT_CONTAINS(dry.out, "p-0012 organization: 港区 → 品川区");
    EXPECT_CONTAINS(dry.out, "1 changed");
    exported = parse_csv_document(event.export_bytes());
    EXPECT_EQ(exported.value("id", "p-0012", "organization"), "港区");

    // An export without the organization column this time: the organizations stay.
    const CommandOutput without = event.import_ok(
        "without.csv",
        crlf_lines({"ID,氏名", "p-0011,山田 太郎", "p-0012,佐藤 花子", "p-0013,鈴木 一郎"}));
    EXPECT_CONTAINS(without.out, "left as it is");
    exported = parse_csv_document(event.export_bytes());
    EXPECT_EQ(exported.value("id", "p-0012", "organization"), "港区");
    EXPECT_EQ(exported.value("id", "p-0011", "role"), "staff");
    EXPECT_EQ(exported.value("id", "p-0013", "organization"), "目黒区");
}

TEST(ImportPlatformsTest, MapTakesOneValueEachTime) {
    EventFixture event;
    const auto path = event / "roster.csv";
    write_file(path, kCityRoster);
    const CommandOutput output = event.run(
        {"import", "--map", "organization=市区町村", "--map", "role=区分", path.string()});
    ASSERT_EQ(output.exit_code, 0) << describe(output);
    EXPECT_CONTAINS(output.out, "3 added");
    const CommandOutput bad = event.run({"import", "--role-map", "講師=lecturer", path.string()});
    EXPECT_EQ(bad.exit_code, 2) << describe(bad);
    EXPECT_CONTAINS(bad.err, "participant, facilitator, staff, guest");
}

}  // namespace
}  // namespace uketsuke::testing::cli
