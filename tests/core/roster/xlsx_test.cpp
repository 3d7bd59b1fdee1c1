#include "kiosk/core/roster/xlsx.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kiosk/core/roster/roster_import.hpp"
#include "kiosk/core/roster/table_file.hpp"
#include "support/event_fixture.hpp"
#include "support/temp_dir.hpp"
#include "support/xlsx_writer.hpp"

namespace uketsuke {
namespace {

using testing::workbook;
using testing::WorkbookParts;
using Texts = std::vector<std::string>;

const std::string kFixtures = std::string(UKETSUKE_SOURCE_DIR) + "/tests/core/roster/xlsx/";

std::string fixture(const std::string& name) { return testing::read_file(kFixtures + name); }

std::vector<Texts> texts(const CsvTable& table) {
    std::vector<Texts> out;
    for (const CsvRow& row : table.rows) {
        Texts cells;
        for (const CsvField& field : row.fields) cells.push_back(field.text);
        out.push_back(cells);
    }
    return out;
}

std::vector<Texts> read(const std::string& bytes, XlsxOptions options = {}) {
    auto result = read_xlsx(bytes, "book.xlsx", options);
    EXPECT_TRUE(result) << result.error();
    return result ? texts(result.value().table) : std::vector<Texts>{};
}

std::string error_of(const std::string& bytes, XlsxOptions options = {}) {
    auto result = read_xlsx(bytes, "book.xlsx", options);
    EXPECT_FALSE(result);
    return result ? std::string() : result.error();
}

WorkbookParts strings_book(std::string sheet_data) {
    WorkbookParts book;
    book.sheet_data = std::move(sheet_data);
    book.shared_strings = "<si><t>id</t></si><si><t>name</t></si><si><t>org</t></si>";
    return book;
}

const std::string kHeaderRow =
    R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>)"
    R"(<c r="C1" t="s"><v>2</v></c></row>)";

}  // namespace

TEST(Xlsx, LibreOfficeTypedCellsReadAsCheckedByHand) {
    auto result = read_xlsx(fixture("values.xlsx"), "values.xlsx");
    ASSERT_TRUE(result) << result.error();
    EXPECT_EQ(result.value().sheet, "名簿");
    auto expected = parse_csv(fixture("values.expected.csv"));
    ASSERT_TRUE(expected) << expected.error().message;
    EXPECT_EQ(texts(result.value().table), texts(expected.value()));
    // Row numbers are the sheet's and columns count from A = 1: a later error at 3:4 is D3.
    const CsvTable& table = result.value().table;
    ASSERT_EQ(table.rows.size(), 3u);
    EXPECT_EQ(table.rows[2].line, 3u);
    EXPECT_EQ(table.rows[2].fields[3].column, 4u);
}

TEST(Xlsx, ASheetByName) {
    XlsxOptions options;
    options.sheet = "メモ";
    EXPECT_EQ(read(fixture("values.xlsx"), options),
              (std::vector<Texts>{{"id", "name"}, {"m1", "Memo Person"}}));
    options.sheet = "Sheet9";
    const std::string error = error_of(fixture("values.xlsx"), options);
    EXPECT_NE(error.find("no sheet \"Sheet9\"; its sheets: \"名簿\", \"メモ\""), std::string::npos)
        << error;
}

