#include "kiosk/core/groups/rebalance.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "core/groups/seating_fixtures.hpp"
#include "support/random_roster.hpp"

namespace uketsuke {
namespace {

using namespace uketsuke::testing;

// --- best_group_for ---

TEST(BestGroupFor, PicksTheGroupWithFewestOfTheNewcomersOrganization) {
    const auto groups = make_groups(3);
    const std::vector<Seat> seated{person("A1", "A"), person("A2", "A"), person("B1", "B"),
                                   person("A3", "A"), person("C1", "C")};
    const Placement placement{{"A1", "G1"}, {"A2", "G2"}, {"B1", "G2"}, {"A3", "G3"}, {"C1", "G3"}};
    // Every group has one A; G1 is the smallest.
    EXPECT_EQ(best_group_for(person("A4", "A"), groups, placement, seated), "G1");
    // No B in G1 or G3; G1 is smaller.
    EXPECT_EQ(best_group_for(person("B2", "B"), groups, placement, seated), "G1");
    // C sits in G3 only; G1 is the smallest of the others.
    EXPECT_EQ(best_group_for(person("C2", "C"), groups, placement, seated), "G1");
}

TEST(BestGroupFor, TiesGoToTheSmallerGroupThenTheEarlierOne) {
    const auto groups = make_groups(3);
    const std::vector<Seat> seated{person("X1", "X"), person("Y1", "Y")};
    EXPECT_EQ(best_group_for(person("N", "Z"), groups, {{"X1", "G1"}, {"Y1", "G3"}}, seated), "G2");
    EXPECT_EQ(best_group_for(person("N", "Z"), groups, {{"X1", "G1"}}, seated), "G2");
    EXPECT_EQ(best_group_for(person("N", "Z"), groups, {}, seated), "G1");
}

TEST(BestGroupFor, SkipsFullGroupsAndReportsWhenAllAreFull) {
    const auto groups = make_groups(2, 1);
    const std::vector<Seat> seated{person("A1", "A"), person("B1", "B")};
    EXPECT_EQ(best_group_for(person("A2", "A"), groups, {{"A1", "G2"}}, seated), "G1");
    EXPECT_EQ(best_group_for(person("A2", "A"), groups, {{"A1", "G1"}}, seated), "G2");
    EXPECT_EQ(best_group_for(person("C1", "C"), groups, {{"A1", "G1"}, {"B1", "G2"}}, seated),
              std::nullopt);
}

TEST(BestGroupFor, NoShowsDoNotTakeSeats) {
    const auto groups = make_groups(2, 2);
    const std::vector<Seat> seated{person("A1", "A")};
    // B1 and B2 are placed in G1 but did not come.
    const Placement placement{{"A1", "G2"}, {"B1", "G1"}, {"B2", "G1"}};
    EXPECT_EQ(best_group_for(person("A2", "A"), groups, placement, seated), "G1");
}

TEST(BestGroupFor, FacilitatorGoesWhereThereIsNoneYet) {
    const auto groups = make_groups(2);
    const std::vector<Seat> seated{person("F1", "A", true), person("B1", "B"), person("C1", "C")};
    const Placement placement{{"F1", "G1"}, {"B1", "G2"}, {"C1", "G2"}};
    EXPECT_EQ(best_group_for(person("F2", "D", true), groups, placement, seated), "G2");
    EXPECT_EQ(best_group_for(person("D1", "D"), groups, placement, seated), "G1");
}

TEST(BestGroupFor, PinnedNewcomerGetsThePinnedGroupIfItHasRoom) {
    const auto groups = make_groups(2, 1);
    const std::vector<Seat> seated{person("A1", "A")};
    EXPECT_EQ(best_group_for(pinned("N", "B", "G2"), groups, {{"A1", "G1"}}, seated), "G2");
    EXPECT_EQ(best_group_for(pinned("N", "B", "G1"), groups, {{"A1", "G1"}}, seated), std::nullopt);
    EXPECT_EQ(best_group_for(pinned("N", "B", "G7"), groups, {}, seated), std::nullopt);
}

// --- propose_rebalance ---

// Applies moves, checking each starts where the person is.
Placement apply(Placement placement, const std::vector<Move>& moves) {
    for (const Move& move : moves) {
        auto it = std::find_if(placement.begin(), placement.end(),
                               [&](const auto& entry) { return entry.first == move.person_id; });
        EXPECT_NE(it, placement.end()) << move.person_id;
        if (it == placement.end()) continue;
        EXPECT_EQ(it->second, move.from_group) << move.person_id;
        it->second = move.to_group;
    }
    return placement;
}

// A planned seating of `seats` (from assign_groups), with everyone else in `present`.
std::vector<Seat> without(const std::vector<Seat>& seats, const std::set<std::string>& absent) {
    std::vector<Seat> kept;
    for (const Seat& seat : seats) {
        if (!absent.contains(seat.person_id)) kept.push_back(seat);
    }
    return kept;
}

TEST(Rebalance, UnevenAfterNoShowsBecomesBalanced) {
    const auto groups = make_groups(6);
    const auto seats = workshop_roster();
    const Assignment plan = assign_ok(groups, seats);
    // Three no-shows from the same group, none of them its facilitator.
    const std::string emptied = plan.placement.front().second;
    std::set<std::string> absent;
    for (std::size_t i = 0; i < seats.size() && absent.size() < 3; ++i) {
        if (plan.placement[i].second == emptied && !seats[i].facilitator) {
            absent.insert(seats[i].person_id);
        }
    }
    ASSERT_EQ(absent.size(), 3u);
    const auto present = without(seats, absent);
    const auto before = evaluate(groups, present, plan.placement);
    EXPECT_GE(before.max_size - before.min_size, 2);

    const auto moves = propose_rebalance(groups, plan.placement, present);
    const auto after = evaluate(groups, present, apply(plan.placement, moves));
    EXPECT_LE(after.max_size - after.min_size, 1);
    // 25 present over 6 groups: 5,4,4,4,4,4. The emptied group has 1 or 2 present; it needs 2 or 3.
    const int emptied_size =
        static_cast<int>(std::count_if(present.begin(), present.end(), [&](const Seat& seat) {
            return as_map(plan.placement).at(seat.person_id) == emptied;
        }));
    EXPECT_EQ(static_cast<int>(moves.size()), 4 - emptied_size);
    for (const Move& move : moves) {
        EXPECT_EQ(move.to_group, emptied);
        const auto seat = std::find_if(seats.begin(), seats.end(), [&](const Seat& s) {
            return s.person_id == move.person_id;
        });
        EXPECT_FALSE(seat->facilitator) << move.person_id;
    }
    EXPECT_LE(after.same_org_pairs, before.same_org_pairs + 1);
}

TEST(Rebalance, BalancedGroupsNeedNoMoves) {
    const auto groups = make_groups(3);
    const auto seats = roster_of({4, 3});
    const Placement placement{{"P1", "G1"}, {"P2", "G2"}, {"P3", "G3"}, {"P4", "G1"},
                              {"P5", "G2"}, {"P6", "G3"}, {"P7", "G3"}};
    EXPECT_TRUE(propose_rebalance(groups, placement, seats).empty());
}

TEST(Rebalance, NeverMovesFacilitatorsOrPinnedPeople) {
    const auto groups = make_groups(2);
    std::vector<Seat> present{person("F1", "A", true), pinned("P1", "B", "G1"),
                              pinned("P2", "C", "G1"), person("M1", "D"),
                              person("M2", "E"),       person("F2", "F", true)};
    const Placement placement{{"F1", "G1"}, {"P1", "G1"}, {"P2", "G1"},
                              {"M1", "G1"}, {"M2", "G1"}, {"F2", "G2"}};
    const auto moves = propose_rebalance(groups, placement, present);
    // 6 present: 3 and 3. G1 can only give M1 and M2, and gives exactly two.
    ASSERT_EQ(moves.size(), 2u);
    for (const Move& move : moves) {
        EXPECT_TRUE(move.person_id == "M1" || move.person_id == "M2") << move.person_id;
        EXPECT_EQ(move.to_group, "G2");
    }
    // Only immovable people left above the target: nothing to do.
    const Placement stuck{{"F1", "G1"}, {"P1", "G1"}, {"P2", "G1"}, {"F2", "G2"}};
    EXPECT_TRUE(propose_rebalance(groups, stuck, present).empty());
}

TEST(Rebalance, MovesThePersonThatAddsNoPair) {
    const auto groups = make_groups(2);
    const std::vector<Seat> present{person("A1", "A"), person("A2", "A"), person("B1", "B"),
                                    person("C1", "C"), person("B2", "B")};
    // G1: A1 A2 B1 C1, G2: B2. One move; B1 would join B2, A1 or C1 would not add a pair,
    // and A1 leaving also removes the A pair.
    const Placement placement{{"A1", "G1"}, {"A2", "G1"}, {"B1", "G1"}, {"C1", "G1"}, {"B2", "G2"}};
    const auto moves = propose_rebalance(groups, placement, present);
    ASSERT_EQ(moves.size(), 1u);
    EXPECT_EQ(moves[0], (Move{"A1", "G1", "G2"}));
}

TEST(Rebalance, RespectsCapacity) {
    const std::vector<GroupSlot> groups{{"G1", 0}, {"G2", 2}, {"G3", 0}};
    const auto present = roster_of({1, 1, 1, 1, 1, 1, 1, 1, 1});
    Placement placement;
    for (int i = 1; i <= 9; ++i) placement.emplace_back(numbered("P", i), "G1");
    const auto moves = propose_rebalance(groups, placement, present);
    const auto sizes = sizes_of(apply(placement, moves));
    EXPECT_EQ(sizes.at("G2"), 2);
    EXPECT_EQ(sizes.at("G1"), 4);  // the larger group keeps the odd person
    EXPECT_EQ(sizes.at("G3"), 3);
    EXPECT_EQ(moves.size(), 5u);
}

TEST(Rebalance, RandomSeatingsBalanceWithTheFewestMoves) {
    std::mt19937_64 random(31);
    for (int round = 0; round < 100; ++round) {
        const int group_count = 1 + static_cast<int>(random() % 8);
        const auto groups = make_groups(group_count);
        const auto seats =
            roster_of(random_sizes(random, 1 + static_cast<int>(random() % 50), 6, 12));
        Placement placement;
        for (const Seat& seat : seats) {
            // Skewed towards the first groups so there is something to fix.
            const int g = static_cast<int>(random() % group_count) * static_cast<int>(random() % 2);
            placement.emplace_back(seat.person_id, groups[g].id);
        }
        const auto moves = propose_rebalance(groups, placement, seats);
        const auto after = evaluate(groups, seats, apply(placement, moves));
        SCOPED_TRACE(numbered("round ", round));
        EXPECT_LE(after.max_size - after.min_size, 1);
        // Fewest moves: sizes sorted from largest keep L+1 for the first r, L for the rest.
        std::vector<int> sizes;
        for (const auto& group : groups) sizes.push_back(sizes_of(placement)[group.id]);
        std::sort(sizes.rbegin(), sizes.rend());
        const int level = static_cast<int>(seats.size()) / group_count;
        const int extra = static_cast<int>(seats.size()) % group_count;
        int needed = 0;
        for (int g = 0; g < group_count; ++g)
            needed += std::max(0, sizes[g] - level - (g < extra ? 1 : 0));
        EXPECT_EQ(static_cast<int>(moves.size()), needed);
    }
}

}  // namespace
}  // namespace uketsuke
