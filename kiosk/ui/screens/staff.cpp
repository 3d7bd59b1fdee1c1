#include "kiosk/ui/screens/staff.hpp"

#include <algorithm>

#include "kiosk/ui/screens/staff_steps.hpp"

namespace uketsuke::ui {

namespace staff_steps {

KeyboardState pin_pad() {
    KeyboardState pad;
    pad.layout = KeyboardLayout::Pin;
    pad.max_length = 8;
    return pad;
}

KeyboardState text_keyboard(Language language, std::string text) {
    KeyboardState keyboard;
    keyboard.layout = language == Language::Ja ? KeyboardLayout::Kana : KeyboardLayout::Latin;
    keyboard.text = std::move(text);
    return keyboard;
}

void say(StaffState& state, std::string key, std::string detail, bool error) {
    state.message_key = std::move(key);
    state.message_detail = std::move(detail);
    state.message_is_error = error;
}

}  // namespace staff_steps

namespace {

using staff_steps::on_reply;
using staff_steps::on_tap;
using staff_steps::pin_pad;

// Closing forgets everything: the next person at the screen sees no one's data.
StaffStep closed(const StaffState& previous) {
    StaffState state;
    state.idle_timeout = previous.idle_timeout;
    state.language = previous.language;
    return StaffStep{std::move(state), {SignOut{}}};
}

}  // namespace

std::string& WalkInForm::field(WalkInField which) {
    switch (which) {
        case WalkInField::Name:
            return name;
        case WalkInField::Reading:
            return reading;
        case WalkInField::Organization:
            return organization;
    }
    return name;
}

const std::string& WalkInForm::field(WalkInField which) const {
    return const_cast<WalkInForm&>(*this).field(which);
}

WalkInField next_field(WalkInField field) {
    switch (field) {
        case WalkInField::Name:
            return WalkInField::Reading;
        case WalkInField::Reading:
            return WalkInField::Organization;
        case WalkInField::Organization:
            return WalkInField::Name;
    }
    return WalkInField::Name;
}

std::string_view to_string(StaffPage page) {
    switch (page) {
        case StaffPage::ChooseStaff:
            return "choose_staff";
        case StaffPage::Pin:
            return "pin";
        case StaffPage::Search:
            return "search";
        case StaffPage::Person:
            return "person";
        case StaffPage::WalkIn:
            return "walk_in";
        case StaffPage::Dashboard:
            return "dashboard";
        case StaffPage::Rebalance:
            return "rebalance";
        case StaffPage::Settings:
            return "settings";
    }
    return "?";
}

bool can(const StaffState& state, StaffAction action) {
    return state.signed_in.has_value() && allowed(state.signed_in->role, action);
}

StaffStep staff_step(StaffState state, const StaffEvent& event, Instant now) {
    std::vector<StaffRequest> requests;
    if (const auto* open = std::get_if<OpenStaff>(&event)) {
        if (state.open)
            return StaffStep{std::move(state),
                             {}};  // already open: a second ticket changes nothing
        StaffState fresh;
        fresh.idle_timeout = state.idle_timeout;
        fresh.language = state.language;
        fresh.open = true;
        fresh.last_input = now;
        fresh.pin_pad = pin_pad();
        if (open->from_ticket) {
            fresh.page = StaffPage::Pin;
            fresh.candidate_id = open->from_ticket->id;
            fresh.candidate_name = open->from_ticket->name;
            fresh.locked_until_ms = open->from_ticket->locked_until_ms;
        } else {
            fresh.page = StaffPage::ChooseStaff;
            requests.emplace_back(LoadStaffList{});
        }
        return StaffStep{std::move(fresh), std::move(requests)};
    }
    if (!state.open) return StaffStep{std::move(state), {}};  // a late reply after closing
    if (std::holds_alternative<Tick>(event)) {
        if (now - state.last_input >= state.idle_timeout) return closed(state);
        if (state.page == StaffPage::Dashboard && now - state.dashboard_at >= kDashboardRefresh) {
            state.dashboard_at = now;
            requests.emplace_back(LoadDashboard{state.dashboard_choice});
        }
        return StaffStep{std::move(state), std::move(requests)};
    }
    if (const auto* tap = std::get_if<StaffTap>(&event)) {
        state.last_input = now;
        if (std::holds_alternative<CloseStaff>(tap->intent)) return closed(state);
        on_tap(state, tap->intent, now, requests);
        return StaffStep{std::move(state), std::move(requests)};
    }
    if (const auto* reply = std::get_if<StaffReply>(&event)) on_reply(state, *reply, now, requests);
    return StaffStep{std::move(state), std::move(requests)};
}

std::optional<Instant> staff_next_wake(const StaffState& state) {
    if (!state.open) return std::nullopt;
    Instant wake = state.last_input + state.idle_timeout;
    if (state.page == StaffPage::Dashboard)
        wake = std::min(wake, state.dashboard_at + kDashboardRefresh);
    return wake;
}

}  // namespace uketsuke::ui
