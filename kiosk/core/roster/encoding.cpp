#include "kiosk/core/roster/encoding.hpp"

#include <fmt/format.h>
#include <unicode/ucnv.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <memory>

#include "kiosk/core/model/utf8.hpp"

namespace uketsuke {
namespace {

// Excel and Windows call Shift_JIS what is really CP932 (NEC and IBM extensions included);
// ICU's name for that table is ibm-943_P15A-2003, alias windows-31j.
constexpr const char* cp932_converter = "windows-31j";

struct ConverterCloser {
    void operator()(UConverter* converter) const { ucnv_close(converter); }
};
using Converter = std::unique_ptr<UConverter, ConverterCloser>;

Converter open_converter(const char* name, bool strict) {
    UErrorCode status = U_ZERO_ERROR;
    Converter converter(ucnv_open(name, &status));
    if (U_FAILURE(status)) return nullptr;
    if (strict) {
        ucnv_setToUCallBack(converter.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr,
                            &status);
        ucnv_setFromUCallBack(converter.get(), UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr,
                              &status);
    }
    return U_SUCCESS(status) ? std::move(converter) : nullptr;
}

std::string utf16_to_utf8(const std::u16string& units) {
    std::string out;
    out.reserve(units.size() * 3);
    for (std::size_t i = 0; i < units.size();) {
        char32_t c = units[i++];
        if (U16_IS_LEAD(c) && i < units.size() && U16_IS_TRAIL(units[i])) {
            c = U16_GET_SUPPLEMENTARY(c, units[i]);
            ++i;
        } else if (U16_IS_SURROGATE(c)) {
            c = 0xFFFD;
        }
        utf8::append(out, c);
    }
    return out;
}

// Position of the character that follows `prefix`, counted as an editor would: CRLF, LF and
// a lone CR each end a line, and columns count characters rather than bytes. The message
// gets "line L, column C" in place of {}.
SourceError error_after(std::string_view prefix, std::string_view message) {
    std::size_t line = 1;
    std::size_t column = 1;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        const auto c = static_cast<unsigned char>(prefix[i]);
        if (c == '\n' || (c == '\r' && (i + 1 == prefix.size() || prefix[i + 1] != '\n'))) {
            ++line;
            column = 1;
        } else if (c != '\r' && !utf8::is_continuation(prefix[i])) {
            ++column;
        }
    }
    std::string text(message);
    const std::size_t slot = text.find("{}");
    if (slot != std::string::npos) {
        text.replace(slot, 2, fmt::format("line {}, column {}", line, column));
    }
    return {std::move(text), line, column};
}

std::string hex_bytes(std::string_view bytes) {
    std::string out;
    for (std::size_t i = 0; i < bytes.size() && i < 4; ++i) {
        if (!out.empty()) out += ' ';
        out += fmt::format("0x{:02X}", static_cast<unsigned char>(bytes[i]));
    }
    return out;
}

struct IcuDecoded {
    std::string utf8;  // everything decoded before the first failure
    bool ok = false;
    bool truncated = false;
    std::size_t bad_offset = 0;
    std::size_t bad_length = 0;
};

IcuDecoded icu_decode(const char* converter_name, std::string_view bytes, bool strict) {
    IcuDecoded result;
    Converter converter = open_converter(converter_name, strict);
    if (!converter) return result;
    // CP932 gives at most one UTF-16 unit per byte, UTF-16 one per two bytes.
    std::u16string units(bytes.size() + 2, u'\0');
    UChar* target = reinterpret_cast<UChar*>(units.data());
    UChar* const target_begin = target;
    const char* source = bytes.data();
    UErrorCode status = U_ZERO_ERROR;
    ucnv_toUnicode(converter.get(), &target, target_begin + units.size(), &source,
                   bytes.data() + bytes.size(), nullptr, true, &status);
    units.resize(static_cast<std::size_t>(target - target_begin));
    result.utf8 = utf16_to_utf8(units);
    if (U_SUCCESS(status)) {
        result.ok = true;
        return result;
    }
    char invalid[32];
    int8_t invalid_length = sizeof invalid;
    UErrorCode invalid_status = U_ZERO_ERROR;
    ucnv_getInvalidChars(converter.get(), invalid, &invalid_length, &invalid_status);
    if (U_FAILURE(invalid_status)) invalid_length = 0;
    const auto consumed = static_cast<std::size_t>(source - bytes.data());
    result.bad_length = static_cast<std::size_t>(invalid_length);
    result.bad_offset = consumed >= result.bad_length ? consumed - result.bad_length : consumed;
    result.truncated = status == U_TRUNCATED_CHAR_FOUND;
    return result;
}

std::optional<SourceError> check_not_binary(std::string_view bytes) {
    const std::size_t nul = bytes.find('\0');
    if (nul == std::string_view::npos) return std::nullopt;
    const std::string_view prefix = bytes.substr(0, nul);
    std::string decoded = utf8::error_offset(prefix) == std::string_view::npos
                              ? std::string(prefix)
                              : icu_decode(cp932_converter, prefix, false).utf8;
    return error_after(decoded,
                       "this looks like a binary file, not a CSV/TSV text file (it contains a "
                       "NUL byte at {})");
}

DecodeResult decode_utf8(std::string_view bytes, bool known_valid) {
    DecodeResult result;
    result.encoding = Encoding::Utf8;
    if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
    const std::size_t bad = known_valid ? std::string_view::npos : utf8::error_offset(bytes);
    if (bad != std::string_view::npos) {
        result.error = error_after(
            bytes.substr(0, bad),
            fmt::format("the text at {{}} is not valid UTF-8 (byte {}); the file may be in "
                        "another encoding such as Shift_JIS (cp932)",
                        hex_bytes(bytes.substr(bad, 1))));
        return result;
    }
    result.text.assign(bytes);
    return result;
}

DecodeResult decode_cp932(std::string_view bytes) {
    DecodeResult result;
    result.encoding = Encoding::Cp932;
    // Old DOS tools end text files with Ctrl-Z, which the IBM table would turn into U+001C.
    if (bytes.ends_with('\x1A')) bytes.remove_suffix(1);
    IcuDecoded decoded = icu_decode(cp932_converter, bytes, true);
    if (!decoded.ok) {
        const std::string_view bad = bytes.substr(decoded.bad_offset, decoded.bad_length);
        result.error = error_after(
            decoded.utf8,
            decoded.truncated
                ? std::string("the text ends in the middle of a Shift_JIS (CP932) character "
                              "at {}")
                : fmt::format("the bytes {} at {{}} cannot be read as Shift_JIS (CP932); the "
                              "file may be damaged or in another encoding",
                              hex_bytes(bad.empty() ? bytes.substr(decoded.bad_offset, 1) : bad)));
        return result;
    }
    result.text = std::move(decoded.utf8);
    return result;
}

DecodeResult decode_utf16(std::string_view bytes) {
    DecodeResult result;
    result.encoding = Encoding::Utf16;
    bool big_endian = false;
    if (bytes.starts_with("\xFF\xFE")) {
        bytes.remove_prefix(2);
    } else if (bytes.starts_with("\xFE\xFF")) {
        big_endian = true;
        bytes.remove_prefix(2);
    } else {
        // Without a BOM, text starting with an ASCII character shows its zero byte first in
        // big-endian order; Windows writes little-endian, so that is the default.
        big_endian = bytes.size() >= 2 && bytes[0] == '\0' && bytes[1] != '\0';
    }
    IcuDecoded decoded = icu_decode(big_endian ? "UTF-16BE" : "UTF-16LE", bytes, true);
    if (!decoded.ok) {
        result.error = error_after(
            decoded.utf8, decoded.truncated
                              ? "the text ends in the middle of a UTF-16 character at {}"
                              : "the text at {} is not valid UTF-16 (an unpaired surrogate)");
        return result;
    }
    result.text = std::move(decoded.utf8);
    return result;
}

}  // namespace

