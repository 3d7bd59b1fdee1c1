#include "kiosk/core/attendance/session_times.hpp"

#include <gtest/gtest.h>

namespace uketsuke {
namespace {

// Instants worked out apart from the code (Python's datetime with fixed offsets).
TEST(SessionTimes, LocalTimesInTheEventsZone) {
    auto tokyo = local_instant_ms("2026-05-12", "13:30", "Asia/Tokyo");
    ASSERT_TRUE(tokyo);
    EXPECT_EQ(tokyo.value(), 1778560200000);
    auto utc = local_instant_ms("1970-01-01", "00:00", "UTC");
    ASSERT_TRUE(utc);
    EXPECT_EQ(utc.value(), 0);
    auto leap = local_instant_ms("2028-02-29", "00:00", "UTC");
    ASSERT_TRUE(leap);
    EXPECT_EQ(leap.value(), 1835395200000);
}

TEST(SessionTimes, ClockChangesHaveADefinedReading) {
    // 01:30 happens twice in New York on 2026-11-01: the first (EDT, -4) is taken.
    auto repeated = local_instant_ms("2026-11-01", "01:30", "America/New_York");
    ASSERT_TRUE(repeated);
    EXPECT_EQ(repeated.value(), 1793511000000);
    // 02:30 does not happen on 2026-03-08: it reads as 01:30 EST.
    auto skipped = local_instant_ms("2026-03-08", "02:30", "America/New_York");
    ASSERT_TRUE(skipped);
    EXPECT_EQ(skipped.value(), 1772955000000 - 3'600'000);
}

TEST(SessionTimes, MalformedDatesAndTimesAreRefused) {
    for (const char* date : {"2026-5-12", "2026-13-01", "2026-00-10", "2026-04-31", "2027-02-29",
                             "２０２６-05-12", "", "2026-05-12 "}) {
        EXPECT_FALSE(local_instant_ms(date, "10:00", "Asia/Tokyo")) << date;
    }
    for (const char* time : {"24:00", "10:60", "1000", "10:0", "-1:00", "", "１０:００"}) {
        EXPECT_FALSE(local_instant_ms("2026-05-12", time, "Asia/Tokyo")) << time;
    }
}

TEST(SessionTimes, EndMustFollowStart) {
    Session s;
    s.id = "s1";
    s.date = "2026-05-12";
    s.starts_at = "13:00";
    s.ends_at = "13:00";
    auto times = session_times(s, "Asia/Tokyo");
    ASSERT_FALSE(times);
    EXPECT_EQ(times.error().message, "session s1: end 13:00 is not after the start 13:00");
    s.ends_at = "17:00";
    times = session_times(s, "Asia/Tokyo");
    ASSERT_TRUE(times);
    EXPECT_EQ(times.value().ends_ms - times.value().starts_ms, 4 * 3'600'000);
}

}  // namespace
}  // namespace uketsuke
