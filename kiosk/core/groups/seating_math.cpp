#include "kiosk/core/groups/seating_math.hpp"

#include <algorithm>

namespace uketsuke::seating {

// Sizes as even as the bounds allow: the highest level L with sum(clamp(L, lo, hi)) <= total,
// then one more for groups that can take it, in `preference` order. When sum(hi) < total the
// sizes fall short of the total and the caller decides what that means.
std::vector<int> water_fill(const std::vector<int>& lo, const std::vector<int>& hi, int total,
                            const std::vector<int>& preference) {
    const auto size_at = [&](std::size_t g, std::int64_t level) {
        return std::max<std::int64_t>(lo[g], std::min<std::int64_t>(level, hi[g]));
    };
    const auto filled = [&](std::int64_t level) {
        std::int64_t sum = 0;
        for (std::size_t g = 0; g < lo.size(); ++g) sum += size_at(g, level);
        return sum;
    };
    std::int64_t low = 0;
    std::int64_t high = total;
    while (low < high) {
        const std::int64_t mid = low + (high - low + 1) / 2;
        if (filled(mid) <= total) {
            low = mid;
        } else {
            high = mid - 1;
        }
    }
    std::vector<int> sizes(lo.size());
    std::int64_t remaining = total;
    for (std::size_t g = 0; g < lo.size(); ++g) {
        sizes[g] = static_cast<int>(size_at(g, low));
        remaining -= sizes[g];
    }
    for (int g : preference) {
        if (remaining <= 0) break;
        if (lo[g] <= low && hi[g] > low) {
            ++sizes[g];
            --remaining;
        }
    }
    return sizes;
}

}  // namespace uketsuke::seating
