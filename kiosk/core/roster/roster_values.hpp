#pragma once
// What a roster cell says, beyond its text: whether a status means cancelled, which role a word
// names, a name joined from family and given parts, and the id of a person without one.

#include <string>
#include <string_view>

namespace uketsuke::roster_values {

bool is_cancelled(std::string_view status);
// connpass's 補欠, キャンセル待ち, "waitlist": a waiting list, not a registration.
bool is_waiting_list(std::string_view status);
// participant, facilitator, staff or guest; an empty value is a participant. A role's own
// word, or a ticket type that names one ("ファシリテーター枠", "運営スタッフ", "来賓席",
// "講師"). Empty when the value names no role ("一般参加枠").
std::string role_of(std::string_view value);
// "YYYY-MM-DD HH:MM" for connpass's "2026年4月19日 17時22分" (and "2026/04/19 17:22");
// empty when the text is not such a date.
std::string parse_japanese_date(std::string_view text);
// Japanese order and a full-width space for Japanese names, "Given Family" for Latin ones.
std::string join_name(std::string_view family, std::string_view given);
// "r-" and 12 hex digits of a hash of the name's search key and the e-mail: stable across
// re-imports, builds and platforms.
std::string generated_id(std::string_view name, std::string_view email);

}  // namespace uketsuke::roster_values
