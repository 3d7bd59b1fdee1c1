// The sessions of an event file and their own expected lists (schema 4). Both are last writer
// wins by changed_stamp, like participant edits, so the merge and the hub settle them alike.
// An older file opened read-only has no sessions table: it is read as its one session, the
// one its migration would make.

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "kiosk/core/attendance/joining.hpp"
#include "kiosk/core/attendance/session_times.hpp"
#include "kiosk/core/store/event_store.hpp"
#include "kiosk/core/store/schema.hpp"
#include "kiosk/core/store/session_rules.hpp"

namespace uketsuke {
namespace {

constexpr const char* kSessionColumns =
    "id, name, date, starts_at, ends_at, room, opens_minutes_before, late_grace_minutes, "
    "records_leave, makeup_of, changed_stamp, changed_by";

Session read_session(const sql::Statement& row) {
    Session s;
    s.id = row.text(0);
    s.name = row.text(1);
    s.date = row.text(2);
    s.starts_at = row.text(3);
    s.ends_at = row.text(4);
    s.room = row.text(5);
    s.opens_minutes_before = static_cast<int>(row.integer(6));
    s.late_grace_minutes = static_cast<int>(row.integer(7));
    s.records_leave = row.integer(8) != 0;
    s.makeup_of = row.text(9);
    s.changed_stamp = row.text(10);
    s.changed_by = row.text(11);
    return s;
}

Session default_session(const EventInfo& event) {
    Session s;
    s.id = kDefaultSessionId;
    s.name = event.name;
    s.date = event.date;
    s.starts_at = "00:00";
    s.ends_at = "23:59";
    s.opens_minutes_before = 0;
    s.late_grace_minutes = 23 * 60 + 59;
    return s;
}

// (stamp, writer) orders versions as the merge does; a version is not newer than itself.
bool newer(const std::string& stamp, const std::string& by, const std::string& held_stamp,
           const std::string& held_by) {
    return std::tie(stamp, by) > std::tie(held_stamp, held_by);
}

SourceError problem(std::string message) { return SourceError{std::move(message), 0, 0}; }

// The walk-ins (by id) who joined after `session` was over (joining.hpp): schema 4 and later,
// where check-ins name their session.
std::set<std::string> walk_ins_joined_after(sql::Database& db, const Session& session,
                                            const std::vector<Session>& sessions,
                                            const std::string& zone) {
    std::set<std::string> later;
    const auto times = session_times(session, zone);
    if (!times) return later;  // the store checks sessions when writing; keep everyone then
    std::map<std::string, std::int64_t> starts;
    for (const auto& other : sessions) {
        if (auto other_times = session_times(other, zone)) {
            starts.emplace(other.id, other_times.value().starts_ms);
        }
    }
    std::map<std::string, std::vector<WalkInTrace>> traces;
    auto rows = db.prepare(
        "SELECT c.participant_id, c.wall_ms, c.session_id FROM checkins c JOIN participants p "
        "ON p.id = c.participant_id WHERE p.source = 'walk-in' AND c.kind = 'checkin' AND "
        "c.method = 'walk-in' UNION ALL SELECT l.participant_id, l.wall_ms, '' FROM person_log "
        "l JOIN participants p ON p.id = l.participant_id WHERE p.source = 'walk-in' AND "
        "l.action = 'walk-in'");
    while (rows.step()) {
        WalkInTrace trace;
        trace.wall_ms = rows.integer(1);
        if (const auto start = starts.find(rows.text(2)); start != starts.end()) {
            trace.session_starts_ms = start->second;
        }
        traces[rows.text(0)].push_back(trace);
    }
    for (const auto& [id, of_person] : traces) {
        if (!expected_after_joining(walk_in_joined_ms(of_person), times.value().ends_ms)) {
            later.insert(id);
        }
    }
    return later;
}

}  // namespace

void EventStore::add_default_session() {
    auto insert = db_.prepare(
        "INSERT OR IGNORE INTO sessions (id, name, date, starts_at, ends_at, opens_minutes_before, "
        "late_grace_minutes) VALUES (?, ?, ?, ?, ?, ?, ?)");
    const Session s = default_session(event());
    insert.bind_all(s.id, s.name, s.date, s.starts_at, s.ends_at, s.opens_minutes_before,
                    s.late_grace_minutes);
    insert.run();
}

std::vector<Session> EventStore::sessions() const {
    if (schema_version_ < 4) return {default_session(event())};
    std::vector<Session> result;
    auto query = db_.prepare(
        fmt::format("SELECT {} FROM sessions WHERE removed = 0 ORDER BY date, starts_at, room, id",
                    kSessionColumns));
    while (query.step()) result.push_back(read_session(query));
    return result;
}

std::optional<Session> EventStore::session(const std::string& id) const {
    if (schema_version_ < 4) {
        if (id != kDefaultSessionId) return std::nullopt;
        return default_session(event());
    }
    auto query = db_.prepare(
        fmt::format("SELECT {} FROM sessions WHERE id = ? AND removed = 0", kSessionColumns));
    query.bind(1, id);
    if (!query.step()) return std::nullopt;
    return read_session(query);
}

Result<bool> EventStore::put_session(const Session& given, std::int64_t now_ms) {
    std::vector<Session> others = sessions();
    auto checked = check_session(given, others, now_ms);
    if (!checked) return problem(checked.error().message);
    const Session& s = checked.value();
    {
        auto held = db_.prepare("SELECT changed_stamp, changed_by FROM sessions WHERE id = ?");
        held.bind(1, s.id);
        if (held.step() && !newer(s.changed_stamp, s.changed_by, held.text(0), held.text(1)))
            return false;
    }
    auto upsert = db_.prepare(
        fmt::format("INSERT INTO sessions ({}, removed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                    "?, 0) ON CONFLICT (id) DO UPDATE SET name = excluded.name, date = "
                    "excluded.date, starts_at = excluded.starts_at, ends_at = excluded.ends_at, "
                    "room = excluded.room, opens_minutes_before = excluded.opens_minutes_before, "
                    "late_grace_minutes = excluded.late_grace_minutes, records_leave = "
                    "excluded.records_leave, makeup_of = excluded.makeup_of, removed = 0, "
                    "changed_stamp = excluded.changed_stamp, changed_by = excluded.changed_by",
                    kSessionColumns));
    upsert.bind_all(s.id, s.name, s.date, s.starts_at, s.ends_at, s.room, s.opens_minutes_before,
                    s.late_grace_minutes, s.records_leave ? 1 : 0, s.makeup_of, s.changed_stamp,
                    s.changed_by);
    upsert.run();
    return true;
}

