#include "kiosk/core/sync/hub.hpp"

#include <fmt/format.h>
#include <libpq-fe.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string_view>

#include "kiosk/core/store/ids.hpp"
#include "kiosk/core/store/participant_columns.hpp"
#include "kiosk/core/store/schema.hpp"

namespace uketsuke {
namespace {

// ---- libpq, owned ---------------------------------------------------------------

struct ConnCloser {
    void operator()(PGconn* conn) const noexcept { PQfinish(conn); }
};
struct ResultClearer {
    void operator()(PGresult* result) const noexcept { PQclear(result); }
};
using ConnPtr = std::unique_ptr<PGconn, ConnCloser>;
using ResultPtr = std::unique_ptr<PGresult, ResultClearer>;

// Thrown inside this file only; every public function turns it into a HubError.
struct HubFailure : std::runtime_error {
    HubFailure(HubErrorKind failure_kind, const std::string& message)
        : std::runtime_error(message), kind(failure_kind) {}
    HubErrorKind kind;
};

std::string trimmed(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    return text;
}

class Connection {
public:
    explicit Connection(const std::string& conninfo) : where_(redact_conninfo(conninfo)) {
        // A hub that does not answer must not freeze a kiosk's sync: 5 s to connect, and TCP
        // keepalives plus a 20 s user timeout so a pulled cable mid-query is noticed instead of
        // waited on forever; the string may override any of them (keywords after the expanded
        // dbname win, so ours go first).
        const std::array<const char*, 7> keys{"connect_timeout",
                                              "keepalives_idle",
                                              "keepalives_interval",
                                              "keepalives_count",
                                              "tcp_user_timeout",
                                              "dbname",
                                              nullptr};
        const std::array<const char*, 7> values{"5",    "10", "5", "3", "20000", conninfo.c_str(),
                                                nullptr};
        conn_.reset(PQconnectdbParams(keys.data(), values.data(), /*expand_dbname=*/1));
        if (!conn_)
            throw HubFailure(HubErrorKind::Unreachable, "out of memory connecting to the hub");
        if (PQstatus(conn_.get()) != CONNECTION_OK) {
            throw HubFailure(HubErrorKind::Unreachable,
                             fmt::format("cannot connect to the hub at {}: {}", where_,
                                         trimmed(PQerrorMessage(conn_.get()))));
        }
        PQsetNoticeProcessor(
            conn_.get(), [](void*, const char*) {}, nullptr);
        exec("SET client_min_messages = warning");
    }

    // Parameterized only; values travel as text (nullopt is NULL).
    ResultPtr exec(const std::string& sql,
                   const std::vector<std::optional<std::string>>& params = {}) {
        std::vector<const char*> raw;
        raw.reserve(params.size());
        for (const auto& p : params) raw.push_back(p ? p->c_str() : nullptr);
        ResultPtr result(PQexecParams(conn_.get(), sql.c_str(), static_cast<int>(raw.size()),
                                      nullptr, raw.empty() ? nullptr : raw.data(), nullptr, nullptr,
                                      0));
        const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
            const bool lost = PQstatus(conn_.get()) != CONNECTION_OK;
            const std::string detail =
                trimmed(result ? PQresultErrorMessage(result.get()) : PQerrorMessage(conn_.get()));
            throw HubFailure(
                lost ? HubErrorKind::Unreachable : HubErrorKind::Failed,
                lost ? fmt::format("lost the connection to the hub at {}: {}", where_, detail)
                     : fmt::format("the hub at {} refused a query: {}", where_, detail));
        }
        return result;
    }

