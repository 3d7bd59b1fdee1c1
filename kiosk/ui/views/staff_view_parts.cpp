// The pieces every staff page is drawn with: text that fits, grids, and the canvas with its
// controls (see staff_view_parts.hpp).

#include "kiosk/ui/views/staff_view_parts.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "kiosk/core/model/utf8.hpp"
#include "kiosk/ui/views/widgets.hpp"

namespace uketsuke::ui::staff_view {

// ---- text ---------------------------------------------------------------------------------

float line_height(const ImFont* font) { return font->FontSize * 1.2f; }

float wrapped_text(ImDrawList* draw, ImFont* font, std::string_view text, ImVec2 at, float width,
                   ImU32 colour, int max_lines) {
    if (text.empty() || width <= 0 || max_lines < 1) return at.y;
    // ImGui's wrapping does not break at newlines; an imported note may hold some.
    std::string flat(text);
    std::replace(flat.begin(), flat.end(), '\n', ' ');
    const char* begin = flat.c_str();
    const char* end = begin + flat.size();
    float y = at.y;
    for (int line = 0; begin < end && line < max_lines; ++line) {
        const char* line_end = font->CalcWordWrapPositionA(1.0f, begin, end, width);
        if (line_end <= begin) {  // one character wider than the line: take it whole
            std::size_t next = static_cast<std::size_t>(begin - flat.c_str());
            (void)utf8::next(flat, next);
            line_end = flat.c_str() + next;
        }
        if (draw != nullptr) {
            if (line + 1 == max_lines && line_end < end) {
                fitted_text(draw, font, ImVec2(at.x, y), colour,
                            std::string_view(begin, end - begin), width);
            } else {
                draw->AddText(font, font->FontSize, ImVec2(at.x, y), colour, begin, line_end);
            }
        }
        y += line_height(font);
        begin = line_end;
        while (begin < end && *begin == ' ') ++begin;
    }
    return y;
}

void pill(ImDrawList* draw, ImFont* font, std::string_view text, ImVec2 right_center, float pad,
          ImU32 fill) {
    const float w = text_width(font, text) + pad * 1.2f;
    const float h = font->FontSize * 1.35f;
    const ImVec2 min(right_center.x - w, right_center.y - h / 2);
    draw->AddRectFilled(min, ImVec2(right_center.x, right_center.y + h / 2), fill, h / 2);
    draw->AddText(font, font->FontSize,
                  ImVec2(min.x + pad * 0.6f, min.y + (h - font->FontSize) / 2), kPaper, text.data(),
                  text.data() + text.size());
}

ImU32 wash(ImU32 colour, float keep) {
    auto channel = [colour, keep](int shift) {
        const float value = static_cast<float>((colour >> shift) & 0xFFu);
        return static_cast<unsigned>(std::lround(value * keep + 255.0f * (1.0f - keep)));
    };
    return IM_COL32(channel(IM_COL32_R_SHIFT), channel(IM_COL32_G_SHIFT), channel(IM_COL32_B_SHIFT),
                    255);
}

// ---- layout -------------------------------------------------------------------------------

Grid Grid::fit(float width, int count, float min_width, float max_width, float cell_height,
               float gap) {
    Grid grid;
    grid.gap = gap;
    grid.cell_height = cell_height;
    grid.columns = std::max(1, static_cast<int>(std::floor((width + gap) / (min_width + gap))));
    grid.columns = std::min(grid.columns, std::max(1, count));
    const float share =
        (width - static_cast<float>(grid.columns - 1) * gap) / static_cast<float>(grid.columns);
    grid.cell_width = std::max(1.0f, std::min(max_width, share));
    return grid;
}

Box Grid::cell(ImVec2 origin, int index) const {
    const int row = index / columns;
    const int column = index % columns;
    const ImVec2 at(origin.x + static_cast<float>(column) * (cell_width + gap),
                    origin.y + static_cast<float>(row) * (cell_height + gap));
    return Box{at, ImVec2(at.x + cell_width, at.y + cell_height)};
}

float Grid::height(int count) const {
    if (count <= 0) return 0;
    const int rows = (count + columns - 1) / columns;
    return static_cast<float>(rows) * cell_height + static_cast<float>(rows - 1) * gap;
}

// ---- the canvas -----------------------------------------------------------------------------

Canvas::Canvas(const StaffState& s, const StaffViewInputs& in) : state(s), inputs(in) {
    const ImGuiIO& io = ImGui::GetIO();
    width = io.DisplaySize.x;
    height = io.DisplaySize.y;
    side = std::min(width, height);
    body = in.fonts.body != nullptr ? in.fonts.body : ImGui::GetFont();
    small = in.fonts.small != nullptr ? in.fonts.small : body;
    large = in.fonts.large != nullptr ? in.fonts.large : body;
    accent = in.accent;
    pad = std::round(side * 0.02f);
    gap = std::round(side * 0.01f);
    // At least 60 px, the smallest a finger hits reliably (a 1024×600 screen would give 54).
    button_height = std::max(60.0f, std::round(side * 0.09f));
    landscape = width >= height;
    draw = ImGui::GetWindowDrawList();
}

std::string Canvas::text(std::string_view key) const {
    return inputs.strings != nullptr ? std::string(inputs.strings->get(state.language, key))
                                     : std::string(key);
}

std::string Canvas::format(std::string_view key, FormatArgs args) const {
    return inputs.strings != nullptr ? inputs.strings->format(state.language, key, args)
                                     : format_text(key, args);
}

std::string Canvas::text_or(std::string_view key, std::string_view fallback) const {
    const Strings* strings = inputs.strings;
    if (strings != nullptr &&
        (strings->has(Language::Ja, key) || strings->has(Language::En, key))) {
        return std::string(strings->get(state.language, key));
    }
    return std::string(fallback);
}

bool Canvas::dragged() const {
    // A finger that slid further than this was scrolling, not tapping.
    const float slop = side * 0.03f;
    return ImGui::GetIO().MouseDragMaxDistanceSqr[0] > slop * slop;
}

KeyboardSplit split_for_keyboard(const Canvas& c, Box area, float content_share, float keys_share) {
    KeyboardSplit split;
    if (c.landscape) {
        const float x = area.min.x + area.width() * content_share;
        split.content = Box{area.min, ImVec2(x - c.pad / 2, area.max.y)};
        split.keys = Box{ImVec2(x + c.pad / 2, area.min.y), area.max};
    } else {
        const float keys_h = std::min(area.height() * keys_share, c.side * 0.75f);
        split.keys = Box{ImVec2(area.min.x, area.max.y - keys_h), area.max};
        split.content = Box{area.min, ImVec2(area.max.x, split.keys.min.y - c.pad)};
    }
    return split;
}

void Canvas::record(const std::string& id, Box box, bool is_region) {
    if (inputs.targets == nullptr) return;
    StaffTarget target;
    target.id = id;
    target.min = box.min;
    target.max = box.max;
    target.list = list_;
    target.region = is_region;
    if (!list_.empty()) {
        target.min =
            ImVec2(std::max(box.min.x, list_box_.min.x), std::max(box.min.y, list_box_.min.y));
        target.max =
            ImVec2(std::min(box.max.x, list_box_.max.x), std::min(box.max.y, list_box_.max.y));
        if (target.max.x <= target.min.x || target.max.y <= target.min.y) return;
        target.clipped = target.min.x != box.min.x || target.min.y != box.min.y ||
                         target.max.x != box.max.x || target.max.y != box.max.y;
    }
    inputs.targets->push_back(std::move(target));
}

void Canvas::region(const std::string& id, Box box) { record(id, box, true); }

bool Canvas::button(const std::string& id, const std::string& label, Box box, Look look,
                    ImFont* font) {
    if (box.width() < 1 || box.height() < 1) return false;
    ImU32 fill = kPaper;
    ImU32 ink = kInk;
    switch (look) {
        case Look::Plain:
            break;
        case Look::Primary:
            fill = accent;
            ink = kPaper;
            break;
        case Look::Selected:
            fill = wash(accent, 0.22f);
            break;
        case Look::Danger:
            fill = kProblem;
            ink = kPaper;
            break;
        case Look::Disabled:
            fill = kDisabledFill;
            ink = kMuted;
            break;
    }
    if (font == nullptr) font = fits(body, label, box.width()) ? body : small;
    const bool pressed =
        touch_button(id.c_str(), label, box.min, box.size(), font, fill, ink, inputs.drawn);
    if (look == Look::Selected) {
        draw->AddRect(box.min, box.max, accent, box.height() * 0.2f, 0,
                      std::max(3.0f, side * 0.005f));
    }
    record(id, box, false);
    return pressed && !dragged();
}

bool Canvas::tap_area(const std::string& id, Box box) {
    if (box.width() < 1 || box.height() < 1) return false;
    ImGui::SetCursorScreenPos(box.min);
    ImGui::PushID(id.c_str());
    const bool pressed = ImGui::InvisibleButton("##area", box.size());
    const bool held = ImGui::IsItemActive();
    ImGui::PopID();
    if (inputs.drawn != nullptr) inputs.drawn->note(id, box.min, box.max, id);
    const float radius = side * 0.01f;
    draw->AddRectFilled(box.min, box.max, held ? kHeld : kPaper, radius);
    draw->AddRect(box.min, box.max, kRule, radius, 0, 1.5f);
    record(id, box, false);
    return pressed && !dragged();
}

void Canvas::keyboard(const KeyboardState& keyboard, Box box, const std::string& done_label) {
    if (box.width() < 10 || box.height() < 10) return;
    KeyboardStyle style;
    style.accent = accent;
    style.drawn = inputs.drawn;
    style.labels.space = text("staff.keyboard.space");
    style.labels.done = done_label.empty() ? text("staff.keyboard.done") : done_label;
    // One font for all keys: the largest whose every label fits its key. Digit pads get the
    // large font; a narrow landscape keyboard may need the small one for "カナ".
    const std::vector<PlacedKey> keys = place_keys(keyboard.layout, box.min, box.size());
    const bool pad_layout =
        keyboard.layout == KeyboardLayout::Pin || keyboard.layout == KeyboardLayout::Digits;
    style.font = small;
    for (ImFont* font : {pad_layout ? large : body, body}) {
        const bool fits = std::all_of(keys.begin(), keys.end(), [&](const PlacedKey& key) {
            return text_width(font, key_label(key.key, keyboard, style.labels)) <=
                       key.size.x - pad * 0.5f &&
                   font->FontSize <= key.size.y * 0.7f;
        });
        if (fits) {
            style.font = font;
            break;
        }
    }
    region("keyboard", box);
    if (const auto key = draw_keyboard(keyboard, box.min, box.size(), style))
        intent = KeyTapped{*key};
}

void Canvas::text_field(Box box, const std::string& label, const std::string& value,
                        const std::string& placeholder, bool focused) {
    const float radius = box.height() * 0.15f;
    draw->AddRectFilled(box.min, box.max, kPaper, radius);
    draw->AddRect(box.min, box.max, focused ? accent : kRule, radius, 0,
                  focused ? std::max(3.0f, side * 0.005f) : 1.5f);
    const float inner_x = box.min.x + pad;
    const float inner_w = box.width() - pad * 2;
    float text_y = box.min.y + (box.height() - body->FontSize) / 2;
    if (!label.empty()) {
        const float top = box.min.y + pad * 0.25f;
        fitted_text(draw, small, ImVec2(inner_x, top), kMuted, label, inner_w);
        text_y = std::max(top + small->FontSize, box.max.y - body->FontSize - pad * 0.3f);
    }
    const float caret = std::max(2.0f, side * 0.004f);
    if (value.empty()) {
        fitted_text(draw, body, ImVec2(inner_x + caret * 3, text_y), kMuted, placeholder,
                    inner_w - caret * 3);
    }
    // The end of a long text is what is being typed: keep it in view.
    const float typed = text_width(body, value);
    const float shift = std::max(0.0f, typed + caret * 3 - inner_w);
    draw->PushClipRect(ImVec2(inner_x, box.min.y), ImVec2(inner_x + inner_w, box.max.y), true);
    if (!value.empty())
        draw->AddText(body, body->FontSize, ImVec2(inner_x - shift, text_y), kInk, value.c_str());
    if (focused) {
        const float x = inner_x - shift + typed + caret;
        draw->AddLine(ImVec2(x, text_y), ImVec2(x, text_y + body->FontSize), accent, caret);
    }
    draw->PopClipRect();
}

void Canvas::centered_note(Box area, const std::string& message, ImU32 colour) {
    const float y = area.min.y + std::min(area.height() * 0.25f, pad * 3);
    centered_text(draw, body, message, area.center_x(), y, area.width() - pad * 2, colour);
}

}  // namespace uketsuke::ui::staff_view
