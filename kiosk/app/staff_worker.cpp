#include "kiosk/app/staff_worker.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <exception>
#include <filesystem>
#include <map>
#include <type_traits>
#include <variant>

#include "kiosk/core/attendance/attendance_record.hpp"
#include "kiosk/core/checkin/checkin.hpp"
#include "kiosk/core/checkin/dashboard.hpp"
#include "kiosk/core/checkin/report.hpp"
#include "kiosk/core/checkin/session_clock.hpp"
#include "kiosk/core/groups/group_planning.hpp"
#include "kiosk/core/model/local_time.hpp"
#include "kiosk/core/roster/search.hpp"
#include "kiosk/core/staff/attention.hpp"
#include "kiosk/core/staff/own_undo.hpp"
#include "kiosk/core/staff/session_correction.hpp"
#include "kiosk/core/staff/session_pin.hpp"
#include "kiosk/core/staff/staff.hpp"
#include "kiosk/core/staff/walk_in_organizations.hpp"
#include "kiosk/core/tickets/qr.hpp"
#include "kiosk/core/tickets/ticket_issuer.hpp"

namespace uketsuke::app {

using namespace ui;  // the requests and replies of staff mode's screens
namespace {

std::int64_t wall_now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

ActionDone refused(std::string detail) {
    return ActionDone{false, "refused", std::move(detail), {}, {}};
}

}  // namespace

StaffDesk::StaffDesk(EventStore& store, std::string kiosk_id, std::string event_path,
                     std::string room)
    : store_(store), kiosk_id_(std::move(kiosk_id)), room_(std::move(room)) {
    time_zone_ = store_.event().time_zone;
    // A kiosk normally holds only public keys; at the organizer's own desk the secret key sits
    // beside the event file, and then a person's ticket can be shown signed.
    const auto secret = secret_key_path_for(event_path);
    if (std::filesystem::exists(secret)) {
        if (auto loaded = load_secret_key(store_, secret); loaded) secret_key_ = loaded.key;
    }
    // The staff key (staff_key.hpp) is copied beside the event file, never into it. Without it
    // PINs set with it cannot be checked and are answered as wrong; the log says why.
    const auto staff_key = staff_key_path_for(event_path);
    if (std::filesystem::exists(staff_key)) {
        if (auto loaded = load_staff_key(store_, staff_key); loaded) {
            staff_key_ = std::move(loaded).value();
        } else {
            staff_key_problem_ = loaded.error();
        }
    }
}

StaffContext StaffDesk::context(std::int64_t now_ms) const {
    StaffContext c;
    c.kiosk = kiosk_id_;
    if (signed_in_) {
        c.staff_id = signed_in_->id;
        c.staff_name = signed_in_->name;
    }
    c.wall_ms = now_ms;
    c.session_id = session_at(now_ms);
    return c;
}

// The session the desk works on: the one a supervisor pinned (session_pin.hpp), the kiosk's
// by the clock (session_clock.hpp), else the next to open
// today, so staff can prepare before the doors open; "" when neither (an event of several
// sessions then refuses check-ins with a message until one opens).
std::string StaffDesk::session_at(std::int64_t now_ms) const {
    if (const auto pin = session_pin(store_, kiosk_id_, now_ms, time_zone_)) return pin->session.id;
    if (const auto session = kiosk_session(store_, now_ms, room_)) return session->id;
    const SessionChoice choice = choose_session(store_.sessions(), time_zone_, now_ms, room_);
    return choice.session ? choice.session->id : std::string();
}

SessionPinLoaded StaffDesk::session_pin_state(std::int64_t now_ms) const {
    SessionPinLoaded loaded;
    const std::vector<Session> sessions = store_.sessions();
    if (sessions.size() > 1)
        for (const Session& s : sessions) loaded.sessions.push_back(SessionTab{s.id, s.name});
    if (const auto pin = session_pin(store_, kiosk_id_, now_ms, time_zone_)) {
        loaded.pinned_id = pin->session.id;
        loaded.pinned_by = pin->staff_name;
        loaded.pinned_at = local_hour_minute(pin->wall_ms, time_zone_);
    }
    if (const auto clock = kiosk_session(store_, now_ms, room_)) loaded.clock_session = clock->name;
    return loaded;
}

// The person's row of the 出席簿 (attendance_record.hpp's rules, so the card and
// `uketsuke attendance` agree), for an event of several sessions; empty for one.
std::vector<SessionAttendanceCell> StaffDesk::attendance_row(const Participant& person) const {
    AttendanceInput input;
    input.time_zone = time_zone_;
    input.sessions = store_.sessions();
    if (input.sessions.size() < 2) return {};
    input.participants = {person};
    for (const auto& session : input.sessions) {
        const std::vector<std::string> expected = store_.expected_at(session.id);
        if (std::find(expected.begin(), expected.end(), person.id) != expected.end())
            input.expected[session.id] = {person.id};
        else
            input.expected[session.id] = {};
    }
    input.checkins = store_.checkins_of(person.id);
    input.now_ms = wall_now_ms();
    const auto record = build_attendance_record(input);
    std::vector<SessionAttendanceCell> row;
    if (!record || record.value().people.empty()) return row;
    const AttendanceRecord& built = record.value();
    const PersonAttendance& mine = built.people.front();
    for (std::size_t i = 0; i < built.sessions.size() && i < mine.cells.size(); ++i) {
        const Session& session = built.sessions[i].session;
        row.push_back(SessionAttendanceCell{session.name,
                                            std::string(session_mark_symbol(mine.cells[i].mark)),
                                            session.id, session.records_leave});
    }
    return row;
}

std::vector<GroupChoice> StaffDesk::group_choices() {
    // Counted by the file, not by loading every participant (a person card opened at 16,000
    // people read them all).
    auto seated = store_.seated_per_group();
    std::vector<GroupChoice> choices;
    for (const auto& g : store_.groups()) {
        std::string label = g.name;
        if (!g.table_label.empty() && g.table_label != g.name) label += " · " + g.table_label;
        label += g.capacity > 0 ? fmt::format(" ({}/{})", seated[g.id], g.capacity)
                                : fmt::format(" ({})", seated[g.id]);
        choices.push_back(GroupChoice{g.id, label});
    }
    return choices;
}

PersonLoaded StaffDesk::load_person(const std::string& id, std::int64_t now_ms) {
    PersonLoaded loaded;
    auto person = store_.participant(id);
    if (!person) return loaded;
    PersonCard& card = loaded.card;
    card.person = *person;
    // Between the sessions of a series there is no session to be checked in at.
    const std::string session = session_at(now_ms);
    // The group and table as this session seats them (its own seating, else the event's).
    if (const auto group = store_.seated_group(session, id)) {
        card.group_name = group->name;
        card.table_label = group->table_label;
    }
    const Attendance attendance =
        session.empty() ? Attendance{} : fold_attendance(store_.checkins_of(id, session));
    card.checked_in = attendance.checked_in;
    if (attendance.first)
        card.checked_in_at = local_hour_minute(attendance.first->wall_ms, time_zone_);
    card.history = person_history(store_, id);
    for (const auto& entry : card.history)
        card.history_times.push_back(local_hour_minute(entry.wall_ms, time_zone_));
    card.attendance = attendance_row(*person);
    if (const auto flag = attention_of(store_, id)) {
        card.attention = flag->text;
        card.attention_acknowledged = flag->acknowledged;
        card.attention_acknowledged_by = flag->acknowledged_by;
        if (flag->acknowledged)
            card.attention_acknowledged_at = local_hour_minute(flag->acknowledged_ms, time_zone_);
    }
    // The note as a flag would read: offered only when it would say something new.
    const std::string note = clean_attention_text(person->notes);
    card.note_can_flag = !note.empty() && note != card.attention;
    card.can_undo = card.checked_in && signed_in_ &&
                    undo_refusal(store_, *signed_in_, id, session, now_ms).empty();
    card.ticket_text = ticket_text_for(store_, *person, secret_key_);
    if (!card.ticket_text.empty()) card.ticket_qr = make_qr(card.ticket_text, QrLevel::M);
    loaded.groups = group_choices();
    return loaded;
}

// One handler per request. The screen does not offer what a role may not do; should a request
// come anyway, it gets an answer (the screen waits for one) and changes nothing.
struct StaffDesk::Answer {
    using Out = std::optional<StaffWorkerResult>;
    StaffDesk& desk;
    std::int64_t now_ms;

