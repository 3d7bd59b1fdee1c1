// The check-in log of an event file: append-only rows, each of one session (schema 4).
// An older file opened read-only (the merge reads kiosk files of every age) has no session
// column: its rows belong to the one session it had, kDefaultSessionId.

#include <fmt/format.h>

#include <stdexcept>

#include "kiosk/core/store/event_store.hpp"
#include "kiosk/core/store/schema.hpp"

namespace uketsuke {
namespace {

CheckinRecord read_checkin(const sql::Statement& row) {
    CheckinRecord r;
    r.id = row.text(0);
    r.participant_id = row.text(1);
    r.kind = checkin_kind_from_string(row.text(2)).value_or(CheckinKind::CheckIn);
    r.undoes = row.text(3);
    r.method = checkin_method_from_string(row.text(4)).value_or(CheckinMethod::Manual);
    r.kiosk = row.text(5);
    r.staff = row.text(6);
    r.wall_ms = row.integer(7);
    r.stamp = row.text(8);
    r.session_id = row.text(9);
    return r;
}

std::string checkin_columns(int schema_version) {
    return fmt::format(
        "id, participant_id, kind, undoes, method, kiosk, staff, wall_ms, stamp, {}",
        schema_version >= 4 ? std::string("session_id") : fmt::format("'{}'", kDefaultSessionId));
}

}  // namespace

std::string EventStore::session_or_only(const std::string& session_id) const {
    if (!session_id.empty()) return session_id;
    const std::vector<Session> all = sessions();
    if (all.size() == 1) return all.front().id;
    throw std::invalid_argument(fmt::format(
        "{} has {} sessions; a check-in must say which one it belongs to", path(), all.size()));
}

bool EventStore::append_checkin(const CheckinRecord& r) {
    auto insert = db_.prepare(
        "INSERT OR IGNORE INTO checkins (id, participant_id, kind, undoes, method, kiosk, staff, "
        "wall_ms, stamp, session_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind_all(r.id, r.participant_id, to_string(r.kind), r.undoes, to_string(r.method),
                    r.kiosk, r.staff, r.wall_ms, r.stamp, session_or_only(r.session_id));
    insert.run();
    return db_.changes() > 0;
}

std::vector<CheckinRecord> EventStore::checkins_of(const std::string& participant_id) const {
    std::vector<CheckinRecord> result;
    auto query = db_.prepare(
        fmt::format("SELECT {} FROM checkins WHERE participant_id = ? ORDER BY stamp, id",
                    checkin_columns(schema_version_)));
    query.bind(1, participant_id);
    while (query.step()) result.push_back(read_checkin(query));
    return result;
}

std::vector<CheckinRecord> EventStore::checkins_of(const std::string& participant_id,
                                                   const std::string& session_id) const {
    std::vector<CheckinRecord> result;
    if (schema_version_ < 4) {
        if (session_id != kDefaultSessionId) return result;
        return checkins_of(participant_id);
    }
    auto query = db_.prepare(fmt::format(
        "SELECT {} FROM checkins WHERE participant_id = ? AND session_id = ? ORDER BY stamp, id",
        checkin_columns(schema_version_)));
    query.bind_all(participant_id, session_id);
    while (query.step()) result.push_back(read_checkin(query));
    return result;
}

std::vector<CheckinRecord> EventStore::checkins() const {
    std::vector<CheckinRecord> result;
    auto query = db_.prepare(fmt::format("SELECT {} FROM checkins ORDER BY stamp, id",
                                         checkin_columns(schema_version_)));
    while (query.step()) result.push_back(read_checkin(query));
    return result;
}

std::optional<CheckinRecord> EventStore::checkin(const std::string& id) const {
    auto query = db_.prepare(
        fmt::format("SELECT {} FROM checkins WHERE id = ?", checkin_columns(schema_version_)));
    query.bind(1, id);
    if (!query.step()) return std::nullopt;
    return read_checkin(query);
}

// Schema 7 keeps the counts (schema.cpp, v7); an older file opened read-only is counted.
std::int64_t EventStore::arrived_count() const {
    if (schema_version_ >= 7) {
        auto kept = db_.prepare(
            "SELECT count(DISTINCT participant_id) FROM session_arrivals WHERE live > 0");
        kept.step();
        return kept.integer(0);
    }
    auto query = db_.prepare(
        "SELECT count(DISTINCT c.participant_id) FROM checkins c WHERE c.kind = 'checkin' AND NOT "
        "EXISTS "
        "(SELECT 1 FROM checkins u WHERE u.kind = 'undo' AND u.undoes = c.id)");
    query.step();
    return query.integer(0);
}

std::int64_t EventStore::arrived_count(const std::string& session_id) const {
    if (schema_version_ < 4) return session_id == kDefaultSessionId ? arrived_count() : 0;
    if (schema_version_ >= 7) {
        auto kept = db_.prepare("SELECT arrived FROM session_arrived WHERE session_id = ?");
        kept.bind(1, session_id);
        return kept.step() ? kept.integer(0) : 0;
    }
    auto query = db_.prepare(
        "SELECT count(DISTINCT c.participant_id) FROM checkins c WHERE c.session_id = ? AND "
        "c.kind = 'checkin' AND NOT EXISTS (SELECT 1 FROM checkins u WHERE u.kind = 'undo' AND "
        "u.undoes = c.id)");
    query.bind(1, session_id);
    query.step();
    return query.integer(0);
}

}  // namespace uketsuke
