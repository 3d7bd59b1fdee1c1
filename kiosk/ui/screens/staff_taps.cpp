// Staff mode's answers to taps and keys: moving between pages, the keyboards, person actions,
// the walk-in form, rebalancing and settings (staff_steps.hpp).

#include <algorithm>

#include "kiosk/ui/screens/staff_steps.hpp"

namespace uketsuke::ui::staff_steps {
namespace {

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
        case PersonAction::ReprintTag:  // whoever may check a person in may give them a tag
            return StaffAction::CheckIn;
        case PersonAction::Undo:
            return StaffAction::Undo;
        case PersonAction::Cancel:
        case PersonAction::Reinstate:
            return StaffAction::Cancel;
        case PersonAction::Acknowledge:
            return StaffAction::Search;  // any staff member
        case PersonAction::FlagNote:
        case PersonAction::ClearAttention:
            return StaffAction::Attention;
    }
    return StaffAction::Cancel;
}

void focus_field(StaffState& state, WalkInField field) {
    // Back at the organization from another field: the list first again.
    if (field != state.walk_in.focus) state.walk_in.typing_organization = false;
    state.walk_in.field(state.walk_in.focus) = state.keyboard.text;
    state.walk_in.focus = field;
    state.keyboard.text = state.walk_in.field(field);
    state.keyboard.shift = Shift::Off;
    // The reading is kana whatever the screen's language; names and organizations start in
    // the screen's own script.
    if (field == WalkInField::Reading) {
        state.keyboard.layout = KeyboardLayout::Kana;
    } else {
        state.keyboard.layout = text_keyboard(state.language).layout;
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
            state.walk_in.field(state.walk_in.focus) = state.keyboard.text;
            if (result.done) focus_field(state, next_field(state.walk_in.focus));
            return;
        }
        case StaffPage::ChooseStaff:
        case StaffPage::Dashboard:
        case StaffPage::Rebalance:
        case StaffPage::Settings:
            return;
    }
}

}  // namespace

void enter_page(StaffState& state, StaffPage page, Instant now,
                std::vector<StaffRequest>& requests) {
    if (state.page == StaffPage::WalkIn && page != StaffPage::WalkIn)
        focus_field(state, state.walk_in.focus);
    const StaffPage from = state.page;
    state.page = page;
    state.editing_note = false;
    state.show_ticket = false;
    state.correcting_session.clear();
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
            state.dashboard_tabs_first = -1;
            requests.emplace_back(LoadDashboard{state.dashboard_choice});
            break;
        case StaffPage::Rebalance:
            state.proposals.clear();
            state.chosen.clear();
            state.proposals_loaded = false;
            requests.emplace_back(LoadProposals{});
            break;
        case StaffPage::Settings:
            requests.emplace_back(LoadSettings{});
            if (can(state, StaffAction::PinSession)) requests.emplace_back(LoadSessionPin{});
            break;
        case StaffPage::ChooseStaff:
        case StaffPage::Pin:
        case StaffPage::Person:
            break;
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
            [&](const ChooseDashboardSession& chosen) {
                if (state.page != StaffPage::Dashboard || !state.signed_in) return;
                state.dashboard_choice = chosen.session_id;
                state.dashboard_at = now;
                requests.emplace_back(LoadDashboard{chosen.session_id});
            },
            [&](const ShowDashboardSessions& shown) {
                if (state.page != StaffPage::Dashboard) return;
                const int last = static_cast<int>(state.dashboard_sessions.size()) - 1;
                state.dashboard_tabs_first = std::clamp(shown.first, 0, std::max(0, last));
            },
            [&](const ChooseAttendanceCell& cell) {
                if (state.page != StaffPage::Person || !state.person ||
                    !can(state, StaffAction::CorrectSession))
                    return;
                state.correcting_session =
                    state.correcting_session == cell.session_id ? std::string() : cell.session_id;
                state.editing_note = false;
                state.show_ticket = false;
            },
            [&](const ChooseCorrection& chosen) {
                if (state.page != StaffPage::Person || !state.person || state.busy ||
                    state.correcting_session.empty() || !can(state, StaffAction::CorrectSession))
                    return;
                state.busy = true;
                requests.emplace_back(CorrectAttendance{
                    state.person->card.person.id, state.correcting_session, chosen.correction});
            },
            [&](const ChoosePinnedSession& chosen) {
                if (state.page != StaffPage::Settings || state.busy || !state.session_pin ||
                    !can(state, StaffAction::PinSession))
                    return;
                if (chosen.session_id == state.session_pin->pinned_id) return;
                state.busy = true;
                requests.emplace_back(PinSession{chosen.session_id});
            },
            [&](const OpenPerson& open) {
                if (!state.signed_in) return;
                state.busy = true;
                requests.emplace_back(LoadPerson{open.id});
            },
            [&](const TapAction& tap) {
                if (state.page != StaffPage::Person || !state.person || state.busy) return;
                // Undo: the worker said whether it will work for this member (own_undo.hpp).
                if (tap.action == PersonAction::Undo ? !state.person->card.can_undo
                                                     : !can(state, action_for(tap.action)))
                    return;
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
            [&](const ChooseOrganization& choose) {
                if (state.page != StaffPage::WalkIn) return;
                state.walk_in.organization = choose.name;
                if (state.walk_in.focus == WalkInField::Organization)
                    state.keyboard.text = choose.name;
            },
            [&](const TypeOrganization& type) {
                if (state.page != StaffPage::WalkIn) return;
                focus_field(state, WalkInField::Organization);
                state.walk_in.typing_organization = type.typing;
            },
            [&](const ShowOrganizations& show) {
                if (state.page != StaffPage::WalkIn) return;
                const int count = static_cast<int>(state.organizations.size());
                state.organizations_first = std::clamp(show.first, 0, std::max(0, count - 1));
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
                state.walk_in.field(state.walk_in.focus) = state.keyboard.text;
                if (state.walk_in.name.empty()) {
                    say(state, "name_required", "", true);
                    return;
                }
                RegisterWalkIn request;
                request.walk_in.name = state.walk_in.name;
                request.walk_in.reading = state.walk_in.reading;
                request.walk_in.organization = state.walk_in.organization;
                request.walk_in.role = state.walk_in.role;
                if (!state.walk_in.group_id.empty())
                    request.walk_in.group_id = state.walk_in.group_id;
                state.busy = true;
                requests.emplace_back(std::move(request));
            },
        },
        intent);
}

}  // namespace uketsuke::ui::staff_steps
