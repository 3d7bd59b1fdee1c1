#pragma once
// A supervisor pins the kiosk to one session of the event: every check-in, leave, walk-in and
// the dashboard then go to that session whatever the clock says (a meeting that runs late, a
// make-up day held in the wrong slot, a kiosk whose clock cannot be trusted), until a
// supervisor sets it back to "by the clock".
//
// The pin is not a setting but rows of the person log (schema v2) with no participant:
// action "pin_session" (detail: the session's id) or "unpin_session", by whom, at which kiosk
// and when, like every other staff edit. So the pin is on record, merges and syncs with no
// schema change, and the pin in force is a fold of that kiosk's rows: the newest one, read
// from the event file by every connection (the check-in worker sees a pin the staff worker
// just wrote at its next scan).
//
// It survives a restart of the kiosk on the day it was set, and lapses at the next local
// midnight (the event's time zone). A volunteer who pinned 午後の部 expects a kiosk that
// lost power at 14:00 to carry on with 午後の部, not to start recording somewhere else
// without a word; nobody remembers a pin from the last meeting of a series weeks ago, so the
// next meeting's kiosk follows its clock again. A pinned session that was removed meanwhile
// lapses too (the clock decides, and the attract screen stops saying "pinned").

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/core/model/session.hpp"
#include "kiosk/core/staff/staff_actions.hpp"
#include "kiosk/core/store/event_store.hpp"

namespace uketsuke {

inline constexpr std::string_view kPinSessionAction = "pin_session";
inline constexpr std::string_view kUnpinSessionAction = "unpin_session";

struct SessionPin {
    Session session;
    std::string staff_id;
    std::string staff_name;
    std::int64_t wall_ms = 0;  // when it was pinned, by the kiosk's clock
};

// The pin in force for `kiosk` at `now_ms` (see above), or none: the clock decides.
[[nodiscard]] std::optional<SessionPin> session_pin(const EventStore& store, std::string_view kiosk,
                                                    std::int64_t now_ms, std::string_view zone);

// Pins `context.kiosk` to `session_id`; "" sets it back to the clock. Supervisors only
// (StaffAction::PinSession); refused, with nothing written, for door staff, an unknown or
// removed session, or a pin that is already so.
ActionResult pin_session(EventStore& store, const std::string& session_id,
                         const StaffContext& context);

}  // namespace uketsuke
