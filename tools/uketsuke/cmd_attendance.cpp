// attendance: the record of a series (出席簿) — marks per person and session, totals, 出席率,
// and with --require, who completes (修了). The computation is kiosk/core/attendance; this
// file reads the event, checks the options and writes the result.

#include <fmt/format.h>

#include <filesystem>

#include "kiosk/core/attendance/attendance_output.hpp"
#include "kiosk/core/attendance/attendance_record.hpp"
#include "kiosk/core/attendance/completion.hpp"
#include "kiosk/core/attendance/event_attendance.hpp"
#include "kiosk/core/store/files.hpp"
#include "tools/uketsuke/cli.hpp"

namespace uketsuke::cli {
namespace {
// Its own namespace: the command files compile as one unity build.
namespace attendance_command {

struct Options {
    std::string event_file;  // the positional EVENT.db; --event works as everywhere
    std::string format;      // table, csv, json; from --out's extension when empty
    std::string out;
    std::string require;
    bool allow_makeup = false;
    std::string late;
    std::string early;
    std::string session;
};

std::string chosen_format(const Options& options) {
    if (!options.format.empty()) {
        if (options.format == "table" || options.format == "csv" || options.format == "json") {
            return options.format;
        }
        throw UserError(kUsage, fmt::format("--format {}: use table, csv or json", options.format));
    }
    const std::string extension = std::filesystem::path(options.out).extension().string();
    if (extension == ".csv") return "csv";
    if (extension == ".json") return "json";
    return "table";
}

std::optional<CompletionRule> completion_rule(const Options& options) {
    if (options.require.empty()) {
        if (options.allow_makeup || !options.late.empty() || !options.early.empty()) {
            throw UserError(kUsage,
                            "--allow-makeup, --late and --early set the completion rule: give "
                            "--require 80% or --require all with them");
        }
        return std::nullopt;
    }
    if (!options.session.empty()) {
        throw UserError(kUsage, "--require judges the whole series: leave out --session to use it");
    }
    CompletionRule rule;
    auto percent = parse_required_percent(options.require);
    if (!percent)
        throw UserError(kUsage, fmt::format("--require {}: {}", options.require, percent.error()));
    rule.percent = percent.value();
    rule.allow_makeup = options.allow_makeup;
    auto credit = [](const std::string& option, const std::string& text) {
        if (text.empty()) return PartialCredit::Present;
        auto parsed = parse_partial_credit(text);
        if (!parsed)
            throw UserError(kUsage, fmt::format("{} {}: {}", option, text, parsed.error()));
        return parsed.value();
    };
    rule.late = credit("--late", options.late);
    rule.early_leave = credit("--early", options.early);
    return rule;
}

int run(Context& context, const Options& options) {
    // The file named here wins over --event and UKETSUKE_EVENT, as a nearer word does.
    if (!options.event_file.empty()) context.event_path = options.event_file;
    const std::string format = chosen_format(options);
    const std::optional<CompletionRule> rule = completion_rule(options);
    EventStore store = context.open_event(true);
    const std::string session =
        options.session.empty() ? std::string() : session_option(store, options.session);

    auto built = event_attendance(store, now_ms());
    if (!built) {
        throw UserError(kBadInput,
                        fmt::format("{}: {}", context.event_path, built.error().message));
    }
    AttendanceRecord record = std::move(built).value();
    if (!session.empty()) {
        auto one = only_session(record, session);
        if (!one) throw UserError(kBadInput, one.error().message);
        record = std::move(one).value();
    }

    std::string text;
    if (format == "csv") {
        text = attendance_csv(record, rule);
    } else if (format == "json") {
        text = attendance_json(record, rule);
    } else {
        text = fmt::format("{} 出席簿\n\n", store.event().name) + attendance_table(record, rule);
    }
    if (options.out.empty()) {
        fmt::print("{}", text);
        return kOk;
    }
    // Names and attendance are personal data: 0600, and never a half-written file.
    if (auto error = write_file_atomically(options.out, text); !error.empty()) {
        throw UserError(kBadInput, error);
    }
    fmt::print("Wrote the attendance of {} people at {} sessions to {}\n", record.people.size(),
               record.sessions.size(), options.out);
    return kOk;
}

}  // namespace attendance_command
}  // namespace

void add_attendance_command(CLI::App& app, Context& context) {
    using namespace attendance_command;
    auto options = std::make_shared<Options>();
    auto* sub = app.add_subcommand(
        "attendance", "The attendance record of a series (出席簿): marks, 出席率, completion");
    sub->add_option("event", options->event_file, "The event file (or --event / UKETSUKE_EVENT)");
    sub->add_option("--format", options->format,
                    "table (default), csv (Excel, UTF-8 with BOM) or json; from --out's name");
    sub->add_option("--out,-o", options->out, "Write to this file instead of the terminal");
    sub->add_option("--require", options->require,
                    "Who completes (修了): a share of their sessions, 80%, or all");
    sub->add_flag("--allow-makeup", options->allow_makeup,
                  "A make-up session (振替) counts for the session it makes up");
    sub->add_option("--late", options->late,
                    "A late arrival (遅刻) counts as present (default), half or absent");
    sub->add_option("--early", options->early,
                    "An early leave (早退) counts as present (default), half or absent");
    sub->add_option("--session", options->session, "Only this session's column and people");
    on_run(sub, context, [&context, options] { return run(context, *options); });
}

}  // namespace uketsuke::cli
