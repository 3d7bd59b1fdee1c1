#include "kiosk/core/checkin/dashboard.hpp"

#include <algorithm>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "kiosk/core/checkin/checkin.hpp"
#include "kiosk/core/model/local_time.hpp"

namespace uketsuke {
namespace {

bool by_staff(const CheckinRecord& row) {
    return !row.staff.empty() || row.method == CheckinMethod::Manual ||
           row.method == CheckinMethod::WalkIn || row.method == CheckinMethod::Command ||
           row.method == CheckinMethod::Paper;
}

// Finds or appends the entry called `key`, keeping an index so 5,000 people stay linear.
template <typename Entry, typename Make>
Entry& entry_for(std::vector<Entry>& entries, std::unordered_map<std::string, std::size_t>& index,
                 const std::string& key, Make make) {
    const auto [at, added] = index.try_emplace(key, entries.size());
    if (added) entries.push_back(make());
    return entries[at->second];
}

}  // namespace

Dashboard build_dashboard(const EventStore& store, std::int64_t now_ms, std::size_t not_arrived_cap,
                          const std::string& session_id) {
    Dashboard out;
    out.built_at_ms = now_ms;
    out.time_zone = store.event().time_zone;
    const Session session = resolve_session(store, session_id);
    const auto attendance = load_attendance(store, session.id);
    const std::vector<std::string> expected_ids = store.expected_at(session.id);
    const std::unordered_set<std::string> expected(expected_ids.begin(), expected_ids.end());
    std::unordered_set<std::string> in_the_log;
    for (const auto& row : store.checkins()) in_the_log.insert(row.participant_id);

    std::unordered_map<std::string, std::size_t> group_index;
    for (const auto& group : store.groups()) {
        group_index.emplace(group.id, out.groups.size());
        out.groups.push_back(
            GroupTurnout{group.id, group.name, group.table_label, 0, 0, group.capacity});
    }
    std::unordered_map<std::string, std::size_t> organization_index;
    std::unordered_map<std::string, std::size_t> kiosk_index;
    std::unordered_set<std::string> known;
    std::vector<std::int64_t> arrival_times;

    for (const auto& person : store.participants()) {
        known.insert(person.id);
        if (person.status == RegistrationStatus::Cancelled) {
            ++out.cancelled;
            continue;
        }
        if (!expected.contains(person.id)) continue;  // not on this session's own list
        const bool walk_in = person.source == "walk-in";
        const auto found = attendance.find(person.id);
        const CheckinRecord* first =
            found != attendance.end() && found->second.first ? &*found->second.first : nullptr;
        const bool arrived = first != nullptr || (walk_in && !in_the_log.contains(person.id));

        GroupTurnout* group = nullptr;
        if (!person.group_id.empty()) {
            group = &entry_for(out.groups, group_index, person.group_id, [&] {
                return GroupTurnout{person.group_id, person.group_id, "", 0, 0, 0};
            });
        }
        int& group_expected = group ? group->expected : out.ungrouped.expected;
        int& group_arrived = group ? group->arrived : out.ungrouped.arrived;
        OrganizationTurnout& organization =
            entry_for(out.organizations, organization_index, person.organization, [&] {
                return OrganizationTurnout{person.organization, 0, 0};
            });
        ++out.overall.expected;
        ++group_expected;
        ++organization.expected;

        if (!arrived) {
            ++out.not_arrived_total;
            if (out.not_arrived.size() < not_arrived_cap) {
                out.not_arrived.push_back(NotArrivedPerson{person.id, person.name, person.reading,
                                                           person.organization,
                                                           group ? group->name : std::string()});
            }
            continue;
        }
        ++out.overall.arrived;
        ++group_arrived;
        ++organization.arrived;
        // 当日参加 as the 出席簿 counts it: registered at a kiosk at this session (their first
        // check-in here is the walk-in's), not every walk-in of an earlier session who came
        // back; one whose row has not arrived yet walked in now.
        if (first == nullptr || first->method == CheckinMethod::WalkIn) ++out.walk_ins;
        // A walk-in whose check-in row has not reached this file is here, but at no known
        // kiosk or time.
        if (first == nullptr) continue;
        arrival_times.push_back(first->wall_ms);
        KioskCheckins& kiosk = entry_for(out.kiosks, kiosk_index, first->kiosk, [&] {
            return KioskCheckins{first->kiosk, 0, 0, 0};
        });
        ++kiosk.arrivals;
        ++(by_staff(*first) ? kiosk.by_staff : kiosk.self);
    }
    for (const auto& [id, state] : attendance) {
        if (state.checked_in && !known.contains(id)) ++out.details_pending;
    }

    std::sort(out.organizations.begin(), out.organizations.end(),
              [](const OrganizationTurnout& a, const OrganizationTurnout& b) {
                  return std::tuple(b.expected - b.arrived, a.name) <
                         std::tuple(a.expected - a.arrived, b.name);
              });
    std::sort(out.kiosks.begin(), out.kiosks.end(),
              [](const KioskCheckins& a, const KioskCheckins& b) { return a.kiosk < b.kiosk; });

    if (!arrival_times.empty()) {
        const std::int64_t latest = *std::max_element(arrival_times.begin(), arrival_times.end());
        out.latest_arrival_ms = latest;
        out.latest_arrival = local_hour_minute(latest, out.time_zone);
        // Stretch to now while now is within the chart's reach of the last arrival; a clock
        // far ahead would otherwise leave a chart of nothing but empty buckets.
        const std::int64_t reach = static_cast<std::int64_t>(kDashboardBuckets) * kArrivalBucketMs;
        std::optional<std::int64_t> until;
        if (now_ms > latest && now_ms - latest < reach) until = now_ms;
        out.arrivals =
            arrivals_per_five_minutes(arrival_times, out.time_zone, until, kDashboardBuckets);
    }
    return out;
}

}  // namespace uketsuke
