#pragma once
// One event, one SQLite file. The typed face of the database: every read and
// write of event data goes through here (prepared statements only).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/model/model.hpp"
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

    // Writes the whole participant row; the caller stamps changed_stamp/changed_by.
    // `position` orders the roster and applies to new rows only.
    void upsert_participant(const Participant& participant, int position);
    std::optional<Participant> participant(const std::string& id) const;
    std::vector<Participant> participants() const;  // in roster order
    std::int64_t participant_count() const;

    void set_code(const std::string& code, const std::string& participant_id,
                  const std::string& kind);
    std::optional<std::string> participant_for_code(const std::string& code) const;
    std::vector<std::string> codes_of(const std::string& participant_id) const;

    // The log is append-only; a row with an id already present is ignored (merge-safe).
    bool append_checkin(const CheckinRecord& record);
    std::vector<CheckinRecord> checkins_of(const std::string& participant_id) const;
    std::vector<CheckinRecord> checkins() const;  // all, in stamp order
    std::optional<CheckinRecord> checkin(const std::string& id) const;
    // People with a check-in in force (known to the roster or not): the kiosk's live count.
    std::int64_t arrived_count() const;
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
    explicit EventStore(sql::Database db) : db_(std::move(db)) {}
    static void configure(sql::Database& db);

    mutable sql::Database db_;
};

// The groups row upsert, for code holding a raw Database of an event file (the merge).
void write_group_row(sql::Database& db, const Group& group, int position);

// The newest stamp anywhere in an event file of the current schema: check-ins, rejected
// scans, participant edits and the person log (next_stamp and the merge's clocks start there).
std::optional<HlcStamp> newest_stamp(sql::Database& db);

// Name of the private key file kept beside the organizer's event file.
std::string secret_key_path_for(const std::string& event_path);

}  // namespace uketsuke
