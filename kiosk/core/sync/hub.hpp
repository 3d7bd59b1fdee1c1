#pragma once
// The PostgreSQL hub: kiosks on a network push their new rows to one PostgreSQL
// database and pull everyone else's, with the same rules as the file merge
// (merge.hpp): check-in logs and person logs are unions by random id, participants are
// last writer wins by (changed_stamp, changed_by) with the greatest ticket generation.
//
// Every function connects, does its work and disconnects (HubLink keeps its connection for the
// next sync); routine failures (the hub
// is unreachable, the password is wrong, the hub holds another event or a newer
// schema) come back as values whose message never contains the password.
// The secret ticket key never goes to the hub.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/core/model/result.hpp"
#include "kiosk/core/store/event_store.hpp"
#include "kiosk/core/sync/merge.hpp"

namespace uketsuke {

namespace hub {
class Connection;
}

// 2 added the person log; 3 dropped participants.search_key; 4 added sessions, their expected
// lists and the session of each check-in row and rejected scan. A hub older than 4 is refused
// until `hub init` upgrades it in place (a check-in pushed there would lose its session); a
// kiosk older than the hub is refused (it would write columns the hub no longer has).
// 5 added seating per session; a hub of 4 is refused the same way (`hub publish` would send a
// session's seating to a table the hub does not have).
// 6 added the staff attempt log (every PIN typed at a kiosk), so a lockout earned at one kiosk
// holds at all of them; a hub of 5 is refused until `hub init` (a kiosk syncing there would
// keep its wrong PINs to itself, giving someone guessing one run of guesses per kiosk).
// 7 added the print log (every name tag printed). A hub of 6 still syncs everything else, the
// print log rows wait at each kiosk until `hub init` (a missed tag reprints; nothing is lost).
inline constexpr int kHubSchemaVersion = 7;
// The oldest hub schema this build syncs with.
inline constexpr int kOldestSyncedHubSchema = 6;

enum class HubErrorKind {
    None,
    Unreachable,  // no connection: down, wrong address or port, wrong password
    Refused,      // reached, but not usable: not initialized, another event, newer schema
    Failed,       // anything else (a query failed, the local file failed)
};

struct HubError {
    HubErrorKind kind = HubErrorKind::None;
    std::string message;  // for an organizer; never holds the password
};

struct HubTableCount {
    std::string table;
    std::int64_t rows = 0;
};

struct HubStatus {
    HubError error;
    int schema_version = 0;  // 0: not initialized
    std::string event_id, event_name;
    std::vector<HubTableCount> counts;  // checkins, rejected_scans, participants, ...
    std::vector<std::string> kiosks;    // kiosk ids that synced, with their last sync time
    bool ok() const { return error.kind == HubErrorKind::None; }
};

struct HubResult {
    HubError error;
    // Rows sent to the hub (publish or push) and rows taken from it (pull). `pushed_other`:
    // keys, revoked tickets, groups, codes and sessions (publish); person log rows, staff
    // attempts, codes and session edits (sync).
    std::int64_t pushed_checkins = 0, pushed_rejected_scans = 0, pushed_participants = 0,
                 pushed_other = 0;
    std::int64_t pulled_rows = 0;
    MergeCounts merged;  // what the pulled rows changed in the local file
    bool ok() const { return error.kind == HubErrorKind::None; }
    explicit operator bool() const { return ok(); }
};

// The connection string without its password, for messages ("(unreadable connection
// string)" when it does not parse).
std::string redact_conninfo(const std::string& conninfo);

// Creates the hub's tables, or brings a hub of an older schema up to date, in one
// transaction (idempotent); refuses a hub of a newer schema.
HubResult hub_init(const std::string& conninfo);
// Sends the organizer's event: the event, groups, participants, codes, public keys and
// revoked tickets. Refuses a hub that already holds another event.
HubResult hub_publish(EventStore& store, const std::string& conninfo);
// A kiosk's sync: pushes its check-ins, rejected scans, person log rows, staff attempts,
// participant edits (with those people's codes, e.g. a walk-in's) and session edits (a walk-in
// joining a session's list) not yet pushed, then pulls what is new on the
// hub (a cursor per table in the settings hub.cursor.<table>) and merges it into the local file.
// Safe to repeat and to cut off at any point: nothing is lost, nothing is doubled.
HubResult hub_sync(EventStore& store, const std::string& conninfo, const std::string& kiosk_id);
// hub_sync over one connection held from sync to sync, as a kiosk's syncer runs it. Measured
// with tests/bench/hub_fleet.cpp: a fresh connection per sync (the server forks a backend,
// authenticates, and the sync checks the schema and the event again) cost the hub about 15 ms of
// CPU an idle sync, so 200 kiosks at a 2 s period were more than one server's cores. Here the
// first sync connects and checks the hub; later ones check only its schema, in the one round trip
// an idle sync makes (which also records the kiosk's visit and reads every table's newest seq),
// and statements are prepared once per connection. A sync with nothing to push takes no write
// lock. Any failure closes the connection; the next sync connects again (the syncer's backoff
// spaces the attempts).
class HubLink {
public:
    explicit HubLink(std::string conninfo);
    ~HubLink();
    HubLink(const HubLink&) = delete;
    HubLink& operator=(const HubLink&) = delete;

    HubResult sync(EventStore& store, const std::string& kiosk_id);
    bool connected() const { return conn_ != nullptr; }

private:
    std::string conninfo_;
    std::unique_ptr<hub::Connection> conn_;
    int hub_version_ = 0;
};

// Everything on the hub into `store` (a file of the same event), e.g. for the export.
HubResult hub_pull(EventStore& store, const std::string& conninfo);
// The hub's event, to create the local file hub_pull fills.
[[nodiscard]] Result<EventInfo, HubError> hub_event(const std::string& conninfo);
HubStatus hub_status(const std::string& conninfo);

}  // namespace uketsuke
