// The scan path's budgets (DESIGN.md): a 1280×720 frame handed to the decoder →
// check-in committed, p50/p99 (≤ 20 ms p99); decoder cost on a frame with no code
// (≤ 3 ms). The frames are the kiosk's own kind: a printed ticket held up at an angle.
// Run: tools/setup.sh bench

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <vector>

#include "kiosk/core/checkin/checkin.hpp"
#include "kiosk/core/store/event_store.hpp"
#include "kiosk/core/tickets/ticket.hpp"
#include "platform/decoder.hpp"
#include "platform/test_frames.hpp"
#include "support/temp_dir.hpp"

namespace uketsuke {
namespace {

using platform::testing::background;
using platform::testing::paste_code;
using platform::testing::Placement;

void BM_DecodeEmptyFrame(benchmark::State& state) {
    const platform::GrayFrame frame = background(1280, 720, 7);
    for (auto _ : state) benchmark::DoNotOptimize(platform::decode_qr(frame.view()));
}
BENCHMARK(BM_DecodeEmptyFrame)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime();

// Decode, then check in through the service with its fsync, per frame; each frame holds
// a different person's ticket so every iteration commits a new check-in.
void BM_FrameToCheckinCommitted(benchmark::State& state) {
    testing::TempDir dir;
    const KeyPair keys = generate_key_pair();
    const EventId event_id = random_event_id();
    EventStore store = EventStore::create(
        (dir / "event.db").string(),
        EventInfo{to_hex(event_id), "Bench", "2026-11-30", "Hall", "Asia/Tokyo"});
    store.add_public_key(public_key_to_text(keys.public_key), 0);
    constexpr int kPeople = 64;
    std::vector<platform::GrayFrame> frames;
    for (int i = 0; i < kPeople; ++i) {
        Participant p;
        p.id = "P" + std::to_string(1000 + i);
        p.name = "参加者 " + std::to_string(i);
        store.upsert_participant(p, i);
        platform::GrayFrame frame = background(1280, 720, static_cast<unsigned>(i + 1));
        Placement placement;
        placement.degrees = (i % 7) * 4.0;
        paste_code(frame, issue_ticket(keys.secret_key, event_id, p.id, 1), placement);
        frames.push_back(std::move(frame));
    }
    CheckinService service(store);
    std::vector<double> millis;
    int next = 0;
    for (auto _ : state) {
        const auto& frame = frames[static_cast<std::size_t>(next % kPeople)];
        const auto start = std::chrono::steady_clock::now();
        const auto codes = platform::decode_qr(frame.view());
        if (codes.empty()) {
            state.SkipWithError("not decoded");
            break;
        }
        auto result = service.check_in_code(
            codes.front().text,
            CheckinContext{"A", "", CheckinMethod::Camera, 1795996800000 + next});
        const auto end = std::chrono::steady_clock::now();
        if (result.outcome == CheckinOutcome::AlreadyChecked) {
            state.PauseTiming();
            (void)service.undo_participant(result.participant_id,
                                           CheckinContext{"A", "", CheckinMethod::Manual, 0});
            state.ResumeTiming();
        } else if (result.outcome != CheckinOutcome::CheckedIn) {
            state.SkipWithError("not checked in");
            break;
        }
        millis.push_back(std::chrono::duration<double, std::milli>(end - start).count());
        ++next;
    }
    if (!millis.empty()) {
        std::sort(millis.begin(), millis.end());
        state.counters["p50_ms"] = millis[millis.size() / 2];
        state.counters["p99_ms"] = millis[std::min(millis.size() - 1, millis.size() * 99 / 100)];
    }
}
BENCHMARK(BM_FrameToCheckinCommitted)->Unit(benchmark::kMillisecond)->Iterations(300);

}  // namespace
}  // namespace uketsuke
