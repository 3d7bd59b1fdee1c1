#include "kiosk/core/sync/hub_syncer.hpp"

#include <fmt/format.h>
#include <time.h>

#include <algorithm>
#include <exception>

#include "kiosk/core/checkin/checkin.hpp"
#include "kiosk/core/sync/hub_marks.hpp"
#include "kiosk/core/sync/hub_tables.hpp"

namespace uketsuke {
namespace {

std::int64_t wall_now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

double thread_cpu_ms() {
    timespec spent{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spent);
    return static_cast<double>(spent.tv_sec) * 1000.0 + static_cast<double>(spent.tv_nsec) / 1e6;
}

}  // namespace

std::int64_t hub_waiting_rows(EventStore& store) {
    // The marks hub_sync keeps (hub_marks.hpp): the last pushed rowid of each log, and the
    // greatest pushed changed_stamp of the people.
    sql::Database& db = store.database();
    sql::Transaction snapshot(db, sql::Transaction::Kind::Deferred);
    std::int64_t waiting = 0;
    for (const auto& table : hub::hub_tables()) {
        if (table.pushed == hub::Pushed::ByRowid) {
            auto query =
                db.prepare(fmt::format("SELECT count(*) FROM {} WHERE rowid > ?", table.name));
            query.bind(1, hub::integer_mark(store, hub::pushed_mark_key(table.name)));
            if (query.step()) waiting += query.integer(0);
        } else if (table.pushed == hub::Pushed::ByStamp) {
            auto query = db.prepare(
                fmt::format("SELECT count(*) FROM {} WHERE changed_stamp > ?", table.name));
            query.bind(1, hub::stamp_mark(store, table.name));
            if (query.step()) waiting += query.integer(0);
        }
    }
    return waiting;
}

HubSyncer::HubSyncer(HubSyncerOptions options) : options_(std::move(options)) {
    status_.redacted_hub = redact_conninfo(options_.conninfo);
    if (options_.period <= std::chrono::milliseconds::zero())
        options_.period = std::chrono::milliseconds(2000);
    if (options_.max_backoff < options_.period) options_.max_backoff = options_.period;
    thread_ = std::thread([this] { run(); });
}

HubSyncer::~HubSyncer() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    thread_.join();
}

void HubSyncer::nudge() {
    {
        std::lock_guard lock(mutex_);
        if (status_.failures > 0) return;  // backing off: the hub is away, do not hammer it
        nudged_ = true;
    }
    changed_.notify_all();
}

HubSyncStatus HubSyncer::status() const {
    std::lock_guard lock(mutex_);
    return status_;
}

void HubSyncer::run() {
    std::optional<EventStore> store;
    HubLink link(options_.conninfo);
    auto next = std::chrono::steady_clock::now();  // the first sync right away
    while (true) {
        {
            std::unique_lock lock(mutex_);
            changed_.wait_until(lock, next, [&] { return stopping_ || nudged_; });
            if (stopping_) {
                // A last push on the way out (the kiosk is being shut down at the end of the
                // day), unless the hub is known to be away: then shutting down must not wait.
                if (!status_.connected || !store) return;
                lock.unlock();
                try {
                    sync_once(*store, link);
                } catch (const std::exception&) {
                }
                return;
            }
            nudged_ = false;
        }
        try {
            if (!store) store.emplace(EventStore::open(options_.event_path));
            sync_once(*store, link);
        } catch (const std::exception& error) {
            // The local file failed (disk full, locked for longer than busy_timeout): count it
            // as a failed attempt and try again later with a fresh connection.
            store.reset();
            std::lock_guard lock(mutex_);
            ++status_.failures;
            status_.connected = false;
            status_.error_kind = HubErrorKind::Failed;
            status_.error = error.what();
        }
        int failures = 0;
        {
            std::lock_guard lock(mutex_);
            failures = status_.failures;
        }
        auto wait = options_.period;
        for (int i = 0; i < failures && wait < options_.max_backoff; ++i) wait *= 2;
        wait = std::min(wait, options_.max_backoff);
        next = std::chrono::steady_clock::now() + wait;
        {
            std::lock_guard lock(mutex_);
            status_.next_attempt_ms = wall_now_ms() + wait.count();
            status_.cpu_ms = thread_cpu_ms();
        }
    }
}

void HubSyncer::sync_once(EventStore& store, HubLink& link) {
    const std::int64_t started = wall_now_ms();
    const HubResult result = link.sync(store, options_.kiosk_id);
    const std::int64_t waiting = hub_waiting_rows(store);
    // Rows pulled include this kiosk's own, echoed back; what matters is what the merge added.
    const MergeCounts& merged = result.merged;
    const bool pulled_something =
        result.ok() &&
        (merged.checkins + merged.undos + merged.leaves + merged.participants + merged.edits +
         merged.rejected_scans + merged.person_log + merged.sessions + merged.seats) > 0;
    // Counted after every sync that worked (one row read since event schema 7): this kiosk's
    // own check-ins change it too, not only rows pulled from others.
    const std::int64_t arrived = result.ok() ? arrived_now(store, started) : -1;
    bool tell = false;
    {
        std::lock_guard lock(mutex_);
        const bool was_connected = status_.connected;
        status_.last_attempt_ms = started;
        status_.waiting_rows = waiting;
        if (result.ok()) {
            status_.connected = true;
            status_.ever_synced = true;
            status_.failures = 0;
            status_.error_kind = HubErrorKind::None;
            status_.error.clear();
            status_.last_success_ms = wall_now_ms();
            status_.pushed_rows += result.pushed_checkins + result.pushed_rejected_scans +
                                   result.pushed_participants + result.pushed_other;
            status_.pulled_rows += result.pulled_rows;
            ++status_.syncs;
            if (arrived >= 0) status_.arrived = arrived;
            if (pulled_something) ++status_.changes;
        } else {
            status_.connected = false;
            ++status_.failures;
            status_.error_kind = result.error.kind;
            status_.error = result.error.message;
        }
        tell = pulled_something || was_connected != status_.connected || status_.syncs == 1;
    }
    if (tell && options_.on_change) options_.on_change();
}

}  // namespace uketsuke
