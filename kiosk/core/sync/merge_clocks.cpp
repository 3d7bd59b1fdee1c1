#include "kiosk/core/sync/merge_clocks.hpp"

#include <algorithm>
#include <string_view>

#include "kiosk/core/store/event_store.hpp"
#include "kiosk/core/store/hlc.hpp"

namespace uketsuke::merging {
namespace {

constexpr std::string_view kClockPrefix = "hlc.";

}  // namespace

Clocks read_clocks(sql::Database& db) {
    Clocks clocks;
    auto query = db.prepare("SELECT key, value FROM settings WHERE substr(key, 1, 4) = 'hlc.'");
    while (query.step()) {
        const std::string key = query.text(0);
        if (auto stamp = HlcStamp::parse(query.text(1))) {
            ClockTime& time = clocks[key.substr(kClockPrefix.size())];
            time = std::max(time, ClockTime{stamp->physical_ms, stamp->logical});
        }
    }
    return clocks;
}

void take_max(Clocks& into, const Clocks& from) {
    for (const auto& entry : from) {
        ClockTime& time = into[entry.first];
        time = std::max(time, entry.second);
    }
}

bool has_seen(const Clocks& clocks, const std::string& stamp_text) {
    const auto stamp = HlcStamp::parse(stamp_text);
    if (!stamp) return true;
    const auto clock = clocks.find(stamp->node);
    return clock != clocks.end() && clock->second >= ClockTime{stamp->physical_ms, stamp->logical};
}

void advance_clocks(sql::Database& target, Clocks& clocks) {
    ClockTime newest{};
    if (const auto stamp = newest_stamp(target)) newest = {stamp->physical_ms, stamp->logical};
    const Clocks stored = read_clocks(target);
    auto upsert = target.prepare(
        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = "
        "excluded.value");
    for (auto& [node, time] : clocks) {
        time = std::max(time, newest);
        const auto old = stored.find(node);
        if (old != stored.end() && old->second == time) continue;
        const HlcStamp stamp{time.first, time.second, node};
        upsert.bind_all(std::string(kClockPrefix) + node, stamp.to_string());
        upsert.run();
    }
}

}  // namespace uketsuke::merging
