#include "paper/name_tags.hpp"

#include <cairo-pdf.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "kiosk/core/model/utf8.hpp"
#include "paper/fonts.hpp"
#include "paper/handles.hpp"

namespace uketsuke::paper {
namespace {

constexpr double kRoleInset = 0.8;  // mm between a role label's dark background and its box

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

bool is_separator(char32_t c) { return c == U' ' || c == U'\t' || c == U'\u3000'; }

bool is_east_asian(char32_t c) {
    return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF00 && c <= 0xFFEF) || c >= 0x20000;
}

std::string role_label(const TagLayout& layout, Role role) {
    switch (role) {
        case Role::Facilitator:
            return layout.facilitator_label;
        case Role::Staff:
            return layout.staff_label;
        case Role::Guest:
            return layout.guest_label;
        case Role::Participant:
            return {};
    }
    return {};
}

bool ascii_only(const std::string& text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return (c & 0x80) == 0; });
}

std::string labelled(const std::string& label, const std::string& value) {
    return label.empty() || !ascii_only(value) ? value : label + " " + value;
}

std::string group_text(const TagLayout& layout, const TagPerson& person) {
    std::string text =
        person.group_name.empty() ? "" : labelled(layout.group_label, person.group_name);
    if (!person.table_label.empty() && person.table_label != person.group_name) {
        const std::string table = labelled(layout.table_label, person.table_label);
        text += text.empty() ? table : "　" + table;
    }
    return text;
}

struct Fields {
    std::optional<TextBox> reading, name, organization, role, group, event;
};

std::optional<TextBox> box_for(PangoContext* context, const TagLayout& layout,
                               const std::optional<TextField>& field) {
    if (!field) return std::nullopt;
    return std::make_optional<TextBox>(context, layout.font, *field);
}

void draw_qr(cairo_t* cairo, const QrMatrix& matrix, const Box& box, int quiet, double x,
             double y) {
    const double side = std::min(points(box.width), points(box.height));
    const double module = side / (matrix.size + 2 * quiet);
    const double left = x + points(box.x) + (points(box.width) - side) / 2 + quiet * module;
    const double top = y + points(box.y) + (points(box.height) - side) / 2 + quiet * module;
    cairo_save(cairo);
    cairo_set_source_rgb(cairo, 1, 1, 1);
    cairo_rectangle(cairo, left - quiet * module, top - quiet * module, side, side);
    cairo_fill(cairo);
    // One rectangle per horizontal run of dark modules, filled together: a vector code that
    // stays sharp at any printer's resolution, and a small PDF.
    cairo_set_source_rgb(cairo, 0, 0, 0);
    for (int row = 0; row < matrix.size; ++row) {
        for (int column = 0; column < matrix.size;) {
            if (!matrix.is_dark(column, row)) {
                ++column;
                continue;
            }
            int end = column;
            while (end < matrix.size && matrix.is_dark(end, row)) ++end;
            cairo_rectangle(cairo, left + column * module, top + row * module,
                            (end - column) * module, module);
            column = end;
        }
    }
    cairo_fill(cairo);
    cairo_restore(cairo);
}

class TagDrawer {
public:
    TagDrawer(cairo_t* cairo, PangoContext* context, const TagLayout& layout, TagsPdf& out,
              bool keep)
        : cairo_(cairo), layout_(layout), out_(out), keep_(keep) {
        fields_.reading = box_for(context, layout, layout.reading);
        fields_.name = box_for(context, layout, layout.name_text);
        fields_.organization = box_for(context, layout, layout.organization);
        fields_.group = box_for(context, layout, layout.group);
        fields_.event = box_for(context, layout, layout.event);
        if (layout.role) {
            TextField inset = *layout.role;
            inset.box = {inset.box.x + kRoleInset, inset.box.y + kRoleInset / 2,
                         std::max(1.0, inset.box.width - 2 * kRoleInset),
                         std::max(1.0, inset.box.height - kRoleInset)};
            fields_.role.emplace(context, layout.font, inset);
        }
    }

    void draw(const TagPerson& person, std::size_t index, int page, double x, double y) {
        if (layout_.outline) {
            cairo_set_source_rgb(cairo_, 0.7, 0.7, 0.7);
            cairo_set_line_width(cairo_, 0.3);
            cairo_rectangle(cairo_, x, y, points(layout_.tag_width), points(layout_.tag_height));
            cairo_stroke(cairo_);
        }
        const bool grouped = person.group_index >= 0 && !group_text(layout_, person).empty();
        if (grouped && layout_.band) {
            const Colour& colour =
                layout_.group_colours[static_cast<std::size_t>(person.group_index) %
                                      layout_.group_colours.size()];
            cairo_set_source_rgb(cairo_, colour.red, colour.green, colour.blue);
            cairo_rectangle(cairo_, x + points(layout_.band->x), y + points(layout_.band->y),
                            points(layout_.band->width), points(layout_.band->height));
            cairo_fill(cairo_);
        }
        if (grouped && fields_.group) {
            const double white = layout_.band ? 1.0 : 0.0;
            text(fields_.group, TagField::Group, group_text(layout_, person), index, page, x, y,
                 white);
        }
        text(fields_.reading, TagField::Reading, person.reading, index, page, x, y, 0.25);
        text(fields_.name, TagField::Name, spaced_name(person.name), index, page, x, y, 0);
        text(fields_.organization, TagField::Organization, person.organization, index, page, x, y,
             0.15);
        text(fields_.event, TagField::Event, person.event_line, index, page, x, y, 0.35);
        if (fields_.role && person.role != Role::Participant) role(person, index, page, x, y);
        if (layout_.qr && person.ticket && person.ticket->size > 0) {
            draw_qr(cairo_, *person.ticket, *layout_.qr, layout_.qr_quiet_modules, x, y);
        }
    }

private:
    // Lays out and draws one text in its box in gray `shade` (0 black, 1 white).
    std::optional<SetText> text(std::optional<TextBox>& box, TagField field, const std::string& raw,
                                std::size_t index, int page, double x, double y, double shade,
                                bool draw_now = true) {
        if (!box) return std::nullopt;
        const std::string shown = utf8::safe_text(raw, utf8::Controls::Remove);
        if (utf8::trim(shown).empty()) return std::nullopt;
        const SetText set = box->set(shown, x, y);
        if (set.shrunk || set.cut || set.unknown_glyphs > 0) {
            out_.notes.push_back({index, field, set.size_pt, set.cut, set.unknown_glyphs});
        }
        if (keep_) out_.placed.push_back({index, page, field, shown, set});
        if (draw_now) {
            cairo_set_source_rgb(cairo_, shade, shade, shade);
            box->draw(cairo_);
        }
        return set;
    }

