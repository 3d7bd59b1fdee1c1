#include "kiosk/app/kiosk_app.hpp"

#include <fmt/format.h>

#include <fstream>
#include <memory>
#include <sstream>

#include "kiosk/app/events_log.hpp"
#include "kiosk/app/kiosk_loop.hpp"
#include "kiosk/app/kiosk_setup.hpp"
#include "kiosk/core/checkin/checkin.hpp"
#include "kiosk/core/groups/floor_map.hpp"
#include "kiosk/core/model/result.hpp"
#include "kiosk/core/store/event_store.hpp"
#include "kiosk/image/image.hpp"
#include "kiosk/ui/views/tap_script.hpp"
#include "platform/fonts.hpp"
#include "platform/window.hpp"

namespace uketsuke::app {
namespace {

struct StartFailed {
    int exit_code = 0;  // already explained on stderr
};

// The event as it is now, the window with its fonts and pictures, and the sound device; the
// event file is closed again before the loop starts its workers.
Result<KioskStart, StartFailed> open_kiosk(const KioskConfig& config) {
    KioskStart start;
    std::unique_ptr<EventStore> store;
    try {
        store = std::make_unique<EventStore>(EventStore::open(config.event_file, true));
    } catch (const std::exception& error) {
        warn(error.what());
        return StartFailed{4};
    }
    start.event = store->event();

    ui::StringsLoad strings = ui::load_strings(strings_directory());
    for (const auto& problem : strings.problems) warn(problem);
    start.strings = std::move(strings.strings);

    platform::WindowOptions window_options;
    window_options.title = "Uketsuke — " + start.event.name;
    window_options.fullscreen = config.fullscreen;
    window_options.width = config.window_width;
    window_options.height = config.window_height;
    auto opened = platform::Window::open(window_options);
    if (!opened) {
        warn(opened.error().message);
        return StartFailed{5};
    }
    start.window = std::move(opened).value();
    platform::Window& window = *start.window;
    start.atlas.font = platform::find_japanese_font("Noto Sans CJK JP:lang=ja");
    if (!start.atlas.font)
        warn("no Japanese font found (install fonts-noto-cjk); Japanese text will not show");
    start.atlas.glyphs = glyph_text(start.strings, *store, config);
    for (const auto& group : store->groups()) start.atlas.table_labels += group.table_label;
    start.atlas.build(window);

    if (config.sound) {
        auto opened_audio = platform::Audio::open(static_cast<float>(config.volume));
        if (opened_audio)
            start.audio = std::move(opened_audio).value();
        else
            warn(opened_audio.error().message + " (continuing without sound)");
    }

    if (auto map = load_floor_map(*store)) {
        if (std::optional<Picture> picture = decode_picture(map->bytes)) {
            start.floor_map =
                ui::Picture{window.upload_rgba_texture(1, picture->rgba.data(), picture->width,
                                                       picture->height),
                            picture->width, picture->height};
        }
    }
    if (!config.logo.empty()) {
        if (const auto logo = image::read_image(config.logo, 4)) {
            const image::Image& picture = logo.value();
            start.logo = ui::Picture{window.upload_rgba_texture(2, picture.pixels().data(),
                                                                picture.width(), picture.height()),
                                     picture.width(), picture.height()};
        } else {
            warn(fmt::format("display.logo {}: not a PNG or JPEG image", config.logo));
        }
    }
    start.arrived = arrived_now(*store, wall_clock_ms());
    start.sessions = store->sessions();
    return start;
}

}  // namespace

int run_kiosk(const RunOptions& options) {
    EventsLog log(options.events_out);
    Result<KioskStart, StartFailed> start = open_kiosk(options.config);
    if (!start) return start.error().exit_code;
    KioskLoop loop(options, log, std::move(start).value());
    if (!options.script_path.empty()) {
        std::ifstream in(options.script_path);
        std::stringstream text;
        text << in.rdbuf();
        ui::ScriptLoad load = ui::parse_tap_script(text.str(), options.script_path);
        if (!in || !load.error.empty()) {
            warn(load.error.empty() ? "cannot read the tap script " + options.script_path
                                    : load.error);
            return 2;
        }
        loop.follow_script(std::make_unique<ui::TapScript>(std::move(load.commands)));
    }
    return loop.run();
}

}  // namespace uketsuke::app
