#pragma once
// A kiosk's background sync with the PostgreSQL hub (hub.hpp): a thread of its own, with its
// own connection to the event file and one to the hub held across syncs (HubLink), that syncs
// every `period` and right after each check-in (nudge()). The kiosk never waits for it: check-ins
// are committed locally first and the screen reads status() — a copy under a mutex — whenever it
// likes.
//
// When the hub is away, attempts back off (period × 2, × 4, … up to max_backoff) and nudges
// do not shorten the wait; the first sync that works resets it. hub_sync itself is safe to cut
// off anywhere (its marks move only after the hub committed), so a stopped thread, a killed
// server or a pulled cable loses nothing and doubles nothing.
//
// Stopping (the destructor) waits for a sync in progress and, if the hub answered last time,
// makes one last sync so the day's final check-ins reach it; libpq's connect_timeout (set by
// hub_connection.cpp) bounds the wait when the hub stops answering.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "kiosk/core/store/event_store.hpp"
#include "kiosk/core/sync/hub.hpp"

namespace uketsuke {

struct HubSyncerOptions {
    std::string event_path;
    std::string conninfo;  // postgresql://…; never shown: status carries redacted_hub
    std::string kiosk_id;
    std::chrono::milliseconds period{2000};
    std::chrono::milliseconds max_backoff{60000};
    // Called on the sync thread after a sync that changed the local file (rows pulled) or
    // changed the status (connected ↔ not): the kiosk wakes its loop with it.
    std::function<void()> on_change;
};

struct HubSyncStatus {
    std::string redacted_hub;  // the address without its password
    bool connected = false;    // the last attempt worked
    bool ever_synced = false;
    int failures = 0;  // attempts failed in a row
    HubErrorKind error_kind = HubErrorKind::None;
    std::string error;                 // of the last failed attempt, without the password
    std::int64_t last_attempt_ms = 0;  // wall clock
    std::int64_t last_success_ms = 0;
    std::int64_t next_attempt_ms = 0;
    std::int64_t waiting_rows = 0;  // local rows not yet on the hub
    std::int64_t pushed_rows = 0;   // totals since start
    std::int64_t pulled_rows = 0;
    std::int64_t syncs = 0;     // attempts that worked
    std::int64_t arrived = 0;   // the local arrived count after the last pull
    std::uint64_t changes = 0;  // bumped whenever a sync changed the local file
    double cpu_ms = 0;          // CPU time used by the sync thread so far
};

// Local rows that the next hub_sync would push (check-ins, rejected scans, edited people).
std::int64_t hub_waiting_rows(EventStore& store);

class HubSyncer {
public:
    explicit HubSyncer(HubSyncerOptions options);
    ~HubSyncer();
    HubSyncer(const HubSyncer&) = delete;
    HubSyncer& operator=(const HubSyncer&) = delete;

    // Sync soon (after a check-in); ignored while backing off from a failure.
    void nudge();
    HubSyncStatus status() const;

private:
    void run();
    void sync_once(EventStore& store, HubLink& link);

    HubSyncerOptions options_;
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    HubSyncStatus status_;
    bool nudged_ = false;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace uketsuke
