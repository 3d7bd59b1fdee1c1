#pragma once
// A ticket page as a picture for a phone's screen (PNG, 1080 × 1920 by default): a layout in
// the name tags' format (assets/paper/tickets/phone.toml) drawn by the same code as the PDF
// pages (draw_one_tag), on cairo's image surface instead of a PDF one.

#include <string>
#include <vector>

#include "paper/name_tags.hpp"
#include "paper/tag_layout.hpp"

namespace uketsuke::paper {

// The shipped phone page, beside the A4 one (ticket_page_layout()).
[[nodiscard]] PaperResult<TagLayout> phone_ticket_layout();

struct TicketImage {
    std::string png;  // the file's bytes
    int width = 0;
    int height = 0;
    std::vector<FitNote> notes;
};

// One person's page `width_px` wide, as tall as the layout's page is for its width.
[[nodiscard]] PaperResult<TicketImage> render_ticket_image(const TagLayout& layout,
                                                           const TagPerson& person,
                                                           int width_px = 1080);

}  // namespace uketsuke::paper
