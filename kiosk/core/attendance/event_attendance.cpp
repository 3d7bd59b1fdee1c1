#include "kiosk/core/attendance/event_attendance.hpp"

namespace uketsuke {

AttendanceInput attendance_input(const EventStore& store, std::optional<std::int64_t> now_ms) {
    AttendanceInput input;
    input.time_zone = store.event().time_zone;
    input.sessions = store.sessions();
    input.participants = store.participants();
    for (const auto& session : input.sessions) {
        input.expected[session.id] = store.expected_at(session.id);
    }
    input.checkins = store.checkins();
    input.now_ms = now_ms;
    return input;
}

Result<AttendanceRecord> event_attendance(const EventStore& store,
                                          std::optional<std::int64_t> now_ms) {
    return build_attendance_record(attendance_input(store, now_ms));
}

}  // namespace uketsuke
