#include "kiosk/ui/screens/corner_hold.hpp"

#include <algorithm>

namespace uketsuke::ui {

std::optional<Corner> corner_at(float x, float y, float width, float height, float corner_share) {
    if (x < 0 || y < 0 || x > width || y > height) return std::nullopt;  // off the window
    const float side = std::min(width, height) * corner_share;
    const bool left = x < side;
    const bool right = x > width - side;
    const bool top = y < side;
    const bool bottom = y > height - side;
    if (top && left) return Corner::TopLeft;
    if (top && right) return Corner::TopRight;
    if (bottom && left) return Corner::BottomLeft;
    if (bottom && right) return Corner::BottomRight;
    return std::nullopt;
}

bool CornerHold::update(const Pointer& pointer, float width, float height, Clock::time_point now) {
    const bool pressed_now = pointer.down && !was_down_;
    was_down_ = pointer.down;
    if (!pointer.down) {
        press_.reset();
        return false;
    }
    const std::optional<Corner> corner =
        corner_at(pointer.x, pointer.y, width, height, options_.corner_share);
    if (pressed_now && corner) press_ = Press{*corner, now};
    if (!press_) return false;
    if (corner != press_->corner) {
        press_.reset();  // slid away: this press is given up until the finger lifts
        return false;
    }
    if (now - press_->since < options_.hold) return false;
    press_.reset();  // fired: the same press does not fire twice
    return true;
}

}  // namespace uketsuke::ui