// The same connpass-like roster, once as CSV and once as the .xlsx LibreOffice made of it
// (dates and numbers became typed cells), imports to the same people.
TEST(Xlsx, ImportsLikeTheCsvItCameFrom) {
    testing::EventFixture from_csv, from_xlsx;
    ImportOptions options;
    options.wall_ms = testing::kNineAm;
    options.source_name = "connpass.csv";
    const ImportResult csv = import_roster(from_csv.store, fixture("connpass.csv"), options);
    ASSERT_TRUE(csv) << csv.error;
    options.source_name = "connpass.xlsx";
    const ImportResult xlsx = import_roster(from_xlsx.store, fixture("connpass.xlsx"), options);
    ASSERT_TRUE(xlsx) << xlsx.error;
    EXPECT_EQ(xlsx.summary.encoding, "xlsx (sheet connpass)");
    EXPECT_EQ(xlsx.summary.preset, csv.summary.preset);
    EXPECT_EQ(xlsx.summary.columns, csv.summary.columns);
    const auto people = from_xlsx.store.participants();
    const auto expected = from_csv.store.participants();
    ASSERT_EQ(people.size(), 5u);
    ASSERT_EQ(people.size(), expected.size());
    for (std::size_t i = 0; i < people.size(); ++i) {
        SCOPED_TRACE(expected[i].name);
        EXPECT_EQ(people[i].id, expected[i].id);
        EXPECT_EQ(people[i].name, expected[i].name);
        EXPECT_EQ(people[i].organization, expected[i].organization);
        EXPECT_EQ(people[i].role, expected[i].role);
        EXPECT_EQ(people[i].status, expected[i].status);
        EXPECT_EQ(people[i].extras, expected[i].extras);
        EXPECT_EQ(from_xlsx.store.codes_of(people[i].id), from_csv.store.codes_of(expected[i].id));
    }
    EXPECT_EQ(people[0].name, "髙橋 健太");
    EXPECT_EQ(people[1].name, "山﨑 花子");
}

TEST(Xlsx, StringsInlineRichTextAndPhoneticGuides) {
    WorkbookParts book;
    // A run-split shared string and one with furigana (<rPh>), which is not part of the text.
    book.shared_strings =
        "<si><t>氏名</t></si>"
        "<si><r><t>髙橋</t></r><r><rPr><b/></rPr><t xml:space=\"preserve\"> 健太</t></r></si>"
        "<si><t>山﨑</t><rPh sb=\"0\" eb=\"2\"><t>ヤマザキ</t></rPh><phoneticPr fontId=\"1\"/></si>"
        "<si><t>line_x000D_\nbreak</t></si>";
    book.sheet_data =
        R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>メモ</t></is></c>)"
        R"(<c r="C1" t="inlineStr"><is><r><t>所</t></r><r><t>属</t></r></is></c></row>)"
        R"(<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" t="s"><v>3</v></c>)"
        R"(<c r="C2" t="str"><f>"港"&amp;"区"</f><v>港区</v></c></row>)"
        R"(<row r="3"><c r="A3" t="s"><v>2</v></c><c r="C3" t="e"><v>#N/A</v></c></row>)";
    EXPECT_EQ(read(workbook(book)), (std::vector<Texts>{{"氏名", "メモ", "所属"},
                                                        {"髙橋 健太", "line\r\nbreak", "港区"},
                                                        {"山﨑", "", "#N/A"}}));
}

TEST(Xlsx, GapsBooleansAndRowsWithoutReferences) {
    // Column B left out (empty), a row and cells with no r attribute (counted on), an empty
    // row and a styled but empty cell skipped, booleans as Excel's CSV writes them.
    const std::string sheet =
        kHeaderRow + R"(<row r="2"><c r="A2"><v>7</v></c><c r="C2" t="b"><v>1</v></c></row>)"
                     R"(<row r="4"><c r="A4" s="0"/></row>)"
                     R"(<row><c t="b"><v>0</v></c><c t="s"><v>1</v></c></row>)";
    auto result = read_xlsx(workbook(strings_book(sheet)), "book.xlsx");
    ASSERT_TRUE(result) << result.error();
    EXPECT_EQ(
        texts(result.value().table),
        (std::vector<Texts>{{"id", "name", "org"}, {"7", "", "TRUE"}, {"FALSE", "name", ""}}));
    EXPECT_EQ(result.value().table.rows[2].line, 5u);
}

