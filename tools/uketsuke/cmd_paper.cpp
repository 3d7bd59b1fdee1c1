// roster-pdf, certificates: the desk roster (受付名簿) and certificates (修了証, 参加証明書) as
// PDF through paper/. Who is listed and who completes is core's (search_key, the attendance
// record and its completion rule); this file reads the event, checks the options, writes.

#include <fmt/format.h>

#include <ctime>
#include <map>
#include <set>

#include "kiosk/core/attendance/completion.hpp"
#include "kiosk/core/attendance/event_attendance.hpp"
#include "kiosk/core/roster/search_key.hpp"
#include "kiosk/core/store/files.hpp"
#include "paper/certificates.hpp"
#include "paper/desk_roster.hpp"
#include "tools/uketsuke/cli.hpp"

namespace uketsuke::cli {
namespace {
// Its own namespace: the command files compile as one unity build.
namespace paper_command {

// 2026-03-14 → 2026年3月14日; anything else as it is.
std::string date_in_japanese(const std::string& date) {
    int year = 0, month = 0, day = 0;
    if (date.size() == 10 && std::sscanf(date.c_str(), "%4d-%2d-%2d", &year, &month, &day) == 3)
        return fmt::format("{}年{}月{}日", year, month, day);
    return date;
}

// 2026-03-14 → 3月14日, for a session's line on a certificate.
std::string month_day(const std::string& date) {
    int year = 0, month = 0, day = 0;
    if (date.size() == 10 && std::sscanf(date.c_str(), "%4d-%2d-%2d", &year, &month, &day) == 3)
        return fmt::format("{}月{}日", month, day);
    return date;
}

std::string local_now(const char* format) {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char text[64];
    std::strftime(text, sizeof text, format, &local);
    return text;
}

void write_pdf(const std::string& out, const std::string& pdf) {
    // Names and attendance: personal data, 0600, never a half-written file.
    if (auto error = write_file_atomically(out, pdf, 0600); !error.empty())
        throw UserError(kBadInput, fmt::format("cannot write {}: {}", out, error));
}

struct RosterOptions {
    std::string out;
    std::string by = "none";
    bool only_not_arrived = false;
    std::string session;
};

int run_roster(const Context& context, const RosterOptions& options) {
    if (options.by != "none" && options.by != "organization" && options.by != "group")
        throw UserError(kUsage, fmt::format("--by {}: organization, group or none", options.by));
    EventStore store = context.open_event(true);
    const std::string session_id = session_option(store, options.session);
    const auto session = store.session(session_id);
    const EventInfo event = store.event();
    const std::vector<std::string> expected_ids = store.expected_at(session_id);
    const std::set<std::string> expected(expected_ids.begin(), expected_ids.end());
    const std::vector<Group> groups = store.groups();
    std::map<std::string, std::size_t> group_place;
    for (std::size_t i = 0; i < groups.size(); ++i) group_place[groups[i].id] = i;

    // Organizations in the 出席簿's order (ICU's Japanese collation): they have no reading.
    std::map<std::string, std::size_t> organization_place;
    if (options.by == "organization") {
        auto record = event_attendance(store, now_ms());
        if (!record)
            throw UserError(kBadInput,
                            fmt::format("{}: {}", context.event_path, record.error().message));
        for (const auto& organization : record.value().organizations)
            organization_place.emplace(organization.name, organization_place.size());
    }
    std::vector<paper::RosterEntry> entries;
    int arrived_count = 0;
    for (const auto& person : store.participants()) {
        if (person.status == RegistrationStatus::Cancelled) continue;
        const bool arrived = fold_attendance(store.checkins_of(person.id, session_id)).checked_in;
        if (!expected.contains(person.id) && !arrived) continue;
        arrived_count += arrived ? 1 : 0;
        if (arrived && options.only_not_arrived) continue;
        paper::RosterEntry entry;
        entry.number = person.id;
        entry.name = person.name;
        entry.reading = person.reading;
        entry.organization = person.organization;
        entry.arrived = arrived;
        entry.sort_key = search_key(person.reading.empty() ? person.name : person.reading);
        const auto group = store.seated_group(session_id, person.id);
        if (group) {
            entry.group_table = group->name;
            if (!group->table_label.empty() && group->table_label != group->name)
                entry.group_table += " / " + group->table_label;
        }
        if (options.by == "organization") {
            entry.section = person.organization.empty() ? "所属なし" : person.organization;
            // People without an organization last.
            const auto place = organization_place.find(person.organization);
            entry.section_key = person.organization.empty() || place == organization_place.end()
                                    ? "\xff" + search_key(entry.section)
                                    : fmt::format("{:06}", place->second);
        } else if (options.by == "group") {
            entry.section = group ? group->name : "グループ未定";
            const auto place = group ? group_place.find(group->id) : group_place.end();
            entry.section_key =
                fmt::format("{:06}", place == group_place.end() ? 999999 : place->second);
        }
        entries.push_back(std::move(entry));
    }

    paper::RosterHeader header;
    header.event = event.name;
    header.date = date_in_japanese(session && !session->date.empty() ? session->date : event.date);
    if (session && store.sessions().size() > 1) header.session = session->name;
    header.note = options.by == "organization" ? "所属別・五十音順"
                  : options.by == "group"      ? "グループ別・五十音順"
                                               : "五十音順";
    if (options.only_not_arrived) header.note += "・未受付のみ";
    header.note += fmt::format("　{}名", entries.size());
    header.printed = local_now("%Y-%m-%d %H:%M 作成");
    const std::size_t listed = entries.size();
    auto rendered = paper::render_desk_roster(header, std::move(entries));
    if (!rendered) throw UserError(kBadInput, rendered.error().message);
    for (const auto& note : rendered.value().notes) {
        if (note.unknown_glyphs > 0)
            fmt::print(stderr, "no font draws {} character(s) of the {} of {}: boxes instead\n",
                       note.unknown_glyphs, paper::to_string(note.column), note.number);
        else if (note.cut)
            fmt::print("cut with …: the {} of {}\n", paper::to_string(note.column), note.number);
    }
    write_pdf(options.out, rendered.value().pdf);
    fmt::print("Wrote the desk roster of {} people ({} checked in already) on {} page{} to {}\n",
               listed, arrived_count, rendered.value().pages,
               rendered.value().pages == 1 ? "" : "s", options.out);
    return kOk;
}

struct CertificateOptions {
    std::string out;
    std::string wording = "completion";
    std::string require = "all";
    bool allow_makeup = false;
    std::string late;
    std::string early;
    std::string date;
    std::string programme;
    int first_serial = 1;
};

CompletionRule rule_of(const CertificateOptions& options) {
    CompletionRule rule;
    auto percent = parse_required_percent(options.require);
    if (!percent)
        throw UserError(kUsage, fmt::format("--require {}: {}", options.require, percent.error()));
    rule.percent = percent.value();
    rule.allow_makeup = options.allow_makeup;
    auto credit = [](const char* option, const std::string& text) {
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

int run_certificates(const Context& context, const CertificateOptions& options) {
    const CompletionRule rule = rule_of(options);
    auto wording = paper::find_certificate_template(options.wording);
    if (!wording) throw UserError(kBadInput, wording.error().message);
    std::string date = options.date.empty() ? local_now("%Y-%m-%d") : options.date;
    int year = 0, month = 0, day = 0;
    if (date.size() != 10 || std::sscanf(date.c_str(), "%4d-%2d-%2d", &year, &month, &day) != 3 ||
        month < 1 || month > 12 || day < 1 || day > 31)
        throw UserError(kUsage, fmt::format("--date {}: give YYYY-MM-DD", options.date));

    EventStore store = context.open_event(true);
    auto built = event_attendance(store, now_ms());
    if (!built)
        throw UserError(kBadInput,
                        fmt::format("{}: {}", context.event_path, built.error().message));
    const AttendanceRecord& record = built.value();
    const std::vector<Completion> completion = evaluate_completion(record, rule);
    std::vector<paper::CertificatePerson> people;
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < record.people.size(); ++i) {
        if (!completion[i].applicable || !completion[i].completes) continue;
        const PersonAttendance& row = record.people[i];
        paper::CertificatePerson person;
        person.name = row.participant.name;
        person.organization = row.participant.organization;
        for (std::size_t s = 0; s < row.cells.size(); ++s) {
            const SessionMark mark = row.cells[s].mark;
            if (mark != SessionMark::Present && mark != SessionMark::Late &&
                mark != SessionMark::EarlyLeave)
                continue;
            const Session& session = record.sessions[s].session;
            person.sessions.push_back(month_day(session.date) + "　" + session.name);
        }
        person.attended = row.counts.attended() + row.counts.made_up;
        person.of_sessions = completion[i].sessions;
        people.push_back(std::move(person));
        ids.push_back(row.participant.id);
    }
    if (people.empty()) {
        throw UserError(kBadInput,
                        fmt::format("nobody meets the rule (--require {}); no certificates made "
                                    "(`uketsuke attendance --require {}` shows who falls short)",
                                    options.require, options.require));
    }
    paper::CertificateRun run;
    run.event = store.event().name;
    run.programme = options.programme;
    run.date = date_in_japanese(date);
    run.first_serial = options.first_serial;
    auto rendered = paper::render_certificates(wording.value(), run, people);
    if (!rendered) throw UserError(kBadInput, rendered.error().message);
    for (const std::size_t cut : rendered.value().cut)
        fmt::print("cut with …: the name or organization of {} {}\n", ids[cut], people[cut].name);
    write_pdf(options.out, rendered.value().pdf);
    fmt::print("Wrote {} certificate{} ({}, {} to {}) to {}\n", people.size(),
               people.size() == 1 ? "" : "s", wording.value().name,
               rendered.value().serials.front(), rendered.value().serials.back(), options.out);
    return kOk;
}

}  // namespace paper_command
}  // namespace

void add_paper_commands(CLI::App& app, Context& context) {
    using namespace paper_command;
    auto roster = std::make_shared<RosterOptions>();
    auto* sub = app.add_subcommand(
        "roster-pdf", "The desk roster (受付名簿) as an A4 PDF, in 五十音順, to tick by hand");
    sub->add_option("--out,-o", roster->out, "The PDF to write")->required();
    sub->add_option("--by", roster->by, "Headed lists by organization or group, or none (default)");
    sub->add_flag("--only-not-arrived", roster->only_not_arrived,
                  "Only people not checked in yet at the session");
    sub->add_option("--session", roster->session,
                    "The session (default: the only one, or the one on now)");
    on_run(sub, context, [&context, roster] { return run_roster(context, *roster); });

    auto certificates = std::make_shared<CertificateOptions>();
    auto* certs = app.add_subcommand(
        "certificates",
        "Certificates (修了証, 参加証明書) as an A4 PDF for everyone who meets the rule");
    certs->add_option("--out,-o", certificates->out, "The PDF to write")->required();
    certs->add_option("--template", certificates->wording,
                      "completion (修了証, default), participation (参加証明書) or a TOML file");
    certs->add_option("--require", certificates->require,
                      "Who gets one: a share of their sessions, 80%, or all (default)");
    certs->add_flag("--allow-makeup", certificates->allow_makeup,
                    "A make-up session (振替) counts for the session it makes up");
    certs->add_option("--late", certificates->late,
                      "A late arrival counts as present, half, absent");
    certs->add_option("--early", certificates->early,
                      "An early leave counts as present, half, absent");
    certs->add_option("--date", certificates->date, "The date written on them (default today)");
    certs->add_option("--programme", certificates->programme,
                      "The programme's name (default the template's: the event's name)");
    certs
        ->add_option("--first-serial", certificates->first_serial,
                     "The first serial number (default 1)")
        ->check(CLI::Range(1, 99999999));
    on_run(certs, context,
           [&context, certificates] { return run_certificates(context, *certificates); });
}

}  // namespace uketsuke::cli
