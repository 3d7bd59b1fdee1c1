// Staff mode's answers to the staff worker's replies (staff_steps.hpp).

#include "kiosk/ui/screens/staff_steps.hpp"

namespace uketsuke::ui::staff_steps {

void on_reply(StaffState& state, const StaffReply& reply, Instant now,
              std::vector<StaffRequest>& requests) {
    std::visit(
        Overloaded{
            [&](const StaffListLoaded& list) { state.staff = list.staff; },
            [&](const PinChecked& checked) {
                state.verifying = false;
                state.pin_pad = pin_pad();
                std::visit(Overloaded{
                               [&](const PinOk& ok) {
                                   state.signed_in = ok.staff;
                                   state.attempts_left = -1;
                                   state.locked_until_ms = 0;
                                   state.keyboard = text_keyboard(state.language);
                                   enter_page(state, StaffPage::Search, now, requests);
                               },
                               [&](const PinWrong& wrong) {
                                   state.attempts_left = wrong.attempts_left;
                                   state.locked_until_ms = wrong.locked_until_ms;
                                   say(state,
                                       wrong.locked_until_ms > 0 ? "pin_locked" : "pin_wrong", "",
                                       true);
                               },
                               [&](const PinLocked& locked) {
                                   state.locked_until_ms = locked.until_ms;
                                   say(state, "pin_locked", "", true);
                               },
                               [&](const PinUnknownStaff&) {
                                   state.unknown_staff = true;
                                   state.page = StaffPage::ChooseStaff;
                                   requests.emplace_back(LoadStaffList{});
                               },
                           },
                           checked.result);
            },
            [&](const SearchDone& done) {
                // Typing runs ahead of the worker: only the answer to what is typed now
                // counts.
                if (state.page != StaffPage::Search || done.query != state.keyboard.text) return;
                state.results = done.rows;
                state.results_query = done.query;
            },
            [&](const PersonLoaded& loaded) {
                state.busy = false;
                if (!state.person || state.person->card.person.id != loaded.card.person.id)
                    state.correcting_session.clear();
                state.person = loaded;
                state.groups = loaded.groups;
                state.page = StaffPage::Person;
                state.editing_note = false;
                state.show_ticket = false;
                state.walk_in_welcome = false;
            },
            [&](const ActionDone& done) {
                state.busy = false;
                say(state, done.message_key, done.detail, !done.ok);
                if (done.ok) state.correcting_session.clear();
                if (done.refreshed) {
                    state.person = *done.refreshed;
                    state.groups = done.refreshed->groups;
                }
                if (state.page == StaffPage::Rebalance) {
                    state.proposals = done.proposals;
                    state.chosen.assign(state.proposals.size(), true);
                }
            },
            [&](const WalkInDone& done) {
                state.busy = false;
                if (!done.ok || !done.person) {
                    say(state, "refused", done.error, true);
                    return;
                }
                say(state, "walk_in_registered", done.warning);
                state.person = *done.person;
                state.page = StaffPage::Person;
                state.show_ticket = true;
                state.walk_in_welcome = true;
                state.walk_in = WalkInForm{};
            },
            [&](const DashboardLoaded& loaded) {
                state.dashboard = loaded.dashboard;
                state.dashboard_session = loaded.session_name;
                state.dashboard_session_id = loaded.session_id;
                state.dashboard_sessions = loaded.sessions;
            },
            [&](const ProposalsLoaded& loaded) {
                state.proposals_loaded = true;
                state.proposals = loaded.moves;
                state.chosen.assign(state.proposals.size(), true);
            },
            [&](const SettingsLoaded& loaded) { state.settings = loaded.settings; },
            [&](const SessionPinLoaded& loaded) {
                state.busy = false;
                if (!loaded.error.empty()) {
                    say(state, "refused", loaded.error, true);
                } else if (loaded.changed) {
                    say(state, loaded.pinned_id.empty() ? "session_unpinned" : "session_pinned");
                }
                state.session_pin = loaded;
            },
            [&](const GroupsLoaded& loaded) {
                state.groups = loaded.groups;
                state.organizations = loaded.organizations;
                state.organizations_first = 0;
            },
        },
        reply);
}

}  // namespace uketsuke::ui::staff_steps
