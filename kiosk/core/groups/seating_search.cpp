#include "kiosk/core/groups/seating_search.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <compare>
#include <random>
#include <tuple>

namespace uketsuke::seating {
namespace {

// Lexicographic: pairs who sat together in an earlier session (only with a history to avoid),
// then same-organization pairs, then facilitators with their own organization, then the
// spread's sum of squares.
struct Score {
    std::int64_t repeats = 0;
    std::int64_t pairs = 0;
    std::int64_t facilitators = 0;
    std::int64_t squares = 0;

    friend auto operator<=>(const Score&, const Score&) = default;
    Score operator-(const Score& other) const {
        return {repeats - other.repeats, pairs - other.pairs, facilitators - other.facilitators,
                squares - other.squares};
    }
    Score operator+(const Score& other) const {
        return {repeats + other.repeats, pairs + other.pairs, facilitators + other.facilitators,
                squares + other.squares};
    }
    // For the annealing's acceptance only. The weights keep a pair the dominant cost while still
    // letting the cooler end of the schedule sort out the secondary objectives. A repeat weighs
    // two same-organization pairs: avoiding repeats comes first, yet the search still trades
    // one for the other while hot. Both at zero can be out of reach together: 36 people of six
    // organizations of six, seated twice at 6 tables of 6 with neither, cannot have neither a
    // third time (that would take two orthogonal Latin squares of order 6, which do not exist).
    double energy() const {
        return 2.0 * static_cast<double>(repeats) + static_cast<double>(pairs) +
               0.5 * static_cast<double>(facilitators) + 0.05 * static_cast<double>(squares);
    }
};

// Who sits where, with the per-group counts the search needs in O(1). The counts are dense
// group × organization tables: 200 groups × 200 organizations is 160 kB.
class Seating {
public:
    Seating(int groups, int orgs, int values, const std::vector<Person>& people,
            const std::vector<std::vector<int>>& met)
        : groups_(groups),
          orgs_(orgs),
          values_(values),
          people_(people),
          met_(met),
          group_of_(people.size(), kNone),
          size_(groups, 0),
          org_count_(static_cast<std::size_t>(groups) * orgs, 0),
          value_count_(static_cast<std::size_t>(groups) * values, 0),
          facilitator_of_(groups, kNone) {}

    int group_of(int p) const { return group_of_[p]; }
    const std::vector<int>& groups_of() const { return group_of_; }
    int size(int g) const { return size_[g]; }
    int facilitator_of(int g) const { return facilitator_of_[g]; }
    int orgs(int g, int o) const { return org_count_[index(g, orgs_, o)]; }
    int values(int g, int v) const { return value_count_[index(g, values_, v)]; }

    void add(int p, int g) {
        const Person& person = people_[p];
        group_of_[p] = g;
        ++size_[g];
        if (person.org != kNone) ++org_count_[index(g, orgs_, person.org)];
        if (person.value != kNone) ++value_count_[index(g, values_, person.value)];
        if (person.facilitator) facilitator_of_[g] = p;
    }

    void remove(int p) {
        const Person& person = people_[p];
        const int g = group_of_[p];
        --size_[g];
        if (person.org != kNone) --org_count_[index(g, orgs_, person.org)];
        if (person.value != kNone) --value_count_[index(g, values_, person.value)];
        if (facilitator_of_[g] == p) facilitator_of_[g] = kNone;
        group_of_[p] = kNone;
    }

    void swap(int a, int b) {
        const int ga = group_of_[a];
        const int gb = group_of_[b];
        remove(a);
        remove(b);
        add(a, gb);
        add(b, ga);
    }

    void reset(const std::vector<int>& group_of) {
        std::fill(size_.begin(), size_.end(), 0);
        std::fill(org_count_.begin(), org_count_.end(), 0);
        std::fill(value_count_.begin(), value_count_.end(), 0);
        std::fill(facilitator_of_.begin(), facilitator_of_.end(), kNone);
        for (std::size_t p = 0; p < group_of.size(); ++p) add(static_cast<int>(p), group_of[p]);
    }

