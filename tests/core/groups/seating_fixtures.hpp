#pragma once
// Groups, people and checks shared by the seating tests (assignment, quality, rebalance).

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/groups/assignment.hpp"

namespace uketsuke::testing {

// "G" + std::to_string(n) trips GCC 12's false -Wrestrict warning at -O3 (GCC bug 105329).
inline std::string numbered(std::string_view prefix, std::uint64_t n) {
    std::string text(prefix);
    text += std::to_string(n);
    return text;
}

inline std::vector<GroupSlot> make_groups(int count, int capacity = 0) {
    std::vector<GroupSlot> groups;
    for (int g = 1; g <= count; ++g) groups.push_back({numbered("G", g), capacity});
    return groups;
}

inline Seat person(std::string id, std::string organization, bool facilitator = false) {
    Seat seat;
    seat.person_id = std::move(id);
    seat.organization = std::move(organization);
    seat.facilitator = facilitator;
    return seat;
}

inline Seat pinned(std::string id, std::string organization, std::string group,
                   bool facilitator = false) {
    Seat seat = person(std::move(id), std::move(organization), facilitator);
    seat.pinned_group = std::move(group);
    return seat;
}

// People of organization "Org<o>" for each size, ids P1, P2, ... in organization order.
inline std::vector<Seat> roster_of(const std::vector<int>& organization_sizes) {
    std::vector<Seat> seats;
    for (std::size_t o = 0; o < organization_sizes.size(); ++o) {
        for (int i = 0; i < organization_sizes[o]; ++i) {
            seats.push_back(person(numbered("P", seats.size() + 1), numbered("Org", o + 1)));
        }
    }
    return seats;
}

inline std::map<std::string, std::string> as_map(const Placement& placement) {
    return {placement.begin(), placement.end()};
}

inline std::map<std::string, int> sizes_of(const Placement& placement) {
    std::map<std::string, int> sizes;
    for (const auto& [person_id, group_id] : placement) ++sizes[group_id];
    return sizes;
}

// Everything assign_groups promises, whatever the roster.
inline void expect_valid(std::span<const GroupSlot> groups, std::span<const Seat> seats,
                         const Assignment& assignment) {
    ASSERT_EQ(assignment.placement.size(), seats.size());
    std::map<std::string, int> size;
    std::map<std::string, int> facilitators;
    int facilitator_total = 0;
    for (std::size_t i = 0; i < seats.size(); ++i) {
        // Plain references, not a structured binding: clang 14 cannot capture those in a lambda.
        const std::string& person_id = assignment.placement[i].first;
        const std::string& group_id = assignment.placement[i].second;
        EXPECT_EQ(person_id, seats[i].person_id) << "placement keeps the input order";
        EXPECT_TRUE(std::any_of(groups.begin(), groups.end(),
                                [&](const GroupSlot& g) { return g.id == group_id; }));
        if (seats[i].pinned_group) {
            EXPECT_EQ(group_id, *seats[i].pinned_group) << person_id;
        }
        ++size[group_id];
        if (seats[i].facilitator) {
            ++facilitators[group_id];
            ++facilitator_total;
        }
    }
    for (const GroupSlot& group : groups) {
        if (group.capacity > 0) {
            EXPECT_LE(size[group.id], group.capacity) << group.id;
        }
        EXPECT_LE(facilitators[group.id], 1) << group.id;
        if (facilitator_total == static_cast<int>(groups.size())) {
            EXPECT_EQ(facilitators[group.id], 1) << group.id;
        }
    }
    EXPECT_GE(assignment.quality.same_org_pairs, assignment.quality.lower_bound);
    EXPECT_EQ(assignment.quality, evaluate(groups, seats, assignment.placement));
}

inline Assignment assign_ok(std::span<const GroupSlot> groups, std::span<const Seat> seats,
                            const AssignmentOptions& options = {}) {
    auto result = assign_groups(groups, seats, options);
    if (!result) {
        ADD_FAILURE() << result.error();
        return {};
    }
    expect_valid(groups, seats, result.value());
    return result.value();
}

// The typical workshop: 28 staff of 9 municipalities, one sending 8, in 6 groups, each with a
// facilitator from a different municipality (one of them from the big one).
inline std::vector<Seat> workshop_roster() {
    std::vector<Seat> seats = roster_of({8, 3, 3, 3, 3, 2, 2, 2, 2});
    std::set<std::string> facilitating;
    for (Seat& seat : seats) {
        if (facilitating.size() < 6 && facilitating.insert(seat.organization).second) {
            seat.facilitator = true;
        }
    }
    return seats;
}

}  // namespace uketsuke::testing
