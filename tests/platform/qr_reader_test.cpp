// The retry pipeline on generated frames: the finder gate, the upscale, the budget, the memory.

#include "platform/qr_reader.hpp"

#include <gtest/gtest.h>

#include <iostream>

#include "platform/test_frames.hpp"
#include "platform/upscale.hpp"

namespace uketsuke::platform {
namespace {

using testing::background;
using testing::frame_with_code;
using testing::Placement;
using testing::ticket_text;

// 2-px modules turned 30° in faint ink: plain ZXing 1.4 reads nothing, the 2x retry reads it.
GrayFrame small_faint_code() {
    Placement placement;
    placement.module_pixels = 2;
    placement.degrees = 30;
    placement.dark = 90;
    placement.light = 200;
    return frame_with_code(ticket_text("P1234"), placement, 3);
}

TEST(FinderGate, SilentOnEmptyFramesAndFiresOnACode) {
    for (unsigned seed = 1; seed <= 5; ++seed) {
        EXPECT_TRUE(locate_code_regions(background(1280, 720, seed).view()).empty()) << seed;
    }
    Placement placement;
    placement.module_pixels = 4;
    const GrayFrame frame = frame_with_code(ticket_text("P1"), placement);
    EXPECT_GE(locate_finder_patterns(frame.view()).size(), 3u);
    const auto regions = locate_code_regions(frame.view());
    ASSERT_FALSE(regions.empty());
    const FrameRegion& r = regions.front().region;
    EXPECT_LT(r.x, 640 - 60);
    EXPECT_GT(r.x + r.width, 640 + 60);
    EXPECT_EQ(regions.front().finders, 3);
}

TEST(Upscale, BlendsNeighboursAndClampsTheRegion) {
    const std::uint8_t pixels[] = {0, 200, 100, 100};
    const GrayView view{pixels, 2, 2, 2};
    const GrayFrame twice = upscale_region(view, {0, 0, 2, 2}, 2);
    ASSERT_EQ(twice.width, 4);
    ASSERT_EQ(twice.height, 4);
    EXPECT_EQ(twice.pixels[0], 0);
    EXPECT_EQ(twice.pixels[1], 100);  // between 0 and 200
    EXPECT_EQ(twice.pixels[2], 200);
    EXPECT_EQ(twice.pixels[4], 50);  // between 0 and 100 down the column
    const GrayFrame clamped = upscale_region(view, {1, 1, 10, 10}, 3);
    EXPECT_EQ(clamped.width, 3);
    EXPECT_EQ(clamped.height, 3);
    EXPECT_TRUE(upscale_region(view, {5, 5, 1, 1}, 2).pixels.empty());
}

TEST(QrReader, RetryReadsWhatPlainZxingMissesAndMarksIt) {
    const GrayFrame frame = small_faint_code();
    EXPECT_TRUE(decode_qr(frame.view()).empty());
    ReadReport report;
    QrReader reader;
    const auto codes = reader.read(frame.view(), 0, &report);
    EXPECT_TRUE(report.gate_fired);
    ASSERT_EQ(codes.size(), 1u);
    EXPECT_EQ(codes[0].text, ticket_text("P1234"));
    EXPECT_EQ(codes[0].read_by, ReadBy::ZxingUpscaled2);
    EXPECT_TRUE(codes[0].needs_agreement());
    // The corners are in frame pixels, around the centre where the code was drawn.
    EXPECT_NEAR((codes[0].corners[0].x + codes[0].corners[2].x) / 2, 640, 20);
}

TEST(QrReader, APlainReadNeedsNoRetry) {
    const GrayFrame frame = frame_with_code(ticket_text("P7"));
    ReadReport report;
    QrReader reader;
    const auto codes = reader.read(frame.view(), 0, &report);
    ASSERT_EQ(codes.size(), 1u);
    EXPECT_EQ(codes[0].read_by, ReadBy::Zxing);
    EXPECT_FALSE(codes[0].needs_agreement());
    EXPECT_FALSE(report.retried);
}

TEST(QrReader, RetriesAtMostItsBudgetPerSecond) {
    GrayFrame frame = small_faint_code();
    testing::box_blur(frame, 1);  // located, but no pass reads it
    RetryOptions options;
    options.retries_per_second = 3;
    QrReader reader(options);
    int retried = 0;
    for (int i = 0; i < 30; ++i) {  // one second at 30 frames a second
        ReadReport report;
        EXPECT_TRUE(reader.read(frame.view(), i * 33, &report).empty());
        EXPECT_TRUE(report.gate_fired);
        retried += report.retried;
    }
    // 3 at the start, and about 2.9 refilled over the 0.96 s the frames span.
    EXPECT_LE(retried, 6);
    EXPECT_GE(retried, 5);
}

TEST(QrReader, ALocatedUnreadRegionIsTriedAgainInTheNextFrames) {
    GrayFrame located = small_faint_code();
    testing::box_blur(located, 1);
    QrReader reader;
    ReadReport report;
    (void)reader.read(located.view(), 0, &report);
    ASSERT_TRUE(report.gate_fired);
    // Next frame: the gate sees nothing (the code blurred past recognition), the region is
    // still tried; after the memory runs out, it is not.
    GrayFrame blurred = small_faint_code();
    testing::box_blur(blurred, 3);
    ASSERT_TRUE(locate_code_regions(blurred.view()).empty());
    (void)reader.read(blurred.view(), 100, &report);
    EXPECT_FALSE(report.gate_fired);
    EXPECT_EQ(report.regions, 1);
    (void)reader.read(blurred.view(), 5000, &report);
    EXPECT_EQ(report.regions, 0);
}

// Generated clutter: checkerboards, stripes, blocks like text. Nothing may be read.
TEST(QrReader, ReadsNothingInClutter) {
    int fired = 0;
    for (int scene = 0; scene < 10; ++scene) {
        GrayFrame frame = background(1280, 720, static_cast<unsigned>(scene + 11));
        unsigned state = static_cast<unsigned>(scene) * 7919u + 1;
        for (int y = 0; y < frame.height; ++y) {
            for (int x = 0; x < frame.width; ++x) {
                int cell = scene % 3 == 0   ? ((x / (4 + scene)) + (y / (4 + scene))) % 2
                           : scene % 3 == 1 ? (x / (3 + scene)) % 2
                                            : 0;
                if (scene % 3 == 2 && (x / 12) % 3 != 0 && (y / 16) % 2 == 0) {
                    state = state * 1664525u + 1013904223u;
                    cell = (state >> 28) % 3 == 0;
                }
                if (cell) frame.pixels[static_cast<std::size_t>(y) * frame.width + x] = 30;
            }
        }
        ReadReport report;
        QrReader reader;
        EXPECT_TRUE(reader.read(frame.view(), 0, &report).empty()) << "scene " << scene;
        EXPECT_TRUE(decode_qr_with_retry(frame.view()).empty()) << "scene " << scene;
        fired += report.gate_fired;
    }
    // Regular patterns do make the gate fire (the budget caps what that costs); none is read.
    std::cout << "[ clutter   ] the gate fired on " << fired << " of 10 scenes\n";
}

}  // namespace
}  // namespace uketsuke::platform
