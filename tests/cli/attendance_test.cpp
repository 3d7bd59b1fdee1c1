// `uketsuke attendance`: the record of a series from an event file — marks, totals, 出席率,
// completion — as a table, CSV and JSON, and every wrong option refused with its message.
// The check-in rows are written the way a kiosk writes them (EventStore::append_checkin) at
// chosen times: the command's own `checkin` stamps the present, which cannot be late in
// April. Everything the test checks is read back from what the binary prints or writes.

#include <gtest/gtest.h>

#include "cli/cli_fixtures.hpp"
#include "kiosk/core/store/event_store.hpp"

namespace uketsuke::testing::cli {
namespace {

// 13:00 in Asia/Tokyo on 2026-04-10, -20 and 05-10 (worked out with Python's datetime).
constexpr std::int64_t kApril10 = 1775793600000;
constexpr std::int64_t kApril20 = 1776657600000;
constexpr std::int64_t kMay10 = 1778385600000;
constexpr std::int64_t kMinute = 60'000;

class AttendanceTest : public ::testing::Test {
protected:
    void SetUp() override {
        event_.import_ok("roster.csv",
                         crlf_lines({"ID,氏名,フリガナ,所属", "1,山田 太郎,ヤマダ タロウ,青葉市",
                                     "2,山﨑 花子,ヤマザキ ハナコ,港南市",
                                     "3,髙橋 一郎,タカハシ イチロウ,青葉市",
                                     "4,=cmd|'/c calc'!A1,イタズラ,港南市"}));
        const auto schedule = event_ / "schedule.csv";
        write_file(schedule, crlf_lines({"id,名称,日付,開始,終了,退出記録,猶予,振替",
                                         "m1,第1回,2026-04-10,13:00,17:00,はい,10,",
                                         "m1x,第1回 振替,2026-04-20,13:00,17:00,いいえ,10,m1",
                                         "m2,第2回,2026-05-10,13:00,17:00,いいえ,10,",
                                         "m3,第3回,2035-05-10,13:00,17:00,いいえ,10,"}));
        const CommandOutput imported = event_.run({"sessions", "import", schedule.string()});
        ASSERT_EQ(imported.exit_code, 0) << describe(imported);

        EventStore kiosk = EventStore::open(event_.db().string());
        int n = 0;
        auto add = [&](const std::string& person, const std::string& session, std::int64_t wall,
                       CheckinKind kind = CheckinKind::CheckIn) {
            CheckinRecord row;
            row.id = "row-" + std::to_string(++n);
            row.participant_id = person;
            row.kind = kind;
            row.method = CheckinMethod::Camera;
            row.kiosk = n % 2 ? "K1" : "K2";
            row.wall_ms = wall;
            row.stamp = kiosk.next_stamp(row.kiosk, wall).to_string();
            row.session_id = session;
            ASSERT_TRUE(kiosk.append_checkin(row));
        };
        add("1", "m1", kApril10 - 20 * kMinute);  // ○
        add("1", "m2", kMay10 + 25 * kMinute);    // 遅
        add("2", "m1x", kApril20);                // 振 at m1
        add("2", "m2", kMay10);                   // ○
        add("3", "m1", kApril10);                 // 早: left at 15:00
        add("3", "m1", kApril10 + 120 * kMinute, CheckinKind::Leave);
        // 4 never came.
    }

    CommandOutput attendance(std::vector<std::string> arguments) const {
        arguments.insert(arguments.begin(), {"attendance", event_.db().string()});
        return uketsuke(arguments);
    }

