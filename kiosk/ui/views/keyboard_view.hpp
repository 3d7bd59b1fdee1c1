#pragma once
// Draws an on-screen keyboard (screens/keyboard.hpp: its layouts, placement and typing) with
// Dear ImGui, each key a real button, and reports the key tapped.

#include <imgui.h>

#include <cstdint>
#include <optional>
#include <vector>

#include "kiosk/ui/screens/keyboard.hpp"

namespace uketsuke::ui {

class DrawnButtons;

struct KeyboardStyle {
    ImFont* font = nullptr;             // key labels; nullptr draws with ImGui's current font
    std::uint32_t accent = 0xFF4F6E0B;  // ImGui ABGR: the Done key and switched-on keys
    KeyboardLabels labels;
    DrawnButtons* drawn = nullptr;  // where the keys are noted for tap scripts; may be null
};

// place_keys in ImGui's coordinates.
std::vector<PlacedKey> place_keys(KeyboardLayout layout, ImVec2 at, ImVec2 size);

// Draws the keyboard of `state.layout` filling the rectangle, inside the caller's ImGui
// window, each key a real button. Returns the key tapped this frame; apply it with `press`.
std::optional<Key> draw_keyboard(const KeyboardState& state, ImVec2 at, ImVec2 size,
                                 const KeyboardStyle& style = {});

}  // namespace uketsuke::ui
