#pragma once
// Seating people at discussion groups (tables) so that they meet other organizations.
// Pure computation: no database, no clock except the safety-net time limit.
//
// assign_groups fixes group sizes first (as even as capacities and pins allow), then builds a
// greedy seating (largest organizations first, each person to the group with the fewest of their
// organization) and improves it by simulated annealing on swaps (seating_search.hpp). What it
// optimizes is the quality of seating_quality.hpp, in its order; rebalance.hpp has the small
// decisions for the kiosk on the day.
//
// What it doesn't do: weigh people's wishes, keep friends together, or look at tables' positions.

#include <cstdint>
#include <span>
#include <string>

#include "kiosk/core/groups/seating.hpp"
#include "kiosk/core/groups/seating_quality.hpp"
#include "kiosk/core/model/result.hpp"

namespace uketsuke {

struct AssignmentOptions {
    std::uint64_t seed = 1;
    bool spread = false;
    // Weigh the history passed to assign_groups: pairs who sat together before meet again as
    // rarely as the search finds, ahead of mixing organizations. Without it a history is only
    // reported (AssignmentQuality::repeated_pairs).
    bool avoid_repeats = false;
    // A safety net only: the search stops after a fixed number of iterations scaled to the
    // roster, so the result depends on the seed alone unless this limit is hit first.
    double time_limit_seconds = 1.5;
};

struct Assignment {
    Placement placement;  // in the order of the input seats
    AssignmentQuality quality;
};

// Everyone in `seats` is placed. Group sizes are fixed before the search by water-filling:
// groups at capacity stay full, the others differ by at most one (groups earlier in the list
// take the extra person); pins and the one-facilitator-per-group rule can force a group larger.
// Errors: no groups, duplicate ids, negative capacity, total capacity below the number of
// people, more facilitators than groups, a pin to an unknown group, a group whose pins exceed
// its capacity, two facilitators pinned to one group.
// The error is a sentence for the organizer.
// `history`: pairs who sat together in earlier sessions (a series); pairs naming someone not in
// `seats` are ignored, and so is a repeated pair.
Result<Assignment, std::string> assign_groups(std::span<const GroupSlot> groups,
                                              std::span<const Seat> seats,
                                              const AssignmentOptions& options = {},
                                              const PairHistory& history = {});

}  // namespace uketsuke
