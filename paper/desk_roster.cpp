#include "paper/desk_roster.hpp"

#include <cairo-pdf.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>

#include "kiosk/core/model/utf8.hpp"
#include "paper/fonts.hpp"
#include "paper/handles.hpp"
#include "paper/name_tags.hpp"

namespace uketsuke::paper {
namespace {

// A4 portrait, millimetres.
constexpr double kPageWidth = 210, kPageHeight = 297;
constexpr double kMargin = 12;
constexpr double kHeaderHeight = 20;  // title, event, date, session
constexpr double kRowHeight = 7.5;
constexpr double kFooterTop = kPageHeight - 11;
constexpr double kTableTop = kMargin + kHeaderHeight;
constexpr double kCellPadding = 1.2;
constexpr double kBodyPt = 10.5;  // readable at the desk: the size the brief of the list asks
constexpr double kSmallestPt = 6.5;
constexpr int kRowsPerPage = static_cast<int>((kFooterTop - 2 - kTableTop) / kRowHeight) - 1;

struct Column {
    RosterColumn column;
    const char* heading;
    double width;
    bool text;
};
// 186 mm between the margins.
constexpr std::array<Column, 7> kColumns{{
    {RosterColumn::Number, "受付番号", 21, true},
    {RosterColumn::Name, "氏名", 38, true},
    {RosterColumn::Reading, "ふりがな", 33, true},
    {RosterColumn::Organization, "所属", 42, true},
    {RosterColumn::Group, "グループ・テーブル", 24, true},
    {RosterColumn::Header, "受付", 11, false},  // the check box
    {RosterColumn::Header, "署名", 17, false},
}};

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

bool starts_with_kana(const std::string& key) {
    if (key.empty()) return false;
    std::size_t at = 0;
    const char32_t c = utf8::next(key, at);
    return (c >= 0x3041 && c <= 0x30FF) || (c >= 0x4E00 && c <= 0x9FFF);
}

TextField field(double x, double width, double max_pt, bool bold = false,
                Align align = Align::Start) {
    TextField text;
    text.box = {x + kCellPadding, 0, width - 2 * kCellPadding, kRowHeight};
    text.max_pt = max_pt;
    text.min_pt = std::min(max_pt, kSmallestPt);
    text.bold = bold;
    text.align = align;
    return text;
}

// A row of the list as laid out: a heading or a person.
struct Line {
    const RosterEntry* entry = nullptr;  // null: the heading of `section`
    std::string section;
    bool continued = false;  // a heading repeated at the top of a page
};

class RosterDrawer {
public:
    RosterDrawer(cairo_t* cairo, PangoContext* context, const RosterOptions& options,
                 RosterPdf& out)
        : cairo_(cairo), out_(out), keep_(options.keep_placements) {
        double x = kMargin;
        for (const auto& column : kColumns) {
            if (column.text) {
                const bool name = column.column == RosterColumn::Name;
                cells_.emplace_back(context, options.font, field(x, column.width, kBodyPt, name));
            }
            headings_.emplace_back(context, options.font,
                                   field(x, column.width, 8.5, true, Align::Center));
            x += column.width;
        }
        section_.emplace(context, options.font,
                         field(kMargin, kPageWidth - 2 * kMargin, kBodyPt, true));
        title_.emplace(context, options.font,
                       TextField{{kMargin, kMargin, 40, 9}, 16, 10, 1, true, Align::Start});
        TextField event{{kMargin + 40, kMargin, kPageWidth - 2 * kMargin - 40, 9}, 13, 7};
        event.bold = true;
        event.align = Align::End;
        event_.emplace(context, options.font, event);
        TextField when{{kMargin, kMargin + 10, kPageWidth - 2 * kMargin, 6}, 10.5, 6.5};
        when.align = Align::End;
        when_.emplace(context, options.font, when);
        TextField note{{kMargin, kMargin + 10, 90, 6}, 9, 6.5};
        note.align = Align::Start;
        note_.emplace(context, options.font, note);
        TextField foot{{kMargin, kFooterTop, kPageWidth - 2 * kMargin, 6}, 9, 6.5};
        foot.align = Align::Center;
        page_number_.emplace(context, options.font, foot);
        foot.align = Align::End;
        foot.max_pt = 7.5;
        printed_.emplace(context, options.font, foot);
    }

