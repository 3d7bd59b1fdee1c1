#pragma once
// The kiosk's TOML configuration. Every key is documented in the README. A value
// left out gets a sensible default; a bad key or value gets a message naming it,
// and only a problem the kiosk cannot run with (no event file) stops it.

#include <string>
#include <vector>

namespace uketsuke::app {

struct KioskConfig {
    std::string event_file;
    std::string kiosk_id = "A";
    std::string kiosk_name;  // shown as "kiosk B"; defaults to the id
    // checkin | leave: a kiosk at an exit records leaving (sessions that record it). Any other
    // value stops the kiosk: one recording arrivals at the exit would be worse than none.
    std::string mode = "checkin";
    // The room or hall this kiosk stands at: with several sessions open at once it takes the
    // one in its room (and those tied to no room). "" takes every room's.
    std::string room;

    bool camera_enabled = true;
    std::string camera_device;  // "" = the first capture device
    int camera_width = 1280;
    int camera_height = 720;
    std::string frames;  // a folder of PNG/JPEG frames or one image instead of a camera
    double frames_fps = 4;
    bool frames_loop = true;

    std::string
        scanner_device;  // /dev/input/eventN of a USB barcode scanner; "" = SDL keystroke bursts

    std::string language = "ja";        // ja | en
    std::string name_display = "full";  // full | given | none
    bool fullscreen = true;
    // auto | opengl | software: auto takes OpenGL where its driver is a GPU's and SDL's
    // software renderer where it is Mesa's llvmpipe/softpipe or there is none.
    std::string renderer = "auto";
    int window_width = 1280;
    int window_height = 800;
    double dim_after_seconds = 0;  // dim the attract screen after this long idle; 0 = never

    double welcome_seconds = 8;
    double problem_seconds = 10;
    double debounce_seconds = 3;

    bool sound = true;
    double volume = 0.6;

    std::string next_agenda;  // shown on the welcome screen, e.g. "10:00 開会 / Opening"
    std::string accent_colour = "#0b6e4f";
    std::string logo;  // a PNG shown on the attract screen

    // The PostgreSQL hub, "" for none: postgresql://user:password@host/db?sslmode=require.
    // The password never appears on screen or in logs.
    std::string hub;
    double sync_period_seconds = 2;

    // Name tags printed at check-in (paper/): a CUPS queue, a layout (a shipped name or a file),
    // and when: never | once (only someone with no printed tag yet, at any kiosk this file has
    // heard of) | always. "" printer: the kiosk prints nothing, whatever on_checkin says.
    std::string print_printer;
    std::string print_layout = "ql-62";
    std::string print_on_checkin = "never";

    double staff_idle_seconds = 90;       // staff mode closes itself after this long untouched
    double staff_long_press_seconds = 2;  // holding a screen corner this long opens staff mode
};

inline bool leave_mode(const KioskConfig& config) { return config.mode == "leave"; }
// Whether a check-in may print a tag (the worker decides "once" against the print log).
inline bool prints_on_checkin(const KioskConfig& config) {
    return !config.print_printer.empty() && config.print_on_checkin != "never" &&
           !leave_mode(config);
}

struct ConfigLoad {
    KioskConfig config;
    std::vector<std::string> warnings;  // bad keys and values that were ignored
    std::string error;                  // fatal: the kiosk cannot start
};

ConfigLoad load_config(const std::string& path);
// Applies "key=value" overrides from the command line (e.g. kiosk.id=B).
void apply_override(ConfigLoad& load, const std::string& assignment);
std::string example_config();

}  // namespace uketsuke::app
