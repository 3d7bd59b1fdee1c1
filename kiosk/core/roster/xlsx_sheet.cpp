#include "kiosk/core/roster/xlsx_sheet.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "kiosk/core/model/utf8.hpp"
#include "kiosk/core/roster/xlsx_cells.hpp"

namespace uketsuke::xlsx {
namespace {

// The cells with a value, in column order (column: A = 1), becoming the table's row as they
// are when none is missing.
struct SheetRow {
    std::size_t row = 0;
    std::vector<CsvField> cells;
};

class SheetReader : public XmlReader {
public:
    // Every failure is located in full: "list.xlsx:名簿!B7: …".
    SheetReader(const std::string& source, const std::string& sheet, const XlsxOptions& options,
                const std::vector<std::string>& strings, const std::vector<NumberFormat>& formats,
                bool date1904)
        : source_(source),
          sheet_(sheet),
          options_(options),
          strings_(strings),
          formats_(formats),
          date1904_(date1904) {}
    std::vector<SheetRow> rows;

    void start(std::string_view name, const char** attributes) override {
        if (name == "sheetData") {
            in_sheet_data_ = true;
        } else if (!in_sheet_data_) {
            return;
        } else if (name == "row") {
            start_row(attribute(attributes, "r"));
        } else if (name == "c") {
            start_cell(attributes);
        } else if (in_cell_) {
            if (name == "v") in_value_ = true;
            if (name == "rPh") ++in_phonetic_;
            if (name == "t" && in_phonetic_ == 0) in_inline_text_ = true;
        }
    }
    void end(std::string_view name) override {
        if (name == "sheetData") {
            in_sheet_data_ = false;
        } else if (name == "c" && in_cell_) {
            end_cell();
        } else if (name == "row" && in_row_) {
            in_row_ = false;
            widest_ = std::max(widest_, row_.cells.size());
            if (!row_.cells.empty()) rows.push_back(std::move(row_));
        } else if (name == "v") {
            in_value_ = false;
        } else if (name == "rPh") {
            --in_phonetic_;
        } else if (name == "t") {
            in_inline_text_ = false;
        }
    }
    void text(std::string_view text) override {
        if (!in_cell_ || !(in_value_ || (in_inline_text_ && type_ == "inlineStr"))) return;
        if (value_.size() + text.size() > options_.max_cell_bytes) {
            fail_here(fmt::format("the cell is longer than {} bytes", options_.max_cell_bytes));
            return;
        }
        value_.append(text);
    }

private:
    void fail_here(const std::string& message) {
        fail(fmt::format("{}:{}: {}", source_, cell_name(sheet_, row_.row, column_), message));
    }

    void start_row(std::string_view r) {
        const std::size_t previous = row_.row;
        row_ = SheetRow{};
        row_.cells.reserve(widest_);  // rows are alike: grow once, not five times a row
        row_.row = r.empty() ? previous + 1 : parse_index(r).value_or(0);
        column_ = 0;
        in_row_ = true;
        if (row_.row == 0 || row_.row > 1'048'576 || row_.row <= previous) {
            fail(fmt::format("{}: {}: the row number \"{}\" is not after row {}", source_, sheet_,
                             utf8::safe_text(r), previous));
        }
    }

