// Seating per session (schema 6). A session either keeps the event's seating (no rows here) or
// has its own, drawn for it (`uketsuke groups assign --session`). Rows are last writer wins by
// (stamp, writer, group, table), the order the merge and the hub settle them in. An older file
// opened read-only has no table: every session keeps the event's seating.

#include <fmt/format.h>

#include <set>
#include <tuple>

#include "kiosk/core/store/event_store.hpp"

namespace uketsuke {
namespace {

SourceError problem(std::string message) { return SourceError{std::move(message), 0, 0}; }

auto version_of(const SessionSeat& seat) {
    return std::tie(seat.changed_stamp, seat.changed_by, seat.group_id, seat.table_label);
}

}  // namespace

Result<int> EventStore::put_session_seating(const std::string& session_id,
                                            const std::vector<SessionSeat>& seats) {
    if (!session(session_id)) return problem(fmt::format("there is no session \"{}\"", session_id));
    std::set<std::string> group_ids;
    for (const auto& group : groups()) group_ids.insert(group.id);
    for (const auto& seat : seats) {
        if (!participant(seat.participant_id)) {
            return problem(
                fmt::format("participant id \"{}\" is not in the roster", seat.participant_id));
        }
        if (!seat.group_id.empty() && !group_ids.contains(seat.group_id)) {
            return problem(fmt::format("there is no group with id \"{}\"", seat.group_id));
        }
    }
    auto held = db_.prepare(
        "SELECT participant_id, group_id, table_label, changed_stamp, changed_by FROM "
        "session_seating WHERE session_id = ? AND participant_id = ?");
    auto upsert = db_.prepare(
        "INSERT INTO session_seating (session_id, participant_id, group_id, table_label, "
        "changed_stamp, changed_by) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (session_id, "
        "participant_id) DO UPDATE SET group_id = excluded.group_id, table_label = "
        "excluded.table_label, changed_stamp = excluded.changed_stamp, changed_by = "
        "excluded.changed_by");
    int written = 0;
    for (const auto& seat : seats) {
        held.reset();
        held.bind_all(session_id, seat.participant_id);
        if (held.step()) {
            const SessionSeat current{held.text(0), held.text(1), held.text(2), held.text(3),
                                      held.text(4)};
            if (version_of(seat) <= version_of(current)) continue;
        }
        upsert.reset();
        upsert.bind_all(session_id, seat.participant_id, seat.group_id, seat.table_label,
                        seat.changed_stamp, seat.changed_by);
        upsert.run();
        ++written;
    }
    return written;
}

std::vector<SessionSeat> EventStore::session_seating(const std::string& session_id) const {
    std::vector<SessionSeat> seats;
    if (schema_version_ < 6) return seats;
    // Roster order; rows of people this file does not know yet (carried by a merge) go last.
    auto query = db_.prepare(
        "SELECT s.participant_id, s.group_id, s.table_label, s.changed_stamp, s.changed_by FROM "
        "session_seating s LEFT JOIN participants p ON p.id = s.participant_id WHERE "
        "s.session_id = ? ORDER BY p.position IS NULL, p.position, s.participant_id");
    query.bind(1, session_id);
    while (query.step()) {
        seats.push_back(
            SessionSeat{query.text(0), query.text(1), query.text(2), query.text(3), query.text(4)});
    }
    return seats;
}

bool EventStore::has_own_seating(const std::string& session_id) const {
    if (schema_version_ < 6 || session_id.empty()) return false;
    auto query = db_.prepare("SELECT 1 FROM session_seating WHERE session_id = ? LIMIT 1");
    query.bind(1, session_id);
    return query.step();
}

std::optional<SessionSeat> EventStore::seat_at(const std::string& session_id,
                                               const std::string& participant_id) const {
    if (has_own_seating(session_id)) {
        auto query = db_.prepare(
            "SELECT group_id, table_label, changed_stamp, changed_by FROM session_seating WHERE "
            "session_id = ? AND participant_id = ?");
        query.bind_all(session_id, participant_id);
        if (!query.step() || query.text(0).empty()) return std::nullopt;
        return SessionSeat{participant_id, query.text(0), query.text(1), query.text(2),
                           query.text(3)};
    }
    const auto person = participant(participant_id);
    if (!person || person->group_id.empty()) return std::nullopt;
    return SessionSeat{participant_id, person->group_id, "", person->changed_stamp,
                       person->changed_by};
}

std::optional<Group> EventStore::seated_group(const std::string& session_id,
                                              const std::string& participant_id) const {
    const auto seat = seat_at(session_id, participant_id);
    if (!seat) return std::nullopt;
    auto found = group(seat->group_id);
    if (!found || !has_own_seating(session_id)) return found;
    if (!seat->table_label.empty()) found->table_label = seat->table_label;
    // The groups row names the facilitator of the event's seating; this session may seat
    // another one at the table, or none.
    auto facilitator = db_.prepare(
        "SELECT p.name FROM session_seating s JOIN participants p ON p.id = s.participant_id "
        "WHERE s.session_id = ? AND s.group_id = ? AND p.role = 'facilitator' AND p.status = "
        "'registered' ORDER BY p.position, p.id LIMIT 1");
    facilitator.bind_all(session_id, seat->group_id);
    found->facilitator = facilitator.step() ? facilitator.text(0) : std::string();
    return found;
}

}  // namespace uketsuke
