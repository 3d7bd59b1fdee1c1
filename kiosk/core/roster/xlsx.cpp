#include "kiosk/core/roster/xlsx.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <unordered_map>
#include <vector>

#include "kiosk/core/model/utf8.hpp"
#include "kiosk/core/roster/xlsx_cells.hpp"
#include "kiosk/core/roster/xlsx_package.hpp"

namespace uketsuke {
namespace {

using xlsx::XmlReader;

std::optional<std::size_t> parse_index(std::string_view text) {
    std::size_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

bool ends_with_type(std::string_view type, std::string_view name) {
    return type.size() > name.size() && type.ends_with(name) &&
           type[type.size() - name.size() - 1] == '/';
}

struct Relationship {
    std::string id, type, target;
};

class RelationshipsReader : public XmlReader {
public:
    std::vector<Relationship> relationships;

    void start(std::string_view name, const char** attributes) override {
        if (name != "Relationship" || attribute(attributes, "TargetMode") == "External") return;
        relationships.push_back({std::string(attribute(attributes, "Id")),
                                 std::string(attribute(attributes, "Type")),
                                 std::string(attribute(attributes, "Target"))});
    }
};

struct SheetEntry {
    std::string name, relationship;
    bool hidden = false;
};

class WorkbookReader : public XmlReader {
public:
    std::vector<SheetEntry> sheets;
    bool date1904 = false;

    void start(std::string_view name, const char** attributes) override {
        if (name == "workbookPr") {
            const std::string_view value = attribute(attributes, "date1904");
            date1904 = value == "1" || value == "true";
        } else if (name == "sheet") {
            const std::string_view state = attribute(attributes, "state");
            sheets.push_back({xlsx::unescape(attribute(attributes, "name")),
                              std::string(attribute(attributes, "id")),
                              !state.empty() && state != "visible"});
        }
    }
};

// numFmts and cellXfs: a cell's s="3" is the fourth xf of cellXfs, whose numFmtId says how its
// number reads.
class StylesReader : public XmlReader {
public:
    std::vector<xlsx::NumberFormat> formats;

    void start(std::string_view name, const char** attributes) override {
        if (name == "numFmts") {
            in_number_formats_ = true;
        } else if (name == "numFmt" && in_number_formats_) {  // not a dxf's, for highlighting
            if (auto id = parse_index(attribute(attributes, "numFmtId"))) {
                codes_[*id] = attribute(attributes, "formatCode");
            }
        } else if (name == "cellXfs") {
            in_cell_xfs_ = true;
        } else if (name == "xf" && in_cell_xfs_) {
            const std::size_t id = parse_index(attribute(attributes, "numFmtId")).value_or(0);
            const auto code = codes_.find(id);
            formats.push_back(xlsx::classify_format(
                static_cast<int>(std::min<std::size_t>(id, 100000)),
                code == codes_.end() ? std::string_view{} : std::string_view(code->second)));
        }
    }
    void end(std::string_view name) override {
        if (name == "cellXfs") in_cell_xfs_ = false;
        if (name == "numFmts") in_number_formats_ = false;
    }

private:
    std::map<std::size_t, std::string> codes_;
    bool in_number_formats_ = false, in_cell_xfs_ = false;
};

// <si> holds <t> or rich-text runs <r><t>; <rPh> is a phonetic guide (furigana) over the text,
// not part of it.
class SharedStringsReader : public XmlReader {
public:
    SharedStringsReader(const XlsxOptions& options) : options_(options) {}
    std::vector<std::string> strings;

    void start(std::string_view name, const char**) override {
        if (name == "si") {
            if (strings.size() >= options_.max_cells) {
                fail(fmt::format("the workbook has more than {} shared strings",
                                 options_.max_cells));
            }
            in_item_ = true;
            current_.clear();
        } else if (name == "rPh") {
            ++in_phonetic_;
        } else if (name == "t" && in_item_ && in_phonetic_ == 0) {
            in_text_ = true;
        }
    }
    void end(std::string_view name) override {
        if (name == "si") {
            strings.push_back(xlsx::unescape(current_));
            in_item_ = false;
        } else if (name == "rPh") {
            --in_phonetic_;
        } else if (name == "t") {
            in_text_ = false;
        }
    }
    void text(std::string_view text) override {
        if (!in_text_) return;
        if (current_.size() + text.size() > options_.max_cell_bytes) {
            fail(fmt::format("shared string {} is longer than {} bytes", strings.size(),
                             options_.max_cell_bytes));
            return;
        }
        current_.append(text);
    }

private:
    const XlsxOptions& options_;
    std::string current_;
    bool in_item_ = false, in_text_ = false;
    int in_phonetic_ = 0;
};

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
                const std::vector<std::string>& strings,
                const std::vector<xlsx::NumberFormat>& formats, bool date1904)
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
        fail(
            fmt::format("{}:{}: {}", source_, xlsx::cell_name(sheet_, row_.row, column_), message));
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
            const auto parsed = xlsx::parse_cell_ref(ref);
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
            text = xlsx::unescape(value_);
        } else if (type_ == "b") {
            text = value_ == "1" ? "TRUE" : value_ == "0" ? "FALSE" : value_;
        } else if (type_ == "e") {
            text = value_;  // #N/A, #REF!: what Excel shows
        } else if (type_ == "d") {
            text = iso_date_text(value_);
        } else if (type_.empty() || type_ == "n") {
            const xlsx::NumberFormat format =
                style_ < formats_.size() ? formats_[style_] : xlsx::NumberFormat{};
            text = xlsx::number_text(utf8::trim_ascii(value_), format, date1904_);
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
    const std::vector<xlsx::NumberFormat>& formats_;
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
        return fmt::format("{}:{}: {}", source, xlsx::cell_name(sheet, row, column), message);
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
                                  xlsx::column_name(column)));
        }
        if (auto [it, inserted] = seen.emplace(name, column); !inserted) {
            return at(header.row, column,
                      fmt::format("the header has the column \"{}\" twice (columns {} and {}); "
                                  "column names must be different",
                                  name, xlsx::column_name(it->second), xlsx::column_name(column)));
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
                                  header.row, xlsx::column_name(width)));
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

