// uketsuke-kiosk: the fullscreen self check-in kiosk.

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "kiosk/app/config.hpp"
#include "kiosk/app/demo_frames.hpp"
#include "kiosk/app/kiosk_app.hpp"
#include "kiosk/core/demo/demo.hpp"
#include "kiosk/core/store/hlc.hpp"
#include "platform/device_list.hpp"
#include "platform/v4l2_camera.hpp"
#include "uketsuke_version.hpp"

namespace {

// The first few demo tickets, from the mail-merge list the demo wrote.
std::vector<std::string> demo_payloads(const std::filesystem::path& tickets_csv,
                                       std::size_t count) {
    std::vector<std::string> payloads;
    std::ifstream in(tickets_csv);
    std::string line;
    std::getline(in, line);  // header
    while (payloads.size() < count && std::getline(in, line)) {
        std::stringstream fields(line);
        std::string field;
        for (int column = 0; column < 4 && std::getline(fields, field, ','); ++column) {
        }
        if (field.rfind("UK1:", 0) == 0) payloads.push_back(field);
    }
    return payloads;
}

}  // namespace

namespace {

int run_main(int argc, char** argv) {
    using namespace uketsuke;
    const auto process_start = std::chrono::steady_clock::now();
    CLI::App cli{"uketsuke-kiosk — the self check-in kiosk", "uketsuke-kiosk"};
    std::string config_path;
    std::string demo_dir;
    bool demo = false;
    std::string windowed;
    std::vector<std::string> overrides;
    app::RunOptions run;
    bool print_example = false;
    bool list_devices = false;
    cli.add_option("--config,-c", config_path, "TOML configuration file");
    cli.add_flag("--demo", demo, "Create the demo event if missing and run on it");
    cli.add_option("--demo-dir", demo_dir, "Folder of the demo event (default: ./demo-event)");
    cli.add_option("--windowed", windowed, "Run in a window of WxH pixels, e.g. 1280x800");
    cli.add_option("--set", overrides, "Override a setting: key=value (e.g. kiosk.id=B)");
    cli.add_option("--events-out", run.events_out,
                   "Write one JSON line per screen, scan and result");
    cli.add_option("--screenshot-dir", run.screenshot_dir, "Write a PNG of each new screen");
    cli.add_option("--exit-after", run.exit_after_seconds,
                   "Quit after this many seconds (tests, benchmarks)");
    cli.add_option(
        "--exit-when-idle", run.exit_when_idle_seconds,
        "Quit once a file frame source has played through and nothing happened for this long");
    cli.add_option("--script", run.script_path,
                   "Drive the window with a tap script (tap LABEL, hold X Y S, type TEXT, scan, "
                   "shot, wait, exit)");
    cli.add_flag("--print-example-config", print_example,
                 "Print a commented example configuration");
    cli.add_flag("--list-devices", list_devices,
                 "List the cameras with their formats and the input devices that may be barcode "
                 "scanners, with the configuration lines naming them");
    cli.set_version_flag("--version", version_text("uketsuke-kiosk"),
                         "Print the version and the schema versions it reads");
    CLI11_PARSE(cli, argc, argv);
    if (print_example) {
        std::fputs(app::example_config().c_str(), stdout);
        return 0;
    }
    if (list_devices) {
        std::fputs(platform::format_device_list(platform::list_video_devices(),
                                                platform::list_input_devices())
                       .c_str(),
                   stdout);
        return 0;
    }

    app::ConfigLoad load = app::load_config(config_path);
    if (!load.error.empty()) {
        std::fprintf(stderr, "uketsuke-kiosk: %s\n", load.error.c_str());
        return 2;
    }
    for (const auto& assignment : overrides) app::apply_override(load, assignment);
    if (!load.error.empty()) {  // an override that cannot run (kiosk.mode=exit)
        std::fprintf(stderr, "uketsuke-kiosk: %s\n", load.error.c_str());
        return 2;
    }
    for (const auto& warning : load.warnings)
        std::fprintf(stderr, "uketsuke-kiosk: %s\n", warning.c_str());
    run.config = load.config;
    run.process_start = process_start;

    if (!windowed.empty()) {
        int w = 0, h = 0;
        if (std::sscanf(windowed.c_str(), "%dx%d", &w, &h) != 2 || w < 320 || h < 240) {
            std::fprintf(stderr,
                         "uketsuke-kiosk: --windowed %s: write it as WIDTHxHEIGHT, e.g. 1280x800\n",
                         windowed.c_str());
            return 2;
        }
        run.config.fullscreen = false;
        run.config.window_width = w;
        run.config.window_height = h;
    }

    if (demo) {
        const std::filesystem::path dir = demo_dir.empty() ? std::filesystem::path("demo-event")
                                                           : std::filesystem::path(demo_dir);
        DemoOptions options;
        options.dir = dir;
        options.wall_ms = wall_clock_ms();
        const DemoResult created = create_demo_event(options);
        if (!created) {
            std::fprintf(stderr, "uketsuke-kiosk: %s\n", created.error.c_str());
            return 3;
        }
        run.config.event_file = created.event_file.string();
        // With a camera the demo scans real tickets (show one on a phone); without one it
        // plays frames of demo tickets so check-ins happen on screen.
        if (run.config.frames.empty() &&
            (!run.config.camera_enabled || platform::find_capture_device().empty())) {
            const auto frames = dir / "frames";
            const auto error = app::write_demo_frames(
                frames, demo_payloads(created.tickets_dir / "tickets.csv", 6));
            if (!error.empty())
                std::fprintf(stderr, "uketsuke-kiosk: demo frames: %s\n", error.c_str());
            run.config.frames = frames.string();
        }
        fmt::print("Demo event: {}\nTickets to show the camera: {}\n", created.event_file.string(),
                   created.tickets_dir.string());
    }
    if (run.config.event_file.empty()) {
        std::fprintf(stderr,
                     "uketsuke-kiosk: no event file: set `event = \"…\"` in the configuration, "
                     "--set event=FILE, or run with --demo\n");
        return 2;
    }
    return app::run_kiosk(run);
}

}  // namespace

// Nothing may end the kiosk unexplained: what reaches here is said on stderr (the journal,
// under systemd) before the exit.
int main(int argc, char** argv) {
    try {
        return run_main(argc, argv);
    } catch (const std::exception& error) {
        std::fprintf(stderr, "uketsuke-kiosk: unexpected error: %s\n", error.what());
    } catch (...) {
        std::fputs("uketsuke-kiosk: unexpected error of an unknown kind\n", stderr);
    }
    return 5;
}
