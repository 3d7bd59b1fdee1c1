// `groups assign --session S --avoid-repeats` on the reference series: 300 people of about 75
// organizations, one facilitator at each of 40 tables, 6 sessions (budget: 1 s per assignment on
// the 2-core machine). BM_AssignSessionAvoidingRepeats/k times the search for session k, given
// the pairs of the k - 1 sessions drawn before it the same way; the counters show its repeats
// and their bound. BM_PlanSessionInTheEventFile/6 times what the command does for the sixth
// session of an event file whose five earlier sessions have their own seating: read the roster
// and the earlier seatings, search, write the rows (a dry run, so every iteration is the same).

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <map>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "kiosk/core/groups/assignment.hpp"
#include "kiosk/core/groups/session_planning.hpp"
#include "support/seating_series.hpp"
#include "support/temp_dir.hpp"

namespace {

using uketsuke::AssignmentOptions;
using uketsuke::GroupSlot;
using uketsuke::PairHistory;
using uketsuke::Seat;

constexpr int kPeople = 300;
constexpr int kTables = 40;
constexpr int kSessions = 6;

struct Series {
    std::vector<GroupSlot> groups;
    std::vector<Seat> seats;
    std::vector<PairHistory> before;  // before[k]: the pairs of sessions 1 … k
};

AssignmentOptions options_for(int session) {
    AssignmentOptions options;
    options.seed = static_cast<std::uint64_t>(session);
    options.avoid_repeats = true;
    // The default safety net stops the search at 1.5 s; the budget is 1 s, so a slow machine
    // must show it, not hide it behind the limit.
    options.time_limit_seconds = 10;
    return options;
}

const Series& series() {
    static const Series drawn = [] {
        Series s;
        std::mt19937_64 random(2026);
        for (int g = 0; g < kTables; ++g) s.groups.push_back({"T" + std::to_string(g + 1), 0});
        s.seats = uketsuke::testing::series_roster(random, kPeople, kTables);
        PairHistory history;
        std::set<std::pair<std::string, std::string>> seen;
        s.before.push_back(history);
        for (int session = 1; session < kSessions; ++session) {
            auto assignment =
                uketsuke::assign_groups(s.groups, s.seats, options_for(session), history);
            uketsuke::testing::add_pairs(assignment.value().placement, history, seen);
            s.before.push_back(history);
        }
        return s;
    }();
    return drawn;
}

void BM_AssignSessionAvoidingRepeats(benchmark::State& state) {
    const int session = static_cast<int>(state.range(0));
    const Series& s = series();
    const PairHistory& history = s.before[static_cast<std::size_t>(session - 1)];
    uketsuke::AssignmentQuality quality;
    for (auto _ : state) {
        auto assignment = uketsuke::assign_groups(s.groups, s.seats, options_for(session), history);
        quality = assignment.value().quality;
        benchmark::DoNotOptimize(quality);
    }
    state.counters["earlier_pairs"] = static_cast<double>(history.size());
    state.counters["repeats"] = quality.repeated_pairs;
    state.counters["repeat_bound"] = quality.repeat_lower_bound;
    state.counters["org_pairs"] = quality.same_org_pairs;
    state.counters["org_bound"] = quality.lower_bound;
}
BENCHMARK(BM_AssignSessionAvoidingRepeats)
    ->DenseRange(1, kSessions)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);

