#pragma once
// A supervisor corrects one person's attendance at one session from the person card: present
// (○), late (遅), left early (早) or absent (× : every check-in and leave there undone). It
// works on the check-in log as it is: undo rows for what is in force at that session, then a
// staff check-in (and leave) for that session, so the merge and the hub carry a correction
// like any other row, and the 出席簿 (attendance_record.hpp) reads it by its usual rules.
//
// The rows carry the time the mark stands for, not the time of the correction: the record
// reads lateness from the arrival's wall time, so a check-in written today for last month's
// meeting would read as late (or as nothing sensible at all). Present: the session's start
// (or now, before it starts); late: start + grace + 1 minute; left early: end - grace - 1
// minute (or now, if that is earlier). When and by whom the correction was made is on record
// all the same: each row names the staff member and takes its hybrid-clock stamp from the
// kiosk's clock now, and a person-log row "session_correction" (detail "2日目 → 遅") holds
// the correction's own wall time, kiosk and staff, like every staff edit.
//
// One transaction: all of it or, on a refusal, nothing. Refused (with why, for the screen):
// door staff, an unknown person or session, a cancelled registration, late before the
// session's grace is over, left early at a session that does not record leaving or before it
// starts, and a correction that would change nothing.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/core/model/model.hpp"
#include "kiosk/core/model/session.hpp"
#include "kiosk/core/model/staff.hpp"
#include "kiosk/core/staff/staff_actions.hpp"
#include "kiosk/core/store/event_store.hpp"

namespace uketsuke {

inline constexpr std::string_view kSessionCorrectionAction = "session_correction";

ActionResult correct_session(EventStore& store, const std::string& participant_id,
                             const std::string& session_id, SessionCorrection correction,
                             const StaffContext& context);

}  // namespace uketsuke
