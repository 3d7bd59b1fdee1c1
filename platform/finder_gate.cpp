#include "platform/finder_gate.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "platform/row_extremes.hpp"

namespace uketsuke::platform {

namespace {

constexpr int kBlock = 8;         // threshold grid cell, as ZXing's hybrid binarizer
constexpr int kMinContrast = 32;  // a neighbourhood flatter than this has no edges worth a look
constexpr int kRowStep = 2;       // every second row: a finder's 3-module core spans >= 3 rows

// Fixed-length inner loops in chunks of kChunk with a scalar tail (row_extremes.hpp says why).
using vectorized::kChunk;
using vectorized::max_into;
using vectorized::min_into;

// A local threshold per 8x8 block: the mid-point of the min and max over the 5x5 blocks around
// it. Flat neighbourhoods get 0, so nothing in them counts as dark and their rows are skipped.
// Measured on an empty 720p frame: the per-pixel loop this replaced took ~1.7 ms with the row
// scan; min/max over whole rows then a separable 5-block window takes a tenth of that.
struct ThresholdGrid {
    int columns = 0, rows = 0;
    std::vector<std::uint8_t> threshold;
    std::vector<std::uint8_t> has_contrast;  // per block row: any threshold above 0

    explicit ThresholdGrid(GrayView frame) {
        columns = (frame.width + kBlock - 1) / kBlock;
        rows = (frame.height + kBlock - 1) / kBlock;
        const std::size_t blocks = static_cast<std::size_t>(columns) * rows;
        std::vector<std::uint8_t> low(blocks), high(blocks);
        std::vector<std::uint8_t> line_low(static_cast<std::size_t>(frame.width));
        std::vector<std::uint8_t> line_high(line_low.size());
        for (int by = 0; by < rows; ++by) {
            const int y0 = by * kBlock, y1 = std::min(frame.height, y0 + kBlock);
            const std::uint8_t* first = frame.pixels + static_cast<std::size_t>(y0) * frame.stride;
            std::copy(first, first + frame.width, line_low.begin());
            std::copy(first, first + frame.width, line_high.begin());
            for (int y = y0 + 1; y < y1; ++y) {
                const std::uint8_t* row = frame.pixels + static_cast<std::size_t>(y) * frame.stride;
                min_into(line_low.data(), row, frame.width);
                max_into(line_high.data(), row, frame.width);
            }
            std::uint8_t* lo = low.data() + static_cast<std::size_t>(by) * columns;
            std::uint8_t* hi = high.data() + static_cast<std::size_t>(by) * columns;
            for (int bx = 0; bx < columns; ++bx) {
                const int x0 = bx * kBlock, x1 = std::min(frame.width, x0 + kBlock);
                lo[bx] = *std::min_element(line_low.begin() + x0, line_low.begin() + x1);
                hi[bx] = *std::max_element(line_high.begin() + x0, line_high.begin() + x1);
            }
        }
        // The 5x5-block window, separable: across each block row, then down each column.
        std::vector<std::uint8_t> across_low(blocks), across_high(blocks);
        for (int by = 0; by < rows; ++by) {
            const std::size_t base = static_cast<std::size_t>(by) * columns;
            for (int bx = 0; bx < columns; ++bx) {
                std::uint8_t l = 255, h = 0;
                for (int nx = std::max(0, bx - 2); nx <= std::min(columns - 1, bx + 2); ++nx) {
                    l = std::min(l, low[base + nx]);
                    h = std::max(h, high[base + nx]);
                }
                across_low[base + bx] = l;
                across_high[base + bx] = h;
            }
        }
        threshold.assign(blocks, 0);
        has_contrast.assign(static_cast<std::size_t>(rows), 0);
        for (int by = 0; by < rows; ++by) {
            for (int bx = 0; bx < columns; ++bx) {
                int l = 255, h = 0;
                for (int ny = std::max(0, by - 2); ny <= std::min(rows - 1, by + 2); ++ny) {
                    const std::size_t at = static_cast<std::size_t>(ny) * columns + bx;
                    l = std::min<int>(l, across_low[at]);
                    h = std::max<int>(h, across_high[at]);
                }
                if (h - l >= kMinContrast) {
                    threshold[static_cast<std::size_t>(by) * columns + bx] =
                        static_cast<std::uint8_t>((l + h + 1) / 2);
                    has_contrast[static_cast<std::size_t>(by)] = 1;
                }
            }
        }
    }

