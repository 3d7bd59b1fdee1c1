#pragma once
// Our own gate for the decoding retry: does this frame hold a QR finder pattern (the 1:1:3:1:1
// dark-light-dark-light-dark square in three corners of every QR code)? ZXing 1.4 reports no
// error for the photos it misses, so it cannot tell "a code it could not read" from "no code";
// this check can, for about a third of the cost of a decode, and only then is a retry paid for.

#include <vector>

#include "platform/frame.hpp"

namespace uketsuke::platform {

struct FrameRegion {
    int x = 0, y = 0, width = 0, height = 0;

    [[nodiscard]] bool empty() const noexcept { return width <= 0 || height <= 0; }
    friend bool operator==(const FrameRegion&, const FrameRegion&) = default;
};

struct FinderPattern {
    double x = 0, y = 0;  // centre, frame pixels
    double module = 0;    // estimated module size in pixels
    int rows = 0;         // scanned rows that crossed it (more: surer)
};

// Finder patterns crossed by every second row and confirmed down their column. Never throws.
[[nodiscard]] std::vector<FinderPattern> locate_finder_patterns(GrayView frame);

struct CodeRegion {
    FrameRegion region;  // where a code with these finders can lie, clamped to the frame
    double module = 0;   // the finders' mean module size
    int finders = 0;     // 1 to 3; 3 only when three of them sit like a code's three corners
};

// Groups finders that can belong to one code (close for their module size, similar modules) into
// the regions a code could occupy, surest first, at most `max_regions`.
[[nodiscard]] std::vector<CodeRegion> locate_code_regions(GrayView frame, int max_regions = 3);

// What a finder check alone costs; the decoder's gate is locate_code_regions.
[[nodiscard]] std::vector<CodeRegion> group_finders(const std::vector<FinderPattern>& finders,
                                                    int frame_width, int frame_height,
                                                    int max_regions);

}  // namespace uketsuke::platform
