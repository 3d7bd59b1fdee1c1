#pragma once
// What staff do to a person on the kiosk's person card and at the walk-in desk: move them to
// another group, cancel or reinstate their registration, write a note, register a walk-in,
// show their ticket, and read their history. Checking in and undoing by hand stay with
// CheckinService (check_in_participant / undo_participant with CheckinContext.staff set);
// person_history shows those rows with the rest.
//
// Every edit is one transaction: the participant row takes a fresh hybrid-clock stamp
// (changed_stamp, changed_by = the kiosk), so merges and the hub settle concurrent edits by
// last writer wins, and a person_log row (schema v2) records what was done, by whom (staff
// id and name), where (kiosk) and when (the kiosk's wall time and the stamp). The log is
// merged as a union, so an edit that lost to a later one still shows in the history.
// A refusal changes nothing and says why in plain words (`error`), for the screen. Every call
// reads and writes the event file (an fsync per commit): run it where the kiosk does its other
// database work, not on the UI thread.
//
// Who may do what: StaffContext.staff_id "" is the organizer's own tools (no check);
// otherwise it must name a current staff member, and staff.hpp's allowed() decides: door
// staff register walk-ins and write notes; moving, cancelling and reinstating are for
// supervisors. The staff name is taken from the staff list when the context leaves it empty.
//
// Capacity: a group staff choose (a move, a walk-in's chosen group, a reinstated person's
// group) is honoured even when it is full, since staff can see the table and bring a chair;
// `warning` then says how full it is. The automatic placement of a walk-in never overfills:
// when no group has a free seat it refuses and staff choose a group.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/checkin/checkin.hpp"
#include "kiosk/core/model/history_entry.hpp"
#include "kiosk/core/model/model.hpp"
#include "kiosk/core/model/staff.hpp"
#include "kiosk/core/model/walk_in.hpp"
#include "kiosk/core/store/event_store.hpp"
#include "kiosk/core/tickets/ticket.hpp"

namespace uketsuke {

struct StaffContext {
    std::string kiosk;       // the node of the hybrid clock; required
    std::string staff_id;    // "" for the organizer's tools
    std::string staff_name;  // "" to take it from the staff list
    std::int64_t wall_ms = 0;
    std::string session_id = {};  // where staff are working: a walk-in's check-in goes there;
                                  // "" is the event's only session (checkin.hpp)
};

// Whether the staff member of `context` may do `action` (none: any staff member on the list),
// filling in their name: "" when they may, else why not, in words for the screen.
[[nodiscard]] std::string admit_staff(const EventStore& store, StaffContext& context,
                                      std::optional<StaffAction> action);

// Check-ins, undos and person-log rows, oldest first (by stamp, which orders rows of all
// kiosks even when their clocks disagree). Also works on a schema-1 file opened read-only.
[[nodiscard]] std::vector<HistoryEntry> person_history(const EventStore& store,
                                                       const std::string& participant_id);

struct [[nodiscard]] ActionResult {
    std::string error;    // "" when done
    std::string warning;  // done, but worth telling staff (a group over its capacity)
    std::optional<Participant> participant;  // as stored after the action
    explicit operator bool() const { return error.empty(); }
};

// Refused: unknown person or group, a cancelled person, already in that group. At a session
// that draws its own seating (context.session_id), the move is of that session's seat; the
// event's seating stays.
ActionResult move_person(EventStore& store, const std::string& participant_id,
                         const std::string& group_id, const StaffContext& context);
// Refused: unknown person, already cancelled, checked in (undo the check-in first: a cancelled
// person must not count as arrived). The group is kept, for a reinstatement.
ActionResult cancel_person(EventStore& store, const std::string& participant_id,
                           const StaffContext& context);
// Refused: unknown person, not cancelled.
ActionResult reinstate_person(EventStore& store, const std::string& participant_id,
                              const StaffContext& context);
// Replaces the person's note (the card shows one note; the log keeps every version). Leading
// and trailing spaces are dropped; "" clears it. Refused: unknown person, note unchanged.
ActionResult set_note(EventStore& store, const std::string& participant_id, const std::string& note,
                      const StaffContext& context);

// The organizer's corrections of a person afterwards (`uketsuke person set`): each field left
// out stays. One transaction; a log row per kind of change, as the kiosk writes them ("edit"
// with "name: A → B; role: …" for the fields, "move" for the group, "note"), so the history,
// merges and the hub carry it. Refused, changing nothing: unknown person; an invalid value
// (`error` names the field and the value: not UTF-8, a control character, an empty name, an
// unknown group); nothing different from what is stored. A supervisor's action on a kiosk.
struct PersonCorrection {
    std::optional<std::string> name;
    std::optional<std::string> reading;
    std::optional<std::string> organization;
    std::optional<Role> role;
    std::optional<std::string> group_id;  // "" takes them out of their group
    std::optional<std::string> note;
};
ActionResult correct_person(EventStore& store, const std::string& participant_id,
                            const PersonCorrection& correction, const StaffContext& context);

struct [[nodiscard]] WalkInResult {
    std::string error;
    std::string warning;
    Participant participant;
    std::optional<Group> group;
    CheckinRecord checkin;
    std::string code;         // the walk-in code registered in `codes`, "W-" + 12 characters
    std::string ticket_text;  // what to show as their QR code (ticket_text_for)
    explicit operator bool() const { return error.empty(); }
};

// Registers someone not on the list and checks them in (method walk-in, by the staff member).
// The person gets a new id ("w-" + 12 random characters: unique across kiosks without asking
// anyone, and short enough for a small signed QR) and a code "W-" + the same characters, kind
// "walk-in", so their QR finds them at any kiosk that has synced with this one.
// Two steps in this order: the registration (person, code, log row) in one transaction, then
// the check-in through CheckinService. A crash between them leaves a registered walk-in not
// yet checked in, which staff see and check in by hand; never a check-in of no one.
// With the event's secret key (the organizer's desk) the ticket is a signed one.
// Refused: an empty name, an unknown chosen group, no free seat anywhere.
WalkInResult register_walk_in(EventStore& store, const WalkIn& walk_in, const StaffContext& context,
                              const std::optional<SecretKey>& secret_key = std::nullopt);

// What to show on screen as this person's QR code: a signed ticket when the event's secret key
// is at hand (kiosks normally hold only public keys), else one of their codes (a walk-in's
// code, an imported ticket number), which the check-in service matches exactly. "" when there
// is nothing scannable to show: the participant id alone is not accepted by check_in_code.
[[nodiscard]] std::string ticket_text_for(const EventStore& store, const Participant& participant,
                                          const std::optional<SecretKey>& secret_key);

}  // namespace uketsuke
