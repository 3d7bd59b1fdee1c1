#pragma once
// Small builders for the attendance tests: sessions on known dates in Asia/Tokyo, people,
// and check-in rows at a minute past a session's start.

#include <cstdint>
#include <string>
#include <vector>

#include "kiosk/core/attendance/attendance_record.hpp"

namespace uketsuke::testing {

// 2026-05-12 00:00 in Asia/Tokyo (UTC+9, no daylight saving), worked out apart from the code.
inline constexpr std::int64_t kMay12Tokyo = 1778511600000;
inline constexpr std::int64_t kMinute = 60'000;
inline constexpr std::int64_t kDay = 86'400'000;

// Session `id` on 2026-05-12 + `day` days, 13:00–17:00.
inline Session session_on(const std::string& id, int day, const std::string& makeup_of = "") {
    Session s;
    s.id = id;
    s.name = "第" + id + "回";
    const int date = 12 + day;  // May has 31 days; tests stay within it
    s.date = "2026-05-" + std::to_string(date);
    s.starts_at = "13:00";
    s.ends_at = "17:00";
    s.late_grace_minutes = 10;
    s.makeup_of = makeup_of;
    return s;
}

// Wall time of `minutes` after the start (13:00) of a session `day` days after May 12.
inline std::int64_t at_minute(int day, std::int64_t minutes) {
    return kMay12Tokyo + day * kDay + 13 * 60 * kMinute + minutes * kMinute;
}

inline Participant someone(const std::string& id, const std::string& name,
                           const std::string& reading, const std::string& organization) {
    Participant p;
    p.id = id;
    p.name = name;
    p.reading = reading;
    p.organization = organization;
    return p;
}

inline CheckinRecord row(const std::string& id, const std::string& person,
                         const std::string& session, std::int64_t wall_ms,
                         CheckinKind kind = CheckinKind::CheckIn, const std::string& undoes = "") {
    CheckinRecord r;
    r.id = id;
    r.participant_id = person;
    r.kind = kind;
    r.undoes = undoes;
    r.kiosk = "K1";
    r.wall_ms = wall_ms;
    r.stamp = std::to_string(wall_ms) + "-" + id;  // orders as the wall clock does here
    r.session_id = session;
    return r;
}

}  // namespace uketsuke::testing
