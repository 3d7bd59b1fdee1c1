#pragma once
// Name tags to PDF: one tag per person, laid out by a TagLayout, several to a sheet or one to a
// label. Plain values in, PDF bytes out: the caller writes the file (0600, it holds names) or
// hands the bytes to a printer (printer.hpp).

#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/model/model.hpp"
#include "kiosk/core/model/qr_matrix.hpp"
#include "paper/tag_layout.hpp"
#include "paper/text_box.hpp"

namespace uketsuke::paper {

// What one tag shows. Text may be arbitrary bytes from a roster: it is made safe here.
struct TagPerson {
    std::string id;
    std::string name;
    std::string reading;
    std::string organization;
    Role role = Role::Participant;
    std::string group_name;
    std::string table_label;
    int group_index = -1;    // the group's place in the event (its band colour); -1: no group
    std::string event_line;  // the event's name and date
    std::optional<QrMatrix> ticket;
};

enum class TagField { Reading, Name, Organization, Role, Group, Event };
[[nodiscard]] const char* to_string(TagField field);

// A text that did not fit at its largest size: shrunk, or cut with "…" at the smallest.
struct FitNote {
    std::size_t person = 0;  // index into the people given
    TagField field = TagField::Name;
    double size_pt = 0;
    bool cut = false;
    int unknown_glyphs = 0;  // characters no installed font can draw (shown as boxes)
};

// Every text drawn, where, and how large: for the tests that measure it against its box.
struct PlacedText {
    std::size_t person = 0;
    int page = 0;  // 0-based
    TagField field = TagField::Name;
    std::string text;
    SetText set;
};

struct TagsPdf {
    std::string pdf;  // the document's bytes
    int pages = 0;
    std::vector<FitNote> notes;  // shrunk or cut texts, and texts with undrawable characters
    std::vector<PlacedText> placed;
};

struct TagsOptions {
    std::string title = "名札";    // the PDF's title
    bool keep_placements = false;  // fill TagsPdf::placed (tests)
};

// The font must be installed (fonts.hpp): its absence is the error, before any drawing.
[[nodiscard]] PaperResult<TagsPdf> render_tags(const TagLayout& layout,
                                               const std::vector<TagPerson>& people,
                                               const TagsOptions& options = {});

// One tag with its top-left corner at the origin of `cairo` (units: points), on any surface:
// what render_tags draws on each page, for the PNG ticket page (ticket_page_image.hpp), so a
// picture and a PDF of one layout are drawn by the same code. The notes as render_tags gives.
[[nodiscard]] PaperResult<std::vector<FitNote>> draw_one_tag(cairo_t* cairo,
                                                             const TagLayout& layout,
                                                             const TagPerson& person);

// The name as a tag shows it: family and given name apart by one wide space (an ideographic
// space between Japanese names, one space between Latin ones), runs of blanks folded.
[[nodiscard]] std::string spaced_name(const std::string& name);

}  // namespace uketsuke::paper
