// init, keys, info: the event itself and its ticket keys.

#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <regex>

#include "kiosk/core/checkin/report.hpp"
#include "kiosk/core/model/local_time.hpp"
#include "kiosk/core/tickets/ticket.hpp"
#include "kiosk/core/tickets/ticket_issuer.hpp"
#include "tools/uketsuke/cli.hpp"

namespace uketsuke::cli {
namespace {

struct InitOptions {
    std::string name;
    std::string date;
    std::string venue;
    std::string time_zone = "Asia/Tokyo";
};

bool is_calendar_date(const std::string& text) {
    if (!std::regex_match(text, std::regex(R"(\d{4}-\d{2}-\d{2})"))) return false;
    const std::chrono::year_month_day day{
        std::chrono::year{std::stoi(text.substr(0, 4))},
        std::chrono::month{static_cast<unsigned>(std::stoi(text.substr(5, 2)))},
        std::chrono::day{static_cast<unsigned>(std::stoi(text.substr(8, 2)))}};
    return day.ok();
}

int run_init(const Context& context, const InitOptions& options) {
    context.require_event();
    if (std::filesystem::exists(context.event_path)) {
        throw UserError(kBadInput, fmt::format("{} already exists; choose another file name",
                                               context.event_path));
    }
    if (!is_known_time_zone(options.time_zone)) {
        throw UserError(
            kBadInput,
            fmt::format("--time-zone {}: not a time zone name (e.g. Asia/Tokyo, Europe/Berlin)",
                        options.time_zone));
    }
    std::string date = options.date;
    if (date.empty()) date = local_date_time(now_ms(), options.time_zone).substr(0, 10);
    if (!is_calendar_date(date)) {
        throw UserError(
            kBadInput,
            fmt::format("--date {}: not a date; write it as YYYY-MM-DD, e.g. 2026-11-30", date));
    }
    const std::string secret_path = secret_key_path_for(context.event_path);
    if (std::filesystem::exists(secret_path)) {
        throw UserError(
            kBadInput,
            fmt::format("{} already exists; move it away or choose another event file name",
                        secret_path));
    }
    EventInfo info{to_hex(random_event_id()), options.name, date, options.venue, options.time_zone};
    {
        EventStore store = EventStore::create(context.event_path, info);
        if (auto error = create_event_keys(store, secret_path, now_ms()); !error.empty()) {
            std::filesystem::remove(context.event_path);
            throw UserError(kBadInput, error);
        }
    }
    fmt::print("Created event \"{}\" ({}, {}) in {}\n", info.name, info.date, info.time_zone,
               context.event_path);
    fmt::print("Secret ticket key: {} (keep it with the organizer; never copy it to a kiosk)\n",
               secret_path);
    return kOk;
}

int run_info(const Context& context) {
    EventStore store = context.open_event(true);
    const EventInfo info = store.event();
    fmt::print("event:      {}\nid:         {}\ndate:       {}\nvenue:      {}\ntime zone:  {}\n",
               info.name, info.id, info.date, info.venue, info.time_zone);
    int cancelled = 0;
    int attended = 0;
    const auto attendance = load_attendance(store);  // checked in at any session
    for (const auto& person : store.participants()) {
        if (person.status == RegistrationStatus::Cancelled) ++cancelled;
        const auto found = attendance.find(person.id);
        if (found != attendance.end() && found->second.checked_in) ++attended;
    }
    fmt::print("people:     {} ({} cancelled)\nattended:   {}{}\n", store.participant_count(),
               cancelled, attended, store.sessions().size() > 1 ? " (at any session)" : "");
    fmt::print("groups:     {}\nticket keys: {}\n", store.groups().size(),
               store.public_keys().size());
    return kOk;
}

int run_keys_rotate(const Context& context) {
    EventStore store = context.open_event();
    const std::string secret_path = secret_key_path_for(context.event_path);
    if (auto error = rotate_event_keys(store, secret_path, now_ms()); !error.empty()) {
        throw UserError(kBadInput, error);
    }
    fmt::print("New ticket key written to {}; tickets signed with older keys stay valid.\n",
               secret_path);
    fmt::print("Copy the event file to the kiosks again so they accept the new key.\n");
    return kOk;
}

int run_keys_list(const Context& context) {
    EventStore store = context.open_event(true);
    for (const auto& key : store.public_keys()) fmt::print("{}\n", key);
    return kOk;
}

}  // namespace

void add_event_commands(CLI::App& app, Context& context) {
    auto options = std::make_shared<InitOptions>();
    auto* init = app.add_subcommand("init", "Create a new event file and its ticket keys");
    init->add_option("--name", options->name, "Event name")->required();
    init->add_option("--date", options->date, "Event date, YYYY-MM-DD (default: today)");
    init->add_option("--venue", options->venue, "Venue");
    init->add_option("--time-zone", options->time_zone, "IANA time zone (default Asia/Tokyo)");
    on_run(init, context, [&context, options] { return run_init(context, *options); });

    auto* info = app.add_subcommand("info", "Show the event's name, date, counts");
    on_run(info, context, [&context] { return run_info(context); });

    auto* keys = app.add_subcommand("keys", "Ticket signing keys");
    keys->require_subcommand(1);
    auto* rotate =
        keys->add_subcommand("rotate", "Make a new signing key; older tickets stay valid");
    on_run(rotate, context, [&context] { return run_keys_rotate(context); });
    auto* list = keys->add_subcommand("list", "Print the public keys the kiosks accept");
    on_run(list, context, [&context] { return run_keys_list(context); });
}

}  // namespace uketsuke::cli
