#include "kiosk/core/roster/xlsx_cells.hpp"

#include <gtest/gtest.h>

using namespace uketsuke::xlsx;

namespace {

std::string number(std::string_view stored, NumberFormat format = {}, bool date1904 = false) {
    return number_text(stored, format, date1904);
}

NumberFormat kind(NumberKind k) { return NumberFormat{k, 0, false}; }

}  // namespace

TEST(XlsxFormat, BuiltInIds) {
    EXPECT_EQ(classify_format(0, "").kind, NumberKind::Plain);   // General
    EXPECT_EQ(classify_format(49, "").kind, NumberKind::Plain);  // @
    EXPECT_EQ(classify_format(14, "").kind, NumberKind::Date);
    EXPECT_EQ(classify_format(22, "").kind, NumberKind::DateTime);
    EXPECT_EQ(classify_format(20, "").kind, NumberKind::Time);
    EXPECT_EQ(classify_format(31, "").kind, NumberKind::Date);  // yyyy"年"m"月"d"日"
    EXPECT_EQ(classify_format(32, "").kind, NumberKind::Time);  // h"時"mm"分"
    EXPECT_TRUE(classify_format(46, "").elapsed);
}

TEST(XlsxFormat, CustomCodes) {
    EXPECT_EQ(classify_format(164, "General").kind, NumberKind::Plain);
    EXPECT_EQ(classify_format(166, "yyyy/mm/dd").kind, NumberKind::Date);
    EXPECT_EQ(classify_format(165, "mmm\\ dd").kind, NumberKind::Date);
    // What LibreOffice wrote for 2026年3月1日 17:22: the 年月日 are escaped or quoted literals.
    EXPECT_EQ(classify_format(167, "yyyy\\年m\\月d\"日 \"hh:mm").kind, NumberKind::DateTime);
    EXPECT_EQ(classify_format(166, "mm/dd/yyyy\\ hh:mm\\ AM/PM").kind, NumberKind::DateTime);
    EXPECT_EQ(classify_format(168, "hh:mm").kind, NumberKind::Time);
    EXPECT_EQ(classify_format(170, "[$-411]ggge\"年\"m\"月\"d\"日\"").kind, NumberKind::Date);
    EXPECT_EQ(classify_format(171, "[Red]yyyy-mm-dd;@").kind, NumberKind::Date);
    const NumberFormat elapsed = classify_format(172, "[h]:mm");
    EXPECT_EQ(elapsed.kind, NumberKind::Time);
    EXPECT_TRUE(elapsed.elapsed);
    // "TRUE";"TRUE";"FALSE" (LibreOffice's boolean style) and numbers are not dates.
    EXPECT_EQ(classify_format(169, "\"TRUE\";\"TRUE\";\"FALSE\"").kind, NumberKind::Plain);
    EXPECT_EQ(classify_format(173, "0.00E+00").kind, NumberKind::Plain);
    EXPECT_EQ(classify_format(174, "#,##0\"円\"").kind, NumberKind::Plain);
    EXPECT_EQ(classify_format(175, "@").kind, NumberKind::Plain);
    EXPECT_EQ(classify_format(165, "00000").zero_padding, 5);
    EXPECT_EQ(classify_format(165, "0.00").zero_padding, 0);
}

TEST(XlsxNumber, WholeNumbersHaveNoFraction) {
    EXPECT_EQ(number("12345"), "12345");
    EXPECT_EQ(number("12345.0"), "12345");
    EXPECT_EQ(number("1E3"), "1000");
    EXPECT_EQ(number("-1250"), "-1250");
    EXPECT_EQ(number("-0"), "0");
    EXPECT_EQ(number("0.0"), "0");
}

TEST(XlsxNumber, LongDigitStringsStayExact) {
    // Past a double's 15-17 digits: kept as stored, not through a double.
    EXPECT_EQ(number("123456789012345678901234"), "123456789012345678901234");
    EXPECT_EQ(number("9012345678901"), "9012345678901");
}

TEST(XlsxNumber, FractionsAsExcelShowsThem) {
    EXPECT_EQ(number("3.5"), "3.5");
    EXPECT_EQ(number("0.30000000000000004"), "0.3");  // 0.1+0.2 as Excel stores it
    EXPECT_EQ(number("1.2345678901234567E+19"), "1.23456789012346E+19");
    EXPECT_EQ(number("not a number"), "not a number");
    EXPECT_EQ(number(""), "");
}

