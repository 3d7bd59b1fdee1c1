#pragma once
// The few drawing pieces every kiosk screen shares: colours, wrapped centred text, a touch
// button and a picture fitted into a box. Screens are laid out in fractions of the display's
// shorter side (`side`), so they read the same on any resolution and orientation.

#include <imgui.h>

#include <string>
#include <string_view>
#include <vector>

#include "kiosk/ui/views/view.hpp"

namespace uketsuke::ui {

inline constexpr ImU32 kInk = IM_COL32(24, 24, 24, 255);
inline constexpr ImU32 kMuted = IM_COL32(96, 96, 96, 255);
inline constexpr ImU32 kProblem = IM_COL32(176, 42, 30, 255);
inline constexpr ImU32 kProblemBack = IM_COL32(253, 236, 234, 255);
inline constexpr ImU32 kWelcomeBack = IM_COL32(233, 246, 239, 255);
// "Already checked in": blue where a first welcome is green, heading and background.
inline constexpr ImU32 kAlready = IM_COL32(21, 84, 168, 255);
inline constexpr ImU32 kAlreadyBack = IM_COL32(226, 236, 251, 255);
inline constexpr ImU32 kNotice = IM_COL32(160, 82, 0, 255);
inline constexpr ImU32 kPaper = IM_COL32(255, 255, 255, 255);

// A rectangle on the screen.
struct Box {
    ImVec2 min;
    ImVec2 max;
    [[nodiscard]] float width() const { return max.x - min.x; }
    [[nodiscard]] float height() const { return max.y - min.y; }
    [[nodiscard]] ImVec2 size() const { return {width(), height()}; }
    [[nodiscard]] float center_x() const { return (min.x + max.x) / 2; }
};

// Every text of a frame as drawn: where it went and the box it had to stay inside, so a layout
// test can check that nothing is clipped, leaves its box or lies on another text.
struct DrawnText {
    std::string text;
    Box rect;
    Box bounds;
};
using DrawnTexts = std::vector<DrawnText>;

float text_width(ImFont* font, std::string_view text);
// One line cut with "..." to `max_width`, so a long name never runs into the next column.
void fitted_text(ImDrawList* draw, ImFont* font, ImVec2 at, ImU32 colour, std::string_view text,
                 float max_width);
// Touch screens have no wheel: call inside a scrolling child window over `box`, and a finger's
// drag that began in the box scrolls it.
void scroll_by_drag(const Box& box);
// A scrolling list shows whole rows. The height of as many whole rows as fit in `height`, rows
// `step` apart of which the last needs `step - gap` (all of `height` when not even one fits),
// and where a scroll position settles once the finger is lifted (the nearest row's edge).
float whole_rows_height(float height, float step, float gap = 0);
float settled_scroll(float scroll, float step);

// Centered text that wraps at `width`, drawn at y; returns the y below it.
float centered_text(ImDrawList* draw, ImFont* font, const std::string& text, float center_x,
                    float y, float width, ImU32 colour);
// The same at `size` pixels (the font scaled), noting each line in `noted` (if not null) with
// `bounds`. With `draw` null it only measures.
float centered_text(ImDrawList* draw, ImFont* font, float size, const std::string& text,
                    float center_x, float y, float width, ImU32 colour, DrawnTexts* noted,
                    const Box& bounds);

// Every touch button of the frame being drawn (or just drawn): its label and where it is, so a
// scripted finger can find "検索" without knowing the layout (tap scripts, end-to-end tests).
struct DrawnButton {
    std::string label;
    ImVec2 min;
    ImVec2 max;
    std::string id;  // the ImGui id given to the button ("result.0"): scripts may use either
};

// The drawn buttons of one ImGui context's frames. Whoever draws owns one (the app, a test) and
// hands it to the views; the first note of a new frame forgets the previous frame's buttons.
class DrawnButtons {
public:
    void note(const std::string& label, ImVec2 min, ImVec2 max, const std::string& id);
    // The buttons of the frame being drawn or just drawn; none once another frame has begun
    // without any, or with no ImGui context.
    [[nodiscard]] std::vector<DrawnButton> buttons() const;

private:
    int frame_ = -1;
    std::vector<DrawnButton> buttons_;
};

// A touch button drawn with ImGui so it is a real, testable control. `id` must be unique
// within the window (push an ID around loops). Noted in `drawn` unless that is null.
bool touch_button(const char* id, const std::string& label, ImVec2 at, ImVec2 size, ImFont* font,
                  ImU32 fill, ImU32 ink, DrawnButtons* drawn);

// Fits `picture` into the box, centred; reports where it went.
void draw_picture(ImDrawList* draw, const Picture& picture, ImVec2 at, ImVec2 box,
                  ImVec2* drawn_at = nullptr, ImVec2* drawn_size = nullptr);

}  // namespace uketsuke::ui
