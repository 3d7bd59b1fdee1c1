#include "kiosk/core/roster/csv.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "kiosk/core/roster/encoding.hpp"

using namespace uketsuke;

namespace {

std::vector<std::string> texts(const CsvRow& row) {
    std::vector<std::string> out;
    for (const auto& field : row.fields) out.push_back(field.text);
    return out;
}

SourceError error_of(std::string_view text, CsvOptions options = {}) {
    auto result = parse_csv(text, options);
    EXPECT_FALSE(result) << "expected an error for: " << text.substr(0, 200);
    return result ? SourceError{} : result.error();
}

using Texts = std::vector<std::string>;

}  // namespace

TEST(CsvParse, SimpleTableWithPositions) {
    auto result = parse_csv("氏名,所属\n山田,市役所\nSmith,City Hall\n");
    ASSERT_TRUE(result) << result.error().message;
    const CsvTable& table = result.value();
    EXPECT_EQ(table.delimiter, ',');
    ASSERT_EQ(table.rows.size(), 3u);
    EXPECT_EQ(texts(table.rows[0]), (Texts{"氏名", "所属"}));
    EXPECT_EQ(texts(table.rows[1]), (Texts{"山田", "市役所"}));
    EXPECT_EQ(table.rows[1].line, 2u);
    EXPECT_EQ(table.rows[2].line, 3u);
    EXPECT_EQ(table.rows[0].fields[1].column, 4u);  // characters, not bytes
    EXPECT_EQ(table.rows[2].fields[1].column, 7u);
}

TEST(CsvParse, DetectsTabFromHeader) {
    auto result = parse_csv("氏名\t所属\t備考\n山田\t市役所\t1,2,3\n");
    ASSERT_TRUE(result);
    EXPECT_EQ(result.value().delimiter, '\t');
    EXPECT_EQ(texts(result.value().rows[1]), (Texts{"山田", "市役所", "1,2,3"}));
}

TEST(CsvParse, CommaWinsWhenHeaderHasMoreCommas) {
    auto result = parse_csv("a,b,\"x\ty\"\n1,2,3\n");
    ASSERT_TRUE(result);
    EXPECT_EQ(result.value().delimiter, ',');
    EXPECT_EQ(texts(result.value().rows[0]), (Texts{"a", "b", "x\ty"}));
}

TEST(CsvParse, DetectionSkipsLeadingBlankLinesAndUsesGivenDelimiter) {
    auto detected = parse_csv("\n\na\tb\n1\t2\n");
    ASSERT_TRUE(detected);
    EXPECT_EQ(detected.value().delimiter, '\t');
    EXPECT_EQ(detected.value().rows[0].line, 3u);

    auto forced = parse_csv("a;b\n1;2\n", CsvOptions{.delimiter = ';'});
    ASSERT_TRUE(forced);
    EXPECT_EQ(texts(forced.value().rows[1]), (Texts{"1", "2"}));
}

TEST(CsvParse, QuotedFieldsEscapesAndEmbeddedDelimiters) {
    auto result = parse_csv("name,note\n\"Smith, John\",\"say \"\"hi\"\"\"\n\"\",\"\"\n");
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_EQ(texts(result.value().rows[1]), (Texts{"Smith, John", "say \"hi\""}));
    EXPECT_EQ(texts(result.value().rows[2]), (Texts{"", ""}));
}

TEST(CsvParse, EmbeddedNewlinesKeepLineNumbersRight) {
    const std::string text =
        "name,address\n"
        "山田,\"東京都\n千代田区\r\n1-1\"\n"
        "佐藤,大阪\n"
        "\n"
        "鈴木,\"札幌\"\n";
    auto result = parse_csv(text);
    ASSERT_TRUE(result) << result.error().message;
    const auto& rows = result.value().rows;
    ASSERT_EQ(rows.size(), 4u);
    EXPECT_EQ(rows[1].fields[1].text, "東京都\n千代田区\r\n1-1");
    EXPECT_EQ(rows[1].line, 2u);
    EXPECT_EQ(rows[2].line, 5u);
    EXPECT_EQ(rows[3].line, 7u);  // the blank line 6 counts but is not a row
    EXPECT_EQ(rows[3].fields[1].column, 4u);
}

