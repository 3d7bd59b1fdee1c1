#include "platform/decoder_binarizer.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "platform/row_extremes.hpp"

namespace uketsuke::platform {

namespace {

constexpr int kBlock = 8;
constexpr int kMinDynamicRange = 24;  // ZXing's MIN_DYNAMIC_RANGE
// Fixed-length inner loops in chunks of kChunk (row_extremes.hpp says why).
using vectorized::kChunk;
using vectorized::max_into;
using vectorized::min_into;

void threshold_row(std::uint8_t* __restrict target, const std::uint8_t* __restrict row,
                   const std::uint8_t* __restrict at_most, int width) {
    int x = 0;
    for (; x + kChunk <= width; x += kChunk) {
        for (int k = 0; k < kChunk; ++k) {
            target[x + k] = static_cast<std::uint8_t>(row[x + k] > at_most[x + k] ? 255 : 0);
        }
    }
    for (; x < width; ++x) target[x] = static_cast<std::uint8_t>(row[x] > at_most[x] ? 255 : 0);
}

void add_to(std::uint16_t* __restrict sum, const std::uint8_t* __restrict row, int width) {
    int x = 0;
    for (; x + kChunk <= width; x += kChunk) {
        for (int k = 0; k < kChunk; ++k) {
            sum[x + k] = static_cast<std::uint16_t>(sum[x + k] + row[x + k]);
        }
    }
    for (; x < width; ++x) sum[x] = static_cast<std::uint16_t>(sum[x] + row[x]);
}

}  // namespace

bool hybrid_binarize(GrayView frame, GrayFrame& out) {
    const int width = frame.width, height = frame.height;
    if (frame.empty() || frame.stride < width || width < kHybridMinimumSide ||
        height < kHybridMinimumSide) {
        return false;
    }
    const int columns = (width + kBlock - 1) / kBlock, rows = (height + kBlock - 1) / kBlock;
    // ZXing's last block of a row or column is the last 8 pixels, overlapping the one before.
    const auto block_x = [&](int bx) { return std::min(bx * kBlock, width - kBlock); };

    // CalculateBlackPoints: per block the sum, min and max of its 64 pixels. ZXing stops updating
    // min and max once the range passes 24; it then only uses the range's "more than 24", so the
    // full min and max decide the same.
    std::vector<int> black_points(static_cast<std::size_t>(columns) * rows);
    std::vector<std::uint16_t> line_sum(static_cast<std::size_t>(width));
    std::vector<std::uint8_t> line_low(line_sum.size()), line_high(line_sum.size());
    for (int by = 0; by < rows; ++by) {
        const int y0 = std::min(by * kBlock, height - kBlock);
        std::fill(line_sum.begin(), line_sum.end(), 0);
        std::fill(line_low.begin(), line_low.end(), 255);
        std::fill(line_high.begin(), line_high.end(), 0);
        for (int y = y0; y < y0 + kBlock; ++y) {
            const std::uint8_t* row = frame.pixels + static_cast<std::size_t>(y) * frame.stride;
            add_to(line_sum.data(), row, width);
            min_into(line_low.data(), row, width);
            max_into(line_high.data(), row, width);
        }
        for (int bx = 0; bx < columns; ++bx) {
            const int x0 = block_x(bx);
            int sum = 0, low = 255, high = 0;
            for (int k = 0; k < kBlock; ++k) {
                sum += line_sum[static_cast<std::size_t>(x0 + k)];
                low = std::min<int>(low, line_low[static_cast<std::size_t>(x0 + k)]);
                high = std::max<int>(high, line_high[static_cast<std::size_t>(x0 + k)]);
            }
            int average = sum / (kBlock * kBlock);
            if (high - low <= kMinDynamicRange) {
                // A flat block: light unless its neighbours' black points say it is dark.
                average = low / 2;
                if (by > 0 && bx > 0) {
                    const auto at = [&](int x, int y) {
                        return black_points[static_cast<std::size_t>(y) * columns + x];
                    };
                    const int neighbours =
                        (at(bx, by - 1) + 2 * at(bx - 1, by) + at(bx - 1, by - 1)) / 4;
                    if (low < neighbours) average = neighbours;
                }
            }
            black_points[static_cast<std::size_t>(by) * columns + bx] = average;
        }
    }

    // CalculateMatrix: each block's threshold is the mean black point of the 5x5 blocks around
    // it (clamped inside the grid); a pixel is black at or below it. Where the last blocks
    // overlap the ones before, ZXing writes them last, so they decide.
    // The 25-block sums, separable: five across (around each clamped centre column), then five
    // of those down; the same integers as ZXing's double loop, in a fifth of the additions.
    std::vector<int> across(black_points.size());
    for (int by = 0; by < rows; ++by) {
        const int* row = black_points.data() + static_cast<std::size_t>(by) * columns;
        int* target = across.data() + static_cast<std::size_t>(by) * columns;
        for (int c = 2; c <= columns - 3; ++c) {
            target[c] = row[c - 2] + row[c - 1] + row[c] + row[c + 1] + row[c + 2];
        }
    }
    std::vector<std::uint8_t> thresholds(black_points.size());
    for (int by = 0; by < rows; ++by) {
        const int top = std::clamp(by, 2, rows - 3);
        for (int bx = 0; bx < columns; ++bx) {
            const int left = std::clamp(bx, 2, columns - 3);
            int sum = 0;
            for (int dy = -2; dy <= 2; ++dy) {
                sum += across[static_cast<std::size_t>(top + dy) * columns + left];
            }
            // A black point is at most 255, so is their mean.
            thresholds[static_cast<std::size_t>(by) * columns + bx] =
                static_cast<std::uint8_t>(sum / 25);
        }
    }
    out.width = width;
    out.height = height;
    out.pixels.resize(static_cast<std::size_t>(width) * height);
    std::vector<std::uint8_t> limit(static_cast<std::size_t>(width));
    int limit_row = -1;
    for (int y = 0; y < height; ++y) {
        const int by = y >= height - kBlock ? rows - 1 : y / kBlock;
        if (by != limit_row) {
            const std::uint8_t* block = thresholds.data() + static_cast<std::size_t>(by) * columns;
            for (int bx = 0; bx < columns; ++bx) {
                std::fill_n(limit.begin() + bx * kBlock, std::min(kBlock, width - bx * kBlock),
                            block[bx]);
            }
            // The last 8 pixels are the last block's, over the one before where they overlap.
            std::fill(limit.end() - kBlock, limit.end(), block[columns - 1]);
            limit_row = by;
        }
        const std::uint8_t* row = frame.pixels + static_cast<std::size_t>(y) * frame.stride;
        std::uint8_t* target = out.pixels.data() + static_cast<std::size_t>(y) * width;
        threshold_row(target, row, limit.data(), width);
    }
    return true;
}

bool downscale_by(GrayView frame, int factor, GrayFrame& out) {
    if (frame.empty() || frame.stride < frame.width || factor < 1) return false;
    if (frame.width / factor == 0 || frame.height / factor == 0) return false;
    out.width = frame.width / factor;
    out.height = frame.height / factor;
    out.pixels.resize(static_cast<std::size_t>(out.width) * out.height);
    // Column sums of `factor` rows, then sums of `factor` columns, as ZXing's loop adds them.
    std::vector<std::uint16_t> column_sum(static_cast<std::size_t>(out.width) * factor);
    const int used = out.width * factor;
    const int area = factor * factor;
    for (int y = 0; y < out.height; ++y) {
        std::fill(column_sum.begin(), column_sum.end(), 0);
        for (int k = 0; k < factor; ++k) {
            const std::uint8_t* row =
                frame.pixels + static_cast<std::size_t>(y * factor + k) * frame.stride;
            add_to(column_sum.data(), row, used);
        }
        std::uint8_t* target = out.pixels.data() + static_cast<std::size_t>(y) * out.width;
        for (int x = 0; x < out.width; ++x) {
            int sum = area / 2;
            for (int k = 0; k < factor; ++k)
                sum += column_sum[static_cast<std::size_t>(x * factor + k)];
            target[x] = static_cast<std::uint8_t>(sum / area);
        }
    }
    return true;
}

}  // namespace uketsuke::platform
