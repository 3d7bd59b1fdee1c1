#pragma once
// The search behind assign_groups once group sizes are fixed: a greedy seating (largest
// organizations first, each person to the group with the fewest people they met before, then
// the fewest of their organization), improved by simulated annealing on swaps of two people.
// Internal to kiosk/core/groups.

#include <cstdint>
#include <vector>

#include "kiosk/core/groups/assignment.hpp"
#include "kiosk/core/groups/seating_math.hpp"

namespace uketsuke::seating {

struct Person {
    int org = kNone;
    int value = kNone;  // spread value, kNone when not spreading
    bool facilitator = false;
    int pinned = kNone;
};

struct Problem {
    int groups = 0;
    int orgs = 0;
    int values = 0;
    std::vector<Person> people;
    std::vector<int> target;             // size of each group
    std::vector<bool> facilitator_slot;  // groups that start with an unpinned facilitator
    // For each person, the people they sat with in earlier sessions (indices, each once):
    // sitting together again costs one repeated pair, weighed before same-organization pairs.
    // Empty: no history to avoid.
    std::vector<std::vector<int>> met;
    std::int64_t repeat_bound = 0;  // a lower bound on repeated pairs: the search stops there
};

// Fewest repeated pairs any seating of these people at groups of these sizes can have, given
// who met whom (Problem::met). See the definition for why it is a true bound.
std::int64_t repeat_lower_bound(const std::vector<std::vector<int>>& met,
                                const std::vector<int>& target);

// The group of every person (indices into problem.people), everyone seated within the targets.
// Stops at the ideal (every organization and spread value as even as the groups allow) or when
// the iterations scaled to the roster, or options.time_limit_seconds, run out.
std::vector<int> search_seating(const Problem& problem, const AssignmentOptions& options);

}  // namespace uketsuke::seating
