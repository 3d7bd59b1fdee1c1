// groups: discussion groups and tables, and seating people so organizations mix.

#include <fmt/format.h>
#include <pwd.h>
#include <unistd.h>

#include <map>
#include <optional>

#include "kiosk/core/groups/group_import.hpp"
#include "kiosk/core/groups/group_planning.hpp"
#include "kiosk/core/groups/group_removal.hpp"
#include "kiosk/core/groups/session_planning.hpp"
#include "kiosk/core/store/files.hpp"
#include "kiosk/core/store/session_rules.hpp"
#include "tools/uketsuke/cli.hpp"

namespace uketsuke::cli {
namespace {

// A groups file has a line per table: a megabyte is thousands of tables.
constexpr std::size_t kMaxGroupsFileBytes = std::size_t{16} << 20;

int run_create(const Context& context, int count, int capacity, bool add) {
    if (count < 1 || count > 1000)
        throw UserError(kUsage, "--count: give a number of groups from 1 to 1000");
    if (capacity < 0) throw UserError(kUsage, "--capacity: give 0 (no limit) or more");
    EventStore store = context.open_event();
    if (const auto existing = store.groups(); !existing.empty() && !add) {
        throw UserError(
            kBadInput,
            fmt::format("the event already has {} group{} ({} … {}); give --add to add {} more "
                        "after them, or `uketsuke groups clear` to start again. Nothing changed.",
                        existing.size(), existing.size() == 1 ? "" : "s", existing.front().name,
                        existing.back().name, count));
    }
    const auto created = create_groups(store, count, capacity);
    fmt::print("Created {} groups: {} … {}\n", created.size(), created.front().name,
               created.back().name);
    return kOk;
}

std::string position_text(const Group& group) {
    if (!group.map_x || !group.map_y) return "-";
    return fmt::format("{:.3f},{:.3f}", *group.map_x, *group.map_y);
}

// The groups as they sit at a session: its own seating where `groups assign --session` drew
// one (sizes, tables and facilitators of its rows), the event's otherwise.
int run_list(const Context& context, const std::string& given_session) {
    EventStore store = context.open_event(true);
    bool any_own = false;
    for (const auto& session : store.sessions())
        any_own = any_own || store.has_own_seating(session.id);
    // Only a file with a session's own seating has more than one answer to "who sits where".
    const std::string session =
        given_session.empty() && !any_own ? std::string() : session_option(store, given_session);
    const bool own = !session.empty() && store.has_own_seating(session);
    std::map<std::string, int> sizes;
    std::map<std::string, std::string> tables;
    std::map<std::string, std::string> facilitators;
    if (own) {
        std::map<std::string, Participant> people;
        for (auto& person : store.participants()) people.emplace(person.id, std::move(person));
        for (const auto& seat : store.session_seating(session)) {
            const auto person = people.find(seat.participant_id);
            if (seat.group_id.empty() || person == people.end() ||
                person->second.status != RegistrationStatus::Registered) {
                continue;
            }
            ++sizes[seat.group_id];
            if (!seat.table_label.empty() && !tables.contains(seat.group_id)) {
                tables[seat.group_id] = seat.table_label;
            }
            if (person->second.role == Role::Facilitator && !facilitators.contains(seat.group_id)) {
                facilitators[seat.group_id] = person->second.name;
            }
        }
        fmt::print("Seating of session {}: its own (groups assign --session)\n", session);
    } else {
        for (const auto& person : store.participants()) {
            if (person.status == RegistrationStatus::Registered && !person.group_id.empty())
                ++sizes[person.group_id];
        }
        if (!session.empty()) fmt::print("Seating of session {}: the event's\n", session);
    }
    fmt::print("{:<10} {:<8} {:>6} {:>8}  {:<11}  {}\n", "group", "table", "people", "capacity",
               "map x,y", "facilitator");
    for (const auto& group : store.groups()) {
        const auto table = tables.find(group.id);
        const auto facilitator = facilitators.find(group.id);
        fmt::print("{:<10} {:<8} {:>6} {:>8}  {:<11}  {}\n", group.name,
                   table != tables.end() ? table->second : group.table_label, sizes[group.id],
                   group.capacity == 0 ? std::string("-") : std::to_string(group.capacity),
                   position_text(group),
                   !own                                ? group.facilitator
                   : facilitator != facilitators.end() ? facilitator->second
                                                       : "");
    }
    return kOk;
}

// The facilitators' sheet: per group its facilitator, table and members with organization,
// as seated at the session (its own seating where it draws one).
int run_members(const Context& context, const std::string& given_session) {
    EventStore store = context.open_event(true);
    bool any_own = false;
    for (const auto& session : store.sessions())
        any_own = any_own || store.has_own_seating(session.id);
    const std::string session =
        given_session.empty() && !any_own ? std::string() : session_option(store, given_session);
    const bool own = !session.empty() && store.has_own_seating(session);
    std::map<std::string, std::string> seat_of;  // participant → group, of the session's own
    if (own) {
        for (const auto& seat : store.session_seating(session))
            seat_of[seat.participant_id] = seat.group_id;
    }
    std::map<std::string, std::vector<Participant>> members;
    int unplaced = 0;
    for (auto& person : store.participants()) {
        if (person.status != RegistrationStatus::Registered) continue;
        const std::string group =
            own ? (seat_of.contains(person.id) ? seat_of[person.id] : "") : person.group_id;
        if (group.empty()) {
            if (person.role == Role::Participant || person.role == Role::Facilitator) ++unplaced;
            continue;
        }
        members[group].push_back(std::move(person));
    }
    if (own) fmt::print("Seating of session {}: its own (groups assign --session)\n", session);
    for (const auto& group : store.groups()) {
        const auto& people = members[group.id];
        std::string facilitator = own ? "" : group.facilitator;
        for (const auto& person : people) {
            if (facilitator.empty() && person.role == Role::Facilitator) facilitator = person.name;
        }
        std::string table = group.table_label;
        if (own) {
            for (const auto& seat : store.session_seating(session)) {
                if (seat.group_id == group.id && !seat.table_label.empty()) {
                    table = seat.table_label;
                    break;
                }
            }
        }
        fmt::print("\nGroup {} — table {} — facilitator {} — {} {}\n", group.name,
                   table.empty() ? "-" : table, facilitator.empty() ? "(none)" : facilitator,
                   people.size(), people.size() == 1 ? "person" : "people");
        for (const auto& person : people) {
            const std::string role = person.role == Role::Participant
                                         ? std::string()
                                         : fmt::format(" [{}]", to_string(person.role));
            fmt::print("  {:<12} {}{}  {}\n", person.id, person.name, role,
                       person.organization.empty() ? "(no organization)" : person.organization);
        }
    }
    if (unplaced > 0)
        fmt::print("\n{} registered {} in no group\n", unplaced,
                   unplaced == 1 ? "person" : "people");
    return kOk;
}

std::string login_name() {
    if (const passwd* entry = ::getpwuid(::geteuid()); entry && entry->pw_name)
        return entry->pw_name;
    return "organizer";
}

// groups remove NAME… / groups clear: refused while people sit in them unless forced.
int run_remove(const Context& context, const std::vector<std::string>& names, bool all,
               bool force) {
    EventStore store = context.open_event();
    std::vector<std::string> ids;
    std::vector<std::string> labels;
    if (all) {
        for (const auto& group : store.groups()) {
            ids.push_back(group.id);
            labels.push_back(group.name);
        }
        if (ids.empty()) {
            fmt::print("The event has no groups: nothing to clear\n");
            return kOk;
        }
    } else {
        for (const auto& name : names) {
            std::optional<Group> found;
            for (const auto& group : store.groups()) {
                if (group.name == name || group.id == name) found = group;
            }
            if (!found) {
                throw UserError(kBadInput, fmt::format("groups remove {}: no group has that name "
                                                       "(`uketsuke groups list`); nothing changed",
                                                       name));
            }
            ids.push_back(found->id);
            labels.push_back(found->name);
        }
    }
    const GroupRemovalImpact impact = group_removal_impact(store, ids);
    const std::string which =
        all ? fmt::format("all {} groups", ids.size())
            : fmt::format("group{} {}", ids.size() == 1 ? "" : "s", fmt::join(labels, ", "));
    if (impact.seated > 0 && !force) {
        throw UserError(
            kRefused,
            fmt::format("{} seat{} {} {} ({} of them checked in); give --force to take them out of "
                        "their group and remove it. Nothing changed.",
                        which, ids.size() == 1 ? "s" : "", impact.seated,
                        impact.seated == 1 ? "person" : "people", impact.checked_in));
    }
    const GroupRemovalResult result = remove_groups(store, ids, "cli", login_name(), now_ms());
    if (!result) throw UserError(kBadInput, result.error + "; nothing changed");
    fmt::print("Removed {}", which);
    if (impact.seated > 0) {
        fmt::print("; {} {} no longer in a group ({} of them checked in)", impact.seated,
                   impact.seated == 1 ? "person is" : "people are", impact.checked_in);
    }
    fmt::print("\n");
    return kOk;
}

void print_moves(const std::vector<GroupPlanMove>& moves) {
    for (const auto& move : moves) {
        fmt::print("  {:<12} {:<16} {:<14} {} → {}\n", move.participant_id, move.name,
                   move.organization, move.from_group.empty() ? "-" : move.from_group,
                   move.to_group);
    }
}

struct AssignCommand {
    std::uint64_t seed = 1;
    bool keep = false;
    bool dry_run = false;
    std::string pin_column;
    std::string spread;
    std::string session;
    bool avoid_repeats = false;
};

// A session's own seating: the event's stays as it is.
int run_assign_session(const Context& context, const AssignCommand& command) {
    if (command.keep || !command.pin_column.empty() || !command.spread.empty()) {
        throw UserError(kUsage,
                        "--session: --keep, --pin-column and --spread seat the event's groups; "
                        "leave them out to draw a session's own seating");
    }
    EventStore store = context.open_event();
    SessionPlanOptions options;
    options.assignment.seed = command.seed;
    options.assignment.avoid_repeats = command.avoid_repeats;
    options.dry_run = command.dry_run;
    options.wall_ms = now_ms();
    const SessionPlanResult result = plan_session_seating(store, command.session, options);
    if (!result) throw UserError(kBadInput, result.error + "\nNothing was changed.");
    const AssignmentQuality& q = result.quality;
    const auto session = store.session(command.session);
    fmt::print("Session {}: {} people at {} groups\n", describe_session(*session), result.seated,
               store.groups().size());
    fmt::print("Same-organization pairs: {} (the best possible is at least {})\n", q.same_org_pairs,
               q.lower_bound);
    if (result.earlier_sessions == 0) {
        fmt::print("Repeated pairs: none possible (no earlier session)\n");
    } else {
        fmt::print(
            "Repeated pairs from {} earlier session{}: {} (the best possible is at least {})\n",
            result.earlier_sessions, result.earlier_sessions == 1 ? "" : "s", q.repeated_pairs,
            q.repeat_lower_bound);
    }
    fmt::print("Group sizes: {} to {}{}\n", q.min_size, q.max_size,
               q.sizes_balanced ? "" : " (capacities differ)");
    fmt::print("Facilitators sitting with their own organization: {}\n",
               q.facilitators_with_own_org);
    fmt::print("{} people {}\n", result.seated,
               command.dry_run ? "would be seated (dry run: nothing changed)" : "seated");
    return kOk;
}

int run_assign(const Context& context, const AssignCommand& command) {
    if (!command.session.empty()) return run_assign_session(context, command);
    if (command.avoid_repeats) {
        throw UserError(kUsage,
                        "--avoid-repeats: say which session to seat (--session S; the sessions "
                        "are listed by `uketsuke sessions list`)");
    }
    EventStore store = context.open_event();
    GroupPlanOptions options;
    options.assignment.seed = command.seed;
    options.keep_current = command.keep;
    options.dry_run = command.dry_run;
    options.pin_column = command.pin_column;
    options.spread_column = command.spread;
    options.wall_ms = now_ms();
    const GroupPlanResult result = plan_groups(store, options);
    if (!result) throw UserError(kBadInput, result.error + "\nNothing was changed.");
    print_moves(result.moves);
    const AssignmentQuality& q = result.quality;
    fmt::print("Same-organization pairs: {} (the best possible is at least {})\n", q.same_org_pairs,
               q.lower_bound);
    fmt::print("Group sizes: {} to {}{}\n", q.min_size, q.max_size,
               q.sizes_balanced ? "" : " (capacities differ)");
    fmt::print("Facilitators sitting with their own organization: {}\n",
               q.facilitators_with_own_org);
    if (!command.spread.empty()) {
        fmt::print("Spread of {}: {}\n", command.spread,
                   q.spread_penalty == 0 ? std::string("even")
                                         : fmt::format("uneven by {}", q.spread_penalty));
    }
    fmt::print("{} people {}\n", result.moves.size(),
               command.dry_run ? "would move (dry run: nothing changed)" : "placed");
    return kOk;
}

struct ImportCommand {
    std::string file;
    std::string encoding = "auto";
    bool dry_run = false;
};

int run_import(const Context& context, const ImportCommand& command) {
    GroupImportOptions options;
    options.source_name = command.file;
    options.dry_run = command.dry_run;
    options.encoding = encoding_option(command.encoding);
    EventStore store = context.open_event();
    const FileRead file = read_whole_file(command.file, kMaxGroupsFileBytes);
    if (!file) throw UserError(kBadInput, file.error + "\nNothing was changed.");
    const GroupImportResult result = import_groups(store, file.bytes, options);
    if (!result) throw UserError(kBadInput, result.error + "\nNothing was changed.");
    const GroupImportSummary& s = result.summary;
    fmt::print("{}: {}, {}-separated\n", command.file, s.encoding,
               s.delimiter == '\t' ? "tab" : "comma");
    for (const auto& [field, header] : s.columns) fmt::print("  {:<12} ← {}\n", field, header);
    for (const auto& warning : s.warnings) fmt::print("  note: {}\n", warning);
    for (const auto& change : s.changes) {
        if (change.kind == GroupChangeKind::Unchanged) continue;
        fmt::print("  {:<10} {}", to_string(change.kind), change.name);
        if (change.kind == GroupChangeKind::Changed)
            fmt::print(" ({})", fmt::join(change.fields, ", "));
        fmt::print("\n");
    }
    fmt::print("{}{} groups added, {} changed, {} unchanged{}\n",
               command.dry_run ? "Would be: " : "", s.added, s.changed, s.unchanged,
               command.dry_run ? " (dry run: nothing changed)" : "");
    return kOk;
}

struct SetCommand {
    std::string name;
    std::optional<std::string> rename;
    std::optional<std::string> table;
    std::optional<int> capacity;
    std::optional<std::string> facilitator;
    std::optional<std::string> x;
    std::optional<std::string> y;
    bool no_position = false;
};

double coordinate_option(const std::string& option, const std::string& text) {
    const auto value = parse_map_coordinate(text);
    if (!value) {
        throw UserError(
            kBadInput,
            fmt::format("{} {}: give a fraction of the map from 0 to 1 (or a percentage such as "
                        "35%)\nNothing was changed.",
                        option, text));
    }
    return *value;
}

int run_set(const Context& context, const SetCommand& command) {
    GroupEdit edit;
    edit.new_name = command.rename;
    edit.table_label = command.table;
    edit.capacity = command.capacity;
    edit.facilitator = command.facilitator;
    edit.clear_position = command.no_position;
    if (command.x.has_value() != command.y.has_value()) {
        throw UserError(kUsage, "a map position needs both --x and --y");
    }
    if (command.x && command.no_position)
        throw UserError(kUsage, "give --x/--y or --no-position, not both");
    if (command.x)
        edit.position.emplace(coordinate_option("--x", *command.x),
                              coordinate_option("--y", *command.y));
    if (!edit.new_name && !edit.table_label && !edit.capacity && !edit.facilitator &&
        !edit.position && !edit.clear_position) {
        throw UserError(kUsage,
                        "nothing to change: give --table, --capacity, --facilitator, --x and --y, "
                        "--no-position or --rename");
    }
    EventStore store = context.open_event();
    const GroupEditResult result = edit_group(store, command.name, edit);
    if (!result) throw UserError(kBadInput, result.error + "\nNothing was changed.");
    const Group& before = result.before;
    const Group& after = result.after;
    std::vector<std::string> changes;
    auto note = [&changes](std::string_view field, const std::string& from, const std::string& to) {
        if (from != to)
            changes.push_back(
                fmt::format("{} {} → {}", field, from.empty() ? "-" : from, to.empty() ? "-" : to));
    };
    auto capacity_text = [](int capacity) {
        return capacity == 0 ? std::string("no limit") : std::to_string(capacity);
    };
    note("name", before.name, after.name);
    note("table", before.table_label, after.table_label);
    note("capacity", capacity_text(before.capacity), capacity_text(after.capacity));
    note("facilitator", before.facilitator, after.facilitator);
    note("map position", position_text(before), position_text(after));
    if (changes.empty()) {
        fmt::print("Group {}: nothing changed (it already was so)\n", after.name);
    } else {
        fmt::print("Group {}: {}\n", before.name, fmt::join(changes, "; "));
    }
    for (const auto& warning : result.warnings) fmt::print("note: {}\n", warning);
    return kOk;
}

int run_rebalance(const Context& context, bool dry_run) {
    EventStore store = context.open_event(dry_run);
    const auto moves = propose_rebalance_moves(store);
    print_moves(moves);
    if (moves.empty()) {
        fmt::print("The tables of the people checked in are already even: no moves\n");
        return kOk;
    }
    if (dry_run) {
        fmt::print("{} people would move (dry run: nothing changed)\n", moves.size());
        return kOk;
    }
    const GroupPlanResult result = apply_moves(store, moves, "organizer", now_ms());
    if (!result) throw UserError(kBadInput, result.error + "\nNothing was changed.");
    fmt::print("Group sizes among the people checked in: {} to {}\n", result.quality.min_size,
               result.quality.max_size);
    fmt::print("{} people moved\n", result.moves.size());
    return kOk;
}

}  // namespace

void add_group_commands(CLI::App& app, Context& context) {
    auto* groups = app.add_subcommand("groups", "Discussion groups and tables");
    groups->require_subcommand(1);

    auto count = std::make_shared<int>(0);
    auto capacity = std::make_shared<int>(0);
    auto add = std::make_shared<bool>(false);
    auto* create =
        groups->add_subcommand("create", "Add N groups named A, B, C, … at tables 1, 2, 3, …");
    create->add_option("--count,-n", *count, "How many groups")->required();
    create->add_option("--capacity", *capacity, "Seats per group (0: no limit)");
    create->add_flag("--add", *add, "Add them after the groups the event already has");
    on_run(create, context, [&context, count, capacity, add] {
        return run_create(context, *count, *capacity, *add);
    });

    auto list_session = std::make_shared<std::string>();
    auto list_members = std::make_shared<bool>(false);
    auto* list = groups->add_subcommand("list", "Groups, tables, sizes and facilitators");
    list->add_option("--session", *list_session,
                     "As seated at this session (default: the one on now, where a session "
                     "draws its own seating)");
    list->add_flag("--members", *list_members,
                   "The facilitators' sheet: each group's facilitator, table and members with "
                   "their organization");
    on_run(list, context, [&context, list_session, list_members] {
        return *list_members ? run_members(context, *list_session)
                             : run_list(context, *list_session);
    });

    auto remove_names = std::make_shared<std::vector<std::string>>();
    auto remove_force = std::make_shared<bool>(false);
    auto* remove = groups->add_subcommand(
        "remove", "Remove groups; refused while people sit in them unless --force");
    remove->add_option("name", *remove_names, "The groups' names")->required();
    remove->add_flag("--force", *remove_force,
                     "Take the people seated there out of their group and remove it anyway");
    on_run(remove, context, [&context, remove_names, remove_force] {
        return run_remove(context, *remove_names, false, *remove_force);
    });

    auto clear_force = std::make_shared<bool>(false);
    auto* clear = groups->add_subcommand(
        "clear", "Remove every group; refused while people sit in them unless --force");
    clear->add_flag("--force", *clear_force,
                    "Take everyone out of their group and remove them all anyway");
    on_run(clear, context,
           [&context, clear_force] { return run_remove(context, {}, true, *clear_force); });

    auto assign = std::make_shared<AssignCommand>();
    auto* sub = groups->add_subcommand("assign", "Seat everyone so each group mixes organizations");
    sub->add_option("--seed", assign->seed, "Same seed, same seating (default 1)");
    sub->add_flag("--keep", assign->keep, "People already in a group stay there");
    sub->add_option(
        "--pin-column", assign->pin_column,
        "An imported column naming each person's group (name or table); they stay there");
    sub->add_option("--spread", assign->spread,
                    "Also spread this imported column evenly (e.g. 経験年数)");
    sub->add_option("--session", assign->session,
                    "Draw this session's own seating (the event's stays as it is)");
    sub->add_flag("--avoid-repeats", assign->avoid_repeats,
                  "With --session: pairs who sat together in earlier sessions meet again as "
                  "rarely as possible");
    sub->add_flag("--dry-run", assign->dry_run,
                  "Show the proposal and its quality; change nothing");
    on_run(sub, context, [&context, assign] { return run_assign(context, *assign); });

    auto import = std::make_shared<ImportCommand>();
    auto* import_sub = groups->add_subcommand(
        "import",
        "Add or update groups from a CSV/TSV file: name, table, capacity, facilitator, x, y");
    import_sub->add_option("file", import->file, "The groups file (UTF-8, UTF-16 or Shift_JIS)")
        ->required();
    import_sub->add_option("--encoding", import->encoding,
                           "auto (default), utf-8, utf-16 or cp932");
    import_sub->add_flag("--dry-run", import->dry_run, "Show what would change; change nothing");
    on_run(import_sub, context, [&context, import] { return run_import(context, *import); });

    auto set = std::make_shared<SetCommand>();
    auto* set_sub = groups->add_subcommand(
        "set", "Change one group: table, capacity, facilitator, map position, name");
    set_sub->add_option("name", set->name, "The group's name")->required();
    set_sub->add_option("--table", set->table, "Table label shown on the welcome screen");
    set_sub->add_option("--capacity", set->capacity, "Seats (0: no limit)");
    set_sub->add_option("--facilitator", set->facilitator,
                        "The facilitator's name (\"\" for none)");
    set_sub->add_option("--x", set->x, "Position on the floor map from the left, 0 to 1 (or 35%)");
    set_sub->add_option("--y", set->y, "Position on the floor map from the top, 0 to 1 (or 35%)");
    set_sub->add_flag("--no-position", set->no_position, "Take the table off the floor map");
    set_sub->add_option("--rename", set->rename, "A new name for the group");
    on_run(set_sub, context, [&context, set] { return run_set(context, *set); });

    auto rebalance_dry_run = std::make_shared<bool>(false);
    auto* rebalance = groups->add_subcommand(
        "rebalance",
        "Even out the tables of the people checked in (after no-shows); facilitators stay");
    rebalance->add_flag("--dry-run", *rebalance_dry_run, "Show the moves; change nothing");
    on_run(rebalance, context,
           [&context, rebalance_dry_run] { return run_rebalance(context, *rebalance_dry_run); });
}

}  // namespace uketsuke::cli
