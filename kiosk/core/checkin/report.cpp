#include "kiosk/core/checkin/report.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

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
    std::set<std::string> participant_organizations;
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
        RoleTally& role = who.role == Role::Facilitator ? report.facilitators
                          : who.role == Role::Staff     ? report.staff
                          : who.role == Role::Guest     ? report.guests
                                                        : report.participants;
        if (cell.expected) ++role.registered;
        if (came) ++role.attended;
        // Counted as the 出席簿 counts them (× and 振): nobody is absent before the start.
        if (cell.mark == SessionMark::Absent || cell.mark == SessionMark::MadeUp) ++role.no_shows;
        if (came && who.role == Role::Participant && !who.organization.empty())
            participant_organizations.insert(who.organization);
        if (came) {
            arrivals.push_back(*cell.arrived_ms);
        } else if (cell.expected) {
            // Before the start too (the kiosk opens early): who is still to come.
            report.no_show_names.push_back(who.name);
            report.no_show_list.push_back(
                NoShow{who.id, who.name, who.organization, who.email, who.role});
        }
    }
    report.participant_organizations = static_cast<int>(participant_organizations.size());
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

std::string report_line(const Report& r, ReportLanguage language) {
    const RoleTally& p = r.participants;
    std::string line;
    if (language == ReportLanguage::Japanese) {
        line = fmt::format("{}団体{}名参加（申込者{}名）", r.participant_organizations, p.attended,
                           p.registered);
        std::vector<std::string> others;
        for (const auto& [label, tally] :
             {std::pair{"ファシリテーター", &r.facilitators}, std::pair{"スタッフ", &r.staff},
              std::pair{"来賓", &r.guests}}) {
            if (tally->attended > 0)
                others.push_back(fmt::format("{}{}名", label, tally->attended));
        }
        if (!others.empty()) line += fmt::format("、ほか{}", fmt::join(others, "・"));
        line += fmt::format("。キャンセル{}名、欠席{}名", r.cancelled, p.no_shows);
        if (r.walk_ins > 0) line += fmt::format("、当日参加{}名", r.walk_ins);
        return line;
    }
    auto count = [](int n, const char* one, const char* many) {
        return fmt::format("{} {}", n, n == 1 ? one : many);
    };
    line = fmt::format("{}, {} attended of {} registered",
                       count(r.participant_organizations, "organization", "organizations"),
                       count(p.attended, "participant", "participants"), p.registered);
    std::vector<std::string> others;
    if (r.facilitators.attended > 0)
        others.push_back(count(r.facilitators.attended, "facilitator", "facilitators"));
    if (r.staff.attended > 0) others.push_back(fmt::format("{} staff", r.staff.attended));
    if (r.guests.attended > 0) others.push_back(count(r.guests.attended, "guest", "guests"));
    if (!others.empty()) line += fmt::format(", with {}", fmt::join(others, ", "));
    line +=
        fmt::format("; {} cancelled, {}", r.cancelled, count(p.no_shows, "no-show", "no-shows"));
    if (r.walk_ins > 0) line += fmt::format(", {}", count(r.walk_ins, "walk-in", "walk-ins"));
    return line;
}

std::string format_report_text(const Report& r, ReportLanguage language) {
    std::string out = report_line(r, language) + "\n\n";
    out += fmt::format("{} — {} {}\n", r.event.name, r.event.date, r.event.venue);
    if (r.sessions > 1) {
        out += fmt::format("Session {} ({}, {} {}–{})\n", r.session.name, r.session.id,
                           r.session.date, r.session.starts_at, r.session.ends_at);
    }
    auto plural = [](int n, const char* one, const char* many) {
        return fmt::format("{} {}", n, n == 1 ? one : many);
    };
    out += fmt::format("{}, {} attended of {} registered",
                       plural(r.organizations, "organization", "organizations"), r.attended,
                       r.registered);
    out +=
        fmt::format(" ({}, {} cancelled", plural(r.no_shows, "no-show", "no-shows"), r.cancelled);
    if (r.walk_ins > 0) out += fmt::format(", {}", plural(r.walk_ins, "walk-in", "walk-ins"));
    out += ")\n";
    out += fmt::format("Everyone, as the 出席簿 counts them: {}\n", r.column.totals.summary);
    out += fmt::format(
        "By role (attended / registered): participants {} / {}, facilitators {} / "
        "{}, staff {} / {}, guests {} / {}\n",
        r.participants.attended, r.participants.registered, r.facilitators.attended,
        r.facilitators.registered, r.staff.attended, r.staff.registered, r.guests.attended,
        r.guests.registered);
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
    if (!r.no_show_list.empty()) {
        out += "\nNot arrived (id, name, organization, e-mail)\n";
        // A conference's thousands of no-shows belong in the JSON, not on a screen.
        constexpr std::size_t kListed = 500;
        for (std::size_t i = 0; i < r.no_show_list.size() && i < kListed; ++i) {
            const NoShow& person = r.no_show_list[i];
            out += fmt::format("  {}\t{}{}\t{}\t{}\n", person.id, person.name,
                               person.role == Role::Participant
                                   ? std::string()
                                   : fmt::format(" [{}]", to_string(person.role)),
                               person.organization, person.email);
        }
        if (r.no_show_list.size() > kListed) {
            out += fmt::format("  … and {} more (`uketsuke report --json` lists everyone)\n",
                               r.no_show_list.size() - kListed);
        }
    }
    return out;
}

nlohmann::json report_to_json(const Report& r) {
    nlohmann::json arrivals = nlohmann::json::array();
    for (const auto& b : r.arrivals) {
        arrivals.push_back(
            {{"start", local_date_time(b.start_ms, r.event.time_zone)}, {"arrivals", b.arrivals}});
    }
    nlohmann::json no_shows = nlohmann::json::array();
    for (const auto& person : r.no_show_list) {
        no_shows.push_back({{"id", person.id},
                            {"name", person.name},
                            {"organization", person.organization},
                            {"email", person.email},
                            {"role", to_string(person.role)}});
    }
    const auto role_json = [](const RoleTally& t) {
        return nlohmann::json{
            {"expected", t.registered}, {"attended", t.attended}, {"no_shows", t.no_shows}};
    };
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
        {"not_arrived_people", no_shows},
        {"by_role",
         {{"participant", role_json(r.participants)},
          {"facilitator", role_json(r.facilitators)},
          {"staff", role_json(r.staff)},
          {"guest", role_json(r.guests)}}},
        {"participant_organizations", r.participant_organizations},
        {"line",
         {{"ja", report_line(r, ReportLanguage::Japanese)},
          {"en", report_line(r, ReportLanguage::English)}}},
    };
}

}  // namespace uketsuke