    void page(const RosterHeader& header, int page, int pages) {
        page_ = page;
        shade(0);
        show(*title_, RosterColumn::Header, "受付名簿", 0, 0);
        show(*event_, RosterColumn::Header, header.event, 0, 0);
        std::string when = header.date;
        if (!header.session.empty()) when += (when.empty() ? "" : "　") + header.session;
        show(*when_, RosterColumn::Header, when, 0, 0);
        shade(0.3);
        show(*note_, RosterColumn::Header, header.note, 0, 0);
        show(*page_number_, RosterColumn::Header, fmt::format("{} / {}", page + 1, pages), 0, 0);
        show(*printed_, RosterColumn::Header, header.printed, 0, 0);
        // The column headings, on a light band.
        const double top = points(kTableTop);
        cairo_set_source_rgb(cairo_, 0.88, 0.88, 0.88);
        cairo_rectangle(cairo_, points(kMargin), top, points(kPageWidth - 2 * kMargin),
                        points(kRowHeight));
        cairo_fill(cairo_);
        shade(0);
        for (std::size_t i = 0; i < kColumns.size(); ++i)
            show(headings_[i], RosterColumn::Header, kColumns[i].heading, 0, top);
        verticals(top, true);
        rule(top, 0.8);
        rule(top + points(kRowHeight), 0.8);
    }

    // The row'th line of the page's table (0: the first under the headings).
    void line(const Line& line, int row) {
        const double top = points(kTableTop + (row + 1) * kRowHeight);
        if (!line.entry) {
            cairo_set_source_rgb(cairo_, 0.95, 0.95, 0.95);
            cairo_rectangle(cairo_, points(kMargin), top, points(kPageWidth - 2 * kMargin),
                            points(kRowHeight));
            cairo_fill(cairo_);
            shade(0);
            const std::string text =
                (line.section.empty() ? std::string("（なし）") : line.section) +
                (line.continued ? "（続き）" : "");
            show(*section_, RosterColumn::Section, text, 0, top);
            verticals(top, false);
            rule(top + points(kRowHeight), 0.6);
            return;
        }
        const RosterEntry& entry = *line.entry;
        const std::string* texts[] = {&entry.number, &entry.name, &entry.reading,
                                      &entry.organization, &entry.group_table};
        shade(0);
        for (std::size_t i = 0; i < cells_.size(); ++i) {
            const std::string shown = kColumns[i].column == RosterColumn::Name
                                          ? spaced_name(*texts[i])
                                          : utf8::safe_text(*texts[i], utf8::Controls::Remove);
            show(cells_[i], kColumns[i].column, shown, 0, top, entry.number);
        }
        // The check box, ticked for people already in.
        double x = kMargin;
        for (std::size_t i = 0; i + 2 < kColumns.size(); ++i) x += kColumns[i].width;
        const double side = 4.4;
        const double box_x = points(x + (kColumns[5].width - side) / 2);
        const double box_y = top + points((kRowHeight - side) / 2);
        cairo_set_line_width(cairo_, 0.7);
        cairo_rectangle(cairo_, box_x, box_y, points(side), points(side));
        cairo_stroke(cairo_);
        if (entry.arrived) {
            cairo_set_line_width(cairo_, 1.2);
            cairo_move_to(cairo_, box_x + points(0.8), box_y + points(side * 0.55));
            cairo_line_to(cairo_, box_x + points(side * 0.42), box_y + points(side - 0.8));
            cairo_line_to(cairo_, box_x + points(side - 0.6), box_y + points(0.7));
            cairo_stroke(cairo_);
        }
        verticals(top, true);
        rule(top + points(kRowHeight), 0.3);
    }

private:
    // The column rules of one line; a heading's line has only the outer two.
    void verticals(double top, bool all) {
        cairo_save(cairo_);
        cairo_set_source_rgb(cairo_, 0.55, 0.55, 0.55);
        cairo_set_line_width(cairo_, 0.3);
        double x = kMargin;
        for (std::size_t i = 0; i <= kColumns.size(); ++i) {
            if (all || i == 0 || i == kColumns.size()) {
                cairo_move_to(cairo_, points(x), top);
                cairo_line_to(cairo_, points(x), top + points(kRowHeight));
            }
            if (i < kColumns.size()) x += kColumns[i].width;
        }
        cairo_stroke(cairo_);
        cairo_restore(cairo_);
    }

    void shade(double gray) { cairo_set_source_rgb(cairo_, gray, gray, gray); }

    void rule(double y, double width) {
        cairo_save(cairo_);
        cairo_set_source_rgb(cairo_, 0.55, 0.55, 0.55);
        cairo_set_line_width(cairo_, width);
        cairo_move_to(cairo_, points(kMargin), y);
        cairo_line_to(cairo_, points(kPageWidth - kMargin), y);
        cairo_stroke(cairo_);
        cairo_restore(cairo_);
    }

