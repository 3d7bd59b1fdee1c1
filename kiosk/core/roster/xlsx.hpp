#pragma once
// An Excel workbook (.xlsx, Office Open XML) read into the table a CSV of the same sheet gives,
// for the roster, groups and sessions imports (table_file.hpp). One sheet: the first visible
// worksheet in tab order, or one named. Cells read as Excel shows them and its CSV export writes
// them (xlsx_cells.hpp): shared and inline strings with rich-text runs joined (phonetic guides,
// ルビ, left out), numbers without a ".0", digit strings exact, date cells as "2026-04-19" or
// "2026-04-19 17:22", booleans as TRUE/FALSE, formulas as their last computed value.
//
// Row numbers are the sheet's (CsvRow::line), columns are numbers (CsvField::column, A = 1), so a
// problem found later at "7:2" is cell B7. Rows with no value at all are skipped, as blank lines
// are in a CSV; the first row with a value is the header. Merged cells are not spread out.
// Bytes from outside: a damaged or hostile file (a zip bomb, a DTD, invalid UTF-8, a zip that is
// no workbook) is refused with a message, within the caps below.

#include <cstddef>
#include <string>
#include <string_view>

#include "kiosk/core/model/result.hpp"
#include "kiosk/core/roster/csv.hpp"

namespace uketsuke {

struct XlsxOptions {
    std::string sheet;  // empty: the first visible worksheet
    // All the parts read, inflated: a 100,000-person roster with surveys is ~60 MB of XML.
    std::size_t max_inflated_bytes = std::size_t{200} << 20;
    // Cells of the table once gaps are filled up to the header's width.
    std::size_t max_cells = 5'000'000;
    std::size_t max_rows = 2'000'000;  // data rows, as CsvOptions
    std::size_t max_cell_bytes = std::size_t{1} << 20;
};

struct XlsxTable {
    CsvTable table;     // delimiter ',' (there is none)
    std::string sheet;  // the sheet read
};

// A zip archive's first bytes ("PK\3\4"): what read_table tells an .xlsx by.
bool looks_like_zip(std::string_view bytes);
// The compound-file signature of Excel 97-2003 .xls and of password-protected workbooks.
bool looks_like_ole2(std::string_view bytes);

// The error is located: "list.xlsx: message" for the workbook, "list.xlsx:名簿!B7: message"
// for a cell.
Result<XlsxTable, std::string> read_xlsx(std::string_view bytes, const std::string& source_name,
                                         const XlsxOptions& options = {});

}  // namespace uketsuke
