#pragma once
// One person's move from group to group, as a seating plan or a rebalance proposes it
// (groups/group_planning.hpp) and as staff accept it on the kiosk.

#include <string>

namespace uketsuke {

struct GroupPlanMove {
    std::string participant_id;
    std::string name;
    std::string organization;
    std::string from_group;  // group names, "" when unplaced
    std::string to_group;
};

}  // namespace uketsuke
