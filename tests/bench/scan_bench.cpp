// The scan path's budgets (DESIGN.md): a 1280×720 frame handed to the decoder →
// check-in committed, p50/p99 (≤ 20 ms p99); decoder cost on a frame with no code
// (≤ 3 ms). The frames are the kiosk's own kind: a printed ticket held up at an angle.
// Run: tools/setup.sh bench

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "kiosk/core/checkin/checkin.hpp"
#include "kiosk/core/store/event_store.hpp"
#include "kiosk/core/tickets/ticket.hpp"
#include "platform/decoder.hpp"
#include "platform/photo_sets.hpp"
#include "platform/qr_reader.hpp"
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

// Plain ZXing (decode_qr, the kiosk's decoder before the retry) and the kiosk's QrReader side by
// side in one run: per-frame times p50/p99 on 1280x720 frames, empty and with a code.
void per_frame_times(benchmark::State& state, const std::vector<platform::GrayFrame>& frames,
                     const std::function<std::size_t(const platform::GrayFrame&, int)>& decode) {
    std::vector<double> millis;
    int i = 0;
    for (auto _ : state) {
        const auto& frame = frames[static_cast<std::size_t>(i) % frames.size()];
        const auto start = std::chrono::steady_clock::now();
        benchmark::DoNotOptimize(decode(frame, i));
        millis.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                .count());
        ++i;
    }
    std::sort(millis.begin(), millis.end());
    state.counters["p50_ms"] = millis[millis.size() / 2];
    state.counters["p99_ms"] = millis[std::min(millis.size() - 1, millis.size() * 99 / 100)];
}

std::vector<platform::GrayFrame> empty_frames() {
    std::vector<platform::GrayFrame> frames;
    for (unsigned seed = 1; seed <= 8; ++seed) frames.push_back(background(1280, 720, seed));
    return frames;
}

std::vector<platform::GrayFrame> code_frames() {
    std::vector<platform::GrayFrame> frames;
    for (int i = 0; i < 32; ++i) {
        platform::GrayFrame frame = background(1280, 720, static_cast<unsigned>(i + 1));
        Placement placement;
        placement.degrees = (i % 7) * 4.0;
        placement.module_pixels = 3 + i % 6;
        paste_code(frame, platform::testing::ticket_text("P" + std::to_string(2000 + i)),
                   placement);
        frames.push_back(std::move(frame));
    }
    return frames;
}

// Pictures without a code, as a camera beside a door sees: zxing-cpp's false-positive photos
// (when $UKETSUKE_ZXING_SAMPLES is set) stretched to 1280x720, else generated clutter.
std::vector<platform::GrayFrame> scene_frames() {
    std::vector<platform::GrayFrame> frames;
    namespace pt = platform::testing;
    for (const char* set : {"falsepositives-1", "falsepositives-2"}) {
        const auto folder = pt::find_photo_set(set);
        if (folder.empty()) continue;
        for (const auto& photo : pt::load_photo_set(folder)) {
            platform::GrayFrame frame;
            frame.width = 1280;
            frame.height = 720;
            frame.pixels.resize(1280u * 720u);
            for (int y = 0; y < 720; ++y) {
                for (int x = 0; x < 1280; ++x) {
                    frame.pixels[static_cast<std::size_t>(y) * 1280 + x] =
                        photo.frame.pixels[static_cast<std::size_t>(y * photo.frame.height / 720) *
                                               photo.frame.width +
                                           x * photo.frame.width / 1280];
                }
            }
            frames.push_back(std::move(frame));
        }
    }
    if (!frames.empty()) return frames;
    for (unsigned scene = 0; scene < 8; ++scene) {
        platform::GrayFrame frame = background(1280, 720, scene + 11);
        for (int y = 0; y < 720; ++y) {
            for (int x = 0; x < 1280; ++x) {
                if (((x / (5 + scene)) + (y / (9 + scene))) % 3 == 0) {
                    frame.pixels[static_cast<std::size_t>(y) * 1280 + x] = 40;
                }
            }
        }
        frames.push_back(std::move(frame));
    }
    return frames;
}

// Three decoders side by side: ZXing 1.4 with its own binarizer (the kiosk's decoder before this
// work), decode_qr (the same reads on our binarizer) and the kiosk's QrReader (decode_qr, then
// the finder gate and the retry under its budget).
platform::DecodeOptions zxing_as_before() {
    platform::DecodeOptions options;
    options.zxing_binarizer = true;
    return options;
}

