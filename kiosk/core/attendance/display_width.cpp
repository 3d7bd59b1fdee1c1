#include "kiosk/core/attendance/display_width.hpp"

#include <unicode/uchar.h>

#include "kiosk/core/model/utf8.hpp"

namespace uketsuke {
namespace {

std::size_t width_of(char32_t c) {
    const auto code = static_cast<UChar32>(c);
    const auto category = static_cast<UCharCategory>(u_charType(code));
    if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK ||
        category == U_FORMAT_CHAR) {
        return 0;
    }
    const auto east_asian =
        static_cast<UEastAsianWidth>(u_getIntPropertyValue(code, UCHAR_EAST_ASIAN_WIDTH));
    return east_asian == U_EA_WIDE || east_asian == U_EA_FULLWIDTH ? 2 : 1;
}

bool is_control(char32_t c) { return c < 0x20 || (c >= 0x7F && c < 0xA0); }

}  // namespace

std::size_t display_width(std::string_view text) {
    std::size_t width = 0;
    for (std::size_t at = 0; at < text.size();) width += width_of(utf8::next(text, at));
    return width;
}

std::string terminal_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t at = 0; at < text.size();) {
        const char32_t c = utf8::next(text, at);
        utf8::append(out, is_control(c) ? utf8::kReplacement : c);
    }
    return out;
}

std::string fit_columns(std::string_view text, std::size_t columns, bool pad) {
    const std::string safe = terminal_text(text);
    std::string out;
    std::size_t width = 0;
    if (display_width(safe) <= columns) {
        out = safe;
        width = display_width(safe);
    } else if (columns > 0) {
        // Keep room for the ellipsis, which takes one column.
        for (std::size_t at = 0; at < safe.size();) {
            const std::size_t start = at;
            const std::size_t w = width_of(utf8::next(safe, at));
            if (width + w > columns - 1) break;
            out.append(safe, start, at - start);
            width += w;
        }
        out += "…";
        ++width;
    }
    if (pad) out.append(columns > width ? columns - width : 0, ' ');
    return out;
}

}  // namespace uketsuke