    const std::string& where() const { return where_; }

private:
    std::string where_;
    ConnPtr conn_;
};

std::string value(const ResultPtr& result, int row, int column) {
    return PQgetvalue(result.get(), row, column);
}
bool is_null(const ResultPtr& result, int row, int column) {
    return PQgetisnull(result.get(), row, column) != 0;
}
std::int64_t integer(const ResultPtr& result, int row, int column) {
    return std::stoll(value(result, row, column));
}
int rows(const ResultPtr& result) { return PQntuples(result.get()); }

// A PostgreSQL array literal of text: every element quoted, so any content is safe.
class ArrayLiteral {
public:
    void add(std::string_view text) {
        out_ += out_.empty() ? "{" : ",";
        out_ += '"';
        for (char c : text) {
            if (c == '"' || c == '\\') out_ += '\\';
            out_ += c;
        }
        out_ += '"';
    }
    void add(std::int64_t number) { add(std::string_view(std::to_string(number))); }
    void add(const std::optional<double>& number) {
        if (!number) {
            out_ += out_.empty() ? "{NULL" : ",NULL";
            return;
        }
        add(std::string_view(fmt::format("{}", *number)));
    }
    std::string take() {
        std::string done = out_.empty() ? "{}" : out_ + "}";
        out_.clear();
        return done;
    }

private:
    std::string out_;
};

// ---- the hub's schema -------------------------------------------------------------

// Text compared for last-writer-wins is COLLATE "C": byte order, as SQLite and the merge compare.
constexpr std::string_view kHubSchemaV1 = R"sql(
CREATE TABLE event (
    singleton  integer PRIMARY KEY CHECK (singleton = 1),
    id         text NOT NULL,
    name       text NOT NULL,
    date       text NOT NULL,
    venue      text NOT NULL DEFAULT '',
    time_zone  text NOT NULL
);
CREATE TABLE ticket_keys (
    public_key text PRIMARY KEY,
    added_at   text NOT NULL,
    seq        bigserial UNIQUE
);
CREATE TABLE revoked_tickets (
    participant_id text NOT NULL,
    generation     bigint NOT NULL,
    seq            bigserial UNIQUE,
    PRIMARY KEY (participant_id, generation)
);
CREATE TABLE groups (
    id          text PRIMARY KEY,
    name        text NOT NULL,
    table_label text NOT NULL DEFAULT '',
    capacity    bigint NOT NULL DEFAULT 0,
    facilitator text NOT NULL DEFAULT '',
    map_x       double precision,
    map_y       double precision,
    position    bigint NOT NULL DEFAULT 0,
    seq         bigserial UNIQUE
);
CREATE TABLE participants (
    id                text PRIMARY KEY,
    name              text NOT NULL,
    reading           text NOT NULL DEFAULT '',
    organization      text NOT NULL DEFAULT '',
    role              text NOT NULL,
    group_id          text NOT NULL DEFAULT '',
    email             text NOT NULL DEFAULT '',
    status            text NOT NULL,
    notes             text NOT NULL DEFAULT '',
    extras            text NOT NULL DEFAULT '[]',
    search_key        text NOT NULL DEFAULT '',
    ticket_generation bigint NOT NULL DEFAULT 1,
    source            text NOT NULL DEFAULT 'import',
    position          bigint NOT NULL DEFAULT 0,
    changed_stamp     text COLLATE "C" NOT NULL DEFAULT '',
    changed_by        text COLLATE "C" NOT NULL DEFAULT '',
    seq               bigserial UNIQUE
);
CREATE TABLE codes (
    code           text PRIMARY KEY,
    participant_id text COLLATE "C" NOT NULL,
    kind           text COLLATE "C" NOT NULL,
    seq            bigserial UNIQUE
);
CREATE TABLE checkins (
    id             text PRIMARY KEY,
    participant_id text NOT NULL,
    kind           text NOT NULL,
    undoes         text NOT NULL DEFAULT '',
    method         text NOT NULL,
    kiosk          text NOT NULL,
    staff          text NOT NULL DEFAULT '',
    wall_ms        bigint NOT NULL,
    stamp          text NOT NULL,
    seq            bigserial UNIQUE
);
CREATE TABLE rejected_scans (
    id       text PRIMARY KEY,
    code     text NOT NULL,
    reason   text NOT NULL,
    kiosk    text NOT NULL,
    wall_ms  bigint NOT NULL,
    stamp    text NOT NULL,
    seq      bigserial UNIQUE
);
CREATE TABLE kiosks (
    kiosk_id  text PRIMARY KEY,
    last_sync timestamptz NOT NULL
);
)sql";

// v2: the person log (staff moves, cancels, notes, walk-ins), a union by id like checkins.
constexpr std::string_view kHubSchemaV2 = R"sql(
CREATE TABLE person_log (
    id             text PRIMARY KEY,
    participant_id text NOT NULL,
    action         text NOT NULL,
    detail         text NOT NULL DEFAULT '',
    kiosk          text NOT NULL,
    staff          text NOT NULL DEFAULT '',
    staff_name     text NOT NULL DEFAULT '',
    wall_ms        bigint NOT NULL,
    stamp          text NOT NULL,
    seq            bigserial UNIQUE
);
)sql";

