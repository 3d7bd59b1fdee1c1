#pragma once
// The check-in service: what happens when a code is scanned or staff check
// someone in by hand. Routine outcomes (unknown code, cancelled, forged ticket)
// are values, never exceptions; every outcome is written to disk before it returns.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/model/checkin_outcome.hpp"
#include "kiosk/core/model/model.hpp"
#include "kiosk/core/store/event_store.hpp"
#include "kiosk/core/tickets/ticket.hpp"

namespace uketsuke {

struct CheckinContext {
    std::string kiosk;
    std::string staff;  // "" for self check-in
    CheckinMethod method = CheckinMethod::Camera;
    std::int64_t wall_ms = 0;
    // The session the check-in is for (session_clock.hpp chooses it on a kiosk). "" is the
    // event's only session; with several, "" or an id that names no session is a caller's
    // mistake and throws std::invalid_argument.
    std::string session_id = {};
};

enum class UndoOutcome { Undone, NotFound, AlreadyUndone, NotACheckin };
std::string_view to_string(UndoOutcome outcome);

struct UndoResult {
    UndoOutcome outcome = UndoOutcome::NotFound;
    std::optional<CheckinRecord> recorded;
};

enum class LeaveOutcome {
    Left,           // leave recorded
    NotRecorded,    // the session does not record leaving
    NotCheckedIn,   // not checked in at this session (or already left: `earlier` says when)
    UnknownPerson,  // no such participant
    Cancelled,      // registration cancelled
};
std::string_view to_string(LeaveOutcome outcome);

struct LeaveResult {
    LeaveOutcome outcome = LeaveOutcome::UnknownPerson;
    std::optional<CheckinRecord> recorded;
    std::optional<CheckinRecord> earlier;  // NotCheckedIn after a leave: the leave in force
};

// A code read at a kiosk in leave mode (kiosk.mode = "leave", at an exit).
struct LeaveScanResult {
    // The code names nobody who could leave, as a check-in would have said it (UnknownCode,
    // NotATicket, OtherEvent, InvalidTicket, Cancelled); the scan is recorded as rejected
    // like any other (not Cancelled). None: `leave` says what happened.
    std::optional<CheckinOutcome> problem;
    TicketStatus ticket_status = TicketStatus::NotATicket;
    LeaveResult leave;
    std::string participant_id;
    std::optional<Participant> participant;  // none for a valid ticket this file does not know
};

class CheckinService {
public:
    explicit CheckinService(EventStore& store);

    // Re-reads the event id, ticket keys: call after the roster or keys change.
    void reload();

    // "Already checked in" means at the context's session: the same ticket checks its holder
    // in at every session of a series.
    [[nodiscard]] CheckinResult check_in_code(std::string_view scanned,
                                              const CheckinContext& context);
    [[nodiscard]] CheckinResult check_in_participant(const std::string& participant_id,
                                                     const CheckinContext& context);
    // Many people at once, as staff enter a paper list afterwards (context.method Paper and
    // wall_ms the time on the list): one transaction, all or nothing. Each id gets its outcome
    // in order: CheckedIn; AlreadyChecked (their check-in stays as it was, nothing added);
    // UnknownCode; Cancelled. Any UnknownCode or Cancelled and nothing at all is written
    // (`written` false, CheckedIn then means "would be"). An id given twice counts once.
    struct Batch {
        std::vector<CheckinResult> results;
        bool written = false;
    };
    [[nodiscard]] Batch check_in_participants(const std::vector<std::string>& participant_ids,
                                              const CheckinContext& context);
    // Undoes one check-in or leave row (by its id), in that row's session; the log only grows.
    [[nodiscard]] UndoResult undo(const std::string& checkin_id, const CheckinContext& context);
    // Undoes the check-in in force for a participant at the context's session.
    [[nodiscard]] UndoResult undo_participant(const std::string& participant_id,
                                              const CheckinContext& context);
    // Records that a checked-in participant left the context's session (where the session
    // records leaving). Undone with undo(row id) or undo_leave; checking in again after a
    // leave means they came back.
    [[nodiscard]] LeaveResult leave(const std::string& participant_id,
                                    const CheckinContext& context);
    // The same for a scanned code (a ticket or an imported code), in the context's session.
    // Someone not checked in there gets NotCheckedIn and nothing is recorded.
    [[nodiscard]] LeaveScanResult leave_code(std::string_view scanned,
                                             const CheckinContext& context);
    [[nodiscard]] UndoResult undo_leave(const std::string& participant_id,
                                        const CheckinContext& context);

    // At one session; "" is the event's only one.
    Attendance attendance(const std::string& participant_id,
                          const std::string& session_id = "") const;
    // The session a context names (std::invalid_argument when it names none, see above).
    Session session_of(const CheckinContext& context) const;

private:
    CheckinResult check_in_known(const std::string& participant_id, const CheckinContext& context,
                                 const std::string& session_id);
    // check_in_known's body; the caller holds the transaction and commits it.
    CheckinResult check_in_held(const std::string& participant_id, const CheckinContext& context,
                                const std::string& session_id);
    LeaveResult leave_in(const std::string& participant_id, const Session& session,
                         const CheckinContext& context);
    CheckinResult reject(CheckinOutcome outcome, std::string_view scanned, std::string_view reason,
                         const CheckinContext& context);
    CheckinRecord new_record(const std::string& participant_id, CheckinKind kind,
                             const CheckinContext& context, const std::string& session_id);

    EventStore& store_;
    EventId event_id_{};
    std::vector<PublicKey> keys_;
};

// The session `session_id` names, or for "" the event's only session; std::invalid_argument
// when it names none, or is "" on an event of several sessions.
Session resolve_session(const EventStore& store, const std::string& session_id);

// The session a kiosk records check-ins under now (session_clock.hpp's session_for_checkin
// over the file's sessions), and its live count: people checked in there (0 for none).
std::optional<Session> kiosk_session(const EventStore& store, std::int64_t now_ms,
                                     std::string_view room = "");
std::int64_t arrived_now(const EventStore& store, std::int64_t now_ms, std::string_view room = "");

// True for scans that cannot be a ticket number: URLs, Wi-Fi and contact codes, prose.
bool looks_like_other_content(std::string_view scanned);

}  // namespace uketsuke
