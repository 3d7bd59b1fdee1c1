#pragma once
// Attendance figures for the organizer: overall, by organization, by group,
// and arrivals per five minutes. Computed from the roster and the folded log.

#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/attendance/attendance_record.hpp"
#include "kiosk/core/model/arrival_bucket.hpp"
#include "kiosk/core/store/event_store.hpp"

namespace uketsuke {

// Every participant's attendance at one session, folded from the log in one pass. "" is
// every session together: each folded apart, then checked in when at any, `first` the
// earliest of them (the export's one row per person of a series).
std::map<std::string, Attendance> load_attendance(const EventStore& store,
                                                  const std::string& session_id = "");

struct Tally {
    std::string label;
    int registered = 0;  // not cancelled
    int attended = 0;
};

// Arrivals per five minutes, every bucket from the earliest arrival's to the latest's (or to
// `until_ms`'s, when later) with empty ones included, so the timeline reads as a timeline.
// Keeps only the latest `max_buckets`: one kiosk with its clock set years off must not make
// millions of them. Labels are in `time_zone`. Shared by the report and the live dashboard.
std::vector<ArrivalBucket> arrivals_per_five_minutes(
    const std::vector<std::int64_t>& arrival_wall_ms, const std::string& time_zone,
    std::optional<std::int64_t> until_ms = std::nullopt,
    std::size_t max_buckets = std::numeric_limits<std::size_t>::max());

// One role's figures at the session: facilitators, staff and guests are counted apart from
// participants in the line organizers paste.
struct RoleTally {
    int registered = 0;  // expected there
    int attended = 0;
    int no_shows = 0;  // × and 振, as the 出席簿 counts them (none before the start)
};

// Someone expected who has not come, as the organizer follows them up.
struct NoShow {
    std::string id;
    std::string name;
    std::string organization;
    std::string email;
    Role role = Role::Participant;
};

// The session's figures are the 出席簿's (kiosk/core/attendance): `column.totals` counted by
// its rules, the ints below copied from it for the text.
struct Report {
    EventInfo event;
    Session session;       // the session counted
    SessionColumn column;  // its times and totals in the attendance record
    int sessions = 1;      // how many the event has
    int registered = 0;    // expected there (totals.expected)
    int cancelled = 0;     // cancelled registrations in the roster
    int attended = 0;      // came: ○ 遅 早, walk-ins included
    int no_shows = 0;      // expected and did not come: × and 振
    int walk_ins = 0;      // totals.walk_ins
    int pending = 0;       // valid tickets of people this file does not know
    int rejected_scans = 0;
    int organizations = 0;  // among those who came, as in "9団体28名参加"
    std::vector<Tally> by_organization;
    std::vector<Tally> by_group;
    std::vector<ArrivalBucket> arrivals;
    std::vector<std::string> no_show_names;
    // The same people (still to come, before the start), with id, organization and e-mail.
    std::vector<NoShow> no_show_list;
    RoleTally participants, facilitators, staff, guests;
    int participant_organizations = 0;  // among the participants who came: the 9 of 9団体28名
};

enum class ReportLanguage { Japanese, English };

// The line organizers paste: 「9団体28名参加（申込者30名）」 and the rest of the people apart:
// 「ファシリテーター6名、スタッフ2名」, then cancellations and no-shows; in English with
// ReportLanguage::English ("9 organizations, 28 participants attended of 30 registered …").
std::string report_line(const Report& report, ReportLanguage language = ReportLanguage::Japanese);

// For one session ("" is the event's only one; std::invalid_argument when it has several, or
// when the file's sessions cannot be read as a record). `now_ms`: a session not started by
// then has nobody absent yet, as in the 出席簿; none: every session has been held.
Report build_report(const EventStore& store, const std::string& session_id = "",
                    std::optional<std::int64_t> now_ms = std::nullopt);
// The paste line in `language` first, then the figures (in English).
std::string format_report_text(const Report& report,
                               ReportLanguage language = ReportLanguage::Japanese);
nlohmann::json report_to_json(const Report& report);

}  // namespace uketsuke