// v3: participants.search_key goes, as in the event file's schema 3. Kiosks of this version
// sync with a hub at 1 or 2 as well (the column has a default there and is never read).
constexpr std::string_view kHubSchemaV3 = R"sql(
ALTER TABLE participants DROP COLUMN IF EXISTS search_key;
)sql";

// Entry i takes the hub from schema i to i + 1 (hub_init). Never edit a shipped entry.
constexpr std::array<std::string_view, kHubSchemaVersion> kHubMigrations{kHubSchemaV1, kHubSchemaV2,
                                                                         kHubSchemaV3};

// A hub still at schema 1 (not yet brought up to date with `uketsuke hub init`) has no
// person log: kiosks sync everything else, keep their log rows unpushed (the mark stays)
// and send them once the hub is upgraded.
constexpr int kPersonLogSince = 2;
bool hub_has_table(std::string_view table, int hub_version) {
    return table != "person_log" || hub_version >= kPersonLogSince;
}

// The tables pulled by cursor, in the order foreign keys want them in the local file.
constexpr std::array<std::string_view, 8> kPulledTables{
    "ticket_keys", "revoked_tickets", "groups",         "participants",
    "codes",       "checkins",        "rejected_scans", "person_log"};

// Writers take this lock for their whole transaction, so `seq` values commit in order
// and a reader's cursor (the greatest seq it saw) never skips a row committed later.
constexpr std::string_view kWriteLock = "SELECT pg_advisory_xact_lock(8150436245135960641)";

int read_schema_version(Connection& conn) {
    auto exists = conn.exec("SELECT to_regclass('hub_meta') IS NOT NULL");
    if (value(exists, 0, 0) != "t") return 0;
    auto version =
        conn.exec("SELECT value FROM hub_meta WHERE key = $1", {std::string("schema_version")});
    return rows(version) == 0 ? 0 : std::stoi(value(version, 0, 0));
}

// Reached and usable: initialized, not from a newer Uketsuke. Returns the hub's schema.
int require_schema(Connection& conn) {
    const int version = read_schema_version(conn);
    if (version == 0) {
        throw HubFailure(HubErrorKind::Refused,
                         fmt::format("the hub at {} is not set up; run `uketsuke hub init` first",
                                     conn.where()));
    }
    if (version > kHubSchemaVersion) {
        throw HubFailure(
            HubErrorKind::Refused,
            fmt::format(
                "the hub at {} was set up by a newer Uketsuke (hub schema {}; this one knows up "
                "to {}); update Uketsuke on this machine",
                conn.where(), version, kHubSchemaVersion));
    }
    return version;
}

std::optional<EventInfo> read_hub_event(Connection& conn) {
    auto result = conn.exec("SELECT id, name, date, venue, time_zone FROM event");
    if (rows(result) == 0) return std::nullopt;
    return EventInfo{value(result, 0, 0), value(result, 0, 1), value(result, 0, 2),
                     value(result, 0, 3), value(result, 0, 4)};
}

// The hub and the local file must hold the same event.
void require_same_event(Connection& conn, const EventInfo& local) {
    const auto hub = read_hub_event(conn);
    if (!hub) {
        throw HubFailure(
            HubErrorKind::Refused,
            fmt::format("the hub at {} holds no event yet; publish it with `uketsuke hub publish`",
                        conn.where()));
    }
    if (hub->id != local.id) {
        throw HubFailure(
            HubErrorKind::Refused,
            fmt::format(
                "the hub at {} holds another event (\"{}\", {}, id {}), not \"{}\" ({}, id {})",
                conn.where(), hub->name, hub->date, hub->id, local.name, local.date, local.id));
    }
}

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

// ---- pushing --------------------------------------------------------------------

constexpr std::size_t kBatch = 5000;

// Sends rows in batches through unnest(): one round trip per batch, parameters only.
// `columns` holds one array per column; `add_row` appends one row to them.
struct BatchInsert {
    Connection& conn;
    std::string sql;  // $1..$n are the column arrays
    std::vector<ArrayLiteral> columns;
    std::size_t pending = 0;
    std::int64_t affected = 0;

    BatchInsert(Connection& connection, std::string statement, std::size_t column_count)
        : conn(connection), sql(std::move(statement)), columns(column_count) {}

    void row_added() {
        if (++pending >= kBatch) flush();
    }
    void flush() {
        if (pending == 0) return;
        std::vector<std::optional<std::string>> params;
        for (auto& column : columns) params.emplace_back(column.take());
        auto result = conn.exec(sql, params);
        affected += std::stoll(PQcmdTuples(result.get()));
        pending = 0;
    }
};

