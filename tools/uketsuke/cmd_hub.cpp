// hub: the PostgreSQL hub that kiosks on a network sync through.
//   uketsuke hub init    --hub URL                  create the hub's tables
//   uketsuke hub publish --hub URL -e event.db      send the event, roster, groups, codes, public
//   keys uketsuke hub sync    --hub URL -e kiosk.db      push this file's new rows, pull everyone
//   else's uketsuke hub pull    --hub URL -o new.db        everything on the hub into a new file
//   (or -e FILE) uketsuke hub status  --hub URL                  what the hub holds
// The hub's address may also come from UKETSUKE_HUB; it is never printed with its password.

#include <fmt/format.h>

#include <filesystem>
#include <memory>

#include "kiosk/core/sync/hub.hpp"
#include "tools/uketsuke/cli.hpp"

namespace uketsuke::cli {
namespace {

struct HubCommand {
    std::string hub;
    std::string output;
    std::string kiosk;
};

int fail(const HubError& error) {
    fmt::print(stderr, "uketsuke: {}\n", error.message);
    switch (error.kind) {
        case HubErrorKind::Unreachable:
            return kEventFile;
        case HubErrorKind::Refused:
            return kBadInput;
        default:
            return kUnexpected;
    }
}

void require_hub(const HubCommand& command) {
    if (command.hub.empty()) {
        throw UserError(kUsage, "no hub: give --hub postgresql://USER@HOST/DB or set UKETSUKE_HUB");
    }
}

std::string describe(const HubResult& r) {
    return fmt::format(
        "sent {} check-ins, {} rejected scans, {} people, {} other rows; received {} rows "
        "({} new check-ins, {} undos, {} new people, {} edits)",
        r.pushed_checkins, r.pushed_rejected_scans, r.pushed_participants, r.pushed_other,
        r.pulled_rows, r.merged.checkins, r.merged.undos, r.merged.participants, r.merged.edits);
}

int run_init(const HubCommand& command) {
    require_hub(command);
    const HubResult result = hub_init(command.hub);
    if (!result) return fail(result.error);
    fmt::print("The hub at {} is ready (hub schema {}).\n", redact_conninfo(command.hub),
               kHubSchemaVersion);
    return kOk;
}

int run_publish(const HubCommand& command, const Context& context) {
    require_hub(command);
    EventStore store = context.open_event(/*read_only=*/true);
    const HubResult result = hub_publish(store, command.hub);
    if (!result) return fail(result.error);
    fmt::print("Published \"{}\" to {}: {} new or changed people, {} other new or changed rows\n",
               store.event().name, redact_conninfo(command.hub), result.pushed_participants,
               result.pushed_other);
    return kOk;
}

int run_sync(const HubCommand& command, const Context& context) {
    require_hub(command);
    EventStore store = context.open_event();
    const std::string kiosk = command.kiosk.empty() ? "uketsuke-cli" : command.kiosk;
    const HubResult result = hub_sync(store, command.hub, kiosk);
    if (!result) return fail(result.error);
    fmt::print("Synced {}: {}\n", store.path(), describe(result));
    return kOk;
}

int run_pull(const HubCommand& command, const Context& context) {
    require_hub(command);
    if (command.output.empty()) {
        EventStore store = context.open_event();
        const HubResult result = hub_pull(store, command.hub);
        if (!result) return fail(result.error);
        fmt::print("Pulled into {}: {}\n", store.path(), describe(result));
        return kOk;
    }
    if (std::filesystem::exists(command.output)) {
        throw UserError(kBadInput, fmt::format("{} already exists; to pull into it use --event {}",
                                               command.output, command.output));
    }
    const auto found = hub_event(command.hub);
    if (!found) return fail(found.error());
    const EventInfo& event = found.value();
    HubResult result;
    {
        EventStore store = EventStore::create(command.output, event);
        result = hub_pull(store, command.hub);
    }
    if (!result) {
        std::error_code ignored;
        for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
            std::filesystem::remove(command.output + suffix, ignored);
        }
        fmt::print(stderr, "{} was not created.\n", command.output);
        return fail(result.error);
    }
    fmt::print("Pulled \"{}\" into {}: {}\n", event.name, command.output, describe(result));
    return kOk;
}

int run_status(const HubCommand& command) {
    require_hub(command);
    const HubStatus status = hub_status(command.hub);
    if (!status.ok()) return fail(status.error);
    fmt::print("hub: {}\n", redact_conninfo(command.hub));
    if (status.schema_version == 0) {
        fmt::print("not set up: run `uketsuke hub init`\n");
        return kOk;
    }
    fmt::print("hub schema: {}\n", status.schema_version);
    fmt::print("event: {}\n", status.event_id.empty()
                                  ? "(none published)"
                                  : fmt::format("\"{}\" ({})", status.event_name, status.event_id));
    for (const auto& count : status.counts) fmt::print("{}: {}\n", count.table, count.rows);
    for (const auto& kiosk : status.kiosks) fmt::print("kiosk: {}\n", kiosk);
    return kOk;
}

}  // namespace

void add_hub_command(CLI::App& app, Context& context) {
    auto command = std::make_shared<HubCommand>();
    auto* hub = app.add_subcommand("hub", "Sync kiosks through a PostgreSQL hub");
    hub->require_subcommand(1);
    // Accepted before or after the action: `hub --hub URL status` and `hub status --hub URL`.
    const auto add_hub_option = [&command](CLI::App* target) {
        target
            ->add_option("--hub", command->hub,
                         "The hub: postgresql://USER[:PASSWORD]@HOST[:PORT]/DB")
            ->envname("UKETSUKE_HUB");
    };
    add_hub_option(hub);

    auto* init = hub->add_subcommand("init", "Create the hub's tables (safe to repeat)");
    add_hub_option(init);
    on_run(init, context, [command] { return run_init(*command); });

    auto* publish = hub->add_subcommand(
        "publish", "Send the event file's roster, groups, codes and public keys");
    add_hub_option(publish);
    on_run(publish, context, [command, &context] { return run_publish(*command, context); });

    auto* sync = hub->add_subcommand(
        "sync", "Push this file's new rows to the hub and pull everyone else's");
    add_hub_option(sync);
    sync->add_option("--kiosk", command->kiosk,
                     "The name this file syncs under (default uketsuke-cli)");
    on_run(sync, context, [command, &context] { return run_sync(*command, context); });

    auto* pull =
        hub->add_subcommand("pull", "Everything on the hub into a new file (-o) or the event file");
    add_hub_option(pull);
    pull->add_option("-o,--out", command->output,
                     "Write a new event file (refuses an existing one)");
    on_run(pull, context, [command, &context] { return run_pull(*command, context); });

    auto* status = hub->add_subcommand("status", "What the hub holds");
    add_hub_option(status);
    on_run(status, context, [command] { return run_status(*command); });
}

}  // namespace uketsuke::cli
