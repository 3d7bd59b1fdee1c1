#pragma once
// The live picture for staff as plain values (checkin/dashboard.hpp builds it; the counting
// rules are written there): who has arrived out of who is expected, overall, per group, per
// organization and per kiosk; who has not come yet; arrivals per five minutes.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/model/arrival_bucket.hpp"

namespace uketsuke {

struct Turnout {
    int arrived = 0;
    int expected = 0;
};

struct GroupTurnout {
    std::string group_id;
    std::string name;
    std::string table;  // the table label; may be empty
    int arrived = 0;
    int expected = 0;
    int capacity = 0;  // 0: no limit
};

struct OrganizationTurnout {
    std::string name;  // "" for people with no organization: the view shows its own word
    int arrived = 0;
    int expected = 0;
};

// By the kiosk that recorded each arrived person's first check-in in force.
struct KioskCheckins {
    std::string kiosk;  // "" when the row named no kiosk (e.g. the command-line tool)
    int arrivals = 0;
    int by_staff = 0;  // manual, walk-in or command-line, or any row with a staff name
    int self = 0;      // camera or scanner with no staff involved
};

struct NotArrivedPerson {
    std::string id;
    std::string name;
    std::string reading;
    std::string organization;
    std::string group_name;  // "" when not placed
};

struct Dashboard {
    std::int64_t built_at_ms = 0;
    std::string time_zone;  // the event's, for the labels below
    Turnout overall;
    int walk_ins = 0;
    int cancelled = 0;
    int details_pending = 0;  // valid tickets of people this file does not know yet

    // In the event's group order; groups nobody is placed in are still shown (0 / 0).
    std::vector<GroupTurnout> groups;
    Turnout ungrouped;  // expected people placed in no group
    // Most people still to come first, then by name: what staff chase is on top.
    std::vector<OrganizationTurnout> organizations;
    // By kiosk name. Their arrivals add up to the arrived people with a check-in in the log.
    std::vector<KioskCheckins> kiosks;

    // In roster order, at most the cap passed to build_dashboard; the total is uncapped.
    std::vector<NotArrivedPerson> not_arrived;
    int not_arrived_total = 0;

    // Five-minute buckets from the first arrival to now (the latest kDashboardBuckets).
    std::vector<ArrivalBucket> arrivals;
    std::optional<std::int64_t> latest_arrival_ms;
    std::string latest_arrival;  // "09:42" in the event's time zone; "" before anyone came
};

inline constexpr std::size_t kNotArrivedCap = 200;
// Twelve hours: a day's doors. Older buckets fall off the chart, not out of the counts.
inline constexpr std::size_t kDashboardBuckets = 12 * 12;

}  // namespace uketsuke