void BM_Empty720p_ZxingAsBefore(benchmark::State& state) {
    const auto frames = empty_frames();
    per_frame_times(state, frames, [](const platform::GrayFrame& f, int) {
        return platform::decode_qr(f.view(), zxing_as_before()).size();
    });
}
void BM_Empty720p_PlainZxing(benchmark::State& state) {
    const auto frames = empty_frames();
    per_frame_times(state, frames, [](const platform::GrayFrame& f, int) {
        return platform::decode_qr(f.view()).size();
    });
}
void BM_Empty720p_WithRetry(benchmark::State& state) {
    const auto frames = empty_frames();
    platform::QrReader reader;
    per_frame_times(state, frames, [&](const platform::GrayFrame& f, int i) {
        return reader.read(f.view(), i * 33).size();
    });
}
void BM_Scene720p_ZxingAsBefore(benchmark::State& state) {
    const auto frames = scene_frames();
    per_frame_times(state, frames, [](const platform::GrayFrame& f, int) {
        return platform::decode_qr(f.view(), zxing_as_before()).size();
    });
}
void BM_Scene720p_PlainZxing(benchmark::State& state) {
    const auto frames = scene_frames();
    per_frame_times(state, frames, [](const platform::GrayFrame& f, int) {
        return platform::decode_qr(f.view()).size();
    });
}
void BM_Scene720p_WithRetry(benchmark::State& state) {
    const auto frames = scene_frames();
    platform::QrReader reader;
    int retried = 0;
    per_frame_times(state, frames, [&](const platform::GrayFrame& f, int i) {
        platform::ReadReport report;
        const std::size_t read = reader.read(f.view(), i * 33, &report).size();
        retried += report.retried;
        return read;
    });
    state.counters["retried"] = retried;
}
void BM_Code720p_ZxingAsBefore(benchmark::State& state) {
    const auto frames = code_frames();
    per_frame_times(state, frames, [](const platform::GrayFrame& f, int) {
        return platform::decode_qr(f.view(), zxing_as_before()).size();
    });
}
void BM_Code720p_PlainZxing(benchmark::State& state) {
    const auto frames = code_frames();
    per_frame_times(state, frames, [](const platform::GrayFrame& f, int) {
        return platform::decode_qr(f.view()).size();
    });
}
void BM_Code720p_WithRetry(benchmark::State& state) {
    const auto frames = code_frames();
    platform::QrReader reader;
    per_frame_times(state, frames, [&](const platform::GrayFrame& f, int i) {
        return reader.read(f.view(), i * 33).size();
    });
}
// CPU time per frame (the budget's measure) beside the wall-clock p50/p99 counters.
#define UKETSUKE_FRAME_BENCH(name, iterations) \
    BENCHMARK(name)                            \
        ->Unit(benchmark::kMillisecond)        \
        ->MeasureProcessCPUTime()              \
        ->UseRealTime()                        \
        ->Iterations(iterations)
UKETSUKE_FRAME_BENCH(BM_Empty720p_ZxingAsBefore, 400);
UKETSUKE_FRAME_BENCH(BM_Empty720p_PlainZxing, 400);
UKETSUKE_FRAME_BENCH(BM_Empty720p_WithRetry, 400);
UKETSUKE_FRAME_BENCH(BM_Scene720p_ZxingAsBefore, 204);
UKETSUKE_FRAME_BENCH(BM_Scene720p_PlainZxing, 204);
UKETSUKE_FRAME_BENCH(BM_Scene720p_WithRetry, 204);
UKETSUKE_FRAME_BENCH(BM_Code720p_ZxingAsBefore, 320);
UKETSUKE_FRAME_BENCH(BM_Code720p_PlainZxing, 320);
UKETSUKE_FRAME_BENCH(BM_Code720p_WithRetry, 320);

// The photo sets at 0/90/180/270 degrees, plain ZXing against the retry (decode_qr_with_retry):
// photos read, misreads, false positives, printed as a table. Sets from ../shared/samples/
// qr-photos and, when set, $UKETSUKE_ZXING_SAMPLES (photo_sets.hpp).
void BM_PhotoSets(benchmark::State& state) {
    namespace pt = platform::testing;
    int plain_read = 0, retry_read = 0, total = 0, plain_wrong = 0, retry_wrong = 0;
    for (auto _ : state) {
        std::printf("%-18s %5s %12s %12s %10s %10s\n", "set", "turn", "plain ZXing", "with retry",
                    "misreads", "false pos.");
        for (const char* set : {"qrcode-1", "qrcode-2", "qrcode-3", "qrcode-4", "qrcode-5",
                                "qrcode-6", "falsepositives-1", "falsepositives-2"}) {
            const auto folder = pt::find_photo_set(set);
            if (folder.empty()) continue;
            const auto photos = pt::load_photo_set(folder);
            for (int turn = 0; turn < 4; ++turn) {
                pt::PhotoScore plain, retry;
                for (const auto& photo : photos) {
                    const auto frame = pt::rotated(photo.frame, turn);
                    pt::score(
                        photo, frame, [](platform::GrayView v) { return platform::decode_qr(v); },
                        plain);
                    pt::score(
                        photo, frame,
                        [](platform::GrayView v) { return platform::decode_qr_with_retry(v); },
                        retry);
                }
                std::printf("%-18s %5d %8d/%-3d %8d/%-3d %4d / %-3d %4d / %-3d\n", set, turn * 90,
                            plain.read, plain.total, retry.read, retry.total, plain.misread,
                            retry.misread, plain.false_positive, retry.false_positive);
                if (std::string(set).rfind("qrcode", 0) == 0) {
                    plain_read += plain.read;
                    retry_read += retry.read;
                    total += plain.total;
                }
                plain_wrong += plain.misread + plain.false_positive;
                retry_wrong += retry.misread + retry.false_positive;
            }
        }
    }
    state.counters["photos"] = total;
    state.counters["plain_read"] = plain_read;
    state.counters["retry_read"] = retry_read;
    state.counters["plain_wrong"] = plain_wrong;
    state.counters["retry_wrong"] = retry_wrong;
}
BENCHMARK(BM_PhotoSets)->Unit(benchmark::kSecond)->Iterations(1);

}  // namespace
}  // namespace uketsuke
