#include "kiosk/core/staff/staff_actions.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <map>
#include <stdexcept>

#include "kiosk/core/groups/group_planning.hpp"
#include "kiosk/core/model/utf8.hpp"
#include "kiosk/core/staff/attention.hpp"
#include "kiosk/core/staff/staff.hpp"
#include "kiosk/core/store/ids.hpp"

namespace uketsuke {
namespace {

// Lower-case letters and digits without the look-alikes l, o, 0 and 1 (as staff ids).
// 12 characters hold 60 random bits: walk-ins made at separate kiosks never share an id.
constexpr std::string_view kIdAlphabet = "abcdefghijkmnpqrstuvwxyz23456789";
constexpr int kWalkInIdLength = 12;

std::string random_walk_in_suffix() {
    static const bool ready = sodium_init() >= 0;
    if (!ready) throw std::runtime_error("libsodium failed to initialise");
    std::string suffix;
    for (int i = 0; i < kWalkInIdLength; ++i) {
        suffix += kIdAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kIdAlphabet.size()))];
    }
    return suffix;
}

std::string upper_ascii(std::string text) {
    for (char& c : text) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    return text;
}

bool is_seated(Role role) { return role == Role::Participant || role == Role::Facilitator; }

}  // namespace

std::string admit_staff(const EventStore& store, StaffContext& context,
                        std::optional<StaffAction> action) {
    if (context.kiosk.empty()) return "this kiosk has no id; set kiosk_id in its configuration";
    if (context.staff_id.empty()) return "";
    const auto member = find_staff(store, context.staff_id);
    if (!member) {
        return fmt::format(
            "staff member {} is no longer on the staff list; unlock staff mode again",
            context.staff_id);
    }
    if (action && !allowed(member->role, *action)) {
        return fmt::format("{} is door staff; ask a supervisor to do this", member->name);
    }
    if (context.staff_name.empty()) context.staff_name = member->name;
    return "";
}

namespace {

std::string group_name(const EventStore& store, const std::string& group_id) {
    if (group_id.empty()) return "";
    const auto group = store.group(group_id);
    return group ? group->name : group_id;
}

// A warning when seating `person` in `group` takes it past its capacity (0: no limit). Counts
// registered people with a seat (participants and facilitators), as place_walk_in does.
std::string capacity_warning(EventStore& store, const Group& group, const Participant& person) {
    if (group.capacity <= 0 || !is_seated(person.role)) return "";
    auto query = store.database().prepare(
        "SELECT count(*) FROM participants WHERE group_id = ? AND id <> ? AND status = "
        "'registered' "
        "AND role IN ('participant', 'facilitator')");
    query.bind_all(group.id, person.id);
    const std::int64_t seated = (query.step() ? query.integer(0) : 0) + 1;
    if (seated <= group.capacity) return "";
    return fmt::format("group {} now seats {}, over its capacity of {}", group.name, seated,
                       group.capacity);
}

std::string not_found(const std::string& participant_id) {
    return fmt::format("no one with the id \"{}\" is registered at this event", participant_id);
}

// Stamps the row, writes it and its log line. The caller holds the transaction. `position`
// (the roster order) applies to a new person only.
Participant record(EventStore& store, Participant person, const std::string& action,
                   const std::string& detail, const StaffContext& context, int position = 0) {
    const std::string stamp = store.next_stamp(context.kiosk, context.wall_ms).to_string();
    person.changed_stamp = stamp;
    person.changed_by = context.kiosk;
    store.upsert_participant(person, position);
    store.append_person_log(PersonLogEntry{random_id(), person.id, action, detail, context.kiosk,
                                           context.staff_id, context.staff_name, context.wall_ms,
                                           stamp});
    return person;
}

// The common shape of an edit: admit, one transaction, load the person, let `edit` change them
// (or refuse), record. `edit` returns the error, or "" and sets the log's detail.
template <typename Edit>
ActionResult edit_person(EventStore& store, const std::string& participant_id,
                         const std::string& action, StaffContext context,
                         std::optional<StaffAction> permission, Edit&& edit) {
    ActionResult result;
    result.error = admit_staff(store, context, permission);
    if (!result.error.empty()) return result;
    sql::Transaction transaction(store.database());
    auto person = store.participant(participant_id);
    if (!person) {
        result.error = not_found(participant_id);
        return result;
    }
    std::string detail;
    result.error = edit(*person, detail, result.warning);
    if (!result.error.empty()) {
        result.warning.clear();
        return result;
    }
    result.participant = record(store, *person, action, detail, context);
    transaction.commit();
    return result;
}

}  // namespace

