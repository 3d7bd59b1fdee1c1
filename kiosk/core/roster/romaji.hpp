#pragma once
// Japanese names typed on a Latin keyboard: staff at the desk type "yamada" for やまだ.

#include <optional>
#include <string>
#include <string_view>

namespace uketsuke {

// A search key typed in romaji ("yamada", "suzu") as hiragana ("やまだ", "すず"). Consonants at
// the end wait for their vowel ("yamad" is やま), so the key works while being typed. The result
// is a search key (search_key.hpp; small kana folded: "kitte" is きつて). nullopt when `key` is
// not all lower-case ASCII letters, or fewer than two kana come of it.
std::optional<std::string> romaji_to_hiragana(std::string_view key);

}  // namespace uketsuke