TEST(XlsxNumber, ZeroPadding) {
    NumberFormat padded;
    padded.zero_padding = 5;
    EXPECT_EQ(number("42", padded), "00042");
    EXPECT_EQ(number("42.0", padded), "00042");
    EXPECT_EQ(number("1234567", padded), "1234567");
    EXPECT_EQ(number("-42", padded), "-42");
}

TEST(XlsxNumber, DateSerials) {
    // Checked against what LibreOffice Calc shows for the same cells (values.fods).
    EXPECT_EQ(number("46131", kind(NumberKind::Date)), "2026-04-19");
    EXPECT_EQ(number("46131.7236111111", kind(NumberKind::DateTime)), "2026-04-19 17:22");
    EXPECT_EQ(number("46131.7236111111", kind(NumberKind::Date)), "2026-04-19");
    EXPECT_EQ(number("46131", kind(NumberKind::DateTime)), "2026-04-19 00:00");
    EXPECT_EQ(number("0.395833333333333", kind(NumberKind::Time)), "09:30");
    EXPECT_EQ(number("0.500011574074074", kind(NumberKind::Time)), "12:00:01");
    NumberFormat elapsed = kind(NumberKind::Time);
    elapsed.elapsed = true;
    EXPECT_EQ(number("1.5", elapsed), "36:00");
    EXPECT_EQ(number("1.5", kind(NumberKind::Time)), "12:00");
}

TEST(XlsxNumber, The1900LeapYearBug) {
    EXPECT_EQ(number("1", kind(NumberKind::Date)), "1900-01-01");
    EXPECT_EQ(number("59", kind(NumberKind::Date)), "1900-02-28");
    EXPECT_EQ(number("60", kind(NumberKind::Date)), "1900-02-29");
    EXPECT_EQ(number("61", kind(NumberKind::Date)), "1900-03-01");
    EXPECT_EQ(number("2958465", kind(NumberKind::Date)), "9999-12-31");
}

TEST(XlsxNumber, The1904DateSystem) {
    EXPECT_EQ(number("0", kind(NumberKind::Date), true), "1904-01-01");
    EXPECT_EQ(number("44669", kind(NumberKind::Date), true), "2026-04-19");
}

TEST(XlsxNumber, SerialsOutsideTheCalendarStayNumbers) {
    EXPECT_EQ(number("-1", kind(NumberKind::Date)), "-1");
    EXPECT_EQ(number("2958466", kind(NumberKind::Date)), "2958466");
    EXPECT_EQ(number("0", kind(NumberKind::Date)), "0");  // 1900-01-00
    EXPECT_EQ(number("1e308", kind(NumberKind::Date)), "1E+308");
}

TEST(XlsxText, Escapes) {
    EXPECT_EQ(unescape("a_x000D_b"), "a\rb");
    EXPECT_EQ(unescape("_x005F_x000D_"), "_x000D_");
    EXPECT_EQ(unescape("_xD83D__xDE00_"), "\U0001F600");
    EXPECT_EQ(unescape("_xD800_"), "_xD800_");  // a lone surrogate is no character
    EXPECT_EQ(unescape("_x00zz_ _x12"), "_x00zz_ _x12");
    EXPECT_EQ(unescape("山﨑_x3000_花子"), "山﨑\u3000花子");
}

TEST(XlsxCellRef, ParsesAndNames) {
    const auto b7 = parse_cell_ref("B7");
    ASSERT_TRUE(b7);
    EXPECT_EQ(b7->row, 7u);
    EXPECT_EQ(b7->column, 2u);
    const auto last = parse_cell_ref("XFD1048576");
    ASSERT_TRUE(last);
    EXPECT_EQ(last->column, 16384u);
    for (std::string_view bad :
         {"XFE1", "A1048577", "A0", "A01", "a1", "", "A", "7", "B7x", "AAAAA1"}) {
        EXPECT_FALSE(parse_cell_ref(bad)) << bad;
    }
    EXPECT_EQ(column_name(1), "A");
    EXPECT_EQ(column_name(26), "Z");
    EXPECT_EQ(column_name(27), "AA");
    EXPECT_EQ(column_name(16384), "XFD");
    EXPECT_EQ(cell_name("名簿", 7, 2), "名簿!B7");
    EXPECT_EQ(cell_name("My list", 1, 1), "'My list'!A1");
    EXPECT_EQ(cell_name("it's", 1, 1), "'it''s'!A1");
}