// What the zip holds instead of a workbook, for the message.
std::string not_a_workbook(const xlsx::Package& package) {
    if (package.has("content.xml") && package.has("mimetype")) {
        return "an OpenDocument spreadsheet (.ods), not an .xlsx workbook; save it as Excel "
               "(.xlsx) or as CSV UTF-8";
    }
    if (package.has("word/document.xml")) return "a Word document, not an Excel workbook";
    return "a zip archive but not an Excel workbook (.xlsx): it has no xl/workbook.xml";
}

}  // namespace

bool looks_like_zip(std::string_view bytes) { return bytes.starts_with("PK\x03\x04"); }

bool looks_like_ole2(std::string_view bytes) {
    return bytes.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
}

Result<XlsxTable, std::string> read_xlsx(std::string_view bytes, const std::string& source_name,
                                         const XlsxOptions& options) {
    auto fail = [&source_name](const std::string& message) {
        return Result<XlsxTable, std::string>(fmt::format("{}: {}", source_name, message));
    };
    auto opened = xlsx::Package::open(bytes, options.max_inflated_bytes);
    if (!opened) return fail(opened.error());
    xlsx::Package& package = opened.value();

    // The package's root relationships name the workbook part; xl/workbook.xml by convention.
    std::string workbook_part = "xl/workbook.xml";
    if (package.has("_rels/.rels")) {
        RelationshipsReader root;
        if (auto error = xlsx::parse_part(package, "_rels/.rels", root)) return fail(*error);
        for (const Relationship& relationship : root.relationships) {
            if (ends_with_type(relationship.type, "officeDocument")) {
                workbook_part = xlsx::resolve_target("", relationship.target);
                break;
            }
        }
    }
    if (!package.has(workbook_part)) return fail(not_a_workbook(package));
    WorkbookReader workbook;
    if (auto error = xlsx::parse_part(package, workbook_part, workbook)) return fail(*error);
    RelationshipsReader parts;
    const std::string parts_file = xlsx::relationships_part(workbook_part);
    if (!package.has(parts_file))
        return fail(fmt::format("the workbook has no {}; it is damaged", parts_file));
    if (auto error = xlsx::parse_part(package, parts_file, parts)) return fail(*error);

    auto part_of = [&](std::string_view id, std::string_view type) -> std::string {
        for (const Relationship& relationship : parts.relationships) {
            if ((id.empty() || relationship.id == id) && ends_with_type(relationship.type, type)) {
                return xlsx::resolve_target(workbook_part, relationship.target);
            }
        }
        return {};
    };
    const SheetEntry* chosen = nullptr;
    std::string sheet_part;
    std::vector<std::string> names;
    for (const SheetEntry& sheet : workbook.sheets) {
        std::string part = part_of(sheet.relationship, "worksheet");
        if (part.empty()) continue;  // a chart sheet
        names.push_back(fmt::format("\"{}\"{}", sheet.name, sheet.hidden ? " (hidden)" : ""));
        const bool wanted = options.sheet.empty() ? !sheet.hidden : sheet.name == options.sheet;
        if (!chosen && wanted) {
            chosen = &sheet;
            sheet_part = std::move(part);
        }
    }
    if (!chosen) {
        if (names.empty()) return fail("the workbook has no worksheet");
        if (options.sheet.empty()) {
            return fail(fmt::format("every worksheet is hidden: {}; name one with --sheet",
                                    fmt::join(names, ", ")));
        }
        return fail(fmt::format("the workbook has no sheet \"{}\"; its sheets: {}", options.sheet,
                                fmt::join(names, ", ")));
    }

    StylesReader styles;
    if (const std::string part = part_of("", "styles"); !part.empty() && package.has(part)) {
        if (auto error = xlsx::parse_part(package, part, styles)) return fail(*error);
    }
    SharedStringsReader shared(options);
    if (const std::string part = part_of("", "sharedStrings"); !part.empty() && package.has(part)) {
        if (auto error = xlsx::parse_part(package, part, shared)) return fail(*error);
    }
    if (!package.has(sheet_part))
        return fail(fmt::format("the workbook has no {}; it is damaged", sheet_part));
    SheetReader sheet(source_name, chosen->name, options, shared.strings, styles.formats,
                      workbook.date1904);
    if (auto error = xlsx::parse_part(package, sheet_part, sheet)) {
        return sheet.failure() ? Result<XlsxTable, std::string>(*error) : fail(*error);
    }
    auto table = to_table(sheet.rows, source_name, chosen->name, options);
    if (!table) return table.error();
    return XlsxTable{std::move(table).value(), chosen->name};
}

}  // namespace uketsuke