std::vector<HistoryEntry> person_history(const EventStore& store,
                                         const std::string& participant_id) {
    std::map<std::string, std::string> staff_names;
    for (const auto& member : list_staff(store)) staff_names[member.id] = member.name;
    const auto name_of = [&](const std::string& staff_id) {
        const auto found = staff_names.find(staff_id);
        return found == staff_names.end() ? std::string() : found->second;
    };
    std::vector<HistoryEntry> history;
    for (const auto& row : store.checkins_of(participant_id)) {
        const char* what = row.kind == CheckinKind::Undo    ? "undo"
                           : row.kind == CheckinKind::Leave ? "leave"
                                                            : "check-in";
        history.push_back(HistoryEntry{what, "", std::string(to_string(row.method)), row.kiosk,
                                       row.staff, name_of(row.staff), row.wall_ms, row.stamp});
    }
    for (const auto& row : store.person_log_of(participant_id)) {
        // A flag's text is cleaned as attention_of cleans it; an acknowledgment's detail is the
        // id of the flag it saw, nothing to read.
        const std::string detail = row.action == "attention" ? clean_attention_text(row.detail)
                                   : row.action == "attention_ack" ? std::string()
                                                                   : row.detail;
        history.push_back(HistoryEntry{row.action, detail, "", row.kiosk, row.staff,
                                       row.staff_name.empty() ? name_of(row.staff) : row.staff_name,
                                       row.wall_ms, row.stamp});
    }
    // A walk-in's registration and its check-in have stamps in that order; equal stamps come
    // only from hand-made rows, kept in the order read.
    std::stable_sort(
        history.begin(), history.end(),
        [](const HistoryEntry& a, const HistoryEntry& b) { return a.stamp < b.stamp; });
    return history;
}

namespace {

// A move at a session that draws its own seating: the person's seat at that session changes,
// their seat for the rest of the event (the participant row) stays.
ActionResult move_in_session(EventStore& store, const std::string& participant_id,
                             const std::string& group_id, StaffContext context) {
    ActionResult result;
    result.error = admit_staff(store, context, StaffAction::Move);
    if (!result.error.empty()) return result;
    sql::Transaction transaction(store.database());
    auto person = store.participant(participant_id);
    if (!person) {
        result.error = not_found(participant_id);
        return result;
    }
    const auto session = store.session(context.session_id);
    const std::string session_name = session ? session->name : context.session_id;
    if (person->status == RegistrationStatus::Cancelled) {
        result.error =
            fmt::format("{}'s registration is cancelled; reinstate them first", person->name);
        return result;
    }
    const auto group = store.group(group_id);
    if (!group) {
        result.error = fmt::format("there is no group with the id \"{}\"", group_id);
        return result;
    }
    const auto seat = store.seat_at(context.session_id, person->id);
    const std::string from_id = seat ? seat->group_id : std::string();
    if (from_id == group->id) {
        result.error =
            fmt::format("{} is already in group {} at {}", person->name, group->name, session_name);
        return result;
    }
    const std::string from = group_name(store, from_id);
    const std::string stamp = store.next_stamp(context.kiosk, context.wall_ms).to_string();
    if (auto put = store.put_session_seating(
            context.session_id, {SessionSeat{person->id, group->id, "", stamp, context.kiosk}});
        !put) {
        result.error = put.error().message;
        return result;
    }
    const std::string detail = from.empty()
                                   ? fmt::format("→ {} ({})", group->name, session_name)
                                   : fmt::format("{} → {} ({})", from, group->name, session_name);
    store.append_person_log(PersonLogEntry{random_id(), person->id, "move", detail, context.kiosk,
                                           context.staff_id, context.staff_name, context.wall_ms,
                                           stamp});
    transaction.commit();
    result.participant = std::move(person);
    return result;
}

}  // namespace

ActionResult move_person(EventStore& store, const std::string& participant_id,
                         const std::string& group_id, const StaffContext& context) {
    if (!context.session_id.empty() && store.has_own_seating(context.session_id))
        return move_in_session(store, participant_id, group_id, context);
    return edit_person(
        store, participant_id, "move", context, StaffAction::Move,
        [&](Participant& person, std::string& detail, std::string& warning) -> std::string {
            if (person.status == RegistrationStatus::Cancelled) {
                return fmt::format("{}'s registration is cancelled; reinstate them first",
                                   person.name);
            }
            const auto group = store.group(group_id);
            if (!group) return fmt::format("there is no group with the id \"{}\"", group_id);
            if (person.group_id == group->id) {
                return fmt::format("{} is already in group {}", person.name, group->name);
            }
            const std::string from = group_name(store, person.group_id);
            detail = from.empty() ? fmt::format("→ {}", group->name)
                                  : fmt::format("{} → {}", from, group->name);
            warning = capacity_warning(store, *group, person);
            person.group_id = group->id;
            return "";
        });
}

