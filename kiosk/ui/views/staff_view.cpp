// Staff mode's frame (top bar, tabs, message line) and the page in it; the pages are in
// staff_view_sign_in.cpp, staff_view_search.cpp, staff_view_person.cpp and staff_view_pages.cpp.

#include "kiosk/ui/views/staff_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "kiosk/core/model/utf8.hpp"
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
    // Tall enough for a 60 px close button on a small screen (1024×600).
    const float bar = std::max(std::round(c.side * 0.12f), 76.0f);
    c.draw->AddRectFilled(ImVec2(0, 0), ImVec2(c.width, bar), c.accent);
    const std::string close = c.text("common.close");
    const float close_w = std::max(c.side * 0.2f, text_width(c.body, close) + c.pad * 2);
    const float close_h = std::max(60.0f, std::round(bar * 0.8f));
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
    // Never hidden in staff mode: the first thing to fix when every scan says "see staff".
    if (!c.inputs.store_problem.empty()) {
        const std::string store = c.text("staff.store_problem") + c.separator() +
                                  utf8::safe_text(c.inputs.store_problem, utf8::Controls::Remove);
        second = second.empty() ? store : store + c.separator() + second;
    }
    if (!c.inputs.printer_problem.empty()) {
        const std::string printer =
            c.text("staff.printer_problem") + c.separator() +
            utf8::safe_text(c.inputs.printer_problem, utf8::Controls::Remove);
        second = second.empty() ? printer : printer + c.separator() + second;
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
    const float tab_h = std::max(60.0f, std::round(c.side * 0.095f));
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
