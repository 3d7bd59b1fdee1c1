#pragma once
// A participant holds a ticket in front of the camera for a second or two: ZXing reads it on
// every frame. The Debouncer turns that stream into one scan per presentation.

#include <chrono>
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

}  // namespace uketsuke::platform
