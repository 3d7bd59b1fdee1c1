#pragma once
// A spreadsheet export read into a table: an Excel workbook's first visible sheet (xlsx.hpp),
// or decode (any encoding encoding.hpp knows) and parse as CSV/TSV. Shared by the roster and the
// groups imports so both report problems the same way: "file:line:column: message".

#include <cstddef>
#include <string>
#include <string_view>

#include "kiosk/core/model/result.hpp"
#include "kiosk/core/roster/csv.hpp"
#include "kiosk/core/roster/encoding.hpp"

namespace uketsuke {

// "file:line:column: message"; line or column 0 leave that part out.
std::string located(const std::string& source, std::size_t line, std::size_t column,
                    const std::string& message);

struct TableFile {
    CsvTable table;
    std::string encoding;  // the encoding used, by name; "xlsx (sheet 名簿)" for a workbook
};

// The error is located. `encoding` does not apply to a workbook (its XML says its own).
// `sheet`: the worksheet of an .xlsx to read (empty: the first visible one); a text file with a
// sheet named is refused, since it has none.
Result<TableFile, std::string> read_table(std::string_view bytes, Encoding encoding,
                                          const std::string& source_name,
                                          const std::string& sheet = {});

}  // namespace uketsuke
