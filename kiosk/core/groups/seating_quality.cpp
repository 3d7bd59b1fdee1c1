#include "kiosk/core/groups/seating_quality.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <utility>

#include "kiosk/core/groups/seating_math.hpp"

namespace uketsuke {

using namespace seating;

int count_repeats(const Placement& placement, const PairHistory& history) {
    std::unordered_map<std::string, std::string> group_of;
    for (const auto& [person_id, group_id] : placement) group_of.try_emplace(person_id, group_id);
    int repeats = 0;
    for (const auto& [a, b] : history) {
        const auto ga = group_of.find(a);
        const auto gb = group_of.find(b);
        if (a != b && ga != group_of.end() && gb != group_of.end() && ga->second == gb->second)
            ++repeats;
    }
    return repeats;
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

}  // namespace uketsuke
