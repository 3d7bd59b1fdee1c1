// demo: a realistic synthetic event to try everything on.

#include <fmt/format.h>

#include "kiosk/core/demo/demo.hpp"
#include "tools/uketsuke/cli.hpp"

namespace uketsuke::cli {
namespace {

int run_demo(const std::string& dir, int arrivals) {
    DemoOptions options;
    options.dir = dir;
    options.arrivals = arrivals;
    options.wall_ms = now_ms();
    const DemoResult result = create_demo_event(options);
    if (!result) throw UserError(kBadInput, result.error);
    fmt::print("Demo event: {}\n", result.event_file.string());
    fmt::print("  registrations: {} ({} people)\n", result.registrations_file.string(),
               result.participants);
    fmt::print("  tickets:       {} ({} QR codes, tickets.csv)\n", result.tickets_dir.string(),
               result.tickets);
    fmt::print("  secret key:    {}\n", result.secret_key_file.string());
    if (result.arrivals > 0) fmt::print("  {} arrivals simulated\n", result.arrivals);
    return kOk;
}

}  // namespace

void add_demo_command(CLI::App& app, Context& context) {
    auto dir = std::make_shared<std::string>();
    auto arrivals = std::make_shared<int>(0);
    auto* sub = app.add_subcommand(
        "demo", "Create a demo workshop: 30 people, 9 organizations, 6 groups, tickets");
    sub->add_option("dir", *dir, "Folder for the demo event")->required();
    sub->add_option("--arrivals", *arrivals, "Also check this many people in (a 20-minute rush)")
        ->check(CLI::Range(0, 1000));
    on_run(sub, context, [dir, arrivals] { return run_demo(*dir, *arrivals); });
    (void)context;
}

}  // namespace uketsuke::cli
