// Signing in to staff mode: the list of staff names and the PIN pad.

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "kiosk/core/model/local_time.hpp"
#include "kiosk/ui/views/staff_view_parts.hpp"
#include "kiosk/ui/views/widgets.hpp"

namespace uketsuke::ui::staff_view {

// ---- signing in -----------------------------------------------------------------------------

void choose_staff_page(Canvas& c, Box area) {
    const StaffState& s = c.state;
    float y = area.min.y;
    const float text_w = area.width() - c.pad * 2;
    if (s.unknown_staff) {
        y = centered_text(c.draw, c.body, c.text("staff.pin.unknown_staff"), area.center_x(), y,
                          text_w, kProblem);
    }
    if (s.staff.empty()) {
        y = centered_text(c.draw, c.body, c.text("staff.choose.none"), area.center_x(),
                          y + c.pad * 2, text_w, kInk);
        centered_text(c.draw, c.body, c.text("staff.choose.none_hint"), area.center_x(), y + c.pad,
                      text_w, kMuted);
        return;
    }
    y = centered_text(c.draw, c.body, c.text("staff.choose.prompt"), area.center_x(), y, text_w,
                      kMuted) +
        c.pad;
    const int count = static_cast<int>(s.staff.size());
    c.scrolling("staff", Box{ImVec2(area.min.x, y), area.max}, [&](ImVec2 origin, float width) {
        const Grid grid = Grid::fit(width, count, c.side * 0.4f, c.side * 0.6f,
                                    std::round(c.side * 0.12f), c.pad);
        for (int i = 0; i < count; ++i) {
            const StaffMember& member = s.staff[static_cast<std::size_t>(i)];
            if (c.button("staff." + std::to_string(i), member.name, grid.cell(origin, i))) {
                c.intent = ChooseStaffMember{member.id};
            }
        }
        return grid.height(count);
    });
}

namespace {

// What the PIN pad says under the dots: checking, wrong, locked, or how to go on.
void pin_status(Canvas& c, Box info, float y) {
    const StaffState& s = c.state;
    const std::int64_t now_ms = c.inputs.now.time_since_epoch().count();
    const float cx = info.center_x();
    const float text_w = info.width() - c.pad * 2;
    if (s.verifying) {
        y = centered_text(c.draw, c.body, c.text("staff.pin.verifying"), cx, y, text_w, kMuted);
    } else if (s.locked_until_ms > now_ms) {
        const std::int64_t seconds = (s.locked_until_ms - now_ms + 999) / 1000;
        // Past two minutes a clock time reads better than a count of seconds.
        const std::string line =
            seconds < 120
                ? c.format("staff.pin.locked", {{"seconds", std::to_string(seconds)}})
                : c.format("staff.pin.locked_until",
                           {{"time", local_hour_minute(s.locked_until_ms, c.inputs.time_zone)}});
        y = centered_text(c.draw, c.body, line, cx, y, text_w, kProblem);
    } else if (s.attempts_left > 0) {
        y = centered_text(c.draw, c.body,
                          c.format("staff.pin.wrong", {{"n", std::to_string(s.attempts_left)}}), cx,
                          y, text_w, kProblem);
    } else if (s.attempts_left == 0) {
        y = centered_text(c.draw, c.body, c.text("staff.pin.wrong_plain"), cx, y, text_w, kProblem);
    } else {
        y = centered_text(c.draw, c.body, c.text("staff.pin.hint"), cx, y, text_w, kMuted);
    }
    if (s.unknown_staff)
        centered_text(c.draw, c.body, c.text("staff.pin.unknown_staff"), cx, y, text_w, kProblem);
}

}  // namespace

void pin_page(Canvas& c, Box area) {
    const StaffState& s = c.state;
    Box info;
    Box keypad;
    Box back;
    const float back_w = std::min(area.width(), c.side * 0.32f);
    if (c.landscape) {
        const float split = area.min.x + area.width() * 0.5f;
        info = Box{area.min, ImVec2(split - c.pad, area.max.y)};
        const float keypad_w = std::min(area.max.x - split, area.height() * 1.1f);
        const float x = split + (area.max.x - split - keypad_w) / 2;
        keypad = Box{ImVec2(x, area.min.y), ImVec2(x + keypad_w, area.max.y)};
        back = Box{ImVec2(info.min.x, info.max.y - c.button_height),
                   ImVec2(info.min.x + back_w, info.max.y)};
        info.max.y = back.min.y - c.pad;
    } else {
        back = Box{ImVec2(area.min.x, area.max.y - c.button_height),
                   ImVec2(area.min.x + back_w, area.max.y)};
        const float keypad_h = std::min(c.side * 0.85f, area.height() * 0.55f);
        const float keypad_w = std::min(area.width(), keypad_h * 1.1f);
        const float x = area.min.x + (area.width() - keypad_w) / 2;
        keypad =
            Box{ImVec2(x, back.min.y - c.pad - keypad_h), ImVec2(x + keypad_w, back.min.y - c.pad)};
        info = Box{area.min, ImVec2(area.max.x, keypad.min.y - c.pad)};
    }

    // The title, the dots and two lines of status, in the middle of the space left for them.
    const std::string title = c.format("staff.pin.title", {{"name", s.candidate_name}});
    const float radius = c.side * 0.022f;
    const float block =
        wrapped_text(nullptr, c.large, title, ImVec2(0, 0), info.width() - c.pad * 2, kInk, 3) +
        c.pad * 2.5f + radius * 2 + line_height(c.body) * 2;
    float y = info.min.y + std::max(c.pad, (info.height() - block) / 2);
    y = centered_text(c.draw, c.large, title, info.center_x(), y, info.width() - c.pad * 2, kInk) +
        c.pad;
    // One dot per digit typed; four outlines at least, the shortest PIN there is.
    const int typed = static_cast<int>(code_point_count(s.pin_pad.text));
    const int slots = std::max(4, typed);
    const float spacing = radius * 3.2f;
    const float x0 = info.center_x() - static_cast<float>(slots - 1) * spacing / 2;
    for (int i = 0; i < slots; ++i) {
        const ImVec2 center(x0 + static_cast<float>(i) * spacing, y + radius);
        if (i < typed) {
            c.draw->AddCircleFilled(center, radius, kInk, 24);
        } else {
            c.draw->AddCircle(center, radius, kMuted, 24, 2.0f);
        }
    }
    pin_status(c, info, y + radius * 2 + c.pad * 1.5f);

    if (c.button("back", c.text("staff.back"), back)) c.intent = GoTo{StaffPage::ChooseStaff};
    c.keyboard(s.pin_pad, keypad, c.text("staff.pin.submit"));
}

}  // namespace uketsuke::ui::staff_view
