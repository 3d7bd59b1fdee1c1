// The hub with many kiosks: N simulated kiosks, each its own event file and its own sync loop at
// a period (2 s), syncing also right after each of its check-ins (as the kiosk's syncer is nudged),
// against one throwaway PostgreSQL cluster on this machine (tools/pg_cluster.sh), while check-ins
// arrive spread over the kiosks. Per N it prints:
//   - syncs per second done and wanted, failed syncs;
//   - sync latency p50 / p99 (wall time of one sync);
//   - staleness p50 / p99: a check-in at kiosk X until its row is in kiosk Y's file (Y = X + N/2);
//   - hub CPU: the server's processes (the postmaster and every backend, those that ended
//     included) over the run, in % of one core, and per sync;
//   - connections held on the hub: the most and the mean, sampled every 0.5 s;
//   - an idle sync's kiosk CPU: the thread CPU of a sync that pushed and pulled nothing (the
//     check-ins stop two periods before the end, so every kiosk makes some).
//
//   build/tests/bench/hub_fleet [--kiosks 10,50,100,200] [--seconds 20] [--checkins 2000]
//                               [--period-ms 2000] [--people 2000] [--mode held|fresh]
//
// --mode fresh: every sync opens its own connection (hub_sync); held: each kiosk keeps one
// HubLink across syncs, as the kiosk's syncer does. The cluster is started with
// max_connections = 400 so that 200 kiosks holding a connection each fit (PostgreSQL's default
// is 100). Not a ctest test: figures, not assertions. The kiosks, the check-ins and the hub share
// the machine's cores, so on a 2-core machine the figures are the whole system's, not the hub's.

#include <libpq-fe.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/core/checkin/checkin.hpp"
#include "kiosk/core/store/event_store.hpp"
#include "kiosk/core/sync/hub.hpp"
#include "kiosk/core/tickets/ticket.hpp"
#include "support/pg_cluster.hpp"
#include "support/temp_dir.hpp"

namespace {

using namespace uketsuke;
using Clock = std::chrono::steady_clock;

constexpr std::int64_t kNineAm = 1795996800000;

double percentile(std::vector<double> values, double fraction) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    return values[static_cast<std::size_t>(fraction * static_cast<double>(values.size() - 1))];
}

double thread_cpu_ms() {
    timespec spent{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spent);
    return static_cast<double>(spent.tv_sec) * 1000.0 + static_cast<double>(spent.tv_nsec) / 1e6;
}

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// CPU seconds of the server: the postmaster, the backends it has reaped (cutime, cstime) and
// those still running.
double server_cpu_seconds(const std::string& cluster_dir) {
    std::ifstream pid_file(cluster_dir + "/postmaster.pid");
    long postmaster = 0;
    pid_file >> postmaster;
    const double tick = static_cast<double>(sysconf(_SC_CLK_TCK));
    double total = 0;
    for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
        const std::string name = entry.path().filename().string();
        if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
        std::ifstream stat(entry.path() / "stat");
        std::string line;
        if (!std::getline(stat, line)) continue;
        const auto close = line.rfind(')');
        if (close == std::string::npos) continue;
        std::istringstream fields(line.substr(close + 2));
        std::string state;
        long ppid = 0;
        fields >> state >> ppid;
        const long pid = std::stol(name);
        if (pid != postmaster && ppid != postmaster) continue;
        std::vector<double> rest;
        for (std::string field; fields >> field && rest.size() < 15;) {
            rest.push_back(std::atof(field.c_str()));
        }
        // After state and ppid: pgrp session tty tpgid flags minflt cminflt majflt cmajflt
        // utime stime cutime cstime.
        if (rest.size() < 13) continue;
        total += (rest[9] + rest[10]) / tick;
        if (pid == postmaster) total += (rest[11] + rest[12]) / tick;
    }
    return total;
}

struct Pending {
    std::string checkin_id;
    Clock::time_point at;
};

