// sessions: the sittings of an event (a series' meetings, the days of a two-day one): add,
// import a schedule, list, set, remove, and a session's own list of who is expected there.

#include <fmt/format.h>

#include <map>
#include <optional>
#include <set>

#include "kiosk/core/checkin/checkin.hpp"
#include "kiosk/core/model/utf8.hpp"
#include "kiosk/core/roster/csv.hpp"
#include "kiosk/core/roster/schedule_import.hpp"
#include "kiosk/core/roster/table_file.hpp"
#include "kiosk/core/store/files.hpp"
#include "kiosk/core/store/session_rules.hpp"
#include "tools/uketsuke/cli.hpp"

namespace uketsuke::cli {

std::string session_option(const EventStore& store, const std::string& given) {
    try {
        return resolve_session(store, given).id;
    } catch (const std::invalid_argument& error) {
        // Of several sessions, the one a kiosk would record now is what the organizer at the
        // event means; said on stderr so a script sees which one it got.
        if (given.empty()) {
            if (auto now = kiosk_session(store, now_ms())) {
                fmt::print(stderr, "session {} ({}), the one on now; --session ID for another\n",
                           now->id, utf8::safe_text(now->name));
                return now->id;
            }
        }
        throw UserError(kBadInput,
                        fmt::format("{}{}; give --session ID (see `uketsuke sessions "
                                    "list`)",
                                    error.what(), given.empty() ? ", none is on now" : ""));
    }
}

namespace {
// Its own namespace: the command files compile as one unity build.
namespace sessions_command {

constexpr std::size_t kMaxScheduleBytes = std::size_t{4} << 20;
constexpr std::size_t kMaxListBytes = std::size_t{64} << 20;
constexpr const char* kOrganizer = "organizer";

struct Fields {
    std::optional<std::string> id, name, date, start, end, room, leave, makeup_of;
    std::optional<int> opens, grace;
};

void add_field_options(CLI::App* sub, Fields& f) {
    sub->add_option("--name", f.name, "Name as participants see it: 第3回研究会 1日目");
    sub->add_option("--date", f.date, "Date, YYYY-MM-DD");
    sub->add_option("--start", f.start, "Start time, HH:MM");
    sub->add_option("--end", f.end, "End time, HH:MM");
    sub->add_option("--room", f.room, "Room or hall (\"\" for none)");
    sub->add_option("--opens", f.opens, "Check-in opens this many minutes before the start");
    sub->add_option("--grace", f.grace, "Arrivals this many minutes after the start are late");
    sub->add_option("--leave", f.leave, "Record leaving: yes or no");
    sub->add_option("--makeup-of", f.makeup_of, "Id of the session this one makes up for");
}

Session applied(Session s, const Fields& f) {
    if (f.name) s.name = *f.name;
    if (f.date) s.date = *f.date;
    if (f.start) s.starts_at = *f.start;
    if (f.end) s.ends_at = *f.end;
    if (f.room) s.room = *f.room;
    if (f.opens) s.opens_minutes_before = *f.opens;
    if (f.grace) s.late_grace_minutes = *f.grace;
    if (f.makeup_of) s.makeup_of = *f.makeup_of;
    if (f.leave) {
        const auto yes = parse_yes_no(*f.leave);
        if (!yes) throw UserError(kUsage, fmt::format("--leave {}: give yes or no", *f.leave));
        s.records_leave = *yes;
    }
    return s;
}

void write_session(EventStore& store, Session s, const std::string& verb) {
    s.changed_by = kOrganizer;
    s.changed_stamp = store.next_stamp(kOrganizer, now_ms()).to_string();
    auto written = store.put_session(s, now_ms());
    if (!written) throw UserError(kBadInput, written.error().message + "; nothing was changed");
    fmt::print("{} session {}\n", verb, describe_session(*store.session(s.id)));
}

int run_add(const Context& context, const Fields& f) {
    for (const auto& [given, option] :
         {std::pair{f.name.has_value(), "--name"}, std::pair{f.date.has_value(), "--date"},
          std::pair{f.start.has_value(), "--start"}, std::pair{f.end.has_value(), "--end"}}) {
        if (!given) throw UserError(kUsage, fmt::format("sessions add needs {}", option));
    }
    EventStore store = context.open_event();
    sql::Transaction transaction(store.database());
    const bool replace_default = is_untouched_default(store);
    Session s;
    s.id = f.id.value_or("");
    if (s.id.empty()) s.id = replace_default ? std::string("s1") : next_session_id(store);
    if (!replace_default && store.session(s.id)) {
        throw UserError(kBadInput, fmt::format("there is already a session {}; change it with "
                                               "`sessions set {}`",
                                               describe_session(*store.session(s.id)), s.id));
    }
    if (replace_default && s.id != "s1") {
        // The default session gives way to the first real one (it would overlap it).
        const std::string stamp = store.next_stamp(kOrganizer, now_ms()).to_string();
        auto gone = store.database().prepare(
            "UPDATE sessions SET removed = 1, changed_stamp = ?, changed_by = ? WHERE id = 's1'");
        gone.bind_all(stamp, kOrganizer);
        gone.run();
    }
    write_session(store, applied(s, f), "Added");
    if (replace_default) fmt::print("(it replaces the event's default whole-day session)\n");
    transaction.commit();
    return kOk;
}

int run_set(const Context& context, const std::string& id, const Fields& f) {
    EventStore store = context.open_event();
    const auto held = store.session(id);
    if (!held) throw UserError(kBadInput, fmt::format("there is no session \"{}\"", id));
    write_session(store, applied(*held, f), "Changed");
    return kOk;
}

int run_remove(const Context& context, const std::string& id, bool force) {
    EventStore store = context.open_event();
    const auto held = store.session(id);
    if (!held) throw UserError(kBadInput, fmt::format("there is no session \"{}\"", id));
    const std::string stamp = store.next_stamp(kOrganizer, now_ms()).to_string();
    auto removed = store.remove_session(id, force, stamp, kOrganizer);
    if (!removed) throw UserError(kBadInput, removed.error().message);
    fmt::print("Removed session {}\n", describe_session(*held));
    return kOk;
}

int run_list(const Context& context) {
    EventStore store = context.open_event(true);
    fmt::print("{:<6} {:<10} {:<11} {:<8} {:>5} {:>5} {:<5} {:<8} {:>8} {:>8}  {}\n", "id", "date",
               "time", "room", "opens", "grace", "leave", "makeup", "expected", "arrived", "name");
    for (const auto& s : store.sessions()) {
        fmt::print("{:<6} {:<10} {:<11} {:<8} {:>5} {:>5} {:<5} {:<8} {:>8} {:>8}  {}\n", s.id,
                   s.date, fmt::format("{}–{}", s.starts_at, s.ends_at),
                   s.room.empty() ? "-" : s.room, s.opens_minutes_before, s.late_grace_minutes,
                   s.records_leave ? "yes" : "no", s.makeup_of.empty() ? "-" : s.makeup_of,
                   store.expected_at(s.id).size(), store.arrived_count(s.id), s.name);
    }
    return kOk;
}

struct ImportCommand {
    std::string file;
    std::string encoding = "auto";
    bool dry_run = false;
};

int run_import(const Context& context, const ImportCommand& command) {
    const Encoding encoding = encoding_option(command.encoding);
    EventStore store = context.open_event();
    const FileRead file = read_whole_file(command.file, kMaxScheduleBytes);
    if (!file) throw UserError(kBadInput, file.error + "\nNothing was changed.");
    ScheduleImportOptions options;
    options.encoding = encoding;
    options.source_name = command.file;
    options.changed_by = kOrganizer;
    options.now_ms = now_ms();
    options.dry_run = command.dry_run;
    const ScheduleImportResult result = import_schedule(store, file.bytes, options);
    if (!result) throw UserError(kBadInput, result.error + "\nNothing was changed.");
    const ScheduleImportSummary& s = result.summary;
    fmt::print("{}: {}\n", command.file, s.encoding);
    for (const auto& [field, header] : s.columns) fmt::print("  {:<10} ← {}\n", field, header);
    for (const auto& warning : s.warnings) fmt::print("  note: {}\n", warning);
    for (const auto& session : s.sessions) fmt::print("  {}\n", describe_session(session));
    if (s.replaced_default) fmt::print("The event's default whole-day session gave way.\n");
    fmt::print("{}{} sessions added, {} changed, {} unchanged{}\n",
               command.dry_run ? "Would be: " : "", s.added, s.changed, s.unchanged,
               command.dry_run ? " (dry run: nothing changed)" : "");
    return kOk;
}

struct ExpectedCommand {
    std::string session;
    std::string import_file;
    std::string encoding = "auto";
    std::vector<std::string> roles, organizations, groups;
    std::vector<std::string> exclude_roles, exclude_organizations, exclude_groups;
    bool everyone = false;
};

// Participant ids from a table with an id column (id, ID, participant_id, 参加者ID, 受付番号).
std::vector<std::string> ids_from_file(const EventStore& store, const ExpectedCommand& command) {
    const Encoding encoding = encoding_option(command.encoding);
    const FileRead file = read_whole_file(command.import_file, kMaxListBytes);
    if (!file) throw UserError(kBadInput, file.error + "\nNothing was changed.");
    auto table = read_table(file.bytes, encoding, command.import_file);
    if (!table) throw UserError(kBadInput, table.error() + "\nNothing was changed.");
    const CsvRow& header = table.value().table.rows.front();
    std::optional<std::size_t> column;
    for (std::size_t c = 0; c < header.fields.size(); ++c) {
        const std::string name(utf8::trim(header.fields[c].text));
        for (const char* alias : {"id", "ID", "participant_id", "参加者ID", "受付番号"})
            if (name == alias && !column) column = c;
    }
    if (!column) {
        throw UserError(kBadInput, located(command.import_file, header.line, 0,
                                           "no id column (id, participant_id, 参加者ID); nothing "
                                           "was changed"));
    }
    std::vector<std::string> ids;
    const auto& rows = table.value().table.rows;
    for (std::size_t r = 1; r < rows.size(); ++r) {
        const CsvField& cell = rows[r].fields[*column];
        const std::string id(utf8::trim(cell.text));
        if (id.empty()) continue;
        const auto person = store.participant(id);
        if (!person || person->status == RegistrationStatus::Cancelled) {
            throw UserError(kBadInput,
                            located(command.import_file, rows[r].line, cell.column,
                                    fmt::format("\"{}\" is {} participant; nothing was changed", id,
                                                person ? "a cancelled" : "no registered")));
        }
        ids.push_back(id);
    }
    return ids;
}

int run_expected(const Context& context, const ExpectedCommand& command) {
    const bool selects = !command.import_file.empty() || !command.roles.empty() ||
                         !command.organizations.empty() || !command.groups.empty();
    const bool excludes = !command.exclude_roles.empty() ||
                          !command.exclude_organizations.empty() || !command.exclude_groups.empty();
    if (command.everyone == (selects || excludes)) {
        throw UserError(kUsage,
                        "give --everyone, or who is expected: --import FILE, --role, "
                        "--organization, --group, and any --exclude-…");
    }
    EventStore store = context.open_event();
    const std::string session = session_option(store, command.session);
    std::vector<std::string> ids;
    if (!command.everyone) {
        std::map<std::string, std::string> group_of_name;
        for (const auto& group : store.groups()) group_of_name[group.name] = group.id;
        auto group_id = [&](const std::string& given) {
            const auto found = group_of_name.find(given);
            if (found != group_of_name.end()) return found->second;
            if (store.group(given)) return given;
            throw UserError(kBadInput, fmt::format("there is no group \"{}\"", given));
        };
        auto role = [](const std::string& given) {
            const auto found = role_from_string(given);
            if (!found) {
                throw UserError(kUsage, fmt::format("--role {}: participant, facilitator, staff "
                                                    "or guest",
                                                    given));
            }
            return *found;
        };
        std::set<std::string> groups, exclude_groups;
        for (const auto& g : command.groups) groups.insert(group_id(g));
        for (const auto& g : command.exclude_groups) exclude_groups.insert(group_id(g));
        std::set<Role> roles, exclude_roles;
        for (const auto& r : command.roles) roles.insert(role(r));
        for (const auto& r : command.exclude_roles) exclude_roles.insert(role(r));
        const std::set<std::string> organizations(command.organizations.begin(),
                                                  command.organizations.end());
        const std::set<std::string> exclude_organizations(command.exclude_organizations.begin(),
                                                          command.exclude_organizations.end());
        std::set<std::string> from_file;
        if (!command.import_file.empty()) {
            for (auto& id : ids_from_file(store, command)) from_file.insert(std::move(id));
        }
        for (const auto& person : store.participants()) {
            if (person.status == RegistrationStatus::Cancelled) continue;
            if (!command.import_file.empty() && !from_file.contains(person.id)) continue;
            if (!roles.empty() && !roles.contains(person.role)) continue;
            if (!organizations.empty() && !organizations.contains(person.organization)) continue;
            if (!groups.empty() && !groups.contains(person.group_id)) continue;
            if (exclude_roles.contains(person.role) ||
                exclude_organizations.contains(person.organization) ||
                exclude_groups.contains(person.group_id))
                continue;
            ids.push_back(person.id);
        }
        if (ids.empty()) {
            throw UserError(kBadInput,
                            "nobody registered matches; nothing was changed (an empty list would "
                            "mean everyone: give --everyone for that)");
        }
    }
    const std::string stamp = store.next_stamp(kOrganizer, now_ms()).to_string();
    auto set = store.set_session_expected(session, ids, stamp, kOrganizer);
    if (!set) throw UserError(kBadInput, set.error().message + "; nothing was changed");
    const Session s = *store.session(session);
    if (ids.empty()) {
        fmt::print("Everyone registered is expected at {}\n", describe_session(s));
    } else {
        fmt::print("{} people are expected at {}\n", store.expected_at(session).size(),
                   describe_session(s));
    }
    return kOk;
}

}  // namespace sessions_command
}  // namespace

void add_session_commands(CLI::App& app, Context& context) {
    // Declared here, not `using namespace`: other command files have their own run_import.
    using sessions_command::add_field_options;
    using sessions_command::ExpectedCommand;
    using sessions_command::Fields;
    using sessions_command::ImportCommand;
    using sessions_command::run_add;
    using sessions_command::run_expected;
    using sessions_command::run_import;
    using sessions_command::run_list;
    using sessions_command::run_remove;
    using sessions_command::run_set;
    auto* sessions = app.add_subcommand(
        "sessions", "The sessions of the event: the meetings of a series, the days of a meeting");
    sessions->require_subcommand(1);

    auto add = std::make_shared<Fields>();
    auto* add_sub = sessions->add_subcommand("add", "Add a session");
    add_sub->add_option("--id", add->id, "Short id (default: s1, s2, …)");
    add_field_options(add_sub, *add);
    on_run(add_sub, context, [&context, add] { return run_add(context, *add); });

    auto import = std::make_shared<ImportCommand>();
    auto* import_sub = sessions->add_subcommand(
        "import", "Add or update sessions from a schedule CSV/TSV (名称, 日付, 開始, 終了, 会場)");
    import_sub->add_option("file", import->file, "Schedule file")->required();
    import_sub->add_option("--encoding", import->encoding, "auto (default), utf-8, utf-16, cp932");
    import_sub->add_flag("--dry-run", import->dry_run, "Show what would change; change nothing");
    on_run(import_sub, context, [&context, import] { return run_import(context, *import); });

    auto* list_sub = sessions->add_subcommand("list", "List the sessions with their counts");
    on_run(list_sub, context, [&context] { return run_list(context); });

    auto set_id = std::make_shared<std::string>();
    auto set = std::make_shared<Fields>();
    auto* set_sub = sessions->add_subcommand("set", "Change a session (only what is given)");
    set_sub->add_option("id", *set_id, "Session id")->required();
    add_field_options(set_sub, *set);
    on_run(set_sub, context, [&context, set_id, set] { return run_set(context, *set_id, *set); });

    auto remove_id = std::make_shared<std::string>();
    auto force = std::make_shared<bool>(false);
    auto* remove_sub = sessions->add_subcommand(
        "remove", "Remove a session (refused while it holds check-ins, unless --force)");
    remove_sub->add_option("id", *remove_id, "Session id")->required();
    remove_sub->add_flag("--force", *force,
                         "Remove it although it holds check-ins (they stay in the log)");
    on_run(remove_sub, context,
           [&context, remove_id, force] { return run_remove(context, *remove_id, *force); });

    auto expected = std::make_shared<ExpectedCommand>();
    auto* expected_sub = sessions->add_subcommand(
        "expected", "Who is expected at a session (default: everyone registered)");
    expected_sub->add_option("session", expected->session, "Session id")->required();
    expected_sub->add_option("--import", expected->import_file,
                             "CSV/TSV with an id column: these people");
    expected_sub->add_option("--encoding", expected->encoding, "Of --import: auto (default), …");
    expected_sub->add_option("--role", expected->roles, "Only this role (repeatable)");
    expected_sub->add_option("--organization", expected->organizations,
                             "Only this organization (repeatable)");
    expected_sub->add_option("--group", expected->groups, "Only this group, by name (repeatable)");
    expected_sub->add_option("--exclude-role", expected->exclude_roles, "Leave out this role");
    expected_sub->add_option("--exclude-organization", expected->exclude_organizations,
                             "Leave out this organization");
    expected_sub->add_option("--exclude-group", expected->exclude_groups, "Leave out this group");
    expected_sub->add_flag("--everyone", expected->everyone,
                           "Drop the session's own list: everyone registered is expected");
    on_run(expected_sub, context,
           [&context, expected] { return run_expected(context, *expected); });
}

}  // namespace uketsuke::cli
