#pragma once
// What the staff view's files share: the canvas a page draws on and the few controls the pages
// are made of (staff_view_parts.cpp). staff_view.cpp draws the frame, sign-in and search;
// staff_view_person.cpp a person's card; staff_view_pages.cpp the walk-in form, dashboard,
// rebalancing and settings. Private to the staff view.
//
// Sizes are fractions of the display's shorter side, as on the participant screens, so a page
// reads the same at 1280x720 and 720x1280; every touch target is at least 0.09 of it high
// (65 px on 720p). Lists that may not fit scroll under a finger, and a finger that scrolled
// a list has not tapped the row it started on.

#include <imgui.h>

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/ui/views/keyboard_view.hpp"
#include "kiosk/ui/views/staff_view.hpp"
#include "kiosk/ui/views/widgets.hpp"

namespace uketsuke::ui::staff_view {

inline constexpr ImU32 kPage = IM_COL32(243, 244, 246, 255);
inline constexpr ImU32 kRule = IM_COL32(208, 210, 214, 255);
inline constexpr ImU32 kHeld = IM_COL32(200, 200, 200, 255);
inline constexpr ImU32 kDisabledFill = IM_COL32(230, 230, 230, 255);
inline constexpr ImU32 kBlack = IM_COL32(0, 0, 0, 255);

enum class Look {
    Plain,     // white
    Primary,   // the accent: the one thing the page is for
    Selected,  // the current choice of several
    Danger,    // a confirmation that is about to take effect
    Disabled,  // drawn, still reported, but the state machine will refuse it
};

// Cells of equal size in rows, left to right.
struct Grid {
    int columns = 1;
    float cell_width = 0;
    float cell_height = 0;
    float gap = 0;

    // As many columns of at least `min_width` as fit (at most `count`), each at most `max_width`.
    static Grid fit(float width, int count, float min_width, float max_width, float cell_height,
                    float gap);
    [[nodiscard]] Box cell(ImVec2 origin, int index) const;
    [[nodiscard]] float height(int count) const;
};

float line_height(const ImFont* font);
// Left-aligned, wrapped at `width`, at most `max_lines` (the last cut with "..."); returns the
// y below. With a null `draw` it only measures.
float wrapped_text(ImDrawList* draw, ImFont* font, std::string_view text, ImVec2 at, float width,
                   ImU32 colour, int max_lines);
// A rounded label: "checked in", "cancelled".
void pill(ImDrawList* draw, ImFont* font, std::string_view text, ImVec2 right_center, float pad,
          ImU32 fill);
// The accent mixed with white, `keep` of the colour.
ImU32 wash(ImU32 colour, float keep);

class Canvas {
public:
    Canvas(const StaffState& state, const StaffViewInputs& inputs);

    const StaffState& state;
    const StaffViewInputs& inputs;
    ImDrawList* draw = nullptr;  // of the window (or scrolling list) being drawn
    ImFont* small = nullptr;
    ImFont* body = nullptr;
    ImFont* large = nullptr;
    ImU32 accent = 0;
    float width = 0;
    float height = 0;
    float side = 0;
    float pad = 0;
    float gap = 0;
    float button_height = 0;
    bool landscape = true;
    std::optional<StaffIntent> intent;

    [[nodiscard]] std::string text(std::string_view key) const;
    [[nodiscard]] std::string format(std::string_view key, FormatArgs args) const;
    // The translation when the tables have `key`, else `fallback` as it is (data from the core).
    [[nodiscard]] std::string text_or(std::string_view key, std::string_view fallback) const;
    [[nodiscard]] std::string separator() const { return text("staff.separator"); }

    // `font` null: the body font, or the small one when the label would not fit.
    bool button(const std::string& id, const std::string& label, Box box, Look look = Look::Plain,
                ImFont* font = nullptr);
    [[nodiscard]] bool fits(ImFont* font, const std::string& label, float width) const {
        return text_width(font, label) <= width - pad * 1.5f;
    }
    // A tappable card the caller draws on (a result row, a form field).
    bool tap_area(const std::string& id, Box box);
    void region(const std::string& id, Box box);
    // Draws the keyboard and turns a key into KeyTapped.
    void keyboard(const KeyboardState& keyboard, Box box, const std::string& done_label = {});
    // A box of text with a caret at the end, scrolled so the end shows; `label` (small, on top)
    // and `placeholder` (muted, while empty) may be "".
    void text_field(Box box, const std::string& label, const std::string& value,
                    const std::string& placeholder, bool focused);
    void centered_note(Box area, const std::string& text, ImU32 colour);
    void loading(Box area) { centered_note(area, text("staff.loading"), kMuted); }

    // A child window over `box` that scrolls by wheel or by a finger's drag. `draw_content`
    // gets the top-left of the content and its width, draws, and returns the content height.
    // Content of rows `row_step` apart (`row_gap` of it between rows) shows whole rows: the box
    // is cut to whole rows and the list settles on a row's edge once the finger is lifted.
    template <typename DrawContent>
    void scrolling(const char* id, Box box, DrawContent draw_content, float row_step = 0,
                   float row_gap = 0);

private:
    void record(const std::string& id, Box box, bool region);
    [[nodiscard]] bool dragged() const;

    std::string list_;
    Box list_box_;
};

// A page sharing its area with a keyboard: side by side in landscape (the content gets
// `content_share` of the width), the keyboard below in portrait (`keys_share` of the height, at
// most three quarters of the short side).
struct KeyboardSplit {
    Box content;
    Box keys;
};
KeyboardSplit split_for_keyboard(const Canvas& c, Box area, float content_share, float keys_share);

template <typename DrawContent>
void Canvas::scrolling(const char* id, Box box, DrawContent draw_content, float row_step,
                       float row_gap) {
    if (box.width() < 1 || box.height() < 1) return;
    if (row_step > 0) box.max.y = box.min.y + whole_rows_height(box.height(), row_step, row_gap);
    record(std::string("list.") + id, box, true);
    ImGui::SetCursorScreenPos(box.min);
    if (ImGui::BeginChild(id, box.size(), false, ImGuiWindowFlags_NoNav)) {
        scroll_by_drag(box);
        if (row_step > 0 && !ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
            ImGui::SetScrollY(settled_scroll(ImGui::GetScrollY(), row_step));
        }
        ImDrawList* const outer = draw;
        draw = ImGui::GetWindowDrawList();
        list_ = id;
        list_box_ = box;
        const ImVec2 origin = ImGui::GetCursorScreenPos();
        const float content_width = ImGui::GetContentRegionAvail().x;
        const float content_height = draw_content(origin, content_width);
        ImGui::SetCursorScreenPos(origin);
        ImGui::Dummy(ImVec2(std::max(1.0f, content_width), std::max(1.0f, content_height)));
        list_.clear();
        draw = outer;
    }
    ImGui::EndChild();
}

void choose_staff_page(Canvas& c, Box area);
void pin_page(Canvas& c, Box area);
void search_page(Canvas& c, Box area);
void person_page(Canvas& c, Box area);
void walk_in_page(Canvas& c, Box area);
void dashboard_page(Canvas& c, Box area);
void rebalance_page(Canvas& c, Box area);
void settings_page(Canvas& c, Box area);

}  // namespace uketsuke::ui::staff_view
