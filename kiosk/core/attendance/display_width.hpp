#pragma once
// How many terminal columns text takes, for tables a person reads in a terminal: East Asian
// Wide and Fullwidth characters (漢字, かな, full-width forms) take two, combining marks and
// invisible format characters none, the rest one. Ambiguous-width characters (○ ×) count
// one, as most terminals draw them outside a CJK legacy setting. Text may be any bytes.

#include <cstddef>
#include <string>
#include <string_view>

namespace uketsuke {

std::size_t display_width(std::string_view text);

// Text safe to print to a terminal: malformed bytes and control characters (ESC, which could
// move the cursor or recolour the screen, included) become U+FFFD.
std::string terminal_text(std::string_view text);

// terminal_text, cut to at most `columns` columns (with … when cut) and padded with spaces to
// exactly `columns` when `pad` is set.
std::string fit_columns(std::string_view text, std::size_t columns, bool pad = true);

}  // namespace uketsuke
