#pragma once
// One event, one SQLite file. The typed face of the database: every read and
// write of event data goes through here (prepared statements only).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/model/model.hpp"
#include "kiosk/core/model/result.hpp"
#include "kiosk/core/model/session.hpp"
#include "kiosk/core/store/hlc.hpp"
#include "kiosk/core/store/sqlite.hpp"

namespace uketsuke {

struct RejectedScan {
    std::string id;
    std::string code;  // cut to a few hundred bytes: scans can be anything
    std::string reason;
    std::string kiosk;
    std::int64_t wall_ms = 0;
    std::string stamp;
    std::string session_id = {};  // the session the kiosk was at; "" when it knew none
};

// One row of the person log (schema v2): a staff action on a person other than a check-in
// or an undo, which live in the check-in log. Append-only, merged as a union by id.
struct PersonLogEntry {
    std::string id;  // random 128-bit hex, like a check-in row
    std::string participant_id;
    std::string action;  // walk-in | move | cancel | reinstate | note (staff_actions.hpp)
    std::string detail;  // data for the screen: group names of a move, the note
    std::string kiosk;
    std::string staff;       // staff id; "" for the organizer's tools
    std::string staff_name;  // as it was then: a removed staff member keeps their name here
    std::int64_t wall_ms = 0;
    std::string stamp;  // hybrid logical clock
};

// One person's place at one session whose seating is its own (schema 6). A session without
// rows of its own keeps the event's seating: participants.group_id and the groups' tables.
struct SessionSeat {
    std::string participant_id;
    std::string group_id;     // "" = no table at this session
    std::string table_label;  // "" = the group's own table
    std::string changed_stamp = {};
    std::string changed_by = {};

    friend bool operator==(const SessionSeat&, const SessionSeat&) = default;
};

class EventStore {
public:
    // Creates a new event file (0600); refuses an existing path.
    static EventStore create(const std::string& path, const EventInfo& info);
    // Opens an existing event file, migrating it forward; refuses files that are not
    // SQLite, not an event, or from a newer Uketsuke (SchemaError / DatabaseError).
    static EventStore open(const std::string& path, bool read_only = false);

    EventInfo event() const;
    void update_event(const EventInfo& info);

    // Ticket keys: several may be valid at once (rotation); the private half never lives here.
    void add_public_key(const std::string& key_text, std::int64_t wall_ms);
    std::vector<std::string> public_keys() const;
    void revoke_ticket(const std::string& participant_id, std::uint32_t generation);
    bool is_revoked(const std::string& participant_id, std::uint32_t generation) const;

    void upsert_group(const Group& group, int position);
    std::vector<Group> groups() const;
    std::optional<Group> group(const std::string& id) const;
    // Registered (not cancelled) people per group id, one query: what a group's "(12/15)" shows.
    std::map<std::string, std::int64_t> seated_per_group() const;

    // Writes the whole participant row; the caller stamps changed_stamp/changed_by.
    // `position` orders the roster and applies to new rows only.
    void upsert_participant(const Participant& participant, int position);
    std::optional<Participant> participant(const std::string& id) const;
    std::vector<Participant> participants() const;  // in roster order
    std::int64_t participant_count() const;

    void set_code(const std::string& code, const std::string& participant_id,
                  const std::string& kind);
    // Both leave out codes of kind "import-key" (roster_import.hpp): they are not tickets.
    std::optional<std::string> participant_for_code(const std::string& code) const;
    std::vector<std::string> codes_of(const std::string& participant_id) const;

    // The log is append-only; a row with an id already present is ignored (merge-safe).
    // A row without a session belongs to the event's only session (std::invalid_argument
    // when it has several: the caller must say which).
    bool append_checkin(const CheckinRecord& record);
    std::vector<CheckinRecord> checkins_of(const std::string& participant_id) const;
    // The participant's rows of one session: what fold_attendance takes.
    std::vector<CheckinRecord> checkins_of(const std::string& participant_id,
                                           const std::string& session_id) const;
    std::vector<CheckinRecord> checkins() const;  // all, in stamp order
    std::optional<CheckinRecord> checkin(const std::string& id) const;
    // People with a check-in in force (known to the roster or not) in any session, or in one:
    // the kiosk's live count is the second, one row read (schema 7 keeps the counts).
    std::int64_t arrived_count() const;
    std::int64_t arrived_count(const std::string& session_id) const;

