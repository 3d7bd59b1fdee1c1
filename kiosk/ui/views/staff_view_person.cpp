// A person's card in staff mode: details, actions, the groups to move to, the history, the
// ticket as a QR code and the note's keyboard.

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <string>
#include <vector>

#include "kiosk/core/model/checkin_outcome.hpp"
#include "kiosk/ui/views/staff_view_parts.hpp"
#include "kiosk/ui/views/widgets.hpp"

namespace uketsuke::ui::staff_view {
namespace {

std::string_view person_role_key(Role role) {
    switch (role) {
        case Role::Participant:
            return "staff.person_role.participant";
        case Role::Facilitator:
            return "staff.person_role.facilitator";
        case Role::Staff:
            return "staff.person_role.staff";
        case Role::Guest:
            return "staff.person_role.guest";
    }
    return "staff.person_role.participant";
}

template <typename Parts>
std::string joined_parts(const Canvas& c, const Parts& parts) {
    std::string out;
    for (const std::string& part : parts) {
        if (part.empty()) continue;
        if (!out.empty()) out += c.separator();
        out += part;
    }
    return out;
}

std::string joined(const Canvas& c, std::initializer_list<std::string> parts) {
    return joined_parts(c, parts);
}

// ---- a person's card ------------------------------------------------------------------------

struct Line {
    ImFont* font;
    ImU32 colour;
    std::string text;
    int max_lines = 1;
};

std::string welcome_text(const Canvas& c, const PersonCard& card) {
    const std::string& name = card.person.name;
    if (card.group_name.empty()) return c.format("staff.person.welcome_plain", {{"name", name}});
    if (card.table_label.empty()) {
        return c.format("staff.person.welcome_group", {{"name", name}, {"group", card.group_name}});
    }
    return c.format("staff.person.welcome",
                    {{"name", name}, {"group", card.group_name}, {"table", card.table_label}});
}

std::vector<Line> detail_lines(const Canvas& c, const PersonCard& card, bool cancelled) {
    const Participant& p = card.person;
    std::vector<Line> lines;
    lines.push_back({c.large, kInk, p.name, 2});
    if (!p.reading.empty()) lines.push_back({c.body, kMuted, p.reading, 1});
    // The word for the door first: it is why the person was asked to see staff.
    if (!card.attention.empty() && !card.attention_acknowledged) {
        lines.push_back(
            {c.body, kNotice, c.format("staff.person.attention", {{"text", card.attention}}), 3});
    } else if (!card.attention.empty()) {
        lines.push_back(
            {c.body, kMuted,
             c.format("staff.person.attention_done", {{"name", card.attention_acknowledged_by},
                                                      {"time", card.attention_acknowledged_at},
                                                      {"text", card.attention}}),
             2});
    }
    if (cancelled) {
        lines.push_back({c.body, kProblem, c.text("staff.person.cancelled"), 1});
    } else if (card.checked_in) {
        lines.push_back({c.body, c.accent,
                         c.format("staff.person.checked_in_at", {{"time", card.checked_in_at}}),
                         1});
    } else {
        lines.push_back({c.body, kMuted, c.text("staff.person.not_checked_in"), 1});
    }
    const std::string group = card.group_name.empty()
                                  ? c.text("staff.person.no_group")
                                  : c.format("staff.person.group", {{"group", card.group_name}});
    const std::string table = card.table_label.empty()
                                  ? std::string()
                                  : c.format("staff.person.table", {{"table", card.table_label}});
    lines.push_back({c.body, kInk, joined(c, {group, table}), 1});
    lines.push_back(
        {c.body, kInk, joined(c, {p.organization, c.text(person_role_key(p.role))}), 2});
    if (!p.notes.empty())
        lines.push_back({c.body, kInk, c.format("staff.person.note", {{"note", p.notes}}), 3});
    return lines;
}

// Returns the height drawn (or, with a null draw list, that would be drawn).
float draw_details(Canvas& c, const PersonCard& card, bool cancelled, Box box, bool measure_only) {
    ImDrawList* draw = measure_only ? nullptr : c.draw;
    float y = box.min.y;
    if (draw != nullptr) draw->PushClipRect(box.min, box.max, true);
    if (c.state.walk_in_welcome) {
        const std::string welcome = welcome_text(c, card);
        const float text_w = box.width() - c.pad * 2;
        const float text_h = wrapped_text(nullptr, c.body, welcome, ImVec2(0, 0), text_w, kInk, 3);
        const Box banner{ImVec2(box.min.x, y), ImVec2(box.max.x, y + text_h + c.pad)};
        if (draw != nullptr) {
            draw->AddRectFilled(banner.min, banner.max, kWelcomeBack, c.side * 0.01f);
            draw->AddRect(banner.min, banner.max, c.accent, c.side * 0.01f, 0, 2.0f);
            wrapped_text(draw, c.body, welcome, ImVec2(box.min.x + c.pad, y + c.pad / 2), text_w,
                         kInk, 3);
        }
        y = banner.max.y + c.pad * 0.5f;
    }
    for (const Line& line : detail_lines(c, card, cancelled)) {
        y = wrapped_text(draw, line.font, line.text, ImVec2(box.min.x, y), box.width(), line.colour,
                         line.max_lines);
    }
    if (draw != nullptr) draw->PopClipRect();
    return y - box.min.y;
}

// Black modules on white with the 4-module quiet zone scanners expect, whole pixels per module
// where the box allows so the edges stay sharp. Dark runs of a row are one rectangle each:
// a version-40 code then stays well inside one draw list's 65,536 vertices.
void draw_qr(ImDrawList* draw, const QrMatrix& qr, Box box) {
    const int modules = qr.size + 8;
    const float fit = std::min(box.width(), box.height());
    float module = std::floor(fit / static_cast<float>(modules));
    if (module < 1) module = fit / static_cast<float>(modules);
    const float side = module * static_cast<float>(modules);
    const ImVec2 at(std::round(box.min.x + (box.width() - side) / 2),
                    std::round(box.min.y + (box.height() - side) / 2));
    draw->AddRectFilled(at, ImVec2(at.x + side, at.y + side), kPaper);
    for (int y = 0; y < qr.size; ++y) {
        for (int x = 0; x < qr.size;) {
            if (!qr.is_dark(x, y)) {
                ++x;
                continue;
            }
            const int start = x;
            while (x < qr.size && qr.is_dark(x, y)) ++x;
            draw->AddRectFilled(ImVec2(at.x + static_cast<float>(start + 4) * module,
                                       at.y + static_cast<float>(y + 4) * module),
                                ImVec2(at.x + static_cast<float>(x + 4) * module,
                                       at.y + static_cast<float>(y + 5) * module),
                                kBlack);
        }
    }
}

void ticket_panel(Canvas& c, const PersonCard& card, Box panel) {
    if (card.ticket_text.empty() || !card.ticket_qr) {
        c.centered_note(panel, c.text("staff.person.no_ticket"), kMuted);
        return;
    }
    const float y = centered_text(c.draw, c.body, c.text("staff.person.ticket_hint"),
                                  panel.center_x(), panel.min.y, panel.width(), kMuted);
    const Box qr{ImVec2(panel.min.x, y + c.pad * 0.5f), panel.max};
    c.region("ticket", qr);
    draw_qr(c.draw, *card.ticket_qr, qr);
}

void note_panel(Canvas& c, Box panel) {
    const float y = wrapped_text(c.draw, c.body, c.text("staff.person.editing_note"), panel.min,
                                 panel.width(), kMuted, 1);
    const Box field{ImVec2(panel.min.x, y), ImVec2(panel.max.x, y + std::round(c.side * 0.1f))};
    c.text_field(field, {}, c.state.keyboard.text, {}, true);
    c.keyboard(c.state.keyboard, Box{ImVec2(panel.min.x, field.max.y + c.pad * 0.75f), panel.max});
}

// The attendance row across sessions, as cells that wrap only between cells: a session's name
// and its mark (○ 遅 早 × 振, a dash for one not expected or to come) never part. A supervisor
// taps a cell to correct that session; its corrections open under the cells. Returns the y
// below.
float attendance_cells(Canvas& c, const PersonCard& card, bool cancelled, float x, float y,
                       float width) {
    const StaffState& s = c.state;
    const bool can_correct = can(s, StaffAction::CorrectSession) && !cancelled;
    y = wrapped_text(c.draw, c.body,
                     can_correct ? c.text("staff.person.attendance_title") + c.separator() +
                                       c.text("staff.person.attendance_hint")
                                 : c.text("staff.person.attendance_title"),
                     ImVec2(x, y), width, kMuted, 1);
    const int count = static_cast<int>(card.attendance.size());
    // Wide enough for the longest name beside its mark, so names are not cut: "第3回研究会
    // 1日目" and "第3回研究会 2日目" differ only at the end.
    float widest = 0;
    for (const auto& cell : card.attendance)
        widest = std::max(widest, text_width(c.body, cell.session_name));
    const float cell_w =
        std::min(width, std::max(c.side * 0.2f, widest + text_width(c.large, "○") + c.pad * 2.2f));
    const Grid grid =
        Grid::fit(width, count, cell_w, std::max(cell_w, c.side * 0.34f), c.button_height, c.gap);
    const SessionAttendanceCell* open = nullptr;
    for (int i = 0; i < count; ++i) {
        const SessionAttendanceCell& cell = card.attendance[static_cast<std::size_t>(i)];
        const Box box = grid.cell(ImVec2(x, y), i);
        const bool chosen = cell.session_id == s.correcting_session;
        if (chosen) open = &cell;
        if (can_correct) {
            if (c.tap_area("session." + cell.session_id, box))
                c.intent = ChooseAttendanceCell{cell.session_id};
        } else {
            c.draw->AddRectFilled(box.min, box.max, kPaper, c.side * 0.01f);
            c.draw->AddRect(box.min, box.max, kRule, c.side * 0.01f, 0, 1.5f);
        }
        if (chosen) c.draw->AddRect(box.min, box.max, c.accent, c.side * 0.01f, 0, 4.0f);
        const std::string mark = cell.mark.empty() ? "－" : cell.mark;
        const float mark_w = text_width(c.large, mark);
        const ImVec2 mark_at(box.max.x - c.pad * 0.6f - mark_w,
                             box.min.y + (box.height() - c.large->FontSize) / 2);
        c.draw->AddText(c.large, c.large->FontSize, mark_at,
                        cell.mark.empty()  ? kMuted
                        : cell.mark == "×" ? kProblem
                                           : kInk,
                        mark.c_str());
        fitted_text(
            c.draw, c.body,
            ImVec2(box.min.x + c.pad * 0.6f, box.min.y + (box.height() - c.body->FontSize) / 2),
            kInk, cell.session_name, mark_at.x - box.min.x - c.pad);
    }
    y += grid.height(count) + c.pad * 0.5f;
    if (open == nullptr || !can_correct) return y;

    y = wrapped_text(c.draw, c.body,
                     c.format("staff.person.correct_title", {{"session", open->session_name}}),
                     ImVec2(x, y), width, kInk, 1);
    struct Choice {
        const char* id;
        const char* key;
        SessionCorrection correction;
    };
    std::vector<Choice> choices = {
        {"correct.present", "staff.person.correct_present", SessionCorrection::Present},
        {"correct.late", "staff.person.correct_late", SessionCorrection::Late}};
    if (open->records_leave)
        choices.push_back({"correct.early_leave", "staff.person.correct_early_leave",
                           SessionCorrection::EarlyLeave});
    choices.push_back({"correct.absent", "staff.person.correct_absent", SessionCorrection::Absent});
    const int n = static_cast<int>(choices.size());
    const Grid buttons = Grid::fit(width, n, c.side * 0.2f, c.side * 0.34f, c.button_height, c.gap);
    for (int i = 0; i < n; ++i) {
        const Choice& choice = choices[static_cast<std::size_t>(i)];
        if (c.button(choice.id, c.text(choice.key), buttons.cell(ImVec2(x, y), i),
                     s.busy ? Look::Disabled : Look::Plain)) {
            c.intent = ChooseCorrection{choice.correction};
        }
    }
    return y + buttons.height(n) + c.pad;
}

// The attendance row (several sessions), the groups to move to (supervisors) and the history,
// in one list that scrolls.
void move_and_history_panel(Canvas& c, const PersonLoaded& loaded, bool cancelled, Box panel) {
    const StaffState& s = c.state;
    const PersonCard& card = loaded.card;
    const bool can_move = can(s, StaffAction::Move) && !cancelled && !loaded.groups.empty();
    c.scrolling("person", panel, [&](ImVec2 origin, float width) {
        float y = origin.y;
        const float x = origin.x + c.pad * 0.5f;
        const float inner_w = width - c.pad;
        if (!card.attendance.empty()) y = attendance_cells(c, card, cancelled, x, y, inner_w);
        if (can_move) {
            y = wrapped_text(c.draw, c.body, c.text("staff.person.move"), ImVec2(x, y), inner_w,
                             kMuted, 1);
            const int count = static_cast<int>(loaded.groups.size());
            const Grid grid =
                Grid::fit(inner_w, count, c.side * 0.26f, c.side * 0.5f, c.button_height, c.gap);
            for (int i = 0; i < count; ++i) {
                const GroupChoice& group = loaded.groups[static_cast<std::size_t>(i)];
                const bool current = group.id == card.person.group_id;
                const Look look = current ? Look::Selected : s.busy ? Look::Disabled : Look::Plain;
                if (c.button("group." + std::to_string(i), group.label, grid.cell(ImVec2(x, y), i),
                             look)) {
                    c.intent = ChooseGroup{group.id};
                }
            }
            y += grid.height(count) + c.pad;
        }
        y = wrapped_text(c.draw, c.body, c.text("staff.person.history"), ImVec2(x, y), inner_w,
                         kMuted, 1);
        if (card.history.empty()) {
            return wrapped_text(c.draw, c.body, c.text("staff.person.no_history"), ImVec2(x, y),
                                inner_w, kMuted, 1) -
                   origin.y;
        }
        const float time_w = text_width(c.body, "00:00") + c.pad;
        for (std::size_t i = 0; i < card.history.size(); ++i) {
            const HistoryEntry& entry = card.history[i];
            const std::string time =
                i < card.history_times.size() ? card.history_times[i] : std::string();
            c.draw->AddLine(ImVec2(x, y), ImVec2(x + inner_w, y), kRule, 1.0f);
            y += c.pad * 0.3f;
            c.draw->AddText(c.body, c.body->FontSize, ImVec2(x, y), kMuted, time.c_str());
            fitted_text(c.draw, c.body, ImVec2(x + time_w, y), kInk,
                        c.text_or("staff.history." + entry.what, entry.what), inner_w - time_w);
            y += line_height(c.body);
            // The organizer's tool writes as kiosk "cli": staff read that as the desk.
            const std::string kiosk =
                entry.kiosk.empty() ? std::string()
                : entry.kiosk == kDeskKioskId
                    ? c.text("staff.history.desk")
                    : c.format("staff.history.kiosk", {{"kiosk", entry.kiosk}});
            const std::string detail =
                joined(c, {entry.detail, c.text_or("staff.how." + entry.how, entry.how), kiosk,
                           entry.staff_name});
            y = wrapped_text(c.draw, c.small, detail, ImVec2(x + time_w, y), inner_w - time_w,
                             kMuted, 2);
            y += c.pad * 0.3f;
        }
        return y - origin.y;
    });
}

struct Action {
    std::string id;
    std::string label;
    Look look;
    StaffIntent intent;
};

// Slots in a fixed order, an empty id leaving its slot blank, so no button moves under the
// finger when the card changes state (checked in, not, cancelled, flagged or not). Which slots
// there are depends only on who is signed in and whether the kiosk prints: the main action
// (check in / undo / reinstate), cancel, reprint, note, ticket, the flag for the door, back.
std::vector<Action> person_actions(const Canvas& c, const PersonCard& card, bool cancelled) {
    const StaffState& s = c.state;
    const Look ready = s.busy ? Look::Disabled : Look::Plain;
    std::vector<Action> actions;
    actions.reserve(7);  // each slot is filled before the next is made
    const auto slot = [&]() -> Action& {
        return actions.emplace_back(Action{"", "", Look::Plain, GoTo{}});
    };
    Action& first = slot();
    if (!card.checked_in && !cancelled && can(s, StaffAction::CheckIn)) {
        first = {"action.check_in", c.text("staff.person.check_in"),
                 s.busy ? Look::Disabled : Look::Primary, TapAction{PersonAction::CheckIn}};
    } else if (card.checked_in && card.can_undo) {
        first = {"action.undo", c.text("staff.person.undo"), ready, TapAction{PersonAction::Undo}};
    } else if (cancelled && can(s, StaffAction::Cancel)) {
        first = {"action.reinstate", c.text("staff.person.reinstate"), ready,
                 TapAction{PersonAction::Reinstate}};
    }
    if (can(s, StaffAction::Cancel)) {
        Action& cancel = slot();
        // The core refuses to cancel someone checked in (undo first), so the button waits.
        if (!cancelled && !card.checked_in) {
            cancel = {
                "action.cancel",
                c.text(s.confirming_cancel ? "staff.person.confirm_cancel" : "staff.person.cancel"),
                s.confirming_cancel ? Look::Danger : ready, TapAction{PersonAction::Cancel}};
        }
    }
    if (c.inputs.prints_tags && can(s, StaffAction::CheckIn)) {
        Action& reprint = slot();
        if (!cancelled) {
            reprint = {"action.reprint", c.text("staff.person.reprint"), ready,
                       TapAction{PersonAction::ReprintTag}};
        }
    }
    slot() = {"action.note",
              c.text(s.editing_note ? "staff.person.stop_note" : "staff.person.edit_note"),
              s.editing_note ? Look::Selected : Look::Plain, EditNote{}};
    slot() = {"action.ticket",
              c.text(s.show_ticket ? "staff.person.hide_ticket" : "staff.person.show_ticket"),
              s.show_ticket ? Look::Selected : Look::Plain, ToggleShowTicket{}};
    // Any member acknowledges a flag; supervisors set one from the note or remove it.
    Action& flag = slot();
    if (!card.attention.empty() && !card.attention_acknowledged) {
        flag = {"action.acknowledge", c.text("staff.person.acknowledge"),
                s.busy ? Look::Disabled : Look::Primary, TapAction{PersonAction::Acknowledge}};
    } else if (can(s, StaffAction::Attention) && card.note_can_flag) {
        flag = {"action.flag_note", c.text("staff.person.flag_note"), ready,
                TapAction{PersonAction::FlagNote}};
    } else if (can(s, StaffAction::Attention) && !card.attention.empty()) {
        flag = {"action.clear_attention", c.text("staff.person.clear_attention"), ready,
                TapAction{PersonAction::ClearAttention}};
    }
    slot() = {"action.back", c.text("staff.back"), Look::Plain, GoTo{StaffPage::Search}};
    return actions;
}

}  // namespace

void person_page(Canvas& c, Box area) {
    const StaffState& s = c.state;
    if (!s.person) {
        c.loading(area);
        return;
    }
    const PersonCard& card = s.person->card;
    const bool cancelled = card.person.status == RegistrationStatus::Cancelled;
    const std::vector<Action> actions = person_actions(c, card, cancelled);
    const int count = static_cast<int>(actions.size());

    // Landscape: the card and its buttons on the left, the panel (groups and history, the
    // ticket, or the note's keyboard) on the right. Portrait: the same, top to bottom.
    const int columns = c.landscape ? 2 : 3;
    const float buttons_w = c.landscape ? std::round(area.width() * 0.46f) : area.width();
    const float cell_w =
        (buttons_w - c.gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
    const Grid grid{columns, cell_w, c.button_height, c.gap};
    const float buttons_h = grid.height(count);
    Box details;
    Box buttons;
    Box panel;
    if (c.landscape) {
        const float split = area.min.x + buttons_w;
        buttons = Box{ImVec2(area.min.x, area.max.y - buttons_h), ImVec2(split, area.max.y)};
        details = Box{area.min, ImVec2(split, buttons.min.y - c.pad)};
        panel = Box{ImVec2(split + c.pad * 1.5f, area.min.y), area.max};
    } else {
        // The card takes a fixed third or so, whatever it holds, so the buttons under it stay
        // where they are when the card changes (checked in, a flag seen to); the panel gets the
        // rest.
        const float details_h = std::round(area.height() * 0.36f);
        details = Box{area.min, ImVec2(area.max.x, area.min.y + details_h)};
        buttons = Box{ImVec2(area.min.x, details.max.y + c.pad),
                      ImVec2(area.max.x, details.max.y + c.pad + buttons_h)};
        panel = Box{ImVec2(area.min.x, buttons.max.y + c.pad), area.max};
    }
    draw_details(c, card, cancelled, details, false);
    for (int i = 0; i < count; ++i) {
        const Action& action = actions[static_cast<std::size_t>(i)];
        if (action.id.empty()) continue;  // a blank slot keeps the others in place
        if (c.button(action.id, action.label, grid.cell(buttons.min, i), action.look)) {
            c.intent = action.intent;
        }
    }

    if (panel.width() < 1 || panel.height() < 1) return;
    if (s.editing_note) {
        note_panel(c, panel);
    } else if (s.show_ticket) {
        ticket_panel(c, card, panel);
    } else {
        move_and_history_panel(c, *s.person, cancelled, panel);
    }
}

}  // namespace uketsuke::ui::staff_view
