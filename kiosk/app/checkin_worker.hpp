#pragma once
// The check-in service on its own thread with its own database connection, so the
// screen never waits on the disk (a check-in is an fsync). Scans go in, results
// for the flow come out; the app's loop is woken when one is ready.
//
// It also says whether the event file takes writes: a read-only file or a full disk otherwise
// shows only as "please see staff" on every scan. check_store() tests it (at start, and every
// few seconds while it fails); a check-in that wrote, or failed on the file, tells too.

#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/app/job_thread.hpp"
#include "kiosk/core/checkin/checkin.hpp"
#include "kiosk/core/staff/staff.hpp"
#include "kiosk/core/store/event_store.hpp"
#include "kiosk/core/store/hlc.hpp"
#include "kiosk/ui/screens/flow.hpp"

namespace uketsuke::app {

struct StoreHealth {
    bool writable = true;
    std::string problem;  // DatabaseError's message: the file, the cause, what to do
};

struct WorkerResult {
    bool scan = true;  // false: the answer to check_store(), `finished` is empty
    ui::CheckinFinished finished;
    std::string outcome;         // "checked-in", ... for the events log
    std::string participant_id;  // for the events log (never shown on the attract screen)
    double commit_ms = 0;        // submit → committed
    std::int64_t arrived = 0;
    std::optional<StaffMember> staff;  // a staff ticket of this member: open staff mode
    std::optional<StoreHealth> store;  // whether the file took a write, when this job found out
    std::optional<std::vector<Session>> sessions;  // as the file has them now, when it was read
    std::optional<std::string> pinned;  // the session this kiosk is pinned to ("" none), ditto
    // Flags for the door nobody has seen to (attention.hpp), when this job counted them: at
    // check_store() and after a scan by someone flagged.
    std::optional<int> attention_pending;
};

// The session the kiosk checks people in for at `now_ms`, as the screens show it: the session
// a supervisor pinned (`pinned`, an id; session_pin.hpp), else the rules of
// session_for_checkin (an event's only session is always open) with choose_session's reason
// when there is none.
ui::SessionNow session_now(const std::vector<Session>& sessions, std::string_view time_zone,
                           std::int64_t now_ms, std::string_view room = "",
                           std::string_view pinned = "");

// Where the kiosk stands and what it is for (kiosk.mode, kiosk.room).
struct KioskPlace {
    bool leave_mode = false;  // an exit: scans record leaving
    std::string room;         // "" takes every room's sessions (session_clock.hpp)
};

// A leave's result for the screens: who, when, and whether it was early (before the session's
// end - grace, in the event's zone).
ui::CheckinFinished make_leave_finished(std::uint64_t scan_id, const LeaveResult& leave,
                                        const std::optional<Participant>& participant,
                                        const Session& session, std::string_view time_zone);

class CheckinWorker {
public:
    // `clock` is the wall clock in milliseconds; tests pass their own. `on_open` runs on every
    // connection the worker opens (tests: PRAGMA max_page_count).
    CheckinWorker(std::string event_path, std::string kiosk_id, std::string next_agenda,
                  std::function<void()> wake, std::function<std::int64_t()> clock = wall_clock_ms,
                  std::function<void(sql::Database&)> on_open = nullptr, KioskPlace place = {});
    CheckinWorker(const CheckinWorker&) = delete;
    CheckinWorker& operator=(const CheckinWorker&) = delete;

    void submit(const ui::SubmitScan& scan) { jobs_.submit(Job{scan, {}}); }
    void submit(const ui::SubmitLeave& leave) { jobs_.submit(Job{{}, leave}); }
    // Tests whether the event file takes a write (nothing is changed); answered as a result
    // with scan == false.
    void check_store() { jobs_.submit(Job{}); }
    std::vector<WorkerResult> take_results() { return jobs_.take_results(); }

private:
    struct Job {
        std::optional<ui::SubmitScan> scan;    // none (and no leave): check_store()
        std::optional<ui::SubmitLeave> leave;  // the 退出する button
    };
    void open_store();                                  // on the job thread
    WorkerResult check_in(const ui::SubmitScan& scan);  // on the job thread
    WorkerResult check_writable();                      // on the job thread
    WorkerResult leave(const ui::SubmitLeave& leave);   // on the job thread
    // People checked in at the session, for the attract screen after every scan: one row the
    // event file keeps current (schema 7), whoever wrote the check-ins (this worker, staff
    // mode, the hub sync, a merge), so reading it costs the same at any size.
    std::int64_t arrived_in(const std::string& session_id);
    // A scan or leave that threw: the result says so, and the connection is dropped.
    void failed(WorkerResult& result, std::uint64_t scan_id, const std::exception& error);
    // The session for a scan or leave now; with none, fills `result` as "not recorded".
    std::optional<Session> session_at(std::int64_t now, std::uint64_t scan_id,
                                      WorkerResult& result);

    std::string event_path_;
    std::string kiosk_id_;
    std::string next_agenda_;
    std::function<std::int64_t()> clock_;
    std::function<void(sql::Database&)> on_open_;
    KioskPlace place_;
    // The job thread's own: opened at the first job, dropped after a failure.
    std::unique_ptr<EventStore> store_;
    std::unique_ptr<CheckinService> service_;
    std::string time_zone_ = "Asia/Tokyo";
    JobThread<Job, WorkerResult> jobs_;  // last: stops before the rest goes
};

}  // namespace uketsuke::app
