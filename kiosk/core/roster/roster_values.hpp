#pragma once
// What a roster cell says, beyond its text: whether a status means cancelled, which role a word
// names, a name joined from family and given parts, and the id of a person without one.

#include <string>
#include <string_view>

namespace uketsuke::roster_values {

bool is_cancelled(std::string_view status);
// participant, facilitator, staff or guest; an empty value is a participant. Empty when the
// value is not a known role.
std::string role_of(std::string_view value);
// Japanese order and a full-width space for Japanese names, "Given Family" for Latin ones.
std::string join_name(std::string_view family, std::string_view given);
// "r-" and 12 hex digits of a hash of the name's search key and the e-mail: stable across
// re-imports, builds and platforms.
std::string generated_id(std::string_view name, std::string_view email);

}  // namespace uketsuke::roster_values
