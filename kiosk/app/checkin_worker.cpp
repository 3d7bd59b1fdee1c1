#include "kiosk/app/checkin_worker.hpp"

#include <fmt/format.h>

#include <chrono>
#include <exception>
#include <stdexcept>

#include "kiosk/core/checkin/session_clock.hpp"

namespace uketsuke::app {
namespace {

// Whether this outcome wrote to the file (a check-in or a rejected scan): then it takes writes.
bool wrote(CheckinOutcome outcome) {
    return outcome != CheckinOutcome::AlreadyChecked && outcome != CheckinOutcome::Cancelled;
}

}  // namespace

CheckinWorker::CheckinWorker(std::string event_path, std::string kiosk_id, std::string next_agenda,
                             std::function<void()> wake,
                             std::function<void(sql::Database&)> on_open)
    : event_path_(std::move(event_path)),
      kiosk_id_(std::move(kiosk_id)),
      next_agenda_(std::move(next_agenda)),
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
            result.arrived = arrived_now(*store_, wall_clock_ms());
        } else {
            // The session from the clock at each scan (the only one on a one-day event); the
            // kiosk's screens for "not open yet" are still to come, so none is a failed scan
            // whose message the events log keeps.
            const std::int64_t now = wall_clock_ms();
            const std::vector<Session> sessions = store_->sessions();
            const SessionChoice choice = choose_session(sessions, time_zone_, now);
            const auto session = session_for_checkin(sessions, time_zone_, now);
            if (!session) {
                throw std::runtime_error(
                    fmt::format("no session is open now ({}{}{})", to_string(choice.verdict),
                                choice.session ? ": " + choice.session->name + " opens at " : "",
                                choice.opens_at));
            }
            const CheckinResult checked = service_->check_in_code(
                job.text, CheckinContext{kiosk_id_, "", job.method, now, session->id});
            std::optional<Group> group;
            if (checked.participant && !checked.participant->group_id.empty()) {
                group = store_->group(checked.participant->group_id);
            }
            result.finished = ui::make_checkin_finished(job.scan_id, checked, group, time_zone_);
            if (is_success(checked.outcome)) result.finished.next_session = next_agenda_;
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