Result<bool> EventStore::remove_session(const std::string& id, bool force, const std::string& stamp,
                                        const std::string& changed_by) {
    const auto held = session(id);
    if (!held) return problem(fmt::format("there is no session \"{}\"", id));
    const std::vector<Session> all = sessions();
    if (all.size() == 1) {
        return problem(fmt::format(
            "{} is the event's only session; every event has one (change it with `sessions set`)",
            describe_session(*held)));
    }
    for (const auto& other : all) {
        if (other.makeup_of == id) {
            return problem(fmt::format("{} makes up for {}; remove or change it first",
                                       describe_session(other), describe_session(*held)));
        }
    }
    auto rows = db_.prepare("SELECT count(*) FROM checkins WHERE session_id = ?");
    rows.bind(1, id);
    rows.step();
    const std::int64_t checkin_rows = rows.integer(0);
    if (checkin_rows > 0 && !force) {
        return problem(fmt::format(
            "{} holds {} check-in row{}; nothing was removed. Give --force to remove it anyway "
            "(the rows stay in the log as history)",
            describe_session(*held), checkin_rows, checkin_rows == 1 ? "" : "s"));
    }
    if (!newer(stamp, changed_by, held->changed_stamp, held->changed_by)) return false;
    auto update = db_.prepare(
        "UPDATE sessions SET removed = 1, changed_stamp = ?, changed_by = ? WHERE id = ?");
    update.bind_all(stamp, changed_by, id);
    update.run();
    return true;
}

