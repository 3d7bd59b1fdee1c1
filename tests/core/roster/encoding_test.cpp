#include "kiosk/core/roster/encoding.hpp"

#include <gtest/gtest.h>

#include <string>

#include "kiosk/core/model/utf8.hpp"

using namespace uketsuke;

namespace {

// UTF-16LE bytes of a UTF-16 literal, as Excel's "Unicode text" writes them.
std::string utf16le(std::u16string_view text, bool bom = true) {
    std::string out = bom ? std::string("\xFF\xFE") : std::string();
    for (char16_t unit : text) {
        out += static_cast<char>(unit & 0xFF);
        out += static_cast<char>(unit >> 8);
    }
    return out;
}

std::string utf16be(std::u16string_view text) {
    std::string out("\xFE\xFF");
    for (char16_t unit : text) {
        out += static_cast<char>(unit >> 8);
        out += static_cast<char>(unit & 0xFF);
    }
    return out;
}

// CP932 bytes: 氏名 所属 山田 市役所
const std::string sjis_name_header = "\x8e\x81\x96\xbc";
const std::string sjis_org_header = "\x8f\x8a\x91\xae";
const std::string sjis_yamada = "\x8e\x52\x93\x63";
const std::string sjis_city_hall = "\x8e\x73\x96\xf0\x8f\x8a";

}  // namespace

TEST(TextEncoding, ParsesNames) {
    EXPECT_EQ(parse_encoding("utf-8"), Encoding::Utf8);
    EXPECT_EQ(parse_encoding("UTF8"), Encoding::Utf8);
    EXPECT_EQ(parse_encoding("utf-16"), Encoding::Utf16);
    EXPECT_EQ(parse_encoding("UTF-16LE"), Encoding::Utf16);
    EXPECT_EQ(parse_encoding("cp932"), Encoding::Cp932);
    EXPECT_EQ(parse_encoding("Shift_JIS"), Encoding::Cp932);
    EXPECT_EQ(parse_encoding("sjis"), Encoding::Cp932);
    EXPECT_EQ(parse_encoding("Windows-31J"), Encoding::Cp932);
    EXPECT_EQ(parse_encoding("auto"), Encoding::Auto);
    EXPECT_EQ(parse_encoding("latin1"), std::nullopt);
    EXPECT_EQ(parse_encoding(""), std::nullopt);
    EXPECT_EQ(encoding_name(Encoding::Utf8), "utf-8");
    EXPECT_EQ(encoding_name(Encoding::Utf16), "utf-16");
    EXPECT_EQ(encoding_name(Encoding::Cp932), "cp932");
    EXPECT_EQ(encoding_name(Encoding::Auto), "auto");
    for (auto encoding : {Encoding::Auto, Encoding::Utf8, Encoding::Utf16, Encoding::Cp932}) {
        EXPECT_EQ(parse_encoding(encoding_name(encoding)), encoding);
    }
}

TEST(TextDecode, Utf8WithoutBom) {
    const auto result = decode_to_utf8("氏名,所属\n山田,市役所\n", Encoding::Auto);
    ASSERT_TRUE(result) << result.error->message;
    EXPECT_EQ(result.encoding, Encoding::Utf8);
    EXPECT_EQ(result.text, "氏名,所属\n山田,市役所\n");
}

TEST(TextDecode, Utf8BomIsStripped) {
    for (auto requested : {Encoding::Auto, Encoding::Utf8}) {
        const auto result = decode_to_utf8("\xEF\xBB\xBF氏名\n山田\n", requested);
        ASSERT_TRUE(result);
        EXPECT_EQ(result.encoding, Encoding::Utf8);
        EXPECT_EQ(result.text, "氏名\n山田\n");
    }
}

TEST(TextDecode, Utf16LittleEndianWithBomAsExcelWritesIt) {
    const std::string bytes = utf16le(u"氏名\t所属\r\n山田\t市役所\r\n");
    const auto result = decode_to_utf8(bytes, Encoding::Auto);
    ASSERT_TRUE(result) << result.error->message;
    EXPECT_EQ(result.encoding, Encoding::Utf16);
    EXPECT_EQ(result.text, "氏名\t所属\r\n山田\t市役所\r\n");
}

TEST(TextDecode, Utf16BigEndianWithBom) {
    const auto result = decode_to_utf8(utf16be(u"名前\n𠮷田\n"), Encoding::Auto);
    ASSERT_TRUE(result);
    EXPECT_EQ(result.encoding, Encoding::Utf16);
    EXPECT_EQ(result.text, "名前\n𠮷田\n");
}

