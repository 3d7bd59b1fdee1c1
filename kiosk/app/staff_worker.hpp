#pragma once
// Staff mode's requests (staff.hpp) carried out on a thread of their own with their
// own connection to the event file: a PIN check takes ~0.25 s of Argon2id, a search or a
// check-in a disk write, and the screen must never wait for either. The worker holds who is
// signed in (set by a right PIN, cleared by SignOut) and records them with every action.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/app/job_thread.hpp"
#include "kiosk/core/staff/staff.hpp"
#include "kiosk/core/staff/staff_actions.hpp"
#include "kiosk/core/store/event_store.hpp"
#include "kiosk/core/tickets/ticket.hpp"
#include "kiosk/ui/screens/staff.hpp"

namespace uketsuke::app {

// A name tag staff asked to reprint from the person card, and who asked: the app prints it.
struct TagReprint {
    std::string participant_id;
    std::string staff;
    std::string staff_name;
};

struct StaffWorkerResult {
    std::optional<ui::StaffReply> reply;  // none for SignOut
    std::optional<std::int64_t> arrived;  // the arrived count, after a check-in, undo or walk-in
    std::string log;                      // what happened, for the events log (no PINs)
    bool pin_changed = false;             // PinSession wrote: the check-in side must know
    bool attention_changed = false;       // a flag for the door was set, cleared or seen to
    // A reprint asked for from the person card: whom, and the staff member (the app prints).
    std::optional<TagReprint> reprint = {};
};

// The work itself, on a store, for tests: one request in, at most one result out.
class StaffDesk {
public:
    // `room`: the kiosk's (kiosk.room); the desk works on that room's session.
    StaffDesk(EventStore& store, std::string kiosk_id, std::string event_path,
              std::string room = "");
    std::optional<StaffWorkerResult> handle(const ui::StaffRequest& request, std::int64_t now_ms);
    const std::optional<StaffMember>& signed_in() const { return signed_in_; }
    void restore_sign_in(std::optional<StaffMember> member) { signed_in_ = std::move(member); }

private:
    struct Answer;  // one handler per request type (staff_worker.cpp)

    ui::PersonLoaded load_person(const std::string& id, std::int64_t now_ms);
    std::vector<ui::GroupChoice> group_choices();
    std::vector<ui::SessionAttendanceCell> attendance_row(const Participant& person) const;
    StaffContext context(std::int64_t now_ms) const;
    std::string session_at(std::int64_t now_ms) const;
    ui::SessionPinLoaded session_pin_state(std::int64_t now_ms) const;

    EventStore& store_;
    std::string kiosk_id_;
    std::string room_;
    std::string time_zone_;
    std::optional<SecretKey> secret_key_;  // only at the organizer's desk
    std::optional<StaffKey> staff_key_;    // beside the event file; PINs made with it need it
    std::string staff_key_problem_;        // why the staff key file there could not be used
    std::optional<StaffMember> signed_in_;
};

class StaffWorker {
public:
    StaffWorker(std::string event_path, std::string kiosk_id, std::function<void()> wake,
                std::string room = "");
    StaffWorker(const StaffWorker&) = delete;
    StaffWorker& operator=(const StaffWorker&) = delete;

    // Any request but LoadSettings, ApplySettings and ExitKiosk, which are the app's own.
    void submit(ui::StaffRequest request) { jobs_.submit(std::move(request)); }
    std::vector<StaffWorkerResult> take_results() { return jobs_.take_results(); }

private:
    // On the job thread.
    void prepare();
    std::optional<StaffWorkerResult> handle(const ui::StaffRequest& request);

    std::string event_path_;
    std::string kiosk_id_;
    std::string room_;
    // The job thread's own: the connection is dropped after a failure and opened again by the
    // next request; who is signed in survives that.
    std::optional<EventStore> store_;
    std::optional<StaffDesk> desk_;
    std::optional<StaffMember> signed_in_;
    JobThread<ui::StaffRequest, StaffWorkerResult> jobs_;  // last: stops before the rest goes
};

}  // namespace uketsuke::app
