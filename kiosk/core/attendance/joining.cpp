#include "kiosk/core/attendance/joining.hpp"

#include <algorithm>

namespace uketsuke {

std::optional<std::int64_t> walk_in_joined_ms(const std::vector<WalkInTrace>& traces) {
    std::optional<std::int64_t> joined;
    for (const auto& trace : traces) {
        std::int64_t earliest = trace.wall_ms;
        if (trace.session_starts_ms) earliest = std::min(earliest, *trace.session_starts_ms);
        joined = joined ? std::min(*joined, earliest) : earliest;
    }
    return joined;
}

bool expected_after_joining(std::optional<std::int64_t> joined_ms, std::int64_t ends_ms) {
    return !joined_ms || *joined_ms < ends_ms;
}

}  // namespace uketsuke
