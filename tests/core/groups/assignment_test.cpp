#include "kiosk/core/groups/assignment.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "core/groups/seating_fixtures.hpp"
#include "support/random_roster.hpp"

namespace uketsuke {
namespace {

using namespace uketsuke::testing;

std::string error_of(std::span<const GroupSlot> groups, std::span<const Seat> seats) {
    auto result = assign_groups(groups, seats, {});
    if (result) return "(no error)";
    return result.error();
}

// --- assign_groups ---

TEST(AssignGroups, OrganizationOfEightOverSixGroupsHasBoundTwo) {
    const auto groups = make_groups(6);
    const auto seats = roster_of({8, 4, 4, 4, 4, 4});
    const Assignment assignment = assign_ok(groups, seats);
    EXPECT_EQ(assignment.quality.lower_bound, 2);
    EXPECT_EQ(assignment.quality.same_org_pairs, 2);
    EXPECT_EQ(assignment.quality.min_size, 4);
    EXPECT_EQ(assignment.quality.max_size, 5);
    EXPECT_TRUE(assignment.quality.sizes_balanced);
}

TEST(AssignGroups, SmallBoundsByHand) {
    // 13 over 4 groups: 4,3,3,3 → 6+3+3+3 = 15; 3 over 4 groups: 0.
    EXPECT_EQ(assign_ok(make_groups(4), roster_of({13, 3})).quality.lower_bound, 15);
    // 5 over 2 groups: 3,2 → 3+1 = 4, twice.
    EXPECT_EQ(assign_ok(make_groups(2), roster_of({5, 5})).quality.lower_bound, 8);
    const Assignment one_group = assign_ok(make_groups(1), roster_of({3, 2, 1}));
    EXPECT_EQ(one_group.quality.same_org_pairs, 3 + 1);
    EXPECT_EQ(one_group.quality.lower_bound, 4);
}

TEST(AssignGroups, WorkshopRosterReachesLowerBound) {
    const auto groups = make_groups(6);
    auto seats = workshop_roster();
    std::mt19937_64 random(5);
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        std::shuffle(seats.begin(), seats.end(), random);
        AssignmentOptions options;
        options.seed = seed;
        const Assignment assignment = assign_ok(groups, seats, options);
        EXPECT_EQ(assignment.quality.lower_bound, 2);
        EXPECT_EQ(assignment.quality.same_org_pairs, 2) << "seed " << seed;
        EXPECT_EQ(assignment.quality.facilitators_with_own_org, 0) << "seed " << seed;
        EXPECT_EQ(assignment.quality.min_size, 4);
        EXPECT_EQ(assignment.quality.max_size, 5);
    }
}

TEST(AssignGroups, ThreeHundredPeopleFromSixtyOrganizationsReachLowerBound) {
    const auto groups = make_groups(40);
    for (std::uint64_t roster = 1; roster <= 5; ++roster) {
        std::mt19937_64 random(roster);
        auto seats = roster_of(random_sizes(random, 300, 60, 12));
        std::shuffle(seats.begin(), seats.end(), random);
        // One facilitator per group, the first 40 people in shuffled order.
        for (int i = 0; i < 40; ++i) seats[i].facilitator = true;
        AssignmentOptions options;
        options.seed = roster;
        const Assignment assignment = assign_ok(groups, seats, options);
        EXPECT_EQ(assignment.quality.same_org_pairs, assignment.quality.lower_bound)
            << "roster " << roster;
        EXPECT_EQ(assignment.quality.min_size, 7);
        EXPECT_EQ(assignment.quality.max_size, 8);
    }
}

TEST(AssignGroups, LargeOrganizationsReachTheirPositiveBound) {
    // 120 people from 4 organizations over 10 groups: each organization must share groups.
    const auto groups = make_groups(10);
    auto seats = roster_of({50, 35, 20, 15});
    std::mt19937_64 random(9);
    std::shuffle(seats.begin(), seats.end(), random);
    const Assignment assignment = assign_ok(groups, seats);
    // 50: 5 each → 10·10; 35: 4,4,4,4,4,3,3,3,3,3 → 5·6 + 5·3; 20: 2 each → 10; 15: 5·1.
    EXPECT_EQ(assignment.quality.lower_bound, 100 + 45 + 10 + 5);
    EXPECT_EQ(assignment.quality.same_org_pairs, assignment.quality.lower_bound);
}

TEST(AssignGroups, PropertiesHoldOnRandomRosters) {
    std::mt19937_64 random(2024);
    int reached_bound = 0;
    int without_pins = 0;
    for (int round = 0; round < 150; ++round) {
        const int group_count = 1 + static_cast<int>(random() % 10);
        const int people = static_cast<int>(random() % 70);
        const int organizations = 1 + static_cast<int>(random() % 12);
        const int per_group = (people + group_count - 1) / group_count;
        std::vector<GroupSlot> groups;
        for (int g = 1; g <= group_count; ++g) {
            // Unlimited, or at least the even share so that balanced sizes stay possible.
            const int capacity = random() % 2 == 0 ? 0 : per_group + static_cast<int>(random() % 3);
            groups.push_back({numbered("T", g), capacity});
        }
        std::vector<Seat> seats;
        for (int i = 0; i < people; ++i) {
            Seat seat = person(numbered("P", i),
                               random() % 10 == 0 ? "" : numbered("O", random() % organizations));
            seat.spread_value = random() % 3 == 0 ? "new" : (random() % 2 == 0 ? "old" : "");
            seats.push_back(seat);
        }
        const int facilitators =
            std::min<int>(people, static_cast<int>(random() % (group_count + 1)));
        for (int i = 0; i < facilitators; ++i) seats[i].facilitator = true;
        // A few pins, fewer than the smaller even share per group (leaving a seat for a
        // facilitator), one facilitator each.
        std::map<std::string, int> pins;
        std::set<std::string> pinned_facilitator;
        const bool pin_some = random() % 2 == 0;
        for (Seat& seat : seats) {
            if (!pin_some || random() % 8 != 0) continue;
            const std::string group = groups[random() % group_count].id;
            if (pins[group] + 1 > people / group_count - 1) continue;
            if (seat.facilitator && !pinned_facilitator.insert(group).second) continue;
            ++pins[group];
            seat.pinned_group = group;
        }
        std::shuffle(seats.begin(), seats.end(), random);

        AssignmentOptions options;
        options.seed = random();
        options.spread = random() % 2 == 0;
        SCOPED_TRACE(numbered("round ", round));
        const Assignment first = assign_ok(groups, seats, options);
        EXPECT_TRUE(first.quality.sizes_balanced);
        EXPECT_LE(first.quality.max_size - first.quality.min_size, 1);
        const Assignment again = assign_ok(groups, seats, options);
        EXPECT_EQ(first.placement, again.placement) << "same seed, same seating";
        if (!pin_some) {
            ++without_pins;
            if (first.quality.same_org_pairs == first.quality.lower_bound) ++reached_bound;
        }
    }
    // Without pins the bound is nearly always reachable; the search should find it.
    EXPECT_GE(reached_bound * 10, without_pins * 9) << reached_bound << " of " << without_pins;
}

TEST(AssignGroups, TightCapacitiesFillSmallTablesAndEvenOutTheRest) {
    const std::vector<GroupSlot> groups{{"Small", 4}, {"Big1", 10}, {"Big2", 10}};
    const auto seats = roster_of({7, 7, 7});
    const Assignment assignment = assign_ok(groups, seats);
    const auto sizes = sizes_of(assignment.placement);
    EXPECT_EQ(sizes.at("Small"), 4);
    EXPECT_EQ(sizes.at("Big1"), 9);  // the earlier group takes the odd person
    EXPECT_EQ(sizes.at("Big2"), 8);
    EXPECT_TRUE(assignment.quality.sizes_balanced);
    EXPECT_EQ(assignment.quality.max_size - assignment.quality.min_size, 5);
}

TEST(AssignGroups, RandomTightCapacitiesAreRespected) {
    std::mt19937_64 random(77);
    for (int round = 0; round < 40; ++round) {
        std::vector<GroupSlot> groups;
        int seats_total = 0;
        for (int g = 1; g <= 6; ++g) {
            const int capacity = 1 + static_cast<int>(random() % 9);
            seats_total += capacity;
            groups.push_back({numbered("G", g), capacity});
        }
        const auto seats =
            roster_of(random_sizes(random, seats_total - static_cast<int>(random() % 4), 5, 12));
        AssignmentOptions options;
        options.seed = random();
        SCOPED_TRACE(numbered("round ", round));
        EXPECT_TRUE(assign_ok(groups, seats, options).quality.sizes_balanced);
    }
}

TEST(AssignGroups, FacilitatorsAvoidTheirOwnOrganization) {
    // Org1 has 6 people over 3 groups: every group gets two of them unless... no: 2 each is
    // forced, so its facilitator must sit with a colleague; Org2's facilitator need not.
    const auto groups = make_groups(3);
    std::vector<Seat> seats = roster_of({6, 3, 3, 3});
    seats[0].facilitator = true;  // Org1
    seats[6].facilitator = true;  // Org2
    seats[9].facilitator = true;  // Org3
    const Assignment assignment = assign_ok(groups, seats);
    EXPECT_EQ(assignment.quality.same_org_pairs, 3);
    EXPECT_EQ(assignment.quality.facilitators_with_own_org, 1);
}

TEST(AssignGroups, FewerFacilitatorsThanGroupsSitApart) {
    const auto groups = make_groups(5);
    std::vector<Seat> seats = roster_of({5, 5, 5, 5});
    seats[0].facilitator = true;
    seats[1].facilitator = true;
    seats[5].facilitator = true;
    const Assignment assignment = assign_ok(groups, seats);
    std::set<std::string> facilitated;
    for (std::size_t i : {0u, 1u, 5u}) facilitated.insert(assignment.placement[i].second);
    EXPECT_EQ(facilitated.size(), 3u);
}

TEST(AssignGroups, PinsStayAndCanRaiseTheOptimumAboveTheBound) {
    const auto groups = make_groups(3);
    std::vector<Seat> seats = roster_of({3, 3, 3});
    for (int i = 0; i < 3; ++i) seats[i].pinned_group = "G2";
    const Assignment assignment = assign_ok(groups, seats);
    EXPECT_EQ(assignment.quality.lower_bound, 0);
    // G2 holds Org1's 3 pairs; Org2 and Org3 share G1 and G3 as 2+1 and 1+2: one pair each.
    EXPECT_EQ(assignment.quality.same_org_pairs, 3 + 2);
}

TEST(AssignGroups, PinnedFacilitatorKeepsTheGroupsOthersGoElsewhere) {
    const auto groups = make_groups(3);
    std::vector<Seat> seats = roster_of({3, 3, 3});
    seats[0] = pinned("P1", "Org1", "G3", true);
    seats[3].facilitator = true;
    seats[6].facilitator = true;
    const auto placement = as_map(assign_ok(groups, seats).placement);
    EXPECT_EQ(placement.at("P1"), "G3");
    EXPECT_NE(placement.at("P4"), "G3");
    EXPECT_NE(placement.at("P7"), "G3");
}

TEST(AssignGroups, UnknownOrganizationFormsNoPairs) {
    const auto groups = make_groups(2);
    const std::vector<Seat> seats{person("A", ""), person("B", ""), person("C", ""),
                                  person("D", "")};
    const Assignment assignment = assign_ok(groups, seats);
    EXPECT_EQ(assignment.quality.same_org_pairs, 0);
    EXPECT_EQ(assignment.quality.lower_bound, 0);
}

TEST(AssignGroups, SpreadEvensOutTheAttribute) {
    const auto groups = make_groups(4);
    std::vector<Seat> seats;
    for (int i = 0; i < 24; ++i) {
        Seat seat = person(numbered("P", i), numbered("Org", i % 6));
        seat.spread_value = i < 8 ? "first-time" : "returning";
        seats.push_back(seat);
    }
    AssignmentOptions options;
    options.spread = true;
    const Assignment assignment = assign_ok(groups, seats, options);
    EXPECT_EQ(assignment.quality.same_org_pairs, assignment.quality.lower_bound);
    EXPECT_EQ(assignment.quality.spread_penalty, 0);
    std::map<std::string, int> first_timers;
    for (int i = 0; i < 8; ++i) ++first_timers[assignment.placement[i].second];
    for (const auto& group : groups) EXPECT_EQ(first_timers[group.id], 2) << group.id;
}

TEST(AssignGroups, NoPeopleIsAnEmptySeating) {
    const auto groups = make_groups(3);
    const Assignment assignment = assign_ok(groups, {});
    EXPECT_TRUE(assignment.placement.empty());
    EXPECT_EQ(assignment.quality.max_size, 0);
}

TEST(AssignGroups, ErrorsSayWhatIsWrong) {
    // 30 people, 6 tables of 4 and 4 more: 28 seats.
    std::vector<GroupSlot> small = make_groups(6, 4);
    small[0].capacity = 6;
    small[1].capacity = 6;
    EXPECT_EQ(error_of(small, roster_of({10, 10, 10})), "30 people but only 28 seats in 6 groups");
    EXPECT_EQ(error_of(make_groups(1, 1), roster_of({2})), "2 people but only 1 seat in 1 group");

    std::vector<Seat> seven = roster_of({7, 7});
    for (int i = 0; i < 7; ++i) seven[i * 2].facilitator = true;
    EXPECT_EQ(error_of(make_groups(6), seven),
              "7 facilitators but only 6 groups: each group takes one facilitator");

    std::vector<Seat> stray = roster_of({3});
    stray[2].pinned_group = "G9";
    EXPECT_EQ(error_of(make_groups(2), stray), "person P3 is pinned to unknown group G9");

    std::vector<Seat> crowded = roster_of({3});
    for (Seat& seat : crowded) seat.pinned_group = "G1";
    EXPECT_EQ(error_of(make_groups(2, 2), crowded),
              "group G1 has 2 seats but 3 people are pinned to it");

    const std::vector<Seat> two_leads{pinned("F1", "A", "G1", true), pinned("F2", "B", "G1", true)};
    EXPECT_EQ(error_of(make_groups(2), two_leads),
              "facilitators F1 and F2 are both pinned to group G1");

    EXPECT_EQ(error_of({}, roster_of({3})), "no groups to seat 3 people in");

    const std::vector<GroupSlot> twice{{"G1", 0}, {"G1", 0}};
    EXPECT_EQ(error_of(twice, roster_of({1})), "group G1 appears twice");

    const std::vector<Seat> same{person("P1", "A"), person("P1", "B")};
    EXPECT_EQ(error_of(make_groups(2), same), "person P1 appears twice");

    EXPECT_EQ(error_of(make_groups(1, -1), roster_of({1})),
              "group G1 has a negative capacity (-1)");

    // Every group needs a facilitator, but G1's two seats are taken by pins.
    std::vector<Seat> no_room{pinned("P1", "A", "G1"), pinned("P2", "B", "G1"),
                              person("F1", "C", true), person("F2", "D", true)};
    EXPECT_EQ(error_of({{{"G1", 2}, {"G2", 0}}}, no_room),
              "group G1 has 2 seats, all taken by pinned people, leaving none for its facilitator");

    // Fewer facilitators than groups, but only G3 has a seat left after the pins.
    const std::vector<GroupSlot> full{{"G1", 1}, {"G2", 1}, {"G3", 2}};
    const std::vector<Seat> leads{pinned("P1", "A", "G1"), pinned("P2", "B", "G2"),
                                  person("F1", "C", true), person("F2", "D", true)};
    EXPECT_EQ(error_of(full, leads),
              "2 facilitators need a group each, but only 1 group has a free seat for one");
}

}  // namespace
}  // namespace uketsuke
