#pragma once
// The attendance record of a series (出席簿): a mark per person and session, totals per
// session with the summary organizers write, 出席率 per person and per organization. A pure
// function of plain values, so the command, a future kiosk screen and the tests all compute
// the same record from whatever store or fixture supplies the values.
//
// The rules, one place for all of them:
// - A person's arrival at a session is their first check-in in force there (undone rows do
//   not count; fold_attendance). Arriving after start + late_grace_minutes is late (遅).
// - Where the session records leaving, a leave in force before end - late_grace_minutes is
//   an early leave (早). Late and early at once shows 遅: lateness is what the record is
//   usually asked about, and one cell holds one mark. The cell keeps both times.
// - Expected and not arrived is absent (×). Absent at S but attended (any mark) a session
//   whose makeup_of is S shows 振 at S, wherever the make-up falls in the calendar.
// - A make-up session is an offer, not a requirement: nobody is absent there (a blank cell),
//   and it is not one of anyone's sessions for the rates. Attending it counts once, as the
//   振 of the session it makes up for; attending it without having missed that session shows
//   the mark at the make-up and changes nothing else.
// - Not expected but attended (a walk-in, or a list made before they registered) shows the
//   mark like anyone else's and counts: in the session's totals (and as a walk-in) and as one
//   of that person's sessions.
// - Who is expected comes with the input (EventStore::expected_at): a session's own list, or
//   everyone registered but the walk-ins who joined after the session was over (joining.hpp),
//   so a walk-in of day 2 shows no × at day 1.
// - Cancelled registrations are expected nowhere; a cancelled person appears only if they
//   attended something, then as a walk-in.
// - A session that has not started by `now_ms` is still to come: nobody is absent there yet
//   and it is in nobody's rates; check-ins already made (the kiosk opens early) show.
// - A person's 出席率 = (○ + 遅 + 早 + 振) / their sessions, where their sessions are the
//   held, non-make-up sessions they were expected at or attended. An organization's is the
//   sum of its people's numerators over the sum of their sessions. No sessions: no rate.
// - Rows are sorted by organization (ICU's Japanese collation; people without one last),
//   then reading (kana folded to hiragana, NFKC; the name when there is no reading), then
//   name, then id.
// - Check-in rows of sessions the event does not have, and of people the roster does not
//   have (valid tickets whose details never arrived), are counted, not shown.

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/attendance/session_times.hpp"
#include "kiosk/core/model/model.hpp"
#include "kiosk/core/model/result.hpp"
#include "kiosk/core/model/session.hpp"

namespace uketsuke {

struct AttendanceInput {
    std::string time_zone;  // the event's, IANA (Asia/Tokyo)
    std::vector<Session> sessions;
    std::vector<Participant> participants;
    std::map<std::string, std::vector<std::string>> expected;  // session id → participant ids
    std::vector<CheckinRecord> checkins;                       // every kiosk's rows, in any order
    std::optional<std::int64_t> now_ms;                        // none: every session has been held
    // false: people by organization and id as bytes, for callers that count and do not list
    // (the report): ICU's sort keys were most of the record's cost at 100,000 people.
    bool collated_order = true;
};

struct AttendanceCell {
    SessionMark mark = SessionMark::NotExpected;
    bool expected = false;  // on the session's list
    std::optional<std::int64_t> arrived_ms;
    std::optional<std::int64_t> left_ms;  // only where the session records leaving
    std::string made_up_at;               // for 振: the id of the make-up session attended
    bool walked_in = false;  // registered at this session at a kiosk (a walk-in check-in first)
};

struct MarkCounts {
    int present = 0;
    int late = 0;
    int early_leave = 0;
    int absent = 0;
    int made_up = 0;
    int attended() const { return present + late + early_leave; }
};

struct PersonAttendance {
    Participant participant;
    std::vector<AttendanceCell> cells;  // one per record session, in the record's order
    MarkCounts counts;                  // over the person's sessions (see the rules above)
    int sessions = 0;
    std::optional<double> rate;  // 0..1
};

struct SessionTotals {
    int expected = 0;  // on the list and in the roster, not cancelled
    MarkCounts counts;
    // 当日参加: attended and registered at a kiosk at this session (walked_in), or attended
    // without being expected (a session's own list left them out, or a cancelled registration
    // came). A walk-in of an earlier session is a registered person here. Also in counts.
    int walk_ins = 0;
    int organizations = 0;  // distinct among those who attended; "" is not one
    // "9団体28名参加（申込者30名）": organizations, attendees, expected.
    std::string summary;
};

struct SessionColumn {
    Session session;
    SessionTimes times;
    bool makeup = false;  // makeup_of names another session
    bool held = true;     // started by now_ms
    SessionTotals totals;
};

struct OrganizationAttendance {
    std::string name;  // "" for people without one
    int people = 0;
    int sessions = 0;  // sum of its people's sessions
    int attended = 0;  // sum of their ○ 遅 早 振
    std::optional<double> rate;
};

struct AttendanceRecord {
    std::string time_zone;
    std::vector<SessionColumn> sessions;  // by start, then id
    std::vector<PersonAttendance> people;
    std::vector<OrganizationAttendance> organizations;  // in the people's order
    std::size_t rows_of_unknown_sessions = 0;
    std::size_t people_not_in_roster = 0;  // distinct ids with rows, by session known
    int cancelled = 0;                     // cancelled registrations in the roster
};

// Fails, naming the session and field, on an unknown time zone, a session date or time that
// is not YYYY-MM-DD / HH:MM, an end not after the start, a session id given twice, or a
// makeup_of that names no other session.
Result<AttendanceRecord> build_attendance_record(const AttendanceInput& input);

// The record of one session alone: its column, the people expected or attended there, and
// counts and rates over that session (an organization's rate is its attendance there). A 振
// keeps the make-up it names even though that column is left out. Fails on an unknown id.
Result<AttendanceRecord> only_session(const AttendanceRecord& record, std::string_view session_id);

// "9団体28名参加（申込者30名）"
std::string attendance_summary(int organizations, int attendees, int expected);

}  // namespace uketsuke