TEST(TextDecode, Utf16RequestedWithoutBomIsLittleEndian) {
    const auto result = decode_to_utf8(utf16le(u"name\tgroup\n", false), Encoding::Utf16);
    ASSERT_TRUE(result);
    EXPECT_EQ(result.text, "name\tgroup\n");
}

TEST(TextDecode, Utf16UnpairedSurrogateIsAnError) {
    const std::string bytes =
        utf16le(u"ab\ncd") + std::string("\x00\xD8", 2) + utf16le(u"x", false);
    const auto result = decode_to_utf8(bytes, Encoding::Auto);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error->message,
              "the text at line 2, column 3 is not valid UTF-16 (an unpaired surrogate)");
    EXPECT_EQ(result.error->line, 2u);
    EXPECT_EQ(result.error->column, 3u);
}

TEST(TextDecode, Utf16OddLengthIsAnError) {
    const auto result = decode_to_utf8(utf16le(u"abc") + "x", Encoding::Auto);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error->message,
              "the text ends in the middle of a UTF-16 character at line 1, column 4");
}

TEST(TextDecode, Cp932IsDetected) {
    const std::string bytes = sjis_name_header + "," + sjis_org_header + "\r\n" + sjis_yamada +
                              "," + sjis_city_hall + "\r\n";
    const auto result = decode_to_utf8(bytes, Encoding::Auto);
    ASSERT_TRUE(result) << result.error->message;
    EXPECT_EQ(result.encoding, Encoding::Cp932);
    EXPECT_EQ(result.text, "氏名,所属\r\n山田,市役所\r\n");
}

TEST(TextDecode, Cp932Extensions) {
    // ① (NEC row 13), 髙 (IBM extension), ～ (0x8160, Windows maps it to U+FF5E), \ stays \.
    const auto result = decode_to_utf8("\x87\x40\xee\xe0\x81\x60\\", Encoding::Cp932);
    ASSERT_TRUE(result) << result.error->message;
    EXPECT_EQ(result.text, "①髙～\\");
}

TEST(TextDecode, Cp932TrailingCtrlZIsDropped) {
    const auto result = decode_to_utf8(sjis_yamada + "\n\x1a", Encoding::Cp932);
    ASSERT_TRUE(result);
    EXPECT_EQ(result.text, "山田\n");
}

TEST(TextDecode, Cp932RequestedForAsciiWorks) {
    const auto result = decode_to_utf8("id,name\n1,Smith\n", Encoding::Cp932);
    ASSERT_TRUE(result);
    EXPECT_EQ(result.encoding, Encoding::Cp932);
    EXPECT_EQ(result.text, "id,name\n1,Smith\n");
}

TEST(TextDecode, InvalidUtf8NamesLineAndColumn) {
    const auto result = decode_to_utf8("氏名,所属\n山田,\xff市役所\n", Encoding::Utf8);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error->line, 2u);
    EXPECT_EQ(result.error->column, 4u);
    EXPECT_EQ(result.error->message,
              "the text at line 2, column 4 is not valid UTF-8 (byte 0xFF); the file may be in "
              "another encoding such as Shift_JIS (cp932)");
}

TEST(TextDecode, InvalidUtf8CountsCrlfAndLoneCr) {
    const auto result = decode_to_utf8("a\r\nb\rcc\xc3", Encoding::Utf8);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error->line, 3u);
    EXPECT_EQ(result.error->column, 3u);
}

TEST(TextDecode, ShiftJisFileReadAsUtf8IsAnError) {
    const auto result = decode_to_utf8(sjis_yamada, Encoding::Utf8);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error->line, 1u);
    EXPECT_EQ(result.error->column, 1u);
    EXPECT_NE(result.error->message.find("byte 0x8E"), std::string::npos);
}

TEST(TextDecode, UndecodableCp932NamesLineAndColumn) {
    const std::string bytes = sjis_name_header + "\n" + sjis_yamada + "\x85\x40" + "\n";
    for (auto requested : {Encoding::Auto, Encoding::Cp932}) {
        const auto result = decode_to_utf8(bytes, requested);
        ASSERT_FALSE(result);
        EXPECT_EQ(result.encoding, Encoding::Cp932);
        EXPECT_EQ(result.error->line, 2u);
        EXPECT_EQ(result.error->column, 3u);
        EXPECT_EQ(result.error->message,
                  "the bytes 0x85 0x40 at line 2, column 3 cannot be read as Shift_JIS (CP932); "
                  "the file may be damaged or in another encoding");
    }
}

TEST(TextDecode, TruncatedCp932Character) {
    const auto result = decode_to_utf8(sjis_yamada + "\x8e", Encoding::Cp932);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error->message,
              "the text ends in the middle of a Shift_JIS (CP932) character at line 1, column 3");
}