    EventFixture event_;
};

TEST_F(AttendanceTest, TheTableShowsMarksTotalsAndRates) {
    const CommandOutput shown = attendance({});
    ASSERT_EQ(shown.exit_code, 0) << describe(shown);
    const std::string& out = shown.out;
    EXPECT_CONTAINS(out, "テスト勉強会 出席簿");
    EXPECT_CONTAINS(out, "m1   2026-04-10 13:00–17:00  第1回");
    EXPECT_CONTAINS(out, "1団体2名参加（申込者4名）  ○1 遅0 早1 ×1 振1");
    EXPECT_CONTAINS(out, "2団体2名参加（申込者4名）  ○1 遅1 早0 ×2 振0");
    EXPECT_CONTAINS(out, "これから");
    // 港南市 (コウ) before 青葉市 (セイ); 山﨑 and the prankster by reading, イ before ヤ.
    const auto prank = out.find("'/c calc'");
    const auto yamazaki = out.find("港南市  山﨑 花子");
    const auto takahashi = out.find("青葉市  髙橋 一郎");
    const auto yamada = out.find("青葉市  山田 太郎");
    ASSERT_NE(prank, std::string::npos) << out;
    ASSERT_NE(yamazaki, std::string::npos) << out;
    ASSERT_NE(takahashi, std::string::npos) << out;
    ASSERT_NE(yamada, std::string::npos) << out;
    EXPECT_LT(prank, yamazaki);
    EXPECT_LT(yamazaki, takahashi);
    EXPECT_LT(takahashi, yamada);
    // Marks under their session ids: m1 m1x m2 m3, a blank for the make-up and for m3.
    EXPECT_CONTAINS(out, "所属    氏名              m1 m1x m2 m3  出席率\n");
    EXPECT_CONTAINS(out, "港南市  山﨑 花子         振 ○   ○      2/2 100.0%\n");
    EXPECT_CONTAINS(out, "青葉市  髙橋 一郎         早     ×      1/2 50.0%\n");
    EXPECT_CONTAINS(out, "青葉市    2名     3/4    75.0%");
}

TEST_F(AttendanceTest, CompletionByTheOrganizersRule) {
    const CommandOutput strict = attendance({"--require", "all"});
    ASSERT_EQ(strict.exit_code, 0) << describe(strict);
    EXPECT_CONTAINS(strict.out, "修了の条件: 全回出席、遅刻は出席、早退は出席、振替は数えない");
    // m3 is years away: everyone can still attend it, and it counts.
    EXPECT_CONTAINS(strict.out, "修了 0名 / 4名");
    const CommandOutput kind =
        attendance({"--require", "60%", "--allow-makeup", "--late", "half", "--early", "absent"});
    ASSERT_EQ(kind.exit_code, 0) << describe(kind);
    // 60% of 3 sessions is 1.8: 山﨑 (振, ○) completes, 山田 (○, 遅 = 0.5) needs 0.5 more.
    EXPECT_CONTAINS(kind.out, "修了 1名 / 4名");
    EXPECT_CONTAINS(kind.out, "未了 あと1回 今後: m3");
    const CommandOutput json =
        attendance({"--format", "json", "--require", "60%", "--allow-makeup", "--late", "half"});
    ASSERT_EQ(json.exit_code, 0) << describe(json);
    const auto parsed = nlohmann::json::parse(json.out);
    EXPECT_EQ(parsed["completion_rule"]["require"], "60%");
    for (const auto& person : parsed["people"]) {
        if (person["id"] == "1") {
            EXPECT_EQ(person["completion"]["completes"], false);
            EXPECT_EQ(person["completion"]["missing"], 0.5);
            EXPECT_EQ(person["completion"]["fixes"][0]["session"], "m3");
        }
    }
}

TEST_F(AttendanceTest, CsvForExcelIsUtf8WithBomAndPrivate) {
    const auto file = event_ / "出席簿.csv";
    const CommandOutput written = attendance({"--out", file.string()});
    ASSERT_EQ(written.exit_code, 0) << describe(written);
    EXPECT_CONTAINS(written.out, "Wrote the attendance of 4 people at 4 sessions");
    EXPECT_EQ(file_mode(file), 0600u);
    const std::string bytes = read_file(file);
    ASSERT_EQ(bytes.substr(0, 3), kBom);
    const CsvDocument csv = parse_csv_document(bytes);
    EXPECT_EQ(csv.value("ID", "2", "氏名"), "山﨑 花子");
    EXPECT_EQ(csv.value("ID", "3", "氏名"), "髙橋 一郎");
    EXPECT_EQ(csv.value("ID", "2", "第1回 2026-04-10"), "振");
    EXPECT_EQ(csv.value("ID", "3", "第1回 2026-04-10"), "早");
    EXPECT_EQ(csv.value("ID", "1", "第2回 2026-05-10"), "遅");
    EXPECT_EQ(csv.value("ID", "4", "第2回 2026-05-10"), "×");
    EXPECT_EQ(csv.value("ID", "4", "氏名"), "'=cmd|'/c calc'!A1") << "no formula for Excel";
    EXPECT_EQ(csv.value("ID", "1", "出席率"), "100.0%");
    EXPECT_EQ(csv.value("所属", "概要", "第1回 2026-04-10"), "1団体2名参加（申込者4名）");
}

TEST_F(AttendanceTest, OneSessionAlone) {
    const CommandOutput one = attendance({"--session", "m2", "--format", "json"});
    ASSERT_EQ(one.exit_code, 0) << describe(one);
    const auto parsed = nlohmann::json::parse(one.out);
    ASSERT_EQ(parsed["sessions"].size(), 1u);
    EXPECT_EQ(parsed["sessions"][0]["summary"], "2団体2名参加（申込者4名）");
    EXPECT_EQ(parsed["people"].size(), 4u);
    // The existing report, for the same session.
    const CommandOutput report = event_.run({"report", "--json", "--session", "m2"});
    ASSERT_EQ(report.exit_code, 0) << describe(report);
    EXPECT_EQ(nlohmann::json::parse(report.out)["session"], parsed["sessions"][0])
        << "the same figures under the same names";
}

TEST_F(AttendanceTest, WrongOptionsAreRefusedWithWhatToDo) {
    struct Case {
        std::vector<std::string> arguments;
        int exit_code;
        std::string message;
    };
    const std::vector<Case> cases{
        {{"--late", "half"}, 2, "give --require 80% or --require all"},
        {{"--allow-makeup"}, 2, "give --require"},
        {{"--require", "120%"}, 2, "--require 120%: give a whole percentage"},
        {{"--require", "80%", "--late", "sometimes"}, 2, "--late sometimes: use present, half"},
        {{"--require", "80%", "--session", "m1"}, 2, "--require judges the whole series"},
        {{"--format", "xlsx"}, 2, "--format xlsx: use table, csv or json"},
        {{"--session", "m9"}, 3, "m9"},
    };
    for (const auto& c : cases) {
        const CommandOutput refused = attendance(c.arguments);
        EXPECT_EQ(refused.exit_code, c.exit_code) << describe(refused);
        EXPECT_CONTAINS(refused.err, c.message);
    }
    const CommandOutput missing = uketsuke({"attendance", (event_ / "nothing.db").string()});
    EXPECT_EQ(missing.exit_code, 4) << describe(missing);
    EXPECT_FALSE(std::filesystem::exists(event_ / "nothing.db")) << "read-only: nothing made";
}

}  // namespace
}  // namespace uketsuke::testing::cli
