#include "kiosk/ui/views/keyboard_view.hpp"

#include "kiosk/ui/views/widgets.hpp"

namespace uketsuke::ui {
namespace {

constexpr ImU32 kControlFill = IM_COL32(226, 226, 226, 255);

// The accent washed out towards white: a key that is on but not locked.
ImU32 tint(std::uint32_t accent) {
    auto channel = [accent](int shift) {
        const unsigned value = (accent >> shift) & 0xFFu;
        return (value * 35 + 255 * 65) / 100;
    };
    return IM_COL32(channel(IM_COL32_R_SHIFT), channel(IM_COL32_G_SHIFT), channel(IM_COL32_B_SHIFT),
                    255);
}

}  // namespace

std::vector<PlacedKey> place_keys(KeyboardLayout layout, ImVec2 at, ImVec2 size) {
    return place_keys(layout, KeyPoint{at.x, at.y}, KeyPoint{size.x, size.y});
}

std::optional<Key> draw_keyboard(const KeyboardState& state, ImVec2 at, ImVec2 size,
                                 const KeyboardStyle& style) {
    ImFont* font = style.font != nullptr ? style.font : ImGui::GetFont();
    const ImU32 accent = style.accent;
    std::optional<Key> tapped;
    // Per layout too: a key held while the layout switches must not become another key.
    ImGui::PushID("keyboard");
    ImGui::PushID(static_cast<int>(state.layout));
    const std::vector<PlacedKey> keys = place_keys(state.layout, at, size);
    for (std::size_t i = 0; i < keys.size(); ++i) {
        const Key& key = keys[i].key;
        const bool locked = key.kind == KeyKind::Shift && state.shift == Shift::Locked;
        const bool on = (key.kind == KeyKind::Shift && state.shift == Shift::Once) ||
                        (key.kind == KeyKind::Katakana && state.katakana);
        ImU32 fill = key.kind == KeyKind::Character ? kPaper : kControlFill;
        ImU32 ink = kInk;
        if (key.kind == KeyKind::Done || locked) {
            fill = accent;
            ink = kPaper;
        } else if (on) {
            fill = tint(accent);
        }
        ImGui::PushID(static_cast<int>(i));
        const ImVec2 key_at(keys[i].at.x, keys[i].at.y);
        const ImVec2 key_size(keys[i].size.x, keys[i].size.y);
        if (touch_button("key", key_label(key, state, style.labels), key_at, key_size, font, fill,
                         ink, style.drawn)) {
            tapped = key;
        }
        ImGui::PopID();
    }
    ImGui::PopID();
    ImGui::PopID();
    return tapped;
}

}  // namespace uketsuke::ui
