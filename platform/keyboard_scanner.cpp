#include "platform/keyboard_scanner.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>

#include "platform/frame.hpp"

namespace uketsuke::platform {

char us_layout_character(unsigned key_code, bool shift) noexcept {
    struct Key {
        unsigned code;
        char plain, shifted;
    };
    static constexpr Key keys[] = {
        {KEY_1, '1', '!'},
        {KEY_2, '2', '@'},
        {KEY_3, '3', '#'},
        {KEY_4, '4', '$'},
        {KEY_5, '5', '%'},
        {KEY_6, '6', '^'},
        {KEY_7, '7', '&'},
        {KEY_8, '8', '*'},
        {KEY_9, '9', '('},
        {KEY_0, '0', ')'},
        {KEY_MINUS, '-', '_'},
        {KEY_EQUAL, '=', '+'},
        {KEY_LEFTBRACE, '[', '{'},
        {KEY_RIGHTBRACE, ']', '}'},
        {KEY_SEMICOLON, ';', ':'},
        {KEY_APOSTROPHE, '\'', '"'},
        {KEY_GRAVE, '`', '~'},
        {KEY_BACKSLASH, '\\', '|'},
        {KEY_COMMA, ',', '<'},
        {KEY_DOT, '.', '>'},
        {KEY_SLASH, '/', '?'},
        {KEY_SPACE, ' ', ' '},
        {KEY_Q, 'q', 'Q'},
        {KEY_W, 'w', 'W'},
        {KEY_E, 'e', 'E'},
        {KEY_R, 'r', 'R'},
        {KEY_T, 't', 'T'},
        {KEY_Y, 'y', 'Y'},
        {KEY_U, 'u', 'U'},
        {KEY_I, 'i', 'I'},
        {KEY_O, 'o', 'O'},
        {KEY_P, 'p', 'P'},
        {KEY_A, 'a', 'A'},
        {KEY_S, 's', 'S'},
        {KEY_D, 'd', 'D'},
        {KEY_F, 'f', 'F'},
        {KEY_G, 'g', 'G'},
        {KEY_H, 'h', 'H'},
        {KEY_J, 'j', 'J'},
        {KEY_K, 'k', 'K'},
        {KEY_L, 'l', 'L'},
        {KEY_Z, 'z', 'Z'},
        {KEY_X, 'x', 'X'},
        {KEY_C, 'c', 'C'},
        {KEY_V, 'v', 'V'},
        {KEY_B, 'b', 'B'},
        {KEY_N, 'n', 'N'},
        {KEY_M, 'm', 'M'},
        // Keypad: the same character with or without Shift (NumLock assumed on, as scanners do).
        {KEY_KP0, '0', '0'},
        {KEY_KP1, '1', '1'},
        {KEY_KP2, '2', '2'},
        {KEY_KP3, '3', '3'},
        {KEY_KP4, '4', '4'},
        {KEY_KP5, '5', '5'},
        {KEY_KP6, '6', '6'},
        {KEY_KP7, '7', '7'},
        {KEY_KP8, '8', '8'},
        {KEY_KP9, '9', '9'},
        {KEY_KPMINUS, '-', '-'},
        {KEY_KPPLUS, '+', '+'},
        {KEY_KPASTERISK, '*', '*'},
        {KEY_KPDOT, '.', '.'},
        {KEY_KPSLASH, '/', '/'},
    };
    for (const Key& key : keys) {
        if (key.code == key_code) return shift ? key.shifted : key.plain;
    }
    return 0;
}

std::optional<std::string> KeyDecoder::feed(const input_event& event) {
    if (event.type != EV_KEY) return std::nullopt;
    const bool pressed = event.value == 1;  // 0 release, 2 auto-repeat
    switch (event.code) {
        case KEY_LEFTSHIFT:
            left_shift_ = event.value != 0;
            return std::nullopt;
        case KEY_RIGHTSHIFT:
            right_shift_ = event.value != 0;
            return std::nullopt;
        case KEY_CAPSLOCK:
            if (pressed) caps_lock_ = !caps_lock_;
            return std::nullopt;
        case KEY_ENTER:
        case KEY_KPENTER:
            if (!pressed || pending_.empty()) return std::nullopt;
            return std::exchange(pending_, {});
        default:
            break;
    }
    if (!pressed) return std::nullopt;
    char typed = us_layout_character(event.code, left_shift_ || right_shift_);
    if (typed == 0) return std::nullopt;
    if (caps_lock_ && std::isalpha(static_cast<unsigned char>(typed))) {
        typed = static_cast<char>(std::isupper(static_cast<unsigned char>(typed))
                                      ? std::tolower(typed)
                                      : std::toupper(typed));
    }
    if (pending_.size() < max_code_bytes) pending_.push_back(typed);
    return std::nullopt;
}

void KeyDecoder::reset() noexcept {
    pending_.clear();
    left_shift_ = right_shift_ = caps_lock_ = false;
}

ReadOutcome read_scanner_codes(int fd, int stop_fd, KeyDecoder& decoder,
                               const std::function<void(std::string code)>& on_code) {
    // Whole records only reach the decoder; a read may end mid-record on a pipe.
    unsigned char buffer[64 * sizeof(input_event)];
    std::size_t held = 0;
    for (;;) {
        pollfd fds[2] = {{fd, POLLIN, 0}, {stop_fd, POLLIN, 0}};
        const int ready = ::poll(fds, stop_fd >= 0 ? 2 : 1, -1);
        if (ready < 0) {
            if (errno == EINTR) continue;
            return {ReadEnd::Failed, std::string("poll failed: ") + std::strerror(errno)};
        }
        if (stop_fd >= 0 && (fds[1].revents & POLLIN)) return {ReadEnd::Stopped, {}};
        if (fds[0].revents == 0) continue;
        const ssize_t count = ::read(fd, buffer + held, sizeof buffer - held);
        if (count < 0) {
            if (errno == EINTR || errno == EAGAIN) continue;
            return {ReadEnd::Failed, errno == ENODEV
                                         ? "the scanner was unplugged"
                                         : std::string("read failed: ") + std::strerror(errno)};
        }
        if (count == 0) return {ReadEnd::EndOfFile, {}};
        held += static_cast<std::size_t>(count);
        std::size_t used = 0;
        for (; held - used >= sizeof(input_event); used += sizeof(input_event)) {
            input_event event;
            std::memcpy(&event, buffer + used, sizeof event);
            if (auto code = decoder.feed(event)) on_code(std::move(*code));
        }
        std::memmove(buffer, buffer + used, held - used);
        held -= used;
    }
}

EvdevScanner::EvdevScanner(EvdevScannerOptions options)
    : options_(std::move(options)),
      scans_([this] { wake(); }),
      stop_event_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
    thread_ = std::thread([this] { run(); });
}