    void start_cell(const char** attributes) {
        if (!in_row_) return fail(fmt::format("{}: {}: a cell outside a row", source_, sheet_));
        const std::string_view ref = attribute(attributes, "r");
        std::size_t column = column_ + 1;
        if (!ref.empty()) {
            const auto parsed = parse_cell_ref(ref);
            if (!parsed || parsed->row != row_.row || parsed->column <= column_) {
                return fail_here(fmt::format("the cell reference \"{}\" does not follow this cell",
                                             utf8::safe_text(ref)));
            }
            column = parsed->column;
        }
        if (column > 16'384) return fail_here("past the last column, XFD");
        column_ = column;
        type_ = attribute(attributes, "t");
        style_ = parse_index(attribute(attributes, "s")).value_or(0);
        value_.clear();
        in_cell_ = true;
        in_value_ = in_inline_text_ = false;
        in_phonetic_ = 0;
    }

    void end_cell() {
        in_cell_ = false;
        std::string text;
        if (type_ == "s") {
            const auto index = parse_index(utf8::trim_ascii(value_));
            if (!index || *index >= strings_.size()) {
                return fail_here(
                    fmt::format("refers to shared string \"{}\", but the workbook "
                                "has {}",
                                utf8::safe_text(utf8::cut(value_, 40)), strings_.size()));
            }
            text = strings_[*index];
        } else if (type_ == "inlineStr" || type_ == "str") {
            text = unescape(value_);
        } else if (type_ == "b") {
            text = value_ == "1" ? "TRUE" : value_ == "0" ? "FALSE" : value_;
        } else if (type_ == "e") {
            text = value_;  // #N/A, #REF!: what Excel shows
        } else if (type_ == "d") {
            text = iso_date_text(value_);
        } else if (type_.empty() || type_ == "n") {
            const NumberFormat format =
                style_ < formats_.size() ? formats_[style_] : NumberFormat{};
            text = number_text(utf8::trim_ascii(value_), format, date1904_);
        } else {
            return fail_here(fmt::format("unknown cell type \"{}\"", utf8::safe_text(type_)));
        }
        if (text.empty()) return;
        if (++cells_ > options_.max_cells) {
            return fail_here(fmt::format("the sheet has more than {} cells", options_.max_cells));
        }
        row_.cells.push_back({std::move(text), column_});
    }

    // t="d" (ISO 8601, from strict-mode writers): "2026-04-19T17:22:00" → "2026-04-19 17:22".
    static std::string iso_date_text(std::string_view value) {
        if (value.size() < 10) return std::string(value);
        std::string text(value.substr(0, 10));
        if (value.size() >= 16 && value[10] == 'T' && value.substr(11, 8) != "00:00:00") {
            text += ' ';
            text += value.substr(11, value.size() >= 19 && value.substr(16, 3) != ":00" ? 8 : 5);
        }
        return text;
    }

    const std::string& source_;
    const std::string& sheet_;
    const XlsxOptions& options_;
    const std::vector<std::string>& strings_;
    const std::vector<NumberFormat>& formats_;
    bool date1904_;
    SheetRow row_;
    std::size_t column_ = 0, style_ = 0, cells_ = 0, widest_ = 0;
    std::string type_, value_;
    bool in_sheet_data_ = false, in_row_ = false, in_cell_ = false, in_value_ = false,
         in_inline_text_ = false;
    int in_phonetic_ = 0;
};

// The sheet's rows as the CSV parser would give them: a header with a name in every column up
// to its last, data rows exactly as wide.
// Errors are located in full.
Result<CsvTable, std::string> to_table(std::vector<SheetRow>& rows, const std::string& source,
                                       const std::string& sheet, const XlsxOptions& options) {
    auto at = [&](std::size_t row, std::size_t column, const std::string& message) {
        return fmt::format("{}:{}: {}", source, cell_name(sheet, row, column), message);
    };
    auto whole = [&](const std::string& message) { return fmt::format("{}: {}", source, message); };
    if (rows.empty()) return whole(fmt::format("the sheet {} is empty", sheet));
    if (rows.size() - 1 > options.max_rows) {
        return whole(fmt::format("the sheet {} has more than {} rows; split it into smaller files",
                                 sheet, options.max_rows));
    }
    const SheetRow& header = rows.front();
    const std::size_t width = header.cells.back().column;
    if (rows.size() > options.max_cells / width) {
        return whole(fmt::format("the sheet {} has more than {} cells ({} rows of {} columns)",
                                 sheet, options.max_cells, rows.size(), width));
    }
    CsvTable table;
    table.rows.reserve(rows.size());
    std::unordered_map<std::string_view, std::size_t> seen;
    for (std::size_t i = 0, column = 1; column <= width; ++column) {
        const bool present = header.cells[i].column == column;
        const std::string_view name = present ? utf8::trim(header.cells[i].text) : "";
        if (name.empty()) {
            return at(header.row, column,
                      fmt::format("the header has an empty column name (column {}); every "
                                  "column up to the last one named needs a name",
                                  column_name(column)));
        }
        if (auto [it, inserted] = seen.emplace(name, column); !inserted) {
            return at(header.row, column,
                      fmt::format("the header has the column \"{}\" twice (columns {} and {}); "
                                  "column names must be different",
                                  name, column_name(it->second), column_name(column)));
        }
        ++i;
    }
    for (SheetRow& row : rows) {
        if (row.cells.back().column > width) {
            const CsvField& stray =
                *std::find_if(row.cells.begin(), row.cells.end(),
                              [width](const CsvField& c) { return c.column > width; });
            return at(row.row, stray.column,
                      fmt::format("this cell has a value but its column has no name in the "
                                  "header (row {}), which ends at column {}",
                                  header.row, column_name(width)));
        }
        CsvRow& out = table.rows.emplace_back();
        out.line = row.row;
        if (row.cells.size() == width) {  // every column has a value (columns only increase)
            out.fields = std::move(row.cells);
            continue;
        }
        out.fields.resize(width);
        for (std::size_t column = 1; column <= width; ++column) {
            out.fields[column - 1].column = column;
        }
        for (CsvField& cell : row.cells) out.fields[cell.column - 1].text = std::move(cell.text);
    }
    return table;
}

}  // namespace

Result<CsvTable, std::string> read_sheet(Package& package, const std::string& part,
                                         const SheetContext& context) {
    SheetReader sheet(context.source, context.sheet, context.options, context.strings,
                      context.formats, context.date1904);
    if (auto error = parse_part(package, part, sheet)) {
        if (sheet.failure()) return *error;
        return fmt::format("{}: {}", context.source, *error);
    }
    return to_table(sheet.rows, context.source, context.sheet, context.options);
}

}  // namespace uketsuke::xlsx
