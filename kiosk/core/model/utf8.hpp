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

// Arbitrary bytes (a scanned code, a forged ticket's id, an old file's row) as text that every
// writer takes without failing: JSON, the events log, SQLite, a UTF-8 PostgreSQL database, the
// screen. Each ill-formed sequence becomes one U+FFFD, as everywhere in this file, rather than an
// escape: a person reading it sees that something was unreadable, and the result is a fixed point
// (safe_text of safe_text changes nothing), so a row pushed to the hub and pulled back is the same
// row. NUL becomes U+FFFD too: PostgreSQL text and C strings cannot hold it.
// Controls::Remove is for anything shown (a screen, a message for staff): control characters
// (C0 with tab and line breaks, DEL, C1) and the bidirectional embeddings, overrides and isolates
// (U+202A-U+202E, U+2066-U+2069), which would reorder what staff read, are dropped as well.
enum class Controls { Keep, Remove };
[[nodiscard]] std::string safe_text(std::string_view bytes, Controls controls = Controls::Keep);

// ASCII white space (space, \t \n \v \f \r) removed from both ends: scanned codes, tokens.
[[nodiscard]] std::string_view trim_ascii(std::string_view text);
// Also the ideographic space U+3000, the no-break space and a stray byte order mark, which
// Japanese forms and spreadsheets put around names.
[[nodiscard]] std::string_view trim(std::string_view text);

}  // namespace uketsuke::utf8
