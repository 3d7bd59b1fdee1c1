// merge: every kiosk's copy of the event into one attendance record.
//   uketsuke merge a.db b.db ... -o event.db     a new file, the event of a.db
//   uketsuke merge --into event.db kiosk.db ...  into an existing file

#include <fmt/format.h>

#include <filesystem>
#include <memory>

#include "kiosk/core/sync/merge.hpp"
#include "tools/uketsuke/cli.hpp"

namespace uketsuke::cli {
namespace {

struct MergeCommand {
    std::vector<std::string> inputs;
    std::string output;
    std::string into;
    bool dry_run = false;
};

std::string describe(const MergeCounts& c) {
    return fmt::format(
        "{} check-ins, {} undos, {} rejected scans, {} new people ({} walk-ins), {} edits, {} "
        "conflicts resolved, {} leaves, {} session changes, {} session-seating rows",
        c.checkins, c.undos, c.rejected_scans, c.participants, c.walk_ins, c.edits, c.conflicts,
        c.leaves, c.sessions, c.seats);
}

// SQLite's side files of a file we created and must take back.
void remove_event_file(const std::string& path) {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        std::filesystem::remove(path + suffix, ignored);
}

int report(const std::string& target_path, const MergeResult& result, bool dry_run) {
    if (!result.ok()) {
        for (const auto& error : result.errors) fmt::print(stderr, "refused: {}\n", error.message);
        fmt::print(stderr, "Nothing was merged; {} was not changed.\n", target_path);
        return kBadInput;
    }
    for (const auto& file : result.files) fmt::print("{}: {}\n", file.path, describe(file.counts));
    fmt::print("total: {}\n", describe(result.total));
    if (dry_run) {
        fmt::print("Dry run: {} was not changed.\n", target_path);
    } else {
        fmt::print("Merged {} file{} into {}\n", result.files.size(),
                   result.files.size() == 1 ? "" : "s", target_path);
    }
    return kOk;
}

int run_into(const MergeCommand& command) {
    EventStore target = EventStore::open(command.into);
    const MergeResult result = merge_into(target, command.inputs, MergeOptions{command.dry_run});
    return report(command.into, result, command.dry_run);
}

int run_new_output(const MergeCommand& command) {
    if (std::filesystem::exists(command.output)) {
        throw UserError(kBadInput, fmt::format("{} already exists; to merge into it use --into {}",
                                               command.output, command.output));
    }
    // The new file is the first input's event; merge_into then checks every input against it.
    const std::string& first = command.inputs.front();
    EventInfo event;
    try {
        event = EventStore::open(first, /*read_only=*/true).event();
    } catch (const std::exception& error) {
        const std::string message = error.what();
        fmt::print(stderr, "refused: {}\n",
                   message.find(first) != std::string::npos
                       ? message
                       : fmt::format("{}: {}", first, message));
        fmt::print(stderr, "Nothing was merged; {} was not created.\n", command.output);
        return kBadInput;
    }
    int code = kUnexpected;
    bool created = false;
    try {
        EventStore target = EventStore::create(command.output, event);
        created = true;
        const MergeResult result =
            merge_into(target, command.inputs, MergeOptions{command.dry_run});
        code = report(command.output, result, command.dry_run);
    } catch (...) {
        if (created) remove_event_file(command.output);
        throw;
    }
    if (code != kOk || command.dry_run) remove_event_file(command.output);
    if (code != kOk) fmt::print(stderr, "{} was not created.\n", command.output);
    return code;
}

int run_merge(const MergeCommand& command) {
    if (command.output.empty() == command.into.empty()) {
        throw UserError(
            kUsage,
            "give either -o NEW.db (a new merged file) or --into EVENT.db (an existing one)");
    }
    if (command.inputs.empty()) throw UserError(kUsage, "give at least one kiosk file to merge");
    return command.into.empty() ? run_new_output(command) : run_into(command);
}

}  // namespace

void add_merge_command(CLI::App& app, Context& context) {
    auto command = std::make_shared<MergeCommand>();
    auto* sub = app.add_subcommand("merge", "Merge kiosks' event files into one attendance record");
    sub->add_option("files", command->inputs, "Kiosk event files to merge (never changed)")
        ->required();
    sub->add_option("-o,--out", command->output,
                    "Write a new merged file (refuses an existing one)");
    sub->add_option("--into", command->into, "Merge into this existing event file");
    sub->add_flag("--dry-run", command->dry_run, "Count what would be merged; change nothing");
    sub->footer(
        "Check-ins, undos and rejected scans are united; for a person edited in several files the\n"
        "newest edit wins. A file of another event or a damaged file is refused and nothing "
        "changes.");
    on_run(sub, context, [command] { return run_merge(*command); });
}

}  // namespace uketsuke::cli
