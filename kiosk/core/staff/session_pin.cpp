#include "kiosk/core/staff/session_pin.hpp"

#include <fmt/format.h>

#include "kiosk/core/model/local_time.hpp"
#include "kiosk/core/store/ids.hpp"

namespace uketsuke {
namespace {

std::string local_date(std::int64_t wall_ms, std::string_view zone) {
    return local_date_time(wall_ms, zone).substr(0, 10);
}

// The kiosk's newest pin or unpin row, whatever its date.
std::optional<PersonLogEntry> newest_pin_row(const EventStore& store, std::string_view kiosk) {
    std::optional<PersonLogEntry> newest;
    for (auto& row : store.person_log_of("")) {  // by stamp: the last one wins
        if (row.kiosk != kiosk) continue;
        if (row.action == kPinSessionAction || row.action == kUnpinSessionAction)
            newest = std::move(row);
    }
    return newest;
}

}  // namespace

std::optional<SessionPin> session_pin(const EventStore& store, std::string_view kiosk,
                                      std::int64_t now_ms, std::string_view zone) {
    const auto row = newest_pin_row(store, kiosk);
    if (!row || row->action != kPinSessionAction) return std::nullopt;
    // A clock that went back before the pin (reset to 1970 by a flat battery) reads another
    // date too: the pin lapses and the attract screen's notice asks staff to look.
    if (row->wall_ms > now_ms || local_date(row->wall_ms, zone) != local_date(now_ms, zone))
        return std::nullopt;
    auto session = store.session(row->detail);
    if (!session) return std::nullopt;
    return SessionPin{std::move(*session), row->staff, row->staff_name, row->wall_ms};
}

ActionResult pin_session(EventStore& store, const std::string& session_id,
                         const StaffContext& context) {
    ActionResult result;
    StaffContext admitted = context;
    result.error = admit_staff(store, admitted, StaffAction::PinSession);
    if (!result.error.empty()) return result;
    sql::Transaction transaction(store.database());
    const std::string zone = store.event().time_zone;
    const auto pinned = session_pin(store, admitted.kiosk, admitted.wall_ms, zone);
    std::string action(kUnpinSessionAction);
    if (session_id.empty()) {
        if (!pinned) {
            result.error = "this kiosk already follows the clock";
            return result;
        }
    } else {
        const auto session = store.session(session_id);
        if (!session) {
            result.error = fmt::format("the event has no session with the id \"{}\"", session_id);
            return result;
        }
        if (pinned && pinned->session.id == session_id) {
            result.error = fmt::format("this kiosk is already pinned to {}", session->name);
            return result;
        }
        action = kPinSessionAction;
    }
    const std::string stamp = store.next_stamp(admitted.kiosk, admitted.wall_ms).to_string();
    store.append_person_log(PersonLogEntry{random_id(), "", action, session_id, admitted.kiosk,
                                           admitted.staff_id, admitted.staff_name, admitted.wall_ms,
                                           stamp});
    transaction.commit();
    return result;
}

}  // namespace uketsuke
