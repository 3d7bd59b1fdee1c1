#include "kiosk/core/roster/search_key.hpp"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <iterator>

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

// Variant kanji (異体字) folded to the form people type: a roster keeps 髙橋 and 山﨑 as the
// family registers them, a volunteer types 高橋 and 山崎. Only variants of one character, as
// written in names; NFKC already folds the compatibility ideographs that decompose. Sorted by
// variant for the binary search.
struct VariantKanji {
    char32_t variant;
    char32_t standard;
};
constexpr VariantKanji kVariantKanji[] = {
    {0x4E9E, 0x4E9C},   // 亞 → 亜
    {0x4F86, 0x6765},   // 來 → 来
    {0x5152, 0x5150},   // 兒 → 児
    {0x51A8, 0x5BCC},   // 冨 → 富
    {0x570B, 0x56FD},   // 國 → 国
    {0x5713, 0x5186},   // 圓 → 円
    {0x57DC, 0x91CE},   // 埜 → 野
    {0x589E, 0x5897},   // 增 → 増
    {0x58FD, 0x5BFF},   // 壽 → 寿
    {0x5B78, 0x5B66},   // 學 → 学
    {0x5BE6, 0x5B9F},   // 實 → 実
    {0x5BF3, 0x5B9D},   // 寳 → 宝
    {0x5BF6, 0x5B9D},   // 寶 → 宝
    {0x5CEF, 0x5CF0},   // 峯 → 峰
    {0x5D5C, 0x5D0E},   // 嵜 → 崎
    {0x5D8B, 0x5CF6},   // 嶋 → 島
    {0x5D8C, 0x5CF6},   // 嶌 → 島
    {0x5DBD, 0x5CB3},   // 嶽 → 岳
    {0x5EE3, 0x5E83},   // 廣 → 広
    {0x5FB7, 0x5FB3},   // 德 → 徳
    {0x6046, 0x6052},   // 恆 → 恒
    {0x60E0, 0x6075},   // 惠 → 恵
    {0x6236, 0x6238},   // 戶 → 戸
    {0x6589, 0x658E},   // 斉 → 斎
    {0x6649, 0x664B},   // 晉 → 晋
    {0x66FB, 0x6607},   // 曻 → 昇
    {0x66FE, 0x66FD},   // 曾 → 曽
    {0x6703, 0x4F1A},   // 會 → 会
    {0x6801, 0x67F3},   // 栁 → 柳
    {0x6852, 0x6851},   // 桒 → 桑
    {0x689D, 0x6761},   // 條 → 条
    {0x69AE, 0x6804},   // 榮 → 栄
    {0x69C7, 0x69D9},   // 槇 → 槙
    {0x69D7, 0x6A4B},   // 槗 → 橋
    {0x6AFB, 0x685C},   // 櫻 → 桜
    {0x6DF8, 0x6E05},   // 淸 → 清
    {0x6E15, 0x6DF5},   // 渕 → 淵
    {0x6FA4, 0x6CA2},   // 澤 → 沢
    {0x6FF1, 0x6D5C},   // 濱 → 浜
    {0x6FF5, 0x6D5C},   // 濵 → 浜
    {0x7027, 0x6EDD},   // 瀧 → 滝
    {0x7028, 0x702C},   // 瀨 → 瀬
    {0x771E, 0x771F},   // 眞 → 真
    {0x79AE, 0x793C},   // 禮 → 礼
    {0x7E6A, 0x7D75},   // 繪 → 絵
    {0x8207, 0x4E0E},   // 與 → 与
    {0x8218, 0x9928},   // 舘 → 館
    {0x8229, 0x8239},   // 舩 → 船
    {0x842C, 0x4E07},   // 萬 → 万
    {0x8597, 0x5712},   // 薗 → 園
    {0x85CF, 0x8535},   // 藏 → 蔵
    {0x8C50, 0x8C4A},   // 豐 → 豊
    {0x9089, 0x8FBA},   // 邉 → 辺
    {0x908A, 0x8FBA},   // 邊 → 辺
    {0x90A8, 0x6751},   // 邨 → 村
    {0x9435, 0x9244},   // 鐵 → 鉄
    {0x9751, 0x9752},   // 靑 → 青
    {0x975C, 0x9759},   // 靜 → 静
    {0x9AD9, 0x9AD8},   // 髙 → 高
    {0x9AEE, 0x9AEA},   // 髮 → 髪
    {0x9ED1, 0x9ED2},   // 黑 → 黒
    {0x9F4A, 0x658E},   // 齊 → 斎
    {0x9F4B, 0x658E},   // 齋 → 斎
    {0x9F8D, 0x7ADC},   // 龍 → 竜
    {0xFA11, 0x5D0E},   // 﨑 → 崎
    {0x20BB7, 0x5409},  // 𠮷 → 吉
};
static_assert(std::is_sorted(std::begin(kVariantKanji), std::end(kVariantKanji),
                             [](const VariantKanji& a, const VariantKanji& b) {
                                 return a.variant < b.variant;
                             }));

