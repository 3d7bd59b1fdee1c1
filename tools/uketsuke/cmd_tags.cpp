// tags: name tags for everyone (or a group, a role) as a PDF, or printed through CUPS.

#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <map>

#include "kiosk/core/store/files.hpp"
#include "kiosk/core/store/print_log.hpp"
#include "kiosk/core/tickets/qr.hpp"
#include "kiosk/core/tickets/ticket_issuer.hpp"
#include "paper/name_tags.hpp"
#include "paper/printer.hpp"
#include "tools/uketsuke/cli.hpp"

namespace uketsuke::cli {
namespace {

struct TagsCommand {
    std::string out;
    std::string printer;
    std::string layout = "card-91x55";
    std::vector<std::string> groups;
    std::vector<std::string> roles;
    std::string session;
    bool qr = false;
    std::string key_file;
    bool list_layouts = false;
    bool only_not_printed = false;
    bool mark_printed = false;
    std::string by;
};

// Who is recorded as having printed: --by, else the login name.
std::string printed_by(const TagsCommand& command) {
    if (!command.by.empty()) return command.by;
    for (const char* name : {"SUDO_USER", "USER", "LOGNAME"}) {
        if (const char* value = std::getenv(name); value && *value) return value;
    }
    return "";
}

// One row per tag handed out: printed through CUPS (the job) or a PDF the organizer marked.
void record_printed(EventStore& store, const std::vector<Participant>& people,
                    const std::string& layout, const std::string& printer, int job_id,
                    const std::string& by) {
    const std::int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                    std::chrono::system_clock::now().time_since_epoch())
                                    .count();
    sql::Transaction transaction(store.database());
    for (const auto& person : people) {
        PrintLogEntry row;
        row.participant_id = person.id;
        row.layout = layout;
        row.reason = kPrintBatch;
        row.printer = printer;
        row.job_id = job_id;
        row.kiosk = "cli";
        row.staff_name = by;
        row.wall_ms = now_ms;
        (void)append_print(store, std::move(row));
    }
    transaction.commit();
}

// 2026-03-14 → 2026年3月14日; anything else as it is.
std::string japanese_date(const std::string& date) {
    int year = 0, month = 0, day = 0;
    if (date.size() == 10 && std::sscanf(date.c_str(), "%4d-%2d-%2d", &year, &month, &day) == 3)
        return fmt::format("{}年{}月{}日", year, month, day);
    return date;
}

paper::TagLayout layout_option(const std::string& given) {
    auto layout = paper::find_tag_layout(given);
    if (!layout) throw UserError(kBadInput, layout.error().message);
    return std::move(layout).value();
}

int list_layouts() {
    for (const auto& name : paper::shipped_layout_names()) {
        auto layout = paper::find_tag_layout(name);
        fmt::print(
            "{:<12} {}\n", name,
            layout ? layout.value().description : "(unreadable: " + layout.error().message + ")");
    }
    fmt::print("({}; --layout FILE.toml takes a file of your own)\n",
               paper::shipped_layouts_directory().string());
    return kOk;
}

std::string placed_name(const Participant& person) { return person.id + " " + person.name; }

int run_tags(const Context& context, const TagsCommand& command) {
    if (command.list_layouts) return list_layouts();
    if (command.out.empty() == command.printer.empty()) {
        throw UserError(kUsage,
                        "give --out FILE.pdf to write the tags, or --printer NAME to print them");
    }
    if (command.mark_printed && command.out.empty())
        throw UserError(kUsage,
                        "--mark-printed goes with --out (a printed job is recorded anyway)");
    const paper::TagLayout layout = layout_option(command.layout);
    // Written to only to record what was printed.
    const bool records = !command.printer.empty() || command.mark_printed;
    EventStore store = context.open_event(!records);
    const std::set<std::string> printed =
        command.only_not_printed ? people_with_printed_tag(store) : std::set<std::string>{};
    const EventInfo event = store.event();
    std::string session_id;
    std::string event_line = event.name;
    std::string date = event.date;
    if (!command.session.empty()) {
        session_id = session_option(store, command.session);
        const auto session = store.session(session_id);
        if (session && !session->name.empty() && session->name != event.name)
            event_line += "　" + session->name;
        if (session && !session->date.empty()) date = session->date;
    }
    if (!date.empty()) event_line += "　" + japanese_date(date);

    std::optional<SecretKey> key;
    if (command.qr) {
        const std::string path =
            command.key_file.empty() ? secret_key_path_for(context.event_path) : command.key_file;
        SecretKeyLoad load = load_secret_key(store, path);
        if (!load) throw UserError(kBadInput, load.error + " (the QR codes on tags are tickets)");
        key = std::move(load.key);
    }

    const std::vector<Group> groups = store.groups();
    std::map<std::string, int> group_index;
    std::map<std::string, std::string> group_of_name;
    for (std::size_t i = 0; i < groups.size(); ++i) {
        group_index[groups[i].id] = static_cast<int>(i);
        group_of_name[groups[i].name] = groups[i].id;
    }
    std::set<std::string> wanted_groups;
    for (const auto& given : command.groups) {
        if (const auto found = group_of_name.find(given); found != group_of_name.end())
            wanted_groups.insert(found->second);
        else if (group_index.count(given))
            wanted_groups.insert(given);
        else
            throw UserError(kBadInput, fmt::format("there is no group \"{}\"", given));
    }
    std::set<Role> wanted_roles;
    for (const auto& given : command.roles) {
        const auto role = role_from_string(given);
        if (!role)
            throw UserError(
                kUsage, fmt::format("--role {}: participant, facilitator, staff or guest", given));
        wanted_roles.insert(*role);
    }

    std::vector<Participant> chosen;
    std::vector<paper::TagPerson> people;
    for (const auto& person : store.participants()) {
        if (person.status == RegistrationStatus::Cancelled) continue;
        if (!wanted_roles.empty() && !wanted_roles.contains(person.role)) continue;
        if (printed.contains(person.id)) continue;
        std::optional<Group> group;
        if (!session_id.empty()) {
            group = store.seated_group(session_id, person.id);
        } else if (!person.group_id.empty()) {
            group = store.group(person.group_id);
        }
        if (!wanted_groups.empty() && (!group || !wanted_groups.contains(group->id))) continue;
        paper::TagPerson tag;
        tag.id = person.id;
        tag.name = person.name;
        tag.reading = person.reading;
        tag.organization = person.organization;
        tag.role = person.role;
        if (group) {
            tag.group_name = group->name;
            tag.table_label = group->table_label;
            tag.group_index = group_index.count(group->id) ? group_index[group->id] : -1;
        }
        tag.event_line = event_line;
        if (key) {
            tag.ticket = make_qr(ticket_for(store, *key, person), QrLevel::M);
            if (!tag.ticket) throw UserError(kUnexpected, "cannot make a QR code for " + person.id);
        }
        chosen.push_back(person);
        people.push_back(std::move(tag));
    }
    if (people.empty()) {
        throw UserError(kBadInput, command.only_not_printed
                                       ? "everyone who matches has a printed tag; no tags made"
                                       : "nobody registered matches; no tags made");
    }

    paper::TagsOptions options;
    options.title = event.name + " 名札";
    auto rendered = paper::render_tags(layout, people, options);
    if (!rendered) throw UserError(kBadInput, rendered.error().message);
    const paper::TagsPdf& pdf = rendered.value();

    // Whom the layout could not show in full: an organizer reprints these by hand or edits them.
    int shrunk = 0, cut = 0;
    for (const auto& note : pdf.notes) {
        const std::string who = placed_name(chosen[note.person]);
        const char* field = paper::to_string(note.field);
        if (note.unknown_glyphs > 0) {
            fmt::print(stderr,
                       "no font draws {} character{} of the {} of {}: they print as boxes\n",
                       note.unknown_glyphs, note.unknown_glyphs == 1 ? "" : "s", field, who);
        }
        if (note.cut) {
            ++cut;
            fmt::print("cut with …: the {} of {} (at {:.1f} pt, the smallest)\n", field, who,
                       note.size_pt);
        } else if (note.field == paper::TagField::Name) {
            ++shrunk;
            fmt::print("shrunk to fit: the name of {} ({:.1f} pt)\n", who, note.size_pt);
        }
    }
    const std::string what = fmt::format(
        "{} name tag{} on {} page{} ({})", people.size(), people.size() == 1 ? "" : "s", pdf.pages,
        pdf.pages == 1 ? "" : "s", layout.description.empty() ? layout.name : layout.description);
    if (!command.printer.empty()) {
        paper::PrintRequest request;
        request.printer = command.printer;
        request.title = options.title;
        request.document = "name-tags.pdf";
        request.media = layout.media;
        auto job = paper::print_pdf(request, pdf.pdf);
        if (!job) throw UserError(kRefused, job.error().message);
        fmt::print("Sent {} to {} as job {}\n", what, command.printer, job.value());
        record_printed(store, chosen, layout.name, command.printer, job.value(),
                       printed_by(command));
    } else {
        if (auto error = write_file_atomically(command.out, pdf.pdf, 0600); !error.empty())
            throw UserError(kBadInput, fmt::format("cannot write {}: {}", command.out, error));
        fmt::print("Wrote {} to {}\n", what, command.out);
        if (command.mark_printed) {
            record_printed(store, chosen, layout.name, "", 0, printed_by(command));
            fmt::print("Recorded {} tag{} as printed\n", chosen.size(),
                       chosen.size() == 1 ? "" : "s");
        }
    }
    if (shrunk + cut > 0) {
        fmt::print("{} name{} shrunk to fit, {} text{} cut with … (listed above)\n", shrunk,
                   shrunk == 1 ? "" : "s", cut, cut == 1 ? "" : "s");
    }
    return kOk;
}

}  // namespace

