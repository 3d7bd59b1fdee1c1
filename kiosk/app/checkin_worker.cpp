#include "kiosk/app/checkin_worker.hpp"

#include <chrono>
#include <exception>

#include "kiosk/core/checkin/checkin.hpp"
#include "kiosk/core/staff/staff.hpp"
#include "kiosk/core/store/event_store.hpp"

namespace uketsuke::app {

CheckinWorker::CheckinWorker(std::string event_path, std::string kiosk_id, std::string next_agenda,
                             std::function<void()> wake)
    : event_path_(std::move(event_path)),
      kiosk_id_(std::move(kiosk_id)),
      next_agenda_(std::move(next_agenda)),
      wake_(std::move(wake)),
      thread_([this] { run(); }) {}

CheckinWorker::~CheckinWorker() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void CheckinWorker::submit(const ui::SubmitScan& scan) {
    {
        std::lock_guard lock(mutex_);
        jobs_.push_back(scan);
    }
    changed_.notify_all();
}

std::vector<WorkerResult> CheckinWorker::take_results() {
    std::lock_guard lock(mutex_);
    return std::exchange(results_, {});
}

void CheckinWorker::run() {
    std::unique_ptr<EventStore> store;
    std::unique_ptr<CheckinService> service;
    std::string time_zone = "Asia/Tokyo";
    for (;;) {
        ui::SubmitScan job;
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
            if (stopping_) return;
            job = jobs_.front();
            jobs_.pop_front();
        }
        WorkerResult result;
        const auto start = std::chrono::steady_clock::now();
        try {
            if (!store) {
                store = std::make_unique<EventStore>(EventStore::open(event_path_));
                service = std::make_unique<CheckinService>(*store);
                time_zone = store->event().time_zone;
            }
            // A staff ticket opens staff mode and is nobody's attendance (staff.hpp).
            const StaffTicketCheck staff = recognize_staff_ticket(*store, job.text);
            if (staff.status == StaffTicketStatus::Staff) {
                result.finished.scan_id = job.scan_id;
                result.finished.staff_ticket = true;
                result.outcome = "staff-ticket";
                result.staff = staff.staff;
                result.arrived = store->arrived_count();
                finish(std::move(result), start);
                continue;
            }
            const CheckinResult checked = service->check_in_code(
                job.text, CheckinContext{kiosk_id_, "", job.method, wall_clock_ms()});
            std::optional<Group> group;
            if (checked.participant && !checked.participant->group_id.empty()) {
                group = store->group(checked.participant->group_id);
            }
            result.finished = ui::make_checkin_finished(job.scan_id, checked, group, time_zone);
            if (is_success(checked.outcome)) result.finished.next_session = next_agenda_;
            result.outcome = std::string(to_string(checked.outcome));
            result.participant_id = checked.participant_id;
            result.arrived = store->arrived_count();
        } catch (const std::exception& error) {
            // The flow shows "please see staff"; the kiosk keeps running and retries the
            // database on the next scan.
            result.finished.scan_id = job.scan_id;
            result.finished.failed = true;
            result.finished.error = error.what();
            result.outcome = "failed";
            service.reset();
            store.reset();
        }
        finish(std::move(result), start);
    }
}

void CheckinWorker::finish(WorkerResult result, std::chrono::steady_clock::time_point start) {
    result.commit_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    {
        std::lock_guard lock(mutex_);
        results_.push_back(std::move(result));
    }
    if (wake_) wake_();
}

}  // namespace uketsuke::app
