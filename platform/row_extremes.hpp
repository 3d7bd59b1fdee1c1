#pragma once
// Per-pixel running minimum and maximum of image rows, written so GCC's -O2 vectorizes them:
// a loop is vectorized only when its trip count is known, so the work goes in fixed chunks of
// kChunk with a scalar tail, and the pointers do not alias (restrict), or it would not be at
// all. Shared by the decoder's binarizer and the finder gate, which both take block extremes.

#include <algorithm>
#include <cstdint>

namespace uketsuke::platform::vectorized {

inline constexpr int kChunk = 64;

// low[x] = min(low[x], row[x]) for x < width.
inline void min_into(std::uint8_t* __restrict low, const std::uint8_t* __restrict row, int width) {
    int x = 0;
    for (; x + kChunk <= width; x += kChunk) {
        for (int k = 0; k < kChunk; ++k) low[x + k] = std::min(low[x + k], row[x + k]);
    }
    for (; x < width; ++x) low[x] = std::min(low[x], row[x]);
}

// high[x] = max(high[x], row[x]) for x < width.
inline void max_into(std::uint8_t* __restrict high, const std::uint8_t* __restrict row, int width) {
    int x = 0;
    for (; x + kChunk <= width; x += kChunk) {
        for (int k = 0; k < kChunk; ++k) high[x + k] = std::max(high[x + k], row[x + k]);
    }
    for (; x < width; ++x) high[x] = std::max(high[x], row[x]);
}

}  // namespace uketsuke::platform::vectorized
