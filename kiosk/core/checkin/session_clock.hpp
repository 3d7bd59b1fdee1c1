#pragma once
// Which session a kiosk is checking people in for, from its clock. Pure: the sessions, the
// event's time zone, the kiosk's room and the wall clock come in, so tests set the time.
//
// The rules, in order:
// - a session is open from (start - opens_minutes_before) until its end (end excluded);
// - a kiosk with a room takes sessions of that room and those tied to no room; a kiosk with
//   no room ("") takes every session;
// - several open at once (a morning that runs into the afternoon's opening, parallel rooms
//   seen from a kiosk without a room): the one that has started most recently wins; if none
//   has started yet, the one that starts first; then the kiosk's own room over no room; then
//   the smaller id. The same inputs always give the same session;
// - none open, but one later today: BeforeOpening, naming it and when it opens;
// - none open and none later today: NoneToday, unless the clock looks wrong;
// - ClockLooksWrong: no session within 12 hours either way, today is no session's date, and
//   the clock is more than 30 days before the first session or after the last. A kiosk
//   switched on between two meetings of a series reads NoneToday; one whose clock reset to
//   1970 or 2000, or was never set, reads ClockLooksWrong.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/model/session.hpp"

namespace uketsuke {

enum class SessionVerdict { Current, BeforeOpening, NoneToday, ClockLooksWrong };
std::string_view to_string(SessionVerdict verdict);  // current, before-opening, …

struct SessionChoice {
    SessionVerdict verdict = SessionVerdict::NoneToday;
    std::optional<Session> session;  // Current: it; BeforeOpening: the one that opens next
    std::string opens_at;            // BeforeOpening: HH:MM local ("受付は 9:00 からです")
};

SessionChoice choose_session(const std::vector<Session>& sessions, std::string_view time_zone,
                             std::int64_t now_ms, std::string_view kiosk_room = "");

// What the kiosk records a check-in under until its screens ask: the current session, or the
// event's only session whatever the time (a one-day event works as it always did), or none.
std::optional<Session> session_for_checkin(const std::vector<Session>& sessions,
                                           std::string_view time_zone, std::int64_t now_ms,
                                           std::string_view kiosk_room = "");

}  // namespace uketsuke
