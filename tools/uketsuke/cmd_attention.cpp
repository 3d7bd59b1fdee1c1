// attention: a word for the door about one person (kiosk/core/staff/attention.hpp). The kiosk's
// welcome then asks them to see staff, and staff mode shows the text until someone
// acknowledges it. Set here by the organizer (no staff member is recorded: the desk's tools).

#include <fmt/format.h>

#include <memory>

#include "kiosk/core/model/local_time.hpp"
#include "kiosk/core/model/utf8.hpp"
#include "kiosk/core/staff/attention.hpp"
#include "tools/uketsuke/cli.hpp"

namespace uketsuke::cli {
namespace {

struct AttentionCommand {
    std::string participant_id;
    std::string text;
    bool clear = false;
    bool list = false;
};

int list_attention(const Context& context) {
    EventStore store = context.open_event(/*read_only=*/true);
    const auto flags = attention_all(store);
    const std::string zone = store.event().time_zone;
    int shown = 0;
    for (const auto& [id, flag] : flags) {
        const auto person = store.participant(id);
        const std::string name = person ? person->name : "(not on the roster)";
        const std::string state =
            flag.acknowledged ? fmt::format("acknowledged by {} at {}", flag.acknowledged_by,
                                            local_hour_minute(flag.acknowledged_ms, zone))
                              : "waiting for staff";
        fmt::print("{}\t{}\t{}\t{}\n", id, name, flag.text, state);
        ++shown;
    }
    if (shown == 0) fmt::print("no one is flagged for the door\n");
    return kOk;
}

int run_attention(const Context& context, const AttentionCommand& command) {
    if (command.list) {
        if (!command.participant_id.empty() || command.clear) {
            throw UserError(kUsage, "--list takes no participant id and no --clear");
        }
        return list_attention(context);
    }
    if (command.participant_id.empty()) {
        throw UserError(kUsage, "give a participant id and a text, or --list");
    }
    if (command.clear == !command.text.empty()) {
        throw UserError(kUsage, command.clear ? "give either a text or --clear, not both"
                                              : "give the text for the door, or --clear");
    }
    if (!command.clear && clean_attention_text(command.text).empty()) {
        throw UserError(kBadInput, "the text has nothing to show; use --clear to remove a flag");
    }
    EventStore store = context.open_event();
    const ActionResult result =
        set_attention(store, command.participant_id, command.clear ? "" : command.text,
                      StaffContext{"cli", "", "", now_ms()});
    if (!result) throw UserError(kBadInput, result.error + "; nothing was changed");
    const std::string& name = result.participant->name;
    if (command.clear) {
        fmt::print("{} ({}): the flag for the door is cleared\n", name, command.participant_id);
    } else {
        fmt::print(
            "{} ({}): flagged for the door: {}\n"
            "Their welcome screen asks them to see staff; staff mode shows this text until a "
            "staff member acknowledges it.\n",
            name, command.participant_id, clean_attention_text(command.text));
        if (utf8::length(utf8::trim(command.text)) > kAttentionMaxChars) {
            fmt::print(stderr, "warning: the text was cut to {} characters\n", kAttentionMaxChars);
        }
    }
    return kOk;
}

}  // namespace

void add_attention_command(CLI::App& app, Context& context) {
    auto command = std::make_shared<AttentionCommand>();
    auto* sub = app.add_subcommand(
        "attention",
        "Flag a person for the door (来賓, 講師, 要配慮, a handout): their welcome asks them to "
        "see staff, and staff mode shows the text until acknowledged");
    sub->add_option("id", command->participant_id, "Participant id");
    sub->add_option("text", command->text, "What staff should know or do (not shown to them)");
    sub->add_flag("--clear", command->clear, "Remove the person's flag");
    sub->add_flag("--list", command->list,
                  "List everyone flagged, with who acknowledged it and when");
    on_run(sub, context, [&context, command] { return run_attention(context, *command); });
}

}  // namespace uketsuke::cli
