#include "kiosk/core/roster/table_file.hpp"

#include <fmt/format.h>

#include "kiosk/core/roster/xlsx.hpp"

namespace uketsuke {

std::string located(const std::string& source, std::size_t line, std::size_t column,
                    const std::string& message) {
    if (line == 0) return fmt::format("{}: {}", source, message);
    if (column == 0) return fmt::format("{}:{}: {}", source, line, message);
    return fmt::format("{}:{}:{}: {}", source, line, column, message);
}

Result<TableFile, std::string> read_table(std::string_view bytes, Encoding encoding,
                                          const std::string& source_name,
                                          const std::string& sheet) {
    // By content, not by name: a roster saved as .xlsx and renamed .csv still reads.
    if (looks_like_zip(bytes)) {
        XlsxOptions options;
        options.sheet = sheet;
        auto workbook = read_xlsx(bytes, source_name, options);
        if (!workbook) return workbook.error();
        XlsxTable& read = workbook.value();
        return TableFile{std::move(read.table), fmt::format("xlsx (sheet {})", read.sheet)};
    }
    if (looks_like_ole2(bytes)) {
        return located(source_name, 0, 0,
                       "an Excel 97-2003 workbook (.xls) or a password-protected one; save it "
                       "without a password as Excel Workbook (.xlsx) or as CSV UTF-8");
    }
    if (!sheet.empty()) {
        return located(source_name, 0, 0,
                       fmt::format("a sheet was asked for ({}), but this is a text file (CSV or "
                                   "TSV), which has no sheets; name a sheet only for an Excel "
                                   "workbook (.xlsx)",
                                   sheet));
    }
    DecodeResult decoded = decode_to_utf8(bytes, encoding);
    if (!decoded) {
        return located(source_name, decoded.error->line, decoded.error->column,
                       decoded.error->message);
    }
    auto parsed = parse_csv(decoded.text, CsvOptions{});
    if (!parsed) {
        const SourceError& error = parsed.error();
        return located(source_name, error.line, error.column, error.message);
    }
    return TableFile{std::move(parsed).value(), std::string(encoding_name(decoded.encoding))};
}

}  // namespace uketsuke
