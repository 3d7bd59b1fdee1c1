#pragma once
// Who is expected at a session that was over before they joined the event. A walk-in
// registered on day 2 of a meeting did not exist on day 1: counting them as expected there
// put a × (absent) in the 出席簿 and lowered their 出席率 and day 1's figures. The event file
// has no "registered at" column; every file already holds the traces a walk-in leaves: the
// person log's walk-in entry and the walk-in check-in, which names the session they came to.
// Imported people have no such traces and stay expected everywhere.

#include <cstdint>
#include <optional>
#include <vector>

namespace uketsuke {

// One trace of a walk-in's registration: when it was written (the kiosk's clock) and, for the
// walk-in check-in, when the session it belongs to starts (none for a person-log entry, or
// for a row of a session the file does not have).
struct WalkInTrace {
    std::int64_t wall_ms = 0;
    std::optional<std::int64_t> session_starts_ms;
};

// The earliest instant the walk-in is known to have existed: the earliest trace's clock or
// session start, whichever is earlier. The start counts because the person walked in at that
// session even when staff typed them in after it (paper forms at the end of the day) or the
// kiosk's clock ran late. None without traces: then they are treated as imported.
std::optional<std::int64_t> walk_in_joined_ms(const std::vector<WalkInTrace>& traces);

// Whether someone who joined at `joined_ms` is expected at a session ending at `ends_ms`
// (when the session has no list of its own): yes unless the session was over before they
// joined. A walk-in joins the session they came to and every later one.
bool expected_after_joining(std::optional<std::int64_t> joined_ms, std::int64_t ends_ms);

}  // namespace uketsuke
