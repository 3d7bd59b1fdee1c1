// staff add|remove|list|ticket: who may open staff mode on the kiosks; search: the staff
// search from the command line.
//
// A PIN is never a command-line argument (it would show in `ps` and in shell history): it is
// typed without echo when stdin is a terminal, or read as one line from stdin with --pin-stdin.

#include <fmt/format.h>
#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <optional>
#include <stdexcept>

#include "kiosk/core/checkin/checkin.hpp"
#include "kiosk/core/model/local_time.hpp"
#include "kiosk/core/roster/search.hpp"
#include "kiosk/core/staff/staff.hpp"
#include "kiosk/core/staff/staff_key.hpp"
#include "kiosk/core/tickets/qr.hpp"
#include "kiosk/core/tickets/ticket_issuer.hpp"
#include "tools/uketsuke/cli.hpp"

namespace uketsuke::cli {
namespace {

std::string read_line(std::istream& in) {
    std::string line;
    std::getline(in, line);
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
    return line;
}

// Echo off for the PIN and back on afterwards, also when reading throws.
class EchoOff {
public:
    EchoOff() {
        if (tcgetattr(STDIN_FILENO, &saved_) == 0) {
            termios quiet = saved_;
            quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
            active_ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
        }
    }
    ~EchoOff() {
        if (active_) tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_);
    }
    EchoOff(const EchoOff&) = delete;
    EchoOff& operator=(const EchoOff&) = delete;

private:
    termios saved_{};
    bool active_ = false;
};

std::string prompt_pin(const char* prompt) {
    fmt::print(stderr, "{}", prompt);
    std::fflush(stderr);
    std::string pin;
    {
        EchoOff quiet;
        pin = read_line(std::cin);
    }
    fmt::print(stderr, "\n");
    return pin;
}

std::string read_pin(bool from_stdin) {
    if (from_stdin) return read_line(std::cin);
    if (!isatty(STDIN_FILENO)) {
        throw UserError(kUsage,
                        "stdin is not a terminal: give --pin-stdin to read the PIN from it");
    }
    std::string pin = prompt_pin("PIN (6 to 8 digits): ");
    if (is_valid_new_pin(pin) && prompt_pin("The same PIN again: ") != pin) {
        throw UserError(kBadInput, "the two PINs differ; nothing was changed");
    }
    return pin;
}

// New PINs are hashed with the event's staff key, made beside the event file the first time.
StaffKey staff_key_for(const EventStore& store, const Context& context) {
    const std::string path = staff_key_path_for(context.event_path);
    bool created = false;
    auto key = load_or_create_staff_key(store, path, &created);
    if (!key) throw UserError(kBadInput, key.error() + "; nothing was changed");
    if (created) {
        fmt::print(stderr,
                   "made the event's staff key {}: copy it to every kiosk beside its event file "
                   "(mode 0600, owned by the kiosk's user), never onto the stick that carries "
                   "the event file; without it a kiosk cannot check these PINs\n",
                   path);
    }
    return std::move(key).value();
}

std::string read_new_pin(bool from_stdin) {
    const std::string pin = read_pin(from_stdin);
    if (!is_valid_new_pin(pin))
        throw UserError(kBadInput, "a new PIN is 6 to 8 digits (0-9); nothing was changed");
    return pin;
}

void warn_about_weak_pins(const EventStore& store) {
    for (const auto& warning : weak_pin_warnings(store)) {
        fmt::print(stderr, "warning: staff {}\n", warning);
    }
}

struct StaffAddCommand {
    std::string name;
    std::string role;  // "" asks on a terminal: a supervisor made by accident opens everything
    bool pin_stdin = false;
};

// The role --role gave, else asked on a terminal; refused where nobody can answer.
std::string staff_role_option(const StaffAddCommand& command) {
    if (!command.role.empty()) return command.role;
    if (command.pin_stdin || !isatty(STDIN_FILENO)) {
        throw UserError(kUsage,
                        "give --role door (search, check in, walk-in) or --role supervisor "
                        "(everything): stdin is not a terminal to ask on; nothing was changed");
    }
    fmt::print(stderr, "Role: door (search, check in, walk-in) or supervisor (everything)? ");
    std::fflush(stderr);
    std::string answer = read_line(std::cin);
    if (answer == "d") answer = "door";
    if (answer == "s") answer = "supervisor";
    if (answer != "door" && answer != "supervisor") {
        throw UserError(kUsage, fmt::format("role \"{}\": answer door or supervisor; nothing "
                                            "was changed",
                                            answer));
    }
    return answer;
}

int run_staff_add(const Context& context, const StaffAddCommand& command) {
    const std::string role_name = staff_role_option(command);
    EventStore store = context.open_event();
    const std::string pin = read_new_pin(command.pin_stdin);
    const auto role = staff_role_from_string(role_name);
    if (!role) throw UserError(kUsage, "the role is door or supervisor");
    const StaffKey key = staff_key_for(store, context);
    const StaffMember member = add_staff(store, command.name, *role, pin, {}, &key);
    fmt::print("added staff {} {} ({})\n", member.id, member.name, to_string(member.role));
    warn_about_weak_pins(store);
    return kOk;
}

struct StaffPinCommand {
    std::string staff_id;
    bool pin_stdin = false;
};

int run_staff_pin(const Context& context, const StaffPinCommand& command) {
    EventStore store = context.open_event();
    if (!find_staff(store, command.staff_id))
        throw UserError(kBadInput, fmt::format("no staff member with id {}", command.staff_id));
    const std::string pin = read_new_pin(command.pin_stdin);
    const StaffKey key = staff_key_for(store, context);
    if (!set_staff_pin(store, command.staff_id, pin, {}, &key))
        throw UserError(kBadInput, fmt::format("no staff member with id {}", command.staff_id));
    fmt::print("new PIN for staff {}; kiosks take it with the event file\n", command.staff_id);
    return kOk;
}

int run_staff_remove(const Context& context, const std::string& staff_id) {
    EventStore store = context.open_event();
    if (!remove_staff(store, staff_id))
        throw UserError(kBadInput, fmt::format("no staff member with id {}", staff_id));
    fmt::print("removed staff {}; their staff ticket no longer opens staff mode\n", staff_id);
    return kOk;
}

int run_staff_list(const Context& context) {
    EventStore store = context.open_event(true);
    const std::string zone = store.event().time_zone;
    const auto members = list_staff(store);
    if (members.empty()) {
        fmt::print("no staff yet: add one with `uketsuke staff add NAME --role door|supervisor`\n");
        return kOk;
    }
    const std::int64_t now = now_ms();
    for (const auto& member : members) {
        std::string state;
        if (member.locked_until_ms > now) {
            state =
                fmt::format("\tlocked until {}", local_hour_minute(member.locked_until_ms, zone));
        } else if (member.failed_attempts > 0) {
            state = fmt::format("\t{} wrong PIN(s)", member.failed_attempts);
        }
        fmt::print("{}\t{}\t{}{}\n", member.id, to_string(member.role), member.name, state);
    }
    warn_about_weak_pins(store);
    return kOk;
}

struct StaffTicketCommand {
    std::string staff_id;
    std::string key_file;
    bool light = false;
};

int run_staff_ticket(const Context& context, const StaffTicketCommand& command) {
    EventStore store = context.open_event(true);
    const auto member = find_staff(store, command.staff_id);
    if (!member)
        throw UserError(kBadInput, fmt::format("no staff member with id {}", command.staff_id));
    const std::string path =
        command.key_file.empty() ? secret_key_path_for(context.event_path) : command.key_file;
    SecretKeyLoad key = load_secret_key(store, path);
    if (!key) throw UserError(kBadInput, key.error);
    const auto event_id = event_id_from_hex(store.event().id);
    if (!event_id) throw UserError(kEventFile, "the event id in this file is damaged");
    const std::string payload = staff_ticket_code(*key.key, *event_id, member->id);
    const auto matrix = make_qr(payload, QrLevel::M);
    if (!matrix) throw UserError(kUnexpected, "cannot make a QR code for this staff ticket");
    fmt::print("{}",
               to_terminal(*matrix, 2,
                           command.light ? TerminalBackground::Light : TerminalBackground::Dark));
    fmt::print("staff {} {} ({})\n{}\n", member->id, member->name, to_string(member->role),
               payload);
    return kOk;
}

struct SearchCommand {
    std::string query;
    int limit = 20;
    std::string session;
};

// Where a person is at a session, as the door sees it: "checked in 09:40", "left 15:10",
// "not checked in".
std::string arrival_at(const EventStore& store, const std::string& person_id,
                       const std::string& session_id, const std::string& zone) {
    const Attendance attendance = fold_attendance(store.checkins_of(person_id, session_id));
    if (!attendance.checked_in) return "not checked in";
    if (attendance.left) return "left " + local_hour_minute(attendance.left->wall_ms, zone);
    return "checked in " + local_hour_minute(attendance.first->wall_ms, zone);
}

// The session whose arrivals the search shows: --session, else the only one or the one on now;
// none when the event has several and none is on (the search still answers).
std::optional<std::string> search_session(const EventStore& store, const std::string& given) {
    if (!given.empty()) return session_option(store, given);
    try {
        return resolve_session(store, "").id;
    } catch (const std::invalid_argument&) {
        if (auto now = kiosk_session(store, now_ms())) return now->id;
    }
    fmt::print(stderr, "several sessions and none on now: give --session ID to see arrivals\n");
    return std::nullopt;
}

int run_search(const Context& context, const SearchCommand& command) {
    EventStore store = context.open_event();  // writable: the search index may need refreshing
    const auto hits = search_people(store, command.query, command.limit);
    if (hits.empty()) {
        fmt::print(stderr, "nobody matches \"{}\"\n", command.query);
        return kOk;
    }
    const std::optional<std::string> session = search_session(store, command.session);
    const std::string zone = store.event().time_zone;
    // Tab-separated, one person a line: id, name, reading, organization, registration status,
    // arrival at the session ("-" when no session is known), how it matched.
    for (const auto& hit : hits) {
        const Participant& p = hit.participant;
        fmt::print("{}\t{}\t{}\t{}\t{}\t{}\t{} {}\n", p.id, p.name, p.reading, p.organization,
                   to_string(p.status), session ? arrival_at(store, p.id, *session, zone) : "-",
                   to_string(hit.match), to_string(hit.field));
    }
    return kOk;
}

}  // namespace