    [[nodiscard]] std::uint8_t at(int x, int y) const {
        return threshold[static_cast<std::size_t>(y / kBlock) * columns + x / kBlock];
    }
};

// Bit k of the result: pixel k of the 64 is darker than its threshold.
std::uint64_t dark_bits(const std::uint8_t* __restrict row, const std::uint8_t* __restrict limit) {
    std::uint8_t dark[kChunk];
    for (int k = 0; k < kChunk; ++k) dark[k] = row[k] < limit[k] ? 1 : 0;
    std::uint64_t bits = 0;
    for (int word = 0; word < kChunk / 8; ++word) {
        std::uint64_t bytes;
        std::memcpy(&bytes, dark + 8 * word, 8);
        // Eight 0/1 bytes gathered into eight bits, byte k to bit k (little-endian load).
        if constexpr (std::endian::native == std::endian::little) {
            bits |= ((bytes * 0x0102040810204080ULL) >> 56) << (8 * word);
        } else {
            for (int k = 0; k < 8; ++k) bits |= std::uint64_t{dark[8 * word + k]} << (8 * word + k);
        }
    }
    return bits;
}

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
    // The block row's thresholds, one per pixel, padded to whole chunks.
    const int padded = (frame.width + kChunk - 1) / kChunk * kChunk;
    std::vector<std::uint8_t> limit(static_cast<std::size_t>(padded), 0);
    std::array<std::uint8_t, kChunk> tail{};
    int limit_row = -1;
    for (int y = 0; y < frame.height; y += kRowStep) {
        const int block_row = y / kBlock;
        // Nothing is dark where no neighbourhood has contrast: the row is one light run.
        if (grid.has_contrast[static_cast<std::size_t>(block_row)] == 0) continue;
        if (limit_row != block_row) {
            const std::uint8_t* thresholds =
                grid.threshold.data() + static_cast<std::size_t>(block_row) * grid.columns;
            for (int x = 0; x < frame.width; ++x) limit[x] = thresholds[x / kBlock];
            limit_row = block_row;
        }
        const std::uint8_t* row = frame.pixels + static_cast<std::size_t>(y) * frame.stride;
        // runs of the current colour and the four before it
        std::array<int, 5> runs{};
        int filled = 0;  // how many of runs[] hold a complete run
        bool current_dark = row[0] < limit[0];
        int run_start = 0;
        // The run of `current_dark` from run_start ends at x (exclusive).
        const auto run_ended = [&](int x) {
            std::rotate(runs.begin(), runs.begin() + 1, runs.end());
            runs[4] = x - run_start;
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
            current_dark = !current_dark;
            run_start = x;
        };
        // 64 pixels at a time: a bit per pixel, then only the colour changes are visited.
        std::uint64_t before = current_dark ? 1 : 0;  // the colour of the pixel left of the chunk
        for (int x0 = 0; x0 < frame.width; x0 += kChunk) {
            std::uint64_t bits;
            if (x0 + kChunk <= frame.width) {
                bits = dark_bits(row + x0, limit.data() + x0);
            } else {
                // The last, partial chunk: pixels past the edge repeat the last one's colour.
                const int count = frame.width - x0;
                std::copy(row + x0, row + frame.width, tail.begin());
                std::fill(tail.begin() + count, tail.end(), row[frame.width - 1]);
                bits = dark_bits(tail.data(), limit.data() + x0);
                const std::uint64_t inside = (std::uint64_t{1} << count) - 1;
                const bool last_dark = (bits >> (count - 1)) & 1;
                bits = (bits & inside) | (last_dark ? ~inside : 0);
            }
            std::uint64_t changes = bits ^ ((bits << 1) | before);
            before = bits >> 63;
            while (changes != 0) {
                run_ended(x0 + std::countr_zero(changes));
                changes &= changes - 1;
            }
        }
        run_ended(frame.width);
    }
    // One row crossing a 1:1:3:1:1 stretch is what text and textures do; a real finder's core is
    // three modules tall, so it is crossed by at least two scanned rows.
    std::erase_if(found, [](const FinderPattern& f) { return f.rows < 2; });
    return found;
}

namespace {

// Three finders of one QR code sit at the corners of an isosceles right triangle: two sides of
// the same length at the top-left one, the third about sqrt(2) times as long (perspective and a
// bent page stretch that, so the slack is wide). Texture and text that pass the 1:1:3:1:1 test
// seldom also line up like this; on zxing-cpp's false-positive photos the retry gained nothing
// from any region without such a triple.
bool forms_a_code_corner(const FinderPattern& a, const FinderPattern& b, const FinderPattern& c) {
    const std::array<const FinderPattern*, 3> p{&a, &b, &c};
    for (int corner = 0; corner < 3; ++corner) {
        const FinderPattern& o = *p[static_cast<std::size_t>(corner)];
        const FinderPattern& u = *p[static_cast<std::size_t>((corner + 1) % 3)];
        const FinderPattern& v = *p[static_cast<std::size_t>((corner + 2) % 3)];
        const double side_u = std::hypot(u.x - o.x, u.y - o.y);
        const double side_v = std::hypot(v.x - o.x, v.y - o.y);
        const double far = std::hypot(u.x - v.x, u.y - v.y);
        if (side_u <= 0 || side_v <= 0) continue;
        const double ratio = side_u / side_v;
        const double hypotenuse = far / std::sqrt(side_u * side_u + side_v * side_v);
        if (ratio > 1 / 1.6 && ratio < 1.6 && hypotenuse > 0.8 && hypotenuse < 1.2) return true;
    }
    return false;
}

}  // namespace

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
        std::vector<const FinderPattern*> members;
        for (std::size_t i = 0; i < finders.size(); ++i) {
            if (group[i] != g) continue;
            left = std::min(left, finders[i].x);
            right = std::max(right, finders[i].x);
            top = std::min(top, finders[i].y);
            bottom = std::max(bottom, finders[i].y);
            module += finders[i].module;
            ++count;
            members.push_back(&finders[i]);
        }
        // Three or more finders count as three only when three of them make a code's corner.
        bool corner = false;
        for (std::size_t i = 0; i < members.size() && !corner && members.size() <= 12; ++i) {
            for (std::size_t j = i + 1; j < members.size() && !corner; ++j) {
                for (std::size_t k = j + 1; k < members.size() && !corner; ++k) {
                    corner = forms_a_code_corner(*members[i], *members[j], *members[k]);
                }
            }
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
        regions.push_back({{x0, y0, x1 - x0, y1 - y0}, module, corner ? 3 : std::min(count, 2)});
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
