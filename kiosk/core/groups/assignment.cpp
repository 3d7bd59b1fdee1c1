#include "kiosk/core/groups/assignment.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <optional>

#include "kiosk/core/groups/seating_math.hpp"
#include "kiosk/core/groups/seating_search.hpp"

namespace uketsuke {
namespace {

using namespace seating;

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

// The history as distinct pairs of ids, from the deduplicated indices.
PairHistory history_once(const std::vector<std::vector<int>>& met, std::span<const Seat> seats) {
    PairHistory pairs;
    for (std::size_t p = 0; p < met.size(); ++p) {
        for (int other : met[p]) {
            if (static_cast<std::size_t>(other) > p)
                pairs.emplace_back(seats[p].person_id, seats[other].person_id);
        }
    }
    return pairs;
}

}  // namespace

Result<Assignment, std::string> assign_groups(std::span<const GroupSlot> groups,
                                              std::span<const Seat> seats,
                                              const AssignmentOptions& options,
                                              const PairHistory& history) {
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

    // Who met whom, as indices, each pair once (the history may list a pair more than once).
    std::vector<std::vector<int>> met;
    if (!history.empty()) {
        met.resize(seats.size());
        for (const auto& [a, b] : history) {
            const int pa = person_index.find(a);
            const int pb = person_index.find(b);
            if (pa == kNone || pb == kNone || pa == pb) continue;
            met[pa].push_back(pb);
            met[pb].push_back(pa);
        }
        for (auto& others : met) {
            std::sort(others.begin(), others.end());
            others.erase(std::unique(others.begin(), others.end()), others.end());
        }
    }
    const std::int64_t repeat_bound = seating::repeat_lower_bound(met, problem.target);
    if (options.avoid_repeats) {
        problem.met = met;
        problem.repeat_bound = repeat_bound;
    }

    const std::vector<int> group_of = seating::search_seating(problem, options);

    Assignment assignment;
    assignment.placement.reserve(seats.size());
    for (std::size_t s = 0; s < seats.size(); ++s) {
        assignment.placement.emplace_back(seats[s].person_id, groups[group_of[s]].id);
    }
    assignment.quality = evaluate(groups, seats, assignment.placement);
    if (!history.empty()) {
        assignment.quality.repeated_pairs =
            count_repeats(assignment.placement, history_once(met, seats));
        assignment.quality.repeat_lower_bound = static_cast<int>(repeat_bound);
    }
    return assignment;
}

}  // namespace uketsuke
