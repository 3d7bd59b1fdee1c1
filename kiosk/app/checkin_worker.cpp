#include "kiosk/app/checkin_worker.hpp"

#include <chrono>
#include <exception>
#include <string>

#include "kiosk/core/attendance/session_times.hpp"
#include "kiosk/core/checkin/session_clock.hpp"
#include "kiosk/core/model/local_time.hpp"
#include "kiosk/core/staff/attention.hpp"
#include "kiosk/core/staff/session_pin.hpp"

namespace uketsuke::app {
namespace {

// Whether this outcome wrote to the file (a check-in or a rejected scan): then it takes writes.
bool wrote(CheckinOutcome outcome) {
    return outcome != CheckinOutcome::AlreadyChecked && outcome != CheckinOutcome::Cancelled;
}

double elapsed_ms(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
}

}  // namespace

ui::SessionNow session_now(const std::vector<Session>& sessions, std::string_view time_zone,
                           std::int64_t now_ms, std::string_view room, std::string_view pinned) {
    ui::SessionNow now;
    now.several = sessions.size() > 1;
    for (const Session& session : sessions) {
        if (pinned.empty() || session.id != pinned) continue;
        now.name = session.name;
        now.records_leave = session.records_leave;
        now.pinned = true;
        return now;
    }
    if (const auto session = session_for_checkin(sessions, time_zone, now_ms, room)) {
        now.name = session->name;
        now.records_leave = session->records_leave;
        return now;
    }
    const SessionChoice choice = choose_session(sessions, time_zone, now_ms, room);
    switch (choice.verdict) {
        case SessionVerdict::Current:  // session_for_checkin would have taken it
        case SessionVerdict::BeforeOpening:
            now.status = ui::SessionStatus::BeforeOpening;
            break;
        case SessionVerdict::NoneToday:
            now.status = ui::SessionStatus::NoneToday;
            break;
        case SessionVerdict::ClockLooksWrong:
            now.status = ui::SessionStatus::ClockLooksWrong;
            break;
    }
    if (choice.session) now.name = choice.session->name;
    now.opens_at = choice.opens_at;
    return now;
}

ui::CheckinFinished make_leave_finished(std::uint64_t scan_id, const LeaveResult& leave,
                                        const std::optional<Participant>& participant,
                                        const Session& session, std::string_view time_zone) {
    ui::CheckinFinished out;
    out.scan_id = scan_id;
    switch (leave.outcome) {
        case LeaveOutcome::Left:
            out.leave = ui::LeaveAnswer::Left;
            break;
        case LeaveOutcome::NotRecorded:
            out.leave = ui::LeaveAnswer::NotRecorded;
            break;
        case LeaveOutcome::NotCheckedIn:
            out.leave =
                leave.earlier ? ui::LeaveAnswer::AlreadyLeft : ui::LeaveAnswer::NotCheckedIn;
            break;
        case LeaveOutcome::UnknownPerson:
            out.leave = ui::LeaveAnswer::NotCheckedIn;
            break;
        case LeaveOutcome::Cancelled:
            out.outcome = CheckinOutcome::Cancelled;
            return out;
    }
    const std::optional<CheckinRecord>& row = leave.recorded ? leave.recorded : leave.earlier;
    if (!row) return out;  // nothing recorded: no personal data on screen
    if (participant) {
        out.name = participant->name;
        out.reading = participant->reading;
        out.organization = participant->organization;
    }
    out.left_at = local_hour_minute(row->wall_ms, time_zone);
    if (leave.recorded) {
        if (const auto times = session_times(session, time_zone)) {
            const std::int64_t grace_ms = std::int64_t{session.late_grace_minutes} * 60'000;
            out.early_leave = row->wall_ms < times.value().ends_ms - grace_ms;
            out.session_ends = session.ends_at;
        }
    }
    return out;
}

namespace {

// Distinct sessions where the participant is checked in now (a series' 3回目).
int sessions_attended(const CheckinService& service, const std::string& participant_id,
                      const std::vector<Session>& sessions) {
    int attended = 0;
    for (const Session& session : sessions) {
        if (service.attendance(participant_id, session.id).checked_in) ++attended;
    }
    return attended;
}

}  // namespace

CheckinWorker::CheckinWorker(std::string event_path, std::string kiosk_id, std::string next_agenda,
                             std::function<void()> wake, std::function<std::int64_t()> clock,
                             std::function<void(sql::Database&)> on_open, KioskPlace place)
    : event_path_(std::move(event_path)),
      kiosk_id_(std::move(kiosk_id)),
      next_agenda_(std::move(next_agenda)),
      clock_(std::move(clock)),
      on_open_(std::move(on_open)),
      place_(std::move(place)),
      jobs_({[this](const Job& job) {
                 if (job.leave) return std::optional(leave(*job.leave));
                 return std::optional(job.scan ? check_in(*job.scan) : check_writable());
             },
             std::move(wake),
             {},
             {}}) {}

void CheckinWorker::open_store() {
    if (store_) return;
    auto store = std::make_unique<EventStore>(EventStore::open(event_path_));
    if (on_open_) on_open_(store->database());
    service_ = std::make_unique<CheckinService>(*store);
    time_zone_ = store->event().time_zone;
    store_ = std::move(store);
}

WorkerResult CheckinWorker::check_writable() {
    WorkerResult result;
    result.scan = false;
    try {
        open_store();
        store_->database().check_writable();
        result.store = StoreHealth{};
        // At start and after staff pinned a session: what the attract screen names and counts.
        const std::int64_t now = clock_();
        result.sessions = store_->sessions();
        const auto pin = session_pin(*store_, kiosk_id_, now, time_zone_);
        result.pinned = pin ? pin->session.id : std::string();
        const auto session =
            pin ? std::optional<Session>(pin->session)
                : session_for_checkin(*result.sessions, time_zone_, now, place_.room);
        result.arrived = session ? arrived_in(session->id) : store_->arrived_count();
        result.attention_pending = pending_attention_count(*store_);
    } catch (const std::exception& error) {
        result.store = StoreHealth{false, error.what()};
        service_.reset();
        store_.reset();
    }
    return result;
}

WorkerResult CheckinWorker::check_in(const ui::SubmitScan& job) {
    WorkerResult result;
    const auto start = std::chrono::steady_clock::now();
    try {
        open_store();
        // A staff ticket opens staff mode and is nobody's attendance (staff.hpp).
        const StaffTicketCheck staff = recognize_staff_ticket(*store_, job.text);
        if (staff.status == StaffTicketStatus::Staff) {
            result.finished.scan_id = job.scan_id;
            result.finished.staff_ticket = true;
            result.outcome = "staff-ticket";
            result.staff = staff.staff;
            result.arrived = arrived_now(*store_, clock_(), place_.room);
        } else {
            // The session from the clock at each scan (the only one on a one-day event). With
            // none open the scan records nothing: never a check-in under a wrong session.
            const std::int64_t now = clock_();
            const auto session = session_at(now, job.scan_id, result);
            if (!session) {
                result.commit_ms = elapsed_ms(start);
                return result;
            }
            std::vector<Session> sessions = std::move(*result.sessions);
            if (place_.leave_mode) {
                const LeaveScanResult left = service_->leave_code(
                    job.text, CheckinContext{kiosk_id_, "", job.method, now, session->id});
                std::optional<ui::SessionNow> seen = std::move(result.finished.session);
                if (left.problem) {
                    result.finished.scan_id = job.scan_id;
                    result.finished.outcome = *left.problem;
                    result.finished.ticket_status = left.ticket_status;
                    result.outcome = std::string(to_string(*left.problem));
                    if (wrote(*left.problem)) result.store = StoreHealth{};
                } else {
                    result.finished = make_leave_finished(job.scan_id, left.leave, left.participant,
                                                          *session, time_zone_);
                    result.outcome = "leave:" + std::string(to_string(left.leave.outcome));
                    result.participant_id = left.participant_id;
                    if (left.leave.recorded) result.store = StoreHealth{};
                }
                result.finished.session = std::move(seen);
                result.sessions = std::move(sessions);
                result.arrived = arrived_in(session->id);
                result.commit_ms = elapsed_ms(start);
                return result;
            }
            const CheckinResult checked = service_->check_in_code(
                job.text, CheckinContext{kiosk_id_, "", job.method, now, session->id});
            // The group as seated at this session (its own seating, else the event's).
            std::optional<ui::SessionNow> seen = std::move(result.finished.session);
            result.finished =
                ui::make_checkin_finished(job.scan_id, checked, checked.group, time_zone_);
            result.finished.session = std::move(seen);
            if (is_success(checked.outcome)) {
                result.finished.next_session = next_agenda_;
                // A word for the door (attention.hpp): the welcome asks them to see staff; the
                // text itself stays in staff mode.
                if (!checked.participant_id.empty()) {
                    const auto flag = attention_of(*store_, checked.participant_id);
                    result.finished.see_staff = flag && !flag->acknowledged;
                    // The organizer may have flagged them since the count was last taken.
                    if (result.finished.see_staff)
                        result.attention_pending = pending_attention_count(*store_);
                }
                if (sessions.size() > 1 && !checked.participant_id.empty()) {
                    result.finished.sessions_attended =
                        sessions_attended(*service_, checked.participant_id, sessions);
                }
            }
            result.sessions = std::move(sessions);
            result.outcome = std::string(to_string(checked.outcome));
            result.participant_id = checked.participant_id;
            result.arrived = arrived_in(session->id);
            if (wrote(checked.outcome)) result.store = StoreHealth{};
        }
    } catch (const std::exception& error) {
        failed(result, job.scan_id, error);
    }
    result.commit_ms = elapsed_ms(start);
    return result;
}

// The flow shows "please see staff" with the reason small for staff; the kiosk keeps running
// and opens the database again for the next scan or check_store().
void CheckinWorker::failed(WorkerResult& result, std::uint64_t scan_id,
                           const std::exception& error) {
    result.finished.scan_id = scan_id;
    result.finished.failed = true;
    result.finished.error = error.what();
    result.outcome = "failed";
    if (dynamic_cast<const sql::DatabaseError*>(&error) != nullptr)
        result.store = StoreHealth{false, error.what()};
    service_.reset();
    store_.reset();
}

std::int64_t CheckinWorker::arrived_in(const std::string& session_id) {
    return store_->arrived_count(session_id);
}

std::optional<Session> CheckinWorker::session_at(std::int64_t now, std::uint64_t scan_id,
                                                 WorkerResult& result) {
    std::vector<Session> sessions = store_->sessions();
    // A supervisor's pin (session_pin.hpp) goes before the clock.
    const auto pin = session_pin(*store_, kiosk_id_, now, time_zone_);
    auto session = pin ? std::optional<Session>(pin->session)
                       : session_for_checkin(sessions, time_zone_, now, place_.room);
    result.pinned = pin ? pin->session.id : std::string();
    result.finished.session = session_now(sessions, time_zone_, now, place_.room, *result.pinned);
    result.sessions = std::move(sessions);
    if (!session) {
        result.finished.scan_id = scan_id;
        result.outcome =
            "not-recorded:" + std::string(ui::to_string(result.finished.session->status));
    }
    return session;
}

WorkerResult CheckinWorker::leave(const ui::SubmitLeave& job) {
    WorkerResult result;
    const auto start = std::chrono::steady_clock::now();
    try {
        open_store();
        const std::int64_t now = clock_();
        if (const auto session = session_at(now, job.scan_id, result)) {
            const LeaveResult left = service_->leave(
                job.participant_id,
                CheckinContext{kiosk_id_, "", CheckinMethod::Manual, now, session->id});
            std::optional<ui::SessionNow> seen = std::move(result.finished.session);
            result.finished = make_leave_finished(
                job.scan_id, left, store_->participant(job.participant_id), *session, time_zone_);
            result.finished.session = std::move(seen);
            result.outcome = "leave:" + std::string(to_string(left.outcome));
            result.participant_id = job.participant_id;
            result.arrived = arrived_in(session->id);
            if (left.recorded) result.store = StoreHealth{};
        }
    } catch (const std::exception& error) {
        failed(result, job.scan_id, error);
    }
    result.commit_ms = elapsed_ms(start);
    return result;
}

}  // namespace uketsuke::app