    bool may(StaffAction action) const {
        return desk.signed_in_ && allowed(desk.signed_in_->role, action);
    }
    static Out reply(StaffReply reply, std::string log = {},
                     std::optional<std::int64_t> arrived = std::nullopt) {
        return StaffWorkerResult{std::move(reply), arrived, std::move(log), false};
    }
    static Out forbidden() { return reply(refused("not allowed for this staff role")); }
    const std::string& staff_id() const { return desk.signed_in_->id; }

    Out operator()(const LoadStaffList&) const {
        return reply(StaffListLoaded{list_staff(desk.store_)});
    }

    Out operator()(const VerifyPin& verify) const {
        PinAttemptContext attempt;
        attempt.kiosk = desk.kiosk_id_;
        attempt.key = desk.staff_key_ ? &*desk.staff_key_ : nullptr;
        const PinResult result =
            attempt_pin(desk.store_, verify.staff_id, verify.pin, now_ms, attempt);
        std::string log;
        if (const auto* ok = std::get_if<PinOk>(&result)) {
            desk.signed_in_ = ok->staff;
            log = fmt::format("staff {} signed in ({})", ok->staff.id, to_string(ok->staff.role));
        } else {
            log = fmt::format("staff {}: PIN refused", verify.staff_id);
            if (!desk.staff_key_problem_.empty()) {
                log += " (the staff key cannot be used: " + desk.staff_key_problem_ + ")";
            } else if (!desk.staff_key_) {
                log +=
                    " (no staff key beside the event file: PINs set with one cannot be checked "
                    "here)";
            }
        }
        return reply(PinChecked{result}, std::move(log));
    }

