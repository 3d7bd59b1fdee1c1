#include "kiosk/core/store/hlc.hpp"

#include <gtest/gtest.h>

namespace uketsuke {
namespace {

TEST(Hlc, TextSortsLikeTheStamp) {
    HlcStamp a{1000, 5, "A"};
    HlcStamp b{1000, 12, "A"};
    HlcStamp c{20000, 0, "A"};
    EXPECT_LT(a.to_string(), b.to_string());
    EXPECT_LT(b.to_string(), c.to_string());
    EXPECT_EQ(HlcStamp::parse(b.to_string()), b);
    EXPECT_EQ(HlcStamp::parse("garbage"), std::nullopt);
    EXPECT_EQ(HlcStamp::parse("0000000001000.00000x.A"), std::nullopt);
}

TEST(Hlc, TicksAreStrictlyIncreasingEvenWhenTheWallClockStops) {
    HybridClock clock("A");
    HlcStamp previous = clock.tick(5000);
    for (int i = 0; i < 100; ++i) {
        HlcStamp next = clock.tick(5000);
        EXPECT_LT(previous, next);
        previous = next;
    }
}

TEST(Hlc, TicksStayAheadWhenTheWallClockJumpsBack) {
    HybridClock clock("A");
    HlcStamp before = clock.tick(10'000'000);
    HlcStamp after = clock.tick(10'000'000 - 3 * 3600 * 1000);  // clock set back three hours
    EXPECT_LT(before, after);
    EXPECT_EQ(after.physical_ms, 10'000'000);
}

TEST(Hlc, AKioskHoursBehindOrdersAfterWhatItHasSeen) {
    const std::int64_t real_time = 50'000'000;
    HybridClock fast("A");
    HybridClock slow("B");  // its clock is four hours behind
    HlcStamp from_a = fast.tick(real_time);
    slow.observe(from_a, real_time - 4 * 3600 * 1000);
    HlcStamp from_b = slow.tick(real_time - 4 * 3600 * 1000 + 10);
    EXPECT_LT(from_a, from_b);
    EXPECT_LT(from_a.to_string(), from_b.to_string());
}

TEST(Hlc, ObserveTakesTheLargestLogicalCounter) {
    HybridClock clock("A", HlcStamp{100, 3, "A"});
    clock.observe(HlcStamp{100, 7, "B"}, 50);
    EXPECT_EQ(clock.last().physical_ms, 100);
    EXPECT_EQ(clock.last().logical, 8u);
    clock.observe(HlcStamp{90, 50, "B"}, 50);
    EXPECT_EQ(clock.last().logical, 9u);
}

}  // namespace
}  // namespace uketsuke
