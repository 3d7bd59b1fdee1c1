#pragma once
// Draws one ScreenView with Dear ImGui and returns what the person tapped.
// Thin on purpose: every text is already translated and formatted by build_view;
// this file only lays it out so it reads from a metre, on any resolution and
// orientation, with touch targets of at least ~15 mm.

#include <cstdint>
#include <optional>
#include <vector>

#include "kiosk/ui/screens/flow.hpp"

struct ImFont;

namespace uketsuke::ui {

class DrawnButtons;  // widgets.hpp
struct DrawnText;    // widgets.hpp

struct ViewFonts {
    ImFont* small = nullptr;
    ImFont* body = nullptr;
    ImFont* large = nullptr;
    ImFont* huge = nullptr;
};

struct Picture {
    void* texture = nullptr;  // an ImTextureID
    int width = 0;
    int height = 0;
};

struct ViewInputs {
    ViewFonts fonts;
    Picture preview;            // the camera, gray; empty when there is none
    bool code_in_view = false;  // a QR code is being read right now: the guide frame lights up
    Picture floor_map;          // the event's floor plan, if it has one
    Picture logo;
    std::uint32_t accent = 0xFF4F6E0B;  // ImGui ABGR
    DrawnButtons* drawn = nullptr;      // notes the buttons drawn, for tap scripts; may be null
    std::vector<DrawnText>* texts = nullptr;  // cleared, then every text drawn; may be null
};

// Draws into a window covering the whole display. Returns a tap's intent, if any.
std::optional<Intent> draw_screen(const ScreenView& view, const ViewInputs& inputs);

// "#0b6e4f" → ImGui's packed colour; nullopt for anything else.
std::optional<std::uint32_t> parse_colour(std::string_view text);

}  // namespace uketsuke::ui
