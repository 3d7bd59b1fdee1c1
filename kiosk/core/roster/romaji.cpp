#include "kiosk/core/roster/romaji.hpp"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>

#include "kiosk/core/roster/search_key.hpp"

namespace uketsuke {

std::optional<std::string> romaji_to_hiragana(std::string_view key) {
    if (key.empty() || key.size() > 64) return std::nullopt;
    for (const char c : key) {
        if (c < 'a' || c > 'z') return std::nullopt;
    }
    // ICU's Latin-Hiragana transliterator; made once per thread (creating one takes
    // milliseconds, using one microseconds).
    thread_local std::unique_ptr<icu::Transliterator> transliterator = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::Transliterator> made(
            icu::Transliterator::createInstance("Latin-Hiragana", UTRANS_FORWARD, status));
        return U_SUCCESS(status) ? std::move(made) : nullptr;
    }();
    if (!transliterator) return std::nullopt;
    // Consonants at the end wait for their vowel: "yamad" is やま so far, not やまで, and a final
    // n may yet be な (shinchan is searched as しんちゃ, a prefix of しんちゃん).
    const auto vowel = [](char c) {
        return c == 'a' || c == 'i' || c == 'u' || c == 'e' || c == 'o';
    };
    while (!key.empty() && !vowel(key.back())) key.remove_suffix(1);
    if (key.empty()) return std::nullopt;
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(
        icu::StringPiece(key.data(), static_cast<int32_t>(key.size())));
    transliterator->transliterate(text);
    std::string out;
    text.toUTF8String(out);
    for (const char c : out) {
        if (static_cast<unsigned char>(c) < 0x80)
            return std::nullopt;  // Latin left inside: not romaji
    }
    // One kana ("abc" → あ + bc) says too little to be worth a second search.
    if (out.size() < 6) return std::nullopt;
    return search_key(out);
}

}  // namespace uketsuke
