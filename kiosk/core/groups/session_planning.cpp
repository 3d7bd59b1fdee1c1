#include "kiosk/core/groups/session_planning.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "kiosk/core/store/session_rules.hpp"

namespace uketsuke {
namespace {

bool is_seated_role(Role role) { return role == Role::Participant || role == Role::Facilitator; }

std::string count_of(std::size_t n, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string list_sessions(const std::vector<Session>& sessions) {
    std::string text;
    for (std::size_t i = 0; i < sessions.size(); ++i) {
        if (i > 0) text += "; ";
        text += describe_session(sessions[i]);
    }
    return text;
}

}  // namespace

PairHistory earlier_pairs(const EventStore& store, const std::string& session_id,
                          int* sessions_counted) {
    const auto sessions = store.sessions();
    const auto current = store.session(session_id);
    PairHistory pairs;
    if (sessions_counted) *sessions_counted = 0;
    if (!current) return pairs;
    const auto people = store.participants();
    std::set<std::pair<std::string, std::string>> seen;
    for (const auto& earlier : sessions) {
        if (std::tie(earlier.date, earlier.starts_at) >=
            std::tie(current->date, current->starts_at))
            continue;
        if (sessions_counted) ++*sessions_counted;
        std::map<std::string, std::vector<std::string>> tables;  // group → people, roster order
        for (const auto& person : people) {
            if (person.status == RegistrationStatus::Cancelled || !is_seated_role(person.role))
                continue;
            if (const auto seat = store.seat_at(earlier.id, person.id))
                tables[seat->group_id].push_back(person.id);
        }
        for (const auto& [group, members] : tables) {
            for (std::size_t i = 0; i < members.size(); ++i) {
                for (std::size_t j = i + 1; j < members.size(); ++j) {
                    auto pair = std::minmax(members[i], members[j]);
                    if (seen.emplace(pair.first, pair.second).second)
                        pairs.emplace_back(pair.first, pair.second);
                }
            }
        }
    }
    return pairs;
}

SessionPlanResult plan_session_seating(EventStore& store, const std::string& session_id,
                                       const SessionPlanOptions& options) {
    SessionPlanResult result;
    sql::Transaction transaction(store.database());
    if (!store.session(session_id)) {
        result.error = fmt::format("there is no session \"{}\"; the sessions are: {}", session_id,
                                   list_sessions(store.sessions()));
        return result;
    }
    const auto groups = store.groups();
    if (groups.empty()) {
        result.error =
            "the event has no groups yet; create them first (uketsuke groups create --count N)";
        return result;
    }
    std::vector<GroupSlot> slots;
    bool unlimited = false;
    std::int64_t capacity = 0;
    for (const auto& group : groups) {
        slots.push_back(GroupSlot{group.id, group.capacity});
        unlimited = unlimited || group.capacity == 0;
        capacity += group.capacity;
    }
    const std::vector<std::string> expected = store.expected_at(session_id);
    std::vector<Seat> seats;
    std::vector<std::string> facilitators;
    for (const auto& id : expected) {
        const auto person = store.participant(id);
        if (!person || !is_seated_role(person->role)) continue;
        Seat seat;
        seat.person_id = person->id;
        seat.organization = person->organization;
        seat.facilitator = person->role == Role::Facilitator;
        if (seat.facilitator) facilitators.push_back(person->name);
        seats.push_back(std::move(seat));
    }
    // The refusals of assign_groups, said with names and what to do, as plan_groups says them.
    if (facilitators.size() > groups.size()) {
        result.error = fmt::format(
            "{} expected at the session but only {}: each group takes exactly one facilitator. "
            "Add groups (uketsuke groups create --count {}) or give someone another role",
            count_of(facilitators.size(), "facilitator", "facilitators"),
            count_of(groups.size(), "group", "groups"), facilitators.size() - groups.size());
        return result;
    }
    if (!unlimited && capacity < static_cast<std::int64_t>(seats.size())) {
        result.error = fmt::format(
            "{} to seat at the session but only {} in {}. Raise capacities (uketsuke groups set "
            "NAME --capacity C) or add groups (uketsuke groups create --count N --capacity C)",
            count_of(seats.size(), "person", "people"),
            count_of(static_cast<std::size_t>(capacity), "seat", "seats"),
            count_of(groups.size(), "group", "groups"));
        return result;
    }
    const PairHistory history = earlier_pairs(store, session_id, &result.earlier_sessions);
    auto plan = assign_groups(slots, seats, options.assignment, history);
    if (!plan) {
        // The checks above catch what assign_groups refuses; this names groups if one slips by.
        result.error = plan.error();
        for (const auto& group : groups) {
            for (auto at = result.error.find(group.id); at != std::string::npos;
                 at = result.error.find(group.id, at + group.name.size()))
                result.error.replace(at, group.id.size(), group.name);
        }
        return result;
    }
    result.quality = plan.value().quality;
    result.seated = static_cast<int>(plan.value().placement.size());

    const std::string stamp = store.next_stamp(options.editor, options.wall_ms).to_string();
    std::vector<SessionSeat> rows;
    std::set<std::string> seated;
    for (const auto& [person_id, group_id] : plan.value().placement) {
        rows.push_back(SessionSeat{person_id, group_id, "", stamp, options.editor});
        seated.insert(person_id);
    }
    for (const auto& held : store.session_seating(session_id)) {
        if (!seated.contains(held.participant_id) && !held.group_id.empty() &&
            store.participant(held.participant_id)) {
            rows.push_back(SessionSeat{held.participant_id, "", "", stamp, options.editor});
        }
    }
    auto written = store.put_session_seating(session_id, rows);
    if (!written) {
        result.error = written.error().message;
        return result;
    }
    if (!options.dry_run) {
        transaction.commit();
        result.applied = true;
    }
    return result;
}

}  // namespace uketsuke
