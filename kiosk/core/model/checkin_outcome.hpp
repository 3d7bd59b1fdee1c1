#pragma once
// What a check-in came to (checkin/checkin.hpp's CheckinService): plain values, so the kiosk's
// screens turn a result into a screen without linking the service or the store.

#include <optional>
#include <string>
#include <string_view>

#include "kiosk/core/model/model.hpp"
#include "kiosk/core/model/ticket_status.hpp"

namespace uketsuke {

enum class CheckinOutcome {
    CheckedIn,       // new check-in recorded
    AlreadyChecked,  // was already in; `earlier` says when and where
    DetailsPending,  // a valid ticket of ours for someone this file does not know yet
    UnknownCode,     // looks like a code, matches nobody
    NotATicket,      // a URL, a Wi-Fi code, free text
    OtherEvent,      // one of our tickets, for another event
    Cancelled,       // registration cancelled
    InvalidTicket,   // ours in form, but truncated, tampered, revoked or undecodable
};

std::string_view to_string(CheckinOutcome outcome);
inline bool is_success(CheckinOutcome outcome) {
    return outcome == CheckinOutcome::CheckedIn || outcome == CheckinOutcome::AlreadyChecked ||
           outcome == CheckinOutcome::DetailsPending;
}

// The kiosk name of check-ins made at the organizer's desk with `uketsuke checkin`: screens say
// "the staff" instead of showing it.
inline constexpr std::string_view kDeskKioskId = "cli";

struct CheckinResult {
    CheckinOutcome outcome = CheckinOutcome::UnknownCode;
    std::string participant_id;
    std::optional<Participant> participant;
    std::optional<CheckinRecord> recorded;  // the row written now, if any
    std::optional<CheckinRecord> earlier;   // for AlreadyChecked: the first check-in in force
    // For a check-in of someone known: where they sit at the check-in's session (its own
    // seating when it has one, else the event's): group, table and facilitator there.
    std::optional<Group> group;
    TicketStatus ticket_status = TicketStatus::NotATicket;  // detail for InvalidTicket
};

}  // namespace uketsuke
