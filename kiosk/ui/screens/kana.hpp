#pragma once
// The kana the on-screen keyboard types and converts: hiragana and katakana, and the voicing
// (か→が→か, は→ば→ぱ→は) and small-form (つ↔っ) cycles of the ゛゜ and 小 keys.

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace uketsuke::ui::kana {

// Katakana sit exactly 0x60 above their hiragana, ゔ/ヴ and the small forms included.
inline constexpr char32_t kKatakanaOffset = 0x60;
[[nodiscard]] constexpr bool is_hiragana(char32_t c) { return c >= U'ぁ' && c <= U'ゖ'; }
[[nodiscard]] constexpr bool is_katakana(char32_t c) { return c >= U'ァ' && c <= U'ヶ'; }

// Each entry is a cycle: the key turns a character into the next one, the last into the first.
inline constexpr std::array<std::u32string_view, 21> kVoicing = {
    U"かが", U"きぎ",   U"くぐ",   U"けげ",   U"こご",   U"さざ",   U"しじ",
    U"すず", U"せぜ",   U"そぞ",   U"ただ",   U"ちぢ",   U"つづ",   U"てで",
    U"とど", U"はばぱ", U"ひびぴ", U"ふぶぷ", U"へべぺ", U"ほぼぽ", U"うゔ",
};
inline constexpr std::array<std::u32string_view, 10> kSmall = {
    U"あぁ", U"いぃ", U"うぅ", U"えぇ", U"おぉ", U"つっ", U"やゃ", U"ゆゅ", U"よょ", U"わゎ",
};

// The character after c in its cycle, in c's own script; nullopt when c is in none.
template <std::size_t N>
[[nodiscard]] std::optional<char32_t> next_in_cycle(
    const std::array<std::u32string_view, N>& cycles, char32_t c) {
    const bool katakana = is_katakana(c);
    const char32_t hiragana = katakana ? c - kKatakanaOffset : c;
    for (std::u32string_view cycle : cycles) {
        const std::size_t at = cycle.find(hiragana);
        if (at == std::u32string_view::npos) continue;
        const char32_t next = cycle[(at + 1) % cycle.size()];
        return katakana ? next + kKatakanaOffset : next;
    }
    return std::nullopt;
}

}  // namespace uketsuke::ui::kana