    // Sessions (schema 4; sessions.cpp). Every event has at least one. Removed sessions are
    // kept as rows so the removal merges, and are left out of everything below.
    std::vector<Session> sessions() const;  // by date, start, room, id
    std::optional<Session> session(const std::string& id) const;
    // Writes the session when its changed_stamp is newer than the held one's (last writer
    // wins; the caller stamps it) after checking it against the others (session_rules.hpp:
    // times, dates within 2000 … now + 10 years, overlaps in one room, make-ups). Gives
    // whether it was written; the error names the field. Nothing changes on an error.
    Result<bool> put_session(const Session& session, std::int64_t now_ms);
    // Refused while the session holds check-in rows, unless `force`: then the rows stay in the
    // log as history of a session that no longer is. Refused for the last session, and for one
    // that a make-up session names.
    Result<bool> remove_session(const std::string& id, bool force, const std::string& stamp,
                                const std::string& changed_by);
    // The session's own list (participant ids, all known to the roster); empty: everyone.
    Result<bool> set_session_expected(const std::string& session_id,
                                      const std::vector<std::string>& participant_ids,
                                      const std::string& stamp, const std::string& changed_by);
    std::vector<std::string> session_expected_list(const std::string& session_id) const;
    // Registered (not cancelled) participants expected at the session, in roster order: its
    // own list when it has one, everyone otherwise. Empty for an unknown session.
    std::vector<std::string> expected_at(const std::string& session_id) const;

    // Seating per session (schema 6; session_seating.cpp). Each row is written when it is newer
    // than the held one by (stamp, writer, group, table), the merge's order, in one transaction;
    // gives how many were written. Refused, nothing written: an unknown session, a person not in
    // the roster, a group that does not exist.
    Result<int> put_session_seating(const std::string& session_id,
                                    const std::vector<SessionSeat>& seats);
    // The session's own rows, in roster order; empty when it keeps the event's seating.
    std::vector<SessionSeat> session_seating(const std::string& session_id) const;
    bool has_own_seating(const std::string& session_id) const;
    // Where the person sits at the session: its own row when the session has its own seating
    // (nullopt for someone it leaves out), otherwise the event's group. "" is the event's only
    // session. nullopt for an unknown person or one not placed.
    std::optional<SessionSeat> seat_at(const std::string& session_id,
                                       const std::string& participant_id) const;
    // The person's group as it sits at the session, for the welcome screen: with a seating of
    // its own, the table of the person's row (the group's own when the row names none) and the
    // facilitator seated in that group there; otherwise the event's group as it is.
    std::optional<Group> seated_group(const std::string& session_id,
                                      const std::string& participant_id) const;

    void record_rejected_scan(const RejectedScan& scan);
    std::vector<RejectedScan> rejected_scans() const;

    // The person log; a row with an id already present is ignored (merge-safe). Reading a
    // file of schema 1 opened read-only (it has no log yet) gives nothing.
    bool append_person_log(const PersonLogEntry& entry);
    std::vector<PersonLogEntry> person_log_of(
        const std::string& participant_id) const;    // stamp order
    std::vector<PersonLogEntry> person_log() const;  // all, stamp order

    // PRAGMA user_version: kSchemaVersion, except for an older file opened read-only, which
    // is read as it is (migrating would write to it; the merge reads kiosk files of every age).
    int schema_version() const;

    std::optional<std::string> setting(const std::string& key) const;
    void set_setting(const std::string& key, const std::string& value);

    // The next hybrid-clock stamp for `node`; the clock's state is kept in the file so a
    // restarted kiosk never issues a stamp below one it issued before.
    HlcStamp next_stamp(const std::string& node, std::int64_t wall_ms);

    sql::Database& database() { return db_; }
    const std::string& path() const { return db_.path(); }

private:
    explicit EventStore(sql::Database db)
        : db_(std::move(db)), schema_version_(read_schema_version(db_)) {}
    static void configure(sql::Database& db);
    static int read_schema_version(sql::Database& db);
    void add_default_session();
    // "" names the event's only session; std::invalid_argument when there are several.
    std::string session_or_only(const std::string& session_id) const;

    mutable sql::Database db_;
    int schema_version_ = 0;  // read at open: an older file opened read-only stays older
};

// The groups row upsert, for code holding a raw Database of an event file (the merge).
void write_group_row(sql::Database& db, const Group& group, int position);

// The newest stamp anywhere in an event file of the current schema: check-ins, rejected
// scans, participant edits, the person log and session edits (next_stamp and the merge's clocks
// start there).
std::optional<HlcStamp> newest_stamp(sql::Database& db);

// Name of the private key file kept beside the organizer's event file.
std::string secret_key_path_for(const std::string& event_path);

}  // namespace uketsuke