TEST(Xlsx, DateStylesAndThe1904System) {
    WorkbookParts book = strings_book(
        kHeaderRow + R"(<row r="2"><c r="A2" s="1"><v>44669</v></c><c r="B2" s="2"><v>0.75</v></c>)"
                     R"(<c r="C2" s="3"><v>44669.5</v></c></row>)");
    book.workbook_pr = R"(<workbookPr date1904="1"/>)";
    book.styles =
        R"(<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
        R"(<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>)"
        R"(<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>)"
        R"(<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="20"/>)"
        R"(<xf numFmtId="22"/></cellXfs></styleSheet>)";
    EXPECT_EQ(
        read(workbook(book)),
        (std::vector<Texts>{{"id", "name", "org"}, {"2026-04-19", "18:00", "2026-04-19 12:00"}}));
}

TEST(Xlsx, ReadTableTellsAWorkbookByItsBytes) {
    auto table = read_table(fixture("values.xlsx"), Encoding::Auto, "renamed.csv");
    ASSERT_TRUE(table) << table.error();
    EXPECT_EQ(table.value().encoding, "xlsx (sheet 名簿)");
    auto old = read_table("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 and more", Encoding::Auto, "old.xls");
    ASSERT_FALSE(old);
    EXPECT_EQ(old.error(),
              "old.xls: an Excel 97-2003 workbook (.xls) or a password-protected one; save it "
              "without a password as Excel Workbook (.xlsx) or as CSV UTF-8");
}