std::string unnest_insert(std::string_view table, std::string_view columns, std::string_view types,
                          std::string_view conflict) {
    std::string args;
    int index = 1;
    std::string_view rest = types;
    while (!rest.empty()) {
        const auto comma = rest.find(',');
        const std::string_view type = rest.substr(0, comma);
        args += fmt::format("{}${}::{}[]", args.empty() ? "" : ", ", index++, type);
        rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    }
    return fmt::format("INSERT INTO {} AS t ({}) SELECT * FROM unnest({}) {}", table, columns, args,
                       conflict);
}

constexpr std::string_view kCheckinColumns =
    "id, participant_id, kind, undoes, method, kiosk, staff, wall_ms, stamp";
constexpr std::string_view kScanColumns = "id, code, reason, kiosk, wall_ms, stamp";
constexpr std::string_view kGroupColumns =
    "id, name, table_label, capacity, facilitator, map_x, map_y, position";
constexpr std::string_view kPersonLogColumns =
    "id, participant_id, action, detail, kiosk, staff, staff_name, wall_ms, stamp";

// Pushes local log rows with rowid > the stored mark; returns the rows the hub did not have.
std::int64_t push_log(Connection& conn, sql::Database& db, std::string_view table,
                      std::string_view columns, std::string_view types, std::int64_t after_rowid,
                      std::int64_t& last_rowid) {
    const std::size_t count =
        static_cast<std::size_t>(std::count(types.begin(), types.end(), ',') + 1);
    BatchInsert batch(conn, unnest_insert(table, columns, types, "ON CONFLICT (id) DO NOTHING"),
                      count);
    auto query = db.prepare(
        fmt::format("SELECT rowid, {} FROM {} WHERE rowid > ? ORDER BY rowid", columns, table));
    query.bind(1, after_rowid);
    last_rowid = after_rowid;
    while (query.step()) {
        last_rowid = query.integer(0);
        for (std::size_t c = 0; c < count; ++c)
            batch.columns[c].add(query.text(static_cast<int>(c) + 1));
        batch.row_added();
    }
    batch.flush();
    return batch.affected;
}

// Participants: last writer wins by (changed_stamp, changed_by), decided on the hub in
// one statement; the ticket generation only ever goes up. A changed row takes a new seq.
std::string person_upsert() {
    std::string stamps_excluded, stamps_held, types;
    for (const auto& column : kParticipantColumns) {
        types += fmt::format("{}{}", types.empty() ? "" : ",",
                             column.type == ColumnType::Integer ? "bigint" : "text");
        if (column.rule != MergeRule::Stamp) continue;
        stamps_excluded +=
            fmt::format("{}excluded.{}", stamps_excluded.empty() ? "" : ", ", column.name);
        stamps_held += fmt::format("{}t.{}", stamps_held.empty() ? "" : ", ", column.name);
    }
    const std::string newer = fmt::format("({}) > ({})", stamps_excluded, stamps_held);
    std::string sets, raised;
    for (const auto& column : kParticipantColumns) {
        if (column.rule == MergeRule::Key) continue;
        if (column.rule == MergeRule::Greatest) {
            sets += fmt::format("{0} = greatest(t.{0}, excluded.{0}), ", column.name);
            raised += fmt::format(" OR excluded.{0} > t.{0}", column.name);
        } else {
            sets += fmt::format("{0} = CASE WHEN {1} THEN excluded.{0} ELSE t.{0} END, ",
                                column.name, newer);
        }
    }
    sets += "seq = nextval('participants_seq_seq')";
    return unnest_insert(
        "participants", participant_column_names(), types,
        fmt::format("ON CONFLICT (id) DO UPDATE SET {} WHERE {}{}", sets, newer, raised));
}

// Sends participants with changed_stamp > `after_stamp` ("" and with_unstamped: all).
std::int64_t push_people(Connection& conn, sql::Database& db, const std::string& after_stamp,
                         bool all, std::string& last_stamp) {
    static const std::string upsert = person_upsert();
    static const std::string select = fmt::format(
        "SELECT {} FROM participants WHERE ? OR changed_stamp > ?", participant_select_list());
    constexpr int kStamp = static_cast<int>(participant_column(ParticipantField::ChangedStamp));
    BatchInsert batch(conn, upsert, kParticipantColumnCount);
    auto query = db.prepare(select);
    query.bind_all(all ? 1 : 0, after_stamp);
    last_stamp = after_stamp;
    while (query.step()) {
        for (std::size_t c = 0; c < kParticipantColumnCount; ++c)
            batch.columns[c].add(query.text(static_cast<int>(c)));
        last_stamp = std::max(last_stamp, query.text(kStamp));
        batch.row_added();
    }
    batch.flush();
    return batch.affected;
}

