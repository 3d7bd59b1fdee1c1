#pragma once
// What the scanners hand to the app: one scanned text, how it was read and when. Scanners run
// on their own threads and push into a ScanQueue; the app's loop drains it.

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace uketsuke::platform {

// Where a scanned text came from. The app maps it onto the check-in's method; platform knows
// nothing of check-ins.
enum class ScanSource {
    Camera,         // decoded from a camera or file frame
    Scanner,        // a barcode scanner read through evdev (or a tap script standing in for one)
    KeyboardBurst,  // a scanner's fast keystrokes through the app's own text input
};

struct ScanEvent {
    std::string text;
    ScanSource source = ScanSource::Camera;
    std::int64_t wall_ms = 0;    // Unix milliseconds when it was read
    std::int64_t steady_ms = 0;  // steady clock, for latency and ordering
    // Camera only: frame captured -> text decoded (wait for the decoder plus the decode itself).
    std::chrono::microseconds decode_latency{0};
    std::chrono::microseconds decode_time{0};  // the decode call alone
};

[[nodiscard]] std::int64_t wall_now_ms() noexcept;

// Many producers, one consumer. push() calls `wake` (outside the lock) so the consumer can
// sleep until there is something to take.
class ScanQueue {
public:
    explicit ScanQueue(std::function<void()> wake = {}) : wake_(std::move(wake)) {}

    void push(ScanEvent event) {
        {
            std::lock_guard lock(mutex_);
            events_.push_back(std::move(event));
        }
        if (wake_) wake_();
    }

    [[nodiscard]] std::vector<ScanEvent> take_all() {
        std::lock_guard lock(mutex_);
        return std::exchange(events_, {});
    }

private:
    std::function<void()> wake_;
    std::mutex mutex_;
    std::vector<ScanEvent> events_;
};

}  // namespace uketsuke::platform
