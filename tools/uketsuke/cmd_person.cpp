// person show|set: everything about one person, and the organizer's corrections afterwards
// (logged like a staff edit on the person card, so merges and the hub carry them).

#include <fmt/format.h>
#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <optional>

#include "kiosk/core/checkin/checkin.hpp"
#include "kiosk/core/model/local_time.hpp"
#include "kiosk/core/model/utf8.hpp"
#include "kiosk/core/staff/staff_actions.hpp"
#include "tools/uketsuke/cli.hpp"

namespace uketsuke::cli {
namespace {

std::string shown(std::string_view text) { return utf8::safe_text(text, utf8::Controls::Remove); }

std::string group_text(const std::optional<Group>& group) {
    if (!group) return "(none)";
    std::string text = shown(group->name);
    if (!group->table_label.empty()) text += fmt::format(", table {}", shown(group->table_label));
    if (!group->facilitator.empty())
        text += fmt::format(", facilitator {}", shown(group->facilitator));
    return text;
}

Participant find_person(const EventStore& store, const std::string& id) {
    auto person = store.participant(id);
    if (!person) {
        throw UserError(kBadInput, fmt::format("no one with the id \"{}\" is registered at this "
                                               "event (`uketsuke search NAME` finds the id)",
                                               shown(id)));
    }
    return *person;
}

int run_show(const Context& context, const std::string& id) {
    EventStore store = context.open_event(true);
    const Participant person = find_person(store, id);
    const std::string zone = store.event().time_zone;
    fmt::print("id:           {}\n", shown(person.id));
    fmt::print("name:         {}\n", shown(person.name));
    fmt::print("reading:      {}\n", shown(person.reading));
    fmt::print("organization: {}\n", shown(person.organization));
    fmt::print("role:         {}\n", to_string(person.role));
    fmt::print("status:       {}\n", to_string(person.status));
    fmt::print("e-mail:       {}\n", shown(person.email));
    fmt::print("group:        {}\n", group_text(store.group(person.group_id)));
    fmt::print("note:         {}\n", shown(person.notes));
    fmt::print("source:       {}\n", shown(person.source));
    fmt::print("\nSessions\n");
    for (const auto& session : store.sessions()) {
        const Attendance attendance = fold_attendance(store.checkins_of(person.id, session.id));
        std::string state = "not checked in";
        if (attendance.checked_in) {
            state = fmt::format(
                "checked in {} ({}, kiosk {})", local_hour_minute(attendance.first->wall_ms, zone),
                to_string(attendance.first->method), shown(attendance.first->kiosk));
            if (attendance.left)
                state +=
                    fmt::format(", left {}", local_hour_minute(attendance.left->wall_ms, zone));
        }
        fmt::print("  {} {} ({}): group {}; {}\n", shown(session.id), shown(session.name),
                   session.date, group_text(store.seated_group(session.id, person.id)), state);
    }
    const auto history = person_history(store, person.id);
    fmt::print("\nHistory\n");
    if (history.empty()) fmt::print("  (nothing yet)\n");
    for (const auto& entry : history) {
        std::string line =
            fmt::format("  {}  {}", local_date_time(entry.wall_ms, zone), entry.what);
        if (!entry.detail.empty()) line += fmt::format(" {}", shown(entry.detail));
        if (!entry.how.empty()) line += fmt::format(" ({})", entry.how);
        line += fmt::format("  kiosk {}", shown(entry.kiosk));
        if (!entry.staff_name.empty() || !entry.staff.empty())
            line += fmt::format(", by {}",
                                shown(entry.staff_name.empty() ? entry.staff : entry.staff_name));
        fmt::print("{}\n", line);
    }
    return kOk;
}

struct SetCommand {
    std::string id;
    std::string name, reading, organization, role, group, note, by;
    CLI::Option* name_option = nullptr;
    CLI::Option* reading_option = nullptr;
    CLI::Option* organization_option = nullptr;
    CLI::Option* role_option = nullptr;
    CLI::Option* group_option = nullptr;
    CLI::Option* note_option = nullptr;
};

std::optional<Role> role_named(const std::string& text) {
    if (auto role = role_from_string(text)) return role;
    if (text == "参加者") return Role::Participant;
    if (text == "ファシリテーター" || text == "進行役") return Role::Facilitator;
    if (text == "スタッフ" || text == "運営") return Role::Staff;
    if (text == "来賓" || text == "ゲスト") return Role::Guest;
    return std::nullopt;
}

// A group by its id, or by its name when exactly one group has it; "" is no group.
std::string group_named(const EventStore& store, const std::string& text) {
    if (text.empty() || store.group(text)) return text;
    std::string found;
    int matches = 0;
    for (const auto& group : store.groups()) {
        if (group.name == text) {
            found = group.id;
            ++matches;
        }
    }
    if (matches == 1) return found;
    throw UserError(kBadInput,
                    fmt::format("--group {}: {}; `uketsuke groups list` shows the ids", shown(text),
                                matches == 0 ? "no group has that id or name"
                                             : "several groups have that name, give the id"));
}

// Who is at the organizer's desk: --by, else the login name of the OS user.
std::string desk_user(const std::string& by) {
    if (!by.empty()) return by;
    if (const passwd* entry = ::getpwuid(::geteuid()); entry && entry->pw_name)
        return entry->pw_name;
    if (const char* user = std::getenv("USER"); user && *user) return user;
    return "organizer";
}

int run_set(const Context& context, const SetCommand& command) {
    PersonCorrection correction;
    auto given = [](CLI::Option* option, const std::string& value) {
        return option->count() > 0 ? std::optional<std::string>(value) : std::nullopt;
    };
    correction.name = given(command.name_option, command.name);
    correction.reading = given(command.reading_option, command.reading);
    correction.organization = given(command.organization_option, command.organization);
    correction.note = given(command.note_option, command.note);
    if (command.role_option->count() > 0) {
        correction.role = role_named(command.role);
        if (!correction.role) {
            throw UserError(
                kBadInput,
                fmt::format("--role {}: use participant, facilitator, staff or guest "
                            "(参加者, ファシリテーター, スタッフ, 来賓); nothing changed",
                            shown(command.role)));
        }
    }
    if (!correction.name && !correction.reading && !correction.organization && !correction.role &&
        command.group_option->count() == 0 && !correction.note) {
        throw UserError(kUsage,
                        "nothing to set: give --name, --reading, --organization, --role, --group "
                        "or --note");
    }
    EventStore store = context.open_event();
    find_person(store, command.id);
    if (command.group_option->count() > 0) correction.group_id = group_named(store, command.group);
    const StaffContext staff{"cli", "", desk_user(command.by), now_ms()};
    const ActionResult result = correct_person(store, command.id, correction, staff);
    if (!result) {
        throw UserError(kBadInput, fmt::format("person {}: {}; nothing changed", shown(command.id),
                                               result.error));
    }
    const Participant& person = *result.participant;
    fmt::print("updated {} ({}): {}, {}, {}, group {}\n", shown(person.name), shown(person.id),
               shown(person.organization.empty() ? "(no organization)" : person.organization),
               to_string(person.role), shown(person.reading),
               group_text(store.group(person.group_id)));
    if (!result.warning.empty()) fmt::print("note: {}\n", result.warning);
    return kOk;
}

}  // namespace

void add_person_commands(CLI::App& app, Context& context) {
    auto* person = app.add_subcommand("person", "Show one person, or correct them afterwards");
    person->require_subcommand(1);

    auto show_id = std::make_shared<std::string>();
    auto* show = person->add_subcommand(
        "show", "Everything about one person: fields, group per session, check-ins, history");
    show->add_option("id", *show_id, "Participant id (`uketsuke search NAME` finds it)")
        ->required();
    on_run(show, context, [&context, show_id] { return run_show(context, *show_id); });

    auto set = std::make_shared<SetCommand>();
    auto* sub = person->add_subcommand(
        "set", "Correct a person (logged like a staff edit; synced and merged like one)");
    sub->add_option("id", set->id, "Participant id")->required();
    set->name_option = sub->add_option("--name", set->name, "Name as shown and printed");
    set->reading_option = sub->add_option("--reading", set->reading, "Reading (kana)");
    set->organization_option =
        sub->add_option("--organization", set->organization, "Organization (\"\" for none)");
    set->role_option =
        sub->add_option("--role", set->role, "participant, facilitator, staff or guest");
    set->group_option = sub->add_option("--group", set->group,
                                        "Group id or name (\"\" takes them out of their group)");
    set->note_option = sub->add_option("--note", set->note, "The note staff see (\"\" clears it)");
    sub->add_option("--by", set->by, "Who made the change (default: your login name)");
    on_run(sub, context, [&context, set] { return run_set(context, *set); });
}

}  // namespace uketsuke::cli
