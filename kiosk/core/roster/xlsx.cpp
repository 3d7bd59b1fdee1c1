#include "kiosk/core/roster/xlsx.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <vector>

#include "kiosk/core/model/utf8.hpp"
#include "kiosk/core/roster/xlsx_cells.hpp"
#include "kiosk/core/roster/xlsx_package.hpp"
#include "kiosk/core/roster/xlsx_sheet.hpp"

namespace uketsuke {
namespace {

using xlsx::XmlReader;

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
            if (auto id = xlsx::parse_index(attribute(attributes, "numFmtId"))) {
                codes_[*id] = attribute(attributes, "formatCode");
            }
        } else if (name == "cellXfs") {
            in_cell_xfs_ = true;
        } else if (name == "xf" && in_cell_xfs_) {
            const std::size_t id = xlsx::parse_index(attribute(attributes, "numFmtId")).value_or(0);
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
    const xlsx::SheetContext context{source_name,    chosen->name,   options,
                                     shared.strings, styles.formats, workbook.date1904};
    auto table = xlsx::read_sheet(package, sheet_part, context);
    if (!table) return table.error();
    return XlsxTable{std::move(table).value(), chosen->name};
}

}  // namespace uketsuke
