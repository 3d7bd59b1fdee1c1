#pragma once
// The normalized key that makes "ﾔﾏﾀﾞ", "ヤマダ" and "やまだ" the same person at the desk:
// search and duplicate detection compare these, never the text as typed.

#include <string>
#include <string_view>

namespace uketsuke {

// Unicode NFKC (full-width ASCII to ASCII, half-width katakana to full-width, ...).
std::string nfkc(std::string_view text);
// NFKC with case folding, nothing removed: how e-mail addresses are compared.
std::string casefold(std::string_view text);

// The key search and duplicate detection compare: NFKC, case folded, katakana folded to
// hiragana (small kana to their full-size form), variant kanji of names to their common form
// (髙 → 高, 﨑 → 崎, 邊・邉 → 辺, 齋・齊・斉 → 斎, ...), without whitespace, middle dots, hyphens
// or variation selectors. The long-vowel mark ー is kept: ケーキ and ケキ are different words.
std::string search_key(std::string_view text);

// search_key through ICU for every text, without the shortcut for text NFKC leaves alone
// (ASCII, kana, the common kanji): what the tests hold the shortcut to.
std::string search_key_by_icu(std::string_view text);

}  // namespace uketsuke