TEST(CsvParse, LineEndings) {
    for (std::string_view text : {"a,b\r\n1,2\r\n3,4\r\n", "a,b\n1,2\n3,4", "a,b\r1,2\r3,4\r"}) {
        auto result = parse_csv(text);
        ASSERT_TRUE(result) << text;
        const auto& rows = result.value().rows;
        ASSERT_EQ(rows.size(), 3u) << text;
        EXPECT_EQ(texts(rows[2]), (Texts{"3", "4"}));
        EXPECT_EQ(rows[2].line, 3u);
    }
}

TEST(CsvParse, BlankLinesAreSkippedAndTrailingEmptyLineIsNotARow) {
    auto result = parse_csv("a,b\n\n1,2\r\n\r\n\n3,4\n\n");
    ASSERT_TRUE(result);
    const auto& rows = result.value().rows;
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[1].line, 3u);
    EXPECT_EQ(rows[2].line, 6u);
}

TEST(CsvParse, WhitespaceAndBareQuotesArePreserved) {
    auto result = parse_csv("a,b,c\n  x , 5'10\" ,\u3000y\u3000\n");
    ASSERT_TRUE(result);
    EXPECT_EQ(texts(result.value().rows[1]), (Texts{"  x ", " 5'10\" ", "\u3000y\u3000"}));
}

TEST(CsvParse, EmptyFieldsAndTrailingDelimiter) {
    auto result = parse_csv("a,b,c\n,,\n1,,\n");
    ASSERT_TRUE(result);
    EXPECT_EQ(texts(result.value().rows[1]), (Texts{"", "", ""}));
    EXPECT_EQ(texts(result.value().rows[2]), (Texts{"1", "", ""}));
    EXPECT_EQ(result.value().rows[2].fields[2].column, 4u);
}

TEST(CsvParse, HeaderOnlyIsAnEmptyRoster) {
    auto result = parse_csv("氏名,所属\n");
    ASSERT_TRUE(result);
    EXPECT_EQ(result.value().rows.size(), 1u);
}

TEST(CsvParse, Utf8BomIsSkipped) {
    auto result = parse_csv("\xEF\xBB\xBFid,name\n1,x\n");
    ASSERT_TRUE(result);
    EXPECT_EQ(result.value().rows[0].fields[0].text, "id");
    EXPECT_EQ(result.value().rows[0].fields[0].column, 1u);
}

TEST(CsvParse, ExcelUnicodeTextEndToEnd) {
    std::string bytes("\xFF\xFE");
    for (char16_t unit : std::u16string_view(u"氏名\t所属\r\n山田\t\"市役所\"\r\n")) {
        bytes += static_cast<char>(unit & 0xFF);
        bytes += static_cast<char>(unit >> 8);
    }
    const auto decoded = decode_to_utf8(bytes, Encoding::Auto);
    ASSERT_TRUE(decoded);
    auto result = parse_csv(decoded.text);
    ASSERT_TRUE(result);
    EXPECT_EQ(result.value().delimiter, '\t');
    EXPECT_EQ(texts(result.value().rows[1]), (Texts{"山田", "市役所"}));
}

TEST(CsvErrors, EmptyText) {
    for (std::string_view text : {"", "\xEF\xBB\xBF"}) {
        const SourceError error = error_of(text);
        EXPECT_EQ(error.message, "the file is empty");
        EXPECT_EQ(error.line, 1u);
        EXPECT_EQ(error.column, 1u);
    }
    const SourceError blank = error_of("\n\r\n\n");
    EXPECT_EQ(blank.message, "the file has no header line, only blank lines");
}

TEST(CsvErrors, UnclosedQuote) {
    const SourceError error = error_of("name,note\n山田,ok\n佐藤,\"never closed\n\n鈴木,x\n");
    EXPECT_EQ(error.message,
              "unclosed quote: the field starting at line 3, column 4 has no closing quote");
    EXPECT_EQ(error.line, 3u);
    EXPECT_EQ(error.column, 4u);
}

TEST(CsvErrors, TextAfterClosingQuote) {
    const SourceError error = error_of("name,note\n\"abc\"x,1\n");
    EXPECT_EQ(error.message,
              "unexpected text after the closing quote of the field starting at line 2, column 1; "
              "a quote inside a quoted field must be written twice (\"\")");
    EXPECT_EQ(error.line, 2u);
    EXPECT_EQ(error.column, 6u);
}

