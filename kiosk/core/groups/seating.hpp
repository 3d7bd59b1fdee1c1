#pragma once
// The people and groups a seating is about, as the seating functions see them: ids, capacities,
// organizations, facilitators and pins. No database: group_planning.hpp builds these from the
// event.

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace uketsuke {

struct GroupSlot {
    std::string id;
    int capacity = 0;  // 0 = unlimited
};

struct Seat {
    std::string person_id;
    std::string organization;  // "" = unknown, never counted as a pair
    bool facilitator = false;
    std::optional<std::string> pinned_group;
    std::string spread_value;  // an attribute to spread evenly (e.g. "newcomer"); "" = none
};

// person id → group id.
using Placement = std::vector<std::pair<std::string, std::string>>;

}  // namespace uketsuke