// The reference series reaches its bounds from the greedy start, so the annealing stops at once.
// 36 people at 6 tables of 6 cannot go four sessions without a repeat (that would take two
// orthogonal Latin squares of order 6): the fourth session runs the search's whole budget.
void BM_FourthSessionOfThirtySixRunsTheWholeSearch(benchmark::State& state) {
    static const auto prepared = [] {
        std::mt19937_64 random(7);
        std::vector<GroupSlot> groups;
        for (int g = 0; g < 6; ++g) groups.push_back({"T" + std::to_string(g + 1), 6});
        const auto seats = uketsuke::testing::series_roster(random, 36, 6);
        PairHistory history;
        std::set<std::pair<std::string, std::string>> seen;
        for (int session = 1; session <= 3; ++session) {
            auto drawn = uketsuke::assign_groups(groups, seats, options_for(session), history);
            uketsuke::testing::add_pairs(drawn.value().placement, history, seen);
        }
        return std::tuple{groups, seats, history};
    }();
    const auto& [groups, seats, history] = prepared;
    uketsuke::AssignmentQuality quality;
    for (auto _ : state) {
        quality = uketsuke::assign_groups(groups, seats, options_for(4), history).value().quality;
        benchmark::DoNotOptimize(quality);
    }
    state.counters["repeats"] = quality.repeated_pairs;
    state.counters["repeat_bound"] = quality.repeat_lower_bound;
    state.counters["org_pairs"] = quality.same_org_pairs;
}
BENCHMARK(BM_FourthSessionOfThirtySixRunsTheWholeSearch)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);

// The series as an event file: the roster, 40 groups, six weekly sessions, the first five
// seated with --avoid-repeats.
struct SeriesFile {
    uketsuke::testing::TempDir dir;
    uketsuke::EventStore store = uketsuke::EventStore::create(
        (dir / "series.db").string(), uketsuke::EventInfo{"0123456789abcdef0123456789abcdef",
                                                          "研修", "2026-04-01", "", "Asia/Tokyo"});

    SeriesFile() {
        const Series& s = series();
        uketsuke::sql::Transaction transaction(store.database());
        for (std::size_t g = 0; g < s.groups.size(); ++g) {
            uketsuke::Group group;
            group.id = s.groups[g].id;
            group.name = s.groups[g].id;
            group.table_label = std::to_string(g + 1);
            store.upsert_group(group, static_cast<int>(g));
        }
        for (std::size_t p = 0; p < s.seats.size(); ++p) {
            uketsuke::Participant person;
            person.id = s.seats[p].person_id;
            person.name = "Person " + person.id;
            person.organization = s.seats[p].organization;
            person.role =
                s.seats[p].facilitator ? uketsuke::Role::Facilitator : uketsuke::Role::Participant;
            store.upsert_participant(person, static_cast<int>(p));
        }
        for (int k = 1; k <= kSessions; ++k) {
            uketsuke::Session session;
            session.id = "s" + std::to_string(k);
            session.name = "第" + std::to_string(k) + "回";
            session.date = "2026-04-0" + std::to_string(k);
            session.starts_at = "09:00";
            session.ends_at = "17:00";
            session.changed_stamp = std::to_string(k);
            session.changed_by = "organizer";
            if (!store.put_session(session, 1'775'000'000'000)) std::abort();
        }
        transaction.commit();
        for (int k = 1; k < kSessions; ++k) {
            uketsuke::SessionPlanOptions options;
            options.assignment = options_for(k);
            options.wall_ms = 1'775'000'000'000 + k;
            if (!uketsuke::plan_session_seating(store, "s" + std::to_string(k), options))
                std::abort();
        }
    }
};

void BM_PlanSessionInTheEventFile(benchmark::State& state) {
    static SeriesFile file;
    const std::string session = "s" + std::to_string(state.range(0));
    uketsuke::SessionPlanOptions options;
    options.assignment = options_for(static_cast<int>(state.range(0)));
    options.dry_run = true;
    options.wall_ms = 1'775'000'000'000 + 100;
    uketsuke::AssignmentQuality quality;
    for (auto _ : state) {
        const uketsuke::SessionPlanResult result =
            uketsuke::plan_session_seating(file.store, session, options);
        if (!result) state.SkipWithError(result.error.c_str());
        quality = result.quality;
    }
    state.counters["repeats"] = quality.repeated_pairs;
    state.counters["repeat_bound"] = quality.repeat_lower_bound;
}
BENCHMARK(BM_PlanSessionInTheEventFile)
    ->Arg(kSessions)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);

}  // namespace
