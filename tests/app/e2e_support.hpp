#pragma once
// Shared by the kiosk's end-to-end tests: the environment the real window runs in under
// Xvfb, reading its events log, and telling a real picture from a blank one.

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "kiosk/image/image.hpp"

namespace uketsuke::testing {

inline bool have_xvfb() { return std::filesystem::exists("/usr/bin/Xvfb"); }

// The start of a command line that runs a program under its own Xvfb (tests/app/with_xvfb.sh:
// Xvfb picks a free display itself, so tests run side by side; not xvfb-run, whose start-up
// can miss Xvfb's ready signal and wait forever).
inline std::vector<std::string> xvfb_run(const std::string& screen = "1280x720x24") {
    return {"/bin/sh", UKETSUKE_SOURCE_DIR "/tests/app/with_xvfb.sh", screen};
}

// `command` under its own Xvfb (see xvfb_run).
inline std::vector<std::string> with_xvfb(const std::vector<std::string>& command) {
    std::vector<std::string> argv = xvfb_run();
    argv.insert(argv.end(), command.begin(), command.end());
    return argv;
}

// Under the sanitizer build the graphics stack (Mesa's dlopen'ed driver, libX11, dbus,
// fontconfig) keeps allocations until exit by design; leak checking of our own code is
// done by the core, CLI and kiosk unit tests, which run without a display.
inline std::vector<std::string> kiosk_environment() {
    return {"SDL_AUDIODRIVER=dummy", "LIBGL_ALWAYS_SOFTWARE=1", "ASAN_OPTIONS=detect_leaks=0"};
}

struct Luminance {
    double mean = 0;
    double deviation = 0;
};

inline Luminance luminance_of(const std::filesystem::path& png) {
    const auto read = image::read_image(png, 1);
    if (!read) return {};
    const auto pixels = read.value().pixels();
    double sum = 0, squares = 0;
    const std::size_t count = pixels.size();
    for (std::size_t i = 0; i < count; ++i) {
        sum += pixels[i];
        squares += static_cast<double>(pixels[i]) * pixels[i];
    }
    const double mean = sum / static_cast<double>(count);
    return Luminance{mean, std::sqrt(squares / static_cast<double>(count) - mean * mean)};
}

inline std::vector<nlohmann::json> read_events(const std::filesystem::path& path) {
    std::vector<nlohmann::json> events;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) events.push_back(nlohmann::json::parse(line));
    return events;
}

}  // namespace uketsuke::testing
