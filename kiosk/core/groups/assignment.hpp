#pragma once
// Seating people at discussion groups (tables) so that they meet other organizations.
// Pure computation: no database, no clock except the safety-net time limit.
//
// What it does:
// - assign_groups: fixes group sizes first (as even as capacities and pins allow), then builds
//   a greedy seating (largest organizations first, each person to the group with the fewest of
//   their organization) and improves it by simulated annealing on swaps.
// - evaluate: the quality of any seating, so the CLI can report the current one honestly.
// - best_group_for / propose_rebalance: small decisions for the kiosk on the day.
//
// Objectives, in this order (compared lexicographically when keeping the best seating):
// 1. same_org_pairs: an organization with k people in one group adds k(k-1)/2. Facilitators count
//    with their organization. An empty organization means "unknown" and never forms pairs.
// 2. facilitators_with_own_org: facilitators who share their group with someone of their own
//    organization.
// 3. spread_penalty (only optimized with AssignmentOptions::spread): for every spread value v with
//    n people over G groups, sum over groups of count² minus the same sum for the most even split
//    (n % G groups with n/G + 1, the rest n/G). Zero means every group holds ⌊n/G⌋ or ⌈n/G⌉ of
//    every value; moving one person from a crowded group to a sparse one lowers it by ≥ 2.
//
// What it doesn't do: weigh people's wishes, keep friends together, or look at tables' positions.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "kiosk/core/model/result.hpp"

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

struct AssignmentOptions {
    std::uint64_t seed = 1;
    bool spread = false;
    // A safety net only: the search stops after a fixed number of iterations scaled to the
    // roster, so the result depends on the seed alone unless this limit is hit first.
    double time_limit_seconds = 1.5;
};

struct AssignmentQuality {
    int same_org_pairs = 0;
    // Sum over organizations of the pairs left when each is spread evenly over all groups,
    // ignoring capacities and pins (which can raise the true optimum above it).
    int lower_bound = 0;
    int min_size = 0;
    int max_size = 0;
    int facilitators_with_own_org = 0;
    int spread_penalty = 0;
    // No group over capacity, and the largest group exceeds every group that still has a free
    // seat by at most one.
    bool sizes_balanced = true;

    friend bool operator==(const AssignmentQuality&, const AssignmentQuality&) = default;
};

// person id → group id.
using Placement = std::vector<std::pair<std::string, std::string>>;

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
Result<Assignment, std::string> assign_groups(std::span<const GroupSlot> groups,
                                              std::span<const Seat> seats,
                                              const AssignmentOptions& options = {});

// Quality of any placement. Only entries whose person is in `seats` and whose group is in
// `groups` count, so passing only the people present gives the quality of the room as it is.
// The lower bound is over the people counted.
[[nodiscard]] AssignmentQuality evaluate(std::span<const GroupSlot> groups,
                                         std::span<const Seat> seats, const Placement& placement);

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
