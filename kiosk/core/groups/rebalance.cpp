#include "kiosk/core/groups/rebalance.hpp"

#include <algorithm>
#include <unordered_map>
#include <utility>

#include "kiosk/core/groups/seating_math.hpp"

namespace uketsuke {

using namespace seating;

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
