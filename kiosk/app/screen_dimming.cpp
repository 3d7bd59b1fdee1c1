#include "kiosk/app/screen_dimming.hpp"

#include <imgui.h>

#include <algorithm>

namespace uketsuke::app {
namespace {
// Fade steps are drawn this often: smooth enough for a slow fade, and only during the second
// it lasts (the loop otherwise sleeps).
constexpr std::chrono::milliseconds kFadeStep{50};
}  // namespace

ScreenDimming::ScreenDimming(double dim_after_seconds, Clock::time_point now)
    : last_activity_(now) {
    if (dim_after_seconds > 0)
        after_ = std::chrono::duration_cast<Clock::duration>(
            std::chrono::duration<double>(dim_after_seconds));
}

bool ScreenDimming::update(Clock::time_point now, bool idle_screen, bool activity) {
    if (!after_) return false;
    if (!idle_screen || activity) last_activity_ = now;
    const auto idle = now - last_activity_;
    float target = 0;
    if (idle >= *after_) {
        const auto fading =
            std::chrono::duration<float>(idle - *after_) / std::chrono::duration<float>(kFade);
        target = kDimmedOpacity * std::min(1.0f, fading);
    }
    const bool changed = target != opacity_;
    opacity_ = target;
    return changed;
}

std::optional<ScreenDimming::Clock::time_point> ScreenDimming::next_change(
    Clock::time_point now) const {
    if (!after_ || opacity_ >= kDimmedOpacity) return std::nullopt;
    const auto starts = last_activity_ + *after_;
    return starts > now ? starts : now + kFadeStep;
}

void draw_dimming(float opacity) {
    if (opacity <= 0) return;
    const ImGuiIO& io = ImGui::GetIO();
    const auto alpha = static_cast<int>(std::clamp(opacity, 0.0f, 1.0f) * 255.0f + 0.5f);
    ImGui::GetForegroundDrawList()->AddRectFilled(ImVec2(0, 0), io.DisplaySize,
                                                  IM_COL32(0, 0, 0, alpha));
}

}  // namespace uketsuke::app