ActionResult cancel_person(EventStore& store, const std::string& participant_id,
                           const StaffContext& context) {
    return edit_person(
        store, participant_id, "cancel", context, StaffAction::Cancel,
        [&](Participant& person, std::string&, std::string&) -> std::string {
            if (person.status == RegistrationStatus::Cancelled) {
                return fmt::format("{}'s registration is already cancelled", person.name);
            }
            const Session session = resolve_session(store, context.session_id);
            if (fold_attendance(store.checkins_of(person.id, session.id)).checked_in) {
                return fmt::format("{} is checked in at {}; undo the check-in first", person.name,
                                   session.name);
            }
            person.status = RegistrationStatus::Cancelled;
            return "";
        });
}

ActionResult reinstate_person(EventStore& store, const std::string& participant_id,
                              const StaffContext& context) {
    return edit_person(store, participant_id, "reinstate", context, StaffAction::Cancel,
                       [&](Participant& person, std::string&, std::string& warning) -> std::string {
                           if (person.status != RegistrationStatus::Cancelled) {
                               return fmt::format("{}'s registration is not cancelled",
                                                  person.name);
                           }
                           if (const auto group = store.group(person.group_id)) {
                               warning = capacity_warning(store, *group, person);
                           }
                           person.status = RegistrationStatus::Registered;
                           return "";
                       });
}

ActionResult set_note(EventStore& store, const std::string& participant_id, const std::string& note,
                      const StaffContext& context) {
    const std::string text(utf8::trim(note));
    return edit_person(store, participant_id, "note", context, std::nullopt,
                       [&](Participant& person, std::string& detail, std::string&) -> std::string {
                           if (person.notes == text)
                               return fmt::format("{}'s note is already that", person.name);
                           person.notes = text;
                           detail = text;
                           return "";
                       });
}

namespace {

// "" when `text` may be stored as a person's `field`; else what is wrong, naming both.
std::string check_text(std::string_view field, const std::string& text) {
    if (const auto at = utf8::error_offset(text); at != std::string::npos) {
        return fmt::format("{} \"{}\": not UTF-8 text (byte {})", field, utf8::safe_text(text),
                           at + 1);
    }
    if (utf8::safe_text(text, utf8::Controls::Remove) != text) {
        return fmt::format("{} \"{}\": has a control character or line break", field,
                           utf8::safe_text(text, utf8::Controls::Remove));
    }
    return "";
}

}  // namespace

ActionResult correct_person(EventStore& store, const std::string& participant_id,
                            const PersonCorrection& correction, const StaffContext& given) {
    ActionResult result;
    StaffContext context = given;
    result.error = admit_staff(store, context, StaffAction::Move);
    if (!result.error.empty()) return result;
    auto trimmed = [](const std::optional<std::string>& value) {
        return value ? std::optional<std::string>(std::string(utf8::trim(*value))) : std::nullopt;
    };
    const auto name = trimmed(correction.name);
    const auto reading = trimmed(correction.reading);
    const auto organization = trimmed(correction.organization);
    const auto note = trimmed(correction.note);
    for (const auto& [field, value] :
         {std::pair{"name", &name}, std::pair{"reading", &reading},
          std::pair{"organization", &organization}, std::pair{"note", &note}}) {
        if (!*value) continue;
        result.error = check_text(field, **value);
        if (!result.error.empty()) return result;
    }
    if (name && name->empty()) {
        result.error = "name \"\": a person needs a name";
        return result;
    }
    sql::Transaction transaction(store.database());
    auto person = store.participant(participant_id);
    if (!person) {
        result.error = not_found(participant_id);
        return result;
    }
    std::optional<Group> group;
    if (correction.group_id && !correction.group_id->empty()) {
        group = store.group(*correction.group_id);
        if (!group) {
            result.error = fmt::format("group \"{}\": there is no group with that id",
                                       utf8::safe_text(*correction.group_id));
            return result;
        }
    }
    std::vector<std::string> changes;
    auto change = [&](const char* field, std::string& stored,
                      const std::optional<std::string>& to) {
        if (!to || stored == *to) return;
        changes.push_back(fmt::format("{}: {} → {}", field, stored, *to));
        stored = *to;
    };
    change("name", person->name, name);
    change("reading", person->reading, reading);
    change("organization", person->organization, organization);
    if (correction.role && *correction.role != person->role) {
        changes.push_back(
            fmt::format("role: {} → {}", to_string(person->role), to_string(*correction.role)));
        person->role = *correction.role;
    }
    const bool moves = correction.group_id && *correction.group_id != person->group_id;
    const bool notes = note && *note != person->notes;
    if (changes.empty() && !moves && !notes) {
        result.error = fmt::format("{} ({}) already has these values; nothing changed",
                                   person->name, person->id);
        return result;
    }
    if (!changes.empty()) {
        std::string detail;
        for (const auto& line : changes) detail += (detail.empty() ? "" : "; ") + line;
        *person = record(store, *person, "edit", detail, context);
    }
    if (moves) {
        const std::string from = group_name(store, person->group_id);
        const std::string to = group ? group->name : std::string();
        const std::string detail = from.empty() ? fmt::format("→ {}", to)
                                   : to.empty() ? fmt::format("{} →", from)
                                                : fmt::format("{} → {}", from, to);
        if (group) result.warning = capacity_warning(store, *group, *person);
        person->group_id = group ? group->id : std::string();
        *person = record(store, *person, "move", detail, context);
    }
    if (notes) {
        person->notes = *note;
        *person = record(store, *person, "note", *note, context);
    }
    transaction.commit();
    result.participant = std::move(person);
    return result;
}

