#pragma once
// A cairo RGB24 image surface to PNG bytes, about six times faster than
// cairo_surface_write_to_png_stream: cairo's writer leaves libpng at its defaults, which try
// all five row filters on every row and deflate at level 6, and for a 1080 × 1920 phone ticket
// that was three quarters of `uketsuke tickets`' CPU (perf, 2026-12-04). Here every row uses
// the Up filter (a page is mostly rows like the one above) and zlib level 3: the same pixels,
// a file about 15 % larger. Internal to paper/.

#include <cairo.h>

#include <string>

#include "paper/paper_error.hpp"

namespace uketsuke::paper {

// 8-bit RGB, no alpha (what cairo writes for RGB24), no interlacing.
[[nodiscard]] PaperResult<std::string> encode_png(cairo_surface_t* rgb24_surface);

}  // namespace uketsuke::paper
