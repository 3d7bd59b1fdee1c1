// Staff mode's frame (top bar, tabs, message line), the sign-in pages and search; the other
// pages are in staff_view_person.cpp and staff_view_pages.cpp.

#include "kiosk/ui/views/staff_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "kiosk/core/model/local_time.hpp"
#include "kiosk/ui/views/staff_view_parts.hpp"
#include "kiosk/ui/views/widgets.hpp"

namespace uketsuke::ui {
namespace staff_view {
namespace {

// ---- the frame: top bar, tabs, message line -------------------------------------------------

std::string_view role_key(StaffRole role) {
    return role == StaffRole::Supervisor ? "staff.role.supervisor" : "staff.role.door";
}

std::string hub_line(const Canvas& c) {
    const HubLine& hub = c.inputs.hub;
    if (hub.hub.empty()) return {};
    std::string line = c.text(hub.connected ? "staff.hub.connected" : "staff.hub.offline");
    if (!hub.last_sync.empty())
        line += c.separator() + c.format("staff.hub.last_sync", {{"time", hub.last_sync}});
    if (hub.waiting > 0) {
        line += c.separator() + c.format("staff.hub.waiting", {{"n", group_digits(hub.waiting)}});
    }
    if (!hub.error.empty()) line += c.separator() + hub.error;
    return line;
}

float top_bar(Canvas& c) {
    const StaffState& s = c.state;
    const float bar = std::round(c.side * 0.12f);
    c.draw->AddRectFilled(ImVec2(0, 0), ImVec2(c.width, bar), c.accent);
    const std::string close = c.text("common.close");
    const float close_w = std::max(c.side * 0.2f, text_width(c.body, close) + c.pad * 2);
    const float close_h = std::round(bar * 0.8f);
    const Box close_box{ImVec2(c.width - c.pad - close_w, (bar - close_h) / 2),
                        ImVec2(c.width - c.pad, (bar + close_h) / 2)};
    if (c.button("close", close, close_box)) c.intent = CloseStaff{};

    float right = close_box.min.x - c.pad;
    if (s.busy) {
        const std::string working = c.text("staff.working");
        right -= text_width(c.small, working);
        c.draw->AddText(c.small, c.small->FontSize, ImVec2(right, (bar - c.small->FontSize) / 2),
                        kPaper, working.c_str());
        right -= c.pad;
    }
    std::string first;
    std::string second;
    if (s.signed_in) {
        first = s.signed_in->name + c.separator() + c.text(role_key(s.signed_in->role));
        second = hub_line(c);
    } else {
        first = c.text("staff.sign_in");
    }
    const float text_w = right - c.pad;
    if (second.empty()) {
        fitted_text(c.draw, c.body, ImVec2(c.pad, (bar - c.body->FontSize) / 2), kPaper, first,
                    text_w);
    } else {
        const float y = (bar - line_height(c.body) - c.small->FontSize) / 2;
        fitted_text(c.draw, c.body, ImVec2(c.pad, y), kPaper, first, text_w);
        fitted_text(c.draw, c.small, ImVec2(c.pad, y + line_height(c.body)), kPaper, second,
                    text_w);
    }
    return bar;
}

struct Tab {
    StaffPage page;
    std::string_view key;
};

float tabs(Canvas& c, float y) {
    const StaffState& s = c.state;
    std::vector<Tab> shown = {{StaffPage::Search, "staff.tab.search"},
                              {StaffPage::WalkIn, "staff.tab.walk_in"},
                              {StaffPage::Dashboard, "staff.tab.dashboard"}};
    if (can(s, StaffAction::Move)) shown.push_back({StaffPage::Rebalance, "staff.tab.rebalance"});
    if (can(s, StaffAction::Settings)) shown.push_back({StaffPage::Settings, "staff.tab.settings"});
    const float tab_h = std::round(c.side * 0.095f);
    const Grid grid =
        Grid::fit(c.width - c.pad * 2, static_cast<int>(shown.size()), 1, c.width, tab_h, c.gap);
    // All tabs in one size: one long word in the small font would look like a different thing.
    ImFont* font = c.body;
    for (const Tab& tab : shown) {
        if (!c.fits(c.body, c.text(tab.key), grid.cell_width)) font = c.small;
    }
    for (std::size_t i = 0; i < shown.size(); ++i) {
        const StaffPage page = shown[i].page;
        const bool active =
            s.page == page || (s.page == StaffPage::Person && page == StaffPage::Search);
        const Box cell = grid.cell(ImVec2(c.pad, y), static_cast<int>(i));
        if (c.button("tab." + std::string(to_string(page)), c.text(shown[i].key), cell,
                     active ? Look::Primary : Look::Plain, font)) {
            c.intent = GoTo{page};
        }
    }
    return y + tab_h;
}

float message_line(Canvas& c, float y) {
    const StaffState& s = c.state;
    std::string message = c.text("staff.done." + s.message_key);
    if (!s.message_detail.empty()) {
        message = c.format("staff.message", {{"message", message}, {"detail", s.message_detail}});
    }
    const float line_h =
        std::max(line_height(c.body) * 1.25f, line_height(c.small) * 2 + c.pad * 0.5f);
    const Box box{ImVec2(c.pad, y), ImVec2(c.width - c.pad, y + line_h)};
    const ImU32 ink = s.message_is_error ? kProblem : kInk;
    c.draw->AddRectFilled(box.min, box.max, s.message_is_error ? kProblemBack : kWelcomeBack,
                          c.side * 0.01f);
    c.draw->AddRect(box.min, box.max, s.message_is_error ? kProblem : c.accent, c.side * 0.01f, 0,
                    1.5f);
    const float inner_w = box.width() - c.pad * 2;
    if (text_width(c.body, message) <= inner_w) {
        c.draw->AddText(c.body, c.body->FontSize,
                        ImVec2(box.min.x + c.pad, y + (line_h - c.body->FontSize) / 2), ink,
                        message.c_str());
    } else {
        // A refusal's reason can be long: two lines of the small font rather than cut.
        const float text_h = wrapped_text(nullptr, c.small, message, ImVec2(0, 0), inner_w, ink, 2);
        wrapped_text(c.draw, c.small, message, ImVec2(box.min.x + c.pad, y + (line_h - text_h) / 2),
                     inner_w, ink, 2);
    }
    return y + line_h;
}

// Draws what every page has and returns the box left for the page itself.
Box frame(Canvas& c) {
    const StaffState& s = c.state;
    float y = top_bar(c) + c.pad * 0.75f;
    if (s.signed_in && s.page != StaffPage::ChooseStaff && s.page != StaffPage::Pin) {
        y = tabs(c, y) + c.pad * 0.75f;
        if (!s.message_key.empty()) y = message_line(c, y) + c.pad * 0.75f;
    }
    return Box{ImVec2(c.pad, y), ImVec2(c.width - c.pad, c.height - c.pad)};
}

}  // namespace

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

// ---- search ---------------------------------------------------------------------------------

namespace {

void result_row(Canvas& c, const PersonRow& row, int index, Box box) {
    if (c.tap_area("result." + std::to_string(index), box)) c.intent = OpenPerson{row.id};
    float text_right = box.max.x - c.pad;
    const ImVec2 right_center(box.max.x - c.pad, (box.min.y + box.max.y) / 2);
    if (row.cancelled || row.checked_in) {
        const std::string badge =
            c.text(row.cancelled ? "staff.search.cancelled" : "staff.search.checked_in");
        pill(c.draw, c.small, badge, right_center, c.pad, row.cancelled ? kProblem : c.accent);
        text_right -= text_width(c.small, badge) + c.pad * 2.2f;
    }
    std::string detail;
    for (const std::string* part : {&row.reading, &row.organization, &row.group_name}) {
        if (part->empty()) continue;
        if (!detail.empty()) detail += c.separator();
        detail += *part;
    }
    const float block = line_height(c.body) + (detail.empty() ? 0 : c.small->FontSize);
    const float y = box.min.y + (box.height() - block) / 2;
    const float x = box.min.x + c.pad;
    fitted_text(c.draw, c.body, ImVec2(x, y), row.cancelled ? kMuted : kInk, row.name,
                text_right - x);
    fitted_text(c.draw, c.small, ImVec2(x, y + line_height(c.body)), kMuted, detail,
                text_right - x);
}

}  // namespace

void search_page(Canvas& c, Box area) {
    const StaffState& s = c.state;
    const auto [left, keys] = split_for_keyboard(c, area, 0.42f, 0.45f);
    const Box query{left.min, ImVec2(left.max.x, left.min.y + std::round(c.side * 0.1f))};
    c.text_field(query, {}, s.keyboard.text, c.text("staff.search.hint"), true);
    const Box list{ImVec2(left.min.x, query.max.y + c.pad * 0.75f), left.max};

    if (s.keyboard.text.empty()) {
        // The field's placeholder says what to type; nothing to list yet.
    } else if (s.results.empty()) {
        const bool answered = s.results_query == s.keyboard.text;
        c.centered_note(list, c.text(answered ? "staff.search.none" : "staff.search.searching"),
                        kMuted);
    } else {
        const int count = static_cast<int>(s.results.size());
        const bool capped = s.results.size() >= static_cast<std::size_t>(kSearchLimit);
        c.scrolling("results", list, [&](ImVec2 origin, float width) {
            const float row_h = std::round(c.side * 0.115f);
            const float step = row_h + c.gap;
            // Only the rows in view are drawn.
            const int first = std::max(0, static_cast<int>(ImGui::GetScrollY() / step));
            const int last = std::min(count, first + static_cast<int>(list.height() / step) + 2);
            for (int i = first; i < last; ++i) {
                const float y = origin.y + static_cast<float>(i) * step;
                result_row(c, s.results[static_cast<std::size_t>(i)], i,
                           Box{ImVec2(origin.x, y), ImVec2(origin.x + width, y + row_h)});
            }
            float bottom = static_cast<float>(count) * step;
            if (capped) {
                bottom =
                    wrapped_text(
                        c.draw, c.small,
                        c.format("staff.search.more", {{"n", std::to_string(kSearchLimit)}}),
                        ImVec2(origin.x + c.pad, origin.y + bottom), width - c.pad * 2, kMuted, 2) -
                    origin.y;
            }
            return bottom;
        });
    }
    c.keyboard(s.keyboard, keys);
}

}  // namespace staff_view

std::optional<StaffIntent> draw_staff(const StaffState& state, const StaffViewInputs& inputs) {
    using namespace staff_view;
    if (inputs.targets != nullptr) inputs.targets->clear();
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::ColorConvertU32ToFloat4(kPage));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0);
    ImGui::Begin("staff", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                     ImGuiWindowFlags_NoScrollWithMouse);
    Canvas c(state, inputs);
    const Box area = frame(c);
    if (area.width() > 1 && area.height() > 1) {
        // A page is drawn per id, so a finger held while the page changes taps nothing on the next.
        ImGui::PushID(static_cast<int>(state.page));
        switch (state.signed_in
                    ? state.page
                    : (state.page == StaffPage::Pin ? StaffPage::Pin : StaffPage::ChooseStaff)) {
            case StaffPage::ChooseStaff:
                choose_staff_page(c, area);
                break;
            case StaffPage::Pin:
                pin_page(c, area);
                break;
            case StaffPage::Search:
                search_page(c, area);
                break;
            case StaffPage::Person:
                person_page(c, area);
                break;
            case StaffPage::WalkIn:
                walk_in_page(c, area);
                break;
            case StaffPage::Dashboard:
                dashboard_page(c, area);
                break;
            case StaffPage::Rebalance:
                rebalance_page(c, area);
                break;
            case StaffPage::Settings:
                settings_page(c, area);
                break;
        }
        ImGui::PopID();
    }
    ImGui::End();
    ImGui::PopStyleVar(3);
    ImGui::PopStyleColor();
    return c.intent;
}

}  // namespace uketsuke::ui
