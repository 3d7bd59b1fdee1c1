#include "kiosk/ui/views/view.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "kiosk/ui/views/widgets.hpp"

namespace uketsuke::ui {
namespace {

// The camera with a guide frame; the frame turns the accent colour and thickens while a
// code is being read, so people see that holding still works.
void draw_preview(ImDrawList* draw, const ViewInputs& inputs, ImVec2 at, ImVec2 box, float side) {
    ImVec2 corner;
    ImVec2 size;
    if (inputs.preview.texture != nullptr && inputs.preview.width > 0) {
        draw_picture(draw, inputs.preview, at, box, &corner, &size);
    } else {
        size = ImVec2(std::min(box.x, box.y * 16 / 9), std::min(box.y, box.x * 9 / 16));
        corner = ImVec2(at.x + (box.x - size.x) / 2, at.y + (box.y - size.y) / 2);
        draw->AddRectFilled(corner, ImVec2(corner.x + size.x, corner.y + size.y),
                            IM_COL32(40, 40, 40, 255));
    }
    const float guide = std::min(size.x, size.y) * 0.62f;
    const ImVec2 center(corner.x + size.x / 2, corner.y + size.y / 2);
    const ImU32 colour = inputs.code_in_view ? inputs.accent : IM_COL32(255, 255, 255, 230);
    const float thickness = side * (inputs.code_in_view ? 0.012f : 0.006f);
    const float arm = guide * 0.22f;
    const ImVec2 tl(center.x - guide / 2, center.y - guide / 2);
    const ImVec2 br(center.x + guide / 2, center.y + guide / 2);
    // Four corner brackets, like a phone's QR scanner.
    draw->AddLine(tl, ImVec2(tl.x + arm, tl.y), colour, thickness);
    draw->AddLine(tl, ImVec2(tl.x, tl.y + arm), colour, thickness);
    draw->AddLine(ImVec2(br.x, tl.y), ImVec2(br.x - arm, tl.y), colour, thickness);
    draw->AddLine(ImVec2(br.x, tl.y), ImVec2(br.x, tl.y + arm), colour, thickness);
    draw->AddLine(ImVec2(tl.x, br.y), ImVec2(tl.x + arm, br.y), colour, thickness);
    draw->AddLine(ImVec2(tl.x, br.y), ImVec2(tl.x, br.y - arm), colour, thickness);
    draw->AddLine(br, ImVec2(br.x - arm, br.y), colour, thickness);
    draw->AddLine(br, ImVec2(br.x, br.y - arm), colour, thickness);
}

void draw_map(ImDrawList* draw, const ViewInputs& inputs, const ScreenView& view, ImVec2 at,
              ImVec2 box, float side) {
    if (inputs.floor_map.texture == nullptr || !view.table_on_map) return;
    ImVec2 corner;
    ImVec2 size;
    draw->AddRectFilled(at, ImVec2(at.x + box.x, at.y + box.y), IM_COL32(255, 255, 255, 255),
                        side * 0.01f);
    draw_picture(draw, inputs.floor_map, at, box, &corner, &size);
    const ImVec2 spot(corner.x + static_cast<float>(view.table_on_map->x) * size.x,
                      corner.y + static_cast<float>(view.table_on_map->y) * size.y);
    const float radius = side * 0.045f;
    draw->AddCircleFilled(spot, radius * 1.5f, (inputs.accent & 0x00FFFFFF) | 0x55000000, 48);
    draw->AddCircleFilled(spot, radius, inputs.accent, 48);
    if (inputs.fonts.body != nullptr && !view.table_label.empty()) {
        ImFont* font = inputs.fonts.body;
        const ImVec2 extent =
            font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, view.table_label.c_str());
        draw->AddText(font, font->FontSize, ImVec2(spot.x - extent.x / 2, spot.y - extent.y / 2),
                      IM_COL32(255, 255, 255, 255), view.table_label.c_str());
    }
}

// The height of `lines` wrapped at `width` as centered_text draws them (near enough: by width).
float wrapped_height(ImFont* font, const std::vector<std::string>& lines, float width) {
    if (font == nullptr || width <= 0) return 0;
    float rows = 0;
    for (const auto& line : lines) {
        const float extent = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, line.c_str()).x;
        rows += std::max(1.0f, std::ceil(extent / width));
    }
    return rows * font->FontSize * 1.15f;
}

