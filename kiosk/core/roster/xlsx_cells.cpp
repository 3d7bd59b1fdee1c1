#include "kiosk/core/roster/xlsx_cells.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>

#include "kiosk/core/model/utf8.hpp"

namespace uketsuke::xlsx {
namespace {

constexpr std::size_t kMaxRow = 1'048'576;  // Excel's last row and column (XFD)
constexpr std::size_t kMaxColumn = 16'384;
// 9999-12-31 is serial 2958465, Excel's last date.
constexpr double kLastSerial = 2'958'466.0;

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

NumberFormat builtin_format(int id) {
    NumberFormat format;
    if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || (id >= 34 && id <= 36) ||
        (id >= 50 && id <= 58)) {
        format.kind = NumberKind::Date;
    } else if (id == 22) {
        format.kind = NumberKind::DateTime;
    } else if ((id >= 18 && id <= 21) || id == 32 || id == 33 || id == 45 || id == 47) {
        format.kind = NumberKind::Time;  // 32, 33: h"時"mm"分" in the Japanese built-ins
    } else if (id == 46) {
        format.kind = NumberKind::Time;  // [h]:mm:ss
        format.elapsed = true;
    }
    return format;
}

// The first section of a format code with its literals, escapes, fills and brackets taken out,
// in lower case: "yyyy\年m\月d"日 "hh:mm" → "yyyymdhh:mm".
std::string format_tokens(std::string_view code, bool& elapsed) {
    std::string out;
    for (std::size_t i = 0; i < code.size(); ++i) {
        const char c = code[i];
        if (c == ';') break;
        if (c == '"') {
            const std::size_t close = code.find('"', i + 1);
            if (close == std::string_view::npos) break;
            i = close;
        } else if (c == '\\' || c == '_' || c == '*') {
            // The next character is shown as it is (or repeated as padding): skip all its bytes.
            ++i;
            while (i + 1 < code.size() && utf8::is_continuation(code[i + 1])) ++i;
        } else if (c == '[') {
            const std::size_t close = code.find(']', i + 1);
            if (close == std::string_view::npos) break;
            const std::string_view inside = code.substr(i + 1, close - i - 1);
            // [h], [mm], [ss]: elapsed time; anything else is a colour, a locale or a condition.
            if (!inside.empty() && inside.find_first_not_of("hHmMsS") == std::string_view::npos) {
                elapsed = true;
                for (char t : inside) out += lower(t);
            }
            i = close;
        } else if (static_cast<unsigned char>(c) < 0x80) {
            out += lower(c);
        }
    }
    for (std::string_view marker : {"am/pm", "a/p"}) {
        for (std::size_t at; (at = out.find(marker)) != std::string::npos;) {
            out.erase(at, marker.size());
        }
    }
    return out;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// -?digits(.digits)?([eE][+-]?digits)? and whether it has a fraction or an exponent.
bool is_number(std::string_view text, bool& whole_digits) {
    std::size_t i = 0;
    if (i < text.size() && text[i] == '-') ++i;
    const std::size_t digits_start = i;
    while (i < text.size() && is_digit(text[i])) ++i;
    if (i == digits_start) return false;
    whole_digits = i == text.size();
    if (i < text.size() && text[i] == '.') {
        ++i;
        while (i < text.size() && is_digit(text[i])) ++i;
    }
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
        const std::size_t exponent_start = i;
        while (i < text.size() && is_digit(text[i])) ++i;
        if (i == exponent_start) return false;
    }
    return i == text.size();
}

std::string padded(std::string digits, int zero_padding) {
    if (digits.starts_with('-') || static_cast<int>(digits.size()) >= zero_padding) return digits;
    return std::string(static_cast<std::size_t>(zero_padding) - digits.size(), '0') + digits;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// _xHHHH_ at text[at], its code unit, or -1.
long escape_at(std::string_view text, std::size_t at) {
    if (at + 7 > text.size() || text[at] != '_' || text[at + 1] != 'x' || text[at + 6] != '_') {
        return -1;
    }
    long value = 0;
    for (std::size_t i = at + 2; i < at + 6; ++i) {
        const int digit = hex_value(text[i]);
        if (digit < 0) return -1;
        value = value * 16 + digit;
    }
    return value;
}

}  // namespace

NumberFormat classify_format(int id, std::string_view code) {
    if (code.empty()) return builtin_format(id);
    NumberFormat format;
    const std::string tokens = format_tokens(code, format.elapsed);
    if (tokens.find("general") != std::string::npos) return NumberFormat{};
    if (tokens.find_first_of("0#?") != std::string::npos) {
        format.elapsed = false;
        if (tokens.find_first_not_of('0') == std::string::npos) {
            format.zero_padding = static_cast<int>(std::min<std::size_t>(tokens.size(), 30));
        }
        return format;
    }
    const bool has_date = tokens.find_first_of("ydeg") != std::string::npos;
    const bool has_time = tokens.find_first_of("hs") != std::string::npos;
    if (has_date && has_time) {
        format.kind = NumberKind::DateTime;
    } else if (has_date || (!has_time && tokens.find('m') != std::string::npos)) {
        format.kind = NumberKind::Date;  // "mmm": a month name is a date too
    } else if (has_time) {
        format.kind = NumberKind::Time;
    } else {
        format.elapsed = false;
    }
    return format;
}

std::optional<std::string> serial_text(double serial, const NumberFormat& format, bool date1904) {
    if (!std::isfinite(serial) || serial < 0 || serial >= kLastSerial) return std::nullopt;
    // To the nearest second: Excel stores 17:22 as 46131.7236111111, a hair before it.
    const auto total = static_cast<long long>(std::llround(serial * 86400.0));
    const long long days = total / 86400;
    const long long seconds = total % 86400;
    auto clock = [](long long hours, long long in_day) {
        const long long minute = in_day / 60 % 60, second = in_day % 60;
        return second == 0 ? fmt::format("{:02}:{:02}", hours, minute)
                           : fmt::format("{:02}:{:02}:{:02}", hours, minute, second);
    };
    if (format.kind == NumberKind::Time) {
        return clock(format.elapsed ? total / 3600 : seconds / 3600, seconds);
    }
    using namespace std::chrono;
    std::string date;
    if (!date1904 && days < 1) return std::nullopt;  // Excel's "1900-01-00"
    if (!date1904 && days == 60) {
        date = "1900-02-29";  // the leap day Lotus 1-2-3 invented and Excel keeps
    } else {
        // 1904 system: day 0 is 1904-01-01. 1900 system: day 1 is 1900-01-01, and from day 61
        // on everything is one day later than a real calendar would put it.
        const sys_days epoch = date1904    ? sys_days{year{1904} / 1 / 1}
                               : days < 60 ? sys_days{year{1899} / 12 / 31}
                                           : sys_days{year{1899} / 12 / 30};
        const year_month_day day{epoch + std::chrono::days{days}};
        if (int(day.year()) > 9999) return std::nullopt;
        date = fmt::format("{:04}-{:02}-{:02}", int(day.year()), unsigned(day.month()),
                           unsigned(day.day()));
    }
    if (format.kind == NumberKind::Date) return date;
    return fmt::format("{} {}", date, clock(seconds / 3600, seconds));
}

std::string number_text(std::string_view stored, const NumberFormat& format, bool date1904) {
    bool whole_digits = false;
    if (!is_number(stored, whole_digits)) return std::string(stored);
    if (format.kind != NumberKind::Plain) {
        double serial = 0;
        const auto [end, error] =
            std::from_chars(stored.data(), stored.data() + stored.size(), serial);
        if (error == std::errc{} && end == stored.data() + stored.size()) {
            if (auto text = serial_text(serial, format, date1904)) return std::move(*text);
        }
    }
    // A ticket number or a phone number stored as digits: exactly as stored.
    if (whole_digits)
        return padded(std::string(stored == "-0" ? "0" : stored), format.zero_padding);
    double value = 0;
    const auto [end, error] = std::from_chars(stored.data(), stored.data() + stored.size(), value);
    if (error != std::errc{} || !std::isfinite(value)) return std::string(stored);
    if (value == 0) return padded("0", format.zero_padding);
    if (std::abs(value) < 1e15 && value == std::trunc(value)) {
        return padded(fmt::format("{:.0f}", value), format.zero_padding);
    }
    return fmt::format("{:.15G}", value);
}

std::string unescape(std::string_view text) {
    if (text.find("_x") == std::string_view::npos) return std::string(text);
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const long unit = escape_at(text, i);
        if (unit < 0) {
            out += text[i++];
            continue;
        }
        if (unit >= 0xD800 && unit <= 0xDBFF) {
            const long low = escape_at(text, i + 7);
            if (low >= 0xDC00 && low <= 0xDFFF) {
                utf8::append(
                    out, static_cast<char32_t>(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)));
                i += 14;
                continue;
            }
        }
        if (unit >= 0xD800 && unit <= 0xDFFF) {  // a lone surrogate: no character, keep the text
            out += text[i++];
            continue;
        }
        utf8::append(out, static_cast<char32_t>(unit));
        i += 7;
    }
    return out;
}

