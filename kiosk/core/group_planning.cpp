#include "kiosk/core/group_planning.hpp"

#include <fmt/format.h>

#include <map>

#include "kiosk/core/ids.hpp"

namespace uketsuke {
namespace {

std::string group_letter_name(int index) {
    std::string name;
    for (int n = index + 1; n > 0; n = (n - 1) / 26) name.insert(name.begin(), static_cast<char>('A' + (n - 1) % 26));
    return name;
}

bool is_seated_role(Role role) { return role == Role::Participant || role == Role::Facilitator; }

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
        result.error = "the event has no groups yet; create them first (uketsuke groups create --count N)";
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
    for (auto& person : store.participants()) {
        if (person.status == RegistrationStatus::Cancelled || !is_seated_role(person.role)) continue;
        Seat seat;
        seat.person_id = person.id;
        seat.organization = person.organization;
        seat.facilitator = person.role == Role::Facilitator;
        if (options.keep_current && !person.group_id.empty()) seat.pinned_group = person.group_id;
        if (!options.spread_column.empty()) {
            for (const auto& [header, value] : person.extras) {
                if (header == options.spread_column) seat.spread_value = value;
            }
        }
        seats.push_back(std::move(seat));
        people.emplace(person.id, std::move(person));
    }
    AssignmentOptions assignment = options.assignment;
    assignment.spread = !options.spread_column.empty();
    auto plan = assign_groups(slots, seats, assignment);
    if (!plan) {
        result.error = plan.error().message;
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
            if (group_id == group.id && person.role == Role::Facilitator) group.facilitator = person.name;
        }
        if (group.facilitator != groups[i].facilitator) store.upsert_group(group, static_cast<int>(i));
    }
    if (!options.dry_run) {
        transaction.commit();
        result.applied = true;
    }
    return result;
}

}  // namespace uketsuke
