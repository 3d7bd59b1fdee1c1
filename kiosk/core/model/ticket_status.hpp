#pragma once
// What a scanned text turned out to be as a ticket (tickets/ticket.hpp's verify_ticket): a plain
// value the kiosk's screens pick their message from without linking the ticket codec.

#include <string_view>

namespace uketsuke {

enum class TicketStatus {
    Valid,
    NotATicket,      // does not start with "UK" and a digit: a URL, a Wi-Fi code, any other text
    UnknownVersion,  // "UK2:" and later: a newer format this kiosk cannot read
    Truncated,       // right prefix but parts or signature bytes missing: read it again
    BadEncoding,     // a character that cannot be there, a bad generation, a part too long
    BadSignature,    // no key of ours signed it: tampered or forged
    OtherEvent,      // well formed, but for another event
    Revoked,         // signed by us, but a newer ticket was issued to this participant
};

[[nodiscard]] std::string_view describe(TicketStatus status);

}  // namespace uketsuke
