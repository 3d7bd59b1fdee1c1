#include "kiosk/ui/views/widgets.hpp"

#include <algorithm>
#include <cmath>

namespace uketsuke::ui {
void DrawnButtons::note(const std::string& label, ImVec2 min, ImVec2 max, const std::string& id) {
    const int frame = ImGui::GetFrameCount();
    if (frame != frame_) {
        buttons_.clear();
        frame_ = frame;
    }
    buttons_.push_back(DrawnButton{label, min, max, id});
}

std::vector<DrawnButton> DrawnButtons::buttons() const {
    if (ImGui::GetCurrentContext() == nullptr || frame_ != ImGui::GetFrameCount()) return {};
    return buttons_;
}

float text_width(ImFont* font, std::string_view text) {
    if (text.empty()) return 0;
    return font
        ->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, text.data(), text.data() + text.size())
        .x;
}

void fitted_text(ImDrawList* draw, ImFont* font, ImVec2 at, ImU32 colour, std::string_view text,
                 float max_width) {
    if (text.empty() || max_width <= 0) return;
    const char* begin = text.data();
    const char* end = begin + text.size();
    if (text_width(font, text) <= max_width) {
        draw->AddText(font, font->FontSize, at, colour, begin, end);
        return;
    }
    const float dots = text_width(font, "...");
    const char* cut = begin;
    const float kept = font->CalcTextSizeA(font->FontSize, std::max(0.0f, max_width - dots), 0.0f,
                                           begin, end, &cut)
                           .x;
    draw->AddText(font, font->FontSize, at, colour, begin, cut);
    draw->AddText(font, font->FontSize, ImVec2(at.x + kept, at.y), colour, "...");
}

float whole_rows_height(float height, float step, float gap) {
    if (step <= 0) return height;
    const float rows = std::floor((height + gap) / step);
    return rows >= 1 ? rows * step - gap : height;
}

float settled_scroll(float scroll, float step) {
    if (step <= 0) return scroll;
    return std::round(scroll / step) * step;
}

void scroll_by_drag(const Box& box) {
    const ImGuiIO& io = ImGui::GetIO();
    const ImVec2 from = io.MouseClickedPos[0];
    const bool began_here =
        from.x >= box.min.x && from.x < box.max.x && from.y >= box.min.y && from.y < box.max.y;
    if (began_here && ImGui::IsMouseDragging(ImGuiMouseButton_Left)) {
        ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
    }
}

float centered_text(ImDrawList* draw, ImFont* font, const std::string& text, float center_x,
                    float y, float width, ImU32 colour) {
    if (font == nullptr) return y;
    return centered_text(draw, font, font->FontSize, text, center_x, y, width, colour, nullptr,
                         Box{});
}

float centered_text(ImDrawList* draw, ImFont* font, float size, const std::string& text,
                    float center_x, float y, float width, ImU32 colour, DrawnTexts* noted,
                    const Box& bounds) {
    if (text.empty() || font == nullptr) return y;
    // Wrap first, then center each wrapped line on its own.
    const char* begin = text.c_str();
    const char* end = begin + text.size();
    while (begin < end) {
        const char* line_end =
            font->CalcWordWrapPositionA(size / font->FontSize, begin, end, width);
        if (line_end == begin) line_end = begin + 1;
        const ImVec2 extent = font->CalcTextSizeA(size, FLT_MAX, 0.0f, begin, line_end);
        const ImVec2 at(center_x - extent.x / 2, y);
        if (draw != nullptr) {
            draw->AddText(font, size, at, colour, begin, line_end);
            if (noted != nullptr)
                noted->push_back(DrawnText{std::string(begin, line_end),
                                           Box{at, ImVec2(at.x + extent.x, at.y + size)}, bounds});
        }
        y += size * 1.15f;
        begin = line_end;
        while (begin < end && (*begin == ' ' || *begin == '\n')) ++begin;
    }
    return y;
}

bool touch_button(const char* id, const std::string& label, ImVec2 at, ImVec2 size, ImFont* font,
                  ImU32 fill, ImU32 ink, DrawnButtons* drawn) {
    if (drawn != nullptr) drawn->note(label, at, ImVec2(at.x + size.x, at.y + size.y), id);
    ImGui::SetCursorScreenPos(at);
    ImGui::PushID(id);
    const bool pressed = ImGui::InvisibleButton("##button", size);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const bool held = ImGui::IsItemActive();
    draw->AddRectFilled(at, ImVec2(at.x + size.x, at.y + size.y),
                        held ? IM_COL32(200, 200, 200, 255) : fill, size.y * 0.2f);
    draw->AddRect(at, ImVec2(at.x + size.x, at.y + size.y), ink, size.y * 0.2f, 0, 2.0f);
    if (font != nullptr) {
        const ImVec2 extent = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, label.c_str());
        draw->PushClipRect(at, ImVec2(at.x + size.x, at.y + size.y), true);
        draw->AddText(
            font, font->FontSize,
            ImVec2(at.x + std::max(4.0f, (size.x - extent.x) / 2), at.y + (size.y - extent.y) / 2),
            ink, label.c_str());
        draw->PopClipRect();
    }
    ImGui::PopID();
    return pressed;
}

void draw_picture(ImDrawList* draw, const Picture& picture, ImVec2 at, ImVec2 box, ImVec2* drawn_at,
                  ImVec2* drawn_size) {
    const float scale = std::min(box.x / static_cast<float>(picture.width),
                                 box.y / static_cast<float>(picture.height));
    const ImVec2 size(picture.width * scale, picture.height * scale);
    const ImVec2 corner(at.x + (box.x - size.x) / 2, at.y + (box.y - size.y) / 2);
    draw->AddImage(picture.texture, corner, ImVec2(corner.x + size.x, corner.y + size.y));
    if (drawn_at) *drawn_at = corner;
    if (drawn_size) *drawn_size = size;
}

}  // namespace uketsuke::ui
