// `uketsuke`: the organizer's command-line tool. Every command works on one event
// file named by --event FILE or the UKETSUKE_EVENT environment variable.

#include <fmt/format.h>

#include <cstdio>

#include "kiosk/core/store/schema.hpp"
#include "tools/uketsuke/cli.hpp"
#include "uketsuke_version.hpp"

namespace uketsuke::cli {

EventStore Context::open_event(bool read_only) const {
    require_event();
    return EventStore::open(event_path, read_only);
}

void Context::require_event() const {
    if (event_path.empty()) {
        throw UserError(kUsage, "no event file: give --event FILE or set UKETSUKE_EVENT");
    }
}

void on_run(CLI::App* sub, Context& context, std::function<int()> body) {
    sub->callback([&context, body = std::move(body)] { context.run = body; });
}

Encoding encoding_option(const std::string& given) {
    const auto encoding = parse_encoding(given);
    if (!encoding) {
        throw UserError(kUsage,
                        fmt::format("--encoding {}: use auto, utf-8, utf-16 or cp932", given));
    }
    return *encoding;
}

std::int64_t now_ms() { return wall_clock_ms(); }

}  // namespace uketsuke::cli

int main(int argc, char** argv) {
    using namespace uketsuke::cli;
    CLI::App app{"uketsuke — the organizer's tool for Uketsuke self check-in kiosks", "uketsuke"};
    app.footer(
        "Exit codes: 0 done; 1 check-in refused (unknown code, cancelled, ...); 2 wrong usage;\n"
        "3 input rejected, nothing changed; 4 event file unusable (missing, not an event, newer);\n"
        "5 unexpected error (please report).");
    app.require_subcommand(1);
    app.set_version_flag("--version", uketsuke::version_text("uketsuke"),
                         "Print the version and the schema versions it reads");
    Context context;
    app.add_option("--event,-e", context.event_path,
                   "The event file (.db), before or after the command")
        ->envname("UKETSUKE_EVENT");
    // An option a command does not know is looked up on the tool itself, so `uketsuke init
    // --event x.db` reads like `uketsuke --event x.db init`. Set before the commands are
    // added: each subcommand takes the setting from its parent when it is made.
    app.fallthrough();

    add_event_commands(app, context);
    add_roster_commands(app, context);
    add_ticket_commands(app, context);
    add_checkin_commands(app, context);
    add_group_commands(app, context);
    add_map_commands(app, context);
    add_demo_command(app, context);
    add_merge_command(app, context);
    add_staff_commands(app, context);
    add_search_command(app, context);
    add_hub_command(app, context);
    add_session_commands(app, context);
    add_attendance_command(app, context);
    add_tags_command(app, context);
    add_paper_commands(app, context);
    add_person_commands(app, context);
    add_attention_command(app, context);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& help) {
        return app.exit(help);
    } catch (const CLI::CallForAllHelp& help) {
        return app.exit(help);
    } catch (const CLI::CallForVersion& version) {
        return app.exit(version);
    } catch (const CLI::ParseError& error) {
        app.exit(error);
        return kUsage;
    }
    try {
        return context.run ? context.run() : kUsage;
    } catch (const UserError& error) {
        std::fprintf(stderr, "uketsuke: %s\n", error.what());
        return error.code();
    } catch (const uketsuke::SchemaError& error) {
        std::fprintf(stderr, "uketsuke: %s\n", error.what());
        return kEventFile;
    } catch (const uketsuke::sql::DatabaseError& error) {
        std::fprintf(stderr, "uketsuke: %s\n", error.what());
        return kEventFile;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "uketsuke: unexpected error: %s\n", error.what());
        return kUnexpected;
    }
}
