#include "kiosk/core/staff/session_correction.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "kiosk/core/attendance/session_times.hpp"
#include "kiosk/core/store/ids.hpp"

namespace uketsuke {
namespace {

constexpr std::int64_t kMinuteMs = 60'000;

// The mark the rows in force give, by attendance_record.hpp's rules (a session with no
// arrival is Absent here, whether or not the person is on its list).
SessionMark mark_of(const Attendance& attendance, const Session& session,
                    const SessionTimes& times) {
    if (!attendance.checked_in) return SessionMark::Absent;
    const std::int64_t grace_ms = std::int64_t{session.late_grace_minutes} * kMinuteMs;
    if (attendance.first->wall_ms > times.starts_ms + grace_ms) return SessionMark::Late;
    if (session.records_leave && attendance.left &&
        attendance.left->wall_ms < times.ends_ms - grace_ms)
        return SessionMark::EarlyLeave;
    return SessionMark::Present;
}

SessionMark mark_for(SessionCorrection correction) {
    switch (correction) {
        case SessionCorrection::Present:
            return SessionMark::Present;
        case SessionCorrection::Late:
            return SessionMark::Late;
        case SessionCorrection::EarlyLeave:
            return SessionMark::EarlyLeave;
        case SessionCorrection::Absent:
            return SessionMark::Absent;
    }
    return SessionMark::Absent;
}

}  // namespace

ActionResult correct_session(EventStore& store, const std::string& participant_id,
                             const std::string& session_id, SessionCorrection correction,
                             const StaffContext& context) {
    ActionResult result;
    StaffContext admitted = context;
    result.error = admit_staff(store, admitted, StaffAction::CorrectSession);
    if (!result.error.empty()) return result;
    sql::Transaction transaction(store.database());
    const auto person = store.participant(participant_id);
    if (!person) {
        result.error =
            fmt::format("no one with the id \"{}\" is registered at this event", participant_id);
        return result;
    }
    if (person->status == RegistrationStatus::Cancelled) {
        result.error =
            fmt::format("{}'s registration is cancelled; reinstate them first", person->name);
        return result;
    }
    const auto session = store.session(session_id);
    if (!session) {
        result.error = fmt::format("the event has no session with the id \"{}\"", session_id);
        return result;
    }
    const auto times = session_times(*session, store.event().time_zone);
    if (!times) {
        result.error = times.error().message;
        return result;
    }
    const std::int64_t now = admitted.wall_ms;
    const std::int64_t grace_ms = std::int64_t{session->late_grace_minutes} * kMinuteMs;
    const std::vector<CheckinRecord> rows = store.checkins_of(participant_id, session->id);
    const Attendance before = fold_attendance(rows);
    const SessionMark wanted = mark_for(correction);
    if (mark_of(before, *session, times.value()) == wanted) {
        result.error =
            fmt::format("{} is already {} at {}", person->name, to_string(wanted), session->name);
        return result;
    }

    // What the new rows say, and which rows in force must go first.
    std::optional<std::int64_t> arrive_at;
    std::optional<std::int64_t> leave_at;
    bool keep_arrival = false;
    switch (correction) {
        case SessionCorrection::Present:
            arrive_at = std::min(now, times.value().starts_ms);
            break;
        case SessionCorrection::Late:
            if (now <= times.value().starts_ms + grace_ms) {
                result.error = fmt::format("{} has not passed its {}-minute grace yet",
                                           session->name, session->late_grace_minutes);
                return result;
            }
            arrive_at = times.value().starts_ms + grace_ms + kMinuteMs;
            break;
        case SessionCorrection::EarlyLeave:
            if (!session->records_leave) {
                result.error = fmt::format("{} does not record leaving", session->name);
                return result;
            }
            if (now <= times.value().starts_ms) {
                result.error = fmt::format("{} has not started yet", session->name);
                return result;
            }
            // A late arrival stays late (late shows over early: one mark a cell).
            keep_arrival = before.checked_in;
            if (!keep_arrival) arrive_at = times.value().starts_ms;
            leave_at = std::min(now, times.value().ends_ms - grace_ms - kMinuteMs);
            break;
        case SessionCorrection::Absent:
            break;
    }

    std::vector<CheckinRecord> written;
    const auto write = [&](CheckinKind kind, std::int64_t wall_ms, std::string undoes) {
        CheckinRecord row;
        row.id = random_id();
        row.participant_id = participant_id;
        row.kind = kind;
        row.undoes = std::move(undoes);
        row.method = CheckinMethod::Manual;
        row.kiosk = admitted.kiosk;
        row.staff = admitted.staff_id;
        row.wall_ms = wall_ms;
        // The stamp is of now: it orders the correction after everything it corrects.
        row.stamp = store.next_stamp(admitted.kiosk, now).to_string();
        row.session_id = session->id;
        store.append_checkin(row);
    };
    // Undo every row in force (two kiosks may both have checked the person in before they
    // synced), except the arrival an early leave keeps.
    std::vector<std::string> undone;
    for (const auto& row : rows)
        if (row.kind == CheckinKind::Undo) undone.push_back(row.undoes);
    for (const auto& row : rows) {
        if (row.kind == CheckinKind::Undo ||
            std::find(undone.begin(), undone.end(), row.id) != undone.end())
            continue;
        if (keep_arrival && row.kind == CheckinKind::CheckIn) continue;
        write(CheckinKind::Undo, now, row.id);
    }
    if (arrive_at) write(CheckinKind::CheckIn, *arrive_at, "");
    if (leave_at) write(CheckinKind::Leave, *leave_at, "");

    const std::string detail = fmt::format("{} → {}", session->name, session_mark_symbol(wanted));
    store.append_person_log(PersonLogEntry{random_id(), participant_id,
                                           std::string(kSessionCorrectionAction), detail,
                                           admitted.kiosk, admitted.staff_id, admitted.staff_name,
                                           now, store.next_stamp(admitted.kiosk, now).to_string()});
    transaction.commit();
    result.participant = person;
    return result;
}

}  // namespace uketsuke
