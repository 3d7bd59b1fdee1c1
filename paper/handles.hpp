#pragma once
// One owner per cairo, Pango and fontconfig handle (unique_ptr with the library's release
// function). Internal to paper/.

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

#include <memory>

namespace uketsuke::paper {

struct SurfaceRelease {
    void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};
struct CairoRelease {
    void operator()(cairo_t* cairo) const { cairo_destroy(cairo); }
};
struct FontOptionsRelease {
    void operator()(cairo_font_options_t* options) const { cairo_font_options_destroy(options); }
};
struct GObjectRelease {
    void operator()(void* object) const { g_object_unref(object); }
};
struct FontDescriptionRelease {
    void operator()(PangoFontDescription* font) const { pango_font_description_free(font); }
};
struct PatternRelease {
    void operator()(FcPattern* pattern) const { FcPatternDestroy(pattern); }
};

using Surface = std::unique_ptr<cairo_surface_t, SurfaceRelease>;
using Cairo = std::unique_ptr<cairo_t, CairoRelease>;
using FontOptions = std::unique_ptr<cairo_font_options_t, FontOptionsRelease>;
using PangoContextHandle = std::unique_ptr<PangoContext, GObjectRelease>;
using PangoLayoutHandle = std::unique_ptr<PangoLayout, GObjectRelease>;
using FontDescription = std::unique_ptr<PangoFontDescription, FontDescriptionRelease>;
using Pattern = std::unique_ptr<FcPattern, PatternRelease>;

constexpr double kPointsPerMillimetre = 72.0 / 25.4;
inline double points(double millimetres) { return millimetres * kPointsPerMillimetre; }

}  // namespace uketsuke::paper
