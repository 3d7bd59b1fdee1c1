#include "kiosk/core/groups/seating_quality.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "core/groups/seating_fixtures.hpp"

namespace uketsuke {
namespace {

using namespace uketsuke::testing;

// --- evaluate ---

TEST(AssignEvaluate, CountsPairsFacilitatorsSizesAndSpread) {
    const auto groups = make_groups(3);
    std::vector<Seat> seats{person("A1", "A", true), person("A2", "A"), person("A3", "A"),
                            person("B1", "B", true), person("B2", "B"), person("C1", "C")};
    seats[1].spread_value = "x";
    seats[2].spread_value = "x";
    const Placement placement{{"A1", "G1"}, {"A2", "G1"}, {"A3", "G1"},
                              {"B1", "G2"}, {"C1", "G2"}, {"B2", "G3"}};
    const AssignmentQuality quality = evaluate(groups, seats, placement);
    EXPECT_EQ(quality.same_org_pairs, 3);
    EXPECT_EQ(quality.lower_bound, 0);
    EXPECT_EQ(quality.facilitators_with_own_org, 1);
    EXPECT_EQ(quality.min_size, 1);
    EXPECT_EQ(quality.max_size, 3);
    EXPECT_FALSE(quality.sizes_balanced);
    // Two "x" in one group: 2² = 4 against 1 + 1 = 2 for an even split.
    EXPECT_EQ(quality.spread_penalty, 2);
}

TEST(AssignEvaluate, CountsOnlyKnownPeopleAndGroups) {
    const auto groups = make_groups(2);
    const std::vector<Seat> present{person("A1", "A"), person("A2", "A")};
    const Placement placement{{"A1", "G1"}, {"A2", "G1"}, {"A3", "G1"}, {"A1", "G2"}, {"B1", "G9"}};
    const AssignmentQuality quality = evaluate(groups, present, placement);
    EXPECT_EQ(quality.same_org_pairs, 1);
    EXPECT_EQ(quality.max_size, 2);
    EXPECT_EQ(quality.min_size, 0);
}

TEST(AssignEvaluate, FullSmallGroupStillCountsAsBalanced) {
    const std::vector<GroupSlot> groups{{"S", 2}, {"L", 0}};
    const std::vector<Seat> seats = roster_of({1, 1, 1, 1, 1, 1});
    const Placement placement{{"P1", "S"}, {"P2", "S"}, {"P3", "L"},
                              {"P4", "L"}, {"P5", "L"}, {"P6", "L"}};
    EXPECT_TRUE(evaluate(groups, seats, placement).sizes_balanced);
    const Placement over{{"P1", "S"}, {"P2", "S"}, {"P3", "S"}};
    EXPECT_FALSE(evaluate(groups, seats, over).sizes_balanced);
}

}  // namespace
}  // namespace uketsuke
