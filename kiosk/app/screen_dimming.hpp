#pragma once
// Dims the attract screen when nobody has been at the kiosk for display.dim_after_seconds
// (0, the default, never dims): a black veil fades in over a second and lifts at the first
// touch, key, code in view or screen change. Any other screen, and staff mode, is never
// dimmed. A veil, not the backlight: the kiosk's user may not write /sys/class/backlight,
// and the veil works on every screen and under Xvfb. The screen itself stays on
// (platform::keep_screen_on).

#include <chrono>
#include <optional>

namespace uketsuke::app {

class ScreenDimming {
public:
    using Clock = std::chrono::steady_clock;
    static constexpr float kDimmedOpacity = 0.65f;  // the attract screen at about a third
    static constexpr std::chrono::milliseconds kFade{1000};

    explicit ScreenDimming(double dim_after_seconds, Clock::time_point now = Clock::now());

    // Once a loop turn: `idle_screen` is true on the attract screen with staff mode closed,
    // `activity` when someone touched, typed or held up a code this turn. Returns true when
    // the veil changed and a frame must be drawn.
    bool update(Clock::time_point now, bool idle_screen, bool activity);
    // The veil's opacity, 0 (none) to kDimmedOpacity.
    [[nodiscard]] float opacity() const noexcept { return opacity_; }
    // When the veil changes next without any input (dimming starts, or the next fade step).
    [[nodiscard]] std::optional<Clock::time_point> next_change(Clock::time_point now) const;

private:
    std::optional<Clock::duration> after_;  // nullopt: never dims
    Clock::time_point last_activity_;
    float opacity_ = 0;
};

// Draws the veil over everything in the current ImGui frame; nothing when opacity is 0.
void draw_dimming(float opacity);

}  // namespace uketsuke::app
