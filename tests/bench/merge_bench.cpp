// Merging ten kiosk files of 5,000 check-ins each (50,000 rows) into an empty event file,
// as `uketsuke merge ... -o event.db` does after a large event (budget: 1 s).
// Each kiosk also holds the roster of 2,000 people, a few edits and rejected scans.

#include <benchmark/benchmark.h>

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "kiosk/core/store/event_store.hpp"
#include "kiosk/core/store/ids.hpp"
#include "kiosk/core/sync/merge.hpp"
#include "kiosk/core/tickets/ticket.hpp"

namespace {

using namespace uketsuke;

constexpr int kKiosks = 10;
constexpr int kCheckinsPerKiosk = 5000;
constexpr int kPeople = 2000;
constexpr std::int64_t kNineAm = 1795996800000;

struct Files {
    std::filesystem::path dir;
    EventInfo info;
    std::vector<std::string> kiosks;

    Files() {
        dir = std::filesystem::temp_directory_path() /
              ("uketsuke-merge-bench-" + random_id().substr(0, 8));
        std::filesystem::create_directories(dir);
        info =
            EventInfo{to_hex(random_event_id()), "Conference", "2026-11-30", "Hall", "Asia/Tokyo"};
        const std::string base = (dir / "base.db").string();
        {
            EventStore store = EventStore::create(base, info);
            sql::Transaction transaction(store.database());
            for (int i = 0; i < kPeople; ++i) {
                Participant p;
                p.id = "p" + std::to_string(i);
                p.name = "Person " + std::to_string(i);
                p.changed_stamp = store.next_stamp("organizer", kNineAm - 86'400'000).to_string();
                p.changed_by = "organizer";
                store.upsert_participant(p, i);
                store.set_code("C" + std::to_string(i), p.id, "platform");
            }
            transaction.commit();
        }
        std::mt19937_64 random(7);
        for (int k = 0; k < kKiosks; ++k) {
            const std::string kiosk = "kiosk-" + std::to_string(k);
            const std::string path = (dir / (kiosk + ".db")).string();
            std::filesystem::copy_file(base, path);
            EventStore store = EventStore::open(path);
            sql::Transaction transaction(store.database());
            for (int i = 0; i < kCheckinsPerKiosk; ++i) {
                const std::int64_t wall = kNineAm + i * 100;
                CheckinRecord row;
                row.id = random_id();
                row.participant_id = "p" + std::to_string(random() % kPeople);
                row.method = CheckinMethod::Camera;
                row.kiosk = kiosk;
                row.wall_ms = wall;
                row.stamp = store.next_stamp(kiosk, wall).to_string();
                store.append_checkin(row);
                if (i % 100 == 0) {
                    Participant p = *store.participant(row.participant_id);
                    p.notes = "moved at " + kiosk;
                    p.changed_stamp = store.next_stamp(kiosk, wall).to_string();
                    p.changed_by = kiosk;
                    store.upsert_participant(p, 0);
                    store.record_rejected_scan(RejectedScan{random_id(), "https://example.com",
                                                            "not-a-ticket", kiosk, wall,
                                                            row.stamp});
                }
            }
            transaction.commit();
            kiosks.push_back(path);
        }
    }
    ~Files() {
        std::error_code ignored;
        std::filesystem::remove_all(dir, ignored);
    }
};

void BM_MergeTenKiosksIntoEmptyFile(benchmark::State& state) {
    static Files files;
    int run = 0;
    MergeCounts counts;
    for (auto _ : state) {
        state.PauseTiming();
        const std::string target_path =
            (files.dir / ("merged-" + std::to_string(run++) + ".db")).string();
        state.ResumeTiming();
        {
            EventStore target = EventStore::create(target_path, files.info);
            const MergeResult result = merge_into(target, files.kiosks);
            if (!result.ok()) state.SkipWithError(result.errors.front().message.c_str());
            counts = result.total;
        }
        state.PauseTiming();
        std::filesystem::remove(target_path);
        state.ResumeTiming();
    }
    state.counters["checkins"] = counts.checkins;
    state.counters["people"] = counts.participants;
    state.counters["edits"] = counts.edits;
    state.counters["rows/s"] = benchmark::Counter(
        static_cast<double>(counts.checkins) * state.iterations(), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_MergeTenKiosksIntoEmptyFile)->Unit(benchmark::kMillisecond)->Iterations(5);

}  // namespace
