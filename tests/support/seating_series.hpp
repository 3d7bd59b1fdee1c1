#pragma once
// A made-up series for the seating tests and benchmark: a roster with organizations and one
// facilitator per table, and the pairs each drawn seating adds to the history.

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "kiosk/core/groups/assignment.hpp"
#include "support/random_roster.hpp"

namespace uketsuke::testing {

// `people` people of about people / 4 organizations (up to 8 each), the first `facilitators` of
// them facilitators, in a shuffled order so organizations do not come in runs.
inline std::vector<Seat> series_roster(std::mt19937_64& random, int people, int facilitators) {
    const std::vector<int> sizes = random_sizes(random, people, std::max(1, people / 4), 8);
    std::vector<std::string> organizations;
    for (std::size_t o = 0; o < sizes.size(); ++o) {
        for (int i = 0; i < sizes[o]; ++i) organizations.push_back("Org " + std::to_string(o));
    }
    std::shuffle(organizations.begin(), organizations.end(), random);
    std::vector<Seat> seats;
    for (int p = 0; p < people; ++p) {
        Seat seat;
        seat.person_id = "P" + std::to_string(p);
        seat.organization = organizations[static_cast<std::size_t>(p)];
        seat.facilitator = p < facilitators;
        seats.push_back(std::move(seat));
    }
    return seats;
}

// Adds the pairs the placement seats together to `history` (each pair once over the series).
inline void add_pairs(const Placement& placement, PairHistory& history,
                      std::set<std::pair<std::string, std::string>>& seen) {
    std::vector<std::pair<std::string, std::string>> by_group;  // (group, person)
    for (const auto& [person, group] : placement) by_group.emplace_back(group, person);
    std::sort(by_group.begin(), by_group.end());
    for (std::size_t i = 0; i < by_group.size(); ++i) {
        for (std::size_t j = i + 1; j < by_group.size() && by_group[j].first == by_group[i].first;
             ++j) {
            const auto pair = std::minmax(by_group[i].second, by_group[j].second);
            if (seen.emplace(pair.first, pair.second).second) history.emplace_back(pair);
        }
    }
}

}  // namespace uketsuke::testing