    Out operator()(const SignOut&) const {
        if (!desk.signed_in_) return std::nullopt;
        StaffWorkerResult out;
        out.log = fmt::format("staff {} signed out", staff_id());
        desk.signed_in_.reset();
        return out;
    }

    Out operator()(const RunSearch& search) const {
        SearchDone done;
        done.query = search.query;
        std::map<std::string, std::string> group_names;
        for (const auto& g : desk.store_.groups()) group_names[g.id] = g.name;
        const std::string session = desk.session_at(now_ms);
        for (const auto& hit : search_people(desk.store_, search.query, kSearchLimit)) {
            const Participant& p = hit.participant;
            done.rows.push_back(
                PersonRow{p.id, p.name, p.reading, p.organization, group_names[p.group_id],
                          !session.empty() &&
                              fold_attendance(desk.store_.checkins_of(p.id, session)).checked_in,
                          p.status == RegistrationStatus::Cancelled});
        }
        return reply(std::move(done));
    }

    Out operator()(const LoadPerson& load) const {
        return reply(desk.load_person(load.id, now_ms));
    }

    Out operator()(const ActOnPerson& act) const {
        if (!desk.signed_in_) return forbidden();
        ActionDone done;
        bool attention_changed = false;
        std::optional<std::int64_t> arrived;
        CheckinService service(desk.store_);
        const CheckinContext checkin_context{desk.kiosk_id_, staff_id(), CheckinMethod::Manual,
                                             now_ms, desk.session_at(now_ms)};
        switch (act.action) {
            case PersonAction::CheckIn: {
                if (!may(StaffAction::CheckIn)) return forbidden();
                const CheckinResult result = service.check_in_participant(act.id, checkin_context);
                done = result.outcome == CheckinOutcome::CheckedIn
                           ? ActionDone{true, "checked_in", "", {}, {}}
                       : result.outcome == CheckinOutcome::AlreadyChecked
                           ? ActionDone{true, "already_checked_in", "", {}, {}}
                           : refused(std::string(to_string(result.outcome)));
                arrived = desk.store_.arrived_count(service.session_of(checkin_context).id);
                break;
            }
            case PersonAction::Undo: {
                // Door staff their own hand check-in within a few minutes, supervisors any
                // (own_undo.hpp); a refusal says why.
                const StaffUndoResult result =
                    undo_as_staff(desk.store_, *desk.signed_in_, act.id, checkin_context);
                done = result ? ActionDone{true, "undone", "", {}, {}} : refused(result.error);
                arrived = desk.store_.arrived_count(service.session_of(checkin_context).id);
                break;
            }
            case PersonAction::ReprintTag: {
                if (!may(StaffAction::CheckIn)) return forbidden();
                // The print worker prints and logs it with this member (kiosk_loop.cpp).
                TagReprint asked{act.id, staff_id(), desk.signed_in_->name};
                Out out = reply(
                    ActionDone{true, "reprint_sent", "", desk.load_person(act.id, now_ms), {}},
                    fmt::format("staff {} reprint on {}", staff_id(), act.id));
                out->reprint = std::move(asked);
                return out;
            }
            case PersonAction::Cancel:
            case PersonAction::Reinstate: {
                const bool cancel = act.action == PersonAction::Cancel;
                const ActionResult result =
                    cancel ? cancel_person(desk.store_, act.id, desk.context(now_ms))
                           : reinstate_person(desk.store_, act.id, desk.context(now_ms));
                done = result ? ActionDone{true,
                                           cancel ? "cancelled" : "reinstated",
                                           result.warning,
                                           {},
                                           {}}
                              : refused(result.error);
                break;
            }
            case PersonAction::Acknowledge: {
                // Any staff member on the list (the core checks who, and logs them).
                const ActionResult result =
                    acknowledge_attention(desk.store_, act.id, desk.context(now_ms));
                done = result ? ActionDone{true, "attention_acknowledged", "", {}, {}}
                              : refused(result.error);
                attention_changed = static_cast<bool>(result);
                break;
            }
            case PersonAction::FlagNote:
            case PersonAction::ClearAttention: {
                if (!may(StaffAction::Attention)) return forbidden();
                const bool flag = act.action == PersonAction::FlagNote;
                const auto person = desk.store_.participant(act.id);
                // An empty note would clear the flag: flagging needs something to say.
                if (flag && (!person || clean_attention_text(person->notes).empty())) {
                    done = refused("there is no note to flag for the door");
                    break;
                }
                const ActionResult result = set_attention(
                    desk.store_, act.id, flag ? person->notes : "", desk.context(now_ms));
                done =
                    result
                        ? ActionDone{true, flag ? "attention_set" : "attention_cleared", "", {}, {}}
                        : refused(result.error);
                attention_changed = static_cast<bool>(result);
                break;
            }
        }
        std::string log = fmt::format("staff {} on {}: {}", staff_id(), act.id, done.message_key);
        done.refreshed = desk.load_person(act.id, now_ms);
        Out out = reply(std::move(done), std::move(log), arrived);
        out->attention_changed = attention_changed;
        return out;
    }

