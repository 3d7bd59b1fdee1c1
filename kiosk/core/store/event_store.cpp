#include "kiosk/core/store/event_store.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>

#include "kiosk/core/model/utf8.hpp"
#include "kiosk/core/store/participant_columns.hpp"
#include "kiosk/core/store/schema.hpp"

namespace uketsuke {
namespace {

constexpr std::size_t kMaxStoredScanBytes = 256;

constexpr const char* kPersonLogColumns =
    "id, participant_id, action, detail, kiosk, staff, staff_name, wall_ms, stamp";

std::vector<PersonLogEntry> read_person_log(sql::Statement& query) {
    std::vector<PersonLogEntry> result;
    while (query.step()) {
        result.push_back(PersonLogEntry{query.text(0), query.text(1), query.text(2), query.text(3),
                                        query.text(4), query.text(5), query.text(6),
                                        query.integer(7), query.text(8)});
    }
    return result;
}

Group read_group(const sql::Statement& row) {
    Group g;
    g.id = row.text(0);
    g.name = row.text(1);
    g.table_label = row.text(2);
    g.capacity = static_cast<int>(row.integer(3));
    g.facilitator = row.text(4);
    if (!row.is_null(5)) g.map_x = row.real(5);
    if (!row.is_null(6)) g.map_y = row.real(6);
    return g;
}

// "file is not a database" from SQLite reads badly for an organizer.
[[noreturn]] void rethrow_open_error(const std::string& path, const sql::DatabaseError& error) {
    const std::string what = error.what();
    if (what.find("not a database") != std::string::npos) {
        throw SchemaError(
            fmt::format("{} is not an Uketsuke event file (it is not an SQLite database); the file "
                        "was not changed.",
                        path));
    }
    throw;
}

}  // namespace

void EventStore::configure(sql::Database& db) {
    // WAL lets the CLI read while the kiosk writes; FULL makes a confirmed check-in
    // survive a power cut; busy_timeout lets the two wait for each other briefly.
    db.execute("PRAGMA busy_timeout = 5000");
    db.execute("PRAGMA foreign_keys = ON");
    db.execute("PRAGMA journal_mode = WAL");
    db.execute("PRAGMA synchronous = FULL");
}

EventStore EventStore::create(const std::string& path, const EventInfo& info) {
    if (path != ":memory:" && std::filesystem::exists(path)) {
        throw sql::DatabaseError(fmt::format("{} already exists; not overwriting it", path));
    }
    sql::Database db(path, sql::Database::Mode::ReadWriteCreate);
    configure(db);
    migrate(db, true);
    EventStore store(std::move(db));
    auto insert = store.db_.prepare(
        "INSERT INTO event (singleton, id, name, date, venue, time_zone) VALUES (1, ?, ?, ?, ?, "
        "?)");
    insert.bind_all(info.id, info.name, info.date, info.venue, info.time_zone);
    insert.run();
    store.add_default_session();
    return store;
}

EventStore EventStore::open(const std::string& path, bool read_only) {
    if (path != ":memory:" && !std::filesystem::exists(path)) {
        throw sql::DatabaseError(fmt::format("{}: no such event file", path));
    }
    try {
        sql::Database db(
            path, read_only ? sql::Database::Mode::ReadOnly : sql::Database::Mode::ReadWrite);
        if (read_only) {
            db.execute("PRAGMA busy_timeout = 5000");
            int version = 0;
            auto query = db.prepare("PRAGMA user_version");
            if (query.step()) version = static_cast<int>(query.integer(0));
            // Not an event file, or a newer one: migrate() says so. An older one is read as it is.
            if (version < 1 || version > kSchemaVersion) migrate(db, false);
        } else {
            db.execute("PRAGMA busy_timeout = 5000");
            migrate(db, false);
            configure(db);
        }
        return EventStore(std::move(db));
    } catch (const SchemaError&) {
        throw;
    } catch (const sql::DatabaseError& error) {
        rethrow_open_error(path, error);
    }
}

EventInfo EventStore::event() const {
    auto query =
        db_.prepare("SELECT id, name, date, venue, time_zone FROM event WHERE singleton = 1");
    if (!query.step()) throw SchemaError(db_.path() + " holds no event");
    return EventInfo{query.text(0), query.text(1), query.text(2), query.text(3), query.text(4)};
}

void EventStore::update_event(const EventInfo& info) {
    auto update = db_.prepare(
        "UPDATE event SET name = ?, date = ?, venue = ?, time_zone = ? WHERE singleton = 1");
    update.bind_all(info.name, info.date, info.venue, info.time_zone);
    update.run();
}

void EventStore::add_public_key(const std::string& key_text, std::int64_t wall_ms) {
    auto insert =
        db_.prepare("INSERT OR IGNORE INTO ticket_keys (public_key, added_at) VALUES (?, ?)");
    insert.bind(1, key_text).bind(2, std::to_string(wall_ms));
    insert.run();
}

std::vector<std::string> EventStore::public_keys() const {
    std::vector<std::string> keys;
    auto query = db_.prepare("SELECT public_key FROM ticket_keys ORDER BY added_at, public_key");
    while (query.step()) keys.push_back(query.text(0));
    return keys;
}

void EventStore::revoke_ticket(const std::string& participant_id, std::uint32_t generation) {
    auto insert = db_.prepare(
        "INSERT OR IGNORE INTO revoked_tickets (participant_id, generation) VALUES (?, ?)");
    insert.bind(1, participant_id).bind(2, static_cast<std::int64_t>(generation));
    insert.run();
}

bool EventStore::is_revoked(const std::string& participant_id, std::uint32_t generation) const {
    auto query =
        db_.prepare("SELECT 1 FROM revoked_tickets WHERE participant_id = ? AND generation = ?");
    query.bind(1, participant_id).bind(2, static_cast<std::int64_t>(generation));
    return query.step();
}

void write_group_row(sql::Database& db, const Group& group, int position) {
    auto upsert = db.prepare(
        "INSERT INTO groups (id, name, table_label, capacity, facilitator, map_x, map_y, position) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
        "table_label = excluded.table_label, capacity = excluded.capacity, "
        "facilitator = excluded.facilitator, map_x = excluded.map_x, map_y = excluded.map_y, "
        "position = excluded.position");
    upsert.bind_all(group.id, group.name, group.table_label, group.capacity, group.facilitator);
    if (group.map_x)
        upsert.bind(6, *group.map_x);
    else
        upsert.bind_null(6);
    if (group.map_y)
        upsert.bind(7, *group.map_y);
    else
        upsert.bind_null(7);
    upsert.bind(8, position);
    upsert.run();
}

void EventStore::upsert_group(const Group& group, int position) {
    write_group_row(db_, group, position);
}

std::vector<Group> EventStore::groups() const {
    std::vector<Group> result;
    auto query = db_.prepare(
        "SELECT id, name, table_label, capacity, facilitator, map_x, map_y FROM groups "
        "ORDER BY position, name");
    while (query.step()) result.push_back(read_group(query));
    return result;
}

std::optional<Group> EventStore::group(const std::string& id) const {
    auto query = db_.prepare(
        "SELECT id, name, table_label, capacity, facilitator, map_x, map_y FROM groups WHERE id = "
        "?");
    query.bind(1, id);
    if (!query.step()) return std::nullopt;
    return read_group(query);
}

std::map<std::string, std::int64_t> EventStore::seated_per_group() const {
    std::map<std::string, std::int64_t> seated;
    auto query = db_.prepare(
        "SELECT group_id, count(*) FROM participants WHERE group_id <> '' AND status = "
        "'registered' GROUP BY group_id");
    while (query.step()) seated[query.text(0)] = query.integer(1);
    return seated;
}

void EventStore::upsert_participant(const Participant& p, int position) {
    auto upsert = db_.prepare(participant_upsert_sql(PositionOnConflict::Keep));
    bind_participant(upsert, p, position);
    upsert.run();
}

std::optional<Participant> EventStore::participant(const std::string& id) const {
    static const std::string sql =
        fmt::format("SELECT {} FROM participants WHERE id = ?", participant_select_list());
    auto query = db_.prepare(sql);
    query.bind(1, id);
    if (!query.step()) return std::nullopt;
    return read_participant(query);
}

std::vector<Participant> EventStore::participants() const {
    static const std::string sql =
        fmt::format("SELECT {} FROM participants ORDER BY position, id", participant_select_list());
    std::vector<Participant> result;
    auto query = db_.prepare(sql);
    while (query.step()) result.push_back(read_participant(query));
    return result;
}

std::int64_t EventStore::participant_count() const {
    auto query = db_.prepare("SELECT count(*) FROM participants");
    query.step();
    return query.integer(0);
}

void EventStore::set_code(const std::string& code, const std::string& participant_id,
                          const std::string& kind) {
    auto upsert = db_.prepare(
        "INSERT INTO codes (code, participant_id, kind) VALUES (?, ?, ?) "
        "ON CONFLICT (code) DO UPDATE SET participant_id = excluded.participant_id, kind = "
        "excluded.kind");
    upsert.bind_all(code, participant_id, kind);
    upsert.run();
}

std::optional<std::string> EventStore::participant_for_code(const std::string& code) const {
    // An import key (a merged row's key from another list) finds the person for the next
    // import, never at the door.
    auto query =
        db_.prepare("SELECT participant_id FROM codes WHERE code = ? AND kind <> 'import-key'");
    query.bind(1, code);
    if (!query.step()) return std::nullopt;
    return query.text(0);
}

std::vector<std::string> EventStore::codes_of(const std::string& participant_id) const {
    std::vector<std::string> result;
    auto query = db_.prepare(
        "SELECT code FROM codes WHERE participant_id = ? AND kind <> 'import-key' ORDER BY kind, "
        "code");
    query.bind(1, participant_id);
    while (query.step()) result.push_back(query.text(0));
    return result;
}

void EventStore::record_rejected_scan(const RejectedScan& scan) {
    auto insert = db_.prepare(
        "INSERT OR IGNORE INTO rejected_scans (id, code, reason, kiosk, wall_ms, stamp, "
        "session_id) VALUES (?, ?, ?, ?, ?, ?, ?)");
    // Cleaned before the cut, and cut between characters: the hub's PostgreSQL takes only UTF-8.
    const std::string code(utf8::cut(utf8::safe_text(scan.code), kMaxStoredScanBytes));
    insert.bind_all(scan.id, code, utf8::safe_text(scan.reason), scan.kiosk, scan.wall_ms,
                    scan.stamp, scan.session_id);
    insert.run();
}

std::vector<RejectedScan> EventStore::rejected_scans() const {
    std::vector<RejectedScan> result;
    auto query = db_.prepare(
        schema_version_ >= 4 ? "SELECT id, code, reason, kiosk, wall_ms, stamp, session_id FROM "
                               "rejected_scans ORDER BY stamp, id"
                             : "SELECT id, code, reason, kiosk, wall_ms, stamp, '' FROM "
                               "rejected_scans ORDER BY stamp, id");
    while (query.step()) {
        result.push_back(RejectedScan{query.text(0), query.text(1), query.text(2), query.text(3),
                                      query.integer(4), query.text(5), query.text(6)});
    }
    return result;
}

bool EventStore::append_person_log(const PersonLogEntry& e) {
    auto insert = db_.prepare(
        "INSERT OR IGNORE INTO person_log (id, participant_id, action, detail, kiosk, staff, "
        "staff_name, "
        "wall_ms, stamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind_all(e.id, e.participant_id, e.action, e.detail, e.kiosk, e.staff, e.staff_name,
                    e.wall_ms, e.stamp);
    insert.run();
    return db_.changes() > 0;
}

std::vector<PersonLogEntry> EventStore::person_log_of(const std::string& participant_id) const {
    if (schema_version() < 2) return {};
    auto query = db_.prepare(
        fmt::format("SELECT {} FROM person_log WHERE participant_id = ? ORDER BY stamp, id",
                    kPersonLogColumns));
    query.bind(1, participant_id);
    return read_person_log(query);
}

std::vector<PersonLogEntry> EventStore::person_log() const {
    if (schema_version() < 2) return {};
    auto query =
        db_.prepare(fmt::format("SELECT {} FROM person_log ORDER BY stamp, id", kPersonLogColumns));
    return read_person_log(query);
}

int EventStore::schema_version() const { return schema_version_; }

int EventStore::read_schema_version(sql::Database& db) {
    auto query = db.prepare("PRAGMA user_version");
    return query.step() ? static_cast<int>(query.integer(0)) : 0;
}

std::optional<std::string> EventStore::setting(const std::string& key) const {
    auto query = db_.prepare("SELECT value FROM settings WHERE key = ?");
    query.bind(1, key);
    if (!query.step()) return std::nullopt;
    return query.text(0);
}

void EventStore::set_setting(const std::string& key, const std::string& value) {
    auto upsert = db_.prepare(
        "INSERT INTO settings (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    upsert.bind_all(key, value);
    upsert.run();
}

HlcStamp EventStore::next_stamp(const std::string& node, std::int64_t wall_ms) {
    const std::string key = "hlc." + node;
    HlcStamp last;
    if (auto saved = setting(key)) last = HlcStamp::parse(*saved).value_or(HlcStamp{});
    // Stamps from other kiosks already in this file (merged or synced) come first too:
    // check-ins, rejected scans, participant edits, the person log and staff attempts. (A file that
    // can take a stamp is writable, so migrated: the person log is there.)
    if (auto seen = newest_stamp(db_)) {
        HybridClock merge(node, last);
        merge.observe(*seen, wall_ms);
        last = merge.last();
    }
    HybridClock clock(node, last);
    HlcStamp stamp = clock.tick(wall_ms);
    set_setting(key, stamp.to_string());
    return stamp;
}

std::optional<HlcStamp> newest_stamp(sql::Database& db) {
    auto newest = db.prepare(
        "SELECT max(s) FROM (SELECT max(stamp) AS s FROM checkins UNION ALL SELECT max(stamp) FROM "
        "rejected_scans UNION ALL SELECT max(changed_stamp) FROM participants UNION ALL SELECT "
        "max(stamp) FROM person_log UNION ALL SELECT max(changed_stamp) FROM sessions UNION ALL "
        "SELECT max(changed_stamp) FROM session_expected UNION ALL SELECT max(stamp) FROM "
        "staff_attempts UNION ALL SELECT max(changed_stamp) FROM session_seating UNION ALL SELECT "
        "max(stamp) FROM print_log)");
    if (!newest.step() || newest.is_null(0)) return std::nullopt;
    return HlcStamp::parse(newest.text(0));
}

std::string secret_key_path_for(const std::string& event_path) {
    std::filesystem::path path(event_path);
    path.replace_extension(".secret-key");
    return path.string();
}

}  // namespace uketsuke