TEST(XlsxErrors, ACellIsNamedBySheetAndReference) {
    EXPECT_EQ(error_of(workbook(
                  strings_book(kHeaderRow + R"(<row r="7"><c r="B7" t="s"><v>99</v></c></row>)"))),
              "book.xlsx:Sheet1!B7: refers to shared string \"99\", but the workbook has 3");
    EXPECT_EQ(error_of(workbook(strings_book(
                  R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>)"))),
              "book.xlsx:Sheet1!B1: the header has an empty column name (column B); every column "
              "up to the last one named needs a name");
    EXPECT_EQ(error_of(workbook(strings_book(
                  R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>0</v></c></row>)"))),
              "book.xlsx:Sheet1!B1: the header has the column \"id\" twice (columns A and B); "
              "column names must be different");
    EXPECT_EQ(
        error_of(workbook(strings_book(kHeaderRow + R"(<row r="3"><c r="E3"><v>1</v></c></row>)"))),
        "book.xlsx:Sheet1!E3: this cell has a value but its column has no name in the "
        "header (row 1), which ends at column C");
    EXPECT_EQ(error_of(workbook(
                  strings_book(kHeaderRow + R"(<row r="3"><c r="A3" t="x"><v>1</v></c></row>)"))),
              "book.xlsx:Sheet1!A3: unknown cell type \"x\"");
    EXPECT_EQ(error_of(workbook(strings_book(kHeaderRow + R"(<row r="1"></row>)"))),
              "book.xlsx: Sheet1: the row number \"1\" is not after row 1");
    EXPECT_EQ(
        error_of(workbook(strings_book(
            kHeaderRow + R"(<row r="2"><c r="B2"><v>1</v></c><c r="A2"><v>2</v></c></row>)"))),
        "book.xlsx:Sheet1!B2: the cell reference \"A2\" does not follow this cell");
    EXPECT_EQ(error_of(workbook(strings_book(""))), "book.xlsx: the sheet Sheet1 is empty");
}

TEST(XlsxErrors, TheCapsHold) {
    const std::string rows = kHeaderRow + R"(<row r="2"><c r="A2"><v>1</v></c></row>)" +
                             R"(<row r="3"><c r="A3"><v>2</v></c></row>)";
    XlsxOptions options;
    options.max_rows = 1;
    EXPECT_EQ(error_of(workbook(strings_book(rows)), options),
              "book.xlsx: the sheet Sheet1 has more than 1 rows; split it into smaller files");
    options = {};
    options.max_cells = 8;  // 3 rows of 3 columns once the gaps are filled
    EXPECT_EQ(error_of(workbook(strings_book(rows)), options),
              "book.xlsx: the sheet Sheet1 has more than 8 cells (3 rows of 3 columns)");
    options = {};
    options.max_cell_bytes = 3;
    EXPECT_EQ(error_of(workbook(strings_book(kHeaderRow)), options),
              "book.xlsx: shared string 1 is longer than 3 bytes");
    EXPECT_EQ(XlsxOptions{}.max_inflated_bytes, std::size_t{200} << 20);
}

TEST(XlsxErrors, AZipBombStopsAtTheInflatedCap) {
    // 4 MiB of one repeated row compresses to a few kilobytes; the cap counts what inflates,
    // whatever the archive's headers claim.
    std::string rows = kHeaderRow;
    const std::string row = R"(<row><c t="s"><v>0</v></c></row>)";
    while (rows.size() < (std::size_t{4} << 20)) rows += row;
    const std::string bomb = workbook(strings_book(rows));
    EXPECT_LT(bomb.size(), std::size_t{64} << 10);
    XlsxOptions options;
    options.max_inflated_bytes = std::size_t{1} << 20;
    EXPECT_EQ(error_of(bomb, options),
              "book.xlsx: the workbook inflates to more than 1 MiB (a zip bomb, or a sheet too "
              "large to import); save the sheet as CSV instead");
}

TEST(XlsxErrors, HostileOrDamagedXml) {
    WorkbookParts dtd = strings_book(kHeaderRow);
    dtd.shared_strings = "<si><t>&lol;</t></si>";
    auto parts = testing::workbook_parts(dtd);
    for (auto& [name, bytes] : parts) {
        if (name == "xl/sharedStrings.xml") {
            bytes = R"(<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY lol "lol">]><sst/>)";
        }
    }
    EXPECT_EQ(error_of(testing::zip_archive(parts)),
              "book.xlsx: xl/sharedStrings.xml has a document type declaration (DTD), which "
              ".xlsx files never have; the file is not a workbook Excel wrote");

    const std::string bad_utf8 = error_of(
        workbook(strings_book(kHeaderRow + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>\xFF"
                                           "\xFE</t></is></c></row>")));
    EXPECT_NE(bad_utf8.find("book.xlsx: xl/worksheets/sheet1.xml line 1, column"),
              std::string::npos)
        << bad_utf8;
    EXPECT_NE(bad_utf8.find("not well-formed (invalid token); the workbook is damaged or not "
                            "really .xlsx"),
              std::string::npos)
        << bad_utf8;

    const std::string truncated = error_of(workbook(strings_book("<row r=\"1\"><c")));
    EXPECT_NE(truncated.find("xl/worksheets/sheet1.xml"), std::string::npos) << truncated;
}

TEST(XlsxErrors, NotReallyAWorkbook) {
    EXPECT_EQ(error_of("PK\x03\x04 but nothing else"),
              "book.xlsx: not a readable zip archive (Not a zip archive), so not an .xlsx file");
    EXPECT_EQ(error_of(testing::zip_archive({{"notes.txt", "hello"}})),
              "book.xlsx: a zip archive but not an Excel workbook (.xlsx): it has no "
              "xl/workbook.xml");
    EXPECT_EQ(error_of(testing::zip_archive(
                  {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
                   {"content.xml", "<office:document-content/>"}})),
              "book.xlsx: an OpenDocument spreadsheet (.ods), not an .xlsx workbook; save it as "
              "Excel (.xlsx) or as CSV UTF-8");
    auto parts = testing::workbook_parts(strings_book(kHeaderRow));
    std::erase_if(parts, [](const auto& part) { return part.first == "xl/worksheets/sheet1.xml"; });
    EXPECT_EQ(error_of(testing::zip_archive(parts)),
              "book.xlsx: the workbook has no xl/worksheets/sheet1.xml; it is damaged");
    // A damaged archive: the central directory survives, a part's bytes do not.
    std::string damaged = fixture("values.xlsx");
    const std::size_t middle = damaged.find("xl/worksheets/sheet1.xml") + 40;
    for (std::size_t i = middle; i < middle + 64 && i < damaged.size(); ++i) damaged[i] ^= 0x5A;
    EXPECT_FALSE(read_xlsx(damaged, "book.xlsx"));
}

}  // namespace uketsuke
