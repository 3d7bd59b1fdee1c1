#pragma once
// Workbooks built part by part for the .xlsx tests: a zip written with libzip (deflated, as
// Excel does) from parts the test spells out, so each test shows the XML it feeds. Header-only:
// libzip comes with uketsuke_core, a static library that links it.

#include <zip.h>

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace uketsuke::testing {

using ZipParts = std::vector<std::pair<std::string, std::string>>;

inline std::string zip_archive(const ZipParts& parts) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
    if (!buffer) throw std::runtime_error("zip_source_buffer_create");
    zip_source_keep(buffer);
    zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
    if (!archive) throw std::runtime_error(zip_error_strerror(&error));
    for (const auto& [name, bytes] : parts) {
        zip_source_t* part = zip_source_buffer(archive, bytes.data(), bytes.size(), 0);
        const zip_int64_t index = zip_file_add(archive, name.c_str(), part, ZIP_FL_ENC_UTF_8);
        if (index < 0) throw std::runtime_error(zip_strerror(archive));
        zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_DEFLATE, 9);
    }
    if (zip_close(archive) != 0) throw std::runtime_error(zip_strerror(archive));
    std::string out;
    if (zip_source_open(buffer) == 0) {
        zip_source_seek(buffer, 0, SEEK_END);
        out.resize(static_cast<std::size_t>(zip_source_tell(buffer)));
        zip_source_seek(buffer, 0, SEEK_SET);
        zip_source_read(buffer, out.data(), out.size());
        zip_source_close(buffer);
    }
    zip_source_free(buffer);
    zip_error_fini(&error);
    return out;
}

inline const std::string kSpreadsheetNs =
    "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

// <sheetData> of one sheet; "" leaves out the shared strings or the styles part.
struct WorkbookParts {
    std::string sheet_data;
    std::string shared_strings;  // the <si> items
    std::string styles;          // a whole <styleSheet>
    std::string sheet_name = "Sheet1";
    std::string workbook_pr;  // e.g. <workbookPr date1904="1"/>
};

inline ZipParts workbook_parts(const WorkbookParts& book) {
    const std::string rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
    ZipParts parts;
    parts.emplace_back("[Content_Types].xml",
                       "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
                       "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
    parts.emplace_back("_rels/.rels",
                       "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
                       "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                       "<Relationship Id=\"rId1\" Type=\"" +
                           rel + "officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
    parts.emplace_back("xl/workbook.xml",
                       "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook " + kSpreadsheetNs +
                           ">" + book.workbook_pr + "<sheets><sheet name=\"" + book.sheet_name +
                           "\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
    std::string rels =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
        "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"" +
        rel + "worksheet\" Target=\"worksheets/sheet1.xml\"/>";
    if (!book.shared_strings.empty()) {
        rels += "<Relationship Id=\"rId2\" Type=\"" + rel +
                "sharedStrings\" Target=\"sharedStrings.xml\"/>";
        parts.emplace_back("xl/sharedStrings.xml",
                           "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst " + kSpreadsheetNs +
                               ">" + book.shared_strings + "</sst>");
    }
    if (!book.styles.empty()) {
        rels += "<Relationship Id=\"rId3\" Type=\"" + rel + "styles\" Target=\"styles.xml\"/>";
        parts.emplace_back("xl/styles.xml", book.styles);
    }
    parts.emplace_back("xl/_rels/workbook.xml.rels", rels + "</Relationships>");
    parts.emplace_back("xl/worksheets/sheet1.xml",
                       "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet " + kSpreadsheetNs +
                           "><sheetData>" + book.sheet_data + "</sheetData></worksheet>");
    return parts;
}

inline std::string workbook(const WorkbookParts& book) { return zip_archive(workbook_parts(book)); }

}  // namespace uketsuke::testing
