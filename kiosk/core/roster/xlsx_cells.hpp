#pragma once
// What an .xlsx cell's stored value reads as, in the text Excel shows and its "CSV UTF-8" export
// writes, so a sheet imports as the CSV of the same sheet would. A number is stored as a double
// in text ("12345", "46131.7236111111"); whether it is a date, a time or a zero-padded number is
// only in the cell's number format. Pure functions, no XML and no zip: xlsx.cpp feeds them.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace uketsuke::xlsx {

enum class NumberKind { Plain, Date, DateTime, Time };

struct NumberFormat {
    NumberKind kind = NumberKind::Plain;
    int zero_padding = 0;  // "00000": a whole number shown with at least this many digits
    bool elapsed = false;  // "[h]:mm": hours past 24 are not folded into days
};

// id: the style's numFmtId; code: its formatCode, empty for Excel's built-in ids (0-163).
NumberFormat classify_format(int id, std::string_view code);

// The text of a number cell. Whole numbers stay whole ("12345", not "12345.0") and a digit
// string is kept exactly as stored, however long; fractions are rounded to the 15 significant
// digits Excel shows. A date serial becomes "YYYY-MM-DD", "YYYY-MM-DD HH:MM" or "HH:MM" (":SS"
// when the seconds are not zero), the forms the CSV path's date parser reads. Text that is not
// a number is returned as it is.
std::string number_text(std::string_view stored, const NumberFormat& format, bool date1904);

// A date serial as text (see number_text); nullopt outside 1900-01-01 .. 9999-12-31.
std::optional<std::string> serial_text(double serial, const NumberFormat& format, bool date1904);

// OOXML strings escape characters XML cannot hold as _xHHHH_ (_x000D_ for a carriage return,
// _x005F_ for a literal underscore before such a pattern).
std::string unescape(std::string_view text);

// A decimal index (a cell's s=, a shared string's number); nullopt for anything else.
std::optional<std::size_t> parse_index(std::string_view text);

// "B7" → row 7, column 2. nullopt for anything else or past Excel's XFD1048576.
struct CellRef {
    std::size_t row = 0;
    std::size_t column = 0;
};
std::optional<CellRef> parse_cell_ref(std::string_view text);
// 1 → "A", 28 → "AB".
std::string column_name(std::size_t column);
// "名簿!B7", "'My list'!B7".
std::string cell_name(std::string_view sheet, std::size_t row, std::size_t column);

}  // namespace uketsuke::xlsx