    // How many people p met before sit in group g now, not counting `except`.
    int met_in(int p, int g, int except = kNone) const {
        if (met_.empty()) return 0;
        int count = 0;
        for (int other : met_[p]) count += (other != except && group_of_[other] == g) ? 1 : 0;
        return count;
    }

    bool facilitator_with_own_org(int g) const {
        const int f = facilitator_of_[g];
        return f != kNone && people_[f].org != kNone && orgs(g, people_[f].org) >= 2;
    }

    Score total() const {
        Score score;
        std::int64_t repeat_ends = 0;  // each repeated pair is counted from both of its ends
        for (int p = 0; p < static_cast<int>(group_of_.size()); ++p)
            repeat_ends += met_in(p, group_of_[p]);
        score.repeats = repeat_ends / 2;
        for (int g = 0; g < groups_; ++g) {
            for (int o = 0; o < orgs_; ++o) score.pairs += pairs_of(orgs(g, o));
            for (int v = 0; v < values_; ++v) {
                score.squares += static_cast<std::int64_t>(values(g, v)) * values(g, v);
            }
            score.facilitators += facilitator_with_own_org(g) ? 1 : 0;
        }
        return score;
    }

    // The part of the score that swapping a and b (in different groups) can change.
    Score local(int a, int b) const {
        const Person& pa = people_[a];
        const Person& pb = people_[b];
        Score score;
        // a and b sit in different groups before and after the swap, so the repeats that change
        // are those of a and of b with the others at their tables.
        score.repeats = met_in(a, group_of_[a], b) + met_in(b, group_of_[b], a);
        for (int g : {group_of_[a], group_of_[b]}) {
            if (pa.org != kNone) score.pairs += pairs_of(orgs(g, pa.org));
            if (pb.org != kNone && pb.org != pa.org) score.pairs += pairs_of(orgs(g, pb.org));
            if (pa.value != kNone) score.squares += square(values(g, pa.value));
            if (pb.value != kNone && pb.value != pa.value)
                score.squares += square(values(g, pb.value));
            score.facilitators += facilitator_with_own_org(g) ? 1 : 0;
        }
        return score;
    }

private:
    static std::size_t index(int g, int width, int i) {
        return static_cast<std::size_t>(g) * width + i;
    }
    static std::int64_t square(std::int64_t x) { return x * x; }

