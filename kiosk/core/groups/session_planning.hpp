#pragma once
// Seating drawn anew for one session of a series (`uketsuke groups assign --session S`): the
// people expected at the session, at the event's groups, written as the session's own seating
// (event_store.hpp's SessionSeat) and never into the event's. With avoid_repeats the search
// weighs who sat together in the earlier sessions (by date, then start), so a series' pairs
// meet again as rarely as it finds, still mixing organizations with one facilitator a table.
//
// What it doesn't do: pins, keeping the current seating, spreading a column (plan_groups has
// those for the event's seating), or look at who actually came to the earlier sessions: their
// seating is what counts.

#include <cstdint>
#include <string>
#include <vector>

#include "kiosk/core/groups/assignment.hpp"
#include "kiosk/core/store/event_store.hpp"

namespace uketsuke {

struct SessionPlanOptions {
    AssignmentOptions assignment;  // avoid_repeats: weigh the earlier sessions' pairs
    bool dry_run = false;
    std::string editor = "organizer";
    std::int64_t wall_ms = 0;
};

struct [[nodiscard]] SessionPlanResult {
    AssignmentQuality quality;  // repeated_pairs against the earlier sessions, whatever the option
    int seated = 0;             // people given a table at the session
    int earlier_sessions = 0;   // sessions before it whose pairs were counted
    bool applied = false;
    std::string error;
    explicit operator bool() const { return error.empty(); }
};

// Refused, nothing changed: an unknown session (the message lists the sessions), no groups, and
// what plan_groups refuses for the seating itself (too few seats, more facilitators than
// groups). Someone seated at the session before and no longer expected there gets an empty row
// (no table there).
SessionPlanResult plan_session_seating(EventStore& store, const std::string& session_id,
                                       const SessionPlanOptions& options);

// Pairs seated at one group in any session before `session_id` (by date, then start), each
// pair once, among everyone the file knows. A session without its own seating counts with the
// event's.
PairHistory earlier_pairs(const EventStore& store, const std::string& session_id,
                          int* sessions_counted = nullptr);

}  // namespace uketsuke
