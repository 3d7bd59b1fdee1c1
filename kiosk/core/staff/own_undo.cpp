#include "kiosk/core/staff/own_undo.hpp"

#include <fmt/format.h>

#include <set>
#include <vector>

namespace uketsuke {

std::string undo_refusal(const EventStore& store, const StaffMember& member,
                         const std::string& participant_id, const std::string& session_id,
                         std::int64_t now_ms) {
    const Session session = resolve_session(store, session_id);
    const std::vector<CheckinRecord> rows = store.checkins_of(participant_id, session.id);
    if (!fold_attendance(rows).checked_in) {
        return fmt::format("not checked in at {}; there is nothing to undo", session.name);
    }
    if (member.role == StaffRole::Supervisor) return "";
    std::set<std::string> undone;
    for (const auto& row : rows) {
        if (row.kind == CheckinKind::Undo) undone.insert(row.undoes);
    }
    const int minutes = static_cast<int>(kOwnUndoWindowMs / 60'000);
    for (const auto& row : rows) {
        if (row.kind != CheckinKind::CheckIn || undone.count(row.id)) continue;
        const bool by_hand =
            row.method == CheckinMethod::Manual || row.method == CheckinMethod::WalkIn;
        if (!by_hand || row.staff != member.id) {
            return "door staff may undo only a check-in they made by hand; ask a supervisor";
        }
        if (now_ms - row.wall_ms > kOwnUndoWindowMs || now_ms < row.wall_ms - kOwnUndoWindowMs) {
            return fmt::format(
                "door staff may undo their own check-in within {} minutes; ask a supervisor",
                minutes);
        }
    }
    return "";
}

StaffUndoResult undo_as_staff(EventStore& store, const StaffMember& member,
                              const std::string& participant_id, const CheckinContext& context) {
    StaffUndoResult result;
    result.error = undo_refusal(store, member, participant_id, context.session_id, context.wall_ms);
    if (!result.error.empty()) return result;
    CheckinService service(store);
    CheckinContext as_member = context;
    as_member.staff = member.id;
    result.undo = service.undo_participant(participant_id, as_member);
    if (result.undo.outcome != UndoOutcome::Undone) {
        result.error = std::string(to_string(result.undo.outcome));
    }
    return result;
}

}  // namespace uketsuke