struct KioskFigures {
    std::vector<double> sync_ms;
    std::vector<double> idle_cpu_ms;
    std::vector<double> staleness_s;
    int syncs = 0;
    int failed = 0;
    std::string last_error;
};

struct Run {
    int kiosks = 10;
    double seconds = 20;
    int checkins = 2000;
    int period_ms = 2000;
    int people = 2000;
    bool held = true;
};

class Fleet {
public:
    Fleet(testing::PgCluster& cluster, const Run& run) : cluster_(cluster), run_(run) {}

    void operator()() {
        const std::string database = "fleet" + std::to_string(run_.kiosks);
        cluster_.psql("DROP DATABASE IF EXISTS " + database);
        const std::string hub = cluster_.new_database(database);
        if (hub.empty()) throw std::runtime_error("could not create the hub's database");
        const std::string organizer_path = (dir_ / "organizer.db").string();
        const KeyPair keys = generate_key_pair();
        const EventId event_id = random_event_id();
        {
            EventStore organizer = EventStore::create(
                organizer_path,
                EventInfo{to_hex(event_id), "Fleet", "2026-11-30", "Hall", "Asia/Tokyo"});
            organizer.add_public_key(public_key_to_text(keys.public_key), 0);
            sql::Transaction transaction(organizer.database());
            for (int i = 0; i < run_.people; ++i) {
                Participant p;
                p.id = "p" + std::to_string(i);
                p.name = "Person " + std::to_string(i);
                organizer.upsert_participant(p, i);
            }
            transaction.commit();
            if (!hub_init(hub)) throw std::runtime_error("hub init failed");
            const HubResult published = hub_publish(organizer, hub);
            if (!published) throw std::runtime_error(published.error.message);
            organizer.database().execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        std::vector<std::string> files;
        for (int k = 0; k < run_.kiosks; ++k) {
            files.push_back((dir_ / ("kiosk" + std::to_string(k) + ".db")).string());
            std::filesystem::copy_file(organizer_path, files.back());
        }
        pending_.assign(static_cast<std::size_t>(run_.kiosks), {});
        figures_.assign(static_cast<std::size_t>(run_.kiosks), {});
        locks_ = std::vector<std::mutex>(static_cast<std::size_t>(run_.kiosks));

        // Every kiosk syncs once before the clock starts (its first sync pulls what the hub
        // already holds), as kiosks set up before the doors open would have.
        for (int k = 0; k < run_.kiosks; ++k) {
            EventStore store = EventStore::open(files[static_cast<std::size_t>(k)]);
            const HubResult first = hub_sync(store, hub, "K" + std::to_string(k));
            if (!first) throw std::runtime_error(first.error.message);
        }

        start_ = Clock::now();
        const double cpu_before = server_cpu_seconds(cluster_.dir());
        std::atomic<bool> sampling{true};
        std::vector<int> connections;
        std::thread sampler([&] {
            PGconn* conn = PQconnectdb(cluster_.conninfo("postgres").c_str());
            while (sampling) {
                PGresult* result = PQexec(conn,
                                          "SELECT count(*) FROM pg_stat_activity WHERE "
                                          "backend_type = 'client backend'");
                if (PQresultStatus(result) == PGRES_TUPLES_OK)
                    connections.push_back(std::atoi(PQgetvalue(result, 0, 0)) - 1);  // not us
                PQclear(result);
                std::this_thread::sleep_for(std::chrono::milliseconds(500));
            }
            PQfinish(conn);
        });
        std::vector<std::thread> threads;
        for (int k = 0; k < run_.kiosks; ++k) {
            threads.emplace_back([&, k] { kiosk(k, files[static_cast<std::size_t>(k)], hub); });
        }
        for (auto& thread : threads) thread.join();
        const double elapsed = seconds_since(start_);
        const double hub_cpu = server_cpu_seconds(cluster_.dir()) - cpu_before;
        sampling = false;
        sampler.join();

        KioskFigures all;
        for (const auto& f : figures_) {
            all.sync_ms.insert(all.sync_ms.end(), f.sync_ms.begin(), f.sync_ms.end());
            all.idle_cpu_ms.insert(all.idle_cpu_ms.end(), f.idle_cpu_ms.begin(),
                                   f.idle_cpu_ms.end());
            all.staleness_s.insert(all.staleness_s.end(), f.staleness_s.begin(),
                                   f.staleness_s.end());
            all.syncs += f.syncs;
            all.failed += f.failed;
            if (!f.last_error.empty()) all.last_error = f.last_error;
        }
        int never_arrived = 0;
        for (const auto& list : pending_) never_arrived += static_cast<int>(list.size());
        double mean_connections = 0;
        for (int c : connections) mean_connections += c;
        if (!connections.empty()) mean_connections /= static_cast<double>(connections.size());
        const double wanted = run_.kiosks * 1000.0 / run_.period_ms;
        std::printf(
            "| %d | %.1f (%.0f) | %d | %.0f / %.0f ms | %.0f %% (%.1f ms a sync) | %.2f / %.2f s "
            "(%zu, %d not yet) | %d / %.0f | %.2f ms |\n",
            run_.kiosks, all.syncs / elapsed, wanted, all.failed, percentile(all.sync_ms, 0.5),
            percentile(all.sync_ms, 0.99), 100.0 * hub_cpu / elapsed,
            all.syncs + all.failed > 0 ? 1000.0 * hub_cpu / (all.syncs + all.failed) : 0.0,
            percentile(all.staleness_s, 0.5), percentile(all.staleness_s, 0.99),
            all.staleness_s.size(), never_arrived,
            connections.empty() ? 0 : *std::max_element(connections.begin(), connections.end()),
            mean_connections, percentile(all.idle_cpu_ms, 0.5));
        if (!all.last_error.empty()) std::printf("    last failure: %s\n", all.last_error.c_str());
        std::fflush(stdout);
    }

private:
    // One kiosk: its check-ins as they come due, a sync right after each and every period.
    void kiosk(int k, const std::string& path, const std::string& hub) {
        EventStore store = EventStore::open(path);
        CheckinService service(store);
        const std::string id = "K" + std::to_string(k);
        std::optional<HubLink> link;
        if (run_.held) link.emplace(hub);
        KioskFigures& mine = figures_[static_cast<std::size_t>(k)];
        std::mt19937 random(static_cast<unsigned>(k) + 1);
        const auto period = std::chrono::milliseconds(run_.period_ms);
        auto next_sync =
            start_ + std::chrono::milliseconds(random() % static_cast<unsigned>(run_.period_ms));
        const auto end = start_ + std::chrono::duration_cast<Clock::duration>(
                                      std::chrono::duration<double>(run_.seconds));
        // Check-ins come until two periods before the end: the last syncs are idle ones.
        const double busy = std::max(run_.seconds - 2.0 * run_.period_ms / 1000.0, 1.0);
        const double gap = busy / run_.checkins;  // between check-ins, over all kiosks
        int next_checkin = k;                     // this kiosk takes every N-th
        auto due = [&](int n) {
            return start_ + std::chrono::duration_cast<Clock::duration>(
                                std::chrono::duration<double>(gap * n));
        };
        while (true) {
            const auto wake =
                next_checkin < run_.checkins ? std::min(next_sync, due(next_checkin)) : next_sync;
            if (wake >= end) break;
            std::this_thread::sleep_until(wake);
            bool checked_in = false;
            while (next_checkin < run_.checkins && due(next_checkin) <= Clock::now()) {
                const std::string person = "p" + std::to_string(next_checkin % run_.people);
                const CheckinResult result = service.check_in_participant(
                    person, {id, "", CheckinMethod::Camera, kNineAm + next_checkin});
                if (result.recorded) {
                    const int to = (k + run_.kiosks / 2) % run_.kiosks;
                    std::lock_guard lock(locks_[static_cast<std::size_t>(to)]);
                    pending_[static_cast<std::size_t>(to)].push_back(
                        {result.recorded->id, due(next_checkin)});
                }
                next_checkin += run_.kiosks;
                checked_in = true;
            }
            if (!checked_in && Clock::now() < next_sync) continue;
            const double cpu = thread_cpu_ms();
            const auto started = Clock::now();
            const HubResult result = link ? link->sync(store, id) : hub_sync(store, hub, id);
            mine.sync_ms.push_back(
                std::chrono::duration<double, std::milli>(Clock::now() - started).count());
            if (!result) {
                ++mine.failed;
                mine.last_error = result.error.message;
            } else {
                ++mine.syncs;
                const std::int64_t pushed = result.pushed_checkins + result.pushed_rejected_scans +
                                            result.pushed_participants + result.pushed_other;
                if (pushed == 0 && result.pulled_rows == 0)
                    mine.idle_cpu_ms.push_back(thread_cpu_ms() - cpu);
            }
            // What this kiosk now holds of the others' check-ins.
            std::lock_guard lock(locks_[static_cast<std::size_t>(k)]);
            auto& waiting = pending_[static_cast<std::size_t>(k)];
            const auto now = Clock::now();
            std::erase_if(waiting, [&](const Pending& p) {
                if (!store.checkin(p.checkin_id)) return false;
                mine.staleness_s.push_back(std::chrono::duration<double>(now - p.at).count());
                return true;
            });
            if (Clock::now() >= next_sync) next_sync = std::max(next_sync + period, Clock::now());
        }
    }

    testing::PgCluster& cluster_;
    Run run_;
    testing::TempDir dir_;
    Clock::time_point start_;
    std::vector<std::vector<Pending>> pending_;
    std::vector<KioskFigures> figures_;
    std::vector<std::mutex> locks_;
};

}  // namespace

