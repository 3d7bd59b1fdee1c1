#include "kiosk/app/checkin_worker.hpp"

#include <chrono>
#include <exception>
#include <string>

#include "kiosk/core/checkin/session_clock.hpp"

namespace uketsuke::app {
namespace {

// Whether this outcome wrote to the file (a check-in or a rejected scan): then it takes writes.
bool wrote(CheckinOutcome outcome) {
    return outcome != CheckinOutcome::AlreadyChecked && outcome != CheckinOutcome::Cancelled;
}

}  // namespace

ui::SessionNow session_now(const std::vector<Session>& sessions, std::string_view time_zone,
                           std::int64_t now_ms) {
    ui::SessionNow now;
    now.several = sessions.size() > 1;
    if (const auto session = session_for_checkin(sessions, time_zone, now_ms)) {
        now.name = session->name;
        return now;
    }
    const SessionChoice choice = choose_session(sessions, time_zone, now_ms);
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
                             std::function<void(sql::Database&)> on_open)
    : event_path_(std::move(event_path)),
      kiosk_id_(std::move(kiosk_id)),
      next_agenda_(std::move(next_agenda)),
      clock_(std::move(clock)),
      on_open_(std::move(on_open)),
      jobs_({[this](const Job& job) {
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
        result.arrived = store_->arrived_count();
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
            result.arrived = arrived_now(*store_, clock_());
        } else {
            // The session from the clock at each scan (the only one on a one-day event). With
            // none open the scan records nothing: never a check-in under a wrong session.
            const std::int64_t now = clock_();
            std::vector<Session> sessions = store_->sessions();
            const auto session = session_for_checkin(sessions, time_zone_, now);
            result.finished.session = session_now(sessions, time_zone_, now);
            if (!session) {
                const ui::SessionNow closed = *result.finished.session;
                result.finished.scan_id = job.scan_id;
                result.outcome = "not-recorded:" + std::string(ui::to_string(closed.status));
                result.sessions = std::move(sessions);
                result.commit_ms = std::chrono::duration<double, std::milli>(
                                       std::chrono::steady_clock::now() - start)
                                       .count();
                return result;
            }
            const CheckinResult checked = service_->check_in_code(
                job.text, CheckinContext{kiosk_id_, "", job.method, now, session->id});
            std::optional<Group> group;
            if (checked.participant && !checked.participant->group_id.empty()) {
                group = store_->group(checked.participant->group_id);
            }
            std::optional<ui::SessionNow> seen = std::move(result.finished.session);
            result.finished = ui::make_checkin_finished(job.scan_id, checked, group, time_zone_);
            result.finished.session = std::move(seen);
            if (is_success(checked.outcome)) {
                result.finished.next_session = next_agenda_;
                if (sessions.size() > 1 && !checked.participant_id.empty()) {
                    result.finished.sessions_attended =
                        sessions_attended(*service_, checked.participant_id, sessions);
                }
            }
            result.sessions = std::move(sessions);
            result.outcome = std::string(to_string(checked.outcome));
            result.participant_id = checked.participant_id;
            result.arrived = store_->arrived_count(session->id);
            if (wrote(checked.outcome)) result.store = StoreHealth{};
        }
    } catch (const std::exception& error) {
        // The flow shows "please see staff" with the reason small for staff; the kiosk keeps
        // running and opens the database again for the next scan or check_store().
        result.finished.scan_id = job.scan_id;
        result.finished.failed = true;
        result.finished.error = error.what();
        result.outcome = "failed";
        if (dynamic_cast<const sql::DatabaseError*>(&error) != nullptr)
            result.store = StoreHealth{false, error.what()};
        service_.reset();
        store_.reset();
    }
    result.commit_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return result;
}

}  // namespace uketsuke::app