Result<bool> EventStore::set_session_expected(const std::string& session_id,
                                              const std::vector<std::string>& participant_ids,
                                              const std::string& stamp,
                                              const std::string& changed_by) {
    if (!session(session_id)) return problem(fmt::format("there is no session \"{}\"", session_id));
    std::set<std::string> unique;
    std::vector<std::string> ordered;
    std::vector<std::string> unknown;
    for (const auto& id : participant_ids) {
        if (!unique.insert(id).second) continue;
        if (!participant(id)) unknown.push_back(id);
        ordered.push_back(id);
    }
    if (!unknown.empty()) {
        std::string names;
        for (std::size_t i = 0; i < unknown.size() && i < 5; ++i)
            names += fmt::format("{}\"{}\"", i == 0 ? "" : ", ", unknown[i]);
        return problem(fmt::format("{} participant id{} not in the roster: {}{}", unknown.size(),
                                   unknown.size() == 1 ? " is" : "s are", names,
                                   unknown.size() > 5 ? ", …" : ""));
    }
    {
        auto held = db_.prepare(
            "SELECT changed_stamp, changed_by FROM session_expected WHERE session_id = ?");
        held.bind(1, session_id);
        if (held.step() && !newer(stamp, changed_by, held.text(0), held.text(1))) return false;
    }
    auto upsert = db_.prepare(
        "INSERT INTO session_expected (session_id, participant_ids, changed_stamp, changed_by) "
        "VALUES (?, ?, ?, ?) ON CONFLICT (session_id) DO UPDATE SET participant_ids = "
        "excluded.participant_ids, changed_stamp = excluded.changed_stamp, changed_by = "
        "excluded.changed_by");
    upsert.bind_all(session_id, nlohmann::json(ordered).dump(), stamp, changed_by);
    upsert.run();
    return true;
}

std::vector<std::string> EventStore::session_expected_list(const std::string& session_id) const {
    if (schema_version_ < 4) return {};
    auto query = db_.prepare("SELECT participant_ids FROM session_expected WHERE session_id = ?");
    query.bind(1, session_id);
    if (!query.step()) return {};
    // Written by set_session_expected or carried by the merge and the hub from another file:
    // anything that is not an array of texts is no list.
    const auto list = nlohmann::json::parse(query.text(0), nullptr, /*allow_exceptions=*/false);
    std::vector<std::string> ids;
    if (!list.is_array()) return ids;
    for (const auto& id : list) {
        if (id.is_string()) ids.push_back(id.get<std::string>());
    }
    return ids;
}

std::vector<std::string> EventStore::expected_at(const std::string& session_id) const {
    const auto found = session(session_id);
    if (!found) return {};
    const std::vector<std::string> list = session_expected_list(session_id);
    const std::set<std::string> listed(list.begin(), list.end());
    // A list of the session's own names whom it expects; without one, everyone registered but
    // the walk-ins who joined after the session was over.
    const std::set<std::string> joined_later =
        listed.empty() && schema_version_ >= 4
            ? walk_ins_joined_after(db_, *found, sessions(), event().time_zone)
            : std::set<std::string>{};
    std::vector<std::string> ids;
    auto query = db_.prepare(
        "SELECT id FROM participants WHERE status = 'registered' ORDER BY position, id");
    while (query.step()) {
        std::string id = query.text(0);
        if (listed.empty() ? !joined_later.contains(id) : listed.contains(id)) {
            ids.push_back(std::move(id));
        }
    }
    return ids;
}

}  // namespace uketsuke
