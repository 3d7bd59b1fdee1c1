#pragma once
// People's names as the kiosk greets them: which word is the given name, and the name as an
// event chooses to show it at the door. Plain functions of the text, for the screens and the
// command-line tool alike.

#include <optional>
#include <string>
#include <string_view>

namespace uketsuke {

enum class NameDisplay {
    FullName,
    GivenNameOnly,
    None,  // just "Welcome": for events where names must not be shown at the door
};

std::string_view to_string(NameDisplay mode);  // "full", "given", "none"
std::optional<NameDisplay> name_display_from_string(std::string_view text);

// Japanese (and other East Asian) names are "Family Given", split at the first space or
// U+3000; Latin names are "Given Family" unless the family name comes first in capitals
// ("SMITH Alice"). A name with no separator is returned whole.
[[nodiscard]] std::string given_name(std::string_view full_name);
[[nodiscard]] std::string display_name(std::string_view full_name, NameDisplay mode);

}  // namespace uketsuke
