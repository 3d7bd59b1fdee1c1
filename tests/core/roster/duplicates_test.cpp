#include "kiosk/core/roster/duplicates.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "kiosk/core/model/utf8.hpp"
#include "kiosk/core/roster/search_key.hpp"

namespace uketsuke {
namespace {

DuplicateFields person(std::string_view name, std::string_view reading,
                       std::string_view organization, std::string_view email) {
    return {name, reading, organization, email};
}

TEST(Duplicates, EmailIsTrimmedAndCaseFolded) {
    EXPECT_EQ(email_key("  Taka@Example.JP "), "taka@example.jp");
    EXPECT_EQ(email_key("ｔａｋａ＠ｅｘａｍｐｌｅ．ｊｐ"), "taka@example.jp");
    EXPECT_EQ(email_key("a-b@example.jp"), "a-b@example.jp");  // hyphens kept: a-b is not ab
    EXPECT_EQ(email_key(""), "");
}

TEST(Duplicates, SameEmailMatchesWhateverTheName) {
    const std::vector<DuplicateFields> existing = {
        person("髙橋 健太", "タカハシ ケンタ", "港区", "taka@example.jp"),
        person("山田 花子", "", "品川区", "hanako@example.jp")};
    const std::vector<DuplicateFields> rows = {
        person("Kenta Takahashi", "", "", "TAKA@example.jp ")};
    const DuplicateCheck check = find_duplicates(existing, rows);
    ASSERT_EQ(check.matches[0].size(), 1u);
    EXPECT_EQ(check.matches[0][0].index, 0u);
    EXPECT_EQ(check.matches[0][0].rules, kSameEmail);
    EXPECT_EQ(check.match_count[0], 1u);
}

TEST(Duplicates, NameFoldedAsSearchFoldsItWithReadingOrOrganization) {
    const std::vector<DuplicateFields> existing = {
        person("髙橋 健太", "タカハシ ケンタ", "港区", ""),
        person("山﨑 花子", "やまざき はなこ", "品川区", ""),
        person("佐藤 一郎", "サトウ イチロウ", "目黒区", "")};
    const std::vector<DuplicateFields> rows = {
        person("高橋健太", "", "港 区", ""),                    // variant kanji, spaces
        person("山崎　花子", "ﾔﾏｻﾞｷ ﾊﾅｺ", "", ""),              // reading in half-width kana
        person("佐藤 一郎", "", "大田区", ""),                  // the name alone is not enough
        person("山崎 花子", "ヤマザキ ハナコ", "品川区", "")};  // both rules
    const DuplicateCheck check = find_duplicates(existing, rows);
    ASSERT_EQ(check.matches[0].size(), 1u);
    EXPECT_EQ(check.matches[0][0].index, 0u);
    EXPECT_EQ(check.matches[0][0].rules, kSameNameAndOrganization);
    ASSERT_EQ(check.matches[1].size(), 1u);
    EXPECT_EQ(check.matches[1][0].index, 1u);
    EXPECT_EQ(check.matches[1][0].rules, kSameNameAndReading);
    EXPECT_TRUE(check.matches[2].empty());
    ASSERT_EQ(check.matches[3].size(), 1u);
    EXPECT_EQ(check.matches[3][0].rules, kSameNameAndReading | kSameNameAndOrganization);
    EXPECT_EQ(describe_rules(check.matches[3][0].rules),
              "same name and reading; same name and organization");
    // Rows 1 and 3 are the same 山崎 花子 with the same reading: a group of this file.
    ASSERT_EQ(check.groups.size(), 1u);
    EXPECT_EQ(check.groups[0].rows, (std::vector<std::size_t>{1, 3}));
    EXPECT_EQ(check.groups[0].rules, kSameNameAndReading);
}

TEST(Duplicates, EmptyReadingsAndOrganizationsNeverMatch) {
    const std::vector<DuplicateFields> existing = {person("田中 次郎", "", "", "")};
    const std::vector<DuplicateFields> rows = {person("田中 次郎", "", "", ""),
                                               person("田中 次郎", "", "", "")};
    const DuplicateCheck check = find_duplicates(existing, rows);
    EXPECT_TRUE(check.matches[0].empty());
    EXPECT_TRUE(check.groups.empty());
}

TEST(Duplicates, OneMatchByTwoRulesIsOneMatch) {
    const std::vector<DuplicateFields> existing = {person("鈴木 一郎", "", "港区", "ichiro@x.jp"),
                                                   person("鈴木 一郎", "", "港区", "")};
    const std::vector<DuplicateFields> rows = {person("鈴木 一郎", "", "港区", "Ichiro@X.jp")};
    const DuplicateCheck check = find_duplicates(existing, rows);
    ASSERT_EQ(check.matches[0].size(), 2u);
    EXPECT_EQ(check.matches[0][0].rules, kSameEmail | kSameNameAndOrganization);
    EXPECT_EQ(check.matches[0][1].rules, kSameNameAndOrganization);
    EXPECT_EQ(check.match_count[0], 2u);
}

TEST(Duplicates, GroupsOfRowsJoinThroughAnyRule) {
    // 0 and 1 share an e-mail and a name, 1 and 2 a name and organization: one group of
    // three; 3 alone. 4 and 5 share only an e-mail (one buyer's order): not a group.
    const std::vector<DuplicateFields> rows = {
        person("伊藤誠", "", "", "a@x.jp"),       person("伊藤 誠", "", "港区", "A@X.JP"),
        person("伊藤　誠", "", "港区", ""),       person("伊藤 誠", "", "目黒区", ""),
        person("山田 太郎", "", "", "taro@x.jp"), person("山田 花子", "", "", "taro@x.jp")};
    const DuplicateCheck check = find_duplicates({}, rows);
    ASSERT_EQ(check.groups.size(), 1u);
    EXPECT_EQ(check.groups[0].rows, (std::vector<std::size_t>{0, 1, 2}));
    EXPECT_EQ(check.groups[0].rules, kSameEmail | kSameNameAndOrganization);
}

TEST(Duplicates, ManyNamesakesKeepAFewMatchesAndCountTheRest) {
    std::vector<DuplicateFields> existing(20, person("佐藤 健太", "サトウ ケンタ", "", ""));
    const std::vector<DuplicateFields> rows = {person("佐藤 健太", "さとう けんた", "", "")};
    const DuplicateCheck check = find_duplicates(existing, rows);
    EXPECT_EQ(check.matches[0].size(), kMaxMatchesKept);
    EXPECT_EQ(check.match_count[0], 20u);
}

// The shortcut for text NFKC leaves alone must give the key ICU gives.
TEST(Duplicates, SearchKeyShortcutAgreesWithIcu) {
    const std::vector<std::string> samples = {"髙橋 健太",
                                              "山﨑　花子",
                                              "ヤマザキ ハナコ",
                                              "Taro YAMADA",
                                              "ヴァイオリン",
                                              "ヷヸヹヺ",
                                              "ケーキ・ショップ",
                                              "㐂",
                                              "ゕゖ",
                                              "丸ノ内-1",
                                              "\t山田\r\n",
                                              "ｶﾞｲﾄﾞ",
                                              "A\xCC\x81",
                                              "\xFF\xFE",
                                              "か\xE3\x82\x99",
                                              "齋藤 鷗外",
                                              ""};
    for (const auto& text : samples) EXPECT_EQ(search_key(text), search_key_by_icu(text)) << text;
    // And random strings over the characters the shortcut takes, with some it does not.
    const std::u32string alphabet =
        U"abcXYZ 09-\t.@ぁあいゔゕゖァアヴヵヶヷヺ・ー　\u3400\u4DBF一高髙崎﨑邊辺齋斎\u9FFF"
        U"\u3099\u309B\u30FD\uFF76\uFF9E\u00C0\u2160";
    std::mt19937 random(12);
    for (int round = 0; round < 5000; ++round) {
        std::u32string text;
        const int length = static_cast<int>(random() % 12);
        for (int i = 0; i < length; ++i) text += alphabet[random() % alphabet.size()];
        const std::string utf8 = utf8::encode(text);
        ASSERT_EQ(search_key(utf8), search_key_by_icu(utf8)) << utf8;
    }
}

}  // namespace
}  // namespace uketsuke
