#include "kiosk/core/roster/search_key.hpp"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>

#include <climits>
#include <cstdint>

#include "kiosk/core/model/utf8.hpp"

namespace uketsuke {
namespace {

const icu::Normalizer2* normalizer(bool casefold) {
    // ICU's instances are immutable singletons; the statics only save the lookup.
    static const icu::Normalizer2* plain = [] {
        UErrorCode status = U_ZERO_ERROR;
        const icu::Normalizer2* instance = icu::Normalizer2::getNFKCInstance(status);
        return U_SUCCESS(status) ? instance : nullptr;
    }();
    static const icu::Normalizer2* folding = [] {
        UErrorCode status = U_ZERO_ERROR;
        const icu::Normalizer2* instance = icu::Normalizer2::getNFKCCasefoldInstance(status);
        return U_SUCCESS(status) ? instance : nullptr;
    }();
    return casefold ? folding : plain;
}

std::string normalize(std::string_view text, bool casefold) {
    const icu::Normalizer2* instance = normalizer(casefold);
    if (instance == nullptr || text.size() > static_cast<std::size_t>(INT32_MAX)) {
        return std::string(text);
    }
    std::string out;
    out.reserve(text.size() + text.size() / 4);
    icu::StringByteSink<std::string> sink(&out);
    UErrorCode status = U_ZERO_ERROR;
    instance->normalizeUTF8(0, icu::StringPiece(text.data(), static_cast<int32_t>(text.size())),
                            sink, nullptr, status);
    return U_SUCCESS(status) ? out : std::string(text);
}

bool ignored_in_search_key(char32_t c) {
    switch (c) {
        case U'-':
        case U'\u2010':
        case U'\u2011':
        case U'\u2012':
        case U'\u2013':
        case U'\u2014':
        case U'\u2015':
        case U'\u2043':
        case U'\u2212':
        case U'\uFE58':
        case U'\uFE63':
        case U'\uFF0D':  // hyphens, dashes
        case U'\u30FB':
        case U'\u00B7':
        case U'\uFF65':  // middle dots
            return true;
        default:
            return u_isUWhiteSpace(static_cast<UChar32>(c));
    }
}

// Appends a character in the form search keys use for kana.
void append_folded_kana(std::string& out, char32_t c) {
    if (c >= 0x30A1 && c <= 0x30F6) c -= 0x60;  // katakana → hiragana, ヴ → ゔ included
    switch (c) {
        case 0x3041:
        case 0x3043:
        case 0x3045:
        case 0x3047:
        case 0x3049:
        case 0x3063:
        case 0x3083:
        case 0x3085:
        case 0x3087:
        case 0x308E:
            c += 1;  // small kana → full size: people type キヤ for キャ on a phone keypad
            break;
        case 0x3095:
            c = 0x304B;
            break;  // ゕ → か
        case 0x3096:
            c = 0x3051;
            break;  // ゖ → け
        case 0x30FD:
            c = 0x309D;
            break;  // ヽ → ゝ
        case 0x30FE:
            c = 0x309E;
            break;  // ヾ → ゞ
        case 0x30F7:
        case 0x30F8:
        case 0x30F9:
        case 0x30FA:  // ヷヸヹヺ → わ゙ ゐ゙ ゑ゙ を゙
            utf8::append(out, c == 0x30F7 ? 0x308F : c + (0x3090 - 0x30F8));
            c = 0x3099;
            break;
        default:
            break;
    }
    utf8::append(out, c);
}

}  // namespace

std::string nfkc(std::string_view text) { return normalize(text, false); }

std::string search_key(std::string_view text) {
    const std::string folded = normalize(text, true);
    std::string out;
    out.reserve(folded.size());
    for (std::size_t at = 0; at < folded.size();) {
        const char32_t c = utf8::next(folded, at);
        if (c < 0x80) {
            // ASCII is the common case for numbers and e-mail; skip the table lookups.
            if (c != '-' && c != ' ' && (c < '\t' || c > '\r')) out += static_cast<char>(c);
            continue;
        }
        if (ignored_in_search_key(c)) continue;
        append_folded_kana(out, c);
    }
    return out;
}

}  // namespace uketsuke
