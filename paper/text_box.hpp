#pragma once
// Text set into a box with Pango: as large as fits between a field's max_pt and min_pt, then
// cut with "…" at min_pt. Internal to paper/; tests reach it through name_tags.hpp's report.

#include <pango/pangocairo.h>

#include <string>

#include "paper/handles.hpp"
#include "paper/tag_layout.hpp"

namespace uketsuke::paper {

// Pango's rectangles in points, from the page's top-left corner.
struct Extent {
    double x = 0, y = 0, width = 0, height = 0;
};

struct SetText {
    double size_pt = 0;
    bool shrunk = false;     // below max_pt
    bool cut = false;        // ellipsized at min_pt
    int unknown_glyphs = 0;  // characters no installed font draws
    Extent box;              // the field's box
    Extent ink;              // what is drawn, measured by Pango
    Extent logical;
};

// A Pango context for `cairo` set as every paper document needs: points as units (72 dpi),
// unhinted metrics (a text's width scales with its size, which set() relies on) and Japanese
// forms of Han characters. Shared by name tags, ticket pages, the desk roster, certificates.
[[nodiscard]] PangoContextHandle make_text_context(cairo_t* cairo);

// One reusable Pango layout per field: made once per document, refilled per tag.
class TextBox {
public:
    TextBox(PangoContext* context, const std::string& font, const TextField& field);

    // Lays out `text` in the field's box with the tag's top-left corner at (x, y) points.
    SetText set(const std::string& text, double x, double y);
    // Draws what set() laid out last.
    void draw(cairo_t* cairo) const;
    const TextField& field() const { return field_; }

private:
    bool fits(Extent& ink, Extent& logical);
    void place(double size_pt, bool cut);

    TextField field_;
    PangoLayoutHandle layout_;
    FontDescription font_;
    Extent box_;
    double origin_x_ = 0, origin_y_ = 0;  // where set() put the layout
};

}  // namespace uketsuke::paper
