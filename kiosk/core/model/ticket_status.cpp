#include "kiosk/core/model/ticket_status.hpp"

namespace uketsuke {

std::string_view describe(TicketStatus status) {
    switch (status) {
        case TicketStatus::Valid:
            return "valid ticket";
        case TicketStatus::NotATicket:
            return "not a ticket";
        case TicketStatus::UnknownVersion:
            return "ticket from a newer version of Uketsuke";
        case TicketStatus::Truncated:
            return "ticket only partly read";
        case TicketStatus::BadEncoding:
            return "damaged ticket";
        case TicketStatus::BadSignature:
            return "forged or altered ticket";
        case TicketStatus::OtherEvent:
            return "ticket for another event";
        case TicketStatus::Revoked:
            return "ticket replaced by a newer one";
    }
    return "unknown ticket status";
}

}  // namespace uketsuke
