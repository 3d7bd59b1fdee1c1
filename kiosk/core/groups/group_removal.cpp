#include "kiosk/core/groups/group_removal.hpp"

#include <fmt/format.h>

#include <map>
#include <set>

#include "kiosk/core/store/ids.hpp"

namespace uketsuke {
namespace {

bool checked_in_anywhere(const EventStore& store, const std::string& participant_id) {
    for (const auto& session : store.sessions()) {
        if (fold_attendance(store.checkins_of(participant_id, session.id)).checked_in) return true;
    }
    return false;
}

}  // namespace

GroupRemovalImpact group_removal_impact(const EventStore& store,
                                        const std::vector<std::string>& group_ids) {
    const std::set<std::string> removed(group_ids.begin(), group_ids.end());
    std::set<std::string> seated;
    std::set<std::string> registered;
    for (const auto& person : store.participants()) {
        if (person.status != RegistrationStatus::Registered) continue;
        registered.insert(person.id);
        if (removed.contains(person.group_id)) seated.insert(person.id);
    }
    for (const auto& session : store.sessions()) {
        for (const auto& seat : store.session_seating(session.id)) {
            if (removed.contains(seat.group_id) && registered.contains(seat.participant_id))
                seated.insert(seat.participant_id);
        }
    }
    GroupRemovalImpact impact;
    impact.seated = static_cast<int>(seated.size());
    for (const auto& id : seated) {
        if (checked_in_anywhere(store, id)) ++impact.checked_in;
    }
    return impact;
}

GroupRemovalResult remove_groups(EventStore& store, const std::vector<std::string>& group_ids,
                                 const std::string& editor, const std::string& staff_name,
                                 std::int64_t wall_ms) {
    GroupRemovalResult result;
    sql::Transaction transaction(store.database());
    std::set<std::string> removed;
    for (const auto& id : group_ids) {
        const auto group = store.group(id);
        if (!group) {
            result.error = fmt::format("there is no group with the id \"{}\"", id);
            return result;
        }
        removed.insert(group->id);
    }
    std::map<std::string, std::string> names;
    for (const auto& group : store.groups()) names[group.id] = group.name;
    for (auto person : store.participants()) {
        if (!removed.contains(person.group_id)) continue;
        const std::string stamp = store.next_stamp(editor, wall_ms).to_string();
        const std::string detail = fmt::format("{} →", names[person.group_id]);
        person.group_id.clear();
        person.changed_stamp = stamp;
        person.changed_by = editor;
        store.upsert_participant(person, 0);
        store.append_person_log(PersonLogEntry{random_id(), person.id, "move", detail, editor, "",
                                               staff_name, wall_ms, stamp});
        ++result.people_unseated;
    }
    for (const auto& session : store.sessions()) {
        std::vector<SessionSeat> seats;
        for (auto seat : store.session_seating(session.id)) {
            if (!removed.contains(seat.group_id)) continue;
            seat.group_id.clear();
            seat.table_label.clear();
            seat.changed_stamp = store.next_stamp(editor, wall_ms).to_string();
            seat.changed_by = editor;
            seats.push_back(std::move(seat));
        }
        if (seats.empty()) continue;
        auto put = store.put_session_seating(session.id, seats);
        if (!put) {
            result.error = put.error().message;
            return result;
        }
        result.people_unseated += static_cast<int>(seats.size());
    }
    auto remove = store.database().prepare("DELETE FROM groups WHERE id = ?");
    for (const auto& id : removed) {
        remove.reset();
        remove.bind_all(id);
        remove.run();
        ++result.groups_removed;
    }
    transaction.commit();
    return result;
}

}  // namespace uketsuke
