#pragma once
// Small seating decisions for the kiosk on the day: a group for a walk-in, and the fewest moves
// that even out the groups of the people who came. Pure computation over seating.hpp's values.

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "kiosk/core/groups/seating.hpp"

namespace uketsuke {

// A group for a walk-in: one with a free seat and the fewest people of the newcomer's
// organization; ties go to the smaller group, then the earlier one. Only people in `seated`
// take seats (no-shows in `current_placement` don't). A facilitator goes to a group without one
// when such a group has room. A newcomer pinned to a known group gets that group if it has room.
// nullopt when every group is full (or the pinned group is full or unknown).
[[nodiscard]] std::optional<std::string> best_group_for(const Seat& newcomer,
                                                        std::span<const GroupSlot> groups,
                                                        const Placement& current_placement,
                                                        std::span<const Seat> seated);

struct Move {
    std::string person_id;
    std::string from_group;
    std::string to_group;

    friend bool operator==(const Move&, const Move&) = default;
};

// Moves that even out the groups of the people present: sizes within one of each other where
// pins, facilitators and capacities allow, with the fewest moves that achieve it, each chosen to
// add as few same-organization pairs as possible. Facilitators and pinned people never move.
// People absent from `present`, or present but not in `placement`, are left out.
[[nodiscard]] std::vector<Move> propose_rebalance(std::span<const GroupSlot> groups,
                                                  const Placement& placement,
                                                  std::span<const Seat> present);

}  // namespace uketsuke
