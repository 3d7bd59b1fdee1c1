#include "platform/finder_gate.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdlib>

namespace uketsuke::platform {

namespace {

constexpr int kBlock = 8;         // threshold grid cell, as ZXing's hybrid binarizer
constexpr int kMinContrast = 32;  // a neighbourhood flatter than this has no edges worth a look
constexpr int kRowStep = 2;       // every second row: a finder's 3-module core spans >= 3 rows

// A local threshold per 8x8 block: the mid-point of the min and max over the 5x5 blocks around
// it. Flat neighbourhoods get 0, so nothing in them counts as dark and they cost one compare.
struct ThresholdGrid {
    int columns = 0, rows = 0;
    std::vector<std::uint8_t> threshold;

    ThresholdGrid(GrayView frame) {
        columns = (frame.width + kBlock - 1) / kBlock;
        rows = (frame.height + kBlock - 1) / kBlock;
        std::vector<std::uint8_t> low(static_cast<std::size_t>(columns) * rows, 255);
        std::vector<std::uint8_t> high(low.size(), 0);
        for (int y = 0; y < frame.height; ++y) {
            const std::uint8_t* row = frame.pixels + static_cast<std::size_t>(y) * frame.stride;
            std::uint8_t* lo = low.data() + static_cast<std::size_t>(y / kBlock) * columns;
            std::uint8_t* hi = high.data() + static_cast<std::size_t>(y / kBlock) * columns;
            int x = 0;
            for (int block = 0; x + kBlock <= frame.width; ++block, x += kBlock) {
                std::uint8_t block_low = lo[block], block_high = hi[block];
                for (int k = 0; k < kBlock; ++k) {
                    block_low = std::min(block_low, row[x + k]);
                    block_high = std::max(block_high, row[x + k]);
                }
                lo[block] = block_low;
                hi[block] = block_high;
            }
            for (; x < frame.width; ++x) {
                lo[x / kBlock] = std::min(lo[x / kBlock], row[x]);
                hi[x / kBlock] = std::max(hi[x / kBlock], row[x]);
            }
        }
        threshold.assign(low.size(), 0);
        for (int by = 0; by < rows; ++by) {
            for (int bx = 0; bx < columns; ++bx) {
                int neighbourhood_low = 255, neighbourhood_high = 0;
                for (int ny = std::max(0, by - 2); ny <= std::min(rows - 1, by + 2); ++ny) {
                    for (int nx = std::max(0, bx - 2); nx <= std::min(columns - 1, bx + 2); ++nx) {
                        const std::size_t at = static_cast<std::size_t>(ny) * columns + nx;
                        neighbourhood_low = std::min<int>(neighbourhood_low, low[at]);
                        neighbourhood_high = std::max<int>(neighbourhood_high, high[at]);
                    }
                }
                if (neighbourhood_high - neighbourhood_low >= kMinContrast) {
                    threshold[static_cast<std::size_t>(by) * columns + bx] =
                        static_cast<std::uint8_t>((neighbourhood_low + neighbourhood_high + 1) / 2);
                }
            }
        }
    }

