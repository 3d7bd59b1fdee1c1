#include "kiosk/core/roster/table_file.hpp"

#include <fmt/format.h>

namespace uketsuke {

std::string located(const std::string& source, std::size_t line, std::size_t column,
                    const std::string& message) {
    if (line == 0) return fmt::format("{}: {}", source, message);
    if (column == 0) return fmt::format("{}:{}: {}", source, line, message);
    return fmt::format("{}:{}:{}: {}", source, line, column, message);
}

TableFile read_table(std::string_view bytes, Encoding encoding, const std::string& source_name) {
    TableFile result;
    DecodeResult decoded = decode_to_utf8(bytes, encoding);
    if (!decoded) {
        result.error = located(source_name, decoded.error->line, decoded.error->column,
                               decoded.error->message);
        return result;
    }
    result.encoding = std::string(encoding_name(decoded.encoding));
    auto parsed = parse_csv(decoded.text, CsvOptions{});
    if (!parsed) {
        const SourceError& error = parsed.error();
        result.error = located(source_name, error.line, error.column, error.message);
        return result;
    }
    result.table = std::move(parsed.value());
    return result;
}

}  // namespace uketsuke
