// import, export, report, people: the roster in and the attendance out.

#include <fmt/format.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "kiosk/core/checkin/report.hpp"
#include "kiosk/core/roster/export.hpp"
#include "kiosk/core/roster/roster_import.hpp"
#include "kiosk/core/store/files.hpp"
#include "tools/uketsuke/cli.hpp"

namespace uketsuke::cli {
namespace {

// Large enough for 100,000 registrations with long survey answers.
constexpr std::size_t kMaxImportBytes = std::size_t{512} << 20;

struct ImportCommand {
    std::string file;
    std::string encoding = "auto";
    std::string preset = "auto";
    std::string sheet;
    std::vector<std::string> maps;
    std::vector<std::string> role_maps;
    bool forget_mapping = false;
    std::string merge_by;  // "", email, name
    bool allow_duplicates = false;
    bool dry_run = false;
    bool quiet = false;
};

std::string or_empty(const std::string& text) { return text.empty() ? "(empty)" : text; }

// "5000100 髙橋 健太 (港区): same e-mail; …, and 3 more"
std::string described_matches(const ImportSuspect& suspect) {
    std::vector<std::string> parts;
    for (const auto& match : suspect.matches) {
        parts.push_back(
            fmt::format("{} {}{}: {}", match.id, match.name,
                        match.organization.empty() ? "" : " (" + match.organization + ")",
                        describe_rules(match.rules)));
    }
    std::string text = fmt::format("{}", fmt::join(parts, "; "));
    if (suspect.match_count > suspect.matches.size()) {
        text += fmt::format(", and {} more", suspect.match_count - suspect.matches.size());
    }
    return text;
}

// One line per suspect: where, who, whom they look like and by which rule.
std::string suspect_line(const std::string& file, const ImportSuspect& suspect) {
    std::string line = fmt::format("{}:{}: {} ({})", file, suspect.line, suspect.name, suspect.id);
    if (!suspect.matches.empty()) line += " looks like " + described_matches(suspect);
    if (!suspect.same_file_lines.empty()) {
        line += fmt::format(
            "{} line{} {} of this file: {}", suspect.matches.empty() ? " looks like" : "; and like",
            suspect.same_file_lines.size() == 1 ? "" : "s",
            fmt::join(suspect.same_file_lines, ", "), describe_rules(suspect.same_file_rules));
    }
    return line;
}

std::string choice_text(const ImportSuspect::Choice& choice) {
    if (choice.into.empty()) return "not merged: " + choice.why_not;
    if (choice.details.empty()) return "merged into " + choice.into + ", nothing to change";
    std::vector<std::string> fields;
    for (const auto& field : choice.details) {
        fields.push_back(
            fmt::format("{}: {} → {}", field.field, or_empty(field.before), or_empty(field.after)));
    }
    return fmt::format("merged into {}: {}", choice.into, fmt::join(fields, "; "));
}

// The ways on, with how many rows each would take.
std::string ways_on(const Context& context, const ImportCommand& command,
                    const ImportSummary& summary) {
    int by_email = 0, by_name = 0;
    for (const auto& suspect : summary.suspects) {
        by_email += !suspect.by_email.into.empty();
        by_name += !suspect.by_name.into.empty();
    }
    const std::string start =
        fmt::format("uketsuke -e {} import {}", context.event_path, command.file);
    return fmt::format(
        "To go on, one of:\n"
        "  {} --merge-by email     update the person with the same e-mail from the row ({} "
        "of {})\n"
        "  {} --merge-by name      update the person with the same name and reading or "
        "organization ({} of {})\n"
        "  {} --allow-duplicates   add them as new people (with --merge-by: those it leaves)\n"
        "  {} --dry-run            what each choice would do, row by row\n"
        "or correct the list (a person's key, e-mail or name) and import it again.",
        start, by_email, summary.suspects.size(), start, by_name, summary.suspects.size(), start,
        start);
}

int run_import(const Context& context, const ImportCommand& command) {
    ImportOptions options;
    options.source_name = command.file;
    options.dry_run = command.dry_run;
    options.wall_ms = now_ms();
    options.encoding = encoding_option(command.encoding);
    options.sheet = command.sheet;
    auto preset = parse_preset(command.preset);
    if (!preset) {
        throw UserError(kUsage, fmt::format("--preset {}: use auto, connpass, peatix or generic",
                                            command.preset));
    }
    options.mapping.preset = *preset;
    for (const auto& text : command.maps) {
        auto map = parse_map_option(text);
        if (!map) throw UserError(kUsage, fmt::format("--map {}: {}", text, map.error()));
        options.mapping.overrides.emplace_back(map.value().field, map.value().header);
    }
    for (const auto& text : command.role_maps) {
        auto entry = parse_role_map_option(text);
        if (!entry) throw UserError(kUsage, entry.error());
        options.mapping.role_map.push_back(entry.value());
    }
    if (command.forget_mapping) options.remember_mapping = false;
    if (command.merge_by == "email") {
        options.merge_by = MergeBy::Email;
    } else if (command.merge_by == "name") {
        options.merge_by = MergeBy::Name;
    } else if (!command.merge_by.empty()) {
        throw UserError(kUsage, fmt::format("--merge-by {}: use email or name", command.merge_by));
    }
    options.allow_duplicates = command.allow_duplicates;
    EventStore store = context.open_event();
    FileRead file = read_whole_file(command.file, kMaxImportBytes);
    if (!file) throw UserError(kBadInput, file.error);

    ImportResult result = import_roster(store, file.bytes, options);
    const ImportSummary& s = result.summary;
    const bool refused = s.refused > 0;
    if (!result && !refused) throw UserError(kBadInput, result.error + "\nNothing was imported.");
    if (s.encoding.starts_with("xlsx")) {
        fmt::print("{}: {}, {} format\n", command.file, s.encoding, s.preset);
    } else {
        fmt::print("{}: {}, {}-separated, {} format\n", command.file, s.encoding,
                   s.delimiter == '\t' ? "tab" : "comma", s.preset);
    }
    for (const auto& [field, header] : s.columns) fmt::print("  {:<13} ← {}\n", field, header);
    for (const auto& value : s.roles) {
        fmt::print("  {} {} → {} ({}){}\n", s.role_header,
                   value.value.empty() ? "(empty)" : value.value, value.role, value.count,
                   value.from_role_map ? " by --role-map" : "");
    }
    if (s.mapping_remembered) {
        std::vector<std::string> entries;
        for (const auto& [field, header] : s.mapping) entries.push_back(field + "=" + header);
        for (const auto& [value, role] : s.role_map)
            entries.push_back("role " + value + "=" + role);
        fmt::print(
            "  using the mapping remembered from the last import: {} (--forget-mapping to "
            "guess afresh)\n",
            fmt::join(entries, ", "));
    }
    for (const auto& warning : s.warnings) fmt::print("  note: {}\n", warning);
    if (s.waiting_list > 0) {
        fmt::print(
            "  waiting list (補欠), not expected and refused at the door like a "
            "cancellation until registered: {}\n",
            s.waiting_list);
        for (const auto& change : s.changes) {
            if (change.waiting_list) fmt::print("    {} {}\n", change.id, change.name);
        }
    }
    if (refused && !command.dry_run) {
        std::string report = result.error + "\n";
        std::size_t shown = 0;
        for (const auto& suspect : s.suspects) {
            if (suspect.outcome != ImportSuspect::Outcome::Refused) continue;
            if (++shown > 100) {
                report +=
                    fmt::format("  … and {} more (--dry-run lists them all)\n", s.refused - 100);
                break;
            }
            report += "  " + suspect_line(command.file, suspect) + "\n";
        }
        throw UserError(kBadInput, report + ways_on(context, command, s));
    }
    if (!s.suspects.empty()) {
        fmt::print("  rows that look like someone already in the event, or like each other:\n");
        for (const auto& suspect : s.suspects) {
            fmt::print("    {}\n", suspect_line(command.file, suspect));
            const char* outcome = suspect.outcome == ImportSuspect::Outcome::Merged ? "merged"
                                  : suspect.outcome == ImportSuspect::Outcome::Added
                                      ? "added as new"
                                      : "refused";
            fmt::print("      {}{}\n", command.dry_run ? "would be " : "", outcome);
            if (command.dry_run) {
                fmt::print("      --merge-by email: {}\n", choice_text(suspect.by_email));
                fmt::print("      --merge-by name: {}\n", choice_text(suspect.by_name));
                fmt::print("      --allow-duplicates: {}\n",
                           suspect.outcome == ImportSuspect::Outcome::Merged
                               ? "merged all the same (--merge-by is given)"
                               : "added as a new person " + suspect.id);
            }
        }
    }
    if (command.dry_run || !command.quiet) {
        int shown = 0;
        for (const auto& change : s.changes) {
            if (change.kind == ImportChangeKind::Unchanged) continue;
            if (!command.dry_run && ++shown > 50) break;
            fmt::print("  {:<10} {} {}", to_string(change.kind), change.id, change.name);
            if (change.kind == ImportChangeKind::Merged) {
                fmt::print(" ← {}:{} ({}, {})", command.file, change.line, change.key,
                           describe_rules(change.rules));
            }
            if (change.kind == ImportChangeKind::Changed ||
                (change.kind == ImportChangeKind::Merged && !change.fields.empty()))
                fmt::print(" ({})", fmt::join(change.fields, ", "));
            fmt::print("\n");
            if (command.dry_run) {
                for (const auto& field : change.details) {
                    fmt::print("    {} {}: {} → {}\n", change.id, field.field,
                               field.before.empty() ? "(empty)" : field.before,
                               field.after.empty() ? "(empty)" : field.after);
                }
            }
        }
    }
    fmt::print("{}{} added", command.dry_run ? "Would be: " : "", s.added);
    if (s.added_cancelled > 0) fmt::print(" ({} of them cancelled)", s.added_cancelled);
    if (s.merged > 0) fmt::print(", {} merged", s.merged);
    fmt::print(", {} changed, {} cancelled, {} reinstated, {} unchanged", s.changed, s.cancelled,
               s.reinstated, s.unchanged);
    if (s.groups_created > 0) fmt::print(", {} new groups", s.groups_created);
    if (refused) fmt::print(", {} refused", s.refused);
    fmt::print("{}\n", command.dry_run ? " (dry run: nothing changed)" : "");
    if (refused) {
        throw UserError(
            kBadInput, fmt::format("{} (dry run)\n{}", result.error, ways_on(context, command, s)));
    }
    return kOk;
}

struct ExportCommand {
    std::string file;
    std::string format;  // from the extension when empty
    std::string encoding = "utf-8";
    std::string session;  // "" every session
};

int run_export(const Context& context, const ExportCommand& command) {
    ExportOptions options;
    std::string format = command.format;
    if (format.empty()) {
        const std::string extension = std::filesystem::path(command.file).extension().string();
        format = extension == ".json" ? "json" : extension == ".csv" ? "csv" : "";
    }
    if (format == "json") {
        options.format = ExportFormat::Json;
    } else if (format == "csv") {
        options.format = ExportFormat::Csv;
    } else {
        throw UserError(
            kUsage, fmt::format("{}: name the file .csv or .json, or give --format", command.file));
    }
    auto encoding = parse_encoding(command.encoding);
    if (!encoding || (*encoding != Encoding::Utf8 && *encoding != Encoding::Cp932)) {
        throw UserError(kUsage, fmt::format("--encoding {}: use utf-8 or cp932", command.encoding));
    }
    options.encoding = *encoding;
    EventStore store = context.open_event(true);
    if (!command.session.empty()) options.session_id = session_option(store, command.session);
    auto result = export_attendance(store, options);
    if (!result) throw UserError(kBadInput, result.error());
    if (auto error = write_file_atomically(command.file, result.value().bytes); !error.empty()) {
        throw UserError(kBadInput, error);
    }
    fmt::print("Wrote {} people to {}\n", result.value().rows, command.file);
    return kOk;
}

// --lang and --line belong to the paste line (kiosk/core/checkin/report.hpp, report_line).
struct ReportStyle {
    std::string lang = "ja";
    bool line = false;
};

int run_report(const Context& context, bool json, const std::string& session,
               const ReportStyle& style) {
    if (style.lang != "ja" && style.lang != "en")
        throw UserError(kUsage, fmt::format("--lang {}: use ja or en", style.lang));
    const ReportLanguage language =
        style.lang == "en" ? ReportLanguage::English : ReportLanguage::Japanese;
    EventStore store = context.open_event(true);
    const std::string id = session_option(store, session);
    Report report;
    try {
        report = build_report(store, id, now_ms());
    } catch (const std::invalid_argument& error) {
        throw UserError(kBadInput, fmt::format("{}: {}", context.event_path, error.what()));
    }
    if (json) {
        fmt::print("{}\n", report_to_json(report).dump(2));
    } else {
        fmt::print("{}", style.line ? report_line(report, language) + "\n"
                                    : format_report_text(report, language));
    }
    return kOk;
}

}  // namespace

void add_roster_commands(CLI::App& app, Context& context) {
    auto import = std::make_shared<ImportCommand>();
    auto* sub = app.add_subcommand("import",
                                   "Import or update registrations from CSV/TSV or Excel (.xlsx)");
    sub->add_option("file", import->file,
                    "CSV or TSV file, or an Excel workbook (.xlsx) (connpass, Peatix, any form "
                    "tool)")
        ->required();
    sub->add_option("--sheet", import->sheet,
                    "The worksheet of an .xlsx to read, by its tab's name (default: the first "
                    "visible one)");
    sub->add_option("--encoding", import->encoding, "auto (default), utf-8, utf-16, cp932");
    sub->add_option("--preset", import->preset, "auto (default), connpass, peatix, generic");
    // One value per --map, so `--map a=b FILE` leaves FILE to be the file.
    sub->add_option("--map", import->maps,
                    "FIELD=COLUMN, one per --map, e.g. --map name=氏名 --map organization=所属; "
                    "fields: id, name, reading, organization, role, group, email, status, code. "
                    "Remembered for the next import of this event")
        ->allow_extra_args(false);
    sub->add_option("--role-map", import->role_maps,
                    "VALUE=ROLE for the role column (connpass 参加枠名, Peatix チケット名), one "
                    "per --role-map, e.g. --role-map 講師=facilitator --role-map 受付=staff; "
                    "roles: participant, facilitator, staff, guest. Remembered like --map")
        ->allow_extra_args(false);
    sub->add_flag("--forget-mapping", import->forget_mapping,
                  "Ignore the --map and --role-map remembered from earlier imports (and do not "
                  "remember this one's)");
    sub->add_option("--merge-by", import->merge_by,
                    "email or name: a row whose key matches nobody but that is probably someone "
                    "already in the event (same e-mail; or same name and reading or organization, "
                    "folded as search folds them) updates that person instead of being refused; "
                    "its key is kept so the next import of the file finds them");
    sub->add_flag("--allow-duplicates", import->allow_duplicates,
                  "Add such rows as new people (with --merge-by: those it did not merge)");
    sub->add_flag("--dry-run", import->dry_run,
                  "Show what would be added, changed, cancelled, merged, and what each choice "
                  "would do with rows that look like someone already there; change nothing");
    sub->add_flag("--quiet,-q", import->quiet, "Print only the summary");
    on_run(sub, context, [&context, import] { return run_import(context, *import); });

    auto export_command = std::make_shared<ExportCommand>();
    auto* exp = app.add_subcommand("export", "Write attendance to .csv (Excel-ready) or .json");
    exp->add_option("file", export_command->file, "Output file, .csv or .json")->required();
    exp->add_option("--format", export_command->format,
                    "csv or json (default: from the file name)");
    exp->add_option("--encoding", export_command->encoding,
                    "CSV: utf-8 with BOM (default) or cp932");
    exp->add_option("--session", export_command->session,
                    "One session's attendance (default: every session; `session` column)");
    on_run(exp, context,
           [&context, export_command] { return run_export(context, *export_command); });

    auto json = std::make_shared<bool>(false);
    auto report_session = std::make_shared<std::string>();
    auto* report =
        app.add_subcommand("report", "Registered, attended, no-shows, by organization and group");
    report->add_flag("--json", *json, "Machine-readable output");
    report->add_option("--session", *report_session,
                       "The session to count (needed when the event has several)");
    auto style = std::make_shared<ReportStyle>();
    report->add_option("--lang", style->lang,
                       "The line to paste, 9団体28名参加（申込者30名）: ja (default) or en");
    report->add_flag("--line", style->line, "Print only that line");
    on_run(report, context, [&context, json, report_session, style] {
        return run_report(context, *json, *report_session, *style);
    });
}

}  // namespace uketsuke::cli
