#pragma once
// How good a seating is, for any placement, so the CLI can report the current one honestly and
// assign_groups can keep the best it finds.
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

#include <span>
#include <string>
#include <utility>
#include <vector>

#include "kiosk/core/groups/seating.hpp"

namespace uketsuke {

struct AssignmentQuality {
    int same_org_pairs = 0;
    // Sum over organizations of the pairs left when each is spread evenly over all groups,
    // ignoring capacities and pins (which can raise the true optimum above it).
    int lower_bound = 0;
    int min_size = 0;
    int max_size = 0;
    int facilitators_with_own_org = 0;
    // With a history of earlier sessions (assign_groups' PairHistory): pairs seated together
    // again, and a lower bound on them for these people and group sizes (seating_search.cpp
    // says why it is one). Both 0 without a history.
    int repeated_pairs = 0;
    int repeat_lower_bound = 0;
    int spread_penalty = 0;
    // No group over capacity, and the largest group exceeds every group that still has a free
    // seat by at most one.
    bool sizes_balanced = true;

    friend bool operator==(const AssignmentQuality&, const AssignmentQuality&) = default;
};

// Quality of any placement. Only entries whose person is in `seats` and whose group is in
// `groups` count, so passing only the people present gives the quality of the room as it is.
// The lower bound is over the people counted.
// Pairs of people (ids) who sat at one table in an earlier session, each pair once.
using PairHistory = std::vector<std::pair<std::string, std::string>>;

// How many pairs of `history` the placement seats in one group.
[[nodiscard]] int count_repeats(const Placement& placement, const PairHistory& history);

[[nodiscard]] AssignmentQuality evaluate(std::span<const GroupSlot> groups,
                                         std::span<const Seat> seats, const Placement& placement);

}  // namespace uketsuke
