#pragma once
// Walking, measuring, cutting and trimming UTF-8 text: the one place that knows the encoding,
// built on ICU's macros (unicode/utf8.h, header-only, so anything may use it). Text from
// outside may be malformed: every function here accepts arbitrary bytes, never reads past
// the end, and treats each ill-formed sequence as one U+FFFD.

#include <cstddef>
#include <string>
#include <string_view>

namespace uketsuke::utf8 {

inline constexpr char32_t kReplacement = U'\uFFFD';

// The code point at text[at], advancing `at` past it (past the ill-formed bytes, as ICU's
// U8_NEXT does, for a malformed sequence, which reads as kReplacement). `at` < text.size().
[[nodiscard]] char32_t next(std::string_view text, std::size_t& at);
// The code points of the text, in order.
[[nodiscard]] std::u32string decode(std::string_view text);
// Appends c; a surrogate or a value past U+10FFFF appends kReplacement.
void append(std::string& out, char32_t c);
[[nodiscard]] std::string encode(char32_t c);
[[nodiscard]] std::string encode(std::u32string_view text);

// The number of code points (continuation bytes are not counted).
[[nodiscard]] std::size_t length(std::string_view text);
// The first `chars` code points (all of the text when it has fewer).
[[nodiscard]] std::string_view first(std::string_view text, std::size_t chars);
// Where the last code point starts: text.size() - 1 when the tail is malformed, so that
// removing from there always makes progress. text must not be empty.
[[nodiscard]] std::size_t last_start(std::string_view text);
// Removes the last code point (a backspace); nothing when empty.
void pop_back(std::string& text);
// The longest prefix of at most max_bytes bytes that does not cut a character in two.
[[nodiscard]] std::string_view cut(std::string_view text, std::size_t max_bytes);
// Whether byte is the second, third or fourth byte of a sequence.
[[nodiscard]] constexpr bool is_continuation(char byte) {
    return (static_cast<unsigned char>(byte) & 0xC0) == 0x80;
}

// The offset of the first byte that is not well-formed UTF-8 (overlongs, surrogates and
// values past U+10FFFF included), or npos.
[[nodiscard]] std::size_t error_offset(std::string_view text);
[[nodiscard]] bool is_valid(std::string_view text);

// ASCII white space (space, \t \n \v \f \r) removed from both ends: scanned codes, tokens.
[[nodiscard]] std::string_view trim_ascii(std::string_view text);
// Also the ideographic space U+3000, the no-break space and a stray byte order mark, which
// Japanese forms and spreadsheets put around names.
[[nodiscard]] std::string_view trim(std::string_view text);

}  // namespace uketsuke::utf8
