#include "kiosk/app/screen_dimming.hpp"

#include <gtest/gtest.h>

namespace uketsuke::app {
namespace {

using namespace std::chrono_literals;
using Clock = ScreenDimming::Clock;

TEST(ScreenDimming, OffByDefaultNeverDimsNorWakesTheLoop) {
    const auto start = Clock::time_point{} + 1h;
    ScreenDimming dimming(0, start);
    EXPECT_FALSE(dimming.update(start + 10h, true, false));
    EXPECT_EQ(dimming.opacity(), 0.0f);
    EXPECT_FALSE(dimming.next_change(start + 10h));
}

TEST(ScreenDimming, FadesInAfterTheIdleTimeOnTheAttractScreen) {
    const auto start = Clock::time_point{} + 1h;
    ScreenDimming dimming(60, start);
    EXPECT_FALSE(dimming.update(start + 59s, true, false));
    EXPECT_EQ(dimming.opacity(), 0.0f);
    // The loop sleeps until dimming starts, then wakes for the fade steps.
    EXPECT_EQ(dimming.next_change(start + 59s), start + 60s);
    EXPECT_TRUE(dimming.update(start + 60s + 500ms, true, false));
    EXPECT_NEAR(dimming.opacity(), ScreenDimming::kDimmedOpacity / 2, 0.01);
    ASSERT_TRUE(dimming.next_change(start + 60s + 500ms));
    EXPECT_LT(*dimming.next_change(start + 60s + 500ms), start + 61s);
    EXPECT_TRUE(dimming.update(start + 62s, true, false));
    EXPECT_EQ(dimming.opacity(), ScreenDimming::kDimmedOpacity);
    EXPECT_FALSE(dimming.next_change(start + 62s));  // fully dimmed: nothing more to draw
    EXPECT_FALSE(dimming.update(start + 90s, true, false));
}

TEST(ScreenDimming, ATouchOrACodeInViewLiftsItAtOnceAndStartsTheWaitAgain) {
    const auto start = Clock::time_point{} + 1h;
    ScreenDimming dimming(60, start);
    ASSERT_TRUE(dimming.update(start + 70s, true, false));
    EXPECT_TRUE(dimming.update(start + 71s, true, true));
    EXPECT_EQ(dimming.opacity(), 0.0f);
    EXPECT_FALSE(dimming.update(start + 130s, true, false));
    EXPECT_TRUE(dimming.update(start + 132s, true, false));
}

TEST(ScreenDimming, OtherScreensAndStaffModeAreNeverDimmed) {
    const auto start = Clock::time_point{} + 1h;
    ScreenDimming dimming(60, start);
    // A welcome screen shown for long (or staff mode left open) counts as someone there.
    EXPECT_FALSE(dimming.update(start + 10min, false, false));
    EXPECT_EQ(dimming.opacity(), 0.0f);
    EXPECT_FALSE(dimming.update(start + 10min + 59s, true, false));
    EXPECT_TRUE(dimming.update(start + 11min + 2s, true, false));
    EXPECT_TRUE(dimming.update(start + 11min + 3s, false, false));
    EXPECT_EQ(dimming.opacity(), 0.0f);
}

}  // namespace
}  // namespace uketsuke::app
