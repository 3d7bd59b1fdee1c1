#include "platform/scanner.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "platform/debouncer.hpp"
#include "platform/file_frame_source.hpp"
#include "platform/test_frames.hpp"
#include "support/temp_dir.hpp"

namespace uketsuke::platform {
namespace {

using namespace std::chrono_literals;

// Polls until `done` or the deadline; the scanner works on its own threads.
bool eventually(const std::function<bool()>& done, std::chrono::milliseconds deadline = 5s) {
    const auto until = std::chrono::steady_clock::now() + deadline;
    while (std::chrono::steady_clock::now() < until) {
        if (done()) return true;
        std::this_thread::sleep_for(2ms);
    }
    return done();
}

// Frames made on the spot: frame n has n (mod 256) in its first pixel, so a decoder can tell
// which frame it got. Finishes after `count` frames.
class CountingSource final : public FrameSource {
public:
    explicit CountingSource(std::uint64_t count) : count_(count) {}
    FrameRead read(std::chrono::milliseconds) override {
        FrameRead result;
        if (produced_ >= count_) {
            result.status = FrameRead::Status::Finished;
            return result;
        }
        std::this_thread::sleep_for(2ms);  // a fast camera: 500 fps
        result.status = FrameRead::Status::Frame;
        result.frame.width = 64;
        result.frame.height = 48;
        result.frame.pixels.assign(64u * 48u, 0);
        result.frame.sequence = ++produced_;
        result.frame.pixels[0] = static_cast<std::uint8_t>(produced_ % 256);
        result.frame.captured_ms = steady_now_ms();
        return result;
    }
    std::string describe() const override { return "counting frames"; }

private:
    std::uint64_t count_;
    std::uint64_t produced_ = 0;
};

class UnpluggedSource final : public FrameSource {
public:
    FrameRead read(std::chrono::milliseconds) override {
        return {FrameRead::Status::Unavailable, {}, "camera /dev/video0 was unplugged"};
    }
    std::string describe() const override { return "unplugged"; }
};

TEST(ScannerEndToEnd, EachTicketHeldUpIsOneScan) {
    uketsuke::testing::TempDir dir;
    // Three participants, each holding their ticket up for five frames, codes moving a little.
    std::vector<std::string> tickets;
    int index = 0;
    for (int person = 0; person < 3; ++person) {
        tickets.push_back(testing::ticket_text("P-000" + std::to_string(person + 1)));
        for (int frame = 0; frame < 5; ++frame, ++index) {
            testing::Placement placement;
            placement.center_x = 600 + frame * 10;
            placement.degrees = frame * 3;
            char name[32];
            std::snprintf(name, sizeof name, "frame-%03d.png", index);
            ASSERT_TRUE(testing::write_png(
                dir / name, testing::frame_with_code(tickets.back(), placement, index + 1)));
        }
    }
    std::atomic<int> wakes{0};
    CameraScannerOptions options;
    options.wake = [&] { ++wakes; };
    CameraScanner scanner(
        [&] {
            return std::make_unique<FileFrameSource>(FileFrameSourceOptions{dir.path(), 30, false});
        },
        options);
    ASSERT_TRUE(
        eventually([&] { return scanner.status().state == ScannerStatus::State::Finished; }));
    ASSERT_TRUE(eventually([&] {
        const ScannerStats stats = scanner.stats();
        return stats.frames_decoded + stats.frames_skipped == stats.frames_read;
    }));
    const std::vector<ScanEvent> scans = scanner.take_scans();
    ASSERT_EQ(scans.size(), 3u);
    for (std::size_t i = 0; i < scans.size(); ++i) {
        EXPECT_EQ(scans[i].text, tickets[i]);
        EXPECT_EQ(scans[i].source, ScanSource::Camera);
        EXPECT_GT(scans[i].wall_ms, 0);
        EXPECT_GT(scans[i].decode_time.count(), 0);
        EXPECT_GE(scans[i].decode_latency, scans[i].decode_time);
    }
    EXPECT_TRUE(scanner.take_scans().empty());
    EXPECT_EQ(scanner.stats().frames_read, 15u);
    EXPECT_GE(wakes.load(), 4);  // three scans and at least one preview or status change

    const auto preview = scanner.take_preview();
    ASSERT_TRUE(preview);
    EXPECT_EQ(preview->width, 640);
    EXPECT_EQ(preview->height, 360);
    EXPECT_FALSE(scanner.take_preview());  // only when new
    scanner.stop();
    scanner.stop();  // idempotent
}

TEST(ScannerEndToEnd, ShowsTheReadingCueWhileACodeIsInView) {
    uketsuke::testing::TempDir dir;
    testing::Placement placement;
    placement.center_x = 400;
    placement.center_y = 300;
    ASSERT_TRUE(testing::write_png(
        dir / "ticket.png", testing::frame_with_code(testing::ticket_text("P-0009"), placement)));
    CameraScannerOptions options;
    options.sighting_window = 300ms;
    CameraScanner scanner(
        [&] {
            return std::make_unique<FileFrameSource>(
                FileFrameSourceOptions{dir / "ticket.png", 20, true});
        },
        options);
    ASSERT_TRUE(eventually([&] { return scanner.sighting().seen; }));
    const CodeSighting sighting = scanner.sighting();
    EXPECT_EQ(sighting.frame_width, 1280);
    ASSERT_EQ(sighting.corners.size(), 1u);
    for (const FramePoint& corner : sighting.corners[0]) {
        EXPECT_NEAR(corner.x, 400, 200);
        EXPECT_NEAR(corner.y, 300, 200);
    }
    // The scanner publishes the sighting a moment before it queues the scan (platform/scanner.cpp):
    // wait for the scan rather than assume it is already there; it is the only one.
    std::size_t scans = 0;
    EXPECT_TRUE(eventually([&] {
        scans += scanner.take_scans().size();
        return scans > 0;
    }));
    EXPECT_EQ(scans, 1u);
    scanner.stop();
    std::this_thread::sleep_for(350ms);
    EXPECT_FALSE(scanner.sighting().seen);
}

TEST(ScannerNewestFrame, ASlowDecoderSkipsStaleFrames) {
    std::mutex mutex;
    std::vector<int> decoded;
    CameraScannerOptions options;
    options.preview_max_width = 0;
    options.decoder = [&](GrayView frame) {
        std::this_thread::sleep_for(25ms);
        std::lock_guard lock(mutex);
        decoded.push_back(frame.pixels[0]);
        return std::vector<DecodedCode>{};
    };
    CameraScanner scanner([] { return std::make_unique<CountingSource>(100); }, options);
    ASSERT_TRUE(
        eventually([&] { return scanner.status().state == ScannerStatus::State::Finished; }));
    ASSERT_TRUE(eventually([&] {
        const ScannerStats stats = scanner.stats();
        return stats.frames_decoded + stats.frames_skipped == stats.frames_read;
    }));
    scanner.stop();
    std::lock_guard lock(mutex);
    const ScannerStats stats = scanner.stats();
    EXPECT_EQ(stats.frames_read, 100u);
    EXPECT_GT(stats.frames_skipped, 50u);
    EXPECT_LT(decoded.size(), 30u);
    ASSERT_FALSE(decoded.empty());
    for (std::size_t i = 1; i < decoded.size(); ++i) EXPECT_LT(decoded[i - 1], decoded[i]);
    EXPECT_EQ(decoded.back(), 100);  // the last frame is never lost
}

TEST(ScannerEveryFrame, ARecordingIsDecodedFrameByFrameHoweverSlowTheDecoder) {
    std::mutex mutex;
    std::vector<int> decoded;
    CameraScannerOptions options;
    options.preview_max_width = 0;
    options.every_frame = true;
    options.decoder = [&](GrayView frame) {
        std::this_thread::sleep_for(5ms);  // slower than the 2 ms source
        std::lock_guard lock(mutex);
        decoded.push_back(frame.pixels[0]);
        return std::vector<DecodedCode>{};
    };
    CameraScanner scanner([] { return std::make_unique<CountingSource>(100); }, options);
    ASSERT_TRUE(eventually([&] { return scanner.stats().frames_decoded == 100u; }));
    scanner.stop();
    std::lock_guard lock(mutex);
    EXPECT_EQ(scanner.stats().frames_skipped, 0u);
    ASSERT_EQ(decoded.size(), 100u);
    for (std::size_t i = 0; i < decoded.size(); ++i) EXPECT_EQ(decoded[i], static_cast<int>(i + 1));
}

// A retry-only read (needs_agreement) becomes a scan only when a second frame reads the same
// text; a lone one never does, and a plain read passes from one frame.
TEST(ScannerAgreement, ARetryReadIsAScanOnlyWhenTwoFramesAgree) {
    CameraScannerOptions options;
    options.preview_max_width = 0;
    options.every_frame = true;
    options.decoder = [](GrayView frame) {
        const int n = frame.pixels[0];
        std::vector<DecodedCode> codes;
        const auto code = [&](std::string text, ReadBy by) {
            DecodedCode c;
            c.text = std::move(text);
            c.read_by = by;
            codes.push_back(std::move(c));
        };
        if (n == 2) code("LONE-ZBAR", ReadBy::Zbar);                           // once: never a scan
        if (n == 4 || n == 5) code("TWICE-UPSCALED", ReadBy::ZxingUpscaled2);  // agrees in 5
        if (n == 7) code("PLAIN", ReadBy::Zxing);                              // at once
        return codes;
    };
    CameraScanner scanner([] { return std::make_unique<CountingSource>(12); }, options);
    ASSERT_TRUE(eventually([&] { return scanner.stats().frames_decoded == 12u; }));
    scanner.stop();
    std::vector<std::string> texts;
    for (const ScanEvent& event : scanner.take_scans()) texts.push_back(event.text);
    EXPECT_EQ(texts, (std::vector<std::string>{"TWICE-UPSCALED", "PLAIN"}));
}

TEST(AgreementTest, SecondFrameWithinTheWindow) {
    Agreement agreement(1000ms);
    EXPECT_FALSE(agreement.agree("A", true, 1, 0ms));
    EXPECT_FALSE(agreement.agree("A", true, 1, 10ms));  // the same frame does not agree with itself
    EXPECT_TRUE(agreement.agree("A", true, 2, 40ms));
    EXPECT_FALSE(agreement.agree("B", true, 3, 100ms));
    EXPECT_FALSE(agreement.agree("B", true, 4, 1200ms));  // too late: starts over
    EXPECT_TRUE(agreement.agree("C", false, 5, 1300ms));  // plain: at once, and remembered
    EXPECT_TRUE(agreement.agree("C", true, 6, 1330ms));
}

TEST(ScannerStatusTest, ReconnectsWhenTheFactoryFailsThenRuns) {
    std::atomic<int> calls{0};
    std::atomic<int> wakes{0};
    CameraScannerOptions options;
    options.reconnect_first = 20ms;
    options.reconnect_max = 40ms;
    options.wake = [&] { ++wakes; };
    CameraScanner scanner(
        [&]() -> std::unique_ptr<FrameSource> {
            const int call = ++calls;
            if (call <= 2) throw std::runtime_error("cannot open /dev/video0: device busy");
            if (call == 3) return std::make_unique<UnpluggedSource>();
            return std::make_unique<CountingSource>(1000000);
        },
        options);
    ASSERT_TRUE(
        eventually([&] { return scanner.status().state == ScannerStatus::State::Running; }));
    EXPECT_EQ(calls.load(), 4);
    EXPECT_EQ(scanner.stats().reconnects, 3u);
    EXPECT_EQ(scanner.status().message, "counting frames");
    EXPECT_GE(wakes.load(), 3);
    scanner.stop();
}

TEST(ScannerStatusTest, ReportsWhyItIsReconnecting) {
    CameraScannerOptions options;
    options.reconnect_first = 10ms;
    options.reconnect_max = 20ms;
    CameraScanner scanner(
        []() -> std::unique_ptr<FrameSource> { return std::make_unique<UnpluggedSource>(); },
        options);
    ASSERT_TRUE(
        eventually([&] { return scanner.status().state == ScannerStatus::State::Reconnecting; }));
    EXPECT_NE(scanner.status().message.find("was unplugged"), std::string::npos)
        << scanner.status().message;
    ASSERT_TRUE(eventually([&] { return scanner.stats().reconnects >= 3; }));
}

TEST(ScannerStatusTest, NoCameraWhenTheFactoryFindsNone) {
    std::atomic<int> calls{0};
    CameraScannerOptions options;  // the real backoff: 0.5 s, then 1 s
    CameraScanner scanner(
        [&]() -> std::unique_ptr<FrameSource> {
            ++calls;
            return nullptr;
        },
        options);
    ASSERT_TRUE(
        eventually([&] { return scanner.status().state == ScannerStatus::State::NoCamera; }));
    EXPECT_NE(scanner.status().message.find("no camera"), std::string::npos);
    std::this_thread::sleep_for(700ms);
    EXPECT_EQ(calls.load(), 2);  // at 0 and 0.5 s; the next waits until 1.5 s
    const auto start = std::chrono::steady_clock::now();
    scanner.stop();  // interrupts the backoff
    EXPECT_LT(std::chrono::steady_clock::now() - start, 200ms);
}

TEST(ScannerLifetime, StopsPromptlyWhileTheDecoderIsBusy) {
    CameraScannerOptions options;
    options.decoder = [](GrayView) {
        std::this_thread::sleep_for(50ms);
        return std::vector<DecodedCode>{};
    };
    auto scanner = std::make_unique<CameraScanner>(
        [] { return std::make_unique<CountingSource>(1000000); }, options);
    std::this_thread::sleep_for(30ms);
    const auto start = std::chrono::steady_clock::now();
    scanner.reset();  // the destructor stops and joins
    EXPECT_LT(std::chrono::steady_clock::now() - start, 500ms);
}

TEST(ScannerLifetime, SurvivesAThrowingDecoderAndWake) {
    CameraScannerOptions options;
    options.decoder = [](GrayView) -> std::vector<DecodedCode> {
        throw std::runtime_error("decoder bug");
    };
    options.wake = [] { throw std::runtime_error("app bug"); };
    CameraScanner scanner([] { return std::make_unique<CountingSource>(20); }, options);
    ASSERT_TRUE(
        eventually([&] { return scanner.status().state == ScannerStatus::State::Finished; }));
    ASSERT_TRUE(eventually([&] { return scanner.stats().frames_decoded > 0; }));
}

}  // namespace
}  // namespace uketsuke::platform
