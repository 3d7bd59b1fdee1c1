#include "kiosk/core/model/checkin_outcome.hpp"

namespace uketsuke {

std::string_view to_string(CheckinOutcome outcome) {
    switch (outcome) {
        case CheckinOutcome::CheckedIn:
            return "checked-in";
        case CheckinOutcome::AlreadyChecked:
            return "already-checked-in";
        case CheckinOutcome::DetailsPending:
            return "details-pending";
        case CheckinOutcome::UnknownCode:
            return "unknown-code";
        case CheckinOutcome::NotATicket:
            return "not-a-ticket";
        case CheckinOutcome::OtherEvent:
            return "other-event";
        case CheckinOutcome::Cancelled:
            return "cancelled";
        case CheckinOutcome::InvalidTicket:
            return "invalid-ticket";
    }
    return "?";
}

}  // namespace uketsuke