WalkInResult register_walk_in(EventStore& store, const WalkIn& walk_in, const StaffContext& given,
                              const std::optional<SecretKey>& secret_key) {
    WalkInResult result;
    StaffContext context = given;
    result.error = admit_staff(store, context, StaffAction::WalkIn);
    if (!result.error.empty()) return result;
    Participant person;
    person.name = std::string(utf8::trim(walk_in.name));
    person.reading = std::string(utf8::trim(walk_in.reading));
    person.organization = std::string(utf8::trim(walk_in.organization));
    person.role = walk_in.role;
    person.source = "walk-in";
    if (person.name.empty()) {
        result.error = "a walk-in needs a name";
        return result;
    }
    const Session session = resolve_session(store, context.session_id);
    {
        sql::Transaction transaction(store.database());
        do {
            const std::string suffix = random_walk_in_suffix();
            person.id = "w-" + suffix;
            result.code = "W-" + upper_ascii(suffix);
        } while (store.participant(person.id) || store.participant_for_code(result.code));
        if (walk_in.group_id) {
            if (!walk_in.group_id->empty()) {
                result.group = store.group(*walk_in.group_id);
                if (!result.group) {
                    result.error =
                        fmt::format("there is no group with the id \"{}\"", *walk_in.group_id);
                    return result;
                }
                result.warning = capacity_warning(store, *result.group, person);
            }
        } else if (is_seated(person.role)) {
            // The seating of the session they came to: its own when it draws one.
            const auto placed = place_walk_in(store, person, walk_in.only_checked_in, session.id);
            if (!placed) {
                result.error =
                    fmt::format("every group is full; choose a group for {}", person.name);
                return result;
            }
            result.group = store.group(*placed);
        }
        if (result.group) person.group_id = result.group->id;
        person = record(store, person, "walk-in", result.group ? result.group->name : "", context,
                        static_cast<int>(store.participant_count()));
        store.set_code(result.code, person.id, "walk-in");
        // A session with a seating of its own seats them there too, so its welcome screen and
        // rebalancing see them at that table.
        if (result.group && store.has_own_seating(session.id)) {
            if (auto seated = store.put_session_seating(
                    session.id, {SessionSeat{person.id, result.group->id, "", person.changed_stamp,
                                             context.kiosk}});
                !seated) {
                result.error = seated.error().message;
                return result;
            }
        }
        // A walk-in joins the session they came to: a session with its own list gets them on
        // it, so they count as expected (and present) there and nowhere else.
        std::vector<std::string> list = store.session_expected_list(session.id);
        if (!list.empty()) {
            list.push_back(person.id);
            const std::string stamp = store.next_stamp(context.kiosk, context.wall_ms).to_string();
            if (auto joined = store.set_session_expected(session.id, list, stamp, context.kiosk);
                !joined) {
                result.error = joined.error().message;
                return result;
            }
        }
        transaction.commit();
    }
    result.participant = person;
    CheckinService service(store);
    const CheckinResult checked = service.check_in_participant(
        person.id,
        {context.kiosk, context.staff_id, CheckinMethod::WalkIn, context.wall_ms, session.id});
    if (checked.outcome != CheckinOutcome::CheckedIn || !checked.recorded) {
        result.error =
            fmt::format("{} was registered but not checked in ({}); check them in by hand",
                        person.name, to_string(checked.outcome));
        return result;
    }
    result.checkin = *checked.recorded;
    result.ticket_text = ticket_text_for(store, person, secret_key);
    return result;
}

std::string ticket_text_for(const EventStore& store, const Participant& participant,
                            const std::optional<SecretKey>& secret_key) {
    if (secret_key) {
        if (const auto event_id = event_id_from_hex(store.event().id)) {
            try {
                return issue_ticket(*secret_key, *event_id, participant.id,
                                    participant.ticket_generation);
            } catch (const std::invalid_argument&) {
                // An id too long for a ticket: fall back to a code.
            }
        }
    }
    const auto codes = store.codes_of(participant.id);
    return codes.empty() ? std::string() : codes.front();
}

}  // namespace uketsuke