char32_t standard_kanji(char32_t c) {
    if (c < kVariantKanji[0].variant) return c;
    const auto* at = std::lower_bound(
        std::begin(kVariantKanji), std::end(kVariantKanji), c,
        [](const VariantKanji& entry, char32_t wanted) { return entry.variant < wanted; });
    return at != std::end(kVariantKanji) && at->variant == c ? at->standard : c;
}

// Variation selectors (U+FE00–FE0F, the ideographic variation sequences U+E0100–E01EF) pick
// a glyph, not a character: 辻󠄀 with its selector is still 辻.
bool is_variation_selector(char32_t c) {
    return (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF);
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

// Characters NFKC with case folding leaves as they are (and that compose with nothing before
// or after them): hiragana, katakana, the long-vowel mark, the CJK ideographs, and the
// ideographic space and middle dot, which the key drops anyway. Names in a roster are nearly
// always only these and ASCII, and skipping ICU for them makes a key several times cheaper.
bool stable_under_nfkc_casefold(char32_t c) {
    return (c >= 0x3041 && c <= 0x3096) || (c >= 0x30A1 && c <= 0x30FC) || c == 0x3000 ||
           (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF);
}

// The key of a text that is folded already; `folded` is ASCII lower-cased or stable text.
std::string key_of_folded(std::string_view folded) {
    std::string out;
    out.reserve(folded.size());
    for (std::size_t at = 0; at < folded.size();) {
        const char32_t c = utf8::next(folded, at);
        if (c < 0x80) {
            // ASCII is the common case for numbers and e-mail; skip the table lookups.
            if (c != '-' && c != ' ' && (c < '\t' || c > '\r')) out += static_cast<char>(c);
            continue;
        }
        if (c == 0x3000 || ignored_in_search_key(c) || is_variation_selector(c)) continue;
        append_folded_kana(out, standard_kanji(c));
    }
    return out;
}

}  // namespace

std::string nfkc(std::string_view text) { return normalize(text, false); }

std::string casefold(std::string_view text) { return normalize(text, true); }

std::string search_key_by_icu(std::string_view text) {
    return key_of_folded(normalize(text, true));
}

std::string search_key(std::string_view text) {
    std::string lowered(text);
    for (std::size_t at = 0; at < lowered.size();) {
        const auto byte = static_cast<unsigned char>(lowered[at]);
        if (byte < 0x80) {
            if (byte >= 'A' && byte <= 'Z') lowered[at] = static_cast<char>(byte - 'A' + 'a');
            ++at;
            continue;
        }
        if (!stable_under_nfkc_casefold(utf8::next(lowered, at))) return search_key_by_icu(text);
    }
    return key_of_folded(lowered);
}

}  // namespace uketsuke
