#include "kiosk/ui/screens/staff.hpp"

#include <algorithm>
#include <type_traits>

namespace uketsuke::ui {
namespace {

template <class... Ts>
struct Overloaded : Ts... {
    using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

std::int64_t ms_of(Instant instant) { return instant.time_since_epoch().count(); }

KeyboardState pin_pad() {
    KeyboardState pad;
    pad.layout = KeyboardLayout::Pin;
    pad.max_length = 8;
    return pad;
}

// The keyboard staff see first: kana for Japanese (readings are how names are looked up),
// Latin for English.
KeyboardState text_keyboard(Language language, std::string text = {}) {
    KeyboardState keyboard;
    keyboard.layout = language == Language::Ja ? KeyboardLayout::Kana : KeyboardLayout::Latin;
    keyboard.text = std::move(text);
    return keyboard;
}

// Closing forgets everything: the next person at the screen sees no one's data.
StaffStep closed(const StaffState& previous) {
    StaffState state;
    state.idle_timeout = previous.idle_timeout;
    state.language = previous.language;
    return StaffStep{std::move(state), {SignOut{}}};
}

void say(StaffState& state, std::string key, std::string detail = {}, bool error = false) {
    state.message_key = std::move(key);
    state.message_detail = std::move(detail);
    state.message_is_error = error;
}

bool signed_in_page(StaffPage page) {
    return page != StaffPage::ChooseStaff && page != StaffPage::Pin;
}

std::optional<StaffAction> action_for(StaffPage page) {
    switch (page) {
        case StaffPage::Search:
        case StaffPage::Person:
        case StaffPage::Dashboard:
            return StaffAction::Search;
        case StaffPage::WalkIn:
            return StaffAction::WalkIn;
        case StaffPage::Rebalance:
            return StaffAction::Move;
        case StaffPage::Settings:
            return StaffAction::Settings;
        case StaffPage::ChooseStaff:
        case StaffPage::Pin:
            return std::nullopt;
    }
    return std::nullopt;
}

StaffAction action_for(PersonAction action) {
    switch (action) {
        case PersonAction::CheckIn:
            return StaffAction::CheckIn;
        case PersonAction::Undo:
            return StaffAction::Undo;
        case PersonAction::Cancel:
        case PersonAction::Reinstate:
            return StaffAction::Cancel;
    }
    return StaffAction::Cancel;
}

void focus_field(StaffState& state, int field) {
    state.walk_in.fields[static_cast<std::size_t>(state.walk_in.focus)] = state.keyboard.text;
    state.walk_in.focus = std::clamp(field, 0, 2);
    state.keyboard.text = state.walk_in.fields[static_cast<std::size_t>(state.walk_in.focus)];
    state.keyboard.shift = Shift::Off;
    // The reading is kana whatever the screen's language; names and organizations start in
    // the screen's own script.
    if (state.walk_in.focus == 1) {
        state.keyboard.layout = KeyboardLayout::Kana;
    } else {
        state.keyboard.layout = text_keyboard(state.language).layout;
    }
}

void enter_page(StaffState& state, StaffPage page, Instant now,
                std::vector<StaffRequest>& requests) {
    if (state.page == StaffPage::WalkIn && page != StaffPage::WalkIn)
        focus_field(state, state.walk_in.focus);
    const StaffPage from = state.page;
    state.page = page;
    state.editing_note = false;
    state.show_ticket = false;
    switch (page) {
        case StaffPage::Search:
            if (from == StaffPage::WalkIn || from == StaffPage::Person)
                state.keyboard = text_keyboard(state.language, state.results_query);
            break;
        case StaffPage::WalkIn:
            state.keyboard = text_keyboard(state.language);
            focus_field(state, state.walk_in.focus);
            requests.emplace_back(LoadGroups{});
            break;
        case StaffPage::Dashboard:
            state.dashboard_at = now;
            requests.emplace_back(LoadDashboard{});
            break;
        case StaffPage::Rebalance:
            state.proposals.clear();
            state.chosen.clear();
            state.proposals_loaded = false;
            requests.emplace_back(LoadProposals{});
            break;
        case StaffPage::Settings:
            requests.emplace_back(LoadSettings{});
            break;
        case StaffPage::ChooseStaff:
        case StaffPage::Pin:
        case StaffPage::Person:
            break;
    }
}

void on_key(StaffState& state, const Key& key, Instant now, std::vector<StaffRequest>& requests) {
    switch (state.page) {
        case StaffPage::Pin: {
            if (state.verifying || state.locked_until_ms > ms_of(now)) return;
            const KeyResult result = press(state.pin_pad, key);
            if (result.done && is_valid_pin(state.pin_pad.text)) {
                state.verifying = true;
                requests.emplace_back(VerifyPin{state.candidate_id, state.pin_pad.text});
            }
            return;
        }
        case StaffPage::Search: {
            const KeyResult result = press(state.keyboard, key);
            // Done with exactly one person found opens them: type, then confirm.
            if (result.done && state.results.size() == 1 &&
                state.results_query == state.keyboard.text) {
                state.busy = true;
                requests.emplace_back(LoadPerson{state.results.front().id});
                return;
            }
            if (!result.text_changed) return;
            if (state.keyboard.text.empty()) {
                state.results.clear();
                state.results_query.clear();
            } else {
                requests.emplace_back(RunSearch{state.keyboard.text});
            }
            return;
        }
        case StaffPage::Person: {
            if (!state.editing_note || !state.person) return;
            if (press(state.keyboard, key).done) {
                state.editing_note = false;
                state.busy = true;
                requests.emplace_back(SaveNote{state.person->card.person.id, state.keyboard.text});
            }
            return;
        }
        case StaffPage::WalkIn: {
            const KeyResult result = press(state.keyboard, key);
            state.walk_in.fields[static_cast<std::size_t>(state.walk_in.focus)] =
                state.keyboard.text;
            if (result.done) focus_field(state, (state.walk_in.focus + 1) % 3);
            return;
        }
        case StaffPage::ChooseStaff:
        case StaffPage::Dashboard:
        case StaffPage::Rebalance:
        case StaffPage::Settings:
            return;
    }
}

void on_tap(StaffState& state, const StaffIntent& intent, Instant now,
            std::vector<StaffRequest>& requests) {
    // A confirmation lasts exactly one tap: anything else in between cancels it.
    const bool confirming_cancel = state.confirming_cancel;
    const bool confirming_exit = state.confirming_exit;
    state.confirming_cancel = false;
    state.confirming_exit = false;
    if (!std::holds_alternative<KeyTapped>(intent)) say(state, "");

    std::visit(
        Overloaded{
            [&](const CloseStaff&) {},  // handled by the caller
            [&](const ChooseStaffMember& chosen) {
                if (state.page != StaffPage::ChooseStaff) return;
                const auto member =
                    std::find_if(state.staff.begin(), state.staff.end(),
                                 [&](const StaffMember& m) { return m.id == chosen.id; });
                if (member == state.staff.end()) return;
                state.candidate_id = member->id;
                state.candidate_name = member->name;
                state.pin_pad = pin_pad();
                state.attempts_left = -1;
                state.locked_until_ms = member->locked_until_ms;
                state.unknown_staff = false;
                state.page = StaffPage::Pin;
            },
            [&](const KeyTapped& tapped) { on_key(state, tapped.key, now, requests); },
            [&](const GoTo& go) {
                if (go.page == StaffPage::ChooseStaff && !state.signed_in) {
                    state.page = StaffPage::ChooseStaff;
                    state.pin_pad = pin_pad();
                    requests.emplace_back(LoadStaffList{});
                    return;
                }
                if (!state.signed_in || !signed_in_page(go.page) || go.page == StaffPage::Person)
                    return;
                if (const auto needed = action_for(go.page); needed && !can(state, *needed)) return;
                enter_page(state, go.page, now, requests);
            },
            [&](const OpenPerson& open) {
                if (!state.signed_in) return;
                state.busy = true;
                requests.emplace_back(LoadPerson{open.id});
            },
            [&](const TapAction& tap) {
                if (state.page != StaffPage::Person || !state.person || state.busy) return;
                if (!can(state, action_for(tap.action))) return;
                if (tap.action == PersonAction::Cancel && !confirming_cancel) {
                    state.confirming_cancel = true;
                    return;
                }
                state.busy = true;
                requests.emplace_back(ActOnPerson{state.person->card.person.id, tap.action});
            },
            [&](const ChooseGroup& choose) {
                if (state.page == StaffPage::WalkIn) {
                    state.walk_in.group_id = choose.group_id;
                    return;
                }
                if (state.page != StaffPage::Person || !state.person || state.busy ||
                    !can(state, StaffAction::Move)) {
                    return;
                }
                if (choose.group_id.empty() ||
                    choose.group_id == state.person->card.person.group_id)
                    return;
                state.busy = true;
                requests.emplace_back(MovePerson{state.person->card.person.id, choose.group_id});
            },
            [&](const EditNote&) {
                if (state.page != StaffPage::Person || !state.person) return;
                state.editing_note = !state.editing_note;
                state.keyboard = text_keyboard(state.language, state.person->card.person.notes);
            },
            [&](const FocusField& focus) {
                if (state.page == StaffPage::WalkIn) focus_field(state, focus.field);
            },
            [&](const ChooseRole& role) {
                if (state.page == StaffPage::WalkIn) state.walk_in.role = role.role;
            },
            [&](const ToggleProposal& toggle) {
                if (state.page != StaffPage::Rebalance) return;
                if (toggle.index < 0) {
                    const bool all = std::all_of(state.chosen.begin(), state.chosen.end(),
                                                 [](bool b) { return b; });
                    std::fill(state.chosen.begin(), state.chosen.end(), !all);
                } else if (static_cast<std::size_t>(toggle.index) < state.chosen.size()) {
                    state.chosen[static_cast<std::size_t>(toggle.index)] =
                        !state.chosen[static_cast<std::size_t>(toggle.index)];
                }
            },
            [&](const ConfirmProposals&) {
                if (state.page != StaffPage::Rebalance || state.busy ||
                    !can(state, StaffAction::Move))
                    return;
                ApplyProposals apply;
                for (std::size_t i = 0; i < state.proposals.size() && i < state.chosen.size();
                     ++i) {
                    if (state.chosen[i]) apply.moves.push_back(state.proposals[i]);
                }
                if (apply.moves.empty()) return;
                state.busy = true;
                requests.emplace_back(std::move(apply));
            },
            [&](const ToggleShowTicket&) {
                if (state.page == StaffPage::Person) state.show_ticket = !state.show_ticket;
            },
            [&](const ChangeSetting& change) {
                if (state.page != StaffPage::Settings || !can(state, StaffAction::Settings)) return;
                state.settings = change.settings;
                state.language = change.settings.language;
                requests.emplace_back(ApplySettings{change.settings});
                say(state, "settings_saved");
            },
            [&](const RequestExit&) {
                if (state.page != StaffPage::Settings || !can(state, StaffAction::Exit)) return;
                if (!confirming_exit) {
                    state.confirming_exit = true;
                    return;
                }
                requests.emplace_back(ExitKiosk{});
            },
            [&](const SubmitWalkIn&) {
                if (state.page != StaffPage::WalkIn || state.busy ||
                    !can(state, StaffAction::WalkIn))
                    return;
                state.walk_in.fields[static_cast<std::size_t>(state.walk_in.focus)] =
                    state.keyboard.text;
                if (state.walk_in.fields[0].empty()) {
                    say(state, "name_required", "", true);
                    return;
                }
                RegisterWalkIn request;
                request.walk_in.name = state.walk_in.fields[0];
                request.walk_in.reading = state.walk_in.fields[1];
                request.walk_in.organization = state.walk_in.fields[2];
                request.walk_in.role = state.walk_in.role;
                if (!state.walk_in.group_id.empty())
                    request.walk_in.group_id = state.walk_in.group_id;
                state.busy = true;
                requests.emplace_back(std::move(request));
            },
        },
        intent);
}

void on_reply(StaffState& state, const StaffReply& reply, Instant now,
              std::vector<StaffRequest>& requests) {
    std::visit(Overloaded{
                   [&](const StaffListLoaded& list) { state.staff = list.staff; },
                   [&](const PinChecked& checked) {
                       state.verifying = false;
                       state.pin_pad = pin_pad();
                       std::visit(
                           Overloaded{
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
                       if (state.page != StaffPage::Search || done.query != state.keyboard.text)
                           return;
                       state.results = done.rows;
                       state.results_query = done.query;
                   },
                   [&](const PersonLoaded& loaded) {
                       state.busy = false;
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
                   [&](const DashboardLoaded& loaded) { state.dashboard = loaded.dashboard; },
                   [&](const ProposalsLoaded& loaded) {
                       state.proposals_loaded = true;
                       state.proposals = loaded.moves;
                       state.chosen.assign(state.proposals.size(), true);
                   },
                   [&](const SettingsLoaded& loaded) { state.settings = loaded.settings; },
                   [&](const GroupsLoaded& loaded) { state.groups = loaded.groups; },
               },
               reply);
}

}  // namespace

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
            requests.emplace_back(LoadDashboard{});
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