    void role(const TagPerson& person, std::size_t index, int page, double x, double y) {
        const auto set = text(fields_.role, TagField::Role, role_label(layout_, person.role), index,
                              page, x, y, 1, false);
        if (!set) return;
        // A dark label hugging the text, inside the role's box.
        const Box& outer = layout_.role->box;
        const double pad_x = points(kRoleInset), pad_y = points(kRoleInset / 2);
        const double left = std::max(x + points(outer.x), set->logical.x - pad_x);
        const double right = std::min(x + points(outer.x + outer.width),
                                      set->logical.x + set->logical.width + pad_x);
        const double top = std::max(y + points(outer.y), set->logical.y - pad_y);
        const double bottom = std::min(y + points(outer.y + outer.height),
                                       set->logical.y + set->logical.height + pad_y);
        cairo_set_source_rgb(cairo_, 0.13, 0.13, 0.13);
        cairo_rectangle(cairo_, left, top, right - left, bottom - top);
        cairo_fill(cairo_);
        cairo_set_source_rgb(cairo_, 1, 1, 1);
        fields_.role->draw(cairo_);
    }

    cairo_t* cairo_;
    const TagLayout& layout_;
    TagsPdf& out_;
    bool keep_;
    Fields fields_;
};

}  // namespace

const char* to_string(TagField field) {
    switch (field) {
        case TagField::Reading:
            return "reading";
        case TagField::Name:
            return "name";
        case TagField::Organization:
            return "organization";
        case TagField::Role:
            return "role";
        case TagField::Group:
            return "group";
        case TagField::Event:
            return "event";
    }
    return "?";
}

std::string spaced_name(const std::string& raw) {
    std::string blanks_kept = raw;
    for (char& c : blanks_kept)
        if (c == '\t' || c == '\n' || c == '\r') c = ' ';  // safe_text drops controls
    const std::string name = utf8::safe_text(blanks_kept, utf8::Controls::Remove);
    std::vector<std::string> words;
    bool east_asian = false;
    std::string word;
    for (std::size_t at = 0; at < name.size();) {
        const std::size_t here = at;
        const char32_t c = utf8::next(name, at);
        if (is_separator(c)) {
            if (!word.empty()) words.push_back(std::move(word));
            word.clear();
            continue;
        }
        east_asian |= is_east_asian(c);
        word.append(name, here, at - here);
    }
    if (!word.empty()) words.push_back(std::move(word));
    std::string out;
    for (const auto& each : words) {
        if (!out.empty()) out += east_asian ? "　" : " ";
        out += each;
    }
    return out;
}

PaperResult<TagsPdf> render_tags(const TagLayout& layout, const std::vector<TagPerson>& people,
                                 const TagsOptions& options) {
    if (auto font = check_font(layout.font); !font) return font.error();
    if (people.empty()) return PaperError{"no name tags to draw: nobody matched"};
    TagsPdf out;
    Surface surface(cairo_pdf_surface_create_for_stream(append, &out.pdf, points(layout.page_width),
                                                        points(layout.page_height)));
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, options.title.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Uketsuke");
    Cairo cairo(cairo_create(surface.get()));
    PangoContextHandle context = make_text_context(cairo.get());

    TagDrawer drawer(cairo.get(), context.get(), layout, out, options.keep_placements);
    const int per_page = std::max(1, layout.tags_per_page());
    for (std::size_t index = 0; index < people.size(); ++index) {
        const int slot = static_cast<int>(index % static_cast<std::size_t>(per_page));
        const int page = static_cast<int>(index / static_cast<std::size_t>(per_page));
        if (slot == 0 && index > 0) cairo_show_page(cairo.get());
        const double x = points(layout.left + (slot % layout.columns) * layout.pitch_x);
        const double y = points(layout.top + (slot / layout.columns) * layout.pitch_y);
        drawer.draw(people[index], index, page, x, y);
    }
    cairo_show_page(cairo.get());
    out.pages = static_cast<int>((people.size() + per_page - 1) / per_page);
    cairo.reset();
    cairo_surface_finish(surface.get());
    if (const auto status = cairo_surface_status(surface.get()); status != CAIRO_STATUS_SUCCESS) {
        return PaperError{
            fmt::format("cairo could not write the PDF: {}", cairo_status_to_string(status))};
    }
    return out;
}

PaperResult<std::vector<FitNote>> draw_one_tag(cairo_t* cairo, const TagLayout& layout,
                                               const TagPerson& person) {
    if (auto font = check_font(layout.font); !font) return font.error();
    TagsPdf notes;
    PangoContextHandle context = make_text_context(cairo);
    TagDrawer drawer(cairo, context.get(), layout, notes, false);
    drawer.draw(person, 0, 0, 0, 0);
    return std::move(notes.notes);
}

}  // namespace uketsuke::paper