// A column that has more to say than fits is drawn smaller, never below this.
constexpr float kSmallestScale = 0.45f;

// One frame's text drawing: the draw list (null: measure only), where texts are noted, and the
// scale of the column being drawn.
struct Painter {
    ImDrawList* draw = nullptr;
    DrawnTexts* noted = nullptr;
    float scale = 1;

    float size(ImFont* font) const { return font->FontSize * scale; }
    float text(ImFont* font, const std::string& text, float center_x, float y, float width,
               ImU32 colour, const Box& bounds) const {
        if (font == nullptr) return y;
        return centered_text(draw, font, size(font), text, center_x, y, width, colour, noted,
                             bounds);
    }
    void lines(ImFont* font, const std::vector<std::string>& lines, float center_x, float& y,
               float width, ImU32 colour, const Box& bounds) const {
        for (const auto& line : lines) y = text(font, line, center_x, y, width, colour, bounds);
    }
    // One line at `at`, as it is (the caller made sure it fits).
    void at(ImFont* font, float pixels, ImVec2 at, ImU32 colour, const std::string& text,
            const Box& bounds) const {
        if (draw == nullptr || font == nullptr || text.empty()) return;
        draw->AddText(font, pixels, at, colour, text.c_str());
        if (noted == nullptr) return;
        const ImVec2 extent = font->CalcTextSizeA(pixels, FLT_MAX, 0, text.c_str());
        noted->push_back(DrawnText{text, Box{at, ImVec2(at.x + extent.x, at.y + pixels)}, bounds});
    }
};

// A button's label as touch_button draws it, for the layout checks.
void note_label(DrawnTexts* noted, ImFont* font, const std::string& label, ImVec2 at, ImVec2 size) {
    if (noted == nullptr || font == nullptr || label.empty()) return;
    const ImVec2 extent = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, label.c_str());
    const ImVec2 corner(at.x + std::max(4.0f, (size.x - extent.x) / 2),
                        at.y + (size.y - extent.y) / 2);
    noted->push_back(DrawnText{label, Box{corner, ImVec2(corner.x + extent.x, corner.y + extent.y)},
                               Box{at, ImVec2(at.x + size.x, at.y + size.y)}});
}

// Someone flagged for the door (attention.hpp): 「係員にお声がけください」 and its other language
// on a band of the notice colour under the name, where they look first. The reason never
// reaches this screen. Returns the y below the band.
float see_staff_band(const Painter& p, const std::vector<std::string>& lines, ImFont* first_font,
                     ImFont* rest_font, float cx, float cw, float y, float pad) {
    if (lines.empty() || first_font == nullptr || rest_font == nullptr) return y;
    const std::vector<std::string> first{lines.front()};
    const std::vector<std::string> rest(lines.begin() + 1, lines.end());
    const float inner = cw - pad * 2;
    const Box open{ImVec2(cx - cw / 2, y), ImVec2(cx + cw / 2, y)};
    Painter measure = p;
    measure.draw = nullptr;
    measure.noted = nullptr;
    float bottom = y + pad / 2;
    measure.lines(first_font, first, cx, bottom, inner, 0, open);
    measure.lines(rest_font, rest, cx, bottom, inner, 0, open);
    bottom += pad / 2;
    const Box band{ImVec2(cx - cw / 2, y), ImVec2(cx + cw / 2, bottom)};
    if (p.draw != nullptr) p.draw->AddRectFilled(band.min, band.max, kNotice, pad / 2);
    float line_y = y + pad / 2;
    p.lines(first_font, first, cx, line_y, inner, kPaper, band);
    p.lines(rest_font, rest, cx, line_y, inner, kPaper, band);
    return bottom;
}

