#pragma once
// A participant holds a ticket in front of the camera for a second or two: ZXing reads it on
// every frame. The Debouncer turns that stream into one scan per presentation.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

namespace uketsuke::platform {

class Debouncer {
public:
    explicit Debouncer(std::chrono::milliseconds window = std::chrono::seconds(3))
        : window_(window) {}

    // `now` is any monotonic clock (the tests pass a fake one). True when `text` counts as a new
    // scan: it was not seen within the window. Every sighting restarts the window, so a code
    // held up for ten seconds is still one scan; it must be out of sight for the whole window
    // to count again.
    [[nodiscard]] bool accept(std::string_view text, std::chrono::milliseconds now);

    void clear() noexcept { last_seen_.clear(); }
    [[nodiscard]] std::chrono::milliseconds window() const noexcept { return window_; }

private:
    std::chrono::milliseconds window_;
    std::unordered_map<std::string, std::chrono::milliseconds> last_seen_;
};

// A read that came only from a retry or zbar (DecodedCode::needs_agreement) is handed out once a
// second, different frame within `window` read the same text, by any pass: imported platform
// numbers are not signed, so a misread would check in the wrong person. Plain reads pass at once
// and are remembered, so a plain read also confirms a later retry read.
class Agreement {
public:
    explicit Agreement(std::chrono::milliseconds window = std::chrono::seconds(1))
        : window_(window) {}

    [[nodiscard]] bool agree(std::string_view text, bool needs_agreement, std::uint64_t frame,
                             std::chrono::milliseconds now);

private:
    struct Sighting {
        std::uint64_t frame = 0;
        std::chrono::milliseconds at{0};
        bool other_frame = false;  // seen in two frames within the window
    };
    std::chrono::milliseconds window_;
    std::unordered_map<std::string, Sighting> seen_;
};

}  // namespace uketsuke::platform
