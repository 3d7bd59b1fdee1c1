#pragma once
// Event files of an earlier schema, built from a current one: the check-in log as schema 3
// wrote it (no sessions), the participants table as schema 2 wrote it (with search_key, filled
// here so a test sees it go), rows kept.

#include <string>

#include "kiosk/core/store/sqlite.hpp"

namespace uketsuke::testing {

// The file as schema 7 wrote it: no print log. The file must not be open elsewhere.
inline void make_schema_7(const std::string& path) {
    sql::Database db(path, sql::Database::Mode::ReadWrite);
    db.execute("BEGIN; DROP TABLE print_log; PRAGMA user_version = 7; COMMIT;");
}

// The file as schema 6 wrote it: no kept arrival counts (every check-in row is kept). The file
// must not be open elsewhere.
inline void make_schema_6(const std::string& path) {
    make_schema_7(path);
    sql::Database db(path, sql::Database::Mode::ReadWrite);
    db.execute(R"sql(
BEGIN;
DROP TRIGGER checkins_arrival;
DROP TRIGGER checkins_arrival_undone;
DROP TABLE session_arrivals;
DROP TABLE session_arrived;
PRAGMA user_version = 6;
COMMIT;
)sql");
}

// The file as schema 5 wrote it: no seating per session. The file must not be open elsewhere.
inline void make_schema_5(const std::string& path) {
    make_schema_6(path);
    sql::Database db(path, sql::Database::Mode::ReadWrite);
    db.execute("BEGIN; DROP TABLE session_seating; PRAGMA user_version = 5; COMMIT;");
}

// The file as schema 3 wrote it: no sessions, no session on check-in rows or rejected scans,
// the check-in log without leaves. Every check-in row is kept, with its rowid. The file must
// not be open elsewhere.
inline void make_schema_3(const std::string& path) {
    make_schema_6(path);
    sql::Database db(path, sql::Database::Mode::ReadWrite);
    db.execute(R"sql(
BEGIN;
DROP TABLE sessions;
DROP TABLE session_expected;
DROP TRIGGER checkins_append_only_update;
DROP TRIGGER checkins_append_only_delete;
CREATE TABLE checkins_v3 (
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
INSERT INTO checkins_v3 (rowid, id, participant_id, kind, undoes, method, kiosk, staff, wall_ms,
                         stamp)
SELECT rowid, id, participant_id, kind, undoes, method, kiosk, staff, wall_ms, stamp FROM checkins;
DROP TABLE checkins;
ALTER TABLE checkins_v3 RENAME TO checkins;
CREATE INDEX checkins_participant ON checkins(participant_id, stamp);
CREATE INDEX checkins_stamp ON checkins(stamp);
CREATE INDEX checkins_undoes ON checkins(undoes) WHERE kind = 'undo';
CREATE TRIGGER checkins_append_only_update BEFORE UPDATE ON checkins
BEGIN SELECT RAISE(ABORT, 'the check-in log is append-only'); END;
CREATE TRIGGER checkins_append_only_delete BEFORE DELETE ON checkins
BEGIN SELECT RAISE(ABORT, 'the check-in log is append-only'); END;
ALTER TABLE rejected_scans DROP COLUMN session_id;
PRAGMA user_version = 3;
COMMIT;
)sql");
}

// The file must not be open elsewhere. Every row of participants is kept; search_key is set
// to each person's id. Schema 3's changes are undone first (make_schema_3).
inline void make_schema_2(const std::string& path) {
    make_schema_3(path);
    sql::Database db(path, sql::Database::Mode::ReadWrite);
    db.execute(R"sql(
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE participants_v2 (
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
INSERT INTO participants_v2 (id, name, reading, organization, role, group_id, email, status, notes,
    extras, search_key, ticket_generation, source, position, changed_stamp, changed_by)
SELECT id, name, reading, organization, role, group_id, email, status, notes, extras, id,
    ticket_generation, source, position, changed_stamp, changed_by FROM participants;
DROP TABLE participants;
ALTER TABLE participants_v2 RENAME TO participants;
CREATE INDEX participants_group ON participants(group_id);
CREATE INDEX participants_changed ON participants(changed_stamp);
PRAGMA user_version = 2;
COMMIT;
)sql");
}

}  // namespace uketsuke::testing
