#pragma once
// Organization sizes for made-up rosters, shared by the assignment tests and benchmark.

#include <algorithm>
#include <random>
#include <vector>

namespace uketsuke::testing {

// Random organization sizes in [1, largest] adjusted to sum to `people`; fewer organizations or
// larger ones when the numbers don't fit.
inline std::vector<int> random_sizes(std::mt19937_64& random, int people, int organizations,
                                     int largest) {
    organizations = std::max(1, std::min(organizations, people));
    largest = std::max(largest, (people + organizations - 1) / organizations);
    std::vector<int> sizes(organizations);
    int total = 0;
    for (int& size : sizes) total += size = 1 + static_cast<int>(random() % largest);
    while (total != people) {
        int& size = sizes[random() % organizations];
        if (total > people && size > 1) {
            --size;
            --total;
        } else if (total < people && size < largest) {
            ++size;
            ++total;
        }
    }
    return sizes;
}

}  // namespace uketsuke::testing
