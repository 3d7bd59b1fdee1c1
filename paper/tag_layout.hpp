#pragma once
// A name tag layout is data: a TOML file (assets/paper/tags/*.toml ships the defaults) that
// gives the paper, the tag, how tags sit on a sheet, and a box in millimetres for each thing a
// tag shows. The renderer only fills boxes, so a new card stock is a new file, not new code.

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "paper/paper_error.hpp"

namespace uketsuke::paper {

// x, y from the tag's top-left corner, then width and height; millimetres.
struct Box {
    double x = 0;
    double y = 0;
    double width = 0;
    double height = 0;
};

enum class Align { Start, Center, End };

// One text on the tag: drawn as large as fits, from max_pt down to min_pt, then cut with "…".
struct TextField {
    Box box;
    double max_pt = 12;
    double min_pt = 6;
    int lines = 1;  // the text may wrap onto this many lines
    bool bold = false;
    Align align = Align::Center;
};

struct Colour {
    double red = 0, green = 0, blue = 0;  // 0..1
};

struct TagLayout {
    std::string name;         // the file's stem: "card-91x55"
    std::string description;  // for `uketsuke tags --list-layouts`
    double page_width = 0;    // mm; a page of one tag (labels, A6) when there is no [sheet]
    double page_height = 0;
    double tag_width = 0;
    double tag_height = 0;
    // Several tags to a page, left to right then top to bottom.
    int columns = 1;
    int rows = 1;
    double left = 0;  // mm from the page's edge to the first tag
    double top = 0;
    double pitch_x = 0;  // from one tag's left edge to the next one's (the tag width if not given)
    double pitch_y = 0;
    bool outline = false;  // a thin grey cut line around each tag (plain paper cut by hand)
    std::string media;     // CUPS `media` option when printing ("A4", "Custom.62x100mm"), may be ""

    std::string font = "Noto Sans CJK JP";
    double padding = 0;  // mm inside the tag edge that nothing is drawn past (the band excepted)

    std::optional<TextField> reading;
    std::optional<TextField> name_text;  // [name]
    std::optional<TextField> organization;
    std::optional<TextField> role;  // drawn white on a dark label where the role is not participant
    std::optional<Box> band;        // the group's colour
    std::optional<TextField> group;  // group and table, white on the band
    std::optional<TextField> event;  // event name and date
    std::optional<Box> qr;           // the person's ticket, a square centred in the box
    int qr_quiet_modules = 2;

    std::vector<Colour> group_colours;  // the band's colour, by the group's place in the event
    std::string facilitator_label = "ファシリテーター";
    std::string staff_label = "スタッフ";
    std::string guest_label = "来賓";
    // Put before a group name or table label written in Latin letters and digits alone, so
    // "A" and "1" read "グループ A　テーブル 1"; "第1班" or "A卓" stay as they are.
    std::string group_label = "グループ";
    std::string table_label = "テーブル";

    int tags_per_page() const { return columns * rows; }
};

// Reads and checks a layout file. The error names the file, line and column of the first bad
// value ("tags.toml:7:12: [tag] width_mm should be a number from 10 to 1000 (mm)"), an unknown
// table or key, a box that leaves the tag, or tags that leave the page.
[[nodiscard]] PaperResult<TagLayout> load_tag_layout(const std::filesystem::path& file);
[[nodiscard]] PaperResult<TagLayout> parse_tag_layout(const std::string& text,
                                                      const std::string& source_name);

// Where the shipped layouts are: $UKETSUKE_PAPER_DIR, else share/uketsuke/paper/tags beside the
// installed binary, else the source tree's assets/paper/tags.
[[nodiscard]] std::filesystem::path shipped_layouts_directory();
// A layout by file path (anything with a '/' or ending in .toml) or by shipped name.
[[nodiscard]] PaperResult<TagLayout> find_tag_layout(const std::string& name_or_path);
// The ticket page (shipped as assets/paper/tickets/a4.toml): one A4 page per person, in the
// name tags' format.
[[nodiscard]] PaperResult<TagLayout> ticket_page_layout();
// The shipped layouts' names, sorted.
[[nodiscard]] std::vector<std::string> shipped_layout_names();

}  // namespace uketsuke::paper
