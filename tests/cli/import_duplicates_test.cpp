// `uketsuke import` of the same people from another source: a connpass export (CP932), then
// an Excel list of the same 36 saved as Unicode text (UTF-16, tabs) with its own numbers,
// e-mails in capitals, 高橋 for 髙橋 and 山崎 for 山﨑. Refused with a report by default;
// --merge-by email | name, --allow-duplicates; a dry run says what each would do.

#include <gtest/gtest.h>
#include <iconv.h>

#include "cli/cli_fixtures.hpp"

namespace uketsuke::testing::cli {
namespace {

std::string convert(const std::string& utf8, const char* to) {
    iconv_t converter = iconv_open(to, "UTF-8");
    EXPECT_NE(converter, reinterpret_cast<iconv_t>(-1));
    std::string in = utf8;
    std::string out(in.size() * 4 + 16, '\0');
    char* in_pointer = in.data();
    char* out_pointer = out.data();
    std::size_t in_left = in.size(), out_left = out.size();
    EXPECT_NE(iconv(converter, &in_pointer, &in_left, &out_pointer, &out_left),
              static_cast<std::size_t>(-1));
    iconv_close(converter);
    out.resize(out.size() - out_left);
    return out;
}

const std::vector<std::string> kOrganizations = {"港区",   "品川区", "目黒区", "大田区", "世田谷区",
                                                 "渋谷区", "中野区", "杉並区", "総務省"};
const std::vector<std::string> kFamily = {"髙橋", "山﨑", "佐藤", "鈴木", "田中", "伊藤",
                                          "渡辺", "中村", "小林", "加藤", "吉田", "山田"};
const std::vector<std::string> kGiven = {"健太", "花子", "一郎"};

std::string name_of(int i) { return kFamily[i % 12] + " " + kGiven[i / 12]; }

// The connpass export: 36 registrations, the e-mail asked in a survey question.
std::string connpass_export() {
    std::string out =
        "参加枠名,ユーザー名,表示名,コメント,参加ステータス,出欠ステータス,更新日時,受付番号,"
        "所属自治体,メールアドレス\r\n";
    for (int i = 0; i < 36; ++i) {
        out += std::string(i < 6 ? "ファシリテーター" : "一般参加") + ",user" + std::to_string(i) +
               "," + name_of(i) + ",,参加,未設定,2026年4月19日 17時22分," +
               std::to_string(5000100 + i) + "," + kOrganizations[i % 9] + ",p" +
               std::to_string(i) + "@example.jp\r\n";
    }
    return out;
}

// The organizer's Excel list of the same 36: its own numbers, a department column, e-mails
// in capitals, the common kanji, names typed without the space. Person 20 has no e-mail;
// person 35 has no e-mail and another organization: by name alone not a suspect.
std::string excel_list() {
    std::string out = "\xEF\xBB\xBF番号\t氏名\t所属\tメールアドレス\t部署\r\n";
    for (int i = 0; i < 36; ++i) {
        std::string name = name_of(i);
        for (auto [variant, common] : {std::pair{"髙", "高"}, std::pair{"﨑", "崎"}}) {
            if (auto at = name.find(variant); at != std::string::npos) {
                name.replace(at, std::string(variant).size(), common);
            }
        }
        if (i % 2 == 0) name.erase(name.find(' '), 1);
        const std::string email = i == 20 || i == 35 ? "" : "P" + std::to_string(i) + "@EXAMPLE.JP";
        out += "E-" + std::to_string(i + 1) + "\t" + name + "\t" +
               (i == 35 ? std::string("練馬区") : kOrganizations[i % 9]) + "\t" + email +
               "\t企画課\r\n";
    }
    return convert(out, "UTF-16LE");
}

struct Event {
    EventFixture event;
    std::filesystem::path list = event / "名簿.txt";
    Event() {
        event.import_ok("connpass.csv", convert(connpass_export(), "CP932"));
        write_file(list, excel_list());
    }
    CommandOutput import_list(std::vector<std::string> options = {}) const {
        std::vector<std::string> arguments{"import", list.string()};
        arguments.insert(arguments.end(), options.begin(), options.end());
        return event.run(arguments);
    }
    std::size_t people() const { return parse_csv_document(event.export_bytes()).rows.size(); }
};

TEST(ImportDuplicatesTest, RefusedByDefaultWithAReportAndNothingChanges) {
    Event e;
    const CommandOutput output = e.import_list();
    EXPECT_EQ(output.exit_code, 3) << describe(output);
    EXPECT_CONTAINS(output.err,
                    "35 rows look like people already in the event; nothing was "
                    "imported");
    const std::string file = e.list.string();
    EXPECT_CONTAINS(output.err, file +
                                    ":2: 高橋健太 (E-1) looks like 5000100 髙橋 健太 (港区): "
                                    "same e-mail; same name and organization");
    EXPECT_CONTAINS(output.err, file + ":3: 山崎 健太 (E-2) looks like 5000101 山﨑 健太 (品川区)");
    EXPECT_CONTAINS(output.err, file +
                                    ":22: 小林花子 (E-21) looks like 5000120 小林 花子 (目黒区): "
                                    "same name and organization");
    EXPECT_LACKS(output.err, "(E-36)");
    EXPECT_CONTAINS(output.err,
                    "--merge-by email     update the person with the same e-mail "
                    "from the row (34 of 35)");
    EXPECT_CONTAINS(output.err, "--merge-by name");
    EXPECT_CONTAINS(output.err, "(35 of 35)");
    EXPECT_CONTAINS(output.err, "--allow-duplicates");
    EXPECT_EQ(e.people(), 36u);
}

TEST(ImportDuplicatesTest, DryRunSaysWhatEachChoiceWouldDo) {
    Event e;
    const CommandOutput output = e.import_list({"--dry-run"});
    EXPECT_EQ(output.exit_code, 3) << describe(output);
    EXPECT_CONTAINS(output.out, "would be refused");
    EXPECT_CONTAINS(output.out, "--merge-by email: merged into 5000100: 部署: (empty) → 企画課");
    EXPECT_CONTAINS(output.out,
                    "--merge-by email: not merged: no one in the event has the same "
                    "e-mail");
    EXPECT_CONTAINS(output.out, "--allow-duplicates: added as a new person E-1");
    EXPECT_CONTAINS(output.out, "added      E-36 山田 一郎");
    EXPECT_CONTAINS(output.err, "(dry run)");
    EXPECT_EQ(e.people(), 36u);

    const CommandOutput merge = e.import_list({"--dry-run", "--merge-by", "name"});
    EXPECT_EQ(merge.exit_code, 0) << describe(merge);
    EXPECT_CONTAINS(merge.out, "Would be: 1 added, 35 merged");
    EXPECT_EQ(e.people(), 36u);
}

TEST(ImportDuplicatesTest, MergeByNameUpdatesThePeopleAndTheNextImportAddsNothing) {
    Event e;
    const CommandOutput output = e.import_list({"--merge-by", "name"});
    ASSERT_EQ(output.exit_code, 0) << describe(output);
    EXPECT_CONTAINS(output.out, "1 added, 35 merged, 0 changed");
    EXPECT_CONTAINS(output.out, "merged     5000100 髙橋 健太 ← " + e.list.string() + ":2 (E-1");
    CsvDocument exported = parse_csv_document(e.event.export_bytes());
    ASSERT_EQ(exported.rows.size(), 37u);
    EXPECT_EQ(exported.value("id", "5000100", "name"), "髙橋 健太");  // its spelling kept
    EXPECT_EQ(exported.value("id", "5000100", "email"), "p0@example.jp");
    EXPECT_EQ(exported.value("id", "5000100", "role"), "facilitator");
    EXPECT_EQ(exported.value("id", "5000100", "部署"), "企画課");
    EXPECT_EQ(exported.value("id", "5000120", "部署"), "企画課");  // no e-mail, same name
    EXPECT_EQ(exported.value("id", "E-36", "organization"), "練馬区");

    // The same list again, without options: the kept keys find them.
    const CommandOutput again = e.import_list();
    ASSERT_EQ(again.exit_code, 0) << describe(again);
    EXPECT_CONTAINS(again.out, "0 added, 0 changed, 0 cancelled, 0 reinstated, 36 unchanged");
    // The connpass export again: its numbers find everyone; the list's keys are no tickets.
    const CommandOutput connpass =
        e.event.import_ok("connpass.csv", convert(connpass_export(), "CP932"));
    EXPECT_CONTAINS(connpass.out, "0 added, 0 changed");  // the list's 部署 stays
    EXPECT_EQ(e.people(), 37u);
    EXPECT_EQ(e.event.run({"checkin", "E-1"}).exit_code, 1);
    EXPECT_EQ(e.event.run({"checkin", "5000100"}).exit_code, 0);
}

TEST(ImportDuplicatesTest, MergeByEmailLeavesTheRowsWithoutOneToAllowDuplicates) {
    Event e;
    const CommandOutput refused = e.import_list({"--merge-by", "email"});
    EXPECT_EQ(refused.exit_code, 3) << describe(refused);
    EXPECT_CONTAINS(refused.err, "1 row looks like someone already in the event");
    EXPECT_CONTAINS(refused.err, ":22: 小林花子 (E-21)");
    EXPECT_EQ(e.people(), 36u);

    const CommandOutput output = e.import_list({"--merge-by", "email", "--allow-duplicates"});
    ASSERT_EQ(output.exit_code, 0) << describe(output);
    EXPECT_CONTAINS(output.out, "2 added, 34 merged");
    CsvDocument exported = parse_csv_document(e.event.export_bytes());
    EXPECT_EQ(exported.rows.size(), 38u);
    EXPECT_EQ(exported.value("id", "5000101", "部署"), "企画課");
    EXPECT_EQ(exported.value("id", "E-21", "name"), "小林花子");
}

TEST(ImportDuplicatesTest, AllowDuplicatesAddsThemAll) {
    Event e;
    const CommandOutput output = e.import_list({"--allow-duplicates"});
    ASSERT_EQ(output.exit_code, 0) << describe(output);
    EXPECT_CONTAINS(output.out, "36 added");
    EXPECT_CONTAINS(output.out, "added as new");
    EXPECT_EQ(e.people(), 72u);
}

TEST(ImportDuplicatesTest, RowsOfOneFileThatAreEachOtherAreReported) {
    EventFixture event;
    const auto path = event / "twice.csv";
    write_file(path, crlf_lines({"ID,氏名,フリガナ,所属", "1,渡邊 誠,ワタナベ マコト,港区",
                                 "2,渡辺 誠,わたなべ まこと,品川区", "3,渡辺 誠,,目黒区"}));
    const CommandOutput output = event.run({"import", path.string()});
    EXPECT_EQ(output.exit_code, 3) << describe(output);
    EXPECT_CONTAINS(output.err, path.string() +
                                    ":2: 渡邊 誠 (1) looks like line 3 of this file: "
                                    "same name and reading");
    EXPECT_CONTAINS(output.err, path.string() + ":3: 渡辺 誠 (2) looks like line 2");
    EXPECT_LACKS(output.err, "(3)");
    const CommandOutput bad = event.run({"import", path.string(), "--merge-by", "phone"});
    EXPECT_EQ(bad.exit_code, 2) << describe(bad);
}

}  // namespace
}  // namespace uketsuke::testing::cli
