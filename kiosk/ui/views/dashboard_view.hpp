#pragma once
// The live dashboard of staff mode, drawn from a Dashboard (kiosk/core/checkin/dashboard.hpp) that
// a worker thread built: the big "arrived / expected" figure, group tiles, organizations and
// kiosks, arrivals per five minutes as bars, and who has not come yet.
// Does: lay out for landscape (1280x720) and portrait (720x1280) alike, scroll long lists by
// wheel or by a finger's drag, draw only the rows in view.
// Doesn't: read the database, translate or hold state between frames; taps do nothing.

#include <imgui.h>

#include <string>

#include "kiosk/core/model/dashboard.hpp"

namespace uketsuke::ui {

// Every word the dashboard shows, translated by the caller. An empty label is not drawn.
struct DashboardLabels {
    std::string arrived;                 // "Arrived"
    std::string groups;                  // "Groups"
    std::string organizations;           // "Organizations"
    std::string kiosks;                  // "Kiosks"
    std::string not_arrived;             // "Not yet arrived"
    std::string arrivals_per_5_minutes;  // "Arrivals per 5 minutes"
    std::string latest_arrival;          // "Last arrival", followed by the time
    std::string self_checkin;            // "self", followed by a count
    std::string staff_checkin;           // "by staff", followed by a count
    std::string walk_ins;                // "Walk-ins", followed by a count
    std::string details_pending;         // "Details pending", followed by a count
    std::string no_group;                // the tile of people placed in no group
    std::string no_organization;         // people with no organization
    std::string unnamed_kiosk;           // check-ins that named no kiosk
    std::string more;                    // "{count} more", under a capped not-arrived list
    std::string session;                 // the session counted, beside "Arrived"; "" for none
};

struct DashboardStyle {
    ImFont* small = nullptr;  // nullptr: the current ImGui font
    ImFont* body = nullptr;
    ImFont* large = nullptr;
    ImU32 accent = IM_COL32(11, 110, 79, 255);
};

// Draws into the current window (call between Begin and End), filling the box at `at`
// (screen coordinates) of `size`. Lists that do not fit become child windows that scroll.
void draw_dashboard(const Dashboard& data, const DashboardLabels& labels, ImVec2 at, ImVec2 size,
                    const DashboardStyle& style);

}  // namespace uketsuke::ui