TEST(CsvErrors, RaggedRows) {
    const std::string header = "a,b,c,d,e,f\n";
    std::string text = header;
    for (int i = 0; i < 5; ++i) text += "1,2,3,4,5,6\n";
    const SourceError fewer = error_of(text + "1,2,3,4,5\n");
    EXPECT_EQ(fewer.message, "line 7 has 5 fields but the header has 6");
    EXPECT_EQ(fewer.line, 7u);
    EXPECT_EQ(fewer.column, 9u);

    const SourceError more = error_of(header + "1,2,3,4,5,6,7\n");
    EXPECT_EQ(more.message, "line 2 has 7 fields but the header has 6");
    EXPECT_EQ(more.line, 2u);
    EXPECT_EQ(more.column, 13u);

    const SourceError one = error_of("a,b\nonly\n");
    EXPECT_EQ(one.message, "line 2 has 1 field but the header has 2");
}

TEST(CsvErrors, TenMegabyteField) {
    std::string text = "name,note\nx,\"";
    text.append(10u << 20, 'a');
    text += "\"\n";
    const SourceError quoted = error_of(text);
    EXPECT_EQ(quoted.message, "field at line 2, column 3 is longer than 1 MiB");
    EXPECT_EQ(quoted.line, 2u);
    EXPECT_EQ(quoted.column, 3u);

    std::string plain = "name,note\n\nx,";
    plain.append(10u << 20, 'b');
    const SourceError unquoted = error_of(plain);
    EXPECT_EQ(unquoted.message, "field at line 3, column 3 is longer than 1 MiB");
}

TEST(CsvErrors, FieldLimitIsConfigurable) {
    CsvOptions options;
    options.max_field_bytes = 4;
    EXPECT_TRUE(parse_csv("a\nabcd\n", options));
    EXPECT_EQ(error_of("a\nabcde\n", options).message,
              "field at line 2, column 1 is longer than 4 bytes");
    EXPECT_EQ(error_of("a\n\"ab\ncd\"\n", options).message,
              "field at line 2, column 1 is longer than 4 bytes");
}

TEST(CsvErrors, RowLimit) {
    CsvOptions options;
    options.max_rows = 2;
    EXPECT_TRUE(parse_csv("a\n1\n2\n", options));
    const SourceError error = error_of("a\n1\n2\n3\n", options);
    EXPECT_EQ(error.message, "the file has more than 2 rows (line 4); split it into smaller files");
    EXPECT_EQ(error.line, 4u);
}

TEST(CsvErrors, EmptyHeaderName) {
    const SourceError error = error_of("氏名,\u3000 ,所属\n1,2,3\n");
    EXPECT_EQ(error.message,
              "the header has an empty column name at line 1, column 4 (field 2); every column "
              "needs a name");
    EXPECT_EQ(error.line, 1u);
    EXPECT_EQ(error.column, 4u);
}

TEST(CsvErrors, DuplicateHeaderNameAfterTrimming) {
    const SourceError error = error_of("\n氏名,所属, 氏名 \n1,2,3\n");
    EXPECT_EQ(error.message,
              "the header has the column \"氏名\" twice (fields 1 and 3, line 2); column names "
              "must be different");
    EXPECT_EQ(error.line, 2u);
    EXPECT_EQ(error.column, 7u);
}

// Speed is measured by tests/bench/roster_bench.cpp, not asserted here.
TEST(CsvLarge, HundredThousandRowsOfTenColumns) {
    std::string text = "id,name,reading,org,role,group,email,status,code,note\n";
    for (int i = 0; i < 100'000; ++i) {
        text += std::to_string(i) +
                ",山田 太郎,やまだ たろう,\"○○市役所, 企画課\",participant,A-12,"
                "taro@example.jp,参加,T" +
                std::to_string(i) + ",\n";
    }
    auto result = parse_csv(text);
    ASSERT_TRUE(result);
    EXPECT_EQ(result.value().rows.size(), 100'001u);
    EXPECT_EQ(result.value().rows.back().fields[3].text, "○○市役所, 企画課");
}