EvdevScanner::~EvdevScanner() { stop(); }

void EvdevScanner::stop() noexcept {
    if (stop_event_) {
        const std::uint64_t one = 1;
        [[maybe_unused]] const ssize_t written = ::write(stop_event_.get(), &one, sizeof one);
    }
    if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

bool EvdevScanner::is_reading() const {
    std::lock_guard lock(mutex_);
    return reading_;
}

std::string EvdevScanner::error() const {
    std::lock_guard lock(mutex_);
    return error_;
}

void EvdevScanner::set_state(bool reading, std::string error) {
    {
        std::lock_guard lock(mutex_);
        if (reading_ == reading && error_ == error) return;
        reading_ = reading;
        error_ = std::move(error);
    }
    wake();
}

void EvdevScanner::wake() const {
    if (!options_.wake) return;
    try {
        options_.wake();
    } catch (...) {
        // The app's callback failing must not end the reading thread.
    }
}

namespace {

// Releases the exclusive grab when it goes out of scope, before the descriptor closes.
class EvdevGrab {
public:
    EvdevGrab(int fd, bool grab) : fd_(fd), held_(grab && ::ioctl(fd, EVIOCGRAB, 1) == 0) {}
    ~EvdevGrab() {
        if (held_) ::ioctl(fd_, EVIOCGRAB, 0);
    }
    EvdevGrab(const EvdevGrab&) = delete;
    EvdevGrab& operator=(const EvdevGrab&) = delete;
    [[nodiscard]] bool held() const noexcept { return held_; }

private:
    int fd_;
    bool held_;
};

}  // namespace

void EvdevScanner::run() {
    if (!stop_event_) {
        set_state(false, std::string("cannot create an eventfd: ") + std::strerror(errno));
        return;
    }
    auto backoff = options_.reopen_first;
    for (;;) {
        std::string failure;
        {
            FileDescriptor device(
                ::open(options_.device.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
            if (!device) {
                failure = "cannot open scanner " + options_.device + ": " + std::strerror(errno);
            } else {
                const EvdevGrab grab(device.get(), options_.grab);
                if (options_.grab && !grab.held()) {
                    failure = "cannot grab scanner " + options_.device +
                              " (another program holds it?): " + std::strerror(errno);
                } else {
                    set_state(true, {});
                    backoff = options_.reopen_first;
                    KeyDecoder decoder;
                    const auto publish = [this](std::string code) {
                        ScanEvent event;
                        event.text = std::move(code);
                        event.source = ScanSource::Scanner;
                        event.wall_ms = wall_now_ms();
                        event.steady_ms = steady_now_ms();
                        scans_.push(std::move(event));
                    };
                    ReadOutcome read =
                        read_scanner_codes(device.get(), stop_event_.get(), decoder, publish);
                    if (read.end == ReadEnd::Stopped) return;
                    failure = read.end == ReadEnd::EndOfFile
                                  ? "scanner " + options_.device + " closed"
                                  : std::move(read.error);
                }
            }
        }
        set_state(false, failure + "; retrying in " + std::to_string(backoff.count()) + " ms");
        pollfd stop{stop_event_.get(), POLLIN, 0};
        if (::poll(&stop, 1, static_cast<int>(backoff.count())) > 0) return;
        backoff = std::min(backoff * 2, options_.reopen_max);
    }
}

void BurstDetector::character(std::string_view utf8, std::int64_t time_ms) {
    if (run_characters_ > 0 && time_ms - last_key_ms_ >= options_.max_gap.count()) reset();
    run_.append(utf8);
    // Count code points, not bytes: a continuation byte starts no character.
    run_characters_ += static_cast<std::size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
    last_key_ms_ = time_ms;
}

std::optional<std::string> BurstDetector::enter(std::int64_t time_ms) {
    std::optional<std::string> code;
    if (run_characters_ >= options_.min_characters &&
        time_ms - last_key_ms_ < options_.max_gap.count()) {
        code = std::move(run_);
    }
    reset();
    return code;
}

bool BurstDetector::in_burst(std::int64_t time_ms) const noexcept {
    return run_characters_ > 0 && time_ms - last_key_ms_ < options_.max_gap.count();
}

void BurstDetector::reset() noexcept {
    run_.clear();
    run_characters_ = 0;
}

}  // namespace uketsuke::platform