void add_tags_command(CLI::App& app, Context& context) {
    auto command = std::make_shared<TagsCommand>();
    auto* sub = app.add_subcommand(
        "tags", "Name tags (名札) as a PDF, or printed through CUPS: cards, labels, A6");
    sub->add_option("--out,-o", command->out, "The PDF to write");
    sub->add_option("--printer", command->printer, "A CUPS printer to print on instead");
    sub->add_option("--layout", command->layout,
                    "A shipped layout (card-91x55, ql-62, ql-62x100, a6) or a layout file "
                    "(default card-91x55)");
    sub->add_flag("--list-layouts", command->list_layouts, "List the shipped layouts");
    sub->add_option("--group", command->groups, "Only this group (name or id); repeatable");
    sub->add_option("--role", command->roles,
                    "Only this role: participant, facilitator, staff, guest; repeatable");
    sub->add_option("--session", command->session,
                    "Groups and tables as seated at this session, and its date");
    sub->add_flag("--qr", command->qr,
                  "Put each person's QR ticket on the tag (needs the secret key)");
    sub->add_option("--key", command->key_file, "Secret key file (default: beside the event file)");
    sub->add_flag("--only-not-printed", command->only_not_printed,
                  "Only people with no printed tag yet (at any kiosk whose file or hub rows this "
                  "file has)");
    sub->add_flag("--mark-printed", command->mark_printed,
                  "Record the tags written with --out as printed (handed out on paper); a job "
                  "sent with --printer is always recorded");
    sub->add_option("--by", command->by, "Who is recorded as printing (default: the login name)");
    on_run(sub, context, [&context, command] { return run_tags(context, *command); });
}

}  // namespace uketsuke::cli
