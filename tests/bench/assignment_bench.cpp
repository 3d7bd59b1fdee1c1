// Group assignment on the reference rosters: 300 people from 60 organizations over 40 groups,
// and 2,000 people from 200 organizations over 200 groups (budget: 2 s on the 2-core machine).
// The counters show how close each seating is to the lower bound.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/groups/assignment.hpp"
#include "support/random_roster.hpp"

namespace {

using uketsuke::GroupSlot;
using uketsuke::Seat;

struct Roster {
    std::vector<GroupSlot> groups;
    std::vector<Seat> seats;
};

// "G" + std::to_string(n) trips GCC 12's false -Wrestrict warning at -O3 (GCC bug 105329).
std::string numbered(std::string_view prefix, std::uint64_t n) {
    std::string text(prefix);
    text += std::to_string(n);
    return text;
}

Roster make_roster(int people, int organizations, int largest, int groups, bool facilitators,
                   std::uint64_t seed) {
    std::mt19937_64 random(seed);
    const std::vector<int> sizes =
        uketsuke::testing::random_sizes(random, people, organizations, largest);
    Roster roster;
    for (int g = 0; g < groups; ++g) roster.groups.push_back({numbered("G", g + 1), 0});
    for (int o = 0; o < organizations; ++o) {
        for (int i = 0; i < sizes[o]; ++i) {
            Seat seat;
            seat.person_id = numbered("P", roster.seats.size() + 1);
            seat.organization = numbered("Org", o + 1);
            roster.seats.push_back(seat);
        }
    }
    std::shuffle(roster.seats.begin(), roster.seats.end(), random);
    // First person of each of the first `groups` organizations facilitates.
    if (facilitators) {
        std::vector<bool> taken(organizations, false);
        int count = 0;
        for (Seat& seat : roster.seats) {
            const int o = std::stoi(seat.organization.substr(3)) - 1;
            if (count < groups && !taken[o]) {
                seat.facilitator = true;
                taken[o] = true;
                ++count;
            }
        }
    }
    return roster;
}

void run(benchmark::State& state, const Roster& roster) {
    uketsuke::AssignmentQuality quality;
    for (auto _ : state) {
        auto result = uketsuke::assign_groups(roster.groups, roster.seats, {});
        if (!result) {
            state.SkipWithError(result.error().c_str());
            return;
        }
        quality = result.value().quality;
        benchmark::DoNotOptimize(quality);
    }
    state.counters["same_org_pairs"] = quality.same_org_pairs;
    state.counters["lower_bound"] = quality.lower_bound;
    state.counters["facilitators_with_own_org"] = quality.facilitators_with_own_org;
    state.counters["size_spread"] = quality.max_size - quality.min_size;
}

void BM_Assign300People60Orgs40Groups(benchmark::State& state) {
    const Roster roster = make_roster(300, 60, 12, 40, state.range(0) != 0, 42);
    run(state, roster);
}
BENCHMARK(BM_Assign300People60Orgs40Groups)
    ->Arg(0)
    ->Arg(1)
    ->ArgName("facilitators")
    ->Unit(benchmark::kMillisecond);

void BM_Assign2000People200Orgs200Groups(benchmark::State& state) {
    const Roster roster = make_roster(2000, 200, 19, 200, state.range(0) != 0, 7);
    run(state, roster);
}
BENCHMARK(BM_Assign2000People200Orgs200Groups)
    ->Arg(0)
    ->Arg(1)
    ->ArgName("facilitators")
    ->Unit(benchmark::kMillisecond);

// Three colleagues pinned to one table: the bound is out of reach, so the search spends its
// whole iteration budget. This is the worst case for the time.
void BM_Assign2000People200Orgs200GroupsBoundOutOfReach(benchmark::State& state) {
    Roster roster = make_roster(2000, 200, 19, 200, true, 7);
    std::map<std::string, int> members;
    for (const uketsuke::Seat& seat : roster.seats) members[seat.organization] += !seat.facilitator;
    const auto big = std::find_if(members.begin(), members.end(),
                                  [](const auto& entry) { return entry.second >= 3; });
    int pinned = 0;
    for (uketsuke::Seat& seat : roster.seats) {
        if (seat.organization == big->first && !seat.facilitator && pinned < 3) {
            seat.pinned_group = "G1";
            ++pinned;
        }
    }
    run(state, roster);
}
BENCHMARK(BM_Assign2000People200Orgs200GroupsBoundOutOfReach)->Unit(benchmark::kMillisecond);

// Organizations larger than the number of groups: the bound is above zero and tight.
void BM_Assign2000People10Orgs200Groups(benchmark::State& state) {
    const Roster roster = make_roster(2000, 10, 399, 200, false, 11);
    run(state, roster);
}
BENCHMARK(BM_Assign2000People10Orgs200Groups)->Unit(benchmark::kMillisecond);

}  // namespace
