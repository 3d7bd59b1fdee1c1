#pragma once
// The long press on a screen corner that opens staff mode, as plain data: the app feeds it the
// pointer (touch or mouse) every frame it draws and is told when a press completed. No window,
// no ImGui: tests drive it with made-up pointers and times.
//
// A press counts when it begins in a corner square and stays pressed in that same corner for
// the whole hold; sliding out of the corner or lifting the finger gives up. A completed press
// fires once: holding on keeps it from firing again until the finger is lifted.

#include <chrono>
#include <optional>

namespace uketsuke::ui {

enum class Corner { TopLeft, TopRight, BottomLeft, BottomRight };

struct Pointer {
    float x = 0;  // pixels from the window's left edge
    float y = 0;  // pixels from the window's top edge
    bool down = false;
};

struct CornerHoldOptions {
    // How long the finger must stay (staff.long_press_seconds).
    std::chrono::milliseconds hold{2000};
    // The corner squares' side, as a share of the window's shorter side: big enough for a
    // thumb on a 10" touchscreen, small enough that nobody rests a hand there by accident.
    float corner_share = 0.12f;
};

// Which corner square (x, y) is in, on a window of width × height; none outside them.
std::optional<Corner> corner_at(float x, float y, float width, float height, float corner_share);

class CornerHold {
public:
    using Clock = std::chrono::steady_clock;  // a hold is a duration: immune to clock changes

    explicit CornerHold(CornerHoldOptions options = {}) : options_(options) {}

    // The pointer as one frame saw it on a window of width × height. True on the frame the
    // hold completes.
    bool update(const Pointer& pointer, float width, float height, Clock::time_point now);
    // The corner of a press being held there, if any.
    std::optional<Corner> holding() const {
        return press_ ? std::optional(press_->corner) : std::nullopt;
    }

private:
    struct Press {
        Corner corner;
        Clock::time_point since;
    };

    CornerHoldOptions options_;
    bool was_down_ = false;
    std::optional<Press> press_;  // a press in a corner that has not completed or given up
};

}  // namespace uketsuke::ui