    void show(TextBox& box, RosterColumn column, const std::string& text, double x, double y,
              const std::string& whose = {}) {
        if (utf8::trim(text).empty()) return;
        const SetText set = box.set(text, x, y);
        if (set.cut || set.unknown_glyphs > 0)
            out_.notes.push_back({whose, column, set.cut, set.unknown_glyphs});
        if (keep_) out_.placed.push_back({page_, column, text, set});
        box.draw(cairo_);
    }

    cairo_t* cairo_;
    RosterPdf& out_;
    bool keep_;
    int page_ = 0;
    std::vector<TextBox> cells_;
    std::vector<TextBox> headings_;
    std::optional<TextBox> section_, title_, event_, when_, note_, page_number_, printed_;
};

// Pages of lines: a heading never ends a page, and a section going on past a page break is
// headed again at the top of the next.
std::vector<std::vector<Line>> paginate(const std::vector<RosterEntry>& entries, bool sections) {
    std::vector<std::vector<Line>> pages(1);
    const std::string* open = nullptr;
    for (const auto& entry : entries) {
        const bool fresh = sections && (!open || *open != entry.section);
        const std::size_t needed = fresh ? 2 : 1;
        if (pages.back().size() + needed > static_cast<std::size_t>(kRowsPerPage)) {
            pages.emplace_back();
            if (sections && !fresh) pages.back().push_back({nullptr, entry.section, true});
        }
        if (fresh) {
            pages.back().push_back({nullptr, entry.section, false});
            open = &entry.section;
        }
        pages.back().push_back({&entry, entry.section, false});
    }
    return pages;
}

}  // namespace

const char* to_string(RosterColumn column) {
    switch (column) {
        case RosterColumn::Number:
            return "number";
        case RosterColumn::Name:
            return "name";
        case RosterColumn::Reading:
            return "reading";
        case RosterColumn::Organization:
            return "organization";
        case RosterColumn::Group:
            return "group";
        case RosterColumn::Section:
            return "heading";
        case RosterColumn::Header:
            return "page header";
    }
    return "?";
}

PaperResult<RosterPdf> render_desk_roster(const RosterHeader& header,
                                          std::vector<RosterEntry> entries,
                                          const RosterOptions& options) {
    if (auto font = check_font(options.font); !font) return font.error();
    const bool sections = std::any_of(entries.begin(), entries.end(),
                                      [](const RosterEntry& e) { return !e.section.empty(); });
    // 五十音順: kana (and kanji-only names without a reading) before Latin, as Japanese lists go.
    std::stable_sort(
        entries.begin(), entries.end(), [](const RosterEntry& a, const RosterEntry& b) {
            const bool a_kana = starts_with_kana(a.sort_key), b_kana = starts_with_kana(b.sort_key);
            return std::tie(a.section_key, a.section, b_kana, a.sort_key, a.name, a.number) <
                   std::tie(b.section_key, b.section, a_kana, b.sort_key, b.name, b.number);
        });
    RosterPdf out;
    out.rows = static_cast<int>(entries.size());
    Surface surface(cairo_pdf_surface_create_for_stream(append, &out.pdf, points(kPageWidth),
                                                        points(kPageHeight)));
    const std::string title = header.event.empty() ? "受付名簿" : header.event + " 受付名簿";
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Uketsuke");
    Cairo cairo(cairo_create(surface.get()));
    PangoContextHandle context = make_text_context(cairo.get());
    RosterDrawer drawer(cairo.get(), context.get(), options, out);
    auto pages = paginate(entries, sections);
    if (entries.empty()) pages[0].push_back({nullptr, "該当者はいません", false});
    out.pages = static_cast<int>(pages.size());
    for (std::size_t page = 0; page < pages.size(); ++page) {
        if (page > 0) cairo_show_page(cairo.get());
        drawer.page(header, static_cast<int>(page), out.pages);
        int row = 0;
        for (const auto& line : pages[page]) drawer.line(line, row++);
    }
    cairo_show_page(cairo.get());
    cairo.reset();
    cairo_surface_finish(surface.get());
    if (const auto status = cairo_surface_status(surface.get()); status != CAIRO_STATUS_SUCCESS) {
        return PaperError{
            fmt::format("cairo could not write the PDF: {}", cairo_status_to_string(status))};
    }
    return out;
}

}  // namespace uketsuke::paper
