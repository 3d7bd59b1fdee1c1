#pragma once
// The kiosk program once its configuration is read: start-up (the event, the window, fonts,
// pictures, sound), then the main loop (kiosk_loop.hpp), which sleeps until something happens
// (a camera frame, a scan, a tap, a check-in result, or the flow's next timer) instead of
// redrawing at 60 fps.

#include <chrono>
#include <string>

#include "kiosk/app/config.hpp"

namespace uketsuke::app {

struct RunOptions {
    KioskConfig config;
    std::string events_out;             // JSON lines of screens, scans and results
    std::string screenshot_dir;         // a PNG of every new screen
    double exit_after_seconds = 0;      // 0: run until closed
    double exit_when_idle_seconds = 0;  // file source finished and nothing happened for this long
    std::string script_path;  // a tap script (kiosk/ui/views/tap_script.hpp) to drive the window
    std::chrono::steady_clock::time_point process_start = std::chrono::steady_clock::now();
};

int run_kiosk(const RunOptions& options);

}  // namespace uketsuke::app
