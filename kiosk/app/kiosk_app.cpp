#include "kiosk/app/kiosk_app.hpp"

#include <fmt/format.h>
#include <imgui.h>
#include <stb_image.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "kiosk/app/checkin_worker.hpp"
#include "kiosk/app/events_log.hpp"
#include "kiosk/app/kiosk_setup.hpp"
#include "kiosk/app/staff_session.hpp"
#include "kiosk/core/groups/floor_map.hpp"
#include "kiosk/core/model/local_time.hpp"
#include "kiosk/core/staff/staff.hpp"
#include "kiosk/core/store/event_store.hpp"
#include "kiosk/core/store/hlc.hpp"
#include "kiosk/core/sync/hub_syncer.hpp"
#include "kiosk/ui/screens/flow.hpp"
#include "kiosk/ui/screens/strings.hpp"
#include "kiosk/ui/views/staff_view.hpp"
#include "kiosk/ui/views/tap_script.hpp"
#include "kiosk/ui/views/view.hpp"
#include "kiosk/ui/views/widgets.hpp"
#include "platform/audio.hpp"
#include "platform/fonts.hpp"
#include "platform/keyboard_scanner.hpp"
#include "platform/scanner.hpp"
#include "platform/window.hpp"

namespace uketsuke::app {
namespace {

using Clock = std::chrono::system_clock;

ui::Instant now_instant() {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(Clock::now());
}

void warn(const std::string& message) {
    std::fprintf(stderr, "uketsuke-kiosk: %s\n", message.c_str());
}

}  // namespace

int run_kiosk(const RunOptions& options) {
    const auto started = options.process_start;
    const KioskConfig& config = options.config;
    EventsLog log(options.events_out);

    std::unique_ptr<EventStore> store;
    try {
        store = std::make_unique<EventStore>(EventStore::open(config.event_file, true));
    } catch (const std::exception& error) {
        warn(error.what());
        return 4;
    }
    const EventInfo event = store->event();

    ui::StringsLoad strings = ui::load_strings(strings_directory());
    for (const auto& problem : strings.problems) warn(problem);

    platform::WindowOptions window_options;
    window_options.title = "Uketsuke — " + event.name;
    window_options.fullscreen = config.fullscreen;
    window_options.width = config.window_width;
    window_options.height = config.window_height;
    std::string error;
    auto window = platform::Window::open(window_options, &error);
    if (!window) {
        warn(error);
        return 5;
    }
    const auto font = platform::find_japanese_font("Noto Sans CJK JP:lang=ja");
    if (!font) warn("no Japanese font found (install fonts-noto-cjk); Japanese text will not show");
    std::string glyphs = glyph_text(strings.strings, *store, config);
    std::string table_labels;
    for (const auto& group : store->groups()) table_labels += group.table_label;
    auto build_fonts = [&] {
        if (font &&
            !window->build_fonts(font->path, font->face_index, glyphs, table_labels, &error))
            warn(error);
    };
    build_fonts();

    std::unique_ptr<platform::Audio> audio;
    if (config.sound) {
        audio = platform::Audio::open(static_cast<float>(config.volume), &error);
        if (!audio) warn(error + " (continuing without sound)");
    }

    ui::Picture floor_map;
    std::optional<Picture> map_picture;
    if (auto map = load_floor_map(*store)) {
        map_picture = decode_picture(map->bytes);
        if (map_picture) {
            floor_map =
                ui::Picture{window->upload_rgba_texture(1, map_picture->rgba.data(),
                                                        map_picture->width, map_picture->height),
                            map_picture->width, map_picture->height};
        }
    }
    ui::Picture logo;
    if (!config.logo.empty()) {
        int w = 0, h = 0, channels = 0;
        if (unsigned char* pixels = stbi_load(config.logo.c_str(), &w, &h, &channels, 4)) {
            logo = ui::Picture{window->upload_rgba_texture(2, pixels, w, h), w, h};
            stbi_image_free(pixels);
        } else {
            warn(fmt::format("display.logo {}: not a PNG or JPEG image", config.logo));
        }
    }
    const std::int64_t arrived_at_start = store->arrived_count();
    store.reset();  // the worker has its own connection; this one was for start-up only

    CheckinWorker worker(config.event_file, config.kiosk_id, config.next_agenda,
                         platform::Window::wake);
    std::unique_ptr<HubSyncer> syncer;
    std::uint64_t sync_changes_seen = 0;
    bool sync_connected = false;
    if (!config.hub.empty()) {
        HubSyncerOptions sync_options;
        sync_options.event_path = config.event_file;
        sync_options.conninfo = config.hub;
        sync_options.kiosk_id = config.kiosk_id;
        sync_options.period =
            std::chrono::milliseconds(static_cast<std::int64_t>(config.sync_period_seconds * 1000));
        sync_options.on_change = platform::Window::wake;
        syncer = std::make_unique<HubSyncer>(std::move(sync_options));
    }

    // The camera follows `live`, which staff may change in the settings (camera choice).
    KioskConfig live = config;
    std::unique_ptr<platform::CameraScanner> camera = make_camera(live);
    std::unique_ptr<platform::EvdevScanner> evdev;
    if (!config.scanner_device.empty()) {
        platform::EvdevScannerOptions evdev_options;
        evdev_options.device = config.scanner_device;
        evdev_options.wake = platform::Window::wake;
        evdev = std::make_unique<platform::EvdevScanner>(evdev_options);
    }
    platform::BurstDetector bursts;

    ui::FlowStep flow = ui::start_flow(flow_config(config, event), now_instant());
    std::vector<ui::Effect> effects = std::move(flow.effects);
    ui::FlowState state = std::move(flow.state);

    const std::uint32_t accent = ui::parse_colour(config.accent_colour).value_or(0xFF4F6E0B);
    ui::Picture preview;
    bool code_in_view = false;
    bool camera_ok = true;
    bool first_frame = true;
    int frames_to_draw = 2;  // ImGui needs a frame after input to settle hover/active states
    std::string pending_screenshot;
    int screenshot_count = 0;
    auto last_activity = std::chrono::steady_clock::now();
    bool running = true;

    auto feed = [&](const ui::FlowEvent& event_in) {
        ui::FlowStep next = ui::step(std::move(state), event_in, now_instant());
        state = std::move(next.state);
        for (auto& effect : next.effects) effects.push_back(std::move(effect));
    };
    feed(ui::ArrivedCountChanged{arrived_at_start});

    // Staff mode: settings changed there apply to the running kiosk at once.
    StaffHooks hooks;
    hooks.current_settings = [&] {
        ui::StaffSettings settings;
        settings.language = state.language;
        settings.sound = !state.config.mute;
        settings.name_display = state.config.name_display;
        settings.camera_device = live.camera_device;
        return settings;
    };
    hooks.apply_settings = [&](const ui::StaffSettings& settings) {
        state.config.default_language = settings.language;
        state.language = settings.language;
        state.config.name_display = settings.name_display;
        state.config.mute = !settings.sound;
        if (settings.sound && !audio) {  // the kiosk started muted: open the sound device now
            std::string audio_error;
            audio = platform::Audio::open(static_cast<float>(live.volume), &audio_error);
            if (!audio) warn(audio_error);
        }
        if (settings.camera_device != live.camera_device) {
            live.camera_device = settings.camera_device;
            camera.reset();  // stops the old device before the new one opens
            camera = make_camera(live);
            preview = ui::Picture{};
        }
        log.write({{"type", "settings"},
                   {"language", std::string(ui::language_code(settings.language))},
                   {"sound", settings.sound},
                   {"name_display", std::string(ui::to_string(settings.name_display))},
                   {"camera", settings.camera_device}});
    };
    StaffSession staff(config, platform::Window::wake, hooks);
    std::string staff_screen;
    const float long_press_seconds = static_cast<float>(config.staff_long_press_seconds);

    std::unique_ptr<ui::TapScript> script;
    int exit_code = 0;
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
        script = std::make_unique<ui::TapScript>(std::move(load.commands));
    }
    std::vector<platform::ScanEvent> scripted_scans;
    ui::DrawnButtons drawn;  // what the tap script can find on the screen