// Codes: all of them (publish), or those of the people changed after `after_stamp` (sync):
// a code made at a kiosk (a walk-in's) is written with a stamp on its person, so it travels
// with that person's change. One code claimed by two people: the greatest (participant,
// kind), as in the merge.
std::int64_t push_codes(Connection& conn, sql::Database& db, bool all,
                        const std::string& after_stamp) {
    BatchInsert codes(
        conn,
        unnest_insert("codes", "code, participant_id, kind", "text,text,text",
                      "ON CONFLICT (code) DO UPDATE SET participant_id = "
                      "excluded.participant_id, kind = excluded.kind, "
                      "seq = nextval('codes_seq_seq') WHERE (excluded.participant_id, "
                      "excluded.kind) > (t.participant_id, t.kind)"),
        3);
    auto query = db.prepare(
        "SELECT code, participant_id, kind FROM codes WHERE ? OR participant_id IN "
        "(SELECT id FROM participants WHERE changed_stamp > ?)");
    query.bind_all(all ? 1 : 0, after_stamp);
    while (query.step()) {
        for (std::size_t c = 0; c < 3; ++c) codes.columns[c].add(query.text(static_cast<int>(c)));
        codes.row_added();
    }
    codes.flush();
    return codes.affected;
}

std::int64_t setting_integer(EventStore& store, const std::string& key) {
    const auto text = store.setting(key);
    if (!text) return 0;
    try {
        return std::stoll(*text);
    } catch (const std::exception&) {
        return 0;
    }
}

// ---- pulling --------------------------------------------------------------------

// Removes an SQLite file and its side files.
struct TempEventFile {
    std::string path;
    ~TempEventFile() {
        std::error_code ignored;
        for (const char* suffix : {"", "-wal", "-shm", "-journal"})
            std::filesystem::remove(path + suffix, ignored);
    }
};