std::optional<Encoding> parse_encoding(std::string_view name) {
    std::string key;
    for (char c : name) {
        if (c == '-' || c == '_' || c == ' ') continue;
        key += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    if (key == "auto") return Encoding::Auto;
    if (key == "utf8" || key == "utf8bom") return Encoding::Utf8;
    if (key == "utf16" || key == "utf16le" || key == "utf16be" || key == "unicode") {
        return Encoding::Utf16;
    }
    if (key == "cp932" || key == "shiftjis" || key == "sjis" || key == "windows31j" ||
        key == "ms932" || key == "mskanji" || key == "xsjis") {
        return Encoding::Cp932;
    }
    return std::nullopt;
}

std::string_view encoding_name(Encoding encoding) {
    switch (encoding) {
        case Encoding::Auto:
            return "auto";
        case Encoding::Utf8:
            return "utf-8";
        case Encoding::Utf16:
            return "utf-16";
        case Encoding::Cp932:
            return "cp932";
    }
    return "auto";
}

DecodeResult decode_to_utf8(std::string_view bytes, Encoding requested) {
    if (bytes.empty()) {
        DecodeResult result;
        result.encoding = requested;
        result.error = SourceError{"the file is empty", 1, 1};
        return result;
    }
    if (requested == Encoding::Auto) {
        if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
            requested = Encoding::Utf16;
        } else if (bytes.starts_with("\xEF\xBB\xBF")) {
            requested = Encoding::Utf8;
        }
    }
    if (requested == Encoding::Utf16) return decode_utf16(bytes);
    if (auto binary = check_not_binary(bytes)) {
        DecodeResult result;
        result.encoding = requested;
        result.error = std::move(binary);
        return result;
    }
    if (requested == Encoding::Auto) {
        if (utf8::is_valid(bytes)) return decode_utf8(bytes, true);
        return decode_cp932(bytes);
    }
    return requested == Encoding::Utf8 ? decode_utf8(bytes, false) : decode_cp932(bytes);
}

