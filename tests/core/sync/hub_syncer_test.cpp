// The kiosk's background sync (hub_syncer.hpp) against a real, throwaway PostgreSQL cluster:
// several kiosks syncing at once, the hub cut off in the middle of a push, an unreachable hub.
// Without PostgreSQL installed the tests skip, except on CI (CI=true), where they fail.

#include "kiosk/core/sync/hub_syncer.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <thread>

#include "kiosk/core/checkin/checkin.hpp"
#include "kiosk/core/store/ids.hpp"
#include "support/event_fixture.hpp"
#include "support/pg_cluster_test.hpp"

namespace uketsuke {
namespace {

using namespace std::chrono_literals;
using testing::EventFixture;
using testing::kNineAm;
using testing::PgClusterTest;
using testing::TempDir;

class HubSyncerTest : public PgClusterTest {
protected:
    void SetUp() override {
        PgClusterTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        ASSERT_TRUE(hub_init(hub));
        for (int i = 0; i < 30; ++i)
            organizer.person("p" + std::to_string(i), "Person " + std::to_string(i), "Org");
        const HubResult published = hub_publish(organizer.store, hub);
        ASSERT_TRUE(published) << published.error.message;
        organizer.store.database().execute("PRAGMA wal_checkpoint(TRUNCATE)");
    }

    std::string kiosk_file(const std::string& name) {
        const auto path = dir / (name + ".db");
        std::filesystem::copy_file(organizer.path, path);
        return path.string();
    }

    HubSyncerOptions options(const std::string& path, const std::string& kiosk) const {
        HubSyncerOptions o;
        o.event_path = path;
        o.conninfo = hub;
        o.kiosk_id = kiosk;
        o.period = 100ms;
        o.max_backoff = 400ms;
        return o;
    }

    std::int64_t hub_rows(const std::string& sql) const {
        const auto out = psql(sql, database);
        EXPECT_EQ(out.exit_code, 0) << out.text;
        return std::atoll(out.text.c_str());
    }

    static void check_in(EventStore& store, const std::string& participant,
                         const std::string& kiosk, std::int64_t wall) {
        CheckinService service(store);
        ASSERT_EQ(
            service.check_in_participant(participant, {kiosk, "", CheckinMethod::Camera, wall})
                .outcome,
            CheckinOutcome::CheckedIn);
    }

    static void append_many(EventStore& store, const std::string& kiosk, int count) {
        sql::Transaction transaction(store.database());
        for (int i = 0; i < count; ++i) {
            CheckinRecord record;
            record.id = random_id();
            record.participant_id = "x" + std::to_string(i);
            record.kiosk = kiosk;
            record.wall_ms = kNineAm + i;
            record.stamp = store.next_stamp(kiosk, kNineAm + i).to_string();
            store.append_checkin(record);
        }
        transaction.commit();
    }

    template <typename Condition>
    static bool eventually(Condition condition, std::chrono::milliseconds limit = 30s) {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        while (std::chrono::steady_clock::now() < deadline) {
            if (condition()) return true;
            std::this_thread::sleep_for(20ms);
        }
        return condition();
    }

