// `uketsuke import list.xlsx`: a connpass-like roster saved from Excel imports like its CSV
// (numbers without ".0", date cells as connpass's dates read, 髙橋 and 山﨑 intact); a broken
// workbook is refused with the sheet and cell, exits 3 and changes nothing. The workbooks are
// built part by part here (tests/support/xlsx_writer.hpp), as Excel lays them out.

#include <gtest/gtest.h>

#include <algorithm>

#include "cli/cli_fixtures.hpp"
#include "support/xlsx_writer.hpp"

namespace uketsuke::testing::cli {
namespace {

const std::vector<std::string> kHeaders = {"受付番号",       "表示名",   "参加枠名",
                                           "参加ステータス", "更新日時", "会社名・団体名"};

// 12 registrations: 受付番号 as number cells, 更新日時 as a date-time cell (2026-04-19 17:22,
// serial 46131.7236111111, style 1 = built-in format 22), the rest shared strings. Person 5 has
// no organization (the cell is left out, a gap between E and nothing).
std::string roster_xlsx(const std::string& broken_cell = "") {
    std::vector<std::string> strings = kHeaders;
    auto shared = [&strings](const std::string& text) {
        const auto found = std::find(strings.begin(), strings.end(), text);
        if (found != strings.end()) return std::to_string(found - strings.begin());
        strings.push_back(text);
        return std::to_string(strings.size() - 1);
    };
    const std::vector<std::string> names = {"髙橋 健太", "山﨑 花子", "渡邊 聡", "齋藤 美咲"};
    const std::vector<std::string> places = {"港区", "品川区", "目黒区"};
    std::string rows = "<row r=\"1\">";
    for (std::size_t c = 0; c < kHeaders.size(); ++c) {
        rows += "<c r=\"" + std::string(1, static_cast<char>('A' + c)) + "1\" t=\"s\"><v>" +
                std::to_string(c) + "</v></c>";
    }
    rows += "</row>";
    for (int i = 0; i < 12; ++i) {
        const std::string r = std::to_string(i + 2);
        const std::string name = names[i % names.size()] + (i < 4 ? "" : std::to_string(i));
        rows += "<row r=\"" + r + "\"><c r=\"A" + r + "\"><v>" + std::to_string(5000100 + i) +
                "</v></c><c r=\"B" + r + "\" t=\"s\"><v>" + shared(name) + "</v></c><c r=\"C" + r +
                "\" t=\"s\"><v>" + shared(i == 0 ? "ファシリテーター" : "一般参加") +
                "</v></c><c r=\"D" + r + "\" t=\"s\"><v>" +
                shared(i == 11 ? "参加キャンセル" : "参加") + "</v></c><c r=\"E" + r +
                "\" s=\"1\"><v>46131.7236111111</v></c>";
        if (i != 5) {
            rows +=
                "<c r=\"F" + r + "\" t=\"s\"><v>" + shared(places[i % places.size()]) + "</v></c>";
        }
        rows += "</row>";
    }
    rows += broken_cell;
    WorkbookParts book;
    book.sheet_name = "参加者一覧";
    book.sheet_data = rows;
    for (const auto& text : strings) book.shared_strings += "<si><t>" + text + "</t></si>";
    book.styles =
        "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        "<cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"22\"/></cellXfs></styleSheet>";
    return workbook(book);
}

TEST(ImportXlsx, AConnpassRosterSavedFromExcel) {
    EventFixture event;
    const CommandOutput output = event.import_ok("参加者.xlsx", roster_xlsx());
    EXPECT_CONTAINS(output.out, "xlsx (sheet 参加者一覧)");
    EXPECT_CONTAINS(output.out, "connpass format");
    EXPECT_CONTAINS(output.out, "← organization");

    const CsvDocument exported = parse_csv_document(event.export_bytes());
    ASSERT_EQ(exported.rows.size(), 12u);
    EXPECT_EQ(exported.value("id", "5000100", "name"), "髙橋 健太");
    EXPECT_EQ(exported.value("id", "5000101", "name"), "山﨑 花子");
    EXPECT_EQ(exported.value("id", "5000100", "role"), "facilitator");
    EXPECT_EQ(exported.value("id", "5000101", "organization"), "品川区");
    EXPECT_EQ(exported.value("id", "5000105", "organization"), "");
    EXPECT_EQ(exported.value("id", "5000111", "registration"), "cancelled");
    EXPECT_EQ(exported.value("id", "5000110", "更新日時"), "2026-04-19 17:22");
}

TEST(ImportXlsx, ABrokenWorkbookIsRefusedWithItsCellAndChangesNothing) {
    EventFixture event;
    event.import_ok("first.xlsx", roster_xlsx());
    const std::string before = event.export_bytes("before.csv");

    const auto path = event / "broken.xlsx";
    write_file(path, roster_xlsx("<row r=\"20\"><c r=\"B20\" t=\"s\"><v>999</v></c></row>"));
    const CommandOutput output = event.run({"import", path.string()});
    EXPECT_EQ(output.exit_code, 3) << describe(output);
    EXPECT_CONTAINS(output.err, path.string() + ":参加者一覧!B20: refers to shared string \"999\"");
    EXPECT_CONTAINS(output.err, "Nothing was imported");

    const auto old = event / "old.xls";
    write_file(old, std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(512, '\0'));
    const CommandOutput xls = event.run({"import", old.string()});
    EXPECT_EQ(xls.exit_code, 3) << describe(xls);
    EXPECT_CONTAINS(xls.err, "Excel 97-2003 workbook (.xls)");
    EXPECT_EQ(event.export_bytes("after.csv"), before);
}

TEST(ImportXlsx, SheetNamesTheWorksheetAndATextFileHasNone) {
    EventFixture event;
    const CommandOutput named =
        event.import_ok("参加者.xlsx", roster_xlsx(), {"--sheet", "参加者一覧"});
    EXPECT_CONTAINS(named.out, "参加者.xlsx: xlsx (sheet 参加者一覧), connpass format");
    EXPECT_EQ(named.out.find("-separated"), std::string::npos) << named.out;
    const std::string before = event.export_bytes("before.csv");

    const auto path = event / "参加者.xlsx";
    const CommandOutput missing = event.run({"import", path.string(), "--sheet", "名簿"});
    EXPECT_EQ(missing.exit_code, 3) << describe(missing);
    EXPECT_CONTAINS(missing.err, "no sheet \"名簿\"");
    EXPECT_CONTAINS(missing.err, "参加者一覧");

    const auto csv = event / "list.csv";
    write_file(csv, "受付番号,表示名\n1,佐藤 健太\n");
    const CommandOutput text = event.run({"import", csv.string(), "--sheet", "名簿"});
    EXPECT_EQ(text.exit_code, 3) << describe(text);
    EXPECT_CONTAINS(text.err, csv.string() + ": a sheet was asked for (名簿)");
    EXPECT_EQ(event.export_bytes("after.csv"), before);
}

}  // namespace
}  // namespace uketsuke::testing::cli
