#pragma once
// Shared plumbing of the `uketsuke` subcommands: the event file option, exit
// codes, and turning core's errors into messages an organizer can act on.

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>

#include "kiosk/core/roster/encoding.hpp"
#include "kiosk/core/store/event_store.hpp"

namespace uketsuke::cli {

// Documented in the README and in `uketsuke --help`.
enum ExitCode : int {
    kOk = 0,
    kRefused = 1,     // a scan or check-in was not accepted; nothing wrong with the tool
    kUsage = 2,       // unknown option, missing argument
    kBadInput = 3,    // a file or value was rejected; nothing was changed
    kEventFile = 4,   // the event file is missing, not an event, or from a newer version
    kUnexpected = 5,  // a bug: please report it with the message
};

// A problem with what the user gave us: printed as is, exits with `code`.
class UserError : public std::runtime_error {
public:
    UserError(int code, const std::string& message) : std::runtime_error(message), code_(code) {}
    int code() const { return code_; }

private:
    int code_;
};

struct Context {
    std::string event_path;
    std::function<int()> run;  // set by the chosen subcommand's callback

    EventStore open_event(bool read_only = false) const;
    void require_event() const;
};

// Registers `sub` so that, when chosen, `body` runs after parsing.
void on_run(CLI::App* sub, Context& context, std::function<int()> body);

void add_event_commands(CLI::App& app, Context& context);      // init, keys, info
void add_roster_commands(CLI::App& app, Context& context);     // import, export, report, people
void add_ticket_commands(CLI::App& app, Context& context);     // tickets, ticket
void add_checkin_commands(CLI::App& app, Context& context);    // checkin, undo
void add_group_commands(CLI::App& app, Context& context);      // groups
void add_map_commands(CLI::App& app, Context& context);        // map
void add_demo_command(CLI::App& app, Context& context);        // demo
void add_merge_command(CLI::App& app, Context& context);       // merge
void add_staff_commands(CLI::App& app, Context& context);      // staff add|remove|list|ticket
void add_search_command(CLI::App& app, Context& context);      // search
void add_hub_command(CLI::App& app, Context& context);         // hub init|publish|sync|pull|status
void add_session_commands(CLI::App& app, Context& context);    // sessions add|import|list|…
void add_attendance_command(CLI::App& app, Context& context);  // attendance
void add_tags_command(CLI::App& app, Context& context);        // tags (paper/)
void add_paper_commands(CLI::App& app, Context& context);      // roster-pdf, certificates
void add_person_commands(CLI::App& app, Context& context);     // person show|set
void add_attention_command(CLI::App& app, Context& context);   // attention

// The session a --session option names, or the event's only session when it was left out;
// a UserError (bad input) when it names none, or was left out on an event of several.
std::string session_option(const EventStore& store, const std::string& given);

// The encoding an --encoding option names; a UserError (usage) listing the choices otherwise.
Encoding encoding_option(const std::string& given);

std::int64_t now_ms();

}  // namespace uketsuke::cli
