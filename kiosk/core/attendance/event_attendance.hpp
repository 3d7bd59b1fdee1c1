#pragma once
// The attendance record of an event file: what the store holds, read into the record's plain
// input. `uketsuke attendance`, `uketsuke report` and the tests read it the same way, so the
// 出席簿 and the report count the same people in the same way.

#include <cstdint>
#include <optional>

#include "kiosk/core/attendance/attendance_record.hpp"
#include "kiosk/core/store/event_store.hpp"

namespace uketsuke {

// Sessions, participants, who is expected where (EventStore::expected_at) and every check-in
// row. `now_ms`: sessions not started by then are still to come (none: all have been held).
AttendanceInput attendance_input(const EventStore& store, std::optional<std::int64_t> now_ms);

Result<AttendanceRecord> event_attendance(const EventStore& store,
                                          std::optional<std::int64_t> now_ms);

}  // namespace uketsuke
