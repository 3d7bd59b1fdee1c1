#pragma once
// Wall-clock milliseconds shown in the event's own time zone (ICU's tz data:
// libstdc++ 12 has no std::chrono time zones).

#include <cstdint>
#include <string>
#include <string_view>

namespace uketsuke {

bool is_known_time_zone(std::string_view zone);
// "2026-11-29 09:42:05" in the zone; the UTC offset is not shown.
std::string local_date_time(std::int64_t wall_ms, std::string_view zone);
// "09:42" in the zone.
std::string local_hour_minute(std::int64_t wall_ms, std::string_view zone);
// Offset of the zone from UTC at that instant, in milliseconds.
std::int64_t zone_offset_ms(std::int64_t wall_ms, std::string_view zone);

}  // namespace uketsuke
