#include "platform/debouncer.hpp"

#include <gtest/gtest.h>

namespace uketsuke::platform {
namespace {

using namespace std::chrono_literals;

TEST(Debounce, AFirstSightingIsAScan) {
    Debouncer debouncer;
    EXPECT_TRUE(debouncer.accept("UK1:A", 1000ms));
    EXPECT_TRUE(debouncer.accept("UK1:B", 1000ms));
}

TEST(Debounce, ACodeHeldUpIsOneScan) {
    Debouncer debouncer(3s);
    EXPECT_TRUE(debouncer.accept("UK1:A", 0ms));
    // 30 frames a second for ten seconds.
    for (int frame = 1; frame < 300; ++frame)
        EXPECT_FALSE(debouncer.accept("UK1:A", frame * 33ms)) << frame;
}

TEST(Debounce, CountsAgainAfterAWholeWindowOutOfSight) {
    Debouncer debouncer(3s);
    EXPECT_TRUE(debouncer.accept("UK1:A", 0ms));
    EXPECT_FALSE(debouncer.accept("UK1:A", 2999ms));
    EXPECT_FALSE(debouncer.accept("UK1:A", 5000ms));  // seen at 2999: still within
    EXPECT_TRUE(debouncer.accept("UK1:A", 8000ms));
}

TEST(Debounce, WindowIsConfigurable) {
    Debouncer debouncer(500ms);
    EXPECT_EQ(debouncer.window(), 500ms);
    EXPECT_TRUE(debouncer.accept("X", 0ms));
    EXPECT_FALSE(debouncer.accept("X", 499ms));
    EXPECT_TRUE(debouncer.accept("X", 999ms));
}

TEST(Debounce, CodesAreIndependentAndClearForgets) {
    Debouncer debouncer(3s);
    EXPECT_TRUE(debouncer.accept("A", 0ms));
    EXPECT_TRUE(debouncer.accept("B", 100ms));
    EXPECT_FALSE(debouncer.accept("A", 200ms));
    EXPECT_FALSE(debouncer.accept("B", 300ms));
    debouncer.clear();
    EXPECT_TRUE(debouncer.accept("A", 400ms));
}

TEST(Debounce, AClockGoingBackwardsDoesNotDoubleCount) {
    Debouncer debouncer(3s);
    EXPECT_TRUE(debouncer.accept("A", 10000ms));
    EXPECT_FALSE(debouncer.accept("A", 9000ms));
}

}  // namespace
}  // namespace uketsuke::platform
