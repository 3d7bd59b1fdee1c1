#pragma once
// Counting helpers the seating functions share (assignment, quality, rebalance): dense indices
// for ids, the pairs and squares of an even spread, and sizes filled as evenly as bounds allow.

#include <cstdint>
#include <limits>
#include <string>
#include <unordered_map>
#include <vector>

#include "kiosk/core/groups/seating.hpp"

namespace uketsuke::seating {

inline constexpr int kNone = -1;
inline constexpr int kUnlimited = std::numeric_limits<int>::max();

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

inline std::int64_t pairs_of(std::int64_t k) { return k * (k - 1) / 2; }

// Fewest pairs n people of one organization can form over `groups` groups: spread evenly.
inline std::int64_t even_pairs(std::int64_t n, std::int64_t groups) {
    if (groups <= 0) return pairs_of(n);
    const std::int64_t q = n / groups;
    const std::int64_t r = n % groups;
    return r * pairs_of(q + 1) + (groups - r) * pairs_of(q);
}

// Smallest sum of count² for n people over `groups` groups: spread evenly.
inline std::int64_t even_squares(std::int64_t n, std::int64_t groups) {
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

inline const std::string& group_id_of(const GroupSlot& group) { return group.id; }
inline const std::string& person_id_of(const Seat& seat) { return seat.person_id; }

inline int interned_or_none(Interner& interner, const std::string& name) {
    return name.empty() ? kNone : interner.add(name);
}

// Sizes as even as the bounds allow: the highest level L with sum(clamp(L, lo, hi)) <= total,
// then one more for groups that can take it, in `preference` order. When sum(hi) < total the
// sizes fall short of the total and the caller decides what that means.
// Sizes as even as the bounds allow: the highest level L with sum(clamp(L, lo, hi)) <= total,
// then one more for groups that can take it, in `preference` order. When sum(hi) < total the
// sizes fall short of the total and the caller decides what that means.
std::vector<int> water_fill(const std::vector<int>& lo, const std::vector<int>& hi, int total,
                            const std::vector<int>& preference);

}  // namespace uketsuke::seating
