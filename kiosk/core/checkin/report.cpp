#include "kiosk/core/checkin/report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <tuple>
#include <utility>

#include "kiosk/core/attendance/attendance_output.hpp"
#include "kiosk/core/attendance/event_attendance.hpp"
#include "kiosk/core/checkin/checkin.hpp"
#include "kiosk/core/model/local_time.hpp"

namespace uketsuke {
namespace {

Tally& tally_for(std::vector<Tally>& tallies, const std::string& label) {
    for (auto& tally : tallies) {
        if (tally.label == label) return tally;
    }
    tallies.push_back(Tally{label, 0, 0});
    return tallies.back();
}

nlohmann::json tallies_to_json(const std::vector<Tally>& tallies) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& t : tallies) {
        out.push_back({{"name", t.label}, {"expected", t.registered}, {"attended", t.attended}});
    }
    return out;
}

}  // namespace

std::map<std::string, Attendance> load_attendance(const EventStore& store,
                                                  const std::string& session_id) {
    std::map<std::pair<std::string, std::string>, std::vector<CheckinRecord>> rows;
    for (auto& row : store.checkins()) {
        if (!session_id.empty() && row.session_id != session_id) continue;
        rows[{row.participant_id, row.session_id}].push_back(std::move(row));
    }
    std::map<std::string, Attendance> attendance;
    for (const auto& [key, log] : rows) {
        const Attendance here = fold_attendance(log);
        Attendance& person = attendance[key.first];
        if (!here.checked_in) continue;
        if (!person.checked_in || std::tie(here.first->stamp, here.first->id) <
                                      std::tie(person.first->stamp, person.first->id)) {
            person = here;
        }
    }
    return attendance;
}

std::vector<ArrivalBucket> arrivals_per_five_minutes(
    const std::vector<std::int64_t>& arrival_wall_ms, const std::string& time_zone,
    std::optional<std::int64_t> until_ms, std::size_t max_buckets) {
    std::vector<ArrivalBucket> buckets;
    if (arrival_wall_ms.empty() || max_buckets == 0) return buckets;
    std::map<std::int64_t, int> arrivals;
    for (const std::int64_t ms : arrival_wall_ms) ++arrivals[ms / kArrivalBucketMs];
    std::int64_t first = arrivals.begin()->first;
    std::int64_t last = arrivals.rbegin()->first;
    if (until_ms) last = std::max(last, *until_ms / kArrivalBucketMs);
    // Unsigned, so a span of the whole int64 range cannot overflow the subtraction.
    const auto span = static_cast<std::uint64_t>(last) - static_cast<std::uint64_t>(first);
    if (span >= max_buckets) first = last - static_cast<std::int64_t>(max_buckets - 1);
    for (std::int64_t bucket = first; bucket <= last; ++bucket) {
        const std::int64_t start_ms = bucket * kArrivalBucketMs;
        const auto count = arrivals.find(bucket);
        buckets.push_back(ArrivalBucket{start_ms, local_hour_minute(start_ms, time_zone),
                                        count == arrivals.end() ? 0 : count->second});
    }
    return buckets;
}

Report build_report(const EventStore& store, const std::string& session_id,
                    std::optional<std::int64_t> now_ms) {
    Report report;
    report.event = store.event();
    report.session = resolve_session(store, session_id);
    report.sessions = static_cast<int>(store.sessions().size());
    // The figures are the 出席簿's for this session (kiosk/core/attendance), so the report and
    // `uketsuke attendance` never disagree on who was expected, came, or walked in.
    AttendanceInput input = attendance_input(store, now_ms);
    input.collated_order = false;  // counted, not listed in 五十音順
    auto built = build_attendance_record(input);
    if (!built) throw std::invalid_argument(built.error().message);
    auto one = only_session(built.value(), report.session.id);
    if (!one) throw std::invalid_argument(one.error().message);
    const AttendanceRecord& record = one.value();
    report.column = record.sessions.front();
    const SessionTotals& totals = report.column.totals;
    report.registered = totals.expected;
    report.attended = totals.counts.attended();
    report.no_shows = totals.counts.absent + totals.counts.made_up;
    report.walk_ins = totals.walk_ins;
    report.organizations = totals.organizations;
    report.cancelled = record.cancelled;

    std::map<std::string, Group> groups;
    for (const auto& group : store.groups()) {
        groups[group.id] = group;
        tally_for(report.by_group, group.name);
    }
    const bool own_seating = store.has_own_seating(report.session.id);
    std::map<std::string, std::string> seats;  // participant → group, of the session's own
    if (own_seating) {
        for (const auto& seat : store.session_seating(report.session.id)) {
            seats[seat.participant_id] = seat.group_id;
        }
    }
    std::vector<std::int64_t> arrivals;
    for (const auto& person : record.people) {
        const AttendanceCell& cell = person.cells.front();
        const Participant& who = person.participant;
        const bool came = cell.arrived_ms.has_value();
        Tally& org = tally_for(report.by_organization,
                               who.organization.empty() ? "(none)" : who.organization);
        if (cell.expected) ++org.registered;
        if (came) ++org.attended;
        // The group they sit in at this session: its own seating where it draws one.
        const std::string group_id =
            own_seating ? (seats.contains(who.id) ? seats[who.id] : "") : who.group_id;
        if (!group_id.empty()) {
            const auto group = groups.find(group_id);
            Tally& tally =
                tally_for(report.by_group, group != groups.end() ? group->second.name : group_id);
            if (cell.expected) ++tally.registered;
            if (came) ++tally.attended;
        }
        if (came) {
            arrivals.push_back(*cell.arrived_ms);
        } else if (cell.expected) {
            // Before the start too (the kiosk opens early): who is still to come.
            report.no_show_names.push_back(who.name);
        }
    }
    // Valid tickets of people this file does not know, checked in at this session.
    std::set<std::string> known;
    for (const auto& person : input.participants) known.insert(person.id);
    std::map<std::string, std::vector<CheckinRecord>> strangers;
    for (const auto& row : input.checkins) {
        if (row.session_id == report.session.id && !known.contains(row.participant_id)) {
            strangers[row.participant_id].push_back(row);
        }
    }
    for (const auto& [id, rows] : strangers) {
        if (fold_attendance(rows).checked_in) ++report.pending;
    }
    report.rejected_scans = static_cast<int>(store.rejected_scans().size());
    std::stable_sort(report.by_organization.begin(), report.by_organization.end(),
                     [](const Tally& a, const Tally& b) { return a.registered > b.registered; });
    report.arrivals = arrivals_per_five_minutes(arrivals, report.event.time_zone);
    return report;
}