Result<std::string> encode_from_utf8(std::string_view utf8, Encoding target) {
    const std::size_t bad = utf8::error_offset(utf8);
    if (bad != std::string_view::npos) {
        return error_after(utf8.substr(0, bad), "the text at {} is not valid UTF-8");
    }
    if (target == Encoding::Auto || target == Encoding::Utf8) return std::string(utf8);
    if (utf8.size() > static_cast<std::size_t>(INT32_MAX / 2))
        return SourceError{"the text is too long"};

    std::u16string units(utf8.size() + 1, u'\0');
    int32_t length = 0;
    UErrorCode status = U_ZERO_ERROR;
    u_strFromUTF8(reinterpret_cast<UChar*>(units.data()), static_cast<int32_t>(units.size()),
                  &length, utf8.data(), static_cast<int32_t>(utf8.size()), &status);
    if (U_FAILURE(status)) return SourceError{"the text is not valid UTF-8"};
    units.resize(static_cast<std::size_t>(length));

    if (target == Encoding::Utf16) {
        std::string out("\xFF\xFE");
        out.reserve(2 + units.size() * 2);
        for (char16_t unit : units) {
            out += static_cast<char>(unit & 0xFF);
            out += static_cast<char>(unit >> 8);
        }
        return out;
    }

    Converter converter = open_converter(cp932_converter, true);
    if (!converter) return SourceError{"the Shift_JIS (CP932) converter is not available"};
    std::string out(units.size() * 2 + 16, '\0');
    char* out_begin = out.data();
    char* out_target = out_begin;
    const UChar* source = reinterpret_cast<const UChar*>(units.data());
    const UChar* const source_begin = source;
    ucnv_fromUnicode(converter.get(), &out_target, out_begin + out.size(), &source,
                     source_begin + units.size(), nullptr, true, &status);
    if (U_FAILURE(status)) {
        UChar invalid[8];
        int8_t invalid_length = 8;
        UErrorCode invalid_status = U_ZERO_ERROR;
        ucnv_getInvalidUChars(converter.get(), invalid, &invalid_length, &invalid_status);
        if (U_FAILURE(invalid_status)) invalid_length = 0;
        auto offset = static_cast<std::size_t>(source - source_begin);
        offset -= std::min(offset, static_cast<std::size_t>(invalid_length));
        char32_t c = 0xFFFD;
        if (offset < units.size()) {
            U16_GET(units.data(), 0, offset, units.size(), c);
        }
        std::string character;
        utf8::append(character, c);
        const std::string prefix = utf16_to_utf8(units.substr(0, offset));
        return error_after(prefix, fmt::format("the character \"{}\" (U+{:04X}) at {{}} has no "
                                               "Shift_JIS (CP932) equivalent; export as UTF-8 or "
                                               "replace it",
                                               character, static_cast<std::uint32_t>(c)));
    }
    out.resize(static_cast<std::size_t>(out_target - out_begin));
    return out;
}

}  // namespace uketsuke
