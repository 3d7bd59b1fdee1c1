#pragma once
// A session of an event: one sitting people attend (第3回研究会 1日目, 午後の部, Day 1). Every
// event has at least one; check-ins, leaves and walk-ins belong to one. Plain values: the
// store reads and writes them, the kiosk picks the current one, the attendance record
// (出席簿) folds check-ins per session. No behaviour here beyond naming the marks.

#include <optional>
#include <string>
#include <string_view>

namespace uketsuke {

struct Session {
    std::string id;                 // short and stable, chosen by the organizer or generated ("s1")
    std::string name;               // as the organizer writes it: 第3回研究会 1日目
    std::string date;               // YYYY-MM-DD, in the event's time zone
    std::string starts_at;          // HH:MM, in the event's time zone
    std::string ends_at;            // HH:MM, after starts_at on the same date
    std::string room;               // "" when the session is not tied to a room
    int opens_minutes_before = 60;  // how early the kiosk accepts check-ins
    int late_grace_minutes = 10;    // arrival after start + grace is late (遅刻)
    bool records_leave = false;     // leaves are recorded; before end - grace is early (早退)
    std::string makeup_of;          // "" or the id of the session this one makes up for (振替)
    std::string changed_stamp;      // hybrid logical clock of the last edit (last writer wins)
    std::string changed_by;         // kiosk or tool that made it
};

// One person at one session, as the attendance record shows it.
enum class SessionMark {
    Present,     // ○
    Late,        // 遅 arrived after start + grace
    EarlyLeave,  // 早 left before end - grace (a late arrival who also left early is Late)
    Absent,      // ×
    MadeUp,      // 振 absent here, attended the make-up session for this one
    NotExpected  // not on this session's list: a blank cell
};

std::string_view to_string(SessionMark mark);            // present, late, …
std::string_view session_mark_symbol(SessionMark mark);  // ○ 遅 早 × 振, "" for NotExpected
std::optional<SessionMark> session_mark_from_string(std::string_view text);

}  // namespace uketsuke
