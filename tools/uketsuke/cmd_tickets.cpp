// tickets, ticket: QR tickets for every participant, or one on the terminal.

#include <fmt/format.h>

#include <algorithm>

#include "kiosk/core/store/files.hpp"
#include "kiosk/core/tickets/qr.hpp"
#include "kiosk/core/tickets/staged_files.hpp"
#include "kiosk/core/tickets/ticket_issuer.hpp"
#include "paper/fonts.hpp"
#include "paper/name_tags.hpp"
#include "paper/tag_layout.hpp"
#include "paper/ticket_page_image.hpp"
#include "tools/uketsuke/cli.hpp"

namespace uketsuke::cli {
namespace {

struct TicketsCommand {
    std::string out_dir;
    std::string key_file;
    int module_pixels = 8;
    int quiet_zone = 4;
    int phone_width = 1080;  // the phone page's width in pixels; its height is 16:9 of it
};

SecretKey secret_key_for(const EventStore& store, const Context& context,
                         const std::string& key_file) {
    const std::string path = key_file.empty() ? secret_key_path_for(context.event_path) : key_file;
    SecretKeyLoad key = load_secret_key(store, path);
    if (!key) throw UserError(kBadInput, key.error);
    return std::move(*key.key);
}

// 2026-12-03, 2026-12-04, 2027-01-10 → 2026年12月3日・4日・2027年1月10日: the year and month
// said once while they stay the same; a date in another form as it is.
std::string dates_in_japanese(const std::vector<std::string>& dates) {
    std::string out;
    int last_year = 0, last_month = 0;
    for (const auto& date : dates) {
        int year = 0, month = 0, day = 0;
        const bool iso =
            date.size() == 10 && std::sscanf(date.c_str(), "%4d-%2d-%2d", &year, &month, &day) == 3;
        if (!out.empty()) out += "・";
        if (!iso) {
            out += date;
            last_year = last_month = 0;
            continue;
        }
        if (year != last_year) out += fmt::format("{}年", year);
        if (year != last_year || month != last_month) out += fmt::format("{}月", month);
        out += fmt::format("{}日", day);
        last_year = year;
        last_month = month;
    }
    return out;
}

// The two ticket page layouts (A4, phone), when both load and their font is installed: then
// tickets.csv names the pages. Otherwise a warning, and the tickets are written without pages.
struct PageLayouts {
    paper::TagLayout a4;
    paper::TagLayout phone;
};

std::optional<PageLayouts> page_layouts() {
    auto a4 = paper::ticket_page_layout();
    auto phone = paper::phone_ticket_layout();
    const paper::PaperError* problem = !a4 ? &a4.error() : !phone ? &phone.error() : nullptr;
    if (!problem) {
        for (const auto* layout : {&a4.value(), &phone.value()}) {
            if (auto font = paper::check_font(layout->font); !font) {
                fmt::print(stderr, "no ticket pages: {}\n", font.error().message);
                return std::nullopt;
            }
        }
        return PageLayouts{std::move(a4).value(), std::move(phone).value()};
    }
    fmt::print(stderr, "no ticket pages: {}\n", problem->message);
    return std::nullopt;
}

// A ticket page per person, ID.pdf (A4) and ID.phone.png (1080 × 1920, for a phone's screen),
// both drawn from layouts in the name tags' format by the same code, and tickets.pdf with
// every A4 page, for people who print their ticket, show it on a phone, or are handed one.
// Staged with the tickets' other files: none is visible until the whole run is written. Gives
// the line to print once they are.
std::string write_ticket_pages(const EventStore& store, const TicketFiles& files,
                               StagedFiles& staging, const PageLayouts& layouts, int phone_width) {
    const EventInfo event = store.event();
    std::string line = event.name;
    std::vector<std::string> dates;
    for (const auto& session : store.sessions()) {
        if (!session.date.empty() &&
            std::find(dates.begin(), dates.end(), session.date) == dates.end())
            dates.push_back(session.date);
    }
    if (dates.empty() && !event.date.empty()) dates.push_back(event.date);
    if (!dates.empty()) line += "　" + dates_in_japanese(dates);
    if (!event.venue.empty()) line += "　" + event.venue;
    const std::vector<Group> groups = store.groups();
    std::vector<paper::TagPerson> pages;
    std::vector<const IssuedTicket*> issued;
    for (const auto& ticket : files.tickets) {
        const auto person = store.participant(ticket.participant_id);
        if (!person) continue;
        paper::TagPerson page;
        page.id = person->id;
        page.name = person->name;
        page.reading = person->reading;
        page.organization = person->organization;
        for (std::size_t g = 0; g < groups.size(); ++g) {
            if (groups[g].id != person->group_id) continue;
            page.group_name = groups[g].name;
            page.table_label = groups[g].table_label;
            page.group_index = static_cast<int>(g);
        }
        page.event_line = line;
        page.ticket = make_qr(ticket.payload, QrLevel::M);
        pages.push_back(std::move(page));
        issued.push_back(&ticket);
    }
    if (pages.empty()) return {};
    // A failure names the person and the file; nothing staged is left behind (StagedFiles).
    auto write = [&](const paper::TagPerson* person, const std::string& name,
                     const std::string& bytes) {
        if (auto error = staging.write(name, bytes); !error.empty()) {
            throw UserError(kBadInput, person ? fmt::format("the ticket page of {} ({}): {}",
                                                            person->id, person->name, error)
                                              : error);
        }
    };
    paper::TagsOptions options;
    options.title = event.name + " 受付票";
    int phone_height = 0;
    for (std::size_t i = 0; i < pages.size(); ++i) {
        const paper::TagPerson& person = pages[i];
        auto one = paper::render_tags(layouts.a4, {person}, options);
        if (!one)
            throw UserError(kBadInput, fmt::format("no ticket page for {} ({}): {}", person.id,
                                                   person.name, one.error().message));
        write(&person, issued[i]->page_pdf_file, one.value().pdf);
        auto image = paper::render_ticket_image(layouts.phone, person, phone_width);
        if (!image)
            throw UserError(kBadInput, fmt::format("no phone ticket page for {} ({}): {}",
                                                   person.id, person.name, image.error().message));
        write(&person, issued[i]->page_png_file, image.value().png);
        phone_height = image.value().height;
    }
    auto all = paper::render_tags(layouts.a4, pages, options);
    if (!all) throw UserError(kBadInput, "no tickets.pdf: " + all.error().message);
    write(nullptr, "tickets.pdf", all.value().pdf);
    return fmt::format(
        "Wrote a ticket page per person (ID.pdf, A4; ID.phone.png, {}×{} for a phone) and "
        "tickets.pdf with all {} pages\n",
        phone_width, phone_height, pages.size());
}

int run_tickets(const Context& context, const TicketsCommand& command) {
    EventStore store = context.open_event(true);
    const SecretKey key = secret_key_for(store, context, command.key_file);
    StagedFiles staging(command.out_dir);
    TicketFilesOptions options;
    options.out_dir = command.out_dir;
    options.module_pixels = command.module_pixels;
    options.quiet_zone = command.quiet_zone;
    options.staging = &staging;
    const std::optional<PageLayouts> layouts = page_layouts();
    options.page_files = layouts.has_value();
    auto result = write_ticket_files(store, key, options);
    if (!result) throw UserError(kBadInput, result.error());
    for (const auto& problem : result.value().problems) {
        fmt::print(stderr, "no ticket for {}\n", problem);
    }
    const std::string pages =
        layouts ? write_ticket_pages(store, result.value(), staging, *layouts, command.phone_width)
                : std::string();
    // Only now is anything in the folder replaced: one sync for every file, then the renames.
    if (auto error = staging.commit(); !error.empty()) throw UserError(kBadInput, error);
    fmt::print("Wrote {} tickets (PNG and SVG) and tickets.csv for a mail merge to {}\n",
               result.value().tickets.size(), command.out_dir);
    fmt::print("{}", pages);
    if (!result.value().problems.empty()) {
        fmt::print("{} {} got no ticket (see above); everyone else's files are written\n",
                   result.value().problems.size(),
                   result.value().problems.size() == 1 ? "participant" : "participants");
    }
    return kOk;
}

struct TicketCommand {
    std::string participant_id;
    std::string key_file;
    bool reissue = false;
    bool light = false;
};

int run_ticket(const Context& context, const TicketCommand& command) {
    EventStore store = context.open_event(!command.reissue);
    const SecretKey key = secret_key_for(store, context, command.key_file);
    auto participant = store.participant(command.participant_id);
    if (!participant)
        throw UserError(kBadInput,
                        fmt::format("no participant with id {}", command.participant_id));
    std::string payload = command.reissue
                              ? reissue_ticket(store, key, participant->id, "organizer", now_ms())
                              : ticket_for(store, key, *participant);
    const auto matrix = make_qr(payload, QrLevel::M);
    if (!matrix) throw UserError(kUnexpected, "cannot make a QR code for this ticket");
    fmt::print("{}",
               to_terminal(*matrix, 2,
                           command.light ? TerminalBackground::Light : TerminalBackground::Dark));
    fmt::print("{} {}\n{}\n", participant->id, participant->name, payload);
    if (command.reissue)
        fmt::print("Re-issued: the previous ticket of {} is now refused.\n", participant->id);
    return kOk;
}

}  // namespace

void add_ticket_commands(CLI::App& app, Context& context) {
    auto tickets = std::make_shared<TicketsCommand>();
    auto* sub = app.add_subcommand(
        "tickets", "Write a QR ticket (PNG, SVG) per participant and a mail-merge CSV");
    sub->add_option("--out,-o", tickets->out_dir, "Output folder")->required();
    sub->add_option("--key", tickets->key_file, "Secret key file (default: beside the event file)");
    sub->add_option("--module-size", tickets->module_pixels,
                    "Pixels per QR module in the PNG (default 8)")
        ->check(CLI::Range(1, 64));
    sub->add_option("--quiet-zone", tickets->quiet_zone, "White border in modules (default 4)")
        ->check(CLI::Range(0, 20));
    sub->add_option("--phone-width", tickets->phone_width,
                    "Width in pixels of the phone ticket page ID.phone.png (default 1080; 9:16)")
        ->check(CLI::Range(360, 4320));
    on_run(sub, context, [&context, tickets] { return run_tickets(context, *tickets); });

    auto ticket = std::make_shared<TicketCommand>();
    auto* one = app.add_subcommand("ticket", "Print one participant's QR ticket in the terminal");
    one->add_option("id", ticket->participant_id, "Participant id")->required();
    one->add_option("--key", ticket->key_file, "Secret key file (default: beside the event file)");
    one->add_flag("--reissue", ticket->reissue, "Issue a new ticket and revoke the old one");
    one->add_flag("--light", ticket->light, "Draw for a terminal with a light background");
    on_run(one, context, [&context, ticket] { return run_ticket(context, *ticket); });
}

}  // namespace uketsuke::cli
