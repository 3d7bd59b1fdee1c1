#include "kiosk/core/sync/hub.hpp"

#include <fmt/format.h>

#include <exception>
#include <string_view>

#include "kiosk/core/sync/hub_connection.hpp"
#include "kiosk/core/sync/hub_marks.hpp"
#include "kiosk/core/sync/hub_pull.hpp"
#include "kiosk/core/sync/hub_push.hpp"
#include "kiosk/core/sync/hub_schema.hpp"
#include "kiosk/core/sync/hub_tables.hpp"

namespace uketsuke {
namespace {

using hub::Connection;
using hub::HubFailure;

template <typename Body>
HubResult guarded(Body&& body) {
    HubResult result;
    try {
        body(result);
    } catch (const HubFailure& failure) {
        result.error = {failure.kind, failure.what()};
    } catch (const std::exception& error) {
        result.error = {HubErrorKind::Failed, fmt::format("hub sync failed: {}", error.what())};
    }
    return result;
}

// A log's rowid mark, or a stamped table's greatest changed_stamp, before and after one push.
template <typename Mark>
struct PushMark {
    const hub::HubTable& table;
    Mark before{};
    Mark after{};
};
using LogMark = PushMark<std::int64_t>;
using StampMark = PushMark<std::string>;

bool is_people(const hub::HubTable& table) { return table.name == "participants"; }

}  // namespace

HubResult hub_init(const std::string& conninfo) {
    return guarded([&](HubResult&) {
        Connection conn(conninfo);
        conn.exec("BEGIN");
        conn.exec(std::string(hub::kWriteLock));
        hub::upgrade_schema(conn);
        conn.exec("COMMIT");
    });
}

Result<EventInfo, HubError> hub_event(const std::string& conninfo) {
    EventInfo event;
    const HubResult result = guarded([&](HubResult&) {
        Connection conn(conninfo);
        hub::require_schema(conn);
        const auto found = hub::read_hub_event(conn);
        if (!found) {
            throw HubFailure(HubErrorKind::Refused,
                             fmt::format("the hub at {} holds no event yet", conn.where()));
        }
        event = *found;
    });
    if (!result) return result.error;
    return event;
}

HubResult hub_publish(EventStore& store, const std::string& conninfo) {
    return guarded([&](HubResult& result) {
        Connection conn(conninfo);
        hub::require_synced_schema(conn);
        sql::Database& db = store.database();
        sql::Transaction snapshot(db, sql::Transaction::Kind::Deferred);  // one consistent read
        const EventInfo event = store.event();
        conn.exec("BEGIN");
        conn.exec(std::string(hub::kWriteLock));
        if (const auto held = hub::read_hub_event(conn); held && held->id != event.id)
            hub::require_same_event(conn, event);
        conn.exec(
            "INSERT INTO event (singleton, id, name, date, venue, time_zone) VALUES (1, $1, $2, "
            "$3, $4, $5) "
            "ON CONFLICT (singleton) DO UPDATE SET name = excluded.name, date = excluded.date, "
            "venue = excluded.venue, time_zone = excluded.time_zone",
            {event.id, event.name, event.date, event.venue, event.time_zone});
        // The organizer's keys, revoked tickets, groups, people and codes, in the order the
        // tables are listed; the organizer's groups replace the hub's when they differ.
        for (const auto& table : hub::hub_tables()) {
            if (table.pushed == hub::Pushed::ByRowid) continue;  // the kiosks' logs
            const std::int64_t sent = hub::push_all(conn, db, table);
            (is_people(table) ? result.pushed_participants : result.pushed_other) += sent;
        }
        conn.exec("COMMIT");
    });
}

namespace {

// Whether any local row waits for the hub: a sync with none takes no write lock.
bool anything_to_push(sql::Database& db, const std::vector<LogMark>& logs,
                      const std::vector<StampMark>& stamped) {
    for (const auto& log : logs) {
        auto query =
            db.prepare(fmt::format("SELECT 1 FROM {} WHERE rowid > ? LIMIT 1", log.table.name));
        query.bind(1, log.before);
        if (query.step()) return true;
    }
    for (const auto& mark : stamped) {
        auto query = db.prepare(
            fmt::format("SELECT 1 FROM {} WHERE changed_stamp > ? LIMIT 1", mark.table.name));
        query.bind(1, mark.before);
        if (query.step()) return true;
    }
    return false;
}

// One round trip: records the kiosk's visit, and reads the hub's schema and every table's
// greatest seq (0 for a table this hub does not have).
std::vector<std::int64_t> visit(Connection& conn, int hub_version, const std::string& kiosk_id) {
    std::string newest;
    for (const auto& table : hub::hub_tables()) {
        newest += table.since_version <= hub_version
                      ? fmt::format(", (SELECT coalesce(max(seq), 0) FROM {})", table.name)
                      : std::string(", 0");
    }
    auto row = conn.exec(
        fmt::format("WITH visit AS (INSERT INTO kiosks (kiosk_id, last_sync) VALUES ($1, now()) "
                    "ON CONFLICT (kiosk_id) DO UPDATE SET last_sync = excluded.last_sync "
                    "RETURNING 1) SELECT (SELECT value FROM hub_meta WHERE key = "
                    "'schema_version'), (SELECT count(*) FROM visit){}",
                    newest),
        {kiosk_id});
    if (hub::value(row, 0, 0) != std::to_string(hub_version)) {
        // `hub init` ran while this kiosk held its connection: connect again and check it.
        throw HubFailure(HubErrorKind::Failed,
                         fmt::format("the hub at {} changed its schema from {} to {}; syncing "
                                     "again checks it",
                                     conn.where(), hub_version, hub::value(row, 0, 0)));
    }
    std::vector<std::int64_t> seqs;
    for (std::size_t i = 0; i < hub::hub_tables().size(); ++i)
        seqs.push_back(hub::integer(row, 0, static_cast<int>(i) + 2));
    return seqs;
}

void sync_over(Connection& conn, int hub_version, EventStore& store, const std::string& kiosk_id,
               HubResult& result) {
    sql::Database& db = store.database();
    // Push: read the local marks, send, commit on the hub, then move the marks.
    // A failure anywhere leaves the marks where they were: the next sync sends again,
    // and the hub ignores what it already has.
    std::vector<LogMark> logs;
    std::vector<StampMark> stamped;
    for (const auto& table : hub::hub_tables()) {
        if (table.since_version > hub_version) continue;
        if (table.pushed == hub::Pushed::ByRowid) {
            const std::int64_t mark = hub::integer_mark(store, hub::pushed_mark_key(table.name));
            logs.push_back({table, mark, mark});
        } else if (table.pushed == hub::Pushed::ByStamp) {
            const std::string mark = hub::stamp_mark(store, table.name);
            stamped.push_back({table, mark, mark});
        }
    }
    if (anything_to_push(db, logs, stamped)) {
        {
            sql::Transaction snapshot(db, sql::Transaction::Kind::Deferred);
            conn.exec("BEGIN");
            conn.exec(std::string(hub::kWriteLock));
            for (auto& log : logs) {
                const std::int64_t sent = hub::push_log(conn, db, log.table, log.before, log.after);
                const std::string_view name = log.table.name;
                (name == "checkins"         ? result.pushed_checkins
                 : name == "rejected_scans" ? result.pushed_rejected_scans
                                            : result.pushed_other) += sent;
            }
            // People edited here (walk-ins, moves, notes) with their codes, and session edits
            // (a walk-in joining a session's own list).
            for (auto& mark : stamped) {
                const std::int64_t sent =
                    hub::push_changed(conn, db, mark.table, mark.before, mark.after);
                if (is_people(mark.table)) {
                    result.pushed_participants += sent;
                    result.pushed_other += hub::push_codes_of_changed_people(conn, db, mark.before);
                } else {
                    result.pushed_other += sent;
                }
            }
            conn.exec("COMMIT");
        }
        sql::Transaction transaction(db);
        for (const auto& log : logs) {
            if (log.after != log.before)
                store.set_setting(hub::pushed_mark_key(log.table.name), std::to_string(log.after));
        }
        for (const auto& mark : stamped) {
            if (mark.after != mark.before)
                store.set_setting(hub::pushed_mark_key(mark.table.name), mark.after);
        }
        transaction.commit();
    }
    const std::vector<std::int64_t> newest = visit(conn, hub_version, kiosk_id);
    hub::pull(conn, store, hub_version, /*keep_cursors=*/true, result, &newest);
}

}  // namespace

HubLink::HubLink(std::string conninfo) : conninfo_(std::move(conninfo)) {}

HubLink::~HubLink() = default;

HubResult HubLink::sync(EventStore& store, const std::string& kiosk_id) {
    return guarded([&](HubResult& result) {
        try {
            if (!conn_) {
                auto conn = std::make_unique<Connection>(conninfo_);
                hub_version_ = hub::require_synced_schema(*conn);
                hub::require_same_event(*conn, store.event());
                conn->keep_prepared();
                conn_ = std::move(conn);
            }
            sync_over(*conn_, hub_version_, store, kiosk_id, result);
        } catch (...) {
            conn_.reset();  // a broken or aborted connection is never used again
            throw;
        }
    });
}

HubResult hub_sync(EventStore& store, const std::string& conninfo, const std::string& kiosk_id) {
    return guarded([&](HubResult& result) {
        Connection conn(conninfo);
        const int hub_version = hub::require_synced_schema(conn);
        hub::require_same_event(conn, store.event());
        sync_over(conn, hub_version, store, kiosk_id, result);
    });
}

HubResult hub_pull(EventStore& store, const std::string& conninfo) {
    return guarded([&](HubResult& result) {
        Connection conn(conninfo);
        const int hub_version = hub::require_synced_schema(conn);
        hub::require_same_event(conn, store.event());
        hub::pull(conn, store, hub_version, /*keep_cursors=*/false, result);
    });
}

HubStatus hub_status(const std::string& conninfo) {
    HubStatus status;
    const HubResult result = guarded([&](HubResult&) {
        Connection conn(conninfo);
        status.schema_version = hub::read_schema_version(conn);
        if (status.schema_version == 0) return;
        hub::require_schema(conn);
        if (const auto event = hub::read_hub_event(conn)) {
            status.event_id = event->id;
            status.event_name = event->name;
        }
        for (const auto& table : hub::hub_tables()) {
            if (table.since_version > status.schema_version) continue;
            auto count = conn.exec(fmt::format("SELECT count(*) FROM {}", table.name));
            status.counts.push_back({std::string(table.name), hub::integer(count, 0, 0)});
        }
        auto kiosks = conn.exec(
            "SELECT kiosk_id, to_char(last_sync AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') FROM "
            "kiosks ORDER BY kiosk_id");
        for (int r = 0; r < hub::rows(kiosks); ++r) {
            status.kiosks.push_back(fmt::format("{} (last sync {} UTC)", hub::value(kiosks, r, 0),
                                                hub::value(kiosks, r, 1)));
        }
    });
    status.error = result.error;
    return status;
}

}  // namespace uketsuke
