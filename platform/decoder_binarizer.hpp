#pragma once
// ZXing 1.4's HybridBinarizer and its downscaling pyramid, redone so the compiler can vectorize
// them, bit for bit the same. ZXing's own loops were two thirds of the cost of an empty 720p
// frame (perf on scan_bench: getBlackMatrix 2.1 ms, the pyramid's 3x3 averaging 0.9 ms); the
// decoder hands ZXing the black-and-white picture instead (its BoolCast binarizer reads 0 as
// black), so ZXing finds and decodes on exactly the bits it would have made itself.

#include "platform/frame.hpp"

namespace uketsuke::platform {

// The smallest side ZXing's HybridBinarizer takes (5 blocks of 8); below it ZXing falls back to
// a global histogram, and so must the caller.
inline constexpr int kHybridMinimumSide = 40;

// `out` becomes the frame in black 0 and white 255, as ZXing 1.4's HybridBinarizer::getBlackMatrix
// decides them; false (out untouched) for a frame smaller than kHybridMinimumSide. `out` is
// written over, not reallocated when its size fits: a fresh 1 MB a frame cost more in page
// faults than the binarizing (perf). Never throws but bad_alloc.
bool hybrid_binarize(GrayView frame, GrayFrame& out);

// `out` becomes one layer of ZXing's LumImagePyramid: each pixel the rounded mean of a factor x
// factor block, the size divided by factor (rounded down); false if that is empty. Never throws
// but bad_alloc.
bool downscale_by(GrayView frame, int factor, GrayFrame& out);

}  // namespace uketsuke::platform
