// The corner long press that opens staff mode (kiosk/ui/screens/corner_hold.hpp), with made-up
// pointers and times on a 1280 × 800 window: its corner squares are 96 px (12 % of 800).

#include "kiosk/ui/screens/corner_hold.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace uketsuke::ui {
namespace {

using namespace std::chrono_literals;

constexpr float kWidth = 1280;
constexpr float kHeight = 800;

struct Hold : ::testing::Test {
    CornerHold hold{CornerHoldOptions{2000ms, 0.12f}};
    CornerHold::Clock::time_point start{};

    // One frame at `at` after the start.
    bool frame(float x, float y, bool down, std::chrono::milliseconds at) {
        return hold.update(Pointer{x, y, down}, kWidth, kHeight, start + at);
    }
    // Frames every 100 ms (the loop's pace while a finger is down) from `from` to `to`;
    // how many of them completed a hold.
    int hold_still(float x, float y, std::chrono::milliseconds from, std::chrono::milliseconds to) {
        int fired = 0;
        for (auto at = from; at <= to; at += 100ms) fired += frame(x, y, true, at) ? 1 : 0;
        return fired;
    }
};

TEST(CornerAt, TheFourSquaresAreTwelvePercentOfTheShorterSide) {
    EXPECT_EQ(corner_at(10, 10, kWidth, kHeight, 0.12f), Corner::TopLeft);
    EXPECT_EQ(corner_at(1270, 10, kWidth, kHeight, 0.12f), Corner::TopRight);
    EXPECT_EQ(corner_at(10, 790, kWidth, kHeight, 0.12f), Corner::BottomLeft);
    EXPECT_EQ(corner_at(1270, 790, kWidth, kHeight, 0.12f), Corner::BottomRight);
    EXPECT_EQ(corner_at(95, 95, kWidth, kHeight, 0.12f), Corner::TopLeft);
    EXPECT_EQ(corner_at(97, 10, kWidth, kHeight, 0.12f), std::nullopt);    // along the top edge
    EXPECT_EQ(corner_at(10, 400, kWidth, kHeight, 0.12f), std::nullopt);   // along the left edge
    EXPECT_EQ(corner_at(640, 400, kWidth, kHeight, 0.12f), std::nullopt);  // the middle
    EXPECT_EQ(corner_at(-5, 10, kWidth, kHeight, 0.12f), std::nullopt);    // off the window
    EXPECT_EQ(corner_at(10, 801, kWidth, kHeight, 0.12f), std::nullopt);
    EXPECT_EQ(corner_at(-3.4e38f, -3.4e38f, kWidth, kHeight, 0.12f), std::nullopt);  // no mouse
}

TEST_F(Hold, APressHeldInACornerForTheWholeHoldFiresOnce) {
    EXPECT_EQ(hold_still(10, 790, 0ms, 1900ms), 0);
    EXPECT_EQ(hold.holding(), Corner::BottomLeft);
    EXPECT_TRUE(frame(10, 790, true, 2000ms));
    // Holding on does not open it again (staff mode may close under a resting finger).
    EXPECT_EQ(hold_still(10, 790, 2100ms, 8000ms), 0);
    EXPECT_EQ(hold.holding(), std::nullopt);
    // Lifted and pressed again: a new press.
    EXPECT_FALSE(frame(10, 790, false, 8100ms));
    EXPECT_EQ(hold_still(1270, 10, 8200ms, 10'100ms), 0);
    EXPECT_TRUE(frame(1270, 10, true, 10'200ms));
}

TEST_F(Hold, TheHoldIsTimedFromTheFirstFrameThatSawThePress) {
    EXPECT_FALSE(frame(10, 10, false, 0ms));
    EXPECT_FALSE(frame(10, 10, true, 500ms));
    EXPECT_FALSE(frame(10, 10, true, 2499ms));
    EXPECT_TRUE(frame(10, 10, true, 2500ms));
}

TEST_F(Hold, LiftingTheFingerEarlyGivesUp) {
    EXPECT_EQ(hold_still(10, 10, 0ms, 1500ms), 0);
    EXPECT_FALSE(frame(10, 10, false, 1600ms));
    EXPECT_EQ(hold.holding(), std::nullopt);
    // The next press starts the count afresh.
    EXPECT_EQ(hold_still(10, 10, 1700ms, 3600ms), 0);
    EXPECT_TRUE(frame(10, 10, true, 3700ms));
}

TEST_F(Hold, SlidingOutOfTheCornerGivesUpUntilTheFingerLifts) {
    EXPECT_EQ(hold_still(10, 10, 0ms, 1000ms), 0);
    EXPECT_FALSE(frame(300, 10, true, 1100ms));  // a swipe along the top edge
    EXPECT_EQ(hold.holding(), std::nullopt);
    EXPECT_EQ(hold_still(10, 10, 1200ms, 6000ms), 0);  // back in the corner, same press
    // Into another corner counts as leaving this one.
    EXPECT_FALSE(frame(10, 10, false, 6100ms));
    EXPECT_EQ(hold_still(10, 10, 6200ms, 7000ms), 0);
    EXPECT_FALSE(frame(1270, 790, true, 7100ms));
    EXPECT_EQ(hold.holding(), std::nullopt);
    EXPECT_EQ(hold_still(1270, 790, 7200ms, 12'000ms), 0);
}

TEST_F(Hold, APressThatBeganElsewhereNeverCounts) {
    EXPECT_FALSE(frame(640, 400, true, 0ms));         // a tap on the screen's middle
    EXPECT_EQ(hold_still(10, 10, 100ms, 6000ms), 0);  // dragged into a corner and held
    EXPECT_EQ(hold.holding(), std::nullopt);
}

TEST_F(Hold, SmallMovesInsideTheCornerAreStillAHold) {
    float x = 20;
    int fired = 0;
    for (auto at = 0ms; at <= 2000ms; at += 100ms) {
        fired += frame(x, 20, true, at) ? 1 : 0;
        x = x == 20 ? 40 : 20;  // a trembling thumb
    }
    EXPECT_EQ(fired, 1);
}

TEST(CornerHoldOptions, AZeroHoldFiresOnTheFrameThePressBegins) {
    CornerHold hold{CornerHoldOptions{0ms, 0.12f}};
    const CornerHold::Clock::time_point t{};
    EXPECT_TRUE(hold.update(Pointer{10, 10, true}, kWidth, kHeight, t));
    EXPECT_FALSE(hold.update(Pointer{10, 10, true}, kWidth, kHeight, t + 100ms));
}

}  // namespace
}  // namespace uketsuke::ui