    int groups_;
    int orgs_;
    int values_;
    const std::vector<Person>& people_;
    const std::vector<std::vector<int>>& met_;
    std::vector<int> group_of_;
    std::vector<int> size_;
    std::vector<int> org_count_;
    std::vector<int> value_count_;
    std::vector<int> facilitator_of_;
};

// Pins first; then facilitators, largest organizations first, to the reserved groups; then
// everyone else, largest organizations first, each to the group with the fewest people they met
// before, then the fewest of their organization, then the fewest of their spread value, then
// the most free seats.
void place_greedily(const Problem& problem, Seating& seating) {
    std::vector<int> org_size(problem.orgs, 0);
    for (const Person& person : problem.people) {
        if (person.org != kNone) ++org_size[person.org];
    }
    const auto size_of_org = [&](int p) {
        const int org = problem.people[p].org;
        return org == kNone ? 0 : org_size[org];
    };
    std::vector<int> facilitators;
    std::vector<int> others;
    for (int p = 0; p < static_cast<int>(problem.people.size()); ++p) {
        const Person& person = problem.people[p];
        if (person.pinned != kNone) {
            seating.add(p, person.pinned);
        } else if (person.facilitator) {
            facilitators.push_back(p);
        } else {
            others.push_back(p);
        }
    }
    // Unknown organizations go last: they form no pairs, so they fill whatever seats are left.
    const auto larger_org_first = [&](int a, int b) {
        const int oa = problem.people[a].org;
        const int ob = problem.people[b].org;
        if ((oa == kNone) != (ob == kNone)) return ob == kNone;
        if (size_of_org(a) != size_of_org(b)) return size_of_org(a) > size_of_org(b);
        if (oa != ob) return oa < ob;
        return a < b;
    };
    std::sort(facilitators.begin(), facilitators.end(), larger_org_first);
    std::sort(others.begin(), others.end(), larger_org_first);

    const auto place = [&](int p, bool facilitator) {
        const Person& person = problem.people[p];
        int best = kNone;
        std::tuple<int, int, int, int> best_key{};
        for (int g = 0; g < problem.groups; ++g) {
            if (seating.size(g) >= problem.target[g]) continue;
            if (facilitator &&
                (!problem.facilitator_slot[g] || seating.facilitator_of(g) != kNone)) {
                continue;
            }
            const std::tuple<int, int, int, int> key{
                seating.met_in(p, g), person.org == kNone ? 0 : seating.orgs(g, person.org),
                person.value == kNone ? 0 : seating.values(g, person.value),
                seating.size(g) - problem.target[g]};
            if (best == kNone || key < best_key) {
                best = g;
                best_key = key;
            }
        }
        // Targets and slots were sized for exactly these people, so a group is always found.
        seating.add(p, best);
    };
    for (int p : facilitators) place(p, true);
    for (int p : others) place(p, false);
}

// Simulated annealing over swaps of two unpinned people in different groups. Swaps keep every
// group's size, and a facilitator only swaps into a group without one, so the constraints hold
// throughout. Stops at the ideal score or after a fixed number of iterations.
void improve(const Problem& problem, Seating& seating, const Score& ideal,
             const AssignmentOptions& options) {
    std::vector<int> movable;
    for (int p = 0; p < static_cast<int>(problem.people.size()); ++p) {
        if (problem.people[p].pinned == kNone) movable.push_back(p);
    }
    Score current = seating.total();
    if (current == ideal || movable.size() < 2 || problem.groups < 2) return;

    std::vector<int> value_size(problem.values, 0);
    for (const Person& person : problem.people) {
        if (person.value != kNone) ++value_size[person.value];
    }
    std::vector<int> value_share(problem.values);  // ⌈n/G⌉: more than this in a group is excess
    for (int v = 0; v < problem.values; ++v) {
        value_share[v] = (value_size[v] + problem.groups - 1) / problem.groups;
    }
    const auto crowded = [&](int p) {
        const Person& person = problem.people[p];
        const int g = seating.group_of(p);
        return seating.met_in(p, g) > 0 ||
               (person.org != kNone && seating.orgs(g, person.org) >= 2) ||
               (person.value != kNone &&
                seating.values(g, person.value) > value_share[person.value]);
    };

    // An iteration costs 50-130 ns on the 2-core reference machine, so 2,000 people get 2.4
    // million (at most 0.3 s) and the cap keeps even 20,000 people near 1 s, under the default
    // time limit, so that limit stays a safety net. The reference rosters reach the bound long
    // before the budget runs out.
    const auto people = static_cast<std::int64_t>(problem.people.size());
    // A history to avoid makes the landscape rougher (every table is a web of old pairs): four
    // times the iterations and at least 300,000 (a small series costs tens of milliseconds);
    // 300 people in 40 tables over 6 sessions stay under a second.
    const std::int64_t per_person = problem.met.empty() ? 1200 : 4800;
    const std::int64_t least = problem.met.empty() ? 30'000 : 300'000;
    const std::int64_t budget = std::clamp<std::int64_t>(per_person * people, least, 8'000'000);
    constexpr int kRounds = 3;
    const std::int64_t round_length = budget / kRounds;
    constexpr double kHot =
        0.6;  // a pair costs 1: at this temperature +1 is accepted 19% of the time
    constexpr double kCold = 0.02;
    const double cooling = std::pow(kCold / kHot, 1.0 / static_cast<double>(round_length));

    std::mt19937_64 random(options.seed);
    const auto pick = [&](std::size_t n) { return static_cast<std::size_t>(random() % n); };
    const auto uniform = [&] { return static_cast<double>(random() >> 11) * 0x1.0p-53; };
    const auto started = std::chrono::steady_clock::now();
    const auto out_of_time = [&] {
        const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
        return elapsed.count() > options.time_limit_seconds;
    };

    Score best = current;
    bool best_is_current = true;
    std::vector<int> best_groups;
    // Each round reheats from the best seating so far; a round that finds nothing better ends
    // the search, since the next would most likely find nothing either.
    Score best_before_round = best;
    for (int round = 0; round < kRounds && best != ideal; ++round) {
        if (round > 0 && best == best_before_round) break;
        best_before_round = best;
        if (!best_is_current) {
            seating.reset(best_groups);
            current = best;
            best_is_current = true;
        }
        double temperature = kHot;
        for (std::int64_t step = 0; step < round_length; ++step, temperature *= cooling) {
            if ((step & 1023) == 0 && (best == ideal || out_of_time())) break;
            int a = movable[pick(movable.size())];
            for (int tries = 0; tries < 3 && !crowded(a); ++tries)
                a = movable[pick(movable.size())];
            const int b = movable[pick(movable.size())];
            const Person& pa = problem.people[a];
            const Person& pb = problem.people[b];
            const int ga = seating.group_of(a);
            const int gb = seating.group_of(b);
            if (ga == gb) continue;
            if (pa.facilitator != pb.facilitator) {
                const int joining = pa.facilitator ? gb : ga;
                if (seating.facilitator_of(joining) != kNone) continue;
            } else if (pa.org == pb.org && pa.value == pb.value && problem.met.empty()) {
                continue;  // changes nothing
            }
            const Score before = seating.local(a, b);
            seating.swap(a, b);
            const Score delta = seating.local(a, b) - before;
            const double energy = delta.energy();
            if (energy > 0 && uniform() >= std::exp(-energy / temperature)) {
                seating.swap(a, b);
                continue;
            }
            const Score next = current + delta;
            current = next;
            if (next <= best) {
                best = next;
                best_is_current = true;
                if (best == ideal) break;
            } else if (best_is_current) {
                // Leaving the best seating seen: keep a copy of it (this state minus the swap).
                best_groups = seating.groups_of();
                std::swap(best_groups[a], best_groups[b]);
                best_is_current = false;
            }
        }
        if (out_of_time()) break;
    }
    if (!best_is_current) seating.reset(best_groups);
}

}  // namespace

std::vector<int> search_seating(const Problem& problem, const AssignmentOptions& options) {
    Seating seating(problem.groups, problem.orgs, problem.values, problem.people, problem.met);
    place_greedily(problem, seating);

    Score ideal;
    ideal.repeats = problem.met.empty() ? 0 : problem.repeat_bound;
    {
        std::vector<std::int64_t> org_size(problem.orgs, 0);
        std::vector<std::int64_t> value_size(problem.values, 0);
        for (const Person& person : problem.people) {
            if (person.org != kNone) ++org_size[person.org];
            if (person.value != kNone) ++value_size[person.value];
        }
        for (auto n : org_size) ideal.pairs += even_pairs(n, problem.groups);
        for (auto n : value_size) ideal.squares += even_squares(n, problem.groups);
    }
    improve(problem, seating, ideal, options);
    return seating.groups_of();
}

// Person p sits at a table of at least s people (the smallest non-empty target (every group's size
// is fixed), so size), so p has at least s - 1 tablemates. Of the n - 1 others, p has met m_p
// (distinct, among the people seated now), so at most n - 1 - m_p tablemates can be new to p: at
// least max(0, s - 1 - (n - 1 - m_p)) of them are repeats. Summed over everyone this counts each
// repeated pair from both ends, so half the sum, rounded up, is a true lower bound. It is reached
// when every table can be filled with people new to each other: e.g. 36 people in 6 tables of 6
// over 3 sessions (each has met 10 of 35) gives 0.
std::int64_t repeat_lower_bound(const std::vector<std::vector<int>>& met,
                                const std::vector<int>& target) {
    if (met.empty() || target.empty()) return 0;
    const std::int64_t n = static_cast<std::int64_t>(met.size());
    // Only tables someone sits at count: an empty group seats nobody.
    std::int64_t smallest = 0;
    for (int size : target) {
        if (size > 0 && (smallest == 0 || size < smallest)) smallest = size;
    }
    std::int64_t ends = 0;
    for (const auto& others : met) {
        const std::int64_t unmet = n - 1 - static_cast<std::int64_t>(others.size());
        ends += std::max<std::int64_t>(0, smallest - 1 - unmet);
    }
    return (ends + 1) / 2;
}

}  // namespace uketsuke::seating
