#pragma once
// RFC 4180 CSV and TSV reading with positions, for roster import. Every field remembers the
// line and character column where it starts, so an error can say "line 7, column 12" and a
// clerk can find it in Excel or a text editor. Strict on purpose: a ragged row or a stray
// quote is reported, not guessed around, because a silently shifted column puts people at
// the wrong table.
// Works on UTF-8 text (see decode_to_utf8); reading files is the caller's job.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/model/result.hpp"

namespace uketsuke {

struct CsvOptions {
    char delimiter = 0;  // 0: tab if the header line has more tabs than commas, else comma
    std::size_t max_field_bytes = std::size_t{1} << 20;
    std::size_t max_rows = 2'000'000;  // data rows, header not counted
};

struct CsvField {
    std::string text;        // unquoted, "" unescaped, whitespace and embedded newlines kept
    std::size_t column = 0;  // 1-based character column of the field's first character
};

struct CsvRow {
    std::size_t line = 0;  // 1-based line where the row starts
    std::vector<CsvField> fields;
};

struct CsvTable {
    char delimiter = ',';
    std::vector<CsvRow> rows;  // rows[0] is the header; blank lines are not rows
};

// Header names must be non-empty and distinct after trimming; every row must have exactly as
// many fields as the header. A header alone (an empty roster) is fine, an empty text is not.
Result<CsvTable> parse_csv(std::string_view utf8_text, CsvOptions options = {});

}  // namespace uketsuke
