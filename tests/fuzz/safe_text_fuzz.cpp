// utf8::safe_text on arbitrary bytes: never crashes or reads out of bounds, and what it makes is
// well-formed UTF-8 without NUL that it leaves as it is (a row pushed to the hub and pulled back
// is the same row); shown text also has no control characters. nlohmann::json dumps it without
// throwing, which is what the kiosk's events log needs.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "kiosk/core/model/utf8.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace uketsuke::utf8;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const std::string stored = safe_text(bytes);
    if (!is_valid(stored) || stored.find('\0') != std::string::npos) __builtin_trap();
    if (safe_text(stored) != stored) __builtin_trap();
    if (is_valid(bytes) && bytes.find('\0') == std::string_view::npos && stored != bytes)
        __builtin_trap();

    const std::string shown = safe_text(bytes, Controls::Remove);
    if (!is_valid(shown)) __builtin_trap();
    for (std::size_t at = 0; at < shown.size();) {
        const char32_t c = next(shown, at);
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) ||
            (c >= 0x2066 && c <= 0x2069))
            __builtin_trap();
    }
    if (safe_text(shown, Controls::Remove) != shown) __builtin_trap();

    (void)nlohmann::json(stored).dump();  // throws (and so aborts the fuzzer) on bad UTF-8
    return 0;
}
