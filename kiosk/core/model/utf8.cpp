#include "kiosk/core/model/utf8.hpp"

#include <unicode/utf8.h>

#include <algorithm>
#include <climits>
#include <cstdint>

namespace uketsuke::utf8 {
namespace {

// ICU's macros index with int32_t: text past 2 GiB is walked in its first 2 GiB only, which
// no name, cell or scanned code comes near.
std::int32_t bounded_size(std::string_view text) {
    return static_cast<std::int32_t>(std::min<std::size_t>(text.size(), INT32_MAX));
}

const std::uint8_t* bytes(std::string_view text) {
    return reinterpret_cast<const std::uint8_t*>(text.data());
}

bool is_ascii_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// The byte length of the white space that text starts (front) or ends (back) with, 0 if none.
std::size_t space_at_front(std::string_view s) {
    if (s.empty()) return 0;
    if (is_ascii_space(s.front())) return 1;
    if (s.starts_with("\xE3\x80\x80") || s.starts_with("\xEF\xBB\xBF")) return 3;
    if (s.starts_with("\xC2\xA0")) return 2;
    return 0;
}

std::size_t space_at_back(std::string_view s) {
    if (s.empty()) return 0;
    if (is_ascii_space(s.back())) return 1;
    if (s.ends_with("\xE3\x80\x80") || s.ends_with("\xEF\xBB\xBF")) return 3;
    if (s.ends_with("\xC2\xA0")) return 2;
    return 0;
}

}  // namespace

char32_t next(std::string_view text, std::size_t& at) {
    const std::int32_t size = bounded_size(text);
    auto i = static_cast<std::int32_t>(at);
    if (i >= size) {
        at = text.size();
        return kReplacement;
    }
    UChar32 c = 0;
    U8_NEXT(bytes(text), i, size, c);
    at = static_cast<std::size_t>(i);
    return c < 0 ? kReplacement : static_cast<char32_t>(c);
}

std::u32string decode(std::string_view text) {
    std::u32string out;
    out.reserve(text.size());
    for (std::size_t at = 0; at < text.size();) out.push_back(next(text, at));
    return out;
}

void append(std::string& out, char32_t c) {
    if (c > 0x10FFFF || U_IS_SURROGATE(c)) c = kReplacement;
    char buffer[U8_MAX_LENGTH];
    std::int32_t length = 0;
    U8_APPEND_UNSAFE(buffer, length, c);
    out.append(buffer, static_cast<std::size_t>(length));
}

std::string encode(char32_t c) {
    std::string out;
    append(out, c);
    return out;
}

std::string encode(std::u32string_view text) {
    std::string out;
    out.reserve(text.size() * 3);
    for (char32_t c : text) append(out, c);
    return out;
}

std::size_t length(std::string_view text) {
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return !is_continuation(c); }));
}

std::string_view first(std::string_view text, std::size_t chars) {
    std::size_t seen = 0;
    for (std::size_t at = 0; at < text.size(); ++at) {
        if (!is_continuation(text[at]) && seen++ == chars) return text.substr(0, at);
    }
    return text;
}

std::size_t last_start(std::string_view text) {
    const std::int32_t size = bounded_size(text);
    std::int32_t start = size - 1;
    while (start > 0 && size - start < U8_MAX_LENGTH && is_continuation(text[start])) --start;
    std::int32_t end = start;
    UChar32 c = 0;
    U8_NEXT(bytes(text), end, size, c);
    if (c < 0 || end != size) return text.size() - 1;
    return static_cast<std::size_t>(start);
}

void pop_back(std::string& text) {
    if (!text.empty()) text.erase(last_start(text));
}

std::string_view cut(std::string_view text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) return text;
    std::size_t end = max_bytes;
    while (end > 0 && is_continuation(text[end])) --end;
    return text.substr(0, end);
}

std::size_t error_offset(std::string_view text) {
    const std::int32_t size = bounded_size(text);
    for (std::int32_t i = 0; i < size;) {
        const std::int32_t start = i;
        UChar32 c = 0;
        U8_NEXT(bytes(text), i, size, c);
        if (c < 0) return static_cast<std::size_t>(start);
    }
    return std::string_view::npos;
}

bool is_valid(std::string_view text) { return error_offset(text) == std::string_view::npos; }

std::string safe_text(std::string_view text, Controls controls) {
    const auto shown_away = [](UChar32 c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) ||
               (c >= 0x2066 && c <= 0x2069);
    };
    std::string out;
    out.reserve(text.size());
    const std::int32_t size = bounded_size(text);
    for (std::int32_t i = 0; i < size;) {
        const std::int32_t start = i;
        UChar32 c = 0;
        U8_NEXT(bytes(text), i, size, c);
        if (c < 0 || (c == 0 && controls == Controls::Keep)) {
            append(out, kReplacement);
        } else if (controls == Controls::Keep || !shown_away(c)) {
            out.append(text.data() + start, static_cast<std::size_t>(i - start));
        }
    }
    return out;
}

std::string_view trim_ascii(std::string_view text) {
    while (!text.empty() && is_ascii_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_ascii_space(text.back())) text.remove_suffix(1);
    return text;
}

std::string_view trim(std::string_view text) {
    while (std::size_t n = space_at_front(text)) text.remove_prefix(n);
    while (std::size_t n = space_at_back(text)) text.remove_suffix(n);
    return text;
}

}  // namespace uketsuke::utf8
