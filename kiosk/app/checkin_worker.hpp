#pragma once
// The check-in service on its own thread with its own database connection, so the
// screen never waits on the disk (a check-in is an fsync). Scans go in, results
// for the flow come out; the app's loop is woken when one is ready.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/core/staff/staff.hpp"
#include "kiosk/ui/screens/flow.hpp"

namespace uketsuke::app {

struct WorkerResult {
    ui::CheckinFinished finished;
    std::string outcome;         // "checked-in", ... for the events log
    std::string participant_id;  // for the events log (never shown on the attract screen)
    double commit_ms = 0;        // submit → committed
    std::int64_t arrived = 0;
    std::optional<StaffMember> staff;  // a staff ticket of this member: open staff mode
};

class CheckinWorker {
public:
    CheckinWorker(std::string event_path, std::string kiosk_id, std::string next_agenda,
                  std::function<void()> wake);
    ~CheckinWorker();
    CheckinWorker(const CheckinWorker&) = delete;
    CheckinWorker& operator=(const CheckinWorker&) = delete;

    void submit(const ui::SubmitScan& scan);
    std::vector<WorkerResult> take_results();

private:
    void run();
    void finish(WorkerResult result, std::chrono::steady_clock::time_point start);

    std::string event_path_;
    std::string kiosk_id_;
    std::string next_agenda_;
    std::function<void()> wake_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<ui::SubmitScan> jobs_;
    std::vector<WorkerResult> results_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace uketsuke::app
