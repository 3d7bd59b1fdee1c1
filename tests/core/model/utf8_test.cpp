#include "kiosk/core/model/utf8.hpp"

#include <gtest/gtest.h>

namespace uketsuke::utf8 {
namespace {

TEST(Utf8, WalksCodePointsAndReplacesMalformedBytes) {
    EXPECT_EQ(decode("髙﨑 a"), U"髙﨑 a");
    EXPECT_EQ(decode("\xE9\xAB"), U"\uFFFD");        // cut in the middle of 髙
    EXPECT_EQ(decode("a\xFFz"), U"a\uFFFDz");        // a byte that never starts a sequence
    EXPECT_EQ(decode("\xC0\xAF"), U"\uFFFD\uFFFD");  // an overlong '/'
    EXPECT_EQ(decode("\xF0\x9F\x98\x80"), U"\U0001F600");
}

TEST(Utf8, AppendsAndEncodes) {
    EXPECT_EQ(encode(U'あ'), "あ");
    EXPECT_EQ(encode(U"𠮷野家"), "𠮷野家");
    EXPECT_EQ(encode(char32_t{0xD800}), "\xEF\xBF\xBD");  // a lone surrogate
    EXPECT_EQ(encode(char32_t{0x110000}), "\xEF\xBF\xBD");
}

TEST(Utf8, MeasuresAndCutsWithoutSplittingCharacters) {
    EXPECT_EQ(length("やまだ abc"), 7u);
    EXPECT_EQ(first("やまだ", 2), "やま");
    EXPECT_EQ(first("やまだ", 9), "やまだ");
    EXPECT_EQ(cut("やまだ", 7), "やま");  // 7 bytes would split だ
    EXPECT_EQ(cut("abc", 10), "abc");
}

TEST(Utf8, BackspaceRemovesOneCharacterAndAlwaysProgresses) {
    std::string text = "aや𠮷";
    pop_back(text);
    EXPECT_EQ(text, "aや");
    pop_back(text);
    EXPECT_EQ(text, "a");
    text = "a\xE3\x81";  // a cut kana: one byte at a time
    pop_back(text);
    EXPECT_EQ(text, "a\xE3");
    std::string empty;
    pop_back(empty);
    EXPECT_EQ(empty, "");
}

TEST(Utf8, FindsTheFirstInvalidByte) {
    EXPECT_TRUE(is_valid("受付 Uketsuke"));
    EXPECT_EQ(error_offset("ab\xED\xA0\x80"), 2u);       // a surrogate
    EXPECT_EQ(error_offset("abc\xF4\x90\x80\x80"), 3u);  // past U+10FFFF
    EXPECT_EQ(error_offset("\x82\xA0"), 0u);             // Shift_JIS あ
}

TEST(Utf8, TrimsAsciiOrJapaneseWhiteSpace) {
    EXPECT_EQ(trim_ascii(" \t WS-001\r\n"), "WS-001");
    EXPECT_EQ(trim_ascii("\u3000山田\u3000"), "\u3000山田\u3000");
    EXPECT_EQ(trim("\u3000\xEF\xBB\xBF 山田 太郎\xC2\xA0\n"), "山田 太郎");
    EXPECT_EQ(trim("   "), "");
}

TEST(Utf8, SafeTextReplacesEachMalformedSequenceAndNul) {
    EXPECT_EQ(safe_text("受付 Uketsuke"), "受付 Uketsuke");
    EXPECT_EQ(safe_text("a\xFFz"), "a\uFFFDz");
    EXPECT_EQ(safe_text("\xE9\xAB"), "\uFFFD");                      // cut in the middle of 髙
    EXPECT_EQ(safe_text("\xC0\xAF"), "\uFFFD\uFFFD");                // an overlong '/'
    EXPECT_EQ(safe_text("ab\xED\xA0\x80"), "ab\uFFFD\uFFFD\uFFFD");  // a surrogate
    EXPECT_EQ(safe_text(std::string_view("a\0b", 3)), "a\uFFFDb");
    // Line breaks and tabs stay in stored text (a vCard or a Wi-Fi code has them).
    EXPECT_EQ(safe_text("BEGIN:VCARD\r\nN:山田\t"), "BEGIN:VCARD\r\nN:山田\t");
    const std::string bytes("\x82\xA0\xFF\xFE\x00\x80 abc\xE3\x81", 12);
    const std::string safe = safe_text(bytes);
    EXPECT_TRUE(is_valid(safe));
    EXPECT_EQ(safe_text(safe), safe);  // a fixed point: storing it twice changes nothing
    EXPECT_EQ(safe.find('\0'), std::string::npos);
}

TEST(Utf8, ShownTextHasNoControlCharacters) {
    EXPECT_EQ(safe_text("山田\r\n\t花子\x1B[2J\x7F", Controls::Remove), "山田花子[2J");
    EXPECT_EQ(safe_text("a\xC2\x85z", Controls::Remove), "az");  // C1: NEL
    // Bidirectional overrides and isolates would reorder what staff read.
    EXPECT_EQ(safe_text("ab\u202Ecd\u2066e\u2069", Controls::Remove), "abcde");
    EXPECT_EQ(safe_text(std::string_view("\0\xFF", 2), Controls::Remove), "\uFFFD");
    EXPECT_EQ(safe_text("やまだ 🙂", Controls::Remove), "やまだ 🙂");
}

}  // namespace
}  // namespace uketsuke::utf8
