#pragma once
// Arrivals in five minutes: one bar of the report's and the dashboard's timeline.

#include <cstdint>
#include <string>

namespace uketsuke {

struct ArrivalBucket {
    std::int64_t start_ms = 0;  // start of the five minutes, UTC milliseconds
    std::string label;          // "09:40" in the event's time zone
    int arrivals = 0;
};

inline constexpr std::int64_t kArrivalBucketMs = 5 * 60 * 1000;

}  // namespace uketsuke
