#pragma once
// Who may undo a check-in from the person card. A supervisor may undo any. Door staff may undo
// their own: a check-in they made by hand (manual or walk-in) as the same staff member, within
// kOwnUndoWindowMs of making it. That is the likeliest volunteer mistake (the wrong 佐藤 tapped)
// and is noticed at once; anything older, or made by the camera or by someone else, is for a
// supervisor, who can ask what happened.
//
// The rule looks at every check-in in force at the session (two kiosks may have checked the
// person in before syncing): door staff may undo only when all of them are theirs and recent,
// since undo_participant undoes them all.

#include <cstdint>
#include <string>

#include "kiosk/core/checkin/checkin.hpp"
#include "kiosk/core/model/staff.hpp"
#include "kiosk/core/store/event_store.hpp"

namespace uketsuke {

inline constexpr std::int64_t kOwnUndoWindowMs = 5 * 60'000;

// "" when `member` may undo `participant_id`'s check-in at `session_id` ("" is the event's only
// session) at `now_ms`; else why not, in words for the screen. Not checked in is a refusal too.
[[nodiscard]] std::string undo_refusal(const EventStore& store, const StaffMember& member,
                                       const std::string& participant_id,
                                       const std::string& session_id, std::int64_t now_ms);

struct [[nodiscard]] StaffUndoResult {
    std::string error;  // "" when undone
    UndoResult undo;
    explicit operator bool() const { return error.empty(); }
};

// undo_refusal, then CheckinService::undo_participant with the context (staff = member.id).
StaffUndoResult undo_as_staff(EventStore& store, const StaffMember& member,
                              const std::string& participant_id, const CheckinContext& context);

}  // namespace uketsuke
