#include "kiosk/app/config.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <functional>
#include <map>
#include <sstream>

namespace uketsuke::app {
namespace {

using Setter = std::function<std::string(const toml::node&)>;  // returns an error, "" when fine

Setter text(std::string& target, std::vector<std::string> allowed = {}) {
    return [&target, allowed](const toml::node& node) -> std::string {
        auto value = node.value<std::string>();
        if (!value) return "should be text in quotes";
        if (!allowed.empty() &&
            std::find(allowed.begin(), allowed.end(), *value) == allowed.end()) {
            return fmt::format("should be one of: {}", fmt::join(allowed, ", "));
        }
        target = *value;
        return {};
    };
}

Setter number(double& target, double low, double high) {
    return [&target, low, high](const toml::node& node) -> std::string {
        auto value = node.value<double>();
        if (!value || *value < low || *value > high)
            return fmt::format("should be a number from {} to {}", low, high);
        target = *value;
        return {};
    };
}

Setter integer(int& target, int low, int high) {
    return [&target, low, high](const toml::node& node) -> std::string {
        auto value = node.value<std::int64_t>();
        if (!value || *value < low || *value > high)
            return fmt::format("should be a whole number from {} to {}", low, high);
        target = static_cast<int>(*value);
        return {};
    };
}

Setter flag(bool& target) {
    return [&target](const toml::node& node) -> std::string {
        auto value = node.value<bool>();
        if (!value) return "should be true or false";
        target = *value;
        return {};
    };
}

std::map<std::string, Setter> setters(KioskConfig& c) {
    return {
        {"event", text(c.event_file)},
        {"kiosk.id", text(c.kiosk_id)},
        {"kiosk.name", text(c.kiosk_name)},
        {"kiosk.mode", text(c.mode, {"checkin", "leave"})},
        {"kiosk.room", text(c.room)},
        {"camera.enabled", flag(c.camera_enabled)},
        {"camera.device", text(c.camera_device)},
        {"camera.width", integer(c.camera_width, 160, 4096)},
        {"camera.height", integer(c.camera_height, 120, 4096)},
        {"camera.frames", text(c.frames)},
        {"camera.frames_fps", number(c.frames_fps, 0.1, 120)},
        {"camera.frames_loop", flag(c.frames_loop)},
        {"scanner.device", text(c.scanner_device)},
        {"display.language", text(c.language, {"ja", "en"})},
        {"display.name", text(c.name_display, {"full", "given", "none"})},
        {"display.fullscreen", flag(c.fullscreen)},
        {"display.renderer", text(c.renderer, {"auto", "opengl", "software"})},
        {"display.width", integer(c.window_width, 320, 8192)},
        {"display.height", integer(c.window_height, 240, 8192)},
        {"display.dim_after_seconds", number(c.dim_after_seconds, 0, 86400)},
        {"display.next_agenda", text(c.next_agenda)},
        {"display.accent_colour", text(c.accent_colour)},
        {"display.logo", text(c.logo)},
        {"timeouts.welcome_seconds", number(c.welcome_seconds, 1, 600)},
        {"timeouts.problem_seconds", number(c.problem_seconds, 1, 600)},
        {"timeouts.debounce_seconds", number(c.debounce_seconds, 0, 60)},
        {"sound.enabled", flag(c.sound)},
        {"sound.volume", number(c.volume, 0, 1)},
        {"hub", text(c.hub)},
        {"sync.period_seconds", number(c.sync_period_seconds, 0.5, 3600)},
        {"print.printer", text(c.print_printer)},
        {"print.layout", text(c.print_layout)},
        {"print.on_checkin", text(c.print_on_checkin, {"never", "once", "always"})},
        {"staff.idle_seconds", number(c.staff_idle_seconds, 10, 3600)},
        {"staff.long_press_seconds", number(c.staff_long_press_seconds, 1, 10)},
    };
}

// Settings whose bad value stops the kiosk rather than falling back to the default.
bool fatal(const std::string& key) { return key == "kiosk.mode"; }

void walk(const toml::table& table, const std::string& prefix, std::map<std::string, Setter>& known,
          ConfigLoad& load, const std::string& path) {
    for (const auto& [key, node] : table) {
        const std::string name =
            prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
        if (const auto* inner = node.as_table()) {
            walk(*inner, name, known, load, path);
            continue;
        }
        const auto& source = node.source();
        const std::string where =
            fmt::format("{}:{}:{}", path, source.begin.line, source.begin.column);
        auto setter = known.find(name);
        if (setter == known.end()) {
            load.warnings.push_back(fmt::format("{}: unknown setting \"{}\" ignored", where, name));
            continue;
        }
        if (auto problem = setter->second(node); !problem.empty()) {
            if (fatal(name)) {
                load.error = fmt::format("{}: \"{}\" {}", where, name, problem);
                continue;
            }
            load.warnings.push_back(
                fmt::format("{}: \"{}\" {}; using the default", where, name, problem));
        }
    }
}

}  // namespace

ConfigLoad load_config(const std::string& path) {
    ConfigLoad load;
    if (path.empty()) return load;
    toml::table parsed;
    try {
        parsed = toml::parse_file(path);
    } catch (const toml::parse_error& error) {
        // Debian's toml++ reports syntax errors by exception.
        load.error = fmt::format("{}:{}:{}: {}", path, error.source().begin.line,
                                 error.source().begin.column, error.description());
        return load;
    }
    auto known = setters(load.config);
    walk(parsed, "", known, load, path);
    return load;
}

void apply_override(ConfigLoad& load, const std::string& assignment) {
    const auto equals = assignment.find('=');
    if (equals == std::string::npos) {
        load.warnings.push_back(fmt::format("--set {}: write it as key=value", assignment));
        return;
    }
    const std::string key = assignment.substr(0, equals);
    std::string value = assignment.substr(equals + 1);
    // Parse the value as TOML so numbers and booleans keep their types; bare words are text.
    toml::table parsed;
    try {
        parsed = toml::parse("v = " + value);
    } catch (const toml::parse_error&) {
        try {
            parsed = toml::parse("v = \"" + value + "\"");
        } catch (const toml::parse_error&) {
            load.warnings.push_back(fmt::format("--set {}: cannot read the value", key));
            return;
        }
    }
    auto known = setters(load.config);
    auto setter = known.find(key);
    if (setter == known.end()) {
        load.warnings.push_back(fmt::format("--set {}: unknown setting", key));
        return;
    }
    if (auto problem = setter->second(*parsed.get("v")); !problem.empty()) {
        if (fatal(key)) {
            load.error = fmt::format("--set {}: {}", key, problem);
            return;
        }
        load.warnings.push_back(fmt::format("--set {}: {}", key, problem));
    }
}

std::string example_config() {
    return R"(# Uketsuke kiosk configuration (TOML). Every key is optional except `event`.
event = "/var/lib/uketsuke/event.db"   # the event file copied from the organizer
hub = ""             # optional PostgreSQL hub, e.g. "postgresql://kiosk:secret@10.0.0.2/event?sslmode=require"

[kiosk]
id = "A"             # recorded with every check-in; unique per kiosk
name = "受付A"        # shown as "checked in at kiosk …"
mode = "checkin"     # checkin | leave (a kiosk at an exit records leaving)
room = ""            # the room it stands at, as the sessions name it; "" = every room

[camera]
enabled = true
device = ""          # "" = the first camera, or e.g. "/dev/video0"
width = 1280
height = 720
frames = ""          # a folder of PNG/JPEG frames (or one image) instead of a camera
frames_fps = 4
frames_loop = true

[scanner]
device = ""          # e.g. "/dev/input/by-id/usb-…-event-kbd"; "" = keystroke bursts

[display]
language = "ja"      # ja | en
name = "full"        # full | given | none
fullscreen = true
dim_after_seconds = 0  # dim the attract screen after this long with nobody there; 0 = never
renderer = "auto"    # auto | opengl | software (auto: software when OpenGL is Mesa's llvmpipe or absent)
next_agenda = ""     # e.g. "10:00 開会 / Opening"
accent_colour = "#0b6e4f"
logo = ""

[timeouts]
welcome_seconds = 8
problem_seconds = 10
debounce_seconds = 3

[sound]
enabled = true
volume = 0.6

[sync]
period_seconds = 2   # how often to sync with the hub (and right after each check-in)

[print]
printer = ""         # a CUPS queue for name tags at check-in, e.g. "QL-820NWB"; "" prints nothing
layout = "ql-62"     # card-91x55 | ql-62 | ql-62x100 | a6, or a layout file
on_checkin = "never" # never | once (only if this person has no printed tag yet) | always

[staff]
idle_seconds = 90            # staff mode closes itself after this long untouched
long_press_seconds = 2       # hold a screen corner this long to open staff mode
)";
}

}  // namespace uketsuke::app
