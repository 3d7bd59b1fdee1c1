// The view model: what each screen shows, already translated and formatted, built
// from the flow's state. Kept apart from the state machine in flow.cpp.

#include <algorithm>
#include <string>

#include "kiosk/core/model/utf8.hpp"
#include "kiosk/ui/screens/flow.hpp"

namespace uketsuke::ui {
namespace {

// The strings key prefix of a problem's title and next step.
std::string problem_key(ProblemKind kind, TicketStatus status) {
    if (kind == ProblemKind::InvalidTicket) {
        switch (status) {
            case TicketStatus::Truncated:
                return "problem.truncated_ticket";
            case TicketStatus::Revoked:
                return "problem.revoked_ticket";
            case TicketStatus::UnknownVersion:
                return "problem.newer_ticket_format";
            default:
                return "problem.invalid_ticket";
        }
    }
    return "problem." + std::string(to_string(kind));
}

void add_field(ScreenView& view, const Strings& strings, std::string_view label_key,
               const std::string& value) {
    if (value.empty()) return;
    view.fields.push_back(ViewField{std::string(strings.get(view.language, label_key)), value});
}

// "1st", "2nd", "3rd", "11th", "21st": English counts attendance as an ordinal.
std::string english_ordinal(int n) {
    const int tens = n % 100;
    const char* suffix = "th";
    if (tens < 11 || tens > 13) {
        switch (n % 10) {
            case 1:
                suffix = "st";
                break;
            case 2:
                suffix = "nd";
                break;
            case 3:
                suffix = "rd";
                break;
            default:
                break;
        }
    }
    return std::to_string(n) + suffix;
}

void build_attract(const FlowState& state, const Strings& strings, ScreenView& view) {
    const Language other = other_language(view.language);
    const bool leave_mode = state.config.leave_mode;
    if (leave_mode) {
        // At an exit: what this kiosk is for, in both languages, before anything else.
        view.title = strings.get(view.language, "attract.leave_title");
        // The attract screen draws these under the title: the prompt, then the other language.
        view.other_language_lines.emplace_back(strings.get(view.language, "attract.leave_prompt"));
        view.other_language_lines.push_back(
            std::string(strings.get(other, "attract.leave_title")) + " — " +
            std::string(strings.get(other, "attract.leave_prompt")));
    } else {
        view.title = strings.get(view.language, "attract.prompt");
        view.other_language_lines.emplace_back(strings.get(other, "attract.prompt"));
    }
    view.arrived =
        strings.format(view.language, "attract.arrived", {{"n", group_digits(state.arrived)}});
    view.show_preview = true;
    if (!leave_mode) {
        // People without a ticket (forgot it, a walk-in) must know what to do, in both languages.
        view.help.emplace_back(strings.get(view.language, "attract.no_qr"));
        view.help.emplace_back(strings.get(other, "attract.no_qr"));
    }
    // For staff, in both languages whatever the screen's: why a scan will not check anyone in.
    const SessionNow& session = state.session;
    if (session.several) view.session_name = session.name;
    if (session.status == SessionStatus::BeforeOpening) {
        for (const Language language : {view.language, other}) {
            view.notices.push_back(
                strings.format(language, "attract.opens_at", {{"time", session.opens_at}}));
        }
    } else if (session.status == SessionStatus::Open && leave_mode && !session.records_leave) {
        for (const Language language : {view.language, other}) {
            view.notices.emplace_back(strings.get(language, "attract.leave_not_recorded"));
        }
    } else if (session.status != SessionStatus::Open) {
        const std::string_view key = session.status == SessionStatus::ClockLooksWrong
                                         ? "attract.clock_looks_wrong"
                                         : "attract.no_session_today";
        for (const Language language : {view.language, other}) {
            view.notices.emplace_back(strings.get(language, key));
        }
    }
    // Small, for staff: a supervisor pinned the session, so the clock does not decide.
    if (session.status == SessionStatus::Open && session.pinned) {
        view.staff_notes.push_back(
            strings.format(view.language, "attract.pinned", {{"session", session.name}}));
    }
    // Someone was asked to see staff and nobody has yet: staff should open their card.
    if (state.attention_pending > 0) {
        view.staff_notes.push_back(strings.format(view.language, "attract.attention_waiting",
                                                  {{"n", group_digits(state.attention_pending)}}));
    }
    if (state.dropped_scans > 0) {
        view.staff_notes.push_back(
            strings.format(view.language, "attract.scans_dropped",
                           {{"n", group_digits(static_cast<std::int64_t>(state.dropped_scans))}}));
    }
    if (!state.camera_ok) {
        view.notices.emplace_back(strings.get(view.language, "attract.camera_lost"));
        // The device's own words ("no camera found; retrying in 500 ms") are for staff: small,
        // at the bottom, and in the events log.
        if (!state.camera_message.empty())
            view.staff_notes.push_back(
                utf8::safe_text(state.camera_message, utf8::Controls::Remove));
    }
    if (state.in_flight &&
        state.now >= state.in_flight->submitted_at + state.config.checking_notice_after) {
        view.notices.emplace_back(strings.get(view.language, "attract.checking"));
    }
    if (!state.store_ok) {
        view.notices.emplace_back(strings.get(view.language, "attract.store_problem"));
        if (!state.store_message.empty())
            view.staff_notes.push_back(
                utf8::safe_text(state.store_message, utf8::Controls::Remove));
    }
}

// "Checked in at 09:42 at kiosk A"; a check-in typed in by the organizer's tool reads as the
// staff's, not as kiosk "cli".
std::string checked_in_where(const CheckinFinished& shown, const Strings& strings,
                             Language language) {
    if (shown.kiosk.empty())
        return strings.format(language, "already.checked_in_at_no_kiosk",
                              {{"time", shown.checked_in_at}});
    if (shown.kiosk == kDeskKioskId)
        return strings.format(language, "already.checked_in_at_desk",
                              {{"time", shown.checked_in_at}});
    return strings.format(language, "already.checked_in_at",
                          {{"time", shown.checked_in_at}, {"kiosk", shown.kiosk}});
}

void build_welcome(const FlowState& state, const Strings& strings, ScreenView& view) {
    const CheckinFinished& shown = state.shown;
    const Language other = other_language(view.language);
    const NameDisplay mode = state.config.name_display;
    const std::string name = display_name(shown.name, mode);
    const bool already = state.screen == Screen::AlreadyCheckedIn;
    if (already) {
        // Told apart from a first welcome at a glance: its own heading (and colour, view.cpp),
        // the name above it.
        view.title = strings.get(view.language, "already.heading");
        if (!name.empty())
            view.reading = strings.format(view.language, "already.name", {{"name", name}});
    } else if (name.empty()) {
        view.title = strings.get(view.language, "welcome.greeting_no_name");
    } else {
        view.title = strings.format(view.language, "welcome.greeting", {{"name", name}});
        view.reading = display_name(shown.reading, mode);
    }
    if (!name.empty() && mode == NameDisplay::FullName) view.subtitle = shown.organization;
    if (already && !shown.checked_in_at.empty())
        view.lines.push_back(checked_in_where(shown, strings, view.language));
    if (shown.session && shown.session->several) {
        add_field(view, strings, "welcome.session", shown.session->name);
        // Not on "already checked in": that screen has its own line, and at 1280×800 one more
        // runs into the close button; the count was on their welcome a moment ago.
        if (state.screen == Screen::Welcome && shown.sessions_attended > 0) {
            const int n = shown.sessions_attended;
            view.lines.push_back(strings.format(
                view.language, "welcome.sessions_attended",
                {{"n", view.language == Language::En ? english_ordinal(n) : std::to_string(n)}}));
        }
    }
    add_field(view, strings, "welcome.group", shown.group_name);
    add_field(view, strings, "welcome.table", shown.table_label);
    // A facilitator is told what they lead, not shown their own name as the table's facilitator.
    const bool facilitates = shown.role == Role::Facilitator ||
                             (!shown.facilitator.empty() && shown.facilitator == shown.name);
    if (facilitates && !shown.group_name.empty()) {
        view.lines.push_back(
            strings.format(view.language, "welcome.you_facilitate", {{"group", shown.group_name}}));
    } else if (!facilitates) {
        add_field(view, strings, "welcome.facilitator", shown.facilitator);
    }
    add_field(view, strings, "welcome.next_session", shown.next_session);
    if (!shown.table_label.empty()) {
        const std::string_view key = state.screen == Screen::AlreadyCheckedIn
                                         ? "already.go_to_table"
                                         : "welcome.go_to_table";
        view.lines.push_back(strings.format(view.language, key, {{"table", shown.table_label}}));
        view.table_on_map = shown.table_on_map;
        view.table_label = shown.table_label;
    } else {
        view.lines.emplace_back(strings.get(view.language, "welcome.no_table"));
    }
    if (shown.name_tag) view.lines.emplace_back(strings.get(view.language, "welcome.name_tag"));
    // The line that matters in the other language too, smaller: where to go, or that they are
    // already in.
    const std::string where =
        shown.table_label.empty()
            ? std::string(strings.get(other, "welcome.no_table"))
            : strings.format(other, already ? "already.go_to_table" : "welcome.go_to_table",
                             {{"table", shown.table_label}});
    view.other_language_lines.push_back(
        already ? std::string(strings.get(other, "already.heading")) + " — " + where : where);
    if (shown.name_tag)
        view.other_language_lines.emplace_back(strings.get(other, "welcome.name_tag"));
    if (shown.see_staff) {
        view.see_staff = {std::string(strings.get(view.language, "welcome.see_staff")),
                          std::string(strings.get(other, "welcome.see_staff"))};
    }
}

void build_goodbye(const FlowState& state, const Strings& strings, ScreenView& view) {
    const CheckinFinished& shown = state.shown;
    const Language other = other_language(view.language);
    const NameDisplay mode = state.config.name_display;
    const std::string name = display_name(shown.name, mode);
    view.title = name.empty()
                     ? std::string(strings.get(view.language, "goodbye.title"))
                     : strings.format(view.language, "goodbye.title_name", {{"name", name}});
    if (!name.empty()) view.reading = display_name(shown.reading, mode);
    if (shown.session && shown.session->several)
        add_field(view, strings, "welcome.session", shown.session->name);
    const auto said = [&](Language language) {
        if (shown.leave == LeaveAnswer::AlreadyLeft)
            return strings.format(language, "goodbye.already_left", {{"time", shown.left_at}});
        if (shown.early_leave)
            return strings.format(language, "goodbye.early",
                                  {{"time", shown.left_at}, {"end", shown.session_ends}});
        return strings.format(language, "goodbye.recorded", {{"time", shown.left_at}});
    };
    view.lines.push_back(said(view.language));
    view.other_language_lines.emplace_back(strings.get(other, "goodbye.title"));
    view.other_language_lines.push_back(said(other));
}

void build_pending(const Strings& strings, ScreenView& view) {
    const Language other = other_language(view.language);
    view.title = strings.get(view.language, "pending.title");
    view.lines.emplace_back(strings.get(view.language, "pending.next"));
    view.other_language_lines.emplace_back(strings.get(other, "pending.title"));
    view.other_language_lines.emplace_back(strings.get(other, "pending.next"));
}

void build_problem(const FlowState& state, const Strings& strings, ScreenView& view) {
    const Language other = other_language(view.language);
    const std::string key = problem_key(state.problem, state.shown.ticket_status);
    if (state.problem == ProblemKind::BeforeOpening && state.shown.session) {
        const SessionNow& session = *state.shown.session;
        const auto opens = [&](Language language) {
            return strings.format(language, key + ".title", {{"time", session.opens_at}});
        };
        view.title = opens(view.language);
        view.subtitle = session.name;
        view.lines.emplace_back(strings.get(view.language, key + ".next"));
        view.other_language_lines.push_back(opens(other));
        view.other_language_lines.emplace_back(strings.get(other, key + ".next"));
        return;
    }
    view.title = strings.get(view.language, key + ".title");
    view.lines.emplace_back(strings.get(view.language, key + ".next"));
    view.other_language_lines.emplace_back(strings.get(other, key + ".title"));
    view.other_language_lines.emplace_back(strings.get(other, key + ".next"));
    // Why it failed, for the staff the participant was sent to; an error's words can hold anything.
    if (state.problem == ProblemKind::CheckinFailed) {
        const std::string& why =
            state.shown.error.empty() ? state.store_message : state.shown.error;
        if (!why.empty()) view.staff_notes.push_back(utf8::safe_text(why, utf8::Controls::Remove));
    }
}

// The people just before, on the screens a queue sees (never Attract, where nobody has scanned):
// given name and where to go, nothing else.
void build_recent(const FlowState& state, const Strings& strings, ScreenView& view) {
    if (state.recent.empty()) return;
    if (state.screen == Screen::Attract || state.screen == Screen::Goodbye) return;
    const Language language = view.language;
    for (const RecentArrival& recent : state.recent) {
        std::string where;
        if (!recent.group_name.empty() && !recent.table_label.empty()) {
            where = strings.format(language, "recent.group_table",
                                   {{"group", recent.group_name}, {"table", recent.table_label}});
        } else if (!recent.table_label.empty()) {
            where = strings.format(language, "recent.table_only", {{"table", recent.table_label}});
        } else {
            where = strings.format(language, "recent.group_only", {{"group", recent.group_name}});
        }
        view.recent.push_back(
            RecentView{strings.format(language, "recent.name", {{"name", recent.name}}), where});
    }
    view.recent_heading = strings.get(language, "recent.heading");
}

}  // namespace

ScreenView build_view(const FlowState& state, const Strings& strings) {
    ScreenView view;
    view.screen = state.screen;
    view.problem = state.problem;
    view.language = state.language;
    view.event_name = state.config.event_name;
    view.clock = state.clock;
    const Language other = other_language(state.language);
    view.language_button =
        LanguageButton{other, std::string(strings.get(other, "language.self_name"))};
    switch (state.screen) {
        case Screen::Attract:
            build_attract(state, strings, view);
            break;
        case Screen::Welcome:
        case Screen::AlreadyCheckedIn:
            build_welcome(state, strings, view);
            break;
        case Screen::DetailsPending:
            build_pending(strings, view);
            break;
        case Screen::Goodbye:
            build_goodbye(state, strings, view);
            break;
        case Screen::Problem:
            build_problem(state, strings, view);
            break;
    }
    build_recent(state, strings, view);
    if (state.screen != Screen::Attract) {
        view.show_close = true;
        view.close_label = strings.get(state.language, "common.close");
    }
    if (leave_offered(state)) {
        // Both languages on the button: it is the one thing to find on this screen.
        view.show_leave = true;
        view.leave_label = std::string(strings.get(state.language, "already.leave")) + " / " +
                           std::string(strings.get(other, "already.leave"));
    }
    return view;
}

std::vector<std::string> all_texts(const ScreenView& view) {
    std::vector<std::string> texts = {view.event_name,  view.session_name,
                                      view.clock,       view.arrived,
                                      view.reading,     view.title,
                                      view.subtitle,    view.table_label,
                                      view.close_label, view.language_button.label,
                                      view.leave_label, view.recent_heading};
    for (const RecentView& recent : view.recent) {
        texts.push_back(recent.name);
        texts.push_back(recent.where);
    }
    for (const ViewField& field : view.fields) {
        texts.push_back(field.label);
        texts.push_back(field.value);
    }
    for (const auto* list : {&view.lines, &view.other_language_lines, &view.notices,
                             &view.staff_notes, &view.help, &view.see_staff}) {
        texts.insert(texts.end(), list->begin(), list->end());
    }
    texts.erase(std::remove(texts.begin(), texts.end(), std::string()), texts.end());
    return texts;
}

}  // namespace uketsuke::ui