std::optional<std::size_t> parse_index(std::string_view text) {
    std::size_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

std::optional<CellRef> parse_cell_ref(std::string_view text) {
    CellRef ref;
    std::size_t i = 0;
    for (; i < text.size() && i < 4; ++i) {
        const char c = text[i];
        if (c < 'A' || c > 'Z') break;
        ref.column = ref.column * 26 + static_cast<std::size_t>(c - 'A' + 1);
    }
    if (i == 0 || i == text.size() || text[i] == '0' || ref.column > kMaxColumn) {
        return std::nullopt;
    }
    for (; i < text.size(); ++i) {
        if (!is_digit(text[i])) return std::nullopt;
        ref.row = ref.row * 10 + static_cast<std::size_t>(text[i] - '0');
        if (ref.row > kMaxRow) return std::nullopt;
    }
    return ref;
}

std::string column_name(std::size_t column) {
    std::string name;
    for (; column > 0; column = (column - 1) / 26) {
        name.insert(name.begin(), static_cast<char>('A' + (column - 1) % 26));
    }
    return name;
}

std::string cell_name(std::string_view sheet, std::size_t row, std::size_t column) {
    bool quote = sheet.empty();
    for (char c : sheet) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x80 && !std::isalnum(byte) && c != '_' && c != '.') quote = true;
    }
    std::string name;
    if (quote) {
        name += '\'';
        for (char c : sheet) name += c == '\'' ? std::string("''") : std::string(1, c);
        name += '\'';
    } else {
        name = sheet;
    }
    return fmt::format("{}!{}{}", name, column_name(column), row);
}

}  // namespace uketsuke::xlsx
