#include "kiosk/core/roster/search_key.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace uketsuke;

TEST(TextNormalize, Nfkc) {
    EXPECT_EQ(nfkc("ＡＢＣ１２３"), "ABC123");
    EXPECT_EQ(nfkc("ﾔﾏﾀﾞ ﾀﾛｳ"), "ヤマダ タロウ");
    EXPECT_EQ(nfkc("㈱"), "(株)");
    EXPECT_EQ(nfkc("山田"), "山田");
    EXPECT_EQ(nfkc(""), "");
}

TEST(TextSearchKey, KanaWidthAndScriptFold) {
    EXPECT_EQ(search_key("ﾔﾏﾀﾞ"), "やまだ");
    EXPECT_EQ(search_key("ヤマダ"), "やまだ");
    EXPECT_EQ(search_key("やまだ"), "やまだ");
    EXPECT_EQ(search_key("ヴァイオリン"), search_key("ゔぁいおりん"));
    EXPECT_EQ(search_key("ｷｬﾝｾﾙ"), search_key("きやんせる"));  // small kana fold to full size
    EXPECT_EQ(search_key("いすゞ"), search_key("イスヾ"));
}

TEST(TextSearchKey, VariantKanjiOfNamesFold) {
    EXPECT_EQ(search_key("髙橋"), search_key("高橋"));
    EXPECT_EQ(search_key("山﨑"), search_key("山崎"));
    EXPECT_EQ(search_key("宮嵜"), search_key("宮崎"));
    EXPECT_EQ(search_key("渡邊"), search_key("渡辺"));
    EXPECT_EQ(search_key("渡邉"), search_key("渡辺"));
    EXPECT_EQ(search_key("齋藤"), search_key("斎藤"));
    EXPECT_EQ(search_key("齊藤"), search_key("斉藤"));
    EXPECT_EQ(search_key("濵田"), search_key("浜田"));
    EXPECT_EQ(search_key("德川"), search_key("徳川"));
    EXPECT_EQ(search_key("𠮷田"), search_key("吉田"));
    EXPECT_EQ(search_key("辻\U000E0100"), search_key("辻"));  // an ideographic variation sequence
    EXPECT_EQ(search_key("葛\U000E0101飾"), search_key("葛飾"));
    // Different characters stay different.
    EXPECT_NE(search_key("高橋"), search_key("髙嶋"));
    EXPECT_NE(search_key("崎"), search_key("埼"));
}

TEST(TextSearchKey, CaseAndWidthFold) {
    EXPECT_EQ(search_key("ＡＢＣ"), "abc");
    EXPECT_EQ(search_key("ABC"), "abc");
    EXPECT_EQ(search_key("abc"), "abc");
    EXPECT_EQ(search_key("Straße"), search_key("STRASSE"));
}

TEST(TextSearchKey, SpacesDotsAndHyphensAreRemoved) {
    EXPECT_EQ(search_key("山田　太郎"), "山田太郎");
    EXPECT_EQ(search_key(" 山田 太郎 "), "山田太郎");
    EXPECT_EQ(search_key("山田\t太郎\n"), "山田太郎");
    EXPECT_EQ(search_key("ジョン・スミス"), search_key("じょんすみす"));
    EXPECT_EQ(search_key("ｼﾞｮﾝ･ｽﾐｽ"), search_key("じょんすみす"));
    EXPECT_EQ(search_key("03-1234－5678"), "0312345678");
    EXPECT_EQ(search_key("Jean‐Luc"), "jeanluc");
}

TEST(TextSearchKey, LongVowelMarkIsKept) {
    EXPECT_NE(search_key("ケーキ"), search_key("ケキ"));
    EXPECT_EQ(search_key("ｹｰｷ"), search_key("ケーキ"));
}

TEST(TextSearchKey, InvalidUtf8DoesNotCrash) {
    EXPECT_NO_THROW((void)search_key("a\xff\xfe\xe3"));
    EXPECT_NO_THROW((void)nfkc("a\xff\xfe\xe3"));
}

TEST(TextSearchKey, HundredThousandNames) {
    std::vector<std::string> names;
    for (int i = 0; i < 100'000; ++i) {
        names.push_back("ﾔﾏﾀﾞ　タロウ " + std::to_string(i) + " 山田太郎 Yamada");
    }
    std::size_t total = 0;
    for (const auto& name : names) total += search_key(name).size();
    EXPECT_GT(total, 0u);
    EXPECT_EQ(search_key(names.front()), search_key("やまだ たろう 0 山田太郎 yamada"));
    // Speed: tests/bench/roster_bench.cpp.
}
