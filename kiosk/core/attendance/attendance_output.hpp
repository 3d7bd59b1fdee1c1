#pragma once
// The attendance record written out: a terminal table aligned by display width, CSV for
// Excel (UTF-8 with a BOM, CRLF, the roster export's guard against formulas) and JSON. Each
// takes names as arbitrary bytes: malformed UTF-8 becomes U+FFFD, never an exception, and the
// table also replaces control characters. With a completion rule, each also says who
// completes (修了) and what the others lack.

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>

#include "kiosk/core/attendance/attendance_record.hpp"
#include "kiosk/core/attendance/completion.hpp"

namespace uketsuke {

// Mark symbols (○ 遅 早 × 振) per person and session, the sessions with their summary
// line, and 出席率 per organization.
std::string attendance_table(const AttendanceRecord& record,
                             const std::optional<CompletionRule>& rule);
std::string attendance_csv(const AttendanceRecord& record,
                           const std::optional<CompletionRule>& rule);
std::string attendance_json(const AttendanceRecord& record,
                            const std::optional<CompletionRule>& rule);

// One session as both `attendance --format json` (its "sessions") and `report --json` (its
// "session") write it: the schedule, then the figures under the names the README lists.
nlohmann::json session_json(const SessionColumn& column);

// "83.3%", "" when there is no rate.
std::string rate_text(const std::optional<double>& rate);
// "1", "1.5": a count of halves as sessions.
std::string halves_text(int halves);

}  // namespace uketsuke
