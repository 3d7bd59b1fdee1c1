#include "kiosk/core/model/local_time.hpp"

#include <gtest/gtest.h>

#include "support/event_fixture.hpp"

namespace uketsuke {
namespace {

TEST(LocalTime, TokyoHasNoDaylightSaving) {
    EXPECT_EQ(local_date_time(testing::kNineAm, "Asia/Tokyo"), "2026-11-30 09:00:00");
    EXPECT_EQ(local_hour_minute(testing::kNineAm + 42 * 60'000, "Asia/Tokyo"), "09:42");
    EXPECT_EQ(zone_offset_ms(testing::kNineAm, "Asia/Tokyo"), 9 * 3600 * 1000);
}

TEST(LocalTime, BerlinFollowsDaylightSaving) {
    const std::int64_t july = 1782864000000;  // 2026-07-01 00:00 UTC
    EXPECT_EQ(local_hour_minute(july, "Europe/Berlin"), "02:00");
    EXPECT_EQ(local_hour_minute(testing::kNineAm, "Europe/Berlin"), "01:00");
}

TEST(LocalTime, KnowsZoneNames) {
    EXPECT_TRUE(is_known_time_zone("Asia/Tokyo"));
    EXPECT_FALSE(is_known_time_zone("Mars/Olympus"));
    EXPECT_EQ(local_date_time(0, "Mars/Olympus"), "1970-01-01 00:00:00");
}

}  // namespace
}  // namespace uketsuke
