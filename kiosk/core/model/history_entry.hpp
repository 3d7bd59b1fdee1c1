#pragma once
// A person's history as the person card shows it (staff/staff_actions.hpp reads it).

#include <cstdint>
#include <string>

namespace uketsuke {

// One line of a person's history: a check-in-log row or a person-log row.
struct HistoryEntry {
    std::string what;    // "check-in", "undo", "walk-in", "move", "cancel", "reinstate", "note"
    std::string detail;  // move: "A → B" (group names; "→ B" from no group); walk-in: the group
                         // name; note: the note; otherwise ""
    std::string how;     // check-in and undo: camera | scanner | manual | walk-in | command
    std::string kiosk;
    std::string staff;       // staff id; "" for self check-in and the organizer's tools
    std::string staff_name;  // "" when unknown (a check-in by a staff member since removed)
    std::int64_t wall_ms = 0;
    std::string stamp;
};

}  // namespace uketsuke
