#pragma once
// Groups in the event file: creating them, and seating the roster with the
// assignment scorer (kiosk/core/assignment.hpp). Applying a plan is recorded like
// any other edit: a hybrid-clock stamp and an editor on every moved person.

#include <cstdint>
#include <string>
#include <vector>

#include "kiosk/core/assignment.hpp"
#include "kiosk/core/event_store.hpp"

namespace uketsuke {

// Adds `count` groups named A, B, C, … (tables 1, 2, 3, …) after any existing ones.
std::vector<Group> create_groups(EventStore& store, int count, int capacity);

struct GroupPlanOptions {
    AssignmentOptions assignment;
    bool keep_current = false;  // people already in a group stay there
    std::string spread_column;  // an imported column to spread evenly, "" for none
    bool dry_run = false;
    std::string editor = "organizer";
    std::int64_t wall_ms = 0;
};

struct GroupPlanMove {
    std::string participant_id;
    std::string name;
    std::string organization;
    std::string from_group;  // group names, "" when unplaced
    std::string to_group;
};

struct [[nodiscard]] GroupPlanResult {
    AssignmentQuality quality;
    std::vector<GroupPlanMove> moves;
    bool applied = false;
    std::string error;
    explicit operator bool() const { return error.empty(); }
};

// Seats every registered (not cancelled) participant; staff and guests are left out.
GroupPlanResult plan_groups(EventStore& store, const GroupPlanOptions& options);

}  // namespace uketsuke
