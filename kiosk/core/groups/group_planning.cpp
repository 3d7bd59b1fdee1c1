#include "kiosk/core/groups/group_planning.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "kiosk/core/checkin/report.hpp"
#include "kiosk/core/groups/group_import.hpp"
#include "kiosk/core/groups/rebalance.hpp"
#include "kiosk/core/model/utf8.hpp"
#include "kiosk/core/store/ids.hpp"

namespace uketsuke {
namespace {

std::string group_letter_name(int index) {
    std::string name;
    for (int n = index + 1; n > 0; n = (n - 1) / 26)
        name.insert(name.begin(), static_cast<char>('A' + (n - 1) % 26));
    return name;
}

bool is_seated_role(Role role) { return role == Role::Participant || role == Role::Facilitator; }

// The value of an imported column; nullopt when the column is not given or this person's
// import did not have it.
std::optional<std::string> extra_value(const Participant& person, const std::string& column) {
    if (column.empty()) return std::nullopt;
    for (const auto& [header, value] : person.extras) {
        if (header == column) return std::string(utf8::trim(value));
    }
    return std::nullopt;
}

// By name first; a table label only when it is unambiguous ("3" for table 3).
const Group* find_group(const std::vector<Group>& groups, const std::string& text) {
    for (const auto& group : groups) {
        if (group.name == text) return &group;
    }
    const Group* by_table = nullptr;
    for (const auto& group : groups) {
        if (group.table_label != text) continue;
        if (by_table) return nullptr;
        by_table = &group;
    }
    return by_table;
}

std::string first_few(const std::vector<std::string>& items, std::string_view separator,
                      std::size_t limit = 5) {
    std::string text;
    for (std::size_t i = 0; i < items.size() && i < limit; ++i) {
        if (i > 0) text += separator;
        text += items[i];
    }
    if (items.size() > limit) text += fmt::format("{}and {} more", separator, items.size() - limit);
    return text;
}

std::string unknown_column_message(const EventStore& store, std::string_view option,
                                   const std::string& column) {
    std::vector<std::string> columns;
    for (const auto& person : store.participants()) {
        for (const auto& [header, value] : person.extras) {
            if (std::find(columns.begin(), columns.end(), header) == columns.end())
                columns.push_back(header);
        }
    }
    if (columns.empty()) {
        return fmt::format(
            "{} {}: the roster has no extra columns (import a file with a column \"{}\" first)",
            option, column, column);
    }
    return fmt::format(
        "{} {}: no imported column of that name has a value for anyone; the roster's extra "
        "columns are: {}",
        option, column, first_few(columns, ", ", 20));
}

void replace_all(std::string& text, std::string_view from, std::string_view to) {
    if (from.empty()) return;
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
}

std::string count_of(std::size_t n, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string label_of(const Group& group) {
    if (group.table_label.empty() || group.table_label == group.name) return group.name;
    return fmt::format("{} (table {})", group.name, group.table_label);
}

// The refusals of assign_groups, checked first so the message can name people and groups and
// say what to change.
std::optional<std::string> check_seating(const std::vector<Group>& groups,
                                         const std::vector<Seat>& seats,
                                         const std::map<std::string, Participant>& people) {
    std::vector<std::string> facilitators;
    for (const Seat& seat : seats) {
        if (seat.facilitator) facilitators.push_back(people.at(seat.person_id).name);
    }
    if (facilitators.size() > groups.size()) {
        return fmt::format(
            "{} but only {}: each group takes exactly one facilitator ({}). "
            "Add groups (uketsuke groups create --count {}) or give someone another role",
            count_of(facilitators.size(), "facilitator", "facilitators"),
            count_of(groups.size(), "group", "groups"), first_few(facilitators, ", ", 10),
            facilitators.size() - groups.size());
    }
    bool unlimited = false;
    std::int64_t total = 0;
    for (const auto& group : groups) {
        unlimited = unlimited || group.capacity == 0;
        total += group.capacity;
    }
    if (!unlimited && total < static_cast<std::int64_t>(seats.size())) {
        return fmt::format(
            "{} to seat but only {} in {}. Raise capacities (uketsuke groups set NAME --capacity "
            "C) or add "
            "groups (uketsuke groups create --count N --capacity C)",
            count_of(seats.size(), "person", "people"),
            count_of(static_cast<std::size_t>(total), "seat", "seats"),
            count_of(groups.size(), "group", "groups"));
    }
    for (const auto& group : groups) {
        std::vector<std::string> pinned;
        std::vector<std::string> pinned_facilitators;
        for (const Seat& seat : seats) {
            if (seat.pinned_group != group.id) continue;
            pinned.push_back(people.at(seat.person_id).name);
            if (seat.facilitator) pinned_facilitators.push_back(pinned.back());
        }
        if (group.capacity > 0 && static_cast<int>(pinned.size()) > group.capacity) {
            return fmt::format(
                "group {} is full: it seats {} but {} pinned to it ({}). Raise its capacity "
                "(uketsuke groups set {} --capacity {}) or pin fewer people there",
                label_of(group), group.capacity, count_of(pinned.size(), "person is", "people are"),
                first_few(pinned, ", ", 10), group.name, pinned.size());
        }
        if (pinned_facilitators.size() > 1) {
            return fmt::format(
                "facilitators {} are pinned to the same group, {}: each group takes exactly one",
                first_few(pinned_facilitators, " and "), label_of(group));
        }
        // With as many facilitators as groups, every group must keep a seat for one.
        if (facilitators.size() == groups.size() && pinned_facilitators.empty() &&
            group.capacity > 0 && static_cast<int>(pinned.size()) >= group.capacity) {
            return fmt::format(
                "group {} is full with people pinned to it ({}), leaving no seat for a "
                "facilitator, and each of "
                "the {} groups needs one of the {} facilitators. Raise its capacity (uketsuke "
                "groups set {} "
                "--capacity {}) or pin fewer people there",
                label_of(group), first_few(pinned, ", ", 10), groups.size(), facilitators.size(),
                group.name, pinned.size() + 1);
        }
    }
    return std::nullopt;
}

// The room as the kiosk sees it: every registered, placed participant (their seats), and those
// who count as present.
struct RoomState {
    std::vector<GroupSlot> slots;
    std::map<std::string, std::string> group_names;
    Placement placement;
    std::vector<Seat> seated;
    std::map<std::string, Participant> people;
};

// `session_id` "": the event's seating and check-ins at any session (the organizer's tools, a
// one-day event). Otherwise that session's: its own seating when it draws one (schema 6), the
// event's when not, and who is checked in there.
RoomState room_state(const EventStore& store, bool only_checked_in, const std::string& leave_out,
                     const std::string& session_id = "") {
    RoomState room;
    for (const auto& group : store.groups()) {
        room.slots.push_back(GroupSlot{group.id, group.capacity});
        room.group_names[group.id] = group.name;
    }
    const auto attendance =
        only_checked_in ? load_attendance(store, session_id) : std::map<std::string, Attendance>{};
    std::optional<std::map<std::string, std::string>> own_seats;
    if (!session_id.empty() && store.has_own_seating(session_id)) {
        own_seats.emplace();
        for (const auto& seat : store.session_seating(session_id))
            (*own_seats)[seat.participant_id] = seat.group_id;
    }
    for (auto& person : store.participants()) {
        if (person.status == RegistrationStatus::Cancelled || !is_seated_role(person.role))
            continue;
        if (own_seats) {
            const auto seat = own_seats->find(person.id);
            person.group_id = seat == own_seats->end() ? std::string() : seat->second;
        }
        if (person.id == leave_out || !room.group_names.contains(person.group_id)) continue;
        room.placement.emplace_back(person.id, person.group_id);
        if (only_checked_in) {
            const auto found = attendance.find(person.id);
            if (found == attendance.end() || !found->second.checked_in) continue;
        }
        Seat seat;
        seat.person_id = person.id;
        seat.organization = person.organization;
        seat.facilitator = person.role == Role::Facilitator;
        room.seated.push_back(std::move(seat));
        room.people.emplace(person.id, std::move(person));
    }
    return room;
}

}  // namespace

std::vector<Group> create_groups(EventStore& store, int count, int capacity) {
    sql::Transaction transaction(store.database());
    const int existing = static_cast<int>(store.groups().size());
    std::vector<Group> created;
    for (int i = 0; i < count; ++i) {
        Group group;
        group.id = random_id();
        group.name = group_letter_name(existing + i);
        group.table_label = std::to_string(existing + i + 1);
        group.capacity = capacity;
        store.upsert_group(group, existing + i);
        created.push_back(group);
    }
    transaction.commit();
    return created;
}

GroupPlanResult plan_groups(EventStore& store, const GroupPlanOptions& options) {
    GroupPlanResult result;
    sql::Transaction transaction(store.database());
    const auto groups = store.groups();
    if (groups.empty()) {
        result.error =
            "the event has no groups yet; create them first (uketsuke groups create --count N)";
        return result;
    }
    std::map<std::string, std::string> group_names;
    std::vector<GroupSlot> slots;
    for (const auto& group : groups) {
        slots.push_back(GroupSlot{group.id, group.capacity});
        group_names[group.id] = group.name;
    }
    std::vector<Seat> seats;
    std::map<std::string, Participant> people;
    std::vector<std::string> bad_pins;
    bool pin_column_seen = false;
    bool spread_column_seen = false;
    for (auto& person : store.participants()) {
        if (person.status == RegistrationStatus::Cancelled || !is_seated_role(person.role))
            continue;
        Seat seat;
        seat.person_id = person.id;
        seat.organization = person.organization;
        seat.facilitator = person.role == Role::Facilitator;
        if (options.keep_current && !person.group_id.empty()) seat.pinned_group = person.group_id;
        if (const auto value = extra_value(person, options.pin_column)) {
            pin_column_seen = true;
            if (!value->empty()) {
                if (const Group* group = find_group(groups, *value)) {
                    seat.pinned_group = group->id;
                } else {
                    bad_pins.push_back(
                        fmt::format("{} ({}) has \"{}\"", person.name, person.id, *value));
                }
            }
        }
        if (const auto value = extra_value(person, options.spread_column)) {
            spread_column_seen = true;
            seat.spread_value = *value;
        }
        seats.push_back(std::move(seat));
        people.emplace(person.id, std::move(person));
    }
    if (!options.pin_column.empty() && !pin_column_seen) {
        result.error = unknown_column_message(store, "--pin-column", options.pin_column);
        return result;
    }
    if (!options.spread_column.empty() && !spread_column_seen) {
        result.error = unknown_column_message(store, "--spread", options.spread_column);
        return result;
    }
    if (!bad_pins.empty()) {
        result.error =
            fmt::format("column \"{}\" names groups that do not exist: {}; the groups are: {}",
                        options.pin_column, first_few(bad_pins, "; "), list_group_names(groups));
        return result;
    }
    if (auto problem = check_seating(groups, seats, people)) {
        result.error = std::move(*problem);
        return result;
    }
    AssignmentOptions assignment = options.assignment;
    assignment.spread = !options.spread_column.empty();
    auto plan = assign_groups(slots, seats, assignment);
    if (!plan) {
        // check_seating catches what assign_groups refuses; this names groups if a case slips by.
        result.error = plan.error();
        for (const auto& group : groups) replace_all(result.error, group.id, group.name);
        return result;
    }
    result.quality = plan.value().quality;
    std::string stamp;
    for (const auto& [person_id, group_id] : plan.value().placement) {
        Participant& person = people.at(person_id);
        if (person.group_id == group_id) continue;
        const auto from = group_names.find(person.group_id);
        result.moves.push_back(GroupPlanMove{person.id, person.name, person.organization,
                                             from != group_names.end() ? from->second : "",
                                             group_names.at(group_id)});
        if (stamp.empty()) stamp = store.next_stamp(options.editor, options.wall_ms).to_string();
        person.group_id = group_id;
        person.changed_stamp = stamp;
        person.changed_by = options.editor;
        store.upsert_participant(person, 0);
    }
    // The welcome screen names each table's facilitator: keep groups in step with the seating.
    for (std::size_t i = 0; i < groups.size(); ++i) {
        Group group = groups[i];
        for (const auto& [person_id, group_id] : plan.value().placement) {
            const Participant& person = people.at(person_id);
            if (group_id == group.id && person.role == Role::Facilitator)
                group.facilitator = person.name;
        }
        if (group.facilitator != groups[i].facilitator)
            store.upsert_group(group, static_cast<int>(i));
    }
    if (!options.dry_run) {
        transaction.commit();
        result.applied = true;
    }
    return result;
}

std::optional<std::string> place_walk_in(const EventStore& store, const Participant& newcomer,
                                         bool only_checked_in, const std::string& session_id) {
    if (newcomer.status == RegistrationStatus::Cancelled || !is_seated_role(newcomer.role))
        return std::nullopt;
    const RoomState room = room_state(store, only_checked_in, newcomer.id, session_id);
    Seat seat;
    seat.person_id = newcomer.id;
    seat.organization = newcomer.organization;
    seat.facilitator = newcomer.role == Role::Facilitator;
    if (!newcomer.group_id.empty()) seat.pinned_group = newcomer.group_id;
    return best_group_for(seat, room.slots, room.placement, room.seated);
}

std::vector<GroupPlanMove> propose_rebalance_moves(const EventStore& store,
                                                   const std::string& session_id) {
    const RoomState room = room_state(store, true, "", session_id);
    std::vector<GroupPlanMove> moves;
    for (const Move& move : propose_rebalance(room.slots, room.placement, room.seated)) {
        const Participant& person = room.people.at(move.person_id);
        moves.push_back(GroupPlanMove{person.id, person.name, person.organization,
                                      room.group_names.at(move.from_group),
                                      room.group_names.at(move.to_group)});
    }
    return moves;
}

GroupPlanResult apply_moves(EventStore& store, const std::vector<GroupPlanMove>& moves,
                            const std::string& editor, std::int64_t wall_ms,
                            const std::string& staff_id, const std::string& staff_name,
                            const std::string& session_id) {
    GroupPlanResult result;
    sql::Transaction transaction(store.database());
    // A session with a seating of its own moves people there; the event's seating stays.
    const bool own_seating = !session_id.empty() && store.has_own_seating(session_id);
    std::string session_name;
    if (own_seating)
        if (const auto session = store.session(session_id)) session_name = session->name;
    const auto groups = store.groups();
    std::map<std::string, std::string> group_ids;
    std::map<std::string, std::string> group_names;
    for (const auto& group : groups) {
        group_ids[group.name] = group.id;
        group_names[group.id] = group.name;
    }
    std::string stamp;
    std::map<std::string, bool> moved;
    for (const GroupPlanMove& move : moves) {
        auto person = store.participant(move.participant_id);
        if (!person || person->status == RegistrationStatus::Cancelled) {
            result.error = fmt::format("{} ({}) is not registered for this event", move.name,
                                       move.participant_id);
            return result;
        }
        const auto to = group_ids.find(move.to_group);
        if (to == group_ids.end()) {
            result.error = fmt::format("no group named \"{}\"; the groups are: {}", move.to_group,
                                       list_group_names(groups));
            return result;
        }
        if (own_seating) {
            const auto seat = store.seat_at(session_id, person->id);
            person->group_id = seat ? seat->group_id : std::string();
        }
        const auto current = group_names.find(person->group_id);
        const std::string current_name = current == group_names.end() ? "" : current->second;
        if (current_name != move.from_group || !moved.emplace(person->id, true).second) {
            result.error = fmt::format(
                "{} is now in {}, not {}: the seating changed since the proposal; propose the "
                "moves again",
                person->name, current_name.empty() ? "no group" : current_name,
                move.from_group.empty() ? "no group" : move.from_group);
            return result;
        }
        if (stamp.empty()) stamp = store.next_stamp(editor, wall_ms).to_string();
        // The same line a move on the person card writes (staff_actions.cpp), naming the
        // session when the move is of its own seating.
        std::string detail = current_name.empty()
                                 ? fmt::format("→ {}", move.to_group)
                                 : fmt::format("{} → {}", current_name, move.to_group);
        if (own_seating) {
            if (auto put = store.put_session_seating(
                    session_id, {SessionSeat{person->id, to->second, "", stamp, editor}});
                !put) {
                result.error = put.error().message;
                return result;
            }
            detail += fmt::format(" ({})", session_name);
        } else {
            person->group_id = to->second;
            person->changed_stamp = stamp;
            person->changed_by = editor;
            store.upsert_participant(*person, 0);
        }
        store.append_person_log(PersonLogEntry{random_id(), person->id, "move", detail, editor,
                                               staff_id, staff_name, wall_ms, stamp});
        result.moves.push_back(move);
    }
    const RoomState room = room_state(store, true, "", session_id);
    result.quality = evaluate(room.slots, room.seated, room.placement);
    transaction.commit();
    result.applied = true;
    return result;
}

}  // namespace uketsuke
