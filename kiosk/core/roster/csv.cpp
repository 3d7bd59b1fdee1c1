#include "kiosk/core/roster/csv.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <unordered_map>

#include "kiosk/core/model/utf8.hpp"

namespace uketsuke {
namespace {

std::string size_text(std::size_t bytes) {
    constexpr std::size_t kib = 1024;
    constexpr std::size_t mib = kib * kib;
    if (bytes >= mib && bytes % mib == 0) return fmt::format("{} MiB", bytes / mib);
    if (bytes >= kib && bytes % kib == 0) return fmt::format("{} KiB", bytes / kib);
    return fmt::format("{} bytes", bytes);
}

// Counts tabs and commas outside quotes on the first record that is not blank.
char detect_delimiter(std::string_view text) {
    std::size_t tabs = 0;
    std::size_t commas = 0;
    bool quoted = false;
    bool started = false;
    for (char c : text) {
        if (c == '"') {
            quoted = !quoted;  // "" inside quotes toggles twice, which is what we want
        } else if (!quoted && (c == '\n' || c == '\r')) {
            if (started) break;
            continue;
        } else if (!quoted && c == '\t') {
            ++tabs;
        } else if (!quoted && c == ',') {
            ++commas;
        }
        started = true;
    }
    return tabs > 0 && tabs > commas ? '\t' : ',';
}

class Parser {
public:
    Parser(std::string_view text, char delimiter, const CsvOptions& options)
        : text_(text), delimiter_(delimiter), options_(options) {}

    std::optional<SourceError> read(std::vector<CsvRow>& rows) {
        // One row per line is the common case; counting them first avoids regrowing.
        const auto lines = static_cast<std::size_t>(std::count(text_.begin(), text_.end(), '\n'));
        rows.reserve(lines < options_.max_rows ? lines + 1 : options_.max_rows + 1);
        std::size_t header_fields = 0;
        while (pos_ < text_.size()) {
            if (consume_line_break()) continue;  // a blank line: counted, not a row
            if (rows.size() > options_.max_rows) {
                return SourceError{fmt::format("the file has more than {} rows (line {}); split it "
                                               "into smaller files",
                                               options_.max_rows, line_),
                                   line_, column_};
            }
            CsvRow row;
            row.line = line_;
            row.fields.reserve(header_fields);
            if (auto error = read_row(row)) return error;
            if (rows.empty()) {
                if (auto error = check_header(row)) return error;
                header_fields = row.fields.size();
            } else if (row.fields.size() != header_fields) {
                const std::size_t column = row.fields.size() > header_fields
                                               ? row.fields[header_fields].column
                                               : row.fields.back().column;
                return SourceError{fmt::format("line {} has {} field{} but the header has {}",
                                               row.line, row.fields.size(),
                                               row.fields.size() == 1 ? "" : "s", header_fields),
                                   row.line, column};
            }
            rows.push_back(std::move(row));
        }
        if (rows.empty()) {
            return SourceError{"the file has no header line, only blank lines", 1, 1};
        }
        return std::nullopt;
    }

private:
    bool at_line_break() const {
        return pos_ < text_.size() && (text_[pos_] == '\n' || text_[pos_] == '\r');
    }

    // CRLF, LF and a lone CR each end one line.
    bool consume_line_break() {
        if (!at_line_break()) return false;
        if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
        ++pos_;
        ++line_;
        column_ = 1;
        return true;
    }

    std::optional<SourceError> read_row(CsvRow& row) {
        for (;;) {
            CsvField& field = row.fields.emplace_back();
            if (auto error = read_field(field)) return error;
            if (pos_ >= text_.size()) return std::nullopt;
            if (text_[pos_] == delimiter_) {
                ++pos_;
                ++column_;
                continue;
            }
            consume_line_break();
            return std::nullopt;
        }
    }

    std::optional<SourceError> too_long(const CsvField& field, std::size_t line) const {
        return SourceError{fmt::format("field at line {}, column {} is longer than {}", line,
                                       field.column, size_text(options_.max_field_bytes)),
                           line, field.column};
    }

    // Advances over text_[pos_, end) counting characters for the column.
    void advance_to(std::size_t end) {
        for (; pos_ < end; ++pos_) {
            if (!utf8::is_continuation(text_[pos_])) ++column_;
        }
    }

