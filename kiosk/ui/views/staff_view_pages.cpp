// The staff pages besides search and a person's card: the walk-in form, the dashboard, the
// rebalancing proposals and the settings.

#include <imgui.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "kiosk/ui/views/dashboard_view.hpp"
#include "kiosk/ui/views/staff_view_parts.hpp"
#include "kiosk/ui/views/widgets.hpp"

namespace uketsuke::ui::staff_view {

// ---- walk-in --------------------------------------------------------------------------------

namespace {

// The event's organizations as large buttons, most people first and a page at a time, over a
// row of 所属なし, その他（入力） (the keyboard) and the page arrows: a walk-in from 港区 joins
// 港区 as the roster spells it.
void organization_buttons(Canvas& c, Box area) {
    const StaffState& s = c.state;
    const int count = static_cast<int>(s.organizations.size());
    const float row_h = c.button_height;
    const Box bottom{ImVec2(area.min.x, area.max.y - row_h), area.max};
    const float cell_h = std::round(c.button_height * 1.15f);
    const Box list{area.min, ImVec2(area.max.x, bottom.min.y - c.pad * 0.75f)};
    const Grid grid = Grid::fit(list.width(), count, c.side * 0.26f, list.width(), cell_h, c.gap);
    const int rows = std::max(1, static_cast<int>((list.height() + c.gap) / (cell_h + c.gap)));
    const int per_page = rows * grid.columns;
    const int first =
        std::clamp(s.organizations_first / per_page * per_page, 0, std::max(0, count - 1));
    for (int i = first; i < std::min(count, first + per_page); ++i) {
        const OrganizationChoice& choice = s.organizations[static_cast<std::size_t>(i)];
        if (c.button("organization." + std::to_string(i), choice.name,
                     grid.cell(list.min, i - first),
                     s.walk_in.organization == choice.name ? Look::Selected : Look::Plain)) {
            c.intent = ChooseOrganization{choice.name};
        }
    }
    const bool paged = count > per_page;
    const Grid row = Grid{
        paged ? 4 : 2, (bottom.width() - c.gap * (paged ? 3 : 1)) / (paged ? 4 : 2), row_h, c.gap};
    if (c.button("organization.none", c.text("staff.walk_in.no_organization"),
                 row.cell(bottom.min, 0),
                 s.walk_in.organization.empty() ? Look::Selected : Look::Plain)) {
        c.intent = ChooseOrganization{""};
    }
    if (c.button("organization.other", c.text("staff.walk_in.other_organization"),
                 row.cell(bottom.min, 1))) {
        c.intent = TypeOrganization{true};
    }
    if (!paged) return;
    if (c.button("organization.earlier", c.text("staff.walk_in.earlier"), row.cell(bottom.min, 2),
                 first > 0 ? Look::Plain : Look::Disabled) &&
        first > 0) {
        c.intent = ShowOrganizations{first - per_page};
    }
    const bool more = first + per_page < count;
    if (c.button("organization.later", c.text("staff.walk_in.later"), row.cell(bottom.min, 3),
                 more ? Look::Plain : Look::Disabled) &&
        more) {
        c.intent = ShowOrganizations{first + per_page};
    }
}

}  // namespace

void walk_in_page(Canvas& c, Box area) {
    const StaffState& s = c.state;
    const auto [form, keys] = split_for_keyboard(c, area, 0.48f, 0.42f);

    // Ids by position ("field.0" is the name): tap scripts use them.
    constexpr std::array<std::pair<WalkInField, std::string_view>, 3> kFields = {{
        {WalkInField::Name, "staff.walk_in.name"},
        {WalkInField::Reading, "staff.walk_in.reading"},
        {WalkInField::Organization, "staff.walk_in.organization"},
    }};
    // At least 60 px, and short enough that at 1280×800 the group list below keeps two rows.
    const float field_h = std::max(60.0f, std::round(c.side * 0.085f));
    float y = form.min.y;
    for (std::size_t i = 0; i < kFields.size(); ++i) {
        const auto& [which, label_key] = kFields[i];
        const Box field{ImVec2(form.min.x, y), ImVec2(form.max.x, y + field_h)};
        const bool focused = s.walk_in.focus == which;
        if (c.tap_area("field." + std::to_string(i), field)) c.intent = FocusField{which};
        // The focused field's text is the keyboard's: the form copy catches up on the next key.
        c.text_field(field, c.text(label_key), focused ? s.keyboard.text : s.walk_in.field(which),
                     {}, focused);
        y = field.max.y + c.gap;
    }

    constexpr std::array<std::pair<Role, std::string_view>, 4> kRoles = {{
        {Role::Participant, "participant"},
        {Role::Facilitator, "facilitator"},
        {Role::Guest, "guest"},
        {Role::Staff, "staff"},
    }};
    // One row of four where it fits (every landscape size): the group list gets the rest.
    const Grid roles = Grid::fit(form.width(), 4, c.side * 0.15f, c.width, c.button_height, c.gap);
    for (int i = 0; i < 4; ++i) {
        const auto& [role, name] = kRoles[static_cast<std::size_t>(i)];
        const std::string key = "staff.person_role." + std::string(name);
        if (c.button("role." + std::string(name), c.text(key), roles.cell(ImVec2(form.min.x, y), i),
                     s.walk_in.role == role ? Look::Selected : Look::Plain)) {
            c.intent = ChooseRole{role};
        }
    }
    y += roles.height(4) + c.pad * 0.75f;

    const std::string& name =
        s.walk_in.focus == WalkInField::Name ? s.keyboard.text : s.walk_in.name;
    const Box submit{ImVec2(form.min.x, form.max.y - std::round(c.button_height * 1.1f)), form.max};
    if (c.button("submit", c.text("staff.walk_in.submit"), submit,
                 name.empty() || s.busy ? Look::Disabled : Look::Primary)) {
        c.intent = SubmitWalkIn{};
    }

    // "Automatic" and every group, scrolling when there are many.
    const int count = static_cast<int>(s.groups.size()) + 1;
    c.scrolling(
        "groups", Box{ImVec2(form.min.x, y), ImVec2(form.max.x, submit.min.y - c.pad * 0.75f)},
        [&](ImVec2 origin, float width) {
            const Grid grid =
                Grid::fit(width, count, c.side * 0.24f, c.side * 0.45f, c.button_height, c.gap);
            for (int i = 0; i < count; ++i) {
                const std::string id =
                    i == 0 ? std::string() : s.groups[static_cast<std::size_t>(i - 1)].id;
                const std::string label = i == 0 ? c.text("staff.walk_in.automatic")
                                                 : s.groups[static_cast<std::size_t>(i - 1)].label;
                if (c.button(i == 0 ? std::string("group.auto") : "group." + std::to_string(i - 1),
                             label, grid.cell(origin, i),
                             s.walk_in.group_id == id ? Look::Selected : Look::Plain)) {
                    c.intent = ChooseGroup{id};
                }
            }
            return grid.height(count);
        },
        c.button_height + c.gap, c.gap);

    // The organization: the event's own first, the keyboard for another one.
    const bool offered = s.walk_in.focus == WalkInField::Organization && !s.organizations.empty();
    if (offered && !s.walk_in.typing_organization) {
        organization_buttons(c, keys);
    } else if (offered) {
        const Box back{keys.min, ImVec2(keys.max.x, keys.min.y + c.button_height)};
        if (c.button("organization.list", c.text("staff.walk_in.organization_list"), back))
            c.intent = TypeOrganization{false};
        c.keyboard(s.keyboard, Box{ImVec2(keys.min.x, back.max.y + c.gap), keys.max});
    } else {
        c.keyboard(s.keyboard, keys);
    }
}

// ---- dashboard ------------------------------------------------------------------------------

namespace {

// A left- or right-pointing triangle, for the arrows of the tab strip: drawn, so it needs no
// glyph in the font atlas.
void arrow(Canvas& c, const std::string& id, Box box, bool left, int to) {
    if (c.tap_area(id, box)) c.intent = ShowDashboardSessions{to};
    const float h = box.height() * 0.22f;
    const float cx = box.center_x();
    const float cy = (box.min.y + box.max.y) / 2;
    const float tip = left ? cx - h : cx + h;
    const float back = left ? cx + h * 0.7f : cx - h * 0.7f;
    c.draw->AddTriangleFilled(ImVec2(tip, cy), ImVec2(back, cy - h), ImVec2(back, cy + h), kInk);
}

// One tab a session, the counted one selected, each a large touch target. A series with more
// than fit shows a window of them with arrows either side; the window opens round the counted
// session (the kiosk's own at first), and the arrows move it a window at a time. Returns the
// height used.
float session_tabs(Canvas& c, Box area) {
    const StaffState& s = c.state;
    const auto& tabs = s.dashboard_sessions;
    const int count = static_cast<int>(tabs.size());
    const float tab_h = c.button_height;
    const float min_tab_w = std::round(c.side * 0.24f);
    const auto fits = [&](int n, float width) {
        return static_cast<float>(n) * min_tab_w + c.pad * static_cast<float>(n - 1) <= width;
    };
    int first = 0;
    int shown = count;
    float x = area.min.x;
    float width = area.width();
    const float arrow_w = c.button_height;
    if (!fits(count, width)) {
        width -= 2 * (arrow_w + c.pad);
        shown = 1;
        while (shown + 1 < count && fits(shown + 1, width)) ++shown;
        int counted = 0;
        for (int i = 0; i < count; ++i)
            if (tabs[static_cast<std::size_t>(i)].id == s.dashboard_session_id) counted = i;
        first = s.dashboard_tabs_first >= 0 ? s.dashboard_tabs_first : counted - (shown - 1) / 2;
        first = std::clamp(first, 0, count - shown);
        const Box left{ImVec2(area.min.x, area.min.y),
                       ImVec2(area.min.x + arrow_w, area.min.y + tab_h)};
        const Box right{ImVec2(area.max.x - arrow_w, area.min.y),
                        ImVec2(area.max.x, area.min.y + tab_h)};
        if (first > 0) arrow(c, "session.earlier", left, true, first - shown);
        if (first + shown < count) arrow(c, "session.later", right, false, first + shown);
        x += arrow_w + c.pad;
    }
    const float tab_w = (width - c.pad * static_cast<float>(shown - 1)) / static_cast<float>(shown);
    for (int i = 0; i < shown; ++i) {
        const SessionTab& tab = tabs[static_cast<std::size_t>(first + i)];
        const float left = x + static_cast<float>(i) * (tab_w + c.pad);
        const Box box{ImVec2(left, area.min.y), ImVec2(left + tab_w, area.min.y + tab_h)};
        if (c.button("session." + std::to_string(first + i), tab.name, box,
                     tab.id == s.dashboard_session_id ? Look::Selected : Look::Plain))
            c.intent = ChooseDashboardSession{tab.id};
    }
    return tab_h;
}

}  // namespace

void dashboard_page(Canvas& c, Box area) {
    if (!c.state.dashboard) {
        c.loading(area);
        return;
    }
    DashboardLabels labels;
    labels.arrived = c.text("staff.dashboard.arrived");
    labels.groups = c.text("staff.dashboard.groups");
    labels.organizations = c.text("staff.dashboard.organizations");
    labels.kiosks = c.text("staff.dashboard.kiosks");
    labels.not_arrived = c.text("staff.dashboard.not_arrived");
    labels.arrivals_per_5_minutes = c.text("staff.dashboard.arrivals_per_5_minutes");
    labels.latest_arrival = c.text("staff.dashboard.latest_arrival");
    labels.self_checkin = c.text("staff.dashboard.self_checkin");
    labels.staff_checkin = c.text("staff.dashboard.staff_checkin");
    labels.walk_ins = c.text("staff.dashboard.walk_ins");
    labels.details_pending = c.text("staff.dashboard.details_pending");
    labels.no_group = c.text("staff.dashboard.no_group");
    labels.no_organization = c.text("staff.dashboard.no_organization");
    labels.unnamed_kiosk = c.text("staff.dashboard.unnamed_kiosk");
    labels.more = c.text("staff.dashboard.more");
    labels.session = c.state.dashboard_session;
    DashboardStyle style;
    style.small = c.small;
    style.body = c.body;
    style.large = c.large;
    style.accent = c.accent;
    if (c.state.dashboard_sessions.size() > 1) {
        const float tab_h = session_tabs(c, area);
        area.min.y += tab_h + c.pad / 2;
    }
    c.region("dashboard", area);
    draw_dashboard(*c.state.dashboard, labels, area.min, area.size(), style);
}

// ---- rebalancing ----------------------------------------------------------------------------

namespace {

void check_box(ImDrawList* draw, ImVec2 at, float size, bool checked, ImU32 accent) {
    const ImVec2 max(at.x + size, at.y + size);
    if (checked) {
        draw->AddRectFilled(at, max, accent, size * 0.15f);
        const float t = std::max(2.0f, size * 0.12f);
        draw->AddLine(ImVec2(at.x + size * 0.22f, at.y + size * 0.52f),
                      ImVec2(at.x + size * 0.42f, at.y + size * 0.72f), kPaper, t);
        draw->AddLine(ImVec2(at.x + size * 0.42f, at.y + size * 0.72f),
                      ImVec2(at.x + size * 0.78f, at.y + size * 0.3f), kPaper, t);
    } else {
        draw->AddRectFilled(at, max, kPaper, size * 0.15f);
        draw->AddRect(at, max, kMuted, size * 0.15f, 0, 2.0f);
    }
}

}  // namespace

void rebalance_page(Canvas& c, Box area) {
    const StaffState& s = c.state;
    if (!s.proposals_loaded) {
        c.centered_note(area, c.text("staff.loading"), kMuted);
        return;
    }
    if (s.proposals.empty()) {
        c.centered_note(area, c.text("staff.rebalance.none"), kMuted);
        return;
    }
    const float y = wrapped_text(c.draw, c.body, c.text("staff.rebalance.title"), area.min,
                                 area.width(), kMuted, 2);
    const int chosen = static_cast<int>(std::count(s.chosen.begin(), s.chosen.end(), true));
    const bool all = chosen == static_cast<int>(s.proposals.size());
    const float button_w = std::min((area.width() - c.pad) / 2, c.side * 0.6f);
    const Box select{ImVec2(area.min.x, area.max.y - c.button_height),
                     ImVec2(area.min.x + button_w, area.max.y)};
    const Box apply{ImVec2(area.max.x - button_w, select.min.y), area.max};
    if (c.button("select_all",
                 c.text(all ? "staff.rebalance.select_none" : "staff.rebalance.select_all"),
                 select)) {
        c.intent = ToggleProposal{-1};
    }
    if (c.button("apply", c.format("staff.rebalance.apply", {{"n", std::to_string(chosen)}}), apply,
                 chosen == 0 || s.busy ? Look::Disabled : Look::Primary)) {
        c.intent = ConfirmProposals{};
    }

    const int count = static_cast<int>(s.proposals.size());
    const Box list{ImVec2(area.min.x, y + c.pad * 0.5f),
                   ImVec2(area.max.x, select.min.y - c.pad * 0.75f)};
    c.scrolling("proposals", list, [&](ImVec2 origin, float width) {
        const float row_h = std::round(line_height(c.body) * 2 + c.pad);
        const float step = row_h + c.gap;
        const int first = std::max(0, static_cast<int>(ImGui::GetScrollY() / step));
        const int last = std::min(count, first + static_cast<int>(list.height() / step) + 2);
        for (int i = first; i < last; ++i) {
            const GroupPlanMove& move = s.proposals[static_cast<std::size_t>(i)];
            const float top = origin.y + static_cast<float>(i) * step;
            const Box row{ImVec2(origin.x, top), ImVec2(origin.x + width, top + row_h)};
            if (c.tap_area("proposal." + std::to_string(i), row)) c.intent = ToggleProposal{i};
            const float box_size = std::round(c.side * 0.05f);
            const bool checked = static_cast<std::size_t>(i) < s.chosen.size() &&
                                 s.chosen[static_cast<std::size_t>(i)];
            check_box(c.draw, ImVec2(row.min.x + c.pad, top + (row_h - box_size) / 2), box_size,
                      checked, c.accent);
            const float x = row.min.x + c.pad * 2 + box_size;
            const std::string who =
                move.organization.empty()
                    ? move.name
                    : c.format("staff.rebalance.person",
                               {{"name", move.name}, {"organization", move.organization}});
            const std::string from =
                move.from_group.empty() ? c.text("staff.rebalance.no_group") : move.from_group;
            const std::string to =
                move.to_group.empty() ? c.text("staff.rebalance.no_group") : move.to_group;
            const float text_y = top + (row_h - line_height(c.body) * 2) / 2;
            fitted_text(c.draw, c.body, ImVec2(x, text_y), kInk, who, row.max.x - c.pad - x);
            fitted_text(c.draw, c.body, ImVec2(x, text_y + line_height(c.body)), c.accent,
                        c.format("staff.rebalance.move", {{"from", from}, {"to", to}}),
                        row.max.x - c.pad - x);
        }
        return static_cast<float>(count) * step;
    });
}

// ---- settings -------------------------------------------------------------------------------

void settings_page(Canvas& c, Box area) {
    const StaffState& s = c.state;
    if (!s.settings) {
        c.loading(area);
        return;
    }
    const StaffSettings& settings = *s.settings;
    const Strings* strings = c.inputs.strings;
    const auto language_name = [strings](Language language) {
        return strings != nullptr ? std::string(strings->get(language, "language.self_name"))
                                  : std::string(language_code(language));
    };
    c.scrolling("settings", area, [&](ImVec2 origin, float width) {
        // Landscape: labels in a column on the left; portrait: each label above its choices.
        const float label_w = c.landscape ? std::round(c.side * 0.32f) : 0;
        float y = origin.y;
        auto section = [&](std::string_view id, const std::string& label,
                           const std::vector<std::string>& choices, int selected, auto on_tap) {
            if (c.landscape) {
                fitted_text(c.draw, c.body,
                            ImVec2(origin.x, y + (c.button_height - c.body->FontSize) / 2), kMuted,
                            label, label_w - c.pad);
            } else {
                y = wrapped_text(c.draw, c.body, label, ImVec2(origin.x, y), width, kMuted, 1);
            }
            const int n = static_cast<int>(choices.size());
            const Grid grid = Grid::fit(width - label_w, n, c.side * 0.22f, c.side * 0.45f,
                                        c.button_height, c.gap);
            for (int i = 0; i < n; ++i) {
                if (c.button(std::string(id) + "." + std::to_string(i),
                             choices[static_cast<std::size_t>(i)],
                             grid.cell(ImVec2(origin.x + label_w, y), i),
                             i == selected ? Look::Selected : Look::Plain)) {
                    on_tap(i);
                }
            }
            y += grid.height(n) + c.pad * 1.5f;
        };
        const auto change = [&c, &settings](auto edit) {
            StaffSettings changed = settings;
            edit(changed);
            c.intent = ChangeSetting{std::move(changed)};
        };

        // Which session this kiosk records (supervisors, several sessions): by the clock or
        // pinned to one, whatever the clock says. The first section: it matters most.
        if (s.session_pin && !s.session_pin->sessions.empty() && can(s, StaffAction::PinSession)) {
            const SessionPinLoaded& pin = *s.session_pin;
            std::vector<std::string> choices = {c.text("staff.settings.by_clock")};
            int selected = pin.pinned_id.empty() ? 0 : -1;
            for (std::size_t i = 0; i < pin.sessions.size(); ++i) {
                choices.push_back(pin.sessions[i].name);
                if (pin.sessions[i].id == pin.pinned_id) selected = static_cast<int>(i) + 1;
            }
            section("session", c.text("staff.settings.session"), choices, selected, [&](int i) {
                c.intent = ChoosePinnedSession{
                    i == 0 ? std::string() : pin.sessions[static_cast<std::size_t>(i - 1)].id};
            });
            // Under the choices, small: who pinned it and when, and what the clock would take.
            std::string note;
            if (!pin.pinned_id.empty())
                note = c.format("staff.settings.pinned_by",
                                {{"name", pin.pinned_by}, {"time", pin.pinned_at}});
            if (!pin.clock_session.empty()) {
                if (!note.empty()) note += c.separator();
                note += c.format("staff.settings.clock_session", {{"session", pin.clock_session}});
            }
            if (!note.empty()) {
                y = wrapped_text(c.draw, c.small, note, ImVec2(origin.x + label_w, y - c.pad),
                                 width - label_w, kMuted, 2) +
                    c.pad;
            }
        }
        section("language", c.text("staff.settings.language"),
                {language_name(Language::Ja), language_name(Language::En)},
                settings.language == Language::Ja ? 0 : 1, [&](int i) {
                    change([i](StaffSettings& changed) {
                        changed.language = i == 0 ? Language::Ja : Language::En;
                    });
                });
        section("sound", c.text("staff.settings.sound"),
                {c.text("staff.settings.on"), c.text("staff.settings.off")}, settings.sound ? 0 : 1,
                [&](int i) { change([i](StaffSettings& changed) { changed.sound = i == 0; }); });
        constexpr std::array<NameDisplay, 3> kNameDisplays = {
            NameDisplay::FullName, NameDisplay::GivenNameOnly, NameDisplay::None};
        const int shown = static_cast<int>(
            std::find(kNameDisplays.begin(), kNameDisplays.end(), settings.name_display) -
            kNameDisplays.begin());
        section("name_display", c.text("staff.settings.name_display"),
                {c.text("staff.settings.full_name"), c.text("staff.settings.given_name"),
                 c.text("staff.settings.no_name")},
                shown, [&](int i) {
                    change([i, &kNameDisplays](StaffSettings& changed) {
                        changed.name_display = kNameDisplays[static_cast<std::size_t>(i)];
                    });
                });
        std::vector<std::string> cameras = {c.text("staff.settings.camera_auto")};
        int camera = settings.camera_device.empty() ? 0 : -1;
        for (std::size_t i = 0; i < settings.cameras.size(); ++i) {
            cameras.push_back(settings.cameras[i]);
            if (settings.cameras[i] == settings.camera_device) camera = static_cast<int>(i) + 1;
        }
        section("camera", c.text("staff.settings.camera"), cameras, camera, [&](int i) {
            change([i, &settings](StaffSettings& changed) {
                changed.camera_device =
                    i == 0 ? std::string() : settings.cameras[static_cast<std::size_t>(i - 1)];
            });
        });
        if (can(s, StaffAction::Exit)) {
            const Box exit{ImVec2(origin.x + label_w, y),
                           ImVec2(origin.x + label_w + std::min(width - label_w, c.side * 0.5f),
                                  y + c.button_height)};
            if (c.button("exit",
                         c.text(s.confirming_exit ? "staff.settings.confirm_exit"
                                                  : "staff.settings.exit"),
                         exit, s.confirming_exit ? Look::Danger : Look::Plain)) {
                c.intent = RequestExit{};
            }
            y = exit.max.y;
        }
        return y - origin.y;
    });
}

}  // namespace uketsuke::ui::staff_view
