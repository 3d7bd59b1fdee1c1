#include "kiosk/core/sync/hub_schema.hpp"

#include <fmt/format.h>

#include <array>
#include <string>

namespace uketsuke::hub {
namespace {

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

// v4: sessions and their expected lists, last writer wins as in the merge (the stamp and the
// writer compare first, so they are byte-ordered), and the session of every check-in row and
// rejected scan. What the hub held before belongs to the one session a file then had. IF NOT
// EXISTS: a hub already holding them (made by hand, or by a test from a newer one) keeps them.
constexpr std::string_view kHubSchemaV4 = R"sql(
CREATE TABLE IF NOT EXISTS sessions (
    id                   text PRIMARY KEY,
    changed_stamp        text COLLATE "C" NOT NULL DEFAULT '',
    changed_by           text COLLATE "C" NOT NULL DEFAULT '',
    name                 text COLLATE "C" NOT NULL,
    date                 text COLLATE "C" NOT NULL,
    starts_at            text COLLATE "C" NOT NULL,
    ends_at              text COLLATE "C" NOT NULL,
    room                 text COLLATE "C" NOT NULL DEFAULT '',
    opens_minutes_before bigint NOT NULL DEFAULT 60,
    late_grace_minutes   bigint NOT NULL DEFAULT 10,
    records_leave        bigint NOT NULL DEFAULT 0,
    makeup_of            text COLLATE "C" NOT NULL DEFAULT '',
    removed              bigint NOT NULL DEFAULT 0,
    seq                  bigserial UNIQUE
);
CREATE TABLE IF NOT EXISTS session_expected (
    session_id      text PRIMARY KEY,
    changed_stamp   text COLLATE "C" NOT NULL DEFAULT '',
    changed_by      text COLLATE "C" NOT NULL DEFAULT '',
    participant_ids text COLLATE "C" NOT NULL DEFAULT '[]',
    seq             bigserial UNIQUE
);
ALTER TABLE checkins ADD COLUMN IF NOT EXISTS session_id text NOT NULL DEFAULT 's1';
ALTER TABLE rejected_scans ADD COLUMN IF NOT EXISTS session_id text NOT NULL DEFAULT 's1';
)sql";

// Seating per session, as in the event file (schema 6), the organizer's, sent by `hub publish`;
// last writer wins by the stamp and writer after the key, as for sessions.
constexpr std::string_view kHubSchemaV5 = R"sql(
CREATE TABLE IF NOT EXISTS session_seating (
    session_id     text NOT NULL,
    participant_id text NOT NULL,
    changed_stamp  text COLLATE "C" NOT NULL DEFAULT '',
    changed_by     text COLLATE "C" NOT NULL DEFAULT '',
    group_id       text COLLATE "C" NOT NULL DEFAULT '',
    table_label    text COLLATE "C" NOT NULL DEFAULT '',
    seq            bigserial UNIQUE,
    PRIMARY KEY (session_id, participant_id)
);
)sql";

// v6: every PIN typed at a kiosk (the event file's staff_attempts, schema 5), a union by id like
// the check-in log, so a member's lockout is the fold of every kiosk's attempts.
constexpr std::string_view kHubSchemaV6 = R"sql(
CREATE TABLE IF NOT EXISTS staff_attempts (
    id        text PRIMARY KEY,
    staff_id  text NOT NULL,
    outcome   text NOT NULL,
    kiosk     text NOT NULL,
    wall_ms   bigint NOT NULL,
    stamp     text NOT NULL,
    seq       bigserial UNIQUE
);
)sql";

// v7: every name tag printed (the event file's print_log, schema 8), a union by id, so a kiosk
// printing "once" knows of the tags the others printed.
constexpr std::string_view kHubSchemaV7 = R"sql(
CREATE TABLE IF NOT EXISTS print_log (
    id             text PRIMARY KEY,
    participant_id text NOT NULL,
    layout         text NOT NULL,
    reason         text NOT NULL,
    printer        text NOT NULL DEFAULT '',
    job_id         bigint NOT NULL DEFAULT 0,
    error          text NOT NULL DEFAULT '',
    kiosk          text NOT NULL,
    staff          text NOT NULL DEFAULT '',
    staff_name     text NOT NULL DEFAULT '',
    wall_ms        bigint NOT NULL,
    stamp          text NOT NULL,
    seq            bigserial UNIQUE
);
)sql";

// Entry i takes the hub from schema i to i + 1 (hub_init). Never edit a shipped entry.
constexpr std::array<std::string_view, kHubSchemaVersion> kHubMigrations{
    kHubSchemaV1, kHubSchemaV2, kHubSchemaV3, kHubSchemaV4,
    kHubSchemaV5, kHubSchemaV6, kHubSchemaV7};

}  // namespace

int read_schema_version(Connection& conn) {
    auto exists = conn.exec("SELECT to_regclass('hub_meta') IS NOT NULL");
    if (value(exists, 0, 0) != "t") return 0;
    auto version =
        conn.exec("SELECT value FROM hub_meta WHERE key = $1", {std::string("schema_version")});
    return rows(version) == 0 ? 0 : std::stoi(value(version, 0, 0));
}

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

int require_synced_schema(Connection& conn) {
    const int version = require_schema(conn);
    if (version < kOldestSyncedHubSchema) {
        throw HubFailure(
            HubErrorKind::Refused,
            fmt::format("the hub at {} has hub schema {}, older than this Uketsuke's {} (sessions, "
                        "seating per session and staff lockouts shared by every kiosk); "
                        "run `uketsuke hub init` to upgrade it in place (it keeps every row)",
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

void upgrade_schema(Connection& conn) {
    const int version = read_schema_version(conn);
    if (version > kHubSchemaVersion) require_schema(conn);  // throws the newer-schema refusal
    if (version == kHubSchemaVersion) return;
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
}

}  // namespace uketsuke::hub