    Out operator()(const MovePerson& move) const {
        const ActionResult result =
            move_person(desk.store_, move.id, move.group_id, desk.context(now_ms));
        ActionDone done =
            result ? ActionDone{true, "moved", result.warning, {}, {}} : refused(result.error);
        done.refreshed = desk.load_person(move.id, now_ms);
        std::string log =
            fmt::format("staff {} moved {}: {}", staff_id(), move.id, done.message_key);
        return reply(std::move(done), std::move(log));
    }

    Out operator()(const CorrectAttendance& correct) const {
        if (!may(StaffAction::CorrectSession)) return forbidden();
        const ActionResult result = correct_session(desk.store_, correct.id, correct.session_id,
                                                    correct.correction, desk.context(now_ms));
        ActionDone done =
            result ? ActionDone{true, "corrected", "", {}, {}} : refused(result.error);
        done.refreshed = desk.load_person(correct.id, now_ms);
        std::string log =
            fmt::format("staff {} set {} at {} to {}: {}", staff_id(), correct.id,
                        correct.session_id, to_string(correct.correction), done.message_key);
        const std::string session = desk.session_at(now_ms);
        std::optional<std::int64_t> arrived;
        if (result && session == correct.session_id) arrived = desk.store_.arrived_count(session);
        return reply(std::move(done), std::move(log), arrived);
    }

