#pragma once
// USB barcode scanners in keyboard mode ("keyboard wedge"): they type the code and press Enter.
//
// - KeyDecoder turns evdev key events (linux/input.h) into text with a US layout, the layout
//   these scanners default to. Our ticket alphabet (0-9 A-Z $ % - . / :) types the same on US
//   and JIS keyboards, so a JIS-configured scanner still reads our tickets.
// - read_scanner_codes reads input_event records from any file descriptor (a device or, in the
//   tests, a pipe) through a KeyDecoder.
// - EvdevScanner opens /dev/input/eventN with an exclusive grab (EVIOCGRAB), so the scanner's
//   keystrokes never reach the UI, and publishes ScanEvents from its own thread.
// - BurstDetector is the fallback when there is no evdev access: fed with the app's own text
//   input, it tells a scanner's burst (fast keys ending in Enter) from a person typing.

#include <linux/input.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "platform/file_descriptor.hpp"
#include "platform/scan_event.hpp"

namespace uketsuke::platform {

// The character a key types on a US layout, or 0 for keys that type nothing (Shift, F1, ...).
[[nodiscard]] char us_layout_character(unsigned key_code, bool shift) noexcept;

class KeyDecoder {
public:
    // Longer input is cut here: it is not a code of ours, and the cap bounds memory.
    static constexpr std::size_t max_code_bytes = 4096;

    // Returns the text typed so far when this event is a press of Enter (main or keypad) and
    // something was typed; nullopt otherwise. Key repeats are ignored.
    [[nodiscard]] std::optional<std::string> feed(const input_event& event);
    void reset() noexcept;

private:
    std::string pending_;
    bool left_shift_ = false, right_shift_ = false, caps_lock_ = false;
};

enum class ReadEnd {
    Stopped,    // stop_fd became readable
    EndOfFile,  // the writer closed (a pipe in the tests)
    Failed,     // a read error; ENODEV when the device was unplugged. `error` says which.
};

// Three ways to end, one of them a failure: not a Result, which has only two.
struct ReadOutcome {
    ReadEnd end = ReadEnd::EndOfFile;
    std::string error;  // empty unless end is Failed
};

// Reads records until one of the ends above, calling on_code for every completed code.
// Handles records split across reads. stop_fd < 0 means no stop signal.
[[nodiscard]] ReadOutcome read_scanner_codes(int fd, int stop_fd, KeyDecoder& decoder,
                                             const std::function<void(std::string code)>& on_code);

struct EvdevScannerOptions {
    std::string device;  // /dev/input/eventN, or a /dev/input/by-id/...-event-kbd link
    bool grab = true;    // exclusive: the desktop and the app see none of its keys
    std::chrono::milliseconds reopen_first{500};
    std::chrono::milliseconds reopen_max{5000};
    std::function<void()> wake;  // called from the reading thread on every scan and status change
};

// Opens the device and reads it on its own thread; when it fails (not there, no permission,
// unplugged) error() says why and it retries with backoff. Never throws for device trouble.
class EvdevScanner {
public:
    explicit EvdevScanner(EvdevScannerOptions options);
    ~EvdevScanner();
    EvdevScanner(const EvdevScanner&) = delete;
    EvdevScanner& operator=(const EvdevScanner&) = delete;

    void stop() noexcept;  // joins; releases the grab. Idempotent.

    [[nodiscard]] std::vector<ScanEvent> take_scans() { return scans_.take_all(); }
    [[nodiscard]] bool is_reading() const;    // open (and grabbed) right now
    [[nodiscard]] std::string error() const;  // the last failure; empty while reading

private:
    void run();
    void set_state(bool reading, std::string error);
    void wake() const;

    EvdevScannerOptions options_;
    ScanQueue scans_;
    FileDescriptor stop_event_;  // eventfd: written by stop() to interrupt poll()
    mutable std::mutex mutex_;
    bool reading_ = false;
    std::string error_;
    std::thread thread_;
};

struct BurstOptions {
    std::size_t min_characters = 6;
    std::chrono::milliseconds max_gap{50};  // between keys, and from the last key to Enter
};

// Pure: times are passed in (any monotonic milliseconds).
class BurstDetector {
public:
    explicit BurstDetector(BurstOptions options = {}) : options_(options) {}

    // One typed character (a UTF-8 sequence, as text input delivers it).
    void character(std::string_view utf8, std::int64_t time_ms);
    // Enter: the burst's text if the keys since the last slow gap make one, else nullopt.
    // Either way a new run starts.
    [[nodiscard]] std::optional<std::string> enter(std::int64_t time_ms);
    // True while the current run could still turn into a scan (fast so far).
    [[nodiscard]] bool in_burst(std::int64_t time_ms) const noexcept;
    void reset() noexcept;

private:
    BurstOptions options_;
    std::string run_;
    std::size_t run_characters_ = 0;
    std::int64_t last_key_ms_ = 0;
};

}  // namespace uketsuke::platform
