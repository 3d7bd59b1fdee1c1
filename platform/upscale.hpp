#pragma once
// A region of a frame cut out and enlarged by a whole factor, for a second decode of a code whose
// modules are too small or too soft for ZXing at the camera's size.

#include "platform/finder_gate.hpp"
#include "platform/frame.hpp"

namespace uketsuke::platform {

// Linear interpolation in integers, one pass per axis over contiguous rows (the compiler
// vectorizes it): a naive per-pixel bilinear loop took 60-86 ms on a 720p frame's worth. `factor`
// 1 to 4; the region is clamped to the frame. Never throws except std::bad_alloc.
[[nodiscard]] GrayFrame upscale_region(GrayView frame, FrameRegion region, int factor);

}  // namespace uketsuke::platform
