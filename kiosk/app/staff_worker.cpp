#include "kiosk/app/staff_worker.hpp"

#include <fmt/format.h>

#include <chrono>
#include <exception>
#include <filesystem>
#include <map>

#include "kiosk/core/checkin/checkin.hpp"
#include "kiosk/core/checkin/dashboard.hpp"
#include "kiosk/core/checkin/report.hpp"
#include "kiosk/core/groups/group_planning.hpp"
#include "kiosk/core/model/local_time.hpp"
#include "kiosk/core/roster/search.hpp"
#include "kiosk/core/staff/staff.hpp"
#include "kiosk/core/tickets/qr.hpp"
#include "kiosk/core/tickets/ticket_issuer.hpp"

namespace uketsuke::ui {
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

StaffDesk::StaffDesk(EventStore& store, std::string kiosk_id, std::string event_path)
    : store_(store), kiosk_id_(std::move(kiosk_id)) {
    time_zone_ = store_.event().time_zone;
    // A kiosk normally holds only public keys; at the organizer's own desk the secret key sits
    // beside the event file, and then a person's ticket can be shown signed.
    const auto secret = secret_key_path_for(event_path);
    if (std::filesystem::exists(secret)) {
        if (auto loaded = load_secret_key(store_, secret); loaded) secret_key_ = loaded.key;
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
    return c;
}

std::vector<GroupChoice> StaffDesk::group_choices() {
    std::map<std::string, int> seated;
    for (const auto& p : store_.participants()) {
        if (!p.group_id.empty() && p.status == RegistrationStatus::Registered) ++seated[p.group_id];
    }
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

PersonLoaded StaffDesk::load_person(const std::string& id) {
    PersonLoaded loaded;
    auto person = store_.participant(id);
    if (!person) return loaded;
    PersonCard& card = loaded.card;
    card.person = *person;
    if (!person->group_id.empty()) {
        if (auto group = store_.group(person->group_id)) {
            card.group_name = group->name;
            card.table_label = group->table_label;
        }
    }
    const Attendance attendance = fold_attendance(store_.checkins_of(id));
    card.checked_in = attendance.checked_in;
    if (attendance.first)
        card.checked_in_at = local_hour_minute(attendance.first->wall_ms, time_zone_);
    card.history = person_history(store_, id);
    for (const auto& entry : card.history)
        card.history_times.push_back(local_hour_minute(entry.wall_ms, time_zone_));
    card.ticket_text = ticket_text_for(store_, *person, secret_key_);
    if (!card.ticket_text.empty()) card.ticket_qr = make_qr(card.ticket_text, QrLevel::M);
    loaded.groups = group_choices();
    return loaded;
}

std::optional<StaffWorkerResult> StaffDesk::handle(const StaffRequest& request,
                                                   std::int64_t now_ms) {
    StaffWorkerResult out;
    const bool may_act = signed_in_.has_value();
    auto needs = [&](StaffAction action) {
        return signed_in_ && allowed(signed_in_->role, action);
    };
    // The screen does not offer what a role may not do; should a request come anyway, it gets
    // an answer (the screen waits for one) and changes nothing.
    auto forbidden = [&] {
        return std::optional<StaffWorkerResult>(
            StaffWorkerResult{StaffReply{refused("not allowed for this staff role")}, {}, {}});
    };

    if (std::holds_alternative<LoadStaffList>(request)) {
        out.reply = StaffListLoaded{list_staff(store_)};
    } else if (const auto* verify = std::get_if<VerifyPin>(&request)) {
        const PinResult result = attempt_pin(store_, verify->staff_id, verify->pin, now_ms);
        if (const auto* ok = std::get_if<PinOk>(&result)) {
            signed_in_ = ok->staff;
            out.log =
                fmt::format("staff {} signed in ({})", ok->staff.id, to_string(ok->staff.role));
        } else {
            out.log = fmt::format("staff {}: PIN refused", verify->staff_id);
        }
        out.reply = PinChecked{result};
    } else if (std::holds_alternative<SignOut>(request)) {
        if (!signed_in_) return std::nullopt;
        out.log = fmt::format("staff {} signed out", signed_in_->id);
        signed_in_.reset();
        return out;
    } else if (!may_act) {
        return std::nullopt;  // nobody signed in: a late request after closing
    } else if (const auto* search = std::get_if<RunSearch>(&request)) {
        SearchDone done;
        done.query = search->query;
        std::map<std::string, std::string> group_names;
        for (const auto& g : store_.groups()) group_names[g.id] = g.name;
        for (const auto& hit : search_people(store_, search->query, kSearchLimit)) {
            const Participant& p = hit.participant;
            done.rows.push_back(PersonRow{p.id, p.name, p.reading, p.organization,
                                          group_names[p.group_id],
                                          fold_attendance(store_.checkins_of(p.id)).checked_in,
                                          p.status == RegistrationStatus::Cancelled});
        }
        out.reply = std::move(done);
    } else if (const auto* load = std::get_if<LoadPerson>(&request)) {
        out.reply = load_person(load->id);
    } else if (const auto* act = std::get_if<ActOnPerson>(&request)) {
        ActionDone done;
        CheckinService service(store_);
        const CheckinContext checkin_context{kiosk_id_, signed_in_->id, CheckinMethod::Manual,
                                             now_ms};
        switch (act->action) {
            case PersonAction::CheckIn: {
                if (!needs(StaffAction::CheckIn)) return forbidden();
                const CheckinResult result = service.check_in_participant(act->id, checkin_context);
                done = result.outcome == CheckinOutcome::CheckedIn
                           ? ActionDone{true, "checked_in", "", {}, {}}
                       : result.outcome == CheckinOutcome::AlreadyChecked
                           ? ActionDone{true, "already_checked_in", "", {}, {}}
                           : refused(std::string(to_string(result.outcome)));
                out.arrived = store_.arrived_count();
                break;
            }
            case PersonAction::Undo: {
                if (!needs(StaffAction::Undo)) return forbidden();
                const UndoResult result = service.undo_participant(act->id, checkin_context);
                done = result.outcome == UndoOutcome::Undone
                           ? ActionDone{true, "undone", "", {}, {}}
                           : refused(std::string(to_string(result.outcome)));
                out.arrived = store_.arrived_count();
                break;
            }
            case PersonAction::Cancel:
            case PersonAction::Reinstate: {
                const ActionResult result =
                    act->action == PersonAction::Cancel
                        ? cancel_person(store_, act->id, context(now_ms))
                        : reinstate_person(store_, act->id, context(now_ms));
                done = result ? ActionDone{true,
                                           act->action == PersonAction::Cancel ? "cancelled"
                                                                               : "reinstated",
                                           result.warning,
                                           {},
                                           {}}
                              : refused(result.error);
                break;
            }
        }
        out.log = fmt::format("staff {} on {}: {}", signed_in_->id, act->id, done.message_key);
        done.refreshed = load_person(act->id);
        out.reply = std::move(done);
    } else if (const auto* move = std::get_if<MovePerson>(&request)) {
        const ActionResult result = move_person(store_, move->id, move->group_id, context(now_ms));
        ActionDone done =
            result ? ActionDone{true, "moved", result.warning, {}, {}} : refused(result.error);
        done.refreshed = load_person(move->id);
        out.log = fmt::format("staff {} moved {}: {}", signed_in_->id, move->id, done.message_key);
        out.reply = std::move(done);
    } else if (const auto* note = std::get_if<SaveNote>(&request)) {
        const ActionResult result = set_note(store_, note->id, note->note, context(now_ms));
        ActionDone done =
            result ? ActionDone{true, "note_saved", "", {}, {}} : refused(result.error);
        done.refreshed = load_person(note->id);
        out.reply = std::move(done);
    } else if (const auto* walk_in = std::get_if<RegisterWalkIn>(&request)) {
        const WalkInResult result =
            register_walk_in(store_, walk_in->walk_in, context(now_ms), secret_key_);
        WalkInDone done;
        done.ok = static_cast<bool>(result);
        done.error = result.error;
        done.warning = result.warning;
        if (result) {
            done.person = load_person(result.participant.id);
            out.arrived = store_.arrived_count();
            out.log = fmt::format("staff {} registered walk-in {}", signed_in_->id,
                                  result.participant.id);
        }
        out.reply = std::move(done);
    } else if (std::holds_alternative<LoadDashboard>(request)) {
        out.reply = DashboardLoaded{build_dashboard(store_, now_ms)};
    } else if (std::holds_alternative<LoadGroups>(request)) {
        out.reply = GroupsLoaded{group_choices()};
    } else if (std::holds_alternative<LoadProposals>(request)) {
        out.reply = ProposalsLoaded{propose_rebalance_moves(store_)};
    } else if (const auto* apply = std::get_if<ApplyProposals>(&request)) {
        if (!needs(StaffAction::Move)) return forbidden();
        // One transaction: all the chosen moves or, if the seating changed since the proposal,
        // none, with a fresh proposal to choose from. Each move is logged with who and where.
        const GroupPlanResult result =
            apply_moves(store_, apply->moves, kiosk_id_, now_ms, signed_in_->id, signed_in_->name);
        ActionDone done{result.applied,
                        result.applied ? "moves_applied" : "refused",
                        result.applied ? std::to_string(result.moves.size()) : result.error,
                        {},
                        propose_rebalance_moves(store_)};
        out.log = fmt::format("staff {} applied {} moves", signed_in_->id, result.moves.size());
        out.reply = std::move(done);
    } else {
        return std::nullopt;  // settings and exit are the app's
    }
    return out;
}

StaffWorker::StaffWorker(std::string event_path, std::string kiosk_id, std::function<void()> wake)
    : event_path_(std::move(event_path)),
      kiosk_id_(std::move(kiosk_id)),
      wake_(std::move(wake)),
      thread_([this] { run(); }) {}

StaffWorker::~StaffWorker() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void StaffWorker::submit(StaffRequest request) {
    {
        std::lock_guard lock(mutex_);
        jobs_.push_back(std::move(request));
    }
    changed_.notify_all();
}

std::vector<StaffWorkerResult> StaffWorker::take_results() {
    std::lock_guard lock(mutex_);
    return std::exchange(results_, {});
}

void StaffWorker::run() {
    std::optional<EventStore> store;
    std::optional<StaffDesk> desk;
    std::optional<StaffMember> signed_in;  // survives a reopened connection
    // Bring the search index up to date now, while nobody waits: after an import of 100,000
    // people it takes seconds, and the first keystroke in staff mode should not pay for it.
    try {
        store.emplace(EventStore::open(event_path_));
        desk.emplace(*store, kiosk_id_, event_path_);
        (void)search_people(*store, "0", 1);
    } catch (const std::exception&) {
        desk.reset();
        store.reset();  // tried again on the first request, which reports the failure
    }
    for (;;) {
        StaffRequest job;
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
            if (stopping_) return;
            // Typing runs ahead: of several searches waiting, only the newest is worth running.
            job = std::move(jobs_.front());
            jobs_.pop_front();
            while (std::holds_alternative<RunSearch>(job) && !jobs_.empty() &&
                   std::holds_alternative<RunSearch>(jobs_.front())) {
                job = std::move(jobs_.front());
                jobs_.pop_front();
            }
        }
        std::optional<StaffWorkerResult> result;
        try {
            if (!desk) {
                store.emplace(EventStore::open(event_path_));
                desk.emplace(*store, kiosk_id_, event_path_);
                desk->restore_sign_in(signed_in);
            }
            result = desk->handle(job, wall_now_ms());
            signed_in = desk->signed_in();
        } catch (const std::exception& error) {
            // The database failed: say so on the staff screen and start afresh next time.
            desk.reset();
            store.reset();
            result =
                StaffWorkerResult{StaffReply{ActionDone{false, "failed", error.what(), {}, {}}},
                                  {},
                                  std::string("staff request failed: ") + error.what()};
        }
        if (!result) continue;
        {
            std::lock_guard lock(mutex_);
            results_.push_back(std::move(*result));
        }
        if (wake_) wake_();
    }
}

}  // namespace uketsuke::ui
