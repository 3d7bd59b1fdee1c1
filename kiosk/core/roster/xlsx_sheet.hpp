#pragma once
// One worksheet part of an .xlsx read into the table the CSV parser would give (xlsx.hpp says
// how cells read): rows by their number, cells by their reference, gaps filled up to the
// header's width. Internal to the roster's .xlsx reader.

#include <string>
#include <vector>

#include "kiosk/core/model/result.hpp"
#include "kiosk/core/roster/csv.hpp"
#include "kiosk/core/roster/xlsx.hpp"
#include "kiosk/core/roster/xlsx_cells.hpp"
#include "kiosk/core/roster/xlsx_package.hpp"

namespace uketsuke::xlsx {

struct SheetContext {
    const std::string& source;  // the file name, for messages
    const std::string& sheet;
    const XlsxOptions& options;
    const std::vector<std::string>& strings;   // the shared strings
    const std::vector<NumberFormat>& formats;  // by cellXfs index (a cell's s=)
    bool date1904 = false;
};

// The error is located in full: "list.xlsx:名簿!B7: …", "list.xlsx: …".
Result<CsvTable, std::string> read_sheet(Package& package, const std::string& part,
                                         const SheetContext& context);

}  // namespace uketsuke::xlsx
