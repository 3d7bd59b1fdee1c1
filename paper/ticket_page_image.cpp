#include "paper/ticket_page_image.hpp"

#include <fmt/format.h>

#include <cmath>

#include "paper/handles.hpp"
#include "paper/png.hpp"

namespace uketsuke::paper {
namespace {

constexpr int kMaxPixels = 8000;  // a side; past it the picture is no longer for a screen

}  // namespace

PaperResult<TagLayout> phone_ticket_layout() {
    return load_tag_layout(shipped_layouts_directory().parent_path() / "tickets" / "phone.toml");
}

PaperResult<TicketImage> render_ticket_image(const TagLayout& layout, const TagPerson& person,
                                             int width_px) {
    if (width_px < 100 || width_px > kMaxPixels)
        return PaperError{
            fmt::format("a ticket picture {} pixels wide: give 100 to {}", width_px, kMaxPixels)};
    TicketImage image;
    image.width = width_px;
    image.height = static_cast<int>(std::lround(width_px * layout.tag_height / layout.tag_width));
    if (image.height > kMaxPixels)
        return PaperError{
            fmt::format("a ticket picture of {} × {} pixels is too tall", width_px, image.height)};
    // RGB24: no transparency, which some phones' galleries show as black.
    Surface surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, image.width, image.height));
    Cairo cairo(cairo_create(surface.get()));
    cairo_set_source_rgb(cairo.get(), 1, 1, 1);
    cairo_paint(cairo.get());
    const double scale = image.width / points(layout.tag_width);
    cairo_scale(cairo.get(), scale, scale);
    auto notes = draw_one_tag(cairo.get(), layout, person);
    if (!notes) return notes.error();
    image.notes = std::move(notes).value();
    cairo.reset();
    auto png = encode_png(surface.get());
    if (!png) return png.error();
    image.png = std::move(png).value();
    return image;
}

}  // namespace uketsuke::paper
