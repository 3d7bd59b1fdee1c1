// The desk roster (受付名簿): every name, reading and organization found by pdftotext, rows in
// 五十音順 by the reading folded as search folds it, "1 / 3" page numbers, 10.5 pt text, and
// no text past its cell for the longest fixtures (measured with Pango); `uketsuke roster-pdf`.

#include "paper/desk_roster.hpp"

#include <gtest/gtest.h>

#include "kiosk/core/roster/search_key.hpp"
#include "paper/paper_fixtures.hpp"

namespace uketsuke::testing::paper {
namespace {

using uketsuke::paper::RosterColumn;
using uketsuke::paper::RosterEntry;

RosterEntry entry(const TagPerson& person) {
    RosterEntry row;
    row.number = person.id;
    row.name = person.name;
    row.reading = person.reading;
    row.organization = person.organization;
    row.group_table =
        person.group_name.empty() ? "" : person.group_name + " / " + person.table_label;
    row.sort_key = search_key(person.reading.empty() ? person.name : person.reading);
    return row;
}

uketsuke::paper::RosterHeader header() {
    return {"自治体DX研究会", "2026年3月14日", "第1回", "五十音順", "2026-03-14 08:00 作成"};
}

std::filesystem::path write(const TempDir& dir, const std::string& name, const std::string& pdf) {
    const auto path = dir / name;
    std::FILE* file = std::fopen(path.c_str(), "wb");
    std::fwrite(pdf.data(), 1, pdf.size(), file);
    std::fclose(file);
    return path;
}

void expect_inside(const uketsuke::paper::SetText& set, const std::string& text) {
    EXPECT_GE(set.ink.x, set.box.x - 0.01) << text;
    EXPECT_GE(set.ink.y, set.box.y - 0.01) << text;
    EXPECT_LE(set.ink.x + set.ink.width, set.box.x + set.box.width + 0.01) << text;
    EXPECT_LE(set.ink.y + set.ink.height, set.box.y + set.box.height + 0.01) << text;
}

TEST(DeskRosterTest, EveryNameReadingAndOrganizationAt10Point5) {
    std::vector<RosterEntry> rows;
    for (const auto& person : everyday_people()) rows.push_back(entry(person));
    uketsuke::paper::RosterOptions options;
    options.keep_placements = true;
    auto pdf = uketsuke::paper::render_desk_roster(header(), rows, options);
    ASSERT_TRUE(pdf) << pdf.error().message;
    EXPECT_EQ(pdf.value().pages, 1);
    EXPECT_TRUE(pdf.value().notes.empty());
    TempDir dir;
    const std::string text = pdf_text(write(dir, "list.pdf", pdf.value().pdf));
    for (const auto& person : everyday_people()) {
        for (const auto& part : {person.reading, person.organization, person.id}) {
            if (!part.empty()) {
                EXPECT_NE(text.find(part), std::string::npos) << part << text;
            }
        }
        const std::string family = person.name.substr(0, person.name.find(' '));
        EXPECT_NE(text.find(family), std::string::npos) << family << text;
    }
    EXPECT_NE(text.find("1/1"), std::string::npos);
    for (const char* expected : {"受付名簿", "自治体DX研究会", "2026年3月14日", "第1回", "受付番号",
                                 "ふりがな", "所属", "署名"})
        EXPECT_NE(text.find(expected), std::string::npos) << expected;
    int names = 0;
    for (const auto& placed : pdf.value().placed) {
        if (placed.column != RosterColumn::Name) continue;
        ++names;
        EXPECT_DOUBLE_EQ(placed.set.size_pt, 10.5) << placed.text;
    }
    EXPECT_EQ(names, 5);
}

// Katakana, hiragana and half-width kana fold together (search_key), so the order is the
// reading's, however it was typed; names without a reading (Latin) come after the kana.
TEST(DeskRosterTest, RowsInGojuonOrderByTheFoldedReading) {
    std::vector<RosterEntry> rows = {
        entry(person("n4", "渡辺 一", "わたなべ はじめ", "")),
        entry(person("n2", "加藤 二郎", "カトウ ジロウ", "")),
        entry(person("n5", "Zoe Adams", "", "")),
        entry(person("n3", "佐々木 三郎", "ｻｻｷ ｻﾌﾞﾛｳ", "")),
        entry(person("n1", "阿部 一郎", "あべ いちろう", "")),
    };
    auto pdf = uketsuke::paper::render_desk_roster(header(), rows);
    ASSERT_TRUE(pdf) << pdf.error().message;
    TempDir dir;
    const std::string text = pdf_text(write(dir, "list.pdf", pdf.value().pdf));
    std::size_t last = 0;
    for (const char* id : {"n1", "n2", "n3", "n4", "n5"}) {
        const std::size_t at = text.find(id);
        ASSERT_NE(at, std::string::npos) << id;
        EXPECT_GT(at, last) << id << " out of order:\n" << text;
        last = at;
    }
}

TEST(DeskRosterTest, PagesAreNumberedOfTheirTotalAndSectionsHeaded) {
    std::vector<RosterEntry> rows;
    for (int i = 0; i < 70; ++i) {
        RosterEntry row =
            entry(person("r" + std::to_string(100 + i), "山田 太郎", "やまだ たろう", ""));
        row.section = i < 35 ? "青葉市" : "港南市";
        row.section_key = i < 35 ? "1" : "2";
        rows.push_back(row);
    }
    auto pdf = uketsuke::paper::render_desk_roster(header(), rows);
    ASSERT_TRUE(pdf) << pdf.error().message;
    TempDir dir;
    const auto file = write(dir, "list.pdf", pdf.value().pdf);
    EXPECT_EQ(pdf_pages(file), 3);
    EXPECT_EQ(pdf.value().pages, 3);
    const std::string text = pdf_text(file);
    for (const char* expected : {"青葉市", "港南市", "（続き）"})
        EXPECT_NE(text.find(expected), std::string::npos) << expected;
    // "1 / 3" as drawn; pdftotext drops the spaces.
    for (const char* expected : {"1/3", "2/3", "3/3"})
        EXPECT_NE(text.find(expected), std::string::npos) << expected << text;
}

// The longest fixtures (20+ characters, Japanese and Latin, 髙 﨑): every text inside its cell
// as Pango measures it, shrunk or cut with "…" and listed, never over the edge.
TEST(DeskRosterTest, LongestNamesNeverLeaveTheirCells) {
    std::vector<RosterEntry> rows;
    for (const auto& person : longest_people()) rows.push_back(entry(person));
    uketsuke::paper::RosterOptions options;
    options.keep_placements = true;
    auto pdf = uketsuke::paper::render_desk_roster(header(), rows, options);
    ASSERT_TRUE(pdf) << pdf.error().message;
    ASSERT_FALSE(pdf.value().placed.empty());
    for (const auto& placed : pdf.value().placed) expect_inside(placed.set, placed.text);
    bool cut = false;
    for (const auto& note : pdf.value().notes) cut |= note.cut;
    EXPECT_TRUE(cut) << "the longest names are cut, and said to be";
    TempDir dir;
    const std::string text = pdf_text(write(dir, "list.pdf", pdf.value().pdf));
    // (cairo tags a "…" with the text it stands for, so pdftotext reads the whole name.)
    EXPECT_NE(text.find("L4"), std::string::npos);
}

TEST(DeskRosterCommandTest, OnlyNotArrivedByGroupForASession) {
    TempDir dir;
    ASSERT_EQ(uketsuke({"demo", dir.path().string()}).exit_code, 0);
    const std::string event = (dir / "event.db").string();
    const auto all = dir / "all.pdf";
    const CommandOutput whole =
        uketsuke({"--event", event, "roster-pdf", "--out", all.string(), "--session", "day1"});
    ASSERT_EQ(whole.exit_code, 0) << whole.err;
    EXPECT_NE(whole.out.find("28 people (25 checked in already)"), std::string::npos) << whole.out;
    const std::string everyone = pdf_text(all);
    for (const char* expected :
         {"佐藤", "サトウ ケンタ", "青葉市", "WS-030", "第3回研究会 1日目", "1/1"})
        EXPECT_NE(everyone.find(expected), std::string::npos) << expected;

    const auto missing = dir / "missing.pdf";
    const CommandOutput some =
        uketsuke({"--event", event, "roster-pdf", "--out", missing.string(), "--session", "day1",
                  "--only-not-arrived", "--by", "group"});
    ASSERT_EQ(some.exit_code, 0) << some.err;
    EXPECT_NE(some.out.find("3 people"), std::string::npos) << some.out;
    const std::string text = pdf_text(missing);
    EXPECT_EQ(text.find("サトウ ケンタ"), std::string::npos) << "checked in: not listed";
    EXPECT_NE(text.find("未受付のみ"), std::string::npos);
    EXPECT_NE(text.find("グループ別"), std::string::npos);

    const CommandOutput bad =
        uketsuke({"--event", event, "roster-pdf", "--out", missing.string(), "--by", "table"});
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.err.find("organization, group or none"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace uketsuke::testing::paper
