#include "kiosk/core/groups/assignment.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <compare>
#include <limits>
#include <map>
#include <random>
#include <tuple>
#include <unordered_map>

namespace uketsuke {
namespace {

constexpr int kNone = -1;
constexpr int kUnlimited = std::numeric_limits<int>::max();

// Dense indices in first-seen order. Every loop runs over these indices, never over the hash
// table, so no result depends on hashing order.
class Interner {
public:
    int add(const std::string& name) {
        auto [it, inserted] = index_.try_emplace(name, count_);
        if (inserted) ++count_;
        return it->second;
    }
    int find(const std::string& name) const {
        auto it = index_.find(name);
        return it == index_.end() ? kNone : it->second;
    }
    int size() const { return count_; }

private:
    std::unordered_map<std::string, int> index_;
    int count_ = 0;
};

std::int64_t pairs_of(std::int64_t k) { return k * (k - 1) / 2; }

// Fewest pairs n people of one organization can form over `groups` groups: spread evenly.
std::int64_t even_pairs(std::int64_t n, std::int64_t groups) {
    if (groups <= 0) return pairs_of(n);
    const std::int64_t q = n / groups;
    const std::int64_t r = n % groups;
    return r * pairs_of(q + 1) + (groups - r) * pairs_of(q);
}

// Smallest sum of count² for n people over `groups` groups: spread evenly.
std::int64_t even_squares(std::int64_t n, std::int64_t groups) {
    if (groups <= 0) return n * n;
    const std::int64_t q = n / groups;
    const std::int64_t r = n % groups;
    return r * (q + 1) * (q + 1) + (groups - r) * q * q;
}

// Position of each id in the caller's list; a repeated id keeps its first position.
class FirstPosition {
public:
    template <typename Range, typename KeyOf>
    FirstPosition(const Range& items, KeyOf key_of) {
        int position = 0;
        for (const auto& item : items) positions_.try_emplace(key_of(item), position++);
    }
    int find(const std::string& id) const {
        auto it = positions_.find(id);
        return it == positions_.end() ? kNone : it->second;
    }

private:
    std::unordered_map<std::string, int> positions_;
};

const std::string& group_id_of(const GroupSlot& group) { return group.id; }
const std::string& person_id_of(const Seat& seat) { return seat.person_id; }

int interned_or_none(Interner& interner, const std::string& name) {
    return name.empty() ? kNone : interner.add(name);
}

// Sizes as even as the bounds allow: the highest level L with sum(clamp(L, lo, hi)) <= total,
// then one more for groups that can take it, in `preference` order. When sum(hi) < total the
// sizes fall short of the total and the caller decides what that means.
std::vector<int> water_fill(const std::vector<int>& lo, const std::vector<int>& hi, int total,
                            const std::vector<int>& preference) {
    const auto size_at = [&](std::size_t g, std::int64_t level) {
        return std::max<std::int64_t>(lo[g], std::min<std::int64_t>(level, hi[g]));
    };
    const auto filled = [&](std::int64_t level) {
        std::int64_t sum = 0;
        for (std::size_t g = 0; g < lo.size(); ++g) sum += size_at(g, level);
        return sum;
    };
    std::int64_t low = 0;
    std::int64_t high = total;
    while (low < high) {
        const std::int64_t mid = low + (high - low + 1) / 2;
        if (filled(mid) <= total) {
            low = mid;
        } else {
            high = mid - 1;
        }
    }
    std::vector<int> sizes(lo.size());
    std::int64_t remaining = total;
    for (std::size_t g = 0; g < lo.size(); ++g) {
        sizes[g] = static_cast<int>(size_at(g, low));
        remaining -= sizes[g];
    }
    for (int g : preference) {
        if (remaining <= 0) break;
        if (lo[g] <= low && hi[g] > low) {
            ++sizes[g];
            --remaining;
        }
    }
    return sizes;
}

struct Person {
    int org = kNone;
    int value = kNone;  // spread value, kNone when not spreading
    bool facilitator = false;
    int pinned = kNone;
};

// Lexicographic: pairs first, then facilitators with their own organization, then the spread's
// sum of squares.
struct Score {
    std::int64_t pairs = 0;
    std::int64_t facilitators = 0;
    std::int64_t squares = 0;

