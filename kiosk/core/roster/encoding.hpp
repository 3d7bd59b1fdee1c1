#pragma once
// Text in and out of the roster: decoding what spreadsheets and registration sites write
// (UTF-8 with or without BOM, Excel's UTF-16 "Unicode text", Shift_JIS/CP932) into UTF-8, and
// encoding exports back to what Excel expects. Pure functions over memory: reading the file
// into bytes is the caller's job.

#include <optional>
#include <string>
#include <string_view>

#include "kiosk/core/model/result.hpp"

namespace uketsuke {

enum class Encoding { Auto, Utf8, Utf16, Cp932 };

// Accepts utf-8, utf8, utf-16, utf16, utf-16le, cp932, shift_jis, sjis, windows-31j, ...
// (case-insensitive; "auto" gives Auto).
std::optional<Encoding> parse_encoding(std::string_view name);
std::string_view encoding_name(Encoding encoding);

struct [[nodiscard]] DecodeResult {
    std::string text;                    // UTF-8, byte order mark removed
    Encoding encoding = Encoding::Auto;  // the encoding actually used
    // the column counts characters (not bytes) of its line, as an editor does
    std::optional<SourceError> error;

    explicit operator bool() const { return !error.has_value(); }
};

// Auto: a BOM decides (UTF-8, UTF-16LE/BE); otherwise valid UTF-8 is UTF-8 and anything
// else must be strict CP932. Undecodable bytes are errors, never replaced.
DecodeResult decode_to_utf8(std::string_view bytes, Encoding requested = Encoding::Auto);

// For exports. Utf8 and Auto return the text as is (no BOM added), Utf16 gives UTF-16LE with a
// BOM (what Excel expects), Cp932 fails on the first character Shift_JIS cannot hold instead of
// writing '?'; the error names the character and where it is.
Result<std::string> encode_from_utf8(std::string_view utf8, Encoding target);

}  // namespace uketsuke
