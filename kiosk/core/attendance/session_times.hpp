#pragma once
// When a session starts and ends as instants: the organizer writes a date and HH:MM in the
// event's own time zone, check-ins carry wall milliseconds (UTC). Session fields come from
// the event file, so they are checked here, never trusted.

#include <cstdint>
#include <string_view>

#include "kiosk/core/model/result.hpp"
#include "kiosk/core/model/session.hpp"

namespace uketsuke {

struct SessionTimes {
    std::int64_t starts_ms = 0;
    std::int64_t ends_ms = 0;
};

// The instant a local date (YYYY-MM-DD) and time (HH:MM) names in `zone`. A time that occurs
// twice when the clocks go back reads as the first; one skipped when they go forward reads
// as an hour earlier (Japan has neither; the rule is there so the answer is defined).
Result<std::int64_t> local_instant_ms(std::string_view date, std::string_view hour_minute,
                                      std::string_view zone);

// The session's start and end; an error names the session and the field when a date or time
// is not as written above, or when the end is not after the start.
Result<SessionTimes> session_times(const Session& session, std::string_view zone);

}  // namespace uketsuke
