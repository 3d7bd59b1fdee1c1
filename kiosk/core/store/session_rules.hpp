#pragma once
// What makes a session well formed, and the dates and clock times it is written in. Pure:
// the store checks a session with these before writing it, the CLI's schedule import reads
// its cells with them, and the kiosk's session clock computes windows from them.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/model/result.hpp"
#include "kiosk/core/model/session.hpp"

namespace uketsuke {

// "2026-11-30" or "2026/11/30" (what Excel in Japanese writes), one-digit month and day too:
// days since 1970-01-01. Nothing else, and no impossible dates (2026-02-30).
std::optional<std::int64_t> parse_session_date(std::string_view text);
std::string format_session_date(std::int64_t days);  // YYYY-MM-DD
// "9:00", "09:00" or "9時" / "9時30分": minutes after midnight, 0 … 23:59.
std::optional<int> parse_clock_time(std::string_view text);
std::string format_clock_time(int minutes);  // HH:MM

// Local times of one session as minutes since 1970-01-01 00:00 in the event's zone.
struct SessionWindow {
    std::int64_t opens = 0;  // check-in opens: start - opens_minutes_before
    std::int64_t starts = 0;
    std::int64_t ends = 0;
};
// Nothing for a session whose date or times do not parse (the store never holds one).
std::optional<SessionWindow> session_window(const Session& session);

// Which field is wrong (the Session member's name) and what a person should do about it.
struct SessionProblem {
    std::string field;
    std::string message;
};

// The session with its date and times written the one way (zero-padded) and its text trimmed,
// or the first thing wrong with it: no id or name, a date or time that does not read, a date
// before 2000 or more than ten years after `now_ms`, an end not after the start, a negative
// or more than a day's opening or grace, a make-up of a session not in `others` (or of
// itself), or a time that overlaps another session on the same date in the same room.
// `others` are the event's other sessions; one with the same id is the version being replaced.
Result<Session, SessionProblem> check_session(Session session, const std::vector<Session>& others,
                                              std::int64_t now_ms);

// Short description for messages: "第1回 (s1, 2026-11-30 09:00–12:00, 会議室A)".
std::string describe_session(const Session& session);

}  // namespace uketsuke