    friend auto operator<=>(const Score&, const Score&) = default;
    Score operator-(const Score& other) const {
        return {pairs - other.pairs, facilitators - other.facilitators, squares - other.squares};
    }
    Score operator+(const Score& other) const {
        return {pairs + other.pairs, facilitators + other.facilitators, squares + other.squares};
    }
    // For the annealing's acceptance only. The weights keep a pair the dominant cost while still
    // letting the cooler end of the schedule sort out the secondary objectives.
    double energy() const {
        return static_cast<double>(pairs) + 0.5 * static_cast<double>(facilitators) +
               0.05 * static_cast<double>(squares);
    }
};

// Who sits where, with the per-group counts the search needs in O(1). The counts are dense
// group × organization tables: 200 groups × 200 organizations is 160 kB.
class Seating {
public:
    Seating(int groups, int orgs, int values, const std::vector<Person>& people)
        : groups_(groups),
          orgs_(orgs),
          values_(values),
          people_(people),
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

    bool facilitator_with_own_org(int g) const {
        const int f = facilitator_of_[g];
        return f != kNone && people_[f].org != kNone && orgs(g, people_[f].org) >= 2;
    }

    Score total() const {
        Score score;
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
    std::vector<int> group_of_;
    std::vector<int> size_;
    std::vector<int> org_count_;
    std::vector<int> value_count_;
    std::vector<int> facilitator_of_;
};

struct Problem {
    int groups = 0;
    int orgs = 0;
    int values = 0;
    std::vector<Person> people;
    std::vector<int> target;             // size of each group
    std::vector<bool> facilitator_slot;  // groups that start with an unpinned facilitator
};

// Pins first; then facilitators, largest organizations first, to the reserved groups; then
// everyone else, largest organizations first, each to the group with the fewest of their
// organization, then the fewest of their spread value, then the most free seats.
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
        std::tuple<int, int, int> best_key{};
        for (int g = 0; g < problem.groups; ++g) {
            if (seating.size(g) >= problem.target[g]) continue;
            if (facilitator &&
                (!problem.facilitator_slot[g] || seating.facilitator_of(g) != kNone)) {
                continue;
            }
            const std::tuple<int, int, int> key{
                person.org == kNone ? 0 : seating.orgs(g, person.org),
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
        return (person.org != kNone && seating.orgs(g, person.org) >= 2) ||
               (person.value != kNone &&
                seating.values(g, person.value) > value_share[person.value]);
    };

    // An iteration costs 50-130 ns on the 2-core reference machine, so 2,000 people get 2.4
    // million (at most 0.3 s) and the cap keeps even 20,000 people near 1 s, under the default
    // time limit, so that limit stays a safety net. The reference rosters reach the bound long
    // before the budget runs out.
    const auto people = static_cast<std::int64_t>(problem.people.size());
    const std::int64_t budget = std::clamp<std::int64_t>(1200 * people, 30'000, 8'000'000);
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
            } else if (pa.org == pb.org && pa.value == pb.value) {
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

std::string plural(std::size_t n, const char* one, const char* many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

// Reserves a seat for each facilitator not pinned: in every group without a pinned facilitator
// when there is one facilitator per group, otherwise in the groups with the fewest pins.
std::optional<std::string> reserve_facilitator_seats(std::span<const GroupSlot> groups,
                                                     const std::vector<int>& capacity,
                                                     const std::vector<int>& pinned,
                                                     const std::vector<int>& pinned_facilitator,
                                                     int facilitators, std::vector<bool>& slot) {
    const int group_count = static_cast<int>(groups.size());
    slot.assign(group_count, false);
    std::vector<int> open;
    for (int g = 0; g < group_count; ++g) {
        if (pinned_facilitator[g] == kNone) open.push_back(g);
    }
    const int unpinned = facilitators - (group_count - static_cast<int>(open.size()));
    if (unpinned <= 0) return std::nullopt;
    if (facilitators == group_count) {
        for (int g : open) {
            if (pinned[g] >= capacity[g]) {
                return fmt::format(
                    "group {} has {}, all taken by pinned people, leaving none for its facilitator",
                    groups[g].id, plural(capacity[g], "seat", "seats"));
            }
        }
    } else {
        std::erase_if(open, [&](int g) { return pinned[g] >= capacity[g]; });
        std::stable_sort(open.begin(), open.end(),
                         [&](int a, int b) { return pinned[a] < pinned[b]; });
        if (static_cast<int>(open.size()) < unpinned) {
            return fmt::format("{} need a group each, but only {} a free seat for one",
                               plural(unpinned, "facilitator", "facilitators"),
                               plural(open.size(), "group has", "groups have"));
        }
        open.resize(unpinned);
    }
    for (int g : open) slot[g] = true;
    return std::nullopt;
}

}  // namespace

Result<Assignment, std::string> assign_groups(std::span<const GroupSlot> groups,
                                              std::span<const Seat> seats,
                                              const AssignmentOptions& options) {
    Interner group_index;
    std::vector<int> capacity;
    bool unlimited = false;
    std::int64_t seats_total = 0;
    for (const GroupSlot& group : groups) {
        if (group.capacity < 0) {
            return fmt::format("group {} has a negative capacity ({})", group.id, group.capacity);
        }
        if (group_index.find(group.id) != kNone) {
            return fmt::format("group {} appears twice", group.id);
        }
        group_index.add(group.id);
        capacity.push_back(group.capacity == 0 ? kUnlimited : group.capacity);
        unlimited = unlimited || group.capacity == 0;
        seats_total += group.capacity;
    }
    if (seats.empty()) {
        return Assignment{{}, evaluate(groups, seats, {})};
    }
    const int group_count = static_cast<int>(groups.size());
    if (group_count == 0) {
        return fmt::format("no groups to seat {} in", plural(seats.size(), "person", "people"));
    }
    if (!unlimited && seats_total < static_cast<std::int64_t>(seats.size())) {
        return fmt::format("{} but only {} in {}", plural(seats.size(), "person", "people"),
                           plural(seats_total, "seat", "seats"),
                           plural(groups.size(), "group", "groups"));
    }

    Problem problem;
    problem.groups = group_count;
    Interner person_index;
    Interner org_index;
    Interner value_index;
    std::vector<int> pinned(group_count, 0);
    std::vector<int> pinned_facilitator(group_count, kNone);
    int facilitators = 0;
    for (std::size_t s = 0; s < seats.size(); ++s) {
        const Seat& seat = seats[s];
        if (person_index.find(seat.person_id) != kNone) {
            return fmt::format("person {} appears twice", seat.person_id);
        }
        person_index.add(seat.person_id);
        Person person;
        person.org = interned_or_none(org_index, seat.organization);
        if (options.spread) person.value = interned_or_none(value_index, seat.spread_value);
        person.facilitator = seat.facilitator;
        if (seat.facilitator) ++facilitators;
        if (seat.pinned_group) {
            person.pinned = group_index.find(*seat.pinned_group);
            if (person.pinned == kNone) {
                return fmt::format("person {} is pinned to unknown group {}", seat.person_id,
                                   *seat.pinned_group);
            }
            ++pinned[person.pinned];
            if (seat.facilitator) {
                int& other = pinned_facilitator[person.pinned];
                if (other != kNone) {
                    return fmt::format("facilitators {} and {} are both pinned to group {}",
                                       seats[other].person_id, seat.person_id, *seat.pinned_group);
                }
                other = static_cast<int>(s);
            }
        }
        problem.people.push_back(person);
    }
    problem.orgs = org_index.size();
    problem.values = value_index.size();
    if (facilitators > group_count) {
        return fmt::format("{} but only {}: each group takes one facilitator",
                           plural(facilitators, "facilitator", "facilitators"),
                           plural(groups.size(), "group", "groups"));
    }
    for (int g = 0; g < group_count; ++g) {
        if (pinned[g] > capacity[g]) {
            return fmt::format("group {} has {} but {} pinned to it", groups[g].id,
                               plural(capacity[g], "seat", "seats"),
                               plural(pinned[g], "person is", "people are"));
        }
    }

    if (auto error = reserve_facilitator_seats(groups, capacity, pinned, pinned_facilitator,
                                               facilitators, problem.facilitator_slot)) {
        return *error;
    }

    std::vector<int> lower(group_count);
    std::vector<int> in_order(group_count);
    for (int g = 0; g < group_count; ++g) {
        lower[g] = pinned[g] + (problem.facilitator_slot[g] ? 1 : 0);
        in_order[g] = g;
    }
    problem.target = water_fill(lower, capacity, static_cast<int>(seats.size()), in_order);

    Seating seating(problem.groups, problem.orgs, problem.values, problem.people);
    place_greedily(problem, seating);

    Score ideal;
    {
        std::vector<std::int64_t> org_size(problem.orgs, 0);
        std::vector<std::int64_t> value_size(problem.values, 0);
        for (const Person& person : problem.people) {
            if (person.org != kNone) ++org_size[person.org];
            if (person.value != kNone) ++value_size[person.value];
        }
        for (auto n : org_size) ideal.pairs += even_pairs(n, group_count);
        for (auto n : value_size) ideal.squares += even_squares(n, group_count);
    }
    improve(problem, seating, ideal, options);

    Assignment assignment;
    assignment.placement.reserve(seats.size());
    for (std::size_t s = 0; s < seats.size(); ++s) {
        assignment.placement.emplace_back(seats[s].person_id,
                                          groups[seating.group_of(static_cast<int>(s))].id);
    }
    assignment.quality = evaluate(groups, seats, assignment.placement);
    return assignment;
}

AssignmentQuality evaluate(std::span<const GroupSlot> groups, std::span<const Seat> seats,
                           const Placement& placement) {
    const FirstPosition group_index(groups, group_id_of);
    const FirstPosition person_index(seats, person_id_of);
    const auto group_count = static_cast<std::int64_t>(groups.size());
    std::vector<int> size(groups.size(), 0);
    std::vector<bool> counted(seats.size(), false);
    std::map<std::string, std::int64_t> org_size;
    std::map<std::string, std::int64_t> value_size;
    std::map<std::pair<int, std::string>, std::int64_t> org_in_group;
    std::map<std::pair<int, std::string>, std::int64_t> value_in_group;
    std::vector<std::pair<int, const Seat*>> facilitators;
    for (const auto& [person_id, group_id] : placement) {
        const int p = person_index.find(person_id);
        const int g = group_index.find(group_id);
        if (p == kNone || g == kNone || counted[p]) continue;
        counted[p] = true;
        const Seat& seat = seats[p];
        ++size[g];
        if (!seat.organization.empty()) {
            ++org_size[seat.organization];
            ++org_in_group[{g, seat.organization}];
        }
        if (!seat.spread_value.empty()) {
            ++value_size[seat.spread_value];
            ++value_in_group[{g, seat.spread_value}];
        }
        if (seat.facilitator) facilitators.emplace_back(g, &seat);
    }

    AssignmentQuality quality;
    std::int64_t pairs = 0;
    std::int64_t bound = 0;
    std::int64_t squares = 0;
    for (const auto& [key, n] : org_in_group) pairs += pairs_of(n);
    for (const auto& [org, n] : org_size) bound += even_pairs(n, group_count);
    for (const auto& [key, n] : value_in_group) squares += n * n;
    for (const auto& [value, n] : value_size) squares -= even_squares(n, group_count);
    quality.same_org_pairs = static_cast<int>(pairs);
    quality.lower_bound = static_cast<int>(bound);
    quality.spread_penalty = static_cast<int>(squares);
    for (const auto& [g, seat] : facilitators) {
        if (seat->organization.empty()) continue;
        const auto found = org_in_group.find({g, seat->organization});
        if (found != org_in_group.end() && found->second >= 2) ++quality.facilitators_with_own_org;
    }

    if (!groups.empty()) {
        quality.min_size = *std::min_element(size.begin(), size.end());
        quality.max_size = *std::max_element(size.begin(), size.end());
    }
    int smallest_open = kUnlimited;
    for (std::size_t g = 0; g < groups.size(); ++g) {
        const int capacity = groups[g].capacity;
        if (capacity > 0 && size[g] > capacity) quality.sizes_balanced = false;
        if (capacity == 0 || size[g] < capacity) smallest_open = std::min(smallest_open, size[g]);
    }
    if (smallest_open != kUnlimited && quality.max_size - smallest_open > 1) {
        quality.sizes_balanced = false;
    }
    return quality;
}

std::optional<std::string> best_group_for(const Seat& newcomer, std::span<const GroupSlot> groups,
                                          const Placement& current_placement,
                                          std::span<const Seat> seated) {
    const FirstPosition group_index(groups, group_id_of);
    const int group_count = static_cast<int>(groups.size());
    std::unordered_map<std::string, const Seat*> seat_of;
    for (const Seat& seat : seated) seat_of.try_emplace(seat.person_id, &seat);

    std::vector<int> size(groups.size(), 0);
    std::vector<int> same_org(groups.size(), 0);
    std::vector<bool> has_facilitator(groups.size(), false);
    for (const auto& [person_id, group_id] : current_placement) {
        if (person_id == newcomer.person_id) continue;
        const auto found = seat_of.find(person_id);
        const int g = group_index.find(group_id);
        if (found == seat_of.end() || g == kNone) continue;
        const Seat& seat = *found->second;
        ++size[g];
        if (!newcomer.organization.empty() && seat.organization == newcomer.organization) {
            ++same_org[g];
        }
        if (seat.facilitator) has_facilitator[g] = true;
    }
    const auto has_room = [&](int g) {
        return groups[g].capacity == 0 || size[g] < groups[g].capacity;
    };

    if (newcomer.pinned_group) {
        const int g = group_index.find(*newcomer.pinned_group);
        if (g == kNone || !has_room(g)) return std::nullopt;
        return groups[g].id;
    }
    bool avoid_facilitated = false;
    if (newcomer.facilitator) {
        for (int g = 0; g < group_count; ++g) {
            if (has_room(g) && !has_facilitator[g]) avoid_facilitated = true;
        }
    }
    int best = kNone;
    for (int g = 0; g < group_count; ++g) {
        if (!has_room(g) || (avoid_facilitated && has_facilitator[g])) continue;
        if (best == kNone ||
            std::pair(same_org[g], size[g]) < std::pair(same_org[best], size[best])) {
            best = g;
        }
    }
    if (best == kNone) return std::nullopt;
    return groups[best].id;
}

std::vector<Move> propose_rebalance(std::span<const GroupSlot> groups, const Placement& placement,
                                    std::span<const Seat> present) {
    const FirstPosition group_index(groups, group_id_of);
    const int group_count = static_cast<int>(groups.size());
    const FirstPosition person_index(present, person_id_of);

    struct Present {
        int seat;
        int group;
        int org;
    };
    Interner org_index;
    std::vector<Present> people;
    std::vector<bool> counted(present.size(), false);
    for (const auto& [person_id, group_id] : placement) {
        const int p = person_index.find(person_id);
        const int g = group_index.find(group_id);
        if (p == kNone || g == kNone || counted[p]) continue;
        counted[p] = true;
        people.push_back({p, g, interned_or_none(org_index, present[p].organization)});
    }

    const int org_count = org_index.size();
    std::vector<int> size(group_count, 0);
    std::vector<int> fixed(group_count, 0);
    std::vector<int> org_in_group(static_cast<std::size_t>(group_count) * org_count, 0);
    const auto orgs = [&](int g, int o) -> int& {
        return org_in_group[static_cast<std::size_t>(g) * org_count + o];
    };
    std::vector<std::vector<int>> facilitator_orgs(group_count);
    std::vector<std::vector<int>> movable(group_count);  // indices into `people`, placement order
    for (int i = 0; i < static_cast<int>(people.size()); ++i) {
        const Present& person = people[i];
        const Seat& seat = present[person.seat];
        ++size[person.group];
        if (person.org != kNone) ++orgs(person.group, person.org);
        if (seat.facilitator) facilitator_orgs[person.group].push_back(person.org);
        if (seat.facilitator || seat.pinned_group) {
            ++fixed[person.group];
        } else {
            movable[person.group].push_back(i);
        }
    }

    std::vector<int> upper(group_count);
    std::vector<int> largest_first(group_count);
    int total = 0;
    for (int g = 0; g < group_count; ++g) {
        upper[g] = groups[g].capacity == 0 ? kUnlimited : std::max(groups[g].capacity, fixed[g]);
        largest_first[g] = g;
        total += size[g];
    }
    // The extra person of an uneven split stays in the groups that are largest now: fewest moves.
    std::stable_sort(largest_first.begin(), largest_first.end(),
                     [&](int a, int b) { return size[a] > size[b]; });
    const std::vector<int> target = water_fill(fixed, upper, total, largest_first);

    // Each move takes one person from a group above its target to one below; every move is
    // needed, so the count is minimal. Among the possible moves, the one adding the fewest
    // same-organization pairs (then the fewest facilitators with their own organization) goes
    // first.
    std::vector<Move> moves;
    for (;;) {
        int best = kNone;
        int best_to = kNone;
        std::pair<int, int> best_cost{};
        for (int from = 0; from < group_count; ++from) {
            if (size[from] <= target[from]) continue;
            for (int i : movable[from]) {
                const int o = people[i].org;
                for (int to = 0; to < group_count; ++to) {
                    if (size[to] >= target[to]) continue;
                    std::pair<int, int> cost{0, 0};
                    if (o != kNone) {
                        cost.first = orgs(to, o) - (orgs(from, o) - 1);
                        for (int f : facilitator_orgs[to])
                            cost.second += f == o && orgs(to, o) == 1;
                        for (int f : facilitator_orgs[from])
                            cost.second -= f == o && orgs(from, o) == 2;
                    }
                    if (best == kNone || cost < best_cost) {
                        best = i;
                        best_to = to;
                        best_cost = cost;
                    }
                }
            }
        }
        if (best == kNone) break;
        const int from = people[best].group;
        const int o = people[best].org;
        std::erase(movable[from], best);
        --size[from];
        ++size[best_to];
        if (o != kNone) {
            --orgs(from, o);
            ++orgs(best_to, o);
        }
        people[best].group = best_to;
        moves.push_back(
            {present[people[best].seat].person_id, groups[from].id, groups[best_to].id});
    }
    return moves;
}

}  // namespace uketsuke
