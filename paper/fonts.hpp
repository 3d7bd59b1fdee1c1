#pragma once
// Is the layout's font there? fontconfig silently substitutes another family for a missing
// one, and for Japanese text that means boxes instead of names: say so before drawing a page.

#include <string>

#include "paper/paper_error.hpp"

namespace uketsuke::paper {

// The family fontconfig matches for `family`, when it is that family and it draws Japanese
// (あ, 漢); otherwise a message naming the missing font and the Debian package to install.
[[nodiscard]] PaperResult<std::string> check_font(const std::string& family);

}  // namespace uketsuke::paper
