#include "kiosk/core/roster/table_file.hpp"

#include <fmt/format.h>

namespace uketsuke {

std::string located(const std::string& source, std::size_t line, std::size_t column,
                    const std::string& message) {
    if (line == 0) return fmt::format("{}: {}", source, message);
    if (column == 0) return fmt::format("{}:{}: {}", source, line, message);
    return fmt::format("{}:{}:{}: {}", source, line, column, message);
}

Result<TableFile, std::string> read_table(std::string_view bytes, Encoding encoding,
                                          const std::string& source_name) {
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
