#pragma once
// Draws staff mode (staff.hpp's StaffState) with Dear ImGui and returns what was tapped.
// All words come from the string tables ([staff.*] keys); nothing here decides anything.

#include <imgui.h>

#include <optional>
#include <string>
#include <vector>

#include "kiosk/ui/screens/staff.hpp"
#include "kiosk/ui/screens/strings.hpp"
#include "kiosk/ui/views/view.hpp"

namespace uketsuke::ui {

// Where a touch target was drawn this frame, for layout tests: buttons and rows by name
// ("tab.search", "result.3", "action.check_in"), and the boxes of keyboards ("keyboard"),
// the ticket ("ticket") and scrolling lists ("list.results").
struct StaffTarget {
    std::string id;
    ImVec2 min;  // the part in view: a row half scrolled out of its list is cut to the list
    ImVec2 max;
    std::string list;      // the scrolling list it sits in, "" when on the page itself
    bool clipped = false;  // part of it is scrolled out of view
    bool region = false;   // a keyboard, ticket or list box rather than one button
};

struct StaffViewInputs {
    ViewFonts fonts;
    std::uint32_t accent = 0xFF4F6E0B;  // ImGui ABGR
    const Strings* strings = nullptr;
    Instant now{};
    std::string time_zone = "Asia/Tokyo";         // for times shown (history, lockout, last sync)
    HubLine hub;                                  // hub.empty(): no hub configured, nothing shown
    std::string store_problem;                    // why check-ins cannot be saved; "" when they can
    std::string printer_problem;                  // why name tags cannot print; "" when they can
    bool prints_tags = false;                     // a printer is set: the person card can reprint
    std::vector<StaffTarget>* targets = nullptr;  // tests: cleared, then filled every frame
    DrawnButtons* drawn = nullptr;  // notes the buttons drawn, for tap scripts; may be null
};

std::optional<StaffIntent> draw_staff(const StaffState& state, const StaffViewInputs& inputs);

}  // namespace uketsuke::ui