// Name, greeting, fields and guidance of the welcome screens, from y; returns the y below.
float welcome_column(const Painter& p, const ScreenView& view, const ViewInputs& inputs, float cx,
                     float cw, float y, float margin, const Box& bounds) {
    const ViewFonts& fonts = inputs.fonts;
    y = p.text(fonts.body, view.reading, cx, y, cw, kMuted, bounds);
    y = p.text(fonts.large, view.title, cx, y, cw,
               view.screen == Screen::AlreadyCheckedIn ? kAlready : kInk, bounds);
    y = p.text(fonts.body, view.subtitle, cx, y, cw, kMuted, bounds);
    y += margin / 2 * p.scale;
    if (!view.see_staff.empty()) {
        y = see_staff_band(p, view.see_staff, fonts.body, fonts.small, cx, cw, y,
                           margin / 2 * p.scale);
        y += margin / 3 * p.scale;
    }
    // The table is what people walk to: the largest thing on the screen.
    for (const auto& field : view.fields) {
        const bool big = !view.table_label.empty() && field.value == view.table_label;
        ImFont* value_font = big ? fonts.huge : fonts.large;
        if (fonts.body == nullptr || value_font == nullptr) continue;
        const ImU32 value_colour = big ? inputs.accent : kInk;
        const float label_px = p.size(fonts.body);
        const float value_px = p.size(value_font);
        const ImVec2 label_size =
            fonts.body->CalcTextSizeA(label_px, FLT_MAX, 0, field.label.c_str());
        const ImVec2 value_size =
            value_font->CalcTextSizeA(value_px, FLT_MAX, 0, field.value.c_str());
        const float gap = margin * p.scale;
        const float row_w = label_size.x + gap + value_size.x;
        if (row_w <= cw) {
            const float x0 = cx - row_w / 2;
            p.at(fonts.body, label_px, ImVec2(x0, y + (value_px - label_px) * 0.6f), kMuted,
                 field.label, bounds);
            p.at(value_font, value_px, ImVec2(x0 + label_size.x + gap, y), value_colour,
                 field.value, bounds);
            y += value_px * 1.05f;
        } else {
            // A long value (a session's full name): its label on a line of its own, the value
            // wrapped under it.
            y = p.text(fonts.body, field.label, cx, y, cw, kMuted, bounds);
            y = p.text(value_font, field.value, cx, y, cw, value_colour, bounds);
        }
    }
    y += margin / 3 * p.scale;
    p.lines(fonts.body, view.lines, cx, y, cw, kInk, bounds);
    p.lines(fonts.small, view.other_language_lines, cx, y, cw, kMuted, bounds);
    return y;
}

float problem_column(const Painter& p, const ScreenView& view, const ViewInputs& inputs, float cx,
                     float cw, float y, float margin, const Box& bounds) {
    const ViewFonts& fonts = inputs.fonts;
    y += margin * p.scale;
    y = p.text(fonts.large, view.title, cx, y, cw, kProblem, bounds);
    y = p.text(fonts.body, view.subtitle, cx, y, cw, kInk, bounds);
    y += margin / 2 * p.scale;
    p.lines(fonts.body, view.lines, cx, y, cw, kInk, bounds);
    y += margin * p.scale;
    p.lines(fonts.body, view.other_language_lines, cx, y, cw, kMuted, bounds);
    return y;
}

