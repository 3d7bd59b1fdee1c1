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

void draw_lines(ImDrawList* draw, ImFont* font, const std::vector<std::string>& lines,
                float center_x, float& y, float width, ImU32 colour) {
    for (const auto& line : lines) y = centered_text(draw, font, line, center_x, y, width, colour);
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

    // Top bar: event, clock, language. The language button is a full touch target.
    const float bar = side * 0.11f;
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
        draw->PushClipRect(ImVec2(0, 0), ImVec2(w - button_w - clock.x - margin * 3, bar), true);
        draw->AddText(fonts.body, fonts.body->FontSize, ImVec2(title_x, y),
                      IM_COL32(255, 255, 255, 255), view.event_name.c_str());
        draw->PopClipRect();
        draw->AddText(fonts.body, fonts.body->FontSize,
                      ImVec2(w - button_w - clock.x - margin * 2, y), IM_COL32(255, 255, 255, 255),
                      view.clock.c_str());
        if (touch_button("language", view.language_button.label,
                         ImVec2(w - button_w - margin / 2, bar * 0.12f),
                         ImVec2(button_w, bar * 0.76f), fonts.body, IM_COL32(255, 255, 255, 255),
                         kInk, inputs.drawn)) {
            intent = SwitchLanguage{view.language_button.to};
        }
    }

    const float top = bar + margin;
    const float center_x = w / 2;
    const float text_width = w - margin * 2;
    float y = top;
    // Camera problems are a notice for staff, never hidden.
    for (const auto& notice : view.notices) {
        y = centered_text(draw, fonts.body, notice, center_x, y, text_width, kNotice);
    }

    switch (view.screen) {
        case Screen::Attract: {
            y = centered_text(draw, fonts.body, view.session_name, center_x, y, text_width, kInk);
            y = centered_text(draw, fonts.large, view.title, center_x, y, text_width, kInk);
            draw_lines(draw, fonts.body, view.other_language_lines, center_x, y, text_width,
                       kMuted);
            draw_lines(draw, fonts.body, view.lines, center_x, y, text_width, kMuted);
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
            draw_lines(draw, fonts.body, view.help, center_x, help_y, text_width, kInk);
            centered_text(draw, fonts.body, view.arrived, center_x, h - count, text_width, kMuted);
            break;
        }
        case Screen::Welcome:
        case Screen::AlreadyCheckedIn:
        case Screen::DetailsPending:
        case Screen::Goodbye: {
            const bool has_map =
                inputs.floor_map.texture != nullptr && view.table_on_map.has_value();
            const float column = has_map && landscape ? w * 0.55f : w;
            const float cx = column / 2;
            const float cw = column - margin * 2;
            y = centered_text(draw, fonts.body, view.reading, cx, y, cw, kMuted);
            y = centered_text(draw, fonts.large, view.title, cx, y, cw,
                              view.screen == Screen::AlreadyCheckedIn ? kAlready : kInk);
            y = centered_text(draw, fonts.body, view.subtitle, cx, y, cw, kMuted);
            y += margin / 2;
            // The table is what people walk to: the largest thing on the screen.
            for (const auto& field : view.fields) {
                const bool big = !view.table_label.empty() && field.value == view.table_label;
                ImFont* value_font = big ? fonts.huge : fonts.large;
                if (fonts.body == nullptr || value_font == nullptr) continue;
                const std::string label = field.label;
                const ImVec2 label_size =
                    fonts.body->CalcTextSizeA(fonts.body->FontSize, FLT_MAX, 0, label.c_str());
                const ImVec2 value_size = value_font->CalcTextSizeA(value_font->FontSize, FLT_MAX,
                                                                    0, field.value.c_str());
                const float row_w = label_size.x + margin + value_size.x;
                const float x0 = cx - std::min(row_w, cw) / 2;
                draw->AddText(fonts.body, fonts.body->FontSize,
                              ImVec2(x0, y + (value_size.y - label_size.y) * 0.6f), kMuted,
                              label.c_str());
                draw->AddText(value_font, value_font->FontSize,
                              ImVec2(x0 + label_size.x + margin, y), big ? inputs.accent : kInk,
                              field.value.c_str(), nullptr, cw - label_size.x - margin);
                y += value_size.y * 1.05f;
            }
            y += margin / 3;
            draw_lines(draw, fonts.body, view.lines, cx, y, cw, kInk);
            draw_lines(draw, fonts.small, view.other_language_lines, cx, y, cw, kMuted);
            if (has_map) {
                // The buttons' row below: the leave button is the taller.
                const float buttons = side * (view.show_leave ? 0.14f : 0.12f);
                const ImVec2 at = landscape ? ImVec2(column, top) : ImVec2(margin, y + margin);
                const ImVec2 box = landscape
                                       ? ImVec2(w - column - margin, h - top - margin * 3 - buttons)
                                       : ImVec2(w - margin * 2, h - y - margin * 3 - buttons);
                if (box.y > side * 0.15f) draw_map(draw, inputs, view, at, box, side);
            }
            break;
        }
        case Screen::Problem: {
            y += margin;
            y = centered_text(draw, fonts.large, view.title, center_x, y, text_width, kProblem);
            y = centered_text(draw, fonts.body, view.subtitle, center_x, y, text_width, kInk);
            y += margin / 2;
            draw_lines(draw, fonts.body, view.lines, center_x, y, text_width, kInk);
            y += margin;
            draw_lines(draw, fonts.body, view.other_language_lines, center_x, y, text_width,
                       kMuted);
            break;
        }
    }

    // For staff, small and out of the way: above the close button, or the bottom of the screen.
    if (!view.staff_notes.empty() && fonts.small != nullptr) {
        const float above = view.show_close ? side * 0.12f + margin * 1.5f : margin / 2;
        float note_y = h - above - wrapped_height(fonts.small, view.staff_notes, text_width);
        if (view.screen == Screen::Attract && fonts.body != nullptr)
            note_y -= fonts.body->FontSize * 1.8f +
                      wrapped_height(fonts.body, view.help, text_width);  // above the count
        draw_lines(draw, fonts.small, view.staff_notes, center_x, note_y, text_width, kNotice);
    }

    if (view.show_close && fonts.body != nullptr) {
        const ImVec2 size(side * 0.36f, side * 0.12f);
        // With the leave button the two share the bottom row, the leave button first and wider.
        ImVec2 leave_size(side * 0.5f, side * 0.14f);
        // Landscape with a map: the text column runs to the bottom, so the row goes under the
        // map instead of across the text.
        const bool under_map =
            landscape && inputs.floor_map.texture != nullptr && view.table_on_map.has_value();
        const float row_left = under_map ? w * 0.55f : 0;
        const float row_width = under_map ? w - row_left - margin : w;
        ImVec2 close_size = size;
        if (under_map && view.show_leave) {
            leave_size.x = (row_width - margin) * 0.58f;
            close_size.x = row_width - margin - leave_size.x;
        }
        const float row = view.show_leave ? leave_size.x + margin + close_size.x : close_size.x;
        const float x0 = row_left + (row_width - row) / 2;
        if (view.show_leave &&
            touch_button("leave", view.leave_label, ImVec2(x0, h - leave_size.y - margin),
                         leave_size, fonts.body, inputs.accent, IM_COL32(255, 255, 255, 255),
                         inputs.drawn)) {
            intent = LeaveNow{};
        }
        const float close_x = view.show_leave ? x0 + leave_size.x + margin : x0;
        if (touch_button("close", view.close_label,
                         ImVec2(close_x, h - size.y - margin -
                                             (view.show_leave ? (leave_size.y - size.y) / 2 : 0)),
                         close_size, fonts.body, IM_COL32(255, 255, 255, 255), kInk,
                         inputs.drawn)) {
            intent = Dismiss{};
        }
    }
    ImGui::End();
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor();
    return intent;
}

}  // namespace uketsuke::ui
