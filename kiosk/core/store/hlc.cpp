#include "kiosk/core/store/hlc.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <chrono>

namespace uketsuke {

std::string HlcStamp::to_string() const {
    return fmt::format("{:013d}.{:06d}.{}", physical_ms, logical, node);
}

std::optional<HlcStamp> HlcStamp::parse(std::string_view text) {
    if (text.size() < 21 || text[13] != '.' || text[20] != '.') return std::nullopt;
    HlcStamp stamp;
    auto [p1, e1] = std::from_chars(text.data(), text.data() + 13, stamp.physical_ms);
    auto [p2, e2] = std::from_chars(text.data() + 14, text.data() + 20, stamp.logical);
    if (e1 != std::errc() || e2 != std::errc() || p1 != text.data() + 13 ||
        p2 != text.data() + 20) {
        return std::nullopt;
    }
    stamp.node = std::string(text.substr(21));
    return stamp;
}

HybridClock::HybridClock(std::string node, HlcStamp last)
    : node_(std::move(node)), last_(std::move(last)) {
    last_.node = node_;
}

HlcStamp HybridClock::tick(std::int64_t wall_ms) {
    if (wall_ms > last_.physical_ms) {
        last_.physical_ms = wall_ms;
        last_.logical = 0;
    } else {
        ++last_.logical;
    }
    last_.node = node_;
    return last_;
}

void HybridClock::observe(const HlcStamp& remote, std::int64_t wall_ms) {
    const std::int64_t physical = std::max({last_.physical_ms, remote.physical_ms, wall_ms});
    if (physical == last_.physical_ms && physical == remote.physical_ms) {
        last_.logical = std::max(last_.logical, remote.logical) + 1;
    } else if (physical == last_.physical_ms) {
        ++last_.logical;
    } else if (physical == remote.physical_ms) {
        last_.logical = remote.logical + 1;
    } else {
        last_.logical = 0;
    }
    last_.physical_ms = physical;
}

std::int64_t wall_clock_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace uketsuke