void add_staff_commands(CLI::App& app, Context& context) {
    auto* staff =
        app.add_subcommand("staff", "Staff members who may open staff mode on the kiosks");
    staff->require_subcommand(1);

    auto add = std::make_shared<StaffAddCommand>();
    auto* add_sub =
        staff->add_subcommand("add", "Add a staff member; asks for a PIN of 6 to 8 digits");
    add_sub->add_option("name", add->name, "Name shown on the kiosk")->required();
    add_sub
        ->add_option("--role", add->role,
                     "door (search, check in, walk-in) or supervisor (everything); asked "
                     "when left out")
        ->check(CLI::IsMember({"door", "supervisor"}));
    add_sub->add_flag("--pin-stdin", add->pin_stdin,
                      "Read the PIN as one line from stdin (for scripts)");
    on_run(add_sub, context, [&context, add] { return run_staff_add(context, *add); });

    auto pin = std::make_shared<StaffPinCommand>();
    auto* pin_sub =
        staff->add_subcommand("pin", "Set a new PIN (6 to 8 digits) for a staff member");
    pin_sub->add_option("id", pin->staff_id, "Staff id from `staff list`")->required();
    pin_sub->add_flag("--pin-stdin", pin->pin_stdin,
                      "Read the PIN as one line from stdin (for scripts)");
    on_run(pin_sub, context, [&context, pin] { return run_staff_pin(context, *pin); });

    auto remove_id = std::make_shared<std::string>();
    auto* remove_sub =
        staff->add_subcommand("remove", "Remove a staff member (their staff ticket stops working)");
    remove_sub->add_option("id", *remove_id, "Staff id from `staff list`")->required();
    on_run(remove_sub, context,
           [&context, remove_id] { return run_staff_remove(context, *remove_id); });

    auto* list_sub = staff->add_subcommand("list", "List staff members: id, role, name, lockout");
    on_run(list_sub, context, [&context] { return run_staff_list(context); });

    auto ticket = std::make_shared<StaffTicketCommand>();
    auto* ticket_sub =
        staff->add_subcommand("ticket", "Print a staff member's staff ticket (QR) in the terminal");
    ticket_sub->add_option("id", ticket->staff_id, "Staff id from `staff list`")->required();
    ticket_sub->add_option("--key", ticket->key_file,
                           "Secret key file (default: beside the event file)");
    ticket_sub->add_flag("--light", ticket->light, "Draw for a terminal with a light background");
    on_run(ticket_sub, context, [&context, ticket] { return run_staff_ticket(context, *ticket); });
}

void add_search_command(CLI::App& app, Context& context) {
    auto search = std::make_shared<SearchCommand>();
    auto* sub = app.add_subcommand(
        "search", "Find people by name, reading, organization, id or ticket number");
    sub->add_option("query", search->query, "Any part of it; kana, width and case do not matter")
        ->required();
    sub->add_option("--session", search->session,
                    "Show arrivals at this session (default: the only one, or the one on now)");
    sub->add_option("--limit", search->limit, "At most this many people (default 20)")
        ->check(CLI::Range(1, 10000));
    on_run(sub, context, [&context, search] { return run_search(context, *search); });
}

}  // namespace uketsuke::cli