    Out operator()(const SaveNote& note) const {
        const ActionResult result = set_note(desk.store_, note.id, note.note, desk.context(now_ms));
        ActionDone done =
            result ? ActionDone{true, "note_saved", "", {}, {}} : refused(result.error);
        done.refreshed = desk.load_person(note.id, now_ms);
        return reply(std::move(done));
    }

    Out operator()(const RegisterWalkIn& walk_in) const {
        const WalkInResult result =
            register_walk_in(desk.store_, walk_in.walk_in, desk.context(now_ms), desk.secret_key_);
        WalkInDone done;
        done.ok = static_cast<bool>(result);
        done.error = result.error;
        done.warning = result.warning;
        if (!result) return reply(std::move(done));
        done.person = desk.load_person(result.participant.id, now_ms);
        const std::string session = desk.session_at(now_ms);
        const std::int64_t arrived = session.empty() ? 0 : desk.store_.arrived_count(session);
        std::string log =
            fmt::format("staff {} registered walk-in {}", staff_id(), result.participant.id);
        return reply(std::move(done), std::move(log), arrived);
    }

    Out operator()(const LoadDashboard& load) const {
        // Staff may look at another session than the kiosk's; one that was removed meanwhile
        // falls back to the kiosk's.
        std::string session = desk.session_at(now_ms);
        if (!load.session_id.empty() && desk.store_.session(load.session_id))
            session = load.session_id;
        DashboardLoaded loaded;
        const std::vector<Session> sessions = desk.store_.sessions();
        if (sessions.size() > 1) {
            for (const Session& s : sessions) {
                loaded.sessions.push_back(SessionTab{s.id, s.name});
                if (s.id == session) loaded.session_name = s.name;
            }
        }
        loaded.session_id = session;
        loaded.dashboard = build_dashboard(desk.store_, now_ms, kNotArrivedCap, session);
        return reply(std::move(loaded));
    }
    Out operator()(const LoadGroups&) const {
        GroupsLoaded loaded{desk.group_choices()};
        for (auto& organization : walk_in_organizations(desk.store_))
            loaded.organizations.push_back({std::move(organization.name), organization.people});
        return reply(std::move(loaded));
    }
    Out operator()(const LoadProposals&) const {
        return reply(
            ProposalsLoaded{propose_rebalance_moves(desk.store_, desk.session_at(now_ms))});
    }

    Out operator()(const ApplyProposals& apply) const {
        if (!may(StaffAction::Move)) return forbidden();
        // One transaction: all the chosen moves or, if the seating changed since the proposal,
        // none, with a fresh proposal to choose from. Each move is logged with who and where.
        const std::string session = desk.session_at(now_ms);
        const GroupPlanResult result = apply_moves(desk.store_, apply.moves, desk.kiosk_id_, now_ms,
                                                   staff_id(), desk.signed_in_->name, session);
        ActionDone done{result.applied,
                        result.applied ? "moves_applied" : "refused",
                        result.applied ? std::to_string(result.moves.size()) : result.error,
                        {},
                        propose_rebalance_moves(desk.store_, session)};
        std::string log = fmt::format("staff {} applied {} moves", staff_id(), result.moves.size());
        return reply(std::move(done), std::move(log));
    }

    Out operator()(const LoadSessionPin&) const {
        if (!may(StaffAction::PinSession)) return forbidden();
        return reply(desk.session_pin_state(now_ms));
    }