    while (running) {
        // Carry out what the flow asked for.
        ui::Instant wake_at = ui::next_wake(state);
        if (const auto staff_wake = staff.next_wake()) wake_at = std::min(wake_at, *staff_wake);
        for (const auto& effect : effects) {
            if (const auto* submit = std::get_if<ui::SubmitScan>(&effect)) {
                worker.submit(*submit);
            } else if (const auto* sound = std::get_if<ui::PlaySound>(&effect)) {
                if (audio) audio->play(tone_for(sound->sound));
            } else if (const auto* changed = std::get_if<ui::ScreenChanged>(&effect)) {
                log.write({{"type", "screen"}, {"screen", changed->name}});
                if (!options.screenshot_dir.empty()) {
                    pending_screenshot =
                        (std::filesystem::path(options.screenshot_dir) /
                         fmt::format("{:03d}-{}.png", screenshot_count++, changed->name))
                            .string();
                }
                frames_to_draw = std::max(frames_to_draw, 2);
            } else if (std::holds_alternative<ui::RequestRedraw>(effect)) {
                frames_to_draw = std::max(frames_to_draw, 1);
            } else if (const auto* wake = std::get_if<ui::ScheduleWake>(&effect)) {
                wake_at = std::min(wake_at, wake->at);
            }
        }
        effects.clear();

        if (frames_to_draw > 0) {
            if (window->fonts_need_rebuild()) build_fonts();
            window->begin_frame();
            const auto& fonts = window->fonts();
            const ui::ViewFonts view_fonts{fonts.small, fonts.body, fonts.large, fonts.huge};
            std::optional<ui::Intent> intent;
            std::optional<ui::StaffIntent> staff_intent;
            if (staff.open()) {
                ui::StaffViewInputs staff_inputs;
                staff_inputs.fonts = view_fonts;
                staff_inputs.accent = accent;
                staff_inputs.strings = &strings.strings;
                staff_inputs.now = now_instant();
                staff_inputs.time_zone = event.time_zone;
                staff_inputs.drawn = &drawn;
                if (syncer) {
                    const HubSyncStatus sync = syncer->status();
                    staff_inputs.hub.hub = sync.redacted_hub;
                    staff_inputs.hub.connected = sync.connected;
                    staff_inputs.hub.waiting = sync.waiting_rows;
                    staff_inputs.hub.error = sync.error;
                    if (sync.last_success_ms > 0) {
                        staff_inputs.hub.last_sync =
                            local_hour_minute(sync.last_success_ms, event.time_zone);
                    }
                }
                staff_intent = ui::draw_staff(staff.state(), staff_inputs);
            } else {
                const ui::ScreenView view = ui::build_view(state, strings.strings);
                ui::ViewInputs inputs;
                inputs.fonts = view_fonts;
                inputs.preview = preview;
                inputs.code_in_view = code_in_view;
                inputs.floor_map = floor_map;
                inputs.logo = logo;
                inputs.accent = accent;
                inputs.drawn = &drawn;
                intent = ui::draw_screen(view, inputs);
                // A long press on a corner opens staff mode (the press began there and held).
                const ImGuiIO& io = ImGui::GetIO();
                const float corner = std::min(io.DisplaySize.x, io.DisplaySize.y) * 0.12f;
                const ImVec2 at = io.MouseClickedPos[0];
                const bool in_corner = (at.x < corner || at.x > io.DisplaySize.x - corner) &&
                                       (at.y < corner || at.y > io.DisplaySize.y - corner);
                if (io.MouseDown[0] && in_corner && io.MouseDownDuration[0] >= long_press_seconds) {
                    log.write({{"type", "staff"}, {"what", "opened by a long press"}});
                    staff.open_by_corner(now_instant());
                    intent.reset();
                    frames_to_draw = std::max(frames_to_draw, 2);
                }
            }
            // A screenshot waits for a settled frame: the second one drawn after the change.
            if (!pending_screenshot.empty() && frames_to_draw == 1) {
                window->request_screenshot(pending_screenshot);
                log.write({{"type", "screenshot"}, {"file", pending_screenshot}});
                pending_screenshot.clear();
            }
            window->end_frame();
            --frames_to_draw;
            if (first_frame) {
                first_frame = false;
                const double startup_ms = std::chrono::duration<double, std::milli>(
                                              std::chrono::steady_clock::now() - started)
                                              .count();
                const ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
                log.write({{"type", "ready"},
                           {"startup_ms", startup_ms},
                           {"width", window->width()},
                           {"height", window->height()},
                           {"atlas_width", atlas.TexWidth},
                           {"atlas_height", atlas.TexHeight},
                           {"glyph_text_bytes", glyphs.size()}});
            }
            if (intent) feed(ui::Tap{*intent});
            if (staff_intent) {
                staff.tap(*staff_intent, now_instant());
                frames_to_draw = std::max(frames_to_draw, 2);
            }
            if (script) {
                const ui::ScriptOutput step = script->advance(
                    std::chrono::steady_clock::now(), drawn.buttons(),
                    static_cast<float>(window->width()), static_cast<float>(window->height()));
                if (step.pointer) {
                    window->set_scripted_pointer(platform::Window::ScriptedPointer{
                        step.pointer->x, step.pointer->y, step.pointer->down});
                }
                for (const auto& text : step.scans) {
                    platform::ScanEvent scan;
                    scan.text = text;
                    scan.method = CheckinMethod::Scanner;
                    scripted_scans.push_back(std::move(scan));
                }
                if (!step.screenshot.empty() && !options.screenshot_dir.empty()) {
                    pending_screenshot =
                        (std::filesystem::path(options.screenshot_dir) / (step.screenshot + ".png"))
                            .string();
                }
                if (!step.log.empty()) log.write({{"type", "script"}, {"at", step.log}});
                if (!step.error.empty()) {
                    warn("tap script: " + step.error);
                    log.write({{"type", "script"}, {"error", step.error}});
                    exit_code = 3;
                    running = false;
                }
                if (step.exit) running = false;
                if (step.finished) {
                    log.write({{"type", "script"}, {"finished", true}});
                    script.reset();
                    window->set_scripted_pointer(std::nullopt);
                } else {
                    frames_to_draw = std::max(frames_to_draw, 1);
                }
            }
            if (!running) break;
            if (!effects.empty()) continue;
        }

        // Sleep until something happens or the flow's next timer.
        int timeout_ms = -1;
        if (frames_to_draw > 0 || !pending_screenshot.empty()) {
            timeout_ms = 0;
        } else {
            const auto until =
                std::chrono::duration_cast<std::chrono::milliseconds>(wake_at - now_instant())
                    .count();
            timeout_ms = static_cast<int>(std::clamp<std::int64_t>(until, 1, 60'000));
        }
        if (options.exit_after_seconds > 0)
            timeout_ms = std::min(timeout_ms < 0 ? 1000 : timeout_ms, 250);
        // A finger held down gets no events: look again soon, so a corner long press is seen.
        if (ImGui::GetIO().MouseDown[0])
            timeout_ms = std::min(timeout_ms < 0 ? 100 : timeout_ms, 100);
        if (script) timeout_ms = std::min(timeout_ms < 0 ? 16 : timeout_ms, 16);
        // Staff screens show live figures and countdowns: a fresh frame every second.
        if (staff.open()) timeout_ms = std::min(timeout_ms < 0 ? 1000 : timeout_ms, 1000);
        running = window->wait_and_process_events(timeout_ms) && !staff.exit_requested();
        if (window->take_input_seen() || ImGui::GetIO().MouseDown[0])
            frames_to_draw = std::max(frames_to_draw, 2);
        if (staff.open()) frames_to_draw = std::max(frames_to_draw, 1);

        // Gather what happened.
        std::vector<platform::ScanEvent> scans;
        if (camera) {
            for (auto& scan : camera->take_scans()) scans.push_back(std::move(scan));
            if (auto frame = camera->take_preview()) {
                preview = ui::Picture{window->upload_gray_texture(0, frame->pixels.data(),
                                                                  frame->width, frame->height),
                                      frame->width, frame->height};
                frames_to_draw = std::max(frames_to_draw, 1);
            }
            const bool seen = camera->sighting().seen;
            if (seen != code_in_view) {
                code_in_view = seen;
                frames_to_draw = std::max(frames_to_draw, 1);
            }
            const auto status = camera->status();
            using State = platform::ScannerStatus::State;
            const bool ok = status.state == State::Running || status.state == State::Starting ||
                            status.state == State::Finished;
            if (ok != camera_ok) {
                camera_ok = ok;
                log.write({{"type", "camera"}, {"ok", ok}, {"message", status.message}});
                feed(ui::CameraStatusChanged{ok, status.message});
            }
            if (status.state == State::Finished && options.exit_when_idle_seconds > 0 &&
                !state.in_flight && !script && !staff.open() &&
                state.screen == ui::Screen::Attract &&
                std::chrono::steady_clock::now() - last_activity >
                    std::chrono::duration<double>(options.exit_when_idle_seconds)) {
                running = false;
            }
        }
        if (evdev) {
            for (auto& scan : evdev->take_scans()) scans.push_back(std::move(scan));
        }
        for (auto& scan : scripted_scans) {
            scan.wall_ms = wall_clock_ms();
            scans.push_back(std::move(scan));
        }
        scripted_scans.clear();
        for (const auto& key : window->take_key_inputs()) {
            if (key.enter) {
                if (auto code = bursts.enter(key.time_ms)) {
                    platform::ScanEvent scan;
                    scan.text = *code;
                    scan.method = CheckinMethod::Scanner;
                    scan.wall_ms = wall_clock_ms();
                    scans.push_back(std::move(scan));
                }
            } else {
                bursts.character(key.text, key.time_ms);
            }
        }
        for (auto& scan : scans) {
            last_activity = std::chrono::steady_clock::now();
            log.write({{"type", "scan"},
                       {"method", std::string(to_string(scan.method))},
                       {"length", scan.text.size()},
                       {"decode_ms",
                        std::chrono::duration<double, std::milli>(scan.decode_time).count()}});
            feed(ui::ScanRead{std::move(scan.text), scan.method, now_instant()});
        }
        for (auto& result : worker.take_results()) {
            last_activity = std::chrono::steady_clock::now();
            log.write({{"type", "result"},
                       {"outcome", result.outcome},
                       {"participant", result.participant_id},
                       {"commit_ms", result.commit_ms}});
            const std::string shown = result.finished.name + result.finished.reading +
                                      result.finished.organization + result.finished.group_name +
                                      result.finished.facilitator;
            if (atlas_lacks(shown)) {
                glyphs += shown;  // a name that arrived after start-up: rebuild between frames
                build_fonts();
            }
            if (result.staff) {
                log.write(
                    {{"type", "staff"}, {"what", "staff ticket"}, {"staff", result.staff->id}});
                staff.open_by_ticket(*result.staff, now_instant());
                frames_to_draw = std::max(frames_to_draw, 2);
            }
            feed(std::move(result.finished));
            feed(ui::ArrivedCountChanged{result.arrived});
            if (syncer && !result.staff) syncer->nudge();
        }
        if (syncer) {
            const HubSyncStatus sync = syncer->status();
            if (sync.connected != sync_connected) {
                sync_connected = sync.connected;
                log.write({{"type", "sync"},
                           {"connected", sync.connected},
                           {"error", sync.error},
                           {"waiting", sync.waiting_rows}});
            }
            if (sync.changes != sync_changes_seen) {  // other kiosks' check-ins arrived
                sync_changes_seen = sync.changes;
                log.write(
                    {{"type", "sync"}, {"pulled", sync.pulled_rows}, {"arrived", sync.arrived}});
                feed(ui::ArrivedCountChanged{sync.arrived});
            }
        }
        {
            StaffSession::Polled polled = staff.poll(now_instant());
            for (const auto& line : polled.log) log.write({{"type", "staff"}, {"what", line}});
            if (polled.arrived) {
                feed(ui::ArrivedCountChanged{*polled.arrived});
                if (syncer) syncer->nudge();
            }
            if (polled.changed) frames_to_draw = std::max(frames_to_draw, 2);
            staff.tick(now_instant());
            if (staff.screen_name() != staff_screen) {
                staff_screen = staff.screen_name();
                const std::string name = staff_screen.empty() ? "staff.closed" : staff_screen;
                log.write({{"type", "screen"}, {"screen", name}});
                if (!options.screenshot_dir.empty() && !staff_screen.empty()) {
                    pending_screenshot =
                        (std::filesystem::path(options.screenshot_dir) /
                         fmt::format("{:03d}-{}.png", screenshot_count++, staff_screen))
                            .string();
                }
                frames_to_draw = std::max(frames_to_draw, 2);
            }
        }
        if (now_instant() >= ui::next_wake(state)) feed(ui::Tick{});
        if (options.exit_after_seconds > 0 &&
            std::chrono::steady_clock::now() - started >
                std::chrono::duration<double>(options.exit_after_seconds)) {
            running = false;
        }
    }
    log.write({{"type", "exit"}});
    return exit_code;
}

}  // namespace uketsuke::app