    [[nodiscard]] std::uint8_t at(int x, int y) const {
        return threshold[static_cast<std::size_t>(y / kBlock) * columns + x / kBlock];
    }
};

// Five runs dark, light, dark, light, dark in the proportions 1:1:3:1:1, each within half a
// module (the 3-module core within 1.5), as ZXing's own finder test.
bool finder_ratio(const std::array<int, 5>& runs) {
    int total = 0;
    for (int run : runs) {
        if (run == 0) return false;
        total += run;
    }
    if (total < 7) return false;
    const double module = total / 7.0;
    const double slack = module / 2.0 + 0.5;
    return std::abs(module - runs[0]) < slack && std::abs(module - runs[1]) < slack &&
           std::abs(3 * module - runs[2]) < 3 * slack && std::abs(module - runs[3]) < slack &&
           std::abs(module - runs[4]) < slack;
}

// Up and down the column from a candidate centre: the same pattern, of a comparable size.
// Returns the vertical centre, or a negative number.
double cross_check_column(GrayView frame, const ThresholdGrid& grid, int x, int y,
                          int horizontal_total) {
    const auto dark = [&](int row) {
        return frame.pixels[static_cast<std::size_t>(row) * frame.stride + x] < grid.at(x, row);
    };
    if (!dark(y)) return -1;
    const int limit = horizontal_total * 2;
    std::array<int, 5> runs{};
    int row = y;
    // runs[2] upward from the centre, then runs[1], runs[0].
    while (row >= 0 && dark(row) && runs[2] <= limit) ++runs[2], --row;
    while (row >= 0 && !dark(row) && runs[1] <= limit) ++runs[1], --row;
    while (row >= 0 && dark(row) && runs[0] <= limit) ++runs[0], --row;
    row = y + 1;
    while (row < frame.height && dark(row) && runs[2] <= limit) ++runs[2], ++row;
    const int core_end = row;
    while (row < frame.height && !dark(row) && runs[3] <= limit) ++runs[3], ++row;
    while (row < frame.height && dark(row) && runs[4] <= limit) ++runs[4], ++row;
    if (!finder_ratio(runs)) return -1;
    int total = 0;
    for (int run : runs) total += run;
    // A finder seen at an angle or in perspective is not square, but not 2x off either.
    if (2 * total < horizontal_total || total > 2 * horizontal_total) return -1;
    return core_end - runs[2] / 2.0;
}

}  // namespace

std::vector<FinderPattern> locate_finder_patterns(GrayView frame) {
    std::vector<FinderPattern> found;
    if (frame.empty() || frame.stride < frame.width || frame.width < 21 || frame.height < 21) {
        return found;
    }
    const ThresholdGrid grid(frame);
    for (int y = 0; y < frame.height; y += kRowStep) {
        const std::uint8_t* row = frame.pixels + static_cast<std::size_t>(y) * frame.stride;
        const std::uint8_t* threshold_row =
            grid.threshold.data() + static_cast<std::size_t>(y / kBlock) * grid.columns;
        // runs of the current colour and the four before it
        std::array<int, 5> runs{};
        int filled = 0;  // how many of runs[] hold a complete run
        bool current_dark = false;
        int current = 0;
        for (int x = 0; x <= frame.width; ++x) {
            const bool is_dark = x < frame.width && row[x] < threshold_row[x / kBlock];
            if (x < frame.width && is_dark == current_dark) {
                ++current;
                continue;
            }
            // A run of `current_dark` ended at x.
            if (current > 0) {
                std::rotate(runs.begin(), runs.begin() + 1, runs.end());
                runs[4] = current;
                filled = std::min(filled + 1, 5);
                // runs[] ends with a dark run: test the last five from a dark one.
                if (current_dark && filled == 5 && finder_ratio(runs)) {
                    int total = 0;
                    for (int run : runs) total += run;
                    const int centre_x = x - runs[4] - runs[3] - runs[2] / 2 - 1;
                    const double centre_y = cross_check_column(frame, grid, centre_x, y, total);
                    if (centre_y >= 0) {
                        const double module = total / 7.0;
                        auto same = std::find_if(found.begin(), found.end(), [&](const auto& f) {
                            return std::abs(f.x - centre_x) < 2 * module &&
                                   std::abs(f.y - centre_y) < 2 * module;
                        });
                        if (same == found.end()) {
                            found.push_back({static_cast<double>(centre_x), centre_y, module, 1});
                        } else {
                            const double n = same->rows;
                            same->x = (same->x * n + centre_x) / (n + 1);
                            same->y = (same->y * n + centre_y) / (n + 1);
                            same->module = (same->module * n + module) / (n + 1);
                            ++same->rows;
                        }
                    }
                }
            }
            current_dark = is_dark;
            current = 1;
        }
    }
    // One row crossing a 1:1:3:1:1 stretch is what text and textures do; a real finder's core is
    // three modules tall, so it is crossed by at least two scanned rows.
    std::erase_if(found, [](const FinderPattern& f) { return f.rows < 2; });
    return found;
}

std::vector<CodeRegion> group_finders(const std::vector<FinderPattern>& finders, int frame_width,
                                      int frame_height, int max_regions) {
    // Up to version 10 (57 modules) the finders of one code are at most ~70 modules apart.
    constexpr double kMaxApartModules = 75;
    std::vector<int> group(finders.size(), -1);
    int groups = 0;
    for (std::size_t i = 0; i < finders.size(); ++i) {
        if (group[i] < 0) group[i] = groups++;
        for (std::size_t j = i + 1; j < finders.size(); ++j) {
            if (group[j] >= 0) continue;
            const double module_ratio = finders[i].module / finders[j].module;
            if (module_ratio > 1.6 || module_ratio < 1 / 1.6) continue;
            const double apart =
                std::hypot(finders[i].x - finders[j].x, finders[i].y - finders[j].y);
            const double module = (finders[i].module + finders[j].module) / 2;
            if (apart < kMaxApartModules * module && apart > 10 * module) group[j] = group[i];
        }
    }
    std::vector<CodeRegion> regions;
    for (int g = 0; g < groups; ++g) {
        double left = 1e9, top = 1e9, right = -1e9, bottom = -1e9, module = 0;
        int count = 0;
        for (std::size_t i = 0; i < finders.size(); ++i) {
            if (group[i] != g) continue;
            left = std::min(left, finders[i].x);
            right = std::max(right, finders[i].x);
            top = std::min(top, finders[i].y);
            bottom = std::max(bottom, finders[i].y);
            module += finders[i].module;
            ++count;
        }
        module /= count;
        // Three finders: the centres span the code less 3.5 modules a side, plus the quiet zone.
        // Two: the third can be on either side of their line, as far as they are apart.
        // One: anywhere within a version-10 code's reach.
        const double extent = std::max(right - left, bottom - top);
        const double margin = count >= 3   ? 8 * module
                              : count == 2 ? extent + 8 * module
                                           : 64 * module;
        const int x0 = std::max(0, static_cast<int>(left - margin));
        const int y0 = std::max(0, static_cast<int>(top - margin));
        const int x1 = std::min(frame_width, static_cast<int>(right + margin) + 1);
        const int y1 = std::min(frame_height, static_cast<int>(bottom + margin) + 1);
        if (x1 <= x0 || y1 <= y0) continue;
        regions.push_back({{x0, y0, x1 - x0, y1 - y0}, module, std::min(count, 3)});
    }
    std::stable_sort(regions.begin(), regions.end(), [](const CodeRegion& a, const CodeRegion& b) {
        return a.finders > b.finders;
    });
    if (static_cast<int>(regions.size()) > max_regions) regions.resize(std::max(0, max_regions));
    return regions;
}

std::vector<CodeRegion> locate_code_regions(GrayView frame, int max_regions) {
    return group_finders(locate_finder_patterns(frame), frame.width, frame.height, max_regions);
}

}  // namespace uketsuke::platform