    Out operator()(const PinSession& pin) const {
        if (!may(StaffAction::PinSession)) return forbidden();
        const ActionResult result = pin_session(desk.store_, pin.session_id, desk.context(now_ms));
        SessionPinLoaded loaded = desk.session_pin_state(now_ms);
        loaded.error = result.error;
        loaded.changed = static_cast<bool>(result);
        std::string log =
            !result ? fmt::format("staff {}: pin refused: {}", staff_id(), result.error)
            : pin.session_id.empty()
                ? fmt::format("staff {} set the session back to the clock", staff_id())
                : fmt::format("staff {} pinned session {}", staff_id(), pin.session_id);
        StaffWorkerResult out{std::move(loaded), std::nullopt, std::move(log), bool(result)};
        if (const std::string now = desk.session_at(now_ms); result && !now.empty())
            out.arrived = desk.store_.arrived_count(now);
        return out;
    }

    // The app's own (staff_session.hpp).
    Out operator()(const LoadSettings&) const { return std::nullopt; }
    Out operator()(const ApplySettings&) const { return std::nullopt; }
    Out operator()(const ExitKiosk&) const { return std::nullopt; }
};

namespace {

// What may be asked with nobody signed in; anything else then is a late request after closing.
template <class Request>
constexpr bool kBeforeSignIn =
    std::is_same_v<Request, LoadStaffList> || std::is_same_v<Request, VerifyPin> ||
    std::is_same_v<Request, SignOut>;

}  // namespace

std::optional<StaffWorkerResult> StaffDesk::handle(const StaffRequest& request,
                                                   std::int64_t now_ms) {
    return std::visit(
        [&](const auto& asked) -> std::optional<StaffWorkerResult> {
            if constexpr (!kBeforeSignIn<std::decay_t<decltype(asked)>>) {
                if (!signed_in_) return std::nullopt;
            }
            return Answer{*this, now_ms}(asked);
        },
        request);
}

StaffWorker::StaffWorker(std::string event_path, std::string kiosk_id, std::function<void()> wake,
                         std::string room)
    : event_path_(std::move(event_path)),
      kiosk_id_(std::move(kiosk_id)),
      room_(std::move(room)),
      jobs_({[this](const StaffRequest& request) { return handle(request); }, std::move(wake),
             [this] { prepare(); },
             // Typing runs ahead: of several searches waiting, only the newest is worth running.
             [](const StaffRequest& waiting, const StaffRequest& taken) {
                 return std::holds_alternative<RunSearch>(waiting) &&
                        std::holds_alternative<RunSearch>(taken);
             }}) {}

void StaffWorker::prepare() {
    // Bring the search index up to date now, while nobody waits: after an import of 100,000
    // people it takes seconds, and the first keystroke in staff mode should not pay for it.
    try {
        store_.emplace(EventStore::open(event_path_));
        desk_.emplace(*store_, kiosk_id_, event_path_, room_);
        (void)search_people(*store_, "0", 1);
    } catch (const std::exception&) {
        desk_.reset();
        store_.reset();  // tried again on the first request, which reports the failure
    }
}

std::optional<StaffWorkerResult> StaffWorker::handle(const StaffRequest& request) {
    try {
        if (!desk_) {
            store_.emplace(EventStore::open(event_path_));
            desk_.emplace(*store_, kiosk_id_, event_path_, room_);
            desk_->restore_sign_in(signed_in_);
        }
        std::optional<StaffWorkerResult> result = desk_->handle(request, wall_now_ms());
        signed_in_ = desk_->signed_in();
        return result;
    } catch (const std::exception& error) {
        // The database failed: say so on the staff screen and start afresh next time.
        desk_.reset();
        store_.reset();
        return StaffWorkerResult{StaffReply{ActionDone{false, "failed", error.what(), {}, {}}},
                                 {},
                                 std::string("staff request failed: ") + error.what(),
                                 false};
    }
}

}  // namespace uketsuke::app