    EventFixture organizer;
    TempDir dir;
};

TEST_F(HubSyncerTest, ThreeKiosksSyncingConcurrentlyEndWithTheSameRecord) {
    const std::vector<std::string> names{"A", "B", "C"};
    std::vector<std::string> paths;
    std::vector<std::unique_ptr<HubSyncer>> syncers;
    // p29 comes to all three before any sync (once syncs are under way, a door slowed by a busy
    // machine would find another door's p29 already pulled in: "already checked in").
    for (std::size_t k = 0; k < names.size(); ++k) {
        paths.push_back(kiosk_file(names[k]));
        EventStore store = EventStore::open(paths.back());
        check_in(store, "p29", names[k], kNineAm + 40'000 + static_cast<int>(k));
    }
    for (std::size_t k = 0; k < names.size(); ++k)
        syncers.push_back(std::make_unique<HubSyncer>(options(paths[k], names[k])));
    // Each kiosk checks in its own ten people while the others sync.
    std::vector<std::thread> doors;
    for (std::size_t k = 0; k < names.size(); ++k) {
        doors.emplace_back([&, k] {
            EventStore store = EventStore::open(paths[k]);
            for (int i = 0; i < 10; ++i) {
                const int person = static_cast<int>(k) * 10 + i;
                if (person == 29) continue;
                check_in(store, "p" + std::to_string(person), names[k], kNineAm + person * 1000);
                syncers[k]->nudge();
                std::this_thread::sleep_for(15ms);
            }
        });
    }
    for (auto& door : doors) door.join();
    for (std::size_t k = 0; k < names.size(); ++k) {
        EventStore store = EventStore::open(paths[k], true);
        EXPECT_TRUE(eventually([&] { return store.checkins().size() == 32u; }))
            << names[k] << " has " << store.checkins().size();
        EXPECT_EQ(store.arrived_count(), 30);
        EXPECT_TRUE(eventually([&] { return syncers[k]->status().waiting_rows == 0; }));
        const HubSyncStatus status = syncers[k]->status();
        EXPECT_TRUE(status.connected);
        EXPECT_EQ(status.failures, 0);
        EXPECT_GT(status.syncs, 0);
        EXPECT_EQ(status.arrived, 30);
    }
    EXPECT_EQ(hub_rows("SELECT count(*) FROM checkins"), 32);
    EXPECT_EQ(hub_rows("SELECT count(DISTINCT id) FROM checkins"), 32);
}

// Cuts the hub while a big push is under way: first by killing the kiosk's backend, then by
// stopping the whole server. The push rolls back on the hub, the kiosk's marks do not move,
// and the next sync sends everything once.
TEST_F(HubSyncerTest, HubCutInTheMiddleOfAPushLosesAndDoublesNothing) {
    const std::string path = kiosk_file("A");
    EventStore store = EventStore::open(path);
    for (const bool stop_server : {false, true}) {
        SCOPED_TRACE(stop_server ? "server stopped" : "backend killed");
        // A push that finishes before it can be cut (a fast machine) is tried again, larger.
        HubResult cut;
        cut.error.kind = HubErrorKind::None;
        bool cut_made = false;
        for (int rows = 20'000, round = 0; round < 4 && !cut_made; rows *= 2, ++round) {
            append_many(store, stop_server ? "A2" : "A", rows);
            std::atomic<bool> done{false};
            std::thread push([&] {
                cut = hub_sync(store, hub, "A");
                done = true;
            });
            // Wait until the kiosk's transaction is open on the hub, then cut it.
            const auto deadline = std::chrono::steady_clock::now() + 20s;
            while (!done && std::chrono::steady_clock::now() < deadline) {
                const std::int64_t open = hub_rows(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND "
                    "pid <> "
                    "pg_backend_pid() AND xact_start IS NOT NULL");
                if (open == 0) continue;
                if (stop_server) {
                    cut_made = cluster->stop();
                } else {
                    cluster->psql(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = "
                        "current_database() AND pid <> pg_backend_pid()",
                        database);
                    cut_made = true;
                }
                break;
            }
            push.join();
            if (stop_server && cut_made) {
                ASSERT_TRUE(cluster->restart());
            }
            cut_made = cut_made && !cut.ok();
        }
        ASSERT_TRUE(cut_made) << "every push finished before it could be cut";
        EXPECT_NE(cut.error.kind, HubErrorKind::None);
        const auto local = static_cast<std::int64_t>(store.checkins().size());
        EXPECT_GT(hub_waiting_rows(store), 0);
        const HubResult again = hub_sync(store, hub, "A");
        ASSERT_TRUE(again) << again.error.message;
        EXPECT_EQ(hub_waiting_rows(store), 0);
        EXPECT_EQ(hub_rows("SELECT count(*) FROM checkins"), local);
        EXPECT_EQ(hub_rows("SELECT count(DISTINCT id) FROM checkins"), local);
        EXPECT_EQ(static_cast<std::int64_t>(store.checkins().size()),
                  local);  // nothing doubled locally
    }
}

TEST_F(HubSyncerTest, AKioskOfflineAllDaySyncsAtTheEnd) {
    const std::string a_path = kiosk_file("A");
    const std::string b_path = kiosk_file("B");
    {
        EventStore a = EventStore::open(a_path);
        for (int i = 0; i < 20; ++i)
            check_in(a, "p" + std::to_string(i), "A", kNineAm + i * 60'000);
        EXPECT_EQ(hub_waiting_rows(a), 20);
    }
    HubSyncer b(options(b_path, "B"));
    {
        HubSyncer a(options(a_path, "A"));  // the network comes back at the end of the day
        EXPECT_TRUE(
            eventually([&] { return a.status().syncs > 0 && a.status().waiting_rows == 0; }));
        EXPECT_EQ(a.status().pushed_rows, 20);
    }
    EventStore b_store = EventStore::open(b_path, true);
    EXPECT_TRUE(eventually([&] { return b_store.arrived_count() == 20; }));
    EXPECT_TRUE(eventually([&] { return b.status().arrived == 20; }));
    EXPECT_EQ(hub_rows("SELECT count(*) FROM checkins"), 20);
}

TEST_F(HubSyncerTest, UnreachableHubBacksOffAndSaysWhyWithoutThePassword) {
    HubSyncerOptions o = options(kiosk_file("A"), "A");
    o.conninfo = "postgresql://kiosk:s3cret-pw@127.0.0.1:1/nowhere";  // port 1: refused at once
    std::atomic<int> changes{0};
    o.on_change = [&] { ++changes; };
    HubSyncer syncer(o);
    EXPECT_TRUE(eventually([&] { return syncer.status().failures >= 3; }, 10s));
    const HubSyncStatus status = syncer.status();
    EXPECT_FALSE(status.connected);
    EXPECT_FALSE(status.ever_synced);
    EXPECT_EQ(status.error_kind, HubErrorKind::Unreachable);
    EXPECT_EQ(status.error.find("s3cret-pw"), std::string::npos) << status.error;
    EXPECT_EQ(status.redacted_hub.find("s3cret-pw"), std::string::npos) << status.redacted_hub;
    EXPECT_NE(status.error.find("127.0.0.1"), std::string::npos) << status.error;
    // Backing off: the next attempt is further away than the period.
    EXPECT_GT(status.next_attempt_ms - status.last_attempt_ms, 150);
    EXPECT_EQ(changes.load(), 0);  // never connected, so never a change
}

TEST_F(HubSyncerTest, ANudgeSyncsRightAwayAndTheOtherKioskHearsOfIt) {
    const std::string a_path = kiosk_file("A");
    const std::string b_path = kiosk_file("B");
    HubSyncerOptions slow = options(a_path, "A");
    slow.period = 60s;  // only nudges make it sync
    HubSyncer a(slow);
    std::atomic<int> heard{0};
    HubSyncerOptions b_options = options(b_path, "B");
    b_options.on_change = [&] { ++heard; };
    HubSyncer b(b_options);
    EXPECT_TRUE(eventually([&] { return a.status().syncs == 1 && b.status().syncs > 0; }));
    const int heard_before = heard.load();
    {
        EventStore store = EventStore::open(a_path);
        check_in(store, "p3", "A", kNineAm);
    }
    EXPECT_EQ(a.status().waiting_rows, 0);  // not yet counted: no sync since
    a.nudge();
    EXPECT_TRUE(eventually([&] { return a.status().syncs == 2; }, 10s));
    EXPECT_EQ(a.status().pushed_rows, 1);
    EXPECT_TRUE(eventually([&] { return b.status().arrived == 1; }));
    EXPECT_GT(heard.load(), heard_before);
    EXPECT_GT(b.status().changes, 0u);
}

}  // namespace
}  // namespace uketsuke
