// .xlsx rosters on arbitrary bytes. Random bytes are rarely a zip, so half the inputs are split
// into a workbook's parts (the sheet's rows, the shared strings, the styles) and zipped here,
// reaching the XML and cell paths; the other half go in as the file itself (the archive layer,
// damaged zips). Any input may be refused with a message, none may crash, hang or read out of
// bounds, and what is read must be a table the CSV path could have given.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "kiosk/core/model/utf8.hpp"
#include "kiosk/core/roster/roster_mapping.hpp"
#include "kiosk/core/roster/xlsx.hpp"
#include "tests/support/xlsx_writer.hpp"

namespace {

std::string_view take_part(std::string_view& rest) {
    const std::size_t split = rest.find('\x01');
    const std::string_view part = rest.substr(0, split);
    rest = split == std::string_view::npos ? std::string_view{} : rest.substr(split + 1);
    return part;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace uketsuke;
    if (size == 0) return 0;
    std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
    std::string file;
    if (data[0] & 1) {
        file = std::string(bytes);
    } else {
        testing::WorkbookParts book;
        book.sheet_data = std::string(take_part(bytes));
        book.shared_strings = std::string(take_part(bytes));
        const std::string_view styles = take_part(bytes);
        if (!styles.empty()) {
            book.styles =
                "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" +
                std::string(styles) + "</styleSheet>";
        }
        if (data[0] & 2) book.workbook_pr = "<workbookPr date1904=\"1\"/>";
        file = testing::workbook(book);
    }

    XlsxOptions options;
    options.max_inflated_bytes = std::size_t{8} << 20;
    options.max_cells = 20000;
    options.max_rows = 5000;
    options.max_cell_bytes = 4096;
    const auto read = read_xlsx(file, "fuzz.xlsx", options);
    if (!read) {
        if (!read.error().starts_with("fuzz.xlsx:")) __builtin_trap();
        return 0;
    }
    const CsvTable& table = read.value().table;
    if (table.rows.empty() || table.rows.size() > options.max_rows + 1) __builtin_trap();
    const std::size_t width = table.rows.front().fields.size();
    std::size_t previous_line = 0;
    for (const CsvRow& row : table.rows) {
        if (row.fields.size() != width || row.line <= previous_line) __builtin_trap();
        previous_line = row.line;
        for (std::size_t i = 0; i < row.fields.size(); ++i) {
            const CsvField& field = row.fields[i];
            if (field.column != i + 1 || field.text.size() > options.max_cell_bytes * 2 ||
                !utf8::is_valid(field.text)) {
                __builtin_trap();
            }
        }
    }
    for (const CsvField& name : table.rows.front().fields) {
        if (utf8::trim(name.text).empty()) __builtin_trap();
    }
    (void)map_roster(table, MappingOptions{});
    return 0;
}
