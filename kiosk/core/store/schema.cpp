#include "kiosk/core/store/schema.hpp"

#include <fmt/format.h>

#include <array>
#include <string_view>

namespace uketsuke {
namespace {

struct Migration {
    std::string_view sql;
    // A query that finds a row while the step still has work to do; empty: always run it.
    std::string_view needed_when = {};
};

// Each entry takes the file from version i to i + 1. Never edit a shipped entry:
// kiosks in the field hold files at every version; append a new one instead.
constexpr std::array<Migration, kSchemaVersion> kMigrations{
    {{R"sql(
CREATE TABLE event (
    singleton  INTEGER PRIMARY KEY CHECK (singleton = 1),
    id         TEXT NOT NULL,
    name       TEXT NOT NULL,
    date       TEXT NOT NULL,
    venue      TEXT NOT NULL DEFAULT '',
    time_zone  TEXT NOT NULL
);
CREATE TABLE ticket_keys (
    public_key TEXT PRIMARY KEY,
    added_at   TEXT NOT NULL
);
CREATE TABLE revoked_tickets (
    participant_id TEXT NOT NULL,
    generation     INTEGER NOT NULL,
    PRIMARY KEY (participant_id, generation)
);
CREATE TABLE groups (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    table_label TEXT NOT NULL DEFAULT '',
    capacity    INTEGER NOT NULL DEFAULT 0 CHECK (capacity >= 0),
    facilitator TEXT NOT NULL DEFAULT '',
    map_x       REAL,
    map_y       REAL,
    position    INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE participants (
    id                TEXT PRIMARY KEY,
    name              TEXT NOT NULL,
    reading           TEXT NOT NULL DEFAULT '',
    organization      TEXT NOT NULL DEFAULT '',
    role              TEXT NOT NULL DEFAULT 'participant'
                      CHECK (role IN ('participant', 'facilitator', 'staff', 'guest')),
    group_id          TEXT REFERENCES groups(id) ON UPDATE CASCADE ON DELETE SET NULL,
    email             TEXT NOT NULL DEFAULT '',
    status            TEXT NOT NULL DEFAULT 'registered' CHECK (status IN ('registered', 'cancelled')),
    notes             TEXT NOT NULL DEFAULT '',
    extras            TEXT NOT NULL DEFAULT '[]',
    search_key        TEXT NOT NULL DEFAULT '',
    ticket_generation INTEGER NOT NULL DEFAULT 1,
    source            TEXT NOT NULL DEFAULT 'import',
    position          INTEGER NOT NULL DEFAULT 0,
    changed_stamp     TEXT NOT NULL DEFAULT '',
    changed_by        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX participants_group ON participants(group_id);
CREATE INDEX participants_changed ON participants(changed_stamp);
CREATE TABLE codes (
    code           TEXT PRIMARY KEY,
    participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    kind           TEXT NOT NULL DEFAULT 'platform'
);
CREATE INDEX codes_participant ON codes(participant_id);
-- Append-only: rows are never updated or deleted. No foreign key on participant_id:
-- a valid ticket of someone this file does not know yet is still recorded.
CREATE TABLE checkins (
    id             TEXT PRIMARY KEY,
    participant_id TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('checkin', 'undo')),
    undoes         TEXT NOT NULL DEFAULT '',
    method         TEXT NOT NULL,
    kiosk          TEXT NOT NULL,
    staff          TEXT NOT NULL DEFAULT '',
    wall_ms        INTEGER NOT NULL,
    stamp          TEXT NOT NULL
);
CREATE INDEX checkins_participant ON checkins(participant_id, stamp);
CREATE INDEX checkins_stamp ON checkins(stamp);
CREATE INDEX checkins_undoes ON checkins(undoes) WHERE kind = 'undo';
CREATE TRIGGER checkins_append_only_update BEFORE UPDATE ON checkins
BEGIN SELECT RAISE(ABORT, 'the check-in log is append-only'); END;
CREATE TRIGGER checkins_append_only_delete BEFORE DELETE ON checkins
BEGIN SELECT RAISE(ABORT, 'the check-in log is append-only'); END;
-- Every scan the kiosk could not turn into a check-in, for the report and for support.
CREATE TABLE rejected_scans (
    id       TEXT PRIMARY KEY,
    code     TEXT NOT NULL,
    reason   TEXT NOT NULL,
    kiosk    TEXT NOT NULL,
    wall_ms  INTEGER NOT NULL,
    stamp    TEXT NOT NULL
);
CREATE INDEX rejected_scans_stamp ON rejected_scans(stamp);
CREATE TABLE staff (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('door', 'supervisor')),
    pin_hash        TEXT NOT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until_ms INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
)sql"},
     // v1 → v2
     {R"sql(
-- v2: what staff did to a person besides checking them in (check-ins and undos stay in
-- `checkins`): walk-in, move, cancel, reinstate, note. The participant row holds the
-- outcome (last writer wins by changed_stamp); this is the audit trail, merged as a union
-- by id like the check-in log. Append-only; no foreign key, for the same reason as checkins.
-- `action` has no CHECK: a later version may add actions without rebuilding the table.
-- `detail` is data, not prose, so the screen can say it in either language: the group
-- names of a move ("A → B"), the group of a walk-in, the note.
CREATE TABLE person_log (
    id             TEXT PRIMARY KEY,
    participant_id TEXT NOT NULL,
    action         TEXT NOT NULL,
    detail         TEXT NOT NULL DEFAULT '',
    kiosk          TEXT NOT NULL,
    staff          TEXT NOT NULL DEFAULT '',
    staff_name     TEXT NOT NULL DEFAULT '',
    wall_ms        INTEGER NOT NULL,
    stamp          TEXT NOT NULL
);
CREATE INDEX person_log_participant ON person_log(participant_id, stamp);
CREATE INDEX person_log_stamp ON person_log(stamp);
CREATE TRIGGER person_log_append_only_update BEFORE UPDATE ON person_log
BEGIN SELECT RAISE(ABORT, 'the person log is append-only'); END;
CREATE TRIGGER person_log_append_only_delete BEFORE DELETE ON person_log
BEGIN SELECT RAISE(ABORT, 'the person log is append-only'); END;
)sql"},
     // v2 → v3
     {R"sql(
-- v3: participants.search_key goes. It was written as '' from the first version on (search
-- builds its own index in memory) and only carried through the merge and the hub. No index,
-- constraint or trigger names it, so SQLite drops it in place (3.35+).
-- A file whose column is already gone (rebuilt by hand, or by a test from a newer file)
-- has nothing to drop: SQLite has no DROP COLUMN IF EXISTS, hence the check.
ALTER TABLE participants DROP COLUMN search_key;
)sql",
      "SELECT 1 FROM pragma_table_info('participants') WHERE name = "
      "'search_key'"},
     // v3 → v4
     {R"sql(
-- v4: sessions. An event of a series has several sittings (six meetings, some two days); a
-- check-in, a leave, an undo and a walk-in belong to one. A removed session stays as a row
-- (removed = 1) so the merge and the hub carry the removal as the last write, like an edit.
-- Times are HH:MM and dates YYYY-MM-DD in the event's time zone, zero-padded, so the text
-- comparison of the CHECK is the order of the times.
CREATE TABLE sessions (
    id                   TEXT PRIMARY KEY CHECK (id <> ''),
    name                 TEXT NOT NULL,
    date                 TEXT NOT NULL,
    starts_at            TEXT NOT NULL,
    ends_at              TEXT NOT NULL,
    room                 TEXT NOT NULL DEFAULT '',
    opens_minutes_before INTEGER NOT NULL DEFAULT 60 CHECK (opens_minutes_before >= 0),
    late_grace_minutes   INTEGER NOT NULL DEFAULT 10 CHECK (late_grace_minutes >= 0),
    records_leave        INTEGER NOT NULL DEFAULT 0 CHECK (records_leave IN (0, 1)),
    makeup_of            TEXT NOT NULL DEFAULT '',
    removed              INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1)),
    changed_stamp        TEXT NOT NULL DEFAULT '',
    changed_by           TEXT NOT NULL DEFAULT '',
    CHECK (starts_at < ends_at)
);
-- A session's own list of who is expected there, as one JSON array of participant ids with
-- its own stamp: the list is one value, last writer wins, apart from edits of the session.
-- No row, or an empty array: everyone registered for the event.
CREATE TABLE session_expected (
    session_id      TEXT PRIMARY KEY,
    participant_ids TEXT NOT NULL DEFAULT '[]',
    changed_stamp   TEXT NOT NULL DEFAULT '',
    changed_by      TEXT NOT NULL DEFAULT ''
);
-- The event's one day so far becomes session s1, 00:00-23:59 with a grace of the whole day:
-- nobody who came becomes late. (A new file has no event row yet: create() adds the session.)
INSERT INTO sessions (id, name, date, starts_at, ends_at, opens_minutes_before,
                      late_grace_minutes)
SELECT 's1', name, date, '00:00', '23:59', 0, 1439 FROM event;
-- The check-in log gains its session and the leave kind. Its CHECK cannot change in place,
-- so the table is rebuilt, every row with its id and its rowid (the hub's push marks count
-- rowids), then its indexes and append-only triggers are made again.
DROP TRIGGER checkins_append_only_update;
DROP TRIGGER checkins_append_only_delete;
CREATE TABLE checkins_v4 (
    id             TEXT PRIMARY KEY,
    participant_id TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('checkin', 'undo', 'leave')),
    undoes         TEXT NOT NULL DEFAULT '',
    method         TEXT NOT NULL,
    kiosk          TEXT NOT NULL,
    staff          TEXT NOT NULL DEFAULT '',
    wall_ms        INTEGER NOT NULL,
    stamp          TEXT NOT NULL,
    session_id     TEXT NOT NULL
);
INSERT INTO checkins_v4 (rowid, id, participant_id, kind, undoes, method, kiosk, staff, wall_ms,
                         stamp, session_id)
SELECT rowid, id, participant_id, kind, undoes, method, kiosk, staff, wall_ms, stamp, 's1'
FROM checkins;
DROP TABLE checkins;
ALTER TABLE checkins_v4 RENAME TO checkins;
CREATE INDEX checkins_participant ON checkins(participant_id, stamp);
CREATE INDEX checkins_stamp ON checkins(stamp);
CREATE INDEX checkins_undoes ON checkins(undoes) WHERE kind = 'undo';
CREATE INDEX checkins_session ON checkins(session_id, participant_id);
CREATE TRIGGER checkins_append_only_update BEFORE UPDATE ON checkins
BEGIN SELECT RAISE(ABORT, 'the check-in log is append-only'); END;
CREATE TRIGGER checkins_append_only_delete BEFORE DELETE ON checkins
BEGIN SELECT RAISE(ABORT, 'the check-in log is append-only'); END;
-- A rejected scan belongs to the session the kiosk was at, where it knew one ('' otherwise).
ALTER TABLE rejected_scans ADD COLUMN session_id TEXT NOT NULL DEFAULT '';
UPDATE rejected_scans SET session_id = 's1' WHERE EXISTS (SELECT 1 FROM event);
)sql",
      // As for v3: a file that already has the sessions (a test's, or one rebuilt by hand from
      // a newer file) has nothing left to do here.
      "SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = "
      "'sessions')"},
     // v4 → v5
     {R"sql(
-- v5: every PIN typed at a kiosk, right or wrong, as an append-only log merged as a union by id
-- like the check-in log. A member's lockout is the fold of their rows in stamp order, so wrong
-- PINs at every kiosk count together once the files meet: with the counters in each file's
-- staff row, N kiosks gave someone guessing N times the guesses. The row's failed_attempts and
-- locked_until_ms are no longer read or written (a lockout running at the upgrade ends there).
-- `outcome` has no CHECK, like person_log.action. No foreign key: a member removed in one file
-- keeps the rows other files recorded.
CREATE TABLE staff_attempts (
    id        TEXT PRIMARY KEY,
    staff_id  TEXT NOT NULL,
    outcome   TEXT NOT NULL,
    kiosk     TEXT NOT NULL,
    wall_ms   INTEGER NOT NULL,
    stamp     TEXT NOT NULL
);
CREATE INDEX staff_attempts_staff ON staff_attempts(staff_id, stamp);
CREATE INDEX staff_attempts_stamp ON staff_attempts(stamp);
CREATE TRIGGER staff_attempts_append_only_update BEFORE UPDATE ON staff_attempts
BEGIN SELECT RAISE(ABORT, 'the staff attempt log is append-only'); END;
CREATE TRIGGER staff_attempts_append_only_delete BEFORE DELETE ON staff_attempts
BEGIN SELECT RAISE(ABORT, 'the staff attempt log is append-only'); END;
)sql",
      // A file rebuilt as an older schema from a newer one (by hand, or by a test) may have it.
      "SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = "
      "'staff_attempts')"},
     // v5 → v6
     {R"sql(
-- v6: seating per session. A series may draw its tables anew for each session; a session with
-- no rows here keeps the event's seating (participants.group_id and the groups' tables), so
-- every file before v6 reads as it did. One row per person and session, last writer wins by
-- changed_stamp like a participant edit. group_id '' seats nobody there (left out of this
-- session's tables); table_label '' means the group's own table. No foreign keys: the merge
-- and the hub carry rows of people and groups a file may not know yet.
CREATE TABLE session_seating (
    session_id     TEXT NOT NULL,
    participant_id TEXT NOT NULL,
    group_id       TEXT NOT NULL DEFAULT '',
    table_label    TEXT NOT NULL DEFAULT '',
    changed_stamp  TEXT NOT NULL DEFAULT '',
    changed_by     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (session_id, participant_id)
);
CREATE INDEX session_seating_changed ON session_seating(changed_stamp);
)sql",
      "SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = "
      "'session_seating')"},
     // v6 → v7
     {R"sql(
-- v7: how many people have arrived at a session, kept as the log grows instead of counted from
-- it. The kiosk shows the count after every scan; counting it from the log read every check-in
-- of the session (22-36 ms at 16,000 rows), again after each write of another connection.
-- Derived data, like the search index: the log stays the record, these two tables follow it.
-- session_arrivals.live: the person's check-in rows at the session that no undo names (what
-- EventStore::arrived_count counted); session_arrived.arrived: the people with live > 0.
-- The triggers take rows in any order, as a merge or the hub may bring them: an undo that comes
-- before its check-in row makes that row count for nothing when it comes, and a second undo of
-- one row (two kiosks undoing it) takes nothing more. A later migration that rebuilds
-- `checkins` must make the two triggers on it again.
-- IF NOT EXISTS and the counts made afresh: a file rebuilt as an older schema from a newer one
-- (by hand, or by a test) may hold the tables without the triggers on a rebuilt log.
CREATE TABLE IF NOT EXISTS session_arrivals (
    session_id     TEXT NOT NULL,
    participant_id TEXT NOT NULL,
    live           INTEGER NOT NULL,
    PRIMARY KEY (session_id, participant_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS session_arrived (
    session_id TEXT PRIMARY KEY,
    arrived    INTEGER NOT NULL
) WITHOUT ROWID;
DELETE FROM session_arrivals;
INSERT INTO session_arrivals (session_id, participant_id, live)
SELECT c.session_id, c.participant_id, count(*) FROM checkins c
WHERE c.kind = 'checkin' AND NOT EXISTS
      (SELECT 1 FROM checkins u WHERE u.kind = 'undo' AND u.undoes = c.id)
GROUP BY c.session_id, c.participant_id;
DELETE FROM session_arrived;
INSERT INTO session_arrived (session_id, arrived)
SELECT session_id, count(*) FROM session_arrivals GROUP BY session_id;
CREATE TRIGGER IF NOT EXISTS session_arrivals_new AFTER INSERT ON session_arrivals WHEN new.live > 0
BEGIN
    INSERT INTO session_arrived (session_id, arrived) VALUES (new.session_id, 1)
    ON CONFLICT (session_id) DO UPDATE SET arrived = arrived + 1;
END;
CREATE TRIGGER IF NOT EXISTS session_arrivals_changed AFTER UPDATE OF live ON session_arrivals
WHEN (old.live > 0) <> (new.live > 0)
BEGIN
    INSERT INTO session_arrived (session_id, arrived)
    VALUES (new.session_id, CASE WHEN new.live > 0 THEN 1 ELSE 0 END)
    ON CONFLICT (session_id) DO UPDATE
    SET arrived = arrived + CASE WHEN new.live > 0 THEN 1 ELSE -1 END;
END;
CREATE TRIGGER IF NOT EXISTS checkins_arrival AFTER INSERT ON checkins
WHEN new.kind = 'checkin' AND NOT EXISTS
     (SELECT 1 FROM checkins u WHERE u.kind = 'undo' AND u.undoes = new.id)
BEGIN
    INSERT INTO session_arrivals (session_id, participant_id, live)
    VALUES (new.session_id, new.participant_id, 1)
    ON CONFLICT (session_id, participant_id) DO UPDATE SET live = live + 1;
END;
CREATE TRIGGER IF NOT EXISTS checkins_arrival_undone AFTER INSERT ON checkins
WHEN new.kind = 'undo' AND NOT EXISTS
     (SELECT 1 FROM checkins u WHERE u.kind = 'undo' AND u.undoes = new.undoes AND u.id <> new.id)
BEGIN
    UPDATE session_arrivals SET live = live - 1
    WHERE (session_id, participant_id) IN
          (SELECT session_id, participant_id FROM checkins WHERE id = new.undoes AND
           kind = 'checkin');
END;
)sql",
      "SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = "
      "'checkins_arrival_undone')"},
     // v7 → v8
     {R"sql(
-- v8: every name tag printed, at a kiosk or by `uketsuke tags`, as an append-only log merged as a
-- union by id like the check-in log, so "print once" holds across kiosks once they meet. A row
-- is one tag of one person: `printer` the CUPS queue ('' for a PDF the organizer marked as
-- handed out), `job_id` CUPS's job (0 when none), `error` why it did not print ('' when it went
-- to the queue: a printed tag). `reason`: checkin | reprint | batch, no CHECK (like
-- person_log.action). No foreign key, for the same reason as checkins.
CREATE TABLE IF NOT EXISTS print_log (
    id             TEXT PRIMARY KEY,
    participant_id TEXT NOT NULL,
    layout         TEXT NOT NULL,
    reason         TEXT NOT NULL,
    printer        TEXT NOT NULL DEFAULT '',
    job_id         INTEGER NOT NULL DEFAULT 0,
    error          TEXT NOT NULL DEFAULT '',
    kiosk          TEXT NOT NULL,
    staff          TEXT NOT NULL DEFAULT '',
    staff_name     TEXT NOT NULL DEFAULT '',
    wall_ms        INTEGER NOT NULL,
    stamp          TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS print_log_participant ON print_log(participant_id, stamp);
CREATE INDEX IF NOT EXISTS print_log_stamp ON print_log(stamp);
CREATE TRIGGER IF NOT EXISTS print_log_append_only_update BEFORE UPDATE ON print_log
BEGIN SELECT RAISE(ABORT, 'the print log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS print_log_append_only_delete BEFORE DELETE ON print_log
BEGIN SELECT RAISE(ABORT, 'the print log is append-only'); END;
)sql"}}};

}  // namespace

void migrate(sql::Database& db, bool create) {
    int version = 0;
    {
        auto query = db.prepare("PRAGMA user_version");
        if (query.step()) version = static_cast<int>(query.integer(0));
    }
    if (version > kSchemaVersion) {
        throw SchemaError(fmt::format(
            "{} was written by a newer version of Uketsuke (schema {}; this one reads up to {}). "
            "Update Uketsuke on this machine; the file was not changed.",
            db.path(), version, kSchemaVersion));
    }
    if (version == 0 && !create) {
        throw SchemaError(fmt::format(
            "{} is not an Uketsuke event file (it holds no event); the file was not changed. "
            "Create an event with `uketsuke init`.",
            db.path()));
    }
    if (version == kSchemaVersion) return;
    sql::Transaction transaction(db);
    for (int step = version; step < kSchemaVersion; ++step) {
        const Migration& migration = kMigrations[static_cast<std::size_t>(step)];
        if (!migration.needed_when.empty() && !db.prepare(migration.needed_when).step()) continue;
        db.execute(migration.sql);
    }
    db.execute(fmt::format("PRAGMA user_version = {}", kSchemaVersion));
    transaction.commit();
}

}  // namespace uketsuke
