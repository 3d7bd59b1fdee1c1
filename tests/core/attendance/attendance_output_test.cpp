#include "kiosk/core/attendance/attendance_output.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "attendance_fixture.hpp"
#include "kiosk/core/attendance/display_width.hpp"
#include "kiosk/core/model/utf8.hpp"

namespace uketsuke {
namespace {

using namespace testing;

AttendanceRecord small_record(std::vector<Participant> extra = {}) {
    AttendanceInput input;
    input.time_zone = "Asia/Tokyo";
    input.sessions = {session_on("1", 0), session_on("2", 7), session_on("1b", 3, "1")};
    input.participants = {someone("a", "髙橋 一郎", "たかはし いちろう", "青葉市"),
                          someone("b", "山﨑 花子", "やまざき はなこ", "港南市"),
                          someone("c", "=HYPERLINK(\"http://x\")", "", "-1+2"),
                          someone("d", "Smith, John", "", "")};
    for (auto& p : extra) input.participants.push_back(std::move(p));
    for (const auto& p : input.participants) {
        input.expected["1"].push_back(p.id);
        input.expected["2"].push_back(p.id);
    }
    input.checkins = {row("r1", "a", "1", at_minute(0, 0)), row("r2", "a", "2", at_minute(7, 30)),
                      row("r3", "b", "1b", at_minute(3, 0)), row("r4", "b", "2", at_minute(7, 0)),
                      row("r5", "d", "1", at_minute(0, 0))};
    auto record = build_attendance_record(input);
    EXPECT_TRUE(record) << record.error().message;
    return std::move(record).value();
}

std::vector<std::string> lines_of(const std::string& text, const std::string& end = "\n") {
    std::vector<std::string> lines;
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t next = text.find(end, at);
        lines.push_back(text.substr(at, next == std::string::npos ? std::string::npos : next - at));
        if (next == std::string::npos) break;
        at = next + end.size();
    }
    return lines;
}

CompletionRule all_with_makeup() {
    CompletionRule rule;
    rule.allow_makeup = true;
    return rule;
}

TEST(AttendanceCsv, Utf8WithBomKeepsRareKanjiAndGuardsFormulas) {
    const std::string csv = attendance_csv(small_record(), all_with_makeup());
    ASSERT_GE(csv.size(), 3u);
    EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
    EXPECT_TRUE(utf8::is_valid(csv));
    const auto lines = lines_of(csv.substr(3), "\r\n");
    ASSERT_GE(lines.size(), 5u);
    EXPECT_EQ(lines[0],
              "所属,氏名,ふりがな,ID,第1回 2026-05-12,第1b回 2026-05-15,第2回 2026-05-19,"
              "出席,遅刻,早退,欠席,振替,対象回数,出席率,修了,不足回数,今後の回");
    // 青葉市 and 港南市 sort after the organization "-1+2" (an ASCII symbol first).
    EXPECT_EQ(lines[1], "'-1+2,\"'=HYPERLINK(\"\"http://x\"\")\",,c,×,,×,0,0,0,2,0,2,0.0%,未了,2,");
    EXPECT_EQ(lines[2], "港南市,山﨑 花子,やまざき はなこ,b,振,○,○,1,0,0,0,1,2,100.0%,修了,0,");
    EXPECT_EQ(lines[3], "青葉市,髙橋 一郎,たかはし いちろう,a,○,,遅,1,1,0,0,0,2,100.0%,修了,0,");
    EXPECT_EQ(lines[4], ",\"Smith, John\",,d,○,,×,1,0,0,1,0,2,50.0%,未了,1,");
    // At 1, a and d came (d has no organization); at the make-up, b; at 2, a and b.
    EXPECT_NE(csv.find("\r\n概要,,,,1団体2名参加（申込者4名）,1団体1名参加（申込者0名）,"
                       "2団体2名参加（申込者4名）\r\n"),
              std::string::npos)
        << csv;
}

TEST(AttendanceCsv, MalformedNamesBecomeReplacementCharacters) {
    const std::string csv =
        attendance_csv(small_record({someone("x", "\xff\xfe名", "", "")}), std::nullopt);
    EXPECT_TRUE(utf8::is_valid(csv));
    EXPECT_NE(csv.find("\uFFFD\uFFFD名"), std::string::npos);
}

TEST(AttendanceJson, InvalidUtf8DoesNotThrowAndReadsBack) {
    const auto record =
        small_record({someone("x\xc3", "\xff名\xe3\x81", "\xc0\xaf", "\xed\xa0\x80")});
    std::string text;
    ASSERT_NO_THROW(text = attendance_json(record, all_with_makeup()));
    nlohmann::json json;
    ASSERT_NO_THROW(json = nlohmann::json::parse(text));
    bool found = false;
    for (const auto& person : json["people"]) {
        if (person["id"] == "x\uFFFD") {
            found = true;
            EXPECT_EQ(person["name"], "\uFFFD名\uFFFD");
        }
    }
    EXPECT_TRUE(found) << text;
}

TEST(AttendanceJson, CarriesMarksTotalsRatesAndCompletion) {
    const auto json = nlohmann::json::parse(attendance_json(small_record(), all_with_makeup()));
    EXPECT_EQ(json["time_zone"], "Asia/Tokyo");
    ASSERT_EQ(json["sessions"].size(), 3u);
    EXPECT_EQ(json["sessions"][0]["summary"], "1団体2名参加（申込者4名）");
    EXPECT_EQ(json["sessions"][1]["makeup_of"], "1");
    const auto& b = json["people"][1];
    EXPECT_EQ(b["name"], "山﨑 花子");
    EXPECT_EQ(b["marks"][0]["mark"], "made-up");
    EXPECT_EQ(b["marks"][0]["symbol"], "振");
    EXPECT_EQ(b["marks"][0]["made_up_at"], "1b");
    EXPECT_EQ(b["marks"][1]["arrived_at"], "2026-05-15 13:00:00");
    EXPECT_DOUBLE_EQ(b["rate"].get<double>(), 1.0);
    EXPECT_EQ(b["completion"]["completes"], true);
    const auto& c = json["people"][0];
    EXPECT_EQ(c["completion"]["missing"], 2.0);
    EXPECT_EQ(c["completion"]["short_at"], nlohmann::json({"1", "2"}));
    EXPECT_EQ(json["completion_rule"]["require"], "all");
    EXPECT_TRUE(json["people"][3]["rate"].is_number());
    const auto without = nlohmann::json::parse(attendance_json(small_record(), std::nullopt));
    EXPECT_FALSE(without["people"][0].contains("completion"));
    EXPECT_FALSE(without.contains("completion_rule"));
}

TEST(AttendanceTable, MarksLineUpUnderTheirSessionsByDisplayWidth) {
    const std::string table = attendance_table(
        small_record({someone("e", "長い名前の人がここにいますよ本当に長い", "", "青葉市"),
                      someone("f", "\x1b[31mred", "", "青葉市")}),
        all_with_makeup());
    EXPECT_EQ(table.find('\x1b'), std::string::npos) << "no escape reaches the terminal";
    const auto lines = lines_of(table);
    std::size_t header = 0;
    while (header < lines.size() && lines[header].rfind("所属", 0) != 0) ++header;
    ASSERT_LT(header, lines.size()) << table;
    // Where the first session's mark starts, in columns, is the same on every row.
    const std::string& head = lines[header];
    const std::size_t column = display_width(head.substr(0, head.find(" 1 ") + 1));
    int rows = 0;
    for (std::size_t i = header + 1; i < lines.size() && !lines[i].empty(); ++i, ++rows) {
        const std::string& line = lines[i];
        std::size_t at = 0;
        std::size_t width = 0;
        while (at < line.size() && width < column) {
            const std::size_t start = at;
            (void)utf8::next(line, at);
            width += display_width(line.substr(start, at - start));
        }
        EXPECT_EQ(width, column) << line;
        const std::string mark = line.substr(at, line.find(' ', at) - at);
        EXPECT_TRUE(mark == "○" || mark == "×" || mark == "振" || mark == "遅") << line;
    }
    EXPECT_EQ(rows, 6);
    EXPECT_NE(table.find("1団体2名参加（申込者6名）  ○2 遅0 早0 ×3 振1"), std::string::npos)
        << table;
    EXPECT_NE(table.find("未了 あと2回\n"), std::string::npos) << "nothing is to come: no fixes";
    EXPECT_NE(table.find("修了 2名 / 6名"), std::string::npos) << table;
    EXPECT_NE(table.find("長い名前の人がここ…"), std::string::npos) << table;
}

TEST(AttendanceTable, ShowsWhatWouldStillCount) {
    AttendanceInput input;
    input.time_zone = "Asia/Tokyo";
    input.sessions = {session_on("1", 0), session_on("2", 7), session_on("1b", 3, "1")};
    input.participants = {someone("a", "青葉 一郎", "あおば", "青葉市")};
    input.expected["1"] = {"a"};
    input.expected["2"] = {"a"};
    input.now_ms = at_minute(1, 0);
    auto record = build_attendance_record(input);
    ASSERT_TRUE(record);
    const std::string table = attendance_table(record.value(), all_with_makeup());
    EXPECT_NE(table.find("未了 あと2回 今後: 1b(1の振替), 2"), std::string::npos) << table;
    EXPECT_NE(table.find("これから"), std::string::npos) << table;
}

TEST(AttendanceOutput, RatesAndHalves) {
    EXPECT_EQ(rate_text(std::nullopt), "");
    EXPECT_EQ(rate_text(5.0 / 6.0), "83.3%");
    EXPECT_EQ(halves_text(3), "1.5");
    EXPECT_EQ(halves_text(4), "2");
}

}  // namespace
}  // namespace uketsuke