// Pulls rows with seq > the cursors into a scratch event file, then merges that file into
// `store` with merge_into: the same rules as merging kiosk files, in one local transaction.
// Cursors advance (when `keep_cursors`) only after the merge committed.
void pull(Connection& conn, EventStore& store, int hub_version, bool keep_cursors,
          HubResult& result) {
    std::array<std::int64_t, kPulledTables.size()> cursors{};
    std::array<std::int64_t, kPulledTables.size()> newest{};
    for (std::size_t i = 0; i < kPulledTables.size(); ++i) {
        if (keep_cursors)
            cursors[i] = setting_integer(store, fmt::format("hub.cursor.{}", kPulledTables[i]));
        newest[i] = cursors[i];
    }
    TempEventFile scratch{
        (std::filesystem::temp_directory_path() / fmt::format("uketsuke-hub-{}.db", random_id()))
            .string()};
    std::int64_t pulled = 0;
    {
        EventStore delta = EventStore::create(scratch.path, store.event());
        sql::Database& db = delta.database();
        // A delta names groups and people the local file already has.
        db.execute("PRAGMA foreign_keys = OFF");
        sql::Transaction transaction(db);
        // One snapshot on the hub for all tables.
        conn.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
        struct Spec {
            std::string_view columns;
            std::string_view insert;
        };
        const std::array<Spec, kPulledTables.size()> specs{{
            {"public_key, added_at",
             "INSERT OR IGNORE INTO ticket_keys (public_key, added_at) VALUES (?, ?)"},
            {"participant_id, generation",
             "INSERT OR IGNORE INTO revoked_tickets (participant_id, generation) VALUES (?, ?)"},
            {kGroupColumns,
             "INSERT OR REPLACE INTO groups (id, name, table_label, capacity, facilitator, map_x, "
             "map_y, position) "
             "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"},
            {participant_column_names(), participant_upsert_sql(PositionOnConflict::Take)},
            {"code, participant_id, kind",
             "INSERT OR REPLACE INTO codes (code, participant_id, kind) VALUES (?, ?, ?)"},
            {kCheckinColumns,
             "INSERT OR IGNORE INTO checkins (id, participant_id, kind, undoes, method, kiosk, "
             "staff, wall_ms, "
             "stamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"},
            {kScanColumns,
             "INSERT OR IGNORE INTO rejected_scans (id, code, reason, kiosk, wall_ms, stamp) "
             "VALUES (?, ?, ?, ?, ?, "
             "?)"},
            {kPersonLogColumns,
             "INSERT OR IGNORE INTO person_log (id, participant_id, action, detail, kiosk, staff, "
             "staff_name, "
             "wall_ms, stamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"},
        }};
        for (std::size_t i = 0; i < kPulledTables.size(); ++i) {
            if (!hub_has_table(kPulledTables[i], hub_version)) continue;
            auto rows_of =
                conn.exec(fmt::format("SELECT {}, seq FROM {} WHERE seq > $1 ORDER BY seq",
                                      specs[i].columns, kPulledTables[i]),
                          {std::to_string(cursors[i])});
            const int n = rows(rows_of);
            const int width = PQnfields(rows_of.get()) - 1;
            auto insert = db.prepare(specs[i].insert);
            for (int r = 0; r < n; ++r) {
                for (int c = 0; c < width; ++c) {
                    if (is_null(rows_of, r, c)) {
                        insert.bind_null(c + 1);
                    } else {
                        insert.bind(c + 1, value(rows_of, r, c));
                    }
                }
                insert.run();
                newest[i] = std::max(newest[i], integer(rows_of, r, width));
            }
            pulled += n;
        }
        conn.exec("COMMIT");
        transaction.commit();
    }
    result.pulled_rows += pulled;
    if (pulled == 0) return;
    MergeResult merged = merge_into(store, {scratch.path});
    if (!merged.ok()) {
        throw HubFailure(HubErrorKind::Failed,
                         fmt::format("the rows from the hub could not be merged: {}",
                                     merged.errors.front().message));
    }
    result.merged += merged.total;
    if (!keep_cursors) return;
    sql::Transaction transaction(store.database());
    for (std::size_t i = 0; i < kPulledTables.size(); ++i) {
        if (newest[i] != cursors[i]) {
            store.set_setting(fmt::format("hub.cursor.{}", kPulledTables[i]),
                              std::to_string(newest[i]));
        }
    }
    transaction.commit();
}

}  // namespace

std::string redact_conninfo(const std::string& conninfo) {
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error);
    if (error) PQfreemem(error);  // may quote the string itself: not shown
    if (!options) return "(unreadable connection string)";
    std::string out;
    for (const PQconninfoOption* option = options; option->keyword; ++option) {
        if (!option->val || !*option->val) continue;
        const std::string_view keyword = option->keyword;
        if (keyword == "password" || keyword == "sslpassword") continue;
        std::string quoted;
        for (const char* c = option->val; *c; ++c) {
            if (*c == '\'' || *c == '\\') quoted += '\\';
            quoted += *c;
        }
        const bool plain = !quoted.empty() && quoted.find_first_of(" '\\") == std::string::npos;
        out += fmt::format("{}{}={}", out.empty() ? "" : " ", keyword,
                           plain ? quoted : "'" + quoted + "'");
    }
    PQconninfoFree(options);
    return out.empty() ? "(default connection)" : out;
}

HubResult hub_init(const std::string& conninfo) {
    return guarded([&](HubResult&) {
        Connection conn(conninfo);
        conn.exec("BEGIN");
        conn.exec(std::string(kWriteLock));
        const int version = read_schema_version(conn);
        if (version > kHubSchemaVersion) require_schema(conn);  // throws the newer-schema refusal
        if (version == kHubSchemaVersion) {
            conn.exec("COMMIT");
            return;
        }
        // A new hub, or one set up by an older Uketsuke: brought forward in this transaction.
        if (version == 0)
            conn.exec("CREATE TABLE hub_meta (key text PRIMARY KEY, value text NOT NULL)");
        for (int step = version; step < kHubSchemaVersion; ++step) {
            // Several statements without parameters: PQexecParams takes one at a time.
            std::string_view rest = kHubMigrations[static_cast<std::size_t>(step)];
            while (true) {
                const auto end = rest.find(";\n");
                if (end == std::string_view::npos) break;
                conn.exec(std::string(rest.substr(0, end)));
                rest = rest.substr(end + 2);
            }
        }
        conn.exec(
            "INSERT INTO hub_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET "
            "value = "
            "excluded.value",
            {std::string("schema_version"), std::to_string(kHubSchemaVersion)});
        conn.exec("COMMIT");
    });
}

