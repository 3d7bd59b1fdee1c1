#pragma once
// Taking groups away (`uketsuke groups remove`, `groups clear`): the organizer made too many,
// or wants to start the seating again. People seated in a removed group are taken out of it
// as a stamped edit with a "move" row in the person log ("A →"), so a merge or the hub carries
// their new place; a session's own seating rows in that group lose their table the same way.
//
// Removing a group row itself is not carried by a merge: merging with a file that still has
// the group brings it back (empty). Remove groups before copying the event to the kiosks.

#include <cstdint>
#include <string>
#include <vector>

#include "kiosk/core/store/event_store.hpp"

namespace uketsuke {

// Who a removal touches, counted before anything changes.
struct GroupRemovalImpact {
    int seated = 0;      // registered people in the groups (the event's seating or a session's)
    int checked_in = 0;  // of them, checked in at any session
};

[[nodiscard]] GroupRemovalImpact group_removal_impact(const EventStore& store,
                                                      const std::vector<std::string>& group_ids);

struct [[nodiscard]] GroupRemovalResult {
    std::string error;
    int groups_removed = 0;
    int people_unseated = 0;  // participant rows and session seats taken out of the groups
    explicit operator bool() const { return error.empty(); }
};

// Removes the groups in one transaction, taking everyone out of them first (see above).
// Refused, nothing changed: a group id the file does not have. `editor` is the hybrid-clock
// node ("cli"), `staff_name` who did it (for the log).
GroupRemovalResult remove_groups(EventStore& store, const std::vector<std::string>& group_ids,
                                 const std::string& editor, const std::string& staff_name,
                                 std::int64_t wall_ms);

}  // namespace uketsuke