std::string format_report_text(const Report& r) {
    std::string out;
    out += fmt::format("{} — {} {}\n", r.event.name, r.event.date, r.event.venue);
    if (r.sessions > 1) {
        out += fmt::format("Session {} ({}, {} {}–{})\n", r.session.name, r.session.id,
                           r.session.date, r.session.starts_at, r.session.ends_at);
    }
    out += fmt::format("{} organizations, {} attended of {} registered", r.organizations,
                       r.attended, r.registered);
    out += fmt::format(" ({} no-shows, {} cancelled", r.no_shows, r.cancelled);
    if (r.walk_ins > 0) out += fmt::format(", {} walk-ins", r.walk_ins);
    out += ")\n";
    out += fmt::format("{}\n", r.column.totals.summary);
    if (r.pending > 0) {
        out += fmt::format("{} valid tickets of people not in this file yet (details pending)\n",
                           r.pending);
    }
    if (r.rejected_scans > 0) out += fmt::format("{} scans rejected\n", r.rejected_scans);

    auto table = [&out](const char* title, const std::vector<Tally>& tallies) {
        if (tallies.empty()) return;
        out += fmt::format("\n{}\n", title);
        for (const auto& t : tallies) {
            out += fmt::format("  {:>3} / {:<3} {}\n", t.attended, t.registered, t.label);
        }
    };
    table("By organization (attended / registered)", r.by_organization);
    table("By group (attended / registered)", r.by_group);

    if (!r.arrivals.empty()) {
        out += "\nArrivals per 5 minutes\n";
        int peak = 1;
        for (const auto& b : r.arrivals) peak = std::max(peak, b.arrivals);
        for (const auto& b : r.arrivals) {
            const int width = (b.arrivals * 40 + peak - 1) / peak;
            std::string bar;
            for (int i = 0; i < width; ++i) bar += "█";
            out += fmt::format("  {} {:>3} {}\n", b.label, b.arrivals, bar);
        }
    }
    if (!r.no_show_names.empty() && r.no_show_names.size() <= 50) {
        out += "\nNot arrived\n";
        for (const auto& name : r.no_show_names) out += fmt::format("  {}\n", name);
    }
    return out;
}

nlohmann::json report_to_json(const Report& r) {
    nlohmann::json arrivals = nlohmann::json::array();
    for (const auto& b : r.arrivals) {
        arrivals.push_back(
            {{"start", local_date_time(b.start_ms, r.event.time_zone)}, {"arrivals", b.arrivals}});
    }
    // The session's figures are written by the 出席簿's own writer (session_json): the same
    // keys for the same figures in both outputs (README, "One vocabulary").
    return {
        {"event",
         {{"id", r.event.id},
          {"name", r.event.name},
          {"date", r.event.date},
          {"venue", r.event.venue},
          {"time_zone", r.event.time_zone}}},
        {"session", session_json(r.column)},
        {"sessions_in_event", r.sessions},
        {"cancelled", r.cancelled},
        {"details_pending", r.pending},
        {"rejected_scans", r.rejected_scans},
        {"by_organization", tallies_to_json(r.by_organization)},
        {"by_group", tallies_to_json(r.by_group)},
        {"arrivals_per_5_minutes", arrivals},
        {"not_arrived", r.no_show_names},
    };
}

}  // namespace uketsuke