HubError hub_event(const std::string& conninfo, EventInfo& event) {
    const HubResult result = guarded([&](HubResult&) {
        Connection conn(conninfo);
        require_schema(conn);
        const auto found = read_hub_event(conn);
        if (!found) {
            throw HubFailure(HubErrorKind::Refused,
                             fmt::format("the hub at {} holds no event yet", conn.where()));
        }
        event = *found;
    });
    return result.error;
}

HubResult hub_publish(EventStore& store, const std::string& conninfo) {
    return guarded([&](HubResult& result) {
        Connection conn(conninfo);
        require_schema(conn);
        sql::Database& db = store.database();
        sql::Transaction snapshot(db, sql::Transaction::Kind::Deferred);  // one consistent read
        const EventInfo event = store.event();
        conn.exec("BEGIN");
        conn.exec(std::string(kWriteLock));
        if (const auto hub = read_hub_event(conn); hub && hub->id != event.id)
            require_same_event(conn, event);
        conn.exec(
            "INSERT INTO event (singleton, id, name, date, venue, time_zone) VALUES (1, $1, $2, "
            "$3, $4, $5) "
            "ON CONFLICT (singleton) DO UPDATE SET name = excluded.name, date = excluded.date, "
            "venue = excluded.venue, time_zone = excluded.time_zone",
            {event.id, event.name, event.date, event.venue, event.time_zone});
        {
            BatchInsert keys(conn,
                             unnest_insert("ticket_keys", "public_key, added_at", "text,text",
                                           "ON CONFLICT (public_key) DO NOTHING"),
                             2);
            auto query = db.prepare("SELECT public_key, added_at FROM ticket_keys");
            while (query.step()) {
                keys.columns[0].add(query.text(0));
                keys.columns[1].add(query.text(1));
                keys.row_added();
            }
            keys.flush();
            result.pushed_other += keys.affected;
        }
        {
            BatchInsert revoked(
                conn,
                unnest_insert("revoked_tickets", "participant_id, generation", "text,bigint",
                              "ON CONFLICT (participant_id, generation) DO NOTHING"),
                2);
            auto query = db.prepare("SELECT participant_id, generation FROM revoked_tickets");
            while (query.step()) {
                revoked.columns[0].add(query.text(0));
                revoked.columns[1].add(query.integer(1));
                revoked.row_added();
            }
            revoked.flush();
            result.pushed_other += revoked.affected;
        }
        {
            // The organizer's groups replace the hub's when they differ; kiosks merge them as files
            // do.
            BatchInsert groups(
                conn,
                unnest_insert(
                    "groups", kGroupColumns, "text,text,text,bigint,text,float8,float8,bigint",
                    "ON CONFLICT (id) DO UPDATE SET name = excluded.name, table_label = "
                    "excluded.table_label, capacity = excluded.capacity, facilitator = "
                    "excluded.facilitator, "
                    "map_x = excluded.map_x, map_y = excluded.map_y, position = excluded.position, "
                    "seq = nextval('groups_seq_seq') WHERE (t.name, t.table_label, t.capacity, "
                    "t.facilitator, t.map_x, t.map_y, t.position) IS DISTINCT FROM (excluded.name, "
                    "excluded.table_label, excluded.capacity, excluded.facilitator, "
                    "excluded.map_x, "
                    "excluded.map_y, excluded.position)"),
                8);
            auto query = db.prepare(fmt::format("SELECT {} FROM groups", kGroupColumns));
            while (query.step()) {
                for (std::size_t c = 0; c < 8; ++c) {
                    const int column = static_cast<int>(c);
                    if (c == 5 || c == 6) {
                        groups.columns[c].add(query.is_null(column)
                                                  ? std::optional<double>{}
                                                  : std::optional<double>{query.real(column)});
                    } else {
                        groups.columns[c].add(query.text(column));
                    }
                }
                groups.row_added();
            }
            groups.flush();
            result.pushed_other += groups.affected;
        }
        std::string ignored;
        result.pushed_participants += push_people(conn, db, "", /*all=*/true, ignored);
        result.pushed_other += push_codes(conn, db, /*all=*/true, "");
        conn.exec("COMMIT");
    });
}