// The people just before, on a panel: who, and where they go.
float recent_strip(const Painter& p, const ScreenView& view, const ViewInputs& inputs, float x,
                   float width, float y, float margin, ImU32 accent) {
    if (view.recent.empty() || inputs.fonts.body == nullptr || inputs.fonts.small == nullptr)
        return y;
    const float pad = margin / 3;
    const float top = y;
    const Box panel{ImVec2(x, top), ImVec2(x + width, top)};  // its height is not known yet
    Painter measure = p;
    measure.draw = nullptr;
    float bottom = top + pad;
    bottom =
        measure.text(inputs.fonts.small, view.recent_heading, 0, bottom, width - pad * 2, 0, panel);
    for (const RecentView& recent : view.recent)
        bottom = measure.text(inputs.fonts.body, recent.name + "  " + recent.where, 0, bottom,
                              width - pad * 2, 0, panel);
    bottom += pad;
    const Box bounds{ImVec2(x, top), ImVec2(x + width, bottom)};
    if (p.draw != nullptr) {
        p.draw->AddRectFilled(bounds.min, bounds.max, IM_COL32(255, 255, 255, 235), pad);
        p.draw->AddRect(bounds.min, bounds.max, (accent & 0x00FFFFFF) | 0x80000000, pad, 0, 2.0f);
    }
    const float cx = x + width / 2;
    y = top + pad;
    y = p.text(inputs.fonts.small, view.recent_heading, cx, y, width - pad * 2, kMuted, bounds);
    for (const RecentView& recent : view.recent)
        y = p.text(inputs.fonts.body, recent.name + "  " + recent.where, cx, y, width - pad * 2,
                   kInk, bounds);
    return bottom;
}

}  // namespace

std::optional<std::uint32_t> parse_colour(std::string_view text) {
    if (text.size() != 7 || text[0] != '#') return std::nullopt;
    unsigned r = 0, g = 0, b = 0;
    const std::string digits(text.substr(1));
    if (digits.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos)
        return std::nullopt;
    if (std::sscanf(digits.c_str(), "%02x%02x%02x", &r, &g, &b) != 3) return std::nullopt;
    return IM_COL32(r, g, b, 255);
}

