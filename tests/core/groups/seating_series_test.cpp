// Seating a series with --avoid-repeats (assign_groups with a pair history): on random rosters
// the search never repeats more pairs than a simple greedy seating given the same history, never
// fewer than its lower bound, keeps one facilitator a table, and where zero repeats is reachable
// (36 people, 6 tables of 6, 3 sessions) it reaches zero.

#include "support/seating_series.hpp"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

#include "core/groups/seating_fixtures.hpp"
#include "kiosk/core/groups/assignment.hpp"

namespace uketsuke {
namespace {

using testing::add_pairs;
using testing::make_groups;
using testing::series_roster;

// The baseline: facilitators one to a table in order, then everyone in roster order to the
// table with room holding the fewest people they met before (then the fewest of their
// organization, then the first). Sizes as assign_groups makes them with unlimited capacity:
// even, the earlier tables taking the extra people.
Placement greedy_seating(const std::vector<GroupSlot>& groups, const std::vector<Seat>& seats,
                         const PairHistory& history) {
    const int tables = static_cast<int>(groups.size());
    const int n = static_cast<int>(seats.size());
    std::vector<int> target(tables, n / tables);
    for (int g = 0; g < n % tables; ++g) ++target[g];
    std::set<std::pair<std::string, std::string>> met(history.begin(), history.end());
    const auto have_met = [&](const std::string& a, const std::string& b) {
        return met.contains(std::minmax(a, b));
    };
    std::vector<std::vector<const Seat*>> at(tables);
    Placement placement;
    int next_facilitator_table = 0;
    for (const Seat& seat : seats) {
        if (!seat.facilitator) continue;
        at[next_facilitator_table].push_back(&seat);
        placement.emplace_back(seat.person_id, groups[next_facilitator_table++].id);
    }
    for (const Seat& seat : seats) {
        if (seat.facilitator) continue;
        int best = -1;
        std::pair<int, int> best_key{};
        for (int g = 0; g < tables; ++g) {
            if (static_cast<int>(at[g].size()) >= target[g]) continue;
            std::pair<int, int> key{0, 0};
            for (const Seat* other : at[g]) {
                key.first += have_met(seat.person_id, other->person_id) ? 1 : 0;
                key.second += other->organization == seat.organization ? 1 : 0;
            }
            if (best < 0 || key < best_key) {
                best = g;
                best_key = key;
            }
        }
        at[best].push_back(&seat);
        placement.emplace_back(seat.person_id, groups[best].id);
    }
    return placement;
}

void expect_one_facilitator_a_table(const std::vector<Seat>& seats, const Placement& placement) {
    std::map<std::string, bool> facilitator;
    for (const Seat& seat : seats) facilitator[seat.person_id] = seat.facilitator;
    std::map<std::string, int> per_table;
    for (const auto& [person, group] : placement) per_table[group] += facilitator[person] ? 1 : 0;
    for (const auto& [group, count] : per_table) EXPECT_EQ(count, 1) << group;
}

struct SeriesCase {
    int people;
    int tables;
    int sessions;
};

class SeatingSeries : public ::testing::TestWithParam<SeriesCase> {};

TEST_P(SeatingSeries, RepeatsNeverAboveTheGreedyBaselineNorBelowTheBound) {
    const SeriesCase c = GetParam();
    for (std::uint64_t seed = 1; seed <= 4; ++seed) {
        std::mt19937_64 random(seed * 7919 + static_cast<std::uint64_t>(c.people));
        const auto groups = make_groups(c.tables);
        const auto seats = series_roster(random, c.people, c.tables);
        PairHistory history;
        std::set<std::pair<std::string, std::string>> seen;
        for (int session = 0; session < c.sessions; ++session) {
            AssignmentOptions options;
            options.seed = seed + static_cast<std::uint64_t>(session);
            options.avoid_repeats = true;
            auto drawn = assign_groups(groups, seats, options, history);
            ASSERT_TRUE(drawn) << drawn.error();
            const AssignmentQuality& q = drawn.value().quality;
            const Placement greedy = greedy_seating(groups, seats, history);
            const int baseline = count_repeats(greedy, history);
            SCOPED_TRACE(::testing::Message()
                         << c.people << " people, seed " << seed << ", session " << session + 1);
            EXPECT_EQ(q.repeated_pairs, count_repeats(drawn.value().placement, history));
            EXPECT_LE(q.repeated_pairs, baseline);
            EXPECT_GE(q.repeated_pairs, q.repeat_lower_bound);
            EXPECT_LE(q.max_size - q.min_size, 1);
            expect_one_facilitator_a_table(seats, drawn.value().placement);
            add_pairs(drawn.value().placement, history, seen);
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Rosters, SeatingSeries,
                         ::testing::Values(SeriesCase{12, 3, 4}, SeriesCase{25, 5, 4},
                                           SeriesCase{40, 6, 5}, SeriesCase{64, 8, 5},
                                           SeriesCase{97, 12, 4}),
                         [](const auto& info) {
                             return std::to_string(info.param.people) + "People" +
                                    std::to_string(info.param.tables) + "Tables";
                         });

TEST(SeatingSeries, ThirtySixPeopleAtSixTablesOfSixMeetNobodyTwiceOverThreeSessions) {
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        std::mt19937_64 random(seed);
        const auto groups = make_groups(6, 6);
        const auto seats = series_roster(random, 36, 6);
        PairHistory history;
        std::set<std::pair<std::string, std::string>> seen;
        for (int session = 0; session < 3; ++session) {
            AssignmentOptions options;
            options.seed = seed;
            options.avoid_repeats = true;
            auto drawn = assign_groups(groups, seats, options, history);
            ASSERT_TRUE(drawn) << drawn.error();
            EXPECT_EQ(drawn.value().quality.repeat_lower_bound, 0);
            EXPECT_EQ(drawn.value().quality.repeated_pairs, 0)
                << "seed " << seed << ", session " << session + 1;
            expect_one_facilitator_a_table(seats, drawn.value().placement);
            add_pairs(drawn.value().placement, history, seen);
        }
        EXPECT_EQ(history.size(), 3u * 6u * 15u) << "every pair of every table is new";
    }
}

TEST(SeatingSeries, TheBoundCountsWhoMustMeetAgain) {
    // 4 people at 2 tables of 2: everyone has met everyone but one person, who is then the only
    // new tablemate possible, so 0; with all 6 pairs met, each table repeats: 2.
    const auto groups = make_groups(2, 2);
    const std::vector<Seat> seats{testing::person("a", ""), testing::person("b", ""),
                                  testing::person("c", ""), testing::person("d", "")};
    AssignmentOptions options;
    options.avoid_repeats = true;
    const PairHistory all_but_two{{"a", "b"}, {"a", "c"}, {"b", "d"}, {"c", "d"}};
    auto drawn = assign_groups(groups, seats, options, all_but_two);
    ASSERT_TRUE(drawn);
    EXPECT_EQ(drawn.value().quality.repeat_lower_bound, 0);
    EXPECT_EQ(drawn.value().quality.repeated_pairs, 0);
    PairHistory everyone = all_but_two;
    everyone.push_back({"a", "d"});
    everyone.push_back({"c", "b"});
    everyone.push_back({"b", "c"});  // listed twice: still one pair
    drawn = assign_groups(groups, seats, options, everyone);
    ASSERT_TRUE(drawn);
    EXPECT_EQ(drawn.value().quality.repeat_lower_bound, 2);
    EXPECT_EQ(drawn.value().quality.repeated_pairs, 2);
}

TEST(SeatingSeries, WithoutTheOptionAHistoryIsReportedNotAvoided) {
    // Three organizations of two at three tables, and history saying the organization-mixed
    // tables all met before: mixing organizations (the first goal without the option) repeats.
    const auto groups = make_groups(3, 2);
    const std::vector<Seat> seats{testing::person("a1", "A"), testing::person("a2", "A"),
                                  testing::person("b1", "B"), testing::person("b2", "B"),
                                  testing::person("c1", "C"), testing::person("c2", "C")};
    PairHistory history;
    for (const auto& x : {"a1", "a2"}) {
        for (const auto& y : {"b1", "b2", "c1", "c2"}) history.emplace_back(x, y);
    }
    for (const auto& x : {"b1", "b2"}) {
        for (const auto& y : {"c1", "c2"}) history.emplace_back(x, y);
    }
    auto mixed = assign_groups(groups, seats, {}, history);
    ASSERT_TRUE(mixed);
    EXPECT_EQ(mixed.value().quality.same_org_pairs, 0);
    EXPECT_EQ(mixed.value().quality.repeated_pairs, 3);
    AssignmentOptions avoid;
    avoid.avoid_repeats = true;
    auto fresh = assign_groups(groups, seats, avoid, history);
    ASSERT_TRUE(fresh);
    EXPECT_EQ(fresh.value().quality.repeated_pairs, 0) << "colleagues together, nobody repeated";
    EXPECT_EQ(fresh.value().quality.same_org_pairs, 3);
}

}  // namespace
}  // namespace uketsuke