    std::size_t find_plain_end(std::size_t from) const {
        for (; from < text_.size(); ++from) {
            const char c = text_[from];
            if (c == delimiter_ || c == '\n' || c == '\r') break;
        }
        return from;
    }

    std::optional<SourceError> read_field(CsvField& field) {
        field.column = column_;
        const std::size_t start_line = line_;
        if (pos_ >= text_.size() || text_[pos_] != '"') {
            // A quote inside an unquoted field (5'10") is kept as text, as Excel does.
            const std::size_t end = find_plain_end(pos_);
            if (end - pos_ > options_.max_field_bytes) return too_long(field, start_line);
            field.text.assign(text_.substr(pos_, end - pos_));
            advance_to(end);
            return std::nullopt;
        }
        ++pos_;
        ++column_;
        for (;;) {
            std::size_t end = pos_;
            while (end < text_.size() && text_[end] != '"' && text_[end] != '\n' &&
                   text_[end] != '\r') {
                ++end;
            }
            if (field.text.size() + (end - pos_) > options_.max_field_bytes) {
                return too_long(field, start_line);
            }
            field.text.append(text_.substr(pos_, end - pos_));
            advance_to(end);
            if (pos_ >= text_.size()) {
                return SourceError{fmt::format("unclosed quote: the field starting at line {}, "
                                               "column {} has no closing quote",
                                               start_line, field.column),
                                   start_line, field.column};
            }
            if (text_[pos_] == '"') {
                if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
                    field.text += '"';
                    pos_ += 2;
                    column_ += 2;
                    continue;
                }
                ++pos_;
                ++column_;
                break;
            }
            // A newline inside quotes is part of the field, kept as written.
            const std::size_t before = pos_;
            consume_line_break();
            field.text.append(text_.substr(before, pos_ - before));
        }
        if (pos_ < text_.size() && text_[pos_] != delimiter_ && !at_line_break()) {
            return SourceError{
                fmt::format("unexpected text after the closing quote of the field "
                            "starting at line {}, column {}; a quote inside a quoted "
                            "field must be written twice (\"\")",
                            start_line, field.column),
                line_, column_};
        }
        return std::nullopt;
    }

    std::optional<SourceError> check_header(const CsvRow& header) const {
        std::unordered_map<std::string_view, std::size_t> seen;
        seen.reserve(header.fields.size());
        for (std::size_t i = 0; i < header.fields.size(); ++i) {
            const CsvField& field = header.fields[i];
            const std::string_view name = utf8::trim(field.text);
            if (name.empty()) {
                return SourceError{fmt::format("the header has an empty column name at line {}, "
                                               "column {} (field {}); every column needs a name",
                                               header.line, field.column, i + 1),
                                   header.line, field.column};
            }
            auto [it, inserted] = seen.emplace(name, i);
            if (!inserted) {
                return SourceError{fmt::format("the header has the column \"{}\" twice (fields {} "
                                               "and {}, line {}); column names must be different",
                                               name, it->second + 1, i + 1, header.line),
                                   header.line, field.column};
            }
        }
        return std::nullopt;
    }

    std::string_view text_;
    char delimiter_;
    const CsvOptions& options_;
    std::size_t pos_ = 0;
    std::size_t line_ = 1;
    std::size_t column_ = 1;
};

}  // namespace

Result<CsvTable> parse_csv(std::string_view utf8_text, CsvOptions options) {
    if (utf8_text.starts_with("\xEF\xBB\xBF")) utf8_text.remove_prefix(3);
    if (utf8_text.empty()) return SourceError{"the file is empty", 1, 1};
    if (options.delimiter == 0) options.delimiter = detect_delimiter(utf8_text);
    if (options.delimiter == '"' || options.delimiter == '\n' || options.delimiter == '\r') {
        return SourceError{"a quote or a line break cannot be the delimiter", 1, 1};
    }
    CsvTable table;
    table.delimiter = options.delimiter;
    Parser parser(utf8_text, options.delimiter, options);
    if (auto error = parser.read(table.rows)) return std::move(*error);
    return table;
}

}  // namespace uketsuke