TEST(TextDecode, BinaryFileIsRefused) {
    const std::string bytes("name\nab\0cd", 10);
    for (auto requested : {Encoding::Auto, Encoding::Utf8, Encoding::Cp932}) {
        const auto result = decode_to_utf8(bytes, requested);
        ASSERT_FALSE(result);
        EXPECT_EQ(result.error->message,
                  "this looks like a binary file, not a CSV/TSV text file (it contains a NUL byte "
                  "at line 2, column 3)");
        EXPECT_EQ(result.error->line, 2u);
        EXPECT_EQ(result.error->column, 3u);
    }
}

TEST(TextDecode, PngIsRefusedAsBinary) {
    const std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
    const auto result = decode_to_utf8(png, Encoding::Auto);
    ASSERT_FALSE(result);
    EXPECT_NE(result.error->message.find("binary file"), std::string::npos);
    EXPECT_EQ(result.error->line, 3u);
}

TEST(TextDecode, EmptyFileIsAnError) {
    for (auto requested : {Encoding::Auto, Encoding::Utf8, Encoding::Utf16, Encoding::Cp932}) {
        const auto result = decode_to_utf8("", requested);
        ASSERT_FALSE(result);
        EXPECT_EQ(result.error->message, "the file is empty");
        EXPECT_EQ(result.error->line, 1u);
        EXPECT_EQ(result.error->column, 1u);
    }
}

TEST(TextEncode, Cp932RoundTrip) {
    const auto bytes = encode_from_utf8("氏名,所属\r\n山田,市役所\r\n①髙～\r\n", Encoding::Cp932);
    ASSERT_TRUE(bytes) << bytes.error().message;
    // 髙 has two codes in CP932 (NEC-selected and IBM extension); only the round trip matters.
    EXPECT_TRUE(bytes.value().starts_with(sjis_name_header + "," + sjis_org_header + "\r\n" +
                                          sjis_yamada + "," + sjis_city_hall + "\r\n\x87\x40"));
    const auto back = decode_to_utf8(bytes.value(), Encoding::Cp932);
    ASSERT_TRUE(back);
    EXPECT_EQ(back.text, "氏名,所属\r\n山田,市役所\r\n①髙～\r\n");
}

TEST(TextEncode, Cp932ReportsTheFirstCharacterWithoutMapping) {
    const auto bytes = encode_from_utf8("氏名\n山田𠮷子😀\n", Encoding::Cp932);
    EXPECT_FALSE(bytes);
    EXPECT_EQ(bytes.error().message,
              "the character \"𠮷\" (U+20BB7) at line 2, column 3 has no Shift_JIS (CP932) "
              "equivalent; export as UTF-8 or replace it");
    EXPECT_FALSE(encode_from_utf8("Ä", Encoding::Cp932));
}

TEST(TextEncode, Utf16GetsBomAndUtf8IsUnchanged) {
    EXPECT_EQ(encode_from_utf8("名\n", Encoding::Utf16).value(), utf16le(u"名\n"));
    EXPECT_EQ(encode_from_utf8("名\n", Encoding::Utf8).value(), "名\n");
    const auto invalid = encode_from_utf8("a\xff", Encoding::Utf8);
    EXPECT_FALSE(invalid);
    EXPECT_EQ(invalid.error().message, "the text at line 1, column 2 is not valid UTF-8");
}

TEST(TextUtf8, Validity) {
    EXPECT_TRUE(utf8::is_valid(""));
    EXPECT_TRUE(utf8::is_valid("abc 山田 😀"));
    EXPECT_FALSE(utf8::is_valid("\xc0\x80"));          // overlong NUL
    EXPECT_FALSE(utf8::is_valid("\xe0\x80\xaf"));      // overlong
    EXPECT_FALSE(utf8::is_valid("\xed\xa0\x80"));      // surrogate
    EXPECT_FALSE(utf8::is_valid("\xf4\x90\x80\x80"));  // beyond U+10FFFF
    EXPECT_FALSE(utf8::is_valid("\xe5\xb1"));          // cut short
    EXPECT_FALSE(utf8::is_valid("\x80"));
}

TEST(TextTrim, RemovesAsciiAndIdeographicSpace) {
    EXPECT_EQ(utf8::trim("  山田 太郎\u3000\t"), "山田 太郎");
    EXPECT_EQ(utf8::trim("\u3000\u3000"), "");
    EXPECT_EQ(utf8::trim("\xC2\xA0x\xC2\xA0"), "x");
    EXPECT_EQ(utf8::trim(""), "");
    EXPECT_EQ(utf8::trim("a b"), "a b");
}
