#include "paper/text_box.hpp"

#include <algorithm>
#include <cmath>

namespace uketsuke::paper {
namespace {

constexpr double kSmallestStep = 0.97;  // shrink 3 % at a time once the first guess missed
constexpr double kShrunk = 0.75;        // below 3/4 of its full size a text is worth a note

Extent to_points(const PangoRectangle& rectangle) {
    return {static_cast<double>(rectangle.x) / PANGO_SCALE,
            static_cast<double>(rectangle.y) / PANGO_SCALE,
            static_cast<double>(rectangle.width) / PANGO_SCALE,
            static_cast<double>(rectangle.height) / PANGO_SCALE};
}

bool within(const Extent& inner, const Extent& outer) {
    constexpr double kSlack = 0.01;  // points
    return inner.width <= 0 || inner.height <= 0 ||
           (inner.x >= outer.x - kSlack && inner.y >= outer.y - kSlack &&
            inner.x + inner.width <= outer.x + outer.width + kSlack &&
            inner.y + inner.height <= outer.y + outer.height + kSlack);
}

}  // namespace

PangoContextHandle make_text_context(cairo_t* cairo) {
    PangoContextHandle context(pango_cairo_create_context(cairo));
    pango_cairo_context_set_resolution(context.get(), 72);
    FontOptions font_options(cairo_font_options_create());
    cairo_font_options_set_hint_metrics(font_options.get(), CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(font_options.get(), CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(context.get(), font_options.get());
    // Han characters in their Japanese forms (Noto CJK holds several).
    pango_context_set_language(context.get(), pango_language_from_string("ja"));
    return context;
}

TextBox::TextBox(PangoContext* context, const std::string& font, const TextField& field)
    : field_(field),
      layout_(pango_layout_new(context)),
      font_(pango_font_description_from_string(font.c_str())) {
    pango_font_description_set_weight(font_.get(),
                                      field.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_wrap(layout_.get(), PANGO_WRAP_WORD_CHAR);
    const PangoAlignment alignment = field.align == Align::Start ? PANGO_ALIGN_LEFT
                                     : field.align == Align::End ? PANGO_ALIGN_RIGHT
                                                                 : PANGO_ALIGN_CENTER;
    pango_layout_set_alignment(layout_.get(), alignment);
    pango_layout_set_single_paragraph_mode(layout_.get(), TRUE);
}

void TextBox::place(double size_pt, bool cut) {
    pango_font_description_set_size(font_.get(),
                                    static_cast<int>(std::lround(size_pt * PANGO_SCALE)));
    pango_layout_set_font_description(layout_.get(), font_.get());
    // A point narrower than the box: room to nudge a glyph's overhanging ink back inside.
    const int width = static_cast<int>(std::floor(std::max(1.0, box_.width - 1.0) * PANGO_SCALE));
    // One line: measured at its natural width, so the first guess can scale it to the box.
    // Several: wrapped at the box's width, counted below.
    pango_layout_set_width(layout_.get(), (field_.lines > 1 || cut) ? width : -1);
    pango_layout_set_ellipsize(layout_.get(), cut ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
    pango_layout_set_height(layout_.get(), cut ? -field_.lines : -1);
}

bool TextBox::fits(Extent& ink, Extent& logical) {
    PangoRectangle ink_rectangle, logical_rectangle;
    pango_layout_get_extents(layout_.get(), &ink_rectangle, &logical_rectangle);
    ink = to_points(ink_rectangle);
    logical = to_points(logical_rectangle);
    // Centred vertically in the box; horizontally by the field's alignment, counting ink that
    // sticks out of the logical box (a glyph's negative side bearing, as Noto's "A" has). With a
    // set width Pango aligns inside it and we only nudge such ink back in.
    const double left = std::min(ink.x, logical.x);
    const double right = std::max(ink.x + ink.width, logical.x + logical.width);
    const bool has_width = pango_layout_get_width(layout_.get()) >= 0;
    double dx = box_.x;
    if (!has_width) {
        if (field_.align == Align::Center) dx += (box_.width - (right - left)) / 2 - left;
        if (field_.align == Align::End) dx += box_.width - right;
        if (field_.align == Align::Start) dx -= left;
    } else if (right - left <= box_.width) {
        if (dx + left < box_.x) dx = box_.x - left;
        if (dx + right > box_.x + box_.width) dx = box_.x + box_.width - right;
    }
    const double dy = box_.y + (box_.height - logical.height) / 2 - logical.y;
    origin_x_ = dx;
    origin_y_ = dy;
    ink.x += dx;
    ink.y += dy;
    logical.x += dx;
    logical.y += dy;
    const int lines = pango_layout_get_line_count(layout_.get());
    return lines <= field_.lines && within(logical, box_) && within(ink, box_);
}

SetText TextBox::set(const std::string& text, double x, double y) {
    box_ = {x + points(field_.box.x), y + points(field_.box.y), points(field_.box.width),
            points(field_.box.height)};
    pango_layout_set_text(layout_.get(), text.c_str(), static_cast<int>(text.size()));
    SetText result;
    result.box = box_;
    double size = field_.max_pt;
    place(size, false);
    bool fitted = fits(result.ink, result.logical);
    // The size a short text gets: max_pt, or less where one line's height fills the box. Only a
    // text set well below it (a long name, not a box that is low for max_pt) counts as shrunk.
    double full = field_.max_pt;
    if (field_.lines == 1 && result.logical.height > 0)
        full = std::min(full, field_.max_pt * box_.height / result.logical.height);
    if (!fitted && field_.lines == 1 && result.logical.width > 0) {
        // Text scales with its size (metrics are not hinted): one guess lands near the answer.
        const double guess =
            size * std::min(box_.width / result.logical.width, box_.height / result.logical.height);
        size = std::max(field_.min_pt, std::min(size, guess));
        place(size, false);
        fitted = fits(result.ink, result.logical);
    }
    while (!fitted && size > field_.min_pt) {
        size = std::max(field_.min_pt, size * kSmallestStep);
        place(size, false);
        fitted = fits(result.ink, result.logical);
    }
    if (!fitted) {
        place(field_.min_pt, true);
        fits(result.ink, result.logical);
        result.cut = true;
    }
    result.size_pt = size;
    result.shrunk = size < full * kShrunk;
    result.unknown_glyphs = pango_layout_get_unknown_glyphs_count(layout_.get());
    return result;
}

void TextBox::draw(cairo_t* cairo) const {
    cairo_save(cairo);
    // Never over the edge: whatever Pango measured, the box is the limit of the ink.
    cairo_rectangle(cairo, box_.x, box_.y, box_.width, box_.height);
    cairo_clip(cairo);
    cairo_move_to(cairo, origin_x_, origin_y_);
    pango_cairo_show_layout(cairo, layout_.get());
    cairo_restore(cairo);
}

}  // namespace uketsuke::paper