HubResult hub_sync(EventStore& store, const std::string& conninfo, const std::string& kiosk_id) {
    return guarded([&](HubResult& result) {
        Connection conn(conninfo);
        const int hub_version = require_schema(conn);
        const EventInfo event = store.event();
        require_same_event(conn, event);
        sql::Database& db = store.database();
        const bool push_person_log = hub_has_table("person_log", hub_version);

        // Push: read the local marks, send, commit on the hub, then move the marks.
        // A failure anywhere leaves the marks where they were: the next sync sends again,
        // and the hub ignores what it already has.
        const std::int64_t checkin_mark = setting_integer(store, "hub.pushed.checkins");
        const std::int64_t scan_mark = setting_integer(store, "hub.pushed.rejected_scans");
        const std::string person_mark = store.setting("hub.pushed.participants").value_or("");
        const std::int64_t log_mark = setting_integer(store, "hub.pushed.person_log");
        std::int64_t new_checkin_mark = 0, new_scan_mark = 0, new_log_mark = log_mark;
        std::string new_person_mark;
        {
            sql::Transaction snapshot(db, sql::Transaction::Kind::Deferred);
            conn.exec("BEGIN");
            conn.exec(std::string(kWriteLock));
            result.pushed_checkins = push_log(conn, db, "checkins", kCheckinColumns,
                                              "text,text,text,text,text,text,text,bigint,text",
                                              checkin_mark, new_checkin_mark);
            result.pushed_rejected_scans =
                push_log(conn, db, "rejected_scans", kScanColumns,
                         "text,text,text,text,bigint,text", scan_mark, new_scan_mark);
            result.pushed_participants =
                push_people(conn, db, person_mark, /*all=*/false, new_person_mark);
            result.pushed_other += push_codes(conn, db, /*all=*/false, person_mark);
            if (push_person_log) {
                result.pushed_other += push_log(conn, db, "person_log", kPersonLogColumns,
                                                "text,text,text,text,text,text,text,bigint,text",
                                                log_mark, new_log_mark);
            }
            conn.exec(
                "INSERT INTO kiosks (kiosk_id, last_sync) VALUES ($1, now()) ON CONFLICT "
                "(kiosk_id) DO UPDATE "
                "SET last_sync = excluded.last_sync",
                {kiosk_id});
            conn.exec("COMMIT");
        }
        {
            sql::Transaction transaction(db);
            if (new_checkin_mark != checkin_mark)
                store.set_setting("hub.pushed.checkins", std::to_string(new_checkin_mark));
            if (new_scan_mark != scan_mark)
                store.set_setting("hub.pushed.rejected_scans", std::to_string(new_scan_mark));
            if (new_person_mark != person_mark)
                store.set_setting("hub.pushed.participants", new_person_mark);
            if (new_log_mark != log_mark)
                store.set_setting("hub.pushed.person_log", std::to_string(new_log_mark));
            transaction.commit();
        }
        pull(conn, store, hub_version, /*keep_cursors=*/true, result);
    });
}

HubResult hub_pull(EventStore& store, const std::string& conninfo) {
    return guarded([&](HubResult& result) {
        Connection conn(conninfo);
        const int hub_version = require_schema(conn);
        require_same_event(conn, store.event());
        pull(conn, store, hub_version, /*keep_cursors=*/false, result);
    });
}

HubStatus hub_status(const std::string& conninfo) {
    HubStatus status;
    const HubResult result = guarded([&](HubResult&) {
        Connection conn(conninfo);
        status.schema_version = read_schema_version(conn);
        if (status.schema_version == 0) return;
        require_schema(conn);
        if (const auto event = read_hub_event(conn)) {
            status.event_id = event->id;
            status.event_name = event->name;
        }
        for (std::string_view table : kPulledTables) {
            if (!hub_has_table(table, status.schema_version)) continue;
            auto count = conn.exec(fmt::format("SELECT count(*) FROM {}", table));
            status.counts.push_back({std::string(table), integer(count, 0, 0)});
        }
        auto kiosks = conn.exec(
            "SELECT kiosk_id, to_char(last_sync AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') FROM "
            "kiosks ORDER BY "
            "kiosk_id");
        for (int r = 0; r < rows(kiosks); ++r) {
            status.kiosks.push_back(
                fmt::format("{} (last sync {} UTC)", value(kiosks, r, 0), value(kiosks, r, 1)));
        }
    });
    status.error = result.error;
    return status;
}

}  // namespace uketsuke
