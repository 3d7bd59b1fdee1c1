#include "kiosk/app/kiosk_app.hpp"

#include <fmt/format.h>

#include <chrono>
#include <filesystem>
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
#include "kiosk/core/store/schema.hpp"
#include "kiosk/image/image.hpp"
#include "kiosk/ui/screens/start_problem.hpp"
#include "kiosk/ui/views/start_problem_view.hpp"
#include "kiosk/ui/views/tap_script.hpp"
#include "platform/fonts.hpp"
#include "platform/window.hpp"

namespace uketsuke::app {
namespace {

struct StartFailed {
    int exit_code = 0;  // already explained on stderr
};

// Everything start-up reads from the event file, read in one place: a damaged file fails here
// as one message rather than aborting half-way through the start.
struct EventReads {
    EventInfo event;
    std::string glyphs;
    std::string table_labels;
    std::optional<FloorMap> floor_map;
    std::int64_t arrived = 0;
    std::vector<Session> sessions;
};

ui::StartProblem start_problem(const std::string& file, ui::StartProblemKind kind,
                               std::string detail) {
    return ui::StartProblem{kind, file, std::move(detail)};
}

ui::StartProblemKind kind_of(sql::Problem problem) {
    switch (problem) {
        case sql::Problem::Damaged:
            return ui::StartProblemKind::Damaged;
        case sql::Problem::CannotOpen:
        case sql::Problem::ReadOnly:
            return ui::StartProblemKind::CannotOpen;
        case sql::Problem::DiskError:
        case sql::Problem::DiskFull:
            return ui::StartProblemKind::DiskError;
        case sql::Problem::Other:
            break;
    }
    return ui::StartProblemKind::Other;
}

Result<EventReads, ui::StartProblem> read_event(const KioskConfig& config,
                                                const ui::Strings& strings) {
    const std::string& file = config.event_file;
    std::error_code ignored;
    if (!std::filesystem::exists(file, ignored)) {
        return start_problem(file, ui::StartProblemKind::Missing, file + ": no such event file");
    }
    try {
        sql::check_not_cut_short(file);
        EventStore store = EventStore::open(file, true);
        EventReads reads;
        reads.event = store.event();
        reads.glyphs = glyph_text(strings, store, config);
        for (const auto& group : store.groups()) reads.table_labels += group.table_label;
        reads.floor_map = load_floor_map(store);
        reads.arrived = arrived_now(store, wall_clock_ms(), config.room);
        reads.sessions = store.sessions();
        return reads;
    } catch (const SchemaError& error) {
        return start_problem(file, ui::StartProblemKind::NotAnEvent, error.what());
    } catch (const sql::DatabaseError& error) {
        return start_problem(file, kind_of(error.problem()), error.what());
    } catch (const std::exception& error) {
        return start_problem(file, ui::StartProblemKind::Other, error.what());
    }
}

Result<std::unique_ptr<platform::Window>, StartFailed> open_window(const KioskConfig& config,
                                                                   const std::string& title) {
    platform::WindowOptions window_options;
    window_options.title = title;
    window_options.fullscreen = config.fullscreen;
    window_options.width = config.window_width;
    window_options.height = config.window_height;
    window_options.renderer = config.renderer == "opengl"     ? platform::Renderer::OpenGL
                              : config.renderer == "software" ? platform::Renderer::Software
                                                              : platform::Renderer::Automatic;
    auto opened = platform::Window::open(window_options);
    if (!opened) {
        warn(opened.error().message);
        return StartFailed{5};
    }
    if (!opened.value()->notice().empty()) warn(opened.value()->notice());
    return std::move(opened).value();
}

bool past_exit_after(const RunOptions& options) {
    return options.exit_after_seconds > 0 &&
           std::chrono::steady_clock::now() - options.process_start >
               std::chrono::duration<double>(options.exit_after_seconds);
}

// A kiosk that cannot run says so on its screen and stays up (under systemd an exit is a
// restart every two seconds with nothing on screen), trying the event file again every few
// seconds, so a fresh copy put in its place starts the kiosk by itself. Returns the reads once
// the file can be read, or nothing when the window closes or --exit-after is reached.
std::optional<EventReads> show_start_problem(platform::Window& window, const ui::Strings& strings,
                                             ui::StartProblem problem, const RunOptions& options,
                                             EventsLog& log) {
    constexpr auto kRetry = std::chrono::seconds(3);
    FontAtlasText atlas;
    atlas.font = platform::find_japanese_font("Noto Sans CJK JP:lang=ja");
    std::string shown_kind;
    ui::StartProblemView view;
    int screenshots = 0;
    int frames_to_draw = 0;
    auto next_try = std::chrono::steady_clock::now() + kRetry;
    for (;;) {
        const std::string kind(ui::to_string(problem.kind));
        if (kind != shown_kind || view.detail != problem.detail) {
            shown_kind = kind;
            view = ui::build_start_problem_view(problem, strings);
            warn(problem.detail);
            log.write({{"type", "screen"}, {"screen", "start_problem." + kind}});
            log.write({{"type", "start_problem"},
                       {"kind", kind},
                       {"file", problem.file},
                       {"message", problem.detail}});
            atlas.glyphs.clear();
            for (const auto& text : ui::all_texts(view)) atlas.glyphs += text;
            atlas.build(window);
            frames_to_draw = 2;
        }
        if (frames_to_draw > 0 || window.fonts_need_rebuild()) {
            if (window.fonts_need_rebuild()) atlas.build(window);
            window.begin_frame();
            const auto& fonts = window.fonts();
            ui::draw_start_problem(view,
                                   ui::ViewFonts{fonts.small, fonts.body, fonts.large, fonts.huge});
            // The second frame is the settled one.
            if (frames_to_draw == 1 && !options.screenshot_dir.empty()) {
                const std::string path =
                    (std::filesystem::path(options.screenshot_dir) /
                     fmt::format("{:03d}-start_problem.{}.png", screenshots++, shown_kind))
                        .string();
                window.request_screenshot(path);
                log.write({{"type", "screenshot"}, {"file", path}});
            }
            window.end_frame();
            --frames_to_draw;
        }
        const int timeout_ms = frames_to_draw > 0 ? 0 : 250;
        if (!window.wait_and_process_events(timeout_ms) || past_exit_after(options)) {
            return std::nullopt;
        }
        if (window.take_input_seen()) frames_to_draw = std::max(frames_to_draw, 1);
        if (std::chrono::steady_clock::now() >= next_try) {
            next_try = std::chrono::steady_clock::now() + kRetry;
            Result<EventReads, ui::StartProblem> again = read_event(options.config, strings);
            if (again) {
                log.write({{"type", "start_problem"}, {"resolved", true}});
                return std::move(again).value();
            }
            problem = std::move(again).error();
        }
    }
}

// The event as it is now, the window with its fonts and pictures, and the sound device; the
// event file is closed again before the loop starts its workers. A kiosk that cannot read its
// event file shows why until it can.
Result<KioskStart, StartFailed> open_kiosk(const RunOptions& options, EventsLog& log) {
    const KioskConfig& config = options.config;
    KioskStart start;
    ui::StringsLoad strings = ui::load_strings(strings_directory());
    for (const auto& problem : strings.problems) warn(problem);
    start.strings = std::move(strings.strings);

    Result<EventReads, ui::StartProblem> read = read_event(config, start.strings);
    auto opened =
        open_window(config, read ? "Uketsuke — " + read.value().event.name : "Uketsuke 受付");
    if (!opened) {
        if (!read) warn(read.error().detail);
        return opened.error();
    }
    start.window = std::move(opened).value();
    platform::Window& window = *start.window;
    if (!read) {
        std::optional<EventReads> recovered =
            show_start_problem(window, start.strings, std::move(read).error(), options, log);
        if (!recovered) return StartFailed{4};
        read = std::move(*recovered);
    }
    EventReads reads = std::move(read).value();
    start.event = reads.event;

    start.atlas.font = platform::find_japanese_font("Noto Sans CJK JP:lang=ja");
    if (!start.atlas.font)
        warn("no Japanese font found (install fonts-noto-cjk); Japanese text will not show");
    start.atlas.glyphs = std::move(reads.glyphs);
    start.atlas.table_labels = std::move(reads.table_labels);
    start.atlas.build(window);

    if (config.sound) {
        auto opened_audio = platform::Audio::open(static_cast<float>(config.volume));
        if (opened_audio)
            start.audio = std::move(opened_audio).value();
        else
            warn(opened_audio.error().message + " (continuing without sound)");
    }

    if (reads.floor_map) {
        if (std::optional<Picture> picture = decode_picture(reads.floor_map->bytes)) {
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
    start.arrived = reads.arrived;
    start.sessions = std::move(reads.sessions);
    return start;
}

}  // namespace

int run_kiosk(const RunOptions& options) {
    EventsLog log(options.events_out);
    Result<KioskStart, StartFailed> start = open_kiosk(options, log);
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
