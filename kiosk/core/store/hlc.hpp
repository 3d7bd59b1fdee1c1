#pragma once
// Hybrid logical clock (Kulkarni et al.): stamps that follow wall time when clocks
// agree and still order causally when a kiosk's clock is off by hours. Every row
// of the check-in log and every participant edit carries one.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace uketsuke {

struct HlcStamp {
    std::int64_t physical_ms = 0;
    std::uint32_t logical = 0;
    std::string node;  // kiosk id: breaks ties between kiosks

    // Fixed-width text that sorts like the stamp itself, so SQL ORDER BY works.
    std::string to_string() const;
    static std::optional<HlcStamp> parse(std::string_view text);
    auto operator<=>(const HlcStamp&) const = default;
};

class HybridClock {
public:
    explicit HybridClock(std::string node, HlcStamp last = {});

    // A stamp for a local event at the given wall time; always greater than any
    // stamp this clock has issued or observed.
    HlcStamp tick(std::int64_t wall_ms);
    // Takes in a stamp seen from another kiosk so our next stamps come after it.
    void observe(const HlcStamp& remote, std::int64_t wall_ms);

    const HlcStamp& last() const { return last_; }
    const std::string& node() const { return node_; }

private:
    std::string node_;
    HlcStamp last_;
};

std::int64_t wall_clock_ms();

}  // namespace uketsuke
