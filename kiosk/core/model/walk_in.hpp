#pragma once
// Someone not on the list, as staff enter them at the door (staff/staff_actions.hpp's
// register_walk_in records them).

#include <optional>
#include <string>

#include "kiosk/core/model/model.hpp"

namespace uketsuke {

struct WalkIn {
    std::string name;  // required
    std::string reading;
    std::string organization;
    Role role = Role::Participant;
    // Staff's choice: a group id, or "" for no group. nullopt: place_walk_in picks one (a free
    // seat, the fewest people of the same organization); staff and guests get no seat.
    std::optional<std::string> group_id;
    bool only_checked_in = false;  // late in the day: seats of people not arrived count as free
};

}  // namespace uketsuke