std::optional<Intent> draw_screen(const ScreenView& view, const ViewInputs& inputs) {
    std::optional<Intent> intent;
    const ImGuiIO& io = ImGui::GetIO();
    if (inputs.texts != nullptr) inputs.texts->clear();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    // Each kind of answer has its own colour, so it reads before any word does.
    const ImU32 background = view.screen == Screen::Problem   ? kProblemBack
                             : view.screen == Screen::Attract ? IM_COL32(255, 255, 255, 255)
                             : view.screen == Screen::AlreadyCheckedIn ? kAlreadyBack
                                                                       : kWelcomeBack;
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::ColorConvertU32ToFloat4(background));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0);
    ImGui::Begin("screen", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                     ImGuiWindowFlags_NoScrollWithMouse);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ViewFonts& fonts = inputs.fonts;
    const float w = io.DisplaySize.x;
    const float h = io.DisplaySize.y;
    const float side = std::min(w, h);
    const float margin = side * 0.04f;
    const bool landscape = w >= h;
    const Painter paint{draw, inputs.texts, 1};

    // Top bar: event, clock, language. The language button is a full touch target.
    // At least tall enough for a 60 px language button on a small screen (1024×600).
    const float bar = std::max(side * 0.11f, 80.0f);
    draw->AddRectFilled(ImVec2(0, 0), ImVec2(w, bar), inputs.accent);
    float title_x = margin;
    if (inputs.logo.texture != nullptr && inputs.logo.height > 0) {
        const float lh = bar * 0.75f;
        const float lw = lh * inputs.logo.width / inputs.logo.height;
        draw->AddImage(inputs.logo.texture, ImVec2(margin, (bar - lh) / 2),
                       ImVec2(margin + lw, (bar + lh) / 2));
        title_x += lw + margin / 2;
    }
    if (fonts.body != nullptr) {
        const float y = (bar - fonts.body->FontSize) / 2;
        const ImVec2 clock =
            fonts.body->CalcTextSizeA(fonts.body->FontSize, FLT_MAX, 0, view.clock.c_str());
        const float button_w = side * 0.26f;
        const float clock_x = w - button_w - clock.x - margin * 2;
        // A long event name is cut with "...", never through a glyph.
        const float name_room = clock_x - margin - title_x;
        fitted_text(draw, fonts.body, ImVec2(title_x, y), IM_COL32(255, 255, 255, 255),
                    view.event_name, name_room);
        if (inputs.texts != nullptr && !view.event_name.empty()) {
            const float shown = std::min(text_width(fonts.body, view.event_name), name_room);
            inputs.texts->push_back(DrawnText{
                view.event_name,
                Box{ImVec2(title_x, y), ImVec2(title_x + shown, y + fonts.body->FontSize)},
                Box{ImVec2(title_x, 0), ImVec2(title_x + name_room, bar)}});
        }
        paint.at(fonts.body, fonts.body->FontSize, ImVec2(clock_x, y), IM_COL32(255, 255, 255, 255),
                 view.clock, Box{ImVec2(0, 0), ImVec2(w, bar)});
        const ImVec2 at(w - button_w - margin / 2, bar * 0.12f);
        const ImVec2 size(button_w, bar * 0.76f);
        note_label(inputs.texts, fonts.body, view.language_button.label, at, size);
        if (touch_button("language", view.language_button.label, at, size, fonts.body,
                         IM_COL32(255, 255, 255, 255), kInk, inputs.drawn)) {
            intent = SwitchLanguage{view.language_button.to};
        }
    }

    const float top = bar + margin;
    const float center_x = w / 2;
    const float text_width = w - margin * 2;
    float y = top;
    const Box body{ImVec2(0, bar), ImVec2(w, h)};
    // Camera problems are a notice for staff, never hidden.
    paint.lines(fonts.body, view.notices, center_x, y, text_width, kNotice, body);

    // The bottom of the screen, from the bottom up: the buttons' row, the strip of recent
    // arrivals, staff notes. The text above is drawn smaller if it would run into them.
    const bool has_map = inputs.floor_map.texture != nullptr && view.table_on_map.has_value() &&
                         view.screen != Screen::Problem && view.screen != Screen::Attract;
    const bool under_map = landscape && has_map;  // the buttons go under the map
    const float column = under_map ? w * 0.55f : w;
    const float cx = column / 2;
    const float cw = column - margin * 2;
    const float buttons_h = view.show_close ? side * (view.show_leave ? 0.14f : 0.12f) : 0;
    float column_bottom = h - margin / 2;
    if (view.show_close && !under_map) column_bottom = h - margin - buttons_h - margin / 2;
    Painter measure = paint;
    measure.draw = nullptr;
    const float strip_h = view.recent.empty() ? 0
                                              : recent_strip(measure, view, inputs, margin, cw, 0,
                                                             margin, inputs.accent) +
                                                    margin / 2;
    column_bottom -= strip_h;
    const float strip_y = column_bottom + margin / 4;
    const float notes_h =
        view.screen == Screen::Attract ? 0 : wrapped_height(fonts.small, view.staff_notes, cw);
    column_bottom -= notes_h;

    switch (view.screen) {
        case Screen::Attract: {
            y = paint.text(fonts.body, view.session_name, center_x, y, text_width, kInk, body);
            y = paint.text(fonts.large, view.title, center_x, y, text_width, kInk, body);
            paint.lines(fonts.body, view.other_language_lines, center_x, y, text_width, kMuted,
                        body);
            paint.lines(fonts.body, view.lines, center_x, y, text_width, kMuted, body);
            const float count = fonts.body != nullptr ? fonts.body->FontSize * 1.8f : 40;
            // Under the preview: what to do without a QR code, then the count; staff notes go
            // between the preview and those.
            const float help = wrapped_height(fonts.body, view.help, text_width);
            const float footer = count + help;
            const float notes = wrapped_height(fonts.small, view.staff_notes, text_width);
            const ImVec2 box(w - margin * 2, h - y - footer - notes - margin * 2);
            if (box.y > side * 0.2f)
                draw_preview(draw, inputs, ImVec2(margin, y + margin / 2), box, side);
            float help_y = h - footer;
            paint.lines(fonts.body, view.help, center_x, help_y, text_width, kInk, body);
            paint.text(fonts.body, view.arrived, center_x, h - count, text_width, kMuted, body);
            float note_y = h - footer - notes;
            paint.lines(fonts.small, view.staff_notes, center_x, note_y, text_width, kNotice, body);
            break;
        }
        case Screen::Welcome:
        case Screen::AlreadyCheckedIn:
        case Screen::DetailsPending:
        case Screen::Goodbye:
        case Screen::Problem: {
            const bool problem = view.screen == Screen::Problem;
            const auto content = [&](const Painter& p, const Box& bounds) {
                return problem ? problem_column(p, view, inputs, cx, cw, y, margin, bounds)
                               : welcome_column(p, view, inputs, cx, cw, y, margin, bounds);
            };
            const Box bounds{ImVec2(margin, y), ImVec2(margin + cw, column_bottom)};
            // Smaller until it fits: wrapping changes with the size, so measure again.
            Painter fitted = paint;
            for (int round = 0; round < 4; ++round) {
                measure.scale = fitted.scale;
                const float need = content(measure, bounds) - y;
                const float room = column_bottom - y;
                if (need <= room || fitted.scale <= kSmallestScale) break;
                fitted.scale = std::max(kSmallestScale, fitted.scale * room / need * 0.98f);
            }
            const float below = content(fitted, bounds);
            if (has_map) {
                const ImVec2 at = landscape ? ImVec2(column, top) : ImVec2(margin, below + margin);
                const ImVec2 box =
                    landscape ? ImVec2(w - column - margin, h - top - margin * 3 - buttons_h)
                              : ImVec2(w - margin * 2, column_bottom - below - margin * 2);
                if (box.y > side * 0.15f) draw_map(draw, inputs, view, at, box, side);
            }
            float note_y = column_bottom;
            paint.lines(fonts.small, view.staff_notes, cx, note_y, cw, kNotice,
                        Box{ImVec2(margin, column_bottom), ImVec2(margin + cw, strip_y)});
            recent_strip(paint, view, inputs, margin, cw, strip_y, margin, inputs.accent);
            break;
        }
    }

    if (view.show_close && fonts.body != nullptr) {
        const ImVec2 size(side * 0.36f, side * 0.12f);
        // With the leave button the two share the bottom row, the leave button first and wider.
        ImVec2 leave_size(side * 0.5f, side * 0.14f);
        // Landscape with a map: the text column runs to the bottom, so the row goes under the
        // map instead of across the text.
        const float row_left = under_map ? w * 0.55f : 0;
        const float row_width = under_map ? w - row_left - margin : w;
        ImVec2 close_size = size;
        if (view.show_leave && (under_map || leave_size.x + margin + close_size.x > row_width)) {
            leave_size.x = (row_width - margin * (under_map ? 1 : 3)) * 0.58f;
            close_size.x = row_width - margin * (under_map ? 1 : 3) - leave_size.x;
        }
        const float row = view.show_leave ? leave_size.x + margin + close_size.x : close_size.x;
        const float x0 = row_left + (row_width - row) / 2;
        const ImVec2 leave_at(x0, h - leave_size.y - margin);
        note_label(inputs.texts, fonts.body, view.show_leave ? view.leave_label : "", leave_at,
                   leave_size);
        if (view.show_leave &&
            touch_button("leave", view.leave_label, leave_at, leave_size, fonts.body, inputs.accent,
                         IM_COL32(255, 255, 255, 255), inputs.drawn)) {
            intent = LeaveNow{};
        }
        const float close_x = view.show_leave ? x0 + leave_size.x + margin : x0;
        const ImVec2 close_at(
            close_x, h - size.y - margin - (view.show_leave ? (leave_size.y - size.y) / 2 : 0));
        note_label(inputs.texts, fonts.body, view.close_label, close_at, close_size);
        if (touch_button("close", view.close_label, close_at, close_size, fonts.body,
                         IM_COL32(255, 255, 255, 255), kInk, inputs.drawn)) {
            intent = Dismiss{};
        }
    }
    ImGui::End();
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor();
    return intent;
}

}  // namespace uketsuke::ui