int main(int argc, char** argv) {
    Run run;
    std::vector<int> sizes{10, 50, 100, 200};
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        const std::string value = argv[i + 1];
        if (flag == "--kiosks") {
            sizes.clear();
            std::stringstream list(value);
            for (std::string item; std::getline(list, item, ',');) sizes.push_back(std::stoi(item));
        } else if (flag == "--seconds") {
            run.seconds = std::stod(value);
        } else if (flag == "--checkins") {
            run.checkins = std::stoi(value);
        } else if (flag == "--period-ms") {
            run.period_ms = std::stoi(value);
        } else if (flag == "--people") {
            run.people = std::stoi(value);
        } else if (flag == "--mode") {
            run.held = value != "fresh";
        } else {
            std::fprintf(stderr, "hub_fleet: unknown option %s\n", flag.c_str());
            return 2;
        }
    }
    testing::PgCluster cluster(std::filesystem::path(UKETSUKE_SOURCE_DIR) / "tools" /
                               "pg_cluster.sh");
    if (const std::string error = cluster.start(); !error.empty()) {
        std::fprintf(stderr, "hub_fleet: %s\n", error.c_str());
        return 1;
    }
    cluster.psql("ALTER SYSTEM SET max_connections = 400");
    if (!cluster.stop() || !cluster.restart()) {
        std::fprintf(stderr, "hub_fleet: could not restart the cluster\n");
        return 1;
    }
    std::printf(
        "hub_fleet: %s connection per kiosk, %d check-ins over %.0f s, a sync every %d ms and "
        "after each check-in, %d people\n\n",
        run.held ? "one held" : "a fresh", run.checkins, run.seconds, run.period_ms, run.people);
    std::printf(
        "| kiosks | syncs/s (wanted) | failed | sync p50 / p99 | hub CPU | staleness p50 / p99 "
        "(measured) | connections max / mean | idle sync, kiosk CPU |\n");
    std::printf("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
    std::fflush(stdout);
    for (int kiosks : sizes) {
        run.kiosks = kiosks;
        try {
            Fleet fleet(cluster, run);
            fleet();
        } catch (const std::exception& error) {
            std::fprintf(stderr, "hub_fleet: %d kiosks: %s\n", kiosks, error.what());
            return 1;
        }
    }
    return 0;
}
