#include "kiosk/app/kiosk_loop.hpp"

#include <fmt/format.h>
#include <imgui.h>

#include <algorithm>
#include <filesystem>

#include "kiosk/core/store/hlc.hpp"
#include "kiosk/core/store/print_log.hpp"
#include "platform/screen_power.hpp"

namespace uketsuke::app {
namespace {

// How often a file that would not take check-ins is tried again.
constexpr std::chrono::seconds kStoreRetry{3};

std::unique_ptr<HubSyncer> start_hub_sync(const KioskConfig& config) {
    if (config.hub.empty()) return nullptr;
    HubSyncerOptions sync_options;
    sync_options.event_path = config.event_file;
    sync_options.conninfo = config.hub;
    sync_options.kiosk_id = config.kiosk_id;
    sync_options.period =
        std::chrono::milliseconds(static_cast<std::int64_t>(config.sync_period_seconds * 1000));
    sync_options.on_change = platform::Window::wake;
    return std::make_unique<HubSyncer>(std::move(sync_options));
}

// How often the printer's state is asked of CUPS (and who has a printed tag read again).
constexpr std::chrono::seconds kPrinterCheck{10};

std::unique_ptr<PrintWorker> start_printing(const KioskConfig& config) {
    if (config.print_printer.empty()) return nullptr;
    PrintSettings settings;
    settings.printer = config.print_printer;
    settings.layout = config.print_layout;
    settings.once = config.print_on_checkin == "once";
    settings.kiosk_id = config.kiosk_id;
    return std::make_unique<PrintWorker>(config.event_file, std::move(settings),
                                         platform::Window::wake);
}

std::unique_ptr<platform::EvdevScanner> open_scanner(const KioskConfig& config) {
    if (config.scanner_device.empty()) return nullptr;
    platform::EvdevScannerOptions evdev_options;
    evdev_options.device = config.scanner_device;
    evdev_options.wake = platform::Window::wake;
    return std::make_unique<platform::EvdevScanner>(evdev_options);
}

}  // namespace

KioskLoop::KioskLoop(const RunOptions& options, EventsLog& log, KioskStart start)
    : options_(options),
      config_(options.config),
      log_(log),
      start_(std::move(start)),
      accent_(ui::parse_colour(config_.accent_colour).value_or(0xFF4F6E0B)),
      worker_(config_.event_file, config_.kiosk_id, config_.next_agenda, platform::Window::wake,
              wall_clock_ms, nullptr, KioskPlace{leave_mode(config_), config_.room}),
      printer_(start_printing(config_)),
      syncer_(start_hub_sync(config_)),
      live_(config_),
      camera_(make_camera(live_)),
      evdev_(open_scanner(config_)),
      staff_(config_, platform::Window::wake),
      corner_hold_(ui::CornerHoldOptions{std::chrono::milliseconds(
          static_cast<std::int64_t>(config_.staff_long_press_seconds * 1000))}) {
    ui::FlowStep flow = ui::start_flow(flow_config(config_, start_.event), now_instant());
    effects_ = std::move(flow.effects);
    state_ = std::move(flow.state);
    feed(ui::ArrivedCountChanged{start_.arrived});
    // Start-up read the file; whether it takes writes is the worker's first job.
    worker_.check_store();
    if (printer_) {
        printer_->submit({PrintJob::Kind::Status});
        printer_->submit({PrintJob::Kind::PrintedPeople});
        next_printer_check_ = std::chrono::steady_clock::now() + kPrinterCheck;
    }
    sessions_ = std::move(start_.sessions);
    check_session(wall_clock_ms());
    if (!platform::keep_screen_on())
        log_.write({{"type", "display"}, {"problem", "the screensaver could not be turned off"}});
}

void KioskLoop::check_session(std::int64_t now_ms) {
    const std::int64_t minute = now_ms / 60'000;
    if (minute == session_minute_) return;
    session_minute_ = minute;
    feed(session_now(sessions_, start_.event.time_zone, now_ms, config_.room, pinned_));
}

int KioskLoop::run() {
    while (running_) {
        carry_out_effects();
        if (frames_to_draw_ > 0) {
            draw_frame();
            if (script_) follow_script_step();
            if (!running_) break;
            if (!effects_.empty()) continue;
        }
        wait_for_input();
        take_scans(take_camera());
        take_checkin_results();
        take_sync_status();
        take_print_results();
        take_staff_replies();
        check_timers();
    }
    log_.write({{"type", "exit"}});
    return exit_code_;
}

void KioskLoop::feed(const ui::FlowEvent& event) {
    ui::FlowStep next = ui::step(std::move(state_), event, now_instant());
    state_ = std::move(next.state);
    for (auto& effect : next.effects) effects_.push_back(std::move(effect));
}

void KioskLoop::screenshot_screen(const std::string& name) {
    if (options_.screenshot_dir.empty()) return;
    pending_screenshot_ = (std::filesystem::path(options_.screenshot_dir) /
                           fmt::format("{:03d}-{}.png", screenshot_count_++, name))
                              .string();
}

void KioskLoop::carry_out_effects() {
    wake_at_ = ui::next_wake(state_);
    if (const auto staff_wake = staff_.next_wake()) wake_at_ = std::min(wake_at_, *staff_wake);
    for (const auto& effect : effects_) {
        if (const auto* submit = std::get_if<ui::SubmitScan>(&effect)) {
            scans_read_at_[submit->scan_id] = submit->read_at;
            worker_.submit(*submit);
        } else if (const auto* leave = std::get_if<ui::SubmitLeave>(&effect)) {
            worker_.submit(*leave);
        } else if (const auto* sound = std::get_if<ui::PlaySound>(&effect)) {
            if (start_.audio) start_.audio->play(tone_for(sound->sound));
        } else if (const auto* changed = std::get_if<ui::ScreenChanged>(&effect)) {
            log_.write({{"type", "screen"}, {"screen", changed->name}});
            screenshot_screen(changed->name);
            redraw(2);
        } else if (std::holds_alternative<ui::RequestRedraw>(effect)) {
            redraw(1);
        } else if (const auto* wake = std::get_if<ui::ScheduleWake>(&effect)) {
            wake_at_ = std::min(wake_at_, wake->at);
        } else if (const auto* dropped = std::get_if<ui::ScanDropped>(&effect)) {
            log_.write({{"type", "scan_dropped"},
                        {"why", "queue full"},
                        {"method", to_string(dropped->method)},
                        {"dropped", dropped->dropped}});
        }
    }
    effects_.clear();
}

void KioskLoop::wait_for_input() {
    int timeout_ms = -1;
    if (frames_to_draw_ > 0 || !pending_screenshot_.empty()) {
        timeout_ms = 0;
    } else {
        const auto until =
            std::chrono::duration_cast<std::chrono::milliseconds>(wake_at_ - now_instant()).count();
        timeout_ms = static_cast<int>(std::clamp<std::int64_t>(until, 1, 60'000));
    }
    if (options_.exit_after_seconds > 0)
        timeout_ms = std::min(timeout_ms < 0 ? 1000 : timeout_ms, 250);
    if (!store_ok_) {
        const auto until = std::chrono::duration_cast<std::chrono::milliseconds>(
                               next_store_check_ - std::chrono::steady_clock::now())
                               .count();
        const int store_ms = static_cast<int>(std::clamp<std::int64_t>(until, 1, 60'000));
        timeout_ms = timeout_ms < 0 ? store_ms : std::min(timeout_ms, store_ms);
    }
    // A finger held down gets no events: look again soon, so a corner long press is seen.
    if (ImGui::GetIO().MouseDown[0]) timeout_ms = std::min(timeout_ms < 0 ? 100 : timeout_ms, 100);
    if (script_) timeout_ms = std::min(timeout_ms < 0 ? 16 : timeout_ms, 16);
    // Staff screens show live figures and countdowns: a fresh frame every second.
    if (staff_.open()) timeout_ms = std::min(timeout_ms < 0 ? 1000 : timeout_ms, 1000);
    if (const auto dim_at = dimming_.next_change(std::chrono::steady_clock::now())) {
        const auto until = std::chrono::duration_cast<std::chrono::milliseconds>(
                               *dim_at - std::chrono::steady_clock::now())
                               .count();
        const int dim_ms = static_cast<int>(std::clamp<std::int64_t>(until, 1, 60'000));
        timeout_ms = timeout_ms < 0 ? dim_ms : std::min(timeout_ms, dim_ms);
    }
    running_ = start_.window->wait_and_process_events(timeout_ms) && !staff_.exit_requested();
    const bool input = start_.window->take_input_seen() || ImGui::GetIO().MouseDown[0];
    if (input) redraw(2);
    if (dimming_.update(std::chrono::steady_clock::now(),
                        state_.screen == ui::Screen::Attract && !staff_.open(),
                        input || code_in_view_))
        redraw(1);
    if (staff_.open()) redraw(1);
}

std::vector<platform::ScanEvent> KioskLoop::take_camera() {
    if (!camera_) return {};
    std::vector<platform::ScanEvent> scans = camera_->take_scans();
    if (auto frame = camera_->take_preview()) {
        preview_ = ui::Picture{start_.window->upload_gray_texture(0, frame->pixels.data(),
                                                                  frame->width, frame->height),
                               frame->width, frame->height};
        redraw(1);
    }
    const bool seen = camera_->sighting().seen;
    if (seen != code_in_view_) {
        code_in_view_ = seen;
        redraw(1);
    }
    const auto status = camera_->status();
    using State = platform::ScannerStatus::State;
    const bool ok = status.state == State::Running || status.state == State::Starting ||
                    status.state == State::Finished;
    if (ok != camera_ok_) {
        camera_ok_ = ok;
        log_.write({{"type", "camera"}, {"ok", ok}, {"message", status.message}});
        feed(ui::CameraStatusChanged{ok, status.message});
    }
    // --exit-when-idle: the frame folder is done and nothing is left to show.
    if (status.state == State::Finished && options_.exit_when_idle_seconds > 0 &&
        !state_.in_flight && !script_ && !staff_.open() && state_.screen == ui::Screen::Attract &&
        std::chrono::steady_clock::now() - last_activity_ >
            std::chrono::duration<double>(options_.exit_when_idle_seconds)) {
        running_ = false;
    }
    return scans;
}

void KioskLoop::take_scans(std::vector<platform::ScanEvent> scans) {
    if (evdev_) {
        for (auto& scan : evdev_->take_scans()) scans.push_back(std::move(scan));
    }
    for (auto& scan : scripted_scans_) {
        scan.wall_ms = wall_clock_ms();
        scans.push_back(std::move(scan));
    }
    scripted_scans_.clear();
    for (const auto& key : start_.window->take_key_inputs()) {
        if (key.enter) {
            if (auto code = bursts_.enter(key.time_ms)) {
                platform::ScanEvent scan;
                scan.text = *code;
                scan.source = platform::ScanSource::KeyboardBurst;
                scan.wall_ms = wall_clock_ms();
                scans.push_back(std::move(scan));
            }
        } else {
            bursts_.character(key.text, key.time_ms);
        }
    }
    for (auto& scan : scans) {
        last_activity_ = std::chrono::steady_clock::now();
        log_.write(
            {{"type", "scan"},
             {"method", std::string(to_string(checkin_method_for(scan.source)))},
             {"length", scan.text.size()},
             {"decode_ms", std::chrono::duration<double, std::milli>(scan.decode_time).count()},
             {"latency_ms",  // frame captured → decoded (the wait for the decoder and the decode)
              std::chrono::duration<double, std::milli>(scan.decode_latency).count()}});
        feed(ui::ScanRead{std::move(scan.text), checkin_method_for(scan.source), now_instant()});
    }
}

void KioskLoop::take_store_health(const StoreHealth& health) {
    if (health.writable == store_ok_ && health.problem == store_problem_) return;
    // Said once per change of state; a new wording of the same trouble is only shown.
    if (health.writable != store_ok_) {
        log_.write({{"type", "store"}, {"writable", health.writable}, {"message", health.problem}});
        warn(health.writable ? "the event file takes check-ins again: " + config_.event_file
                             : "check-ins cannot be saved: " + health.problem);
    }
    store_ok_ = health.writable;
    store_problem_ = health.problem;
    feed(ui::StoreStatusChanged{health.writable, health.problem});
    next_store_check_ = std::chrono::steady_clock::now() + kStoreRetry;
    redraw(2);
}

void KioskLoop::take_checkin_results() {
    for (auto& result : worker_.take_results()) {
        if (result.store) take_store_health(*result.store);
        if (result.sessions) sessions_ = *result.sessions;
        if (result.pinned && *result.pinned != pinned_) {  // a supervisor pinned or unpinned
            pinned_ = *result.pinned;
            session_minute_ = -1;
            check_session(wall_clock_ms());
        }
        if (result.attention_pending && *result.attention_pending != state_.attention_pending) {
            log_.write({{"type", "attention"}, {"waiting", *result.attention_pending}});
            feed(ui::AttentionPendingChanged{*result.attention_pending});
        }
        if (!result.scan) {
            feed(ui::ArrivedCountChanged{result.arrived});
            continue;
        }
        last_activity_ = std::chrono::steady_clock::now();
        nlohmann::json line = {{"type", "result"},
                               {"outcome", result.outcome},
                               {"participant", result.participant_id},
                               {"commit_ms", result.commit_ms}};
        if (result.finished.failed) line["error"] = result.finished.error;
        if (result.finished.see_staff) line["see_staff"] = true;
        // Read → result, with any wait in the flow's queue: the soak's measure of the path.
        if (const auto read = scans_read_at_.find(result.finished.scan_id);
            read != scans_read_at_.end()) {
            line["scan_ms"] = (now_instant() - read->second).count();
            scans_read_at_.erase(read);
        }
        log_.write(std::move(line));
        std::string shown = result.finished.name + result.finished.reading +
                            result.finished.organization + result.finished.group_name +
                            result.finished.facilitator;
        if (result.finished.session) shown += result.finished.session->name;
        if (atlas_lacks(shown)) {
            start_.atlas.glyphs += shown;  // a name that arrived after start-up
            const auto began = std::chrono::steady_clock::now();
            start_.atlas.build(*start_.window);
            log_.write({{"type", "atlas"},
                        {"glyph_text_bytes", start_.atlas.glyphs.size()},
                        {"build_ms", std::chrono::duration<double, std::milli>(
                                         std::chrono::steady_clock::now() - began)
                                         .count()}});
        }
        if (result.staff) {
            log_.write({{"type", "staff"}, {"what", "staff ticket"}, {"staff", result.staff->id}});
            staff_.open_by_ticket(*result.staff, now_instant(), state_.language);
            answer_staff();
            redraw(2);
        }
        result.finished.name_tag = print_tag_for(result);
        feed(std::move(result.finished));
        feed(ui::ArrivedCountChanged{result.arrived});
        if (syncer_ && !result.staff) syncer_->nudge();
    }
}

void KioskLoop::take_sync_status() {
    if (!syncer_) return;
    const HubSyncStatus sync = syncer_->status();
    if (sync.connected != sync_connected_) {
        sync_connected_ = sync.connected;
        log_.write({{"type", "sync"},
                    {"connected", sync.connected},
                    {"error", sync.error},
                    {"waiting", sync.waiting_rows}});
    }
    if (sync.changes != sync_changes_seen_) {  // other kiosks' check-ins arrived
        sync_changes_seen_ = sync.changes;
        log_.write({{"type", "sync"}, {"pulled", sync.pulled_rows}, {"arrived", sync.arrived}});
        // The worker counts the session this kiosk checks in to (a supervisor's pin, its room);
        // the syncer's count is of the session on the clock for any room.
        worker_.check_store();
    }
}

bool KioskLoop::print_tag_for(const WorkerResult& result) {
    if (!printer_ || !prints_on_checkin(config_) || result.staff) return false;
    if (result.finished.outcome != CheckinOutcome::CheckedIn || result.finished.failed)
        return false;
    const bool once = config_.print_on_checkin == "once";
    if (once && printed_.contains(result.participant_id)) return false;
    // A printer known to be off or out of labels: no promise of a tag the person will not find.
    if (!printer_ok_) return false;
    printer_->submit({PrintJob::Kind::Tag,
                      result.participant_id,
                      kPrintOnCheckin,
                      {},
                      {},
                      TagSeat{result.finished.group_name, result.finished.table_label}});
    printed_.insert(result.participant_id);
    return true;
}

void KioskLoop::take_print_results() {
    if (!printer_) return;
    for (const auto& result : printer_->take_results()) {
        if (result.printed_people) {
            printed_ = *result.printed_people;
            continue;
        }
        if (result.kind == PrintJob::Kind::Tag && !result.skipped) {
            nlohmann::json line = {{"type", "print"},
                                   {"participant", result.participant_id},
                                   {"printed", result.printed},
                                   {"render_ms", result.render_ms},
                                   {"spool_ms", result.spool_ms}};
            if (result.printed) line["job"] = result.job_id;
            if (!result.error.empty()) line["error"] = result.error;
            log_.write(std::move(line));
            if (!result.printed) printed_.erase(result.participant_id);
        }
        const bool ok = result.printer_ok;
        const std::string problem = ok ? std::string() : result.printer_problem;
        if (ok == printer_ok_ && problem == printer_problem_) continue;
        log_.write({{"type", "printer"}, {"ok", ok}, {"message", problem}});
        warn(ok ? "the printer " + config_.print_printer + " prints again"
                : "name tags cannot be printed: " + problem);
        printer_ok_ = ok;
        printer_problem_ = problem;
        redraw(2);
    }
}

void KioskLoop::take_staff_replies() {
    StaffSession::Polled polled = staff_.poll(now_instant());
    for (const auto& asked : polled.reprints) {
        if (!printer_) continue;
        printer_->submit({PrintJob::Kind::Tag, asked.participant_id, kPrintReprint, asked.staff,
                          asked.staff_name});
        printed_.insert(asked.participant_id);
    }
    answer_staff();
    for (const auto& line : polled.log) log_.write({{"type", "staff"}, {"what", line}});
    if (polled.arrived) {
        feed(ui::ArrivedCountChanged{*polled.arrived});
        if (syncer_) syncer_->nudge();
    }
    if (polled.changed) {
        // A flag or note set since start-up (the organizer's tool, another kiosk) may hold
        // glyphs the atlas lacks: the person card would show them as "?".
        if (const auto& person = staff_.state().person) {
            const ui::PersonCard& card = person->card;
            std::string shown = card.person.name + card.person.notes + card.attention;
            for (const auto& entry : card.history) shown += entry.detail;
            if (atlas_lacks(shown)) {
                start_.atlas.glyphs += shown;
                start_.atlas.build(*start_.window);
            }
        }
        redraw(2);
    }
    // The attract screen names the pin and counts the flags for the door nobody has seen to.
    if (polled.pin_changed || polled.attention_changed) worker_.check_store();
    staff_.tick(now_instant());
    answer_staff();
    if (staff_.screen_name() != staff_screen_) {
        staff_screen_ = staff_.screen_name();
        log_.write({{"type", "screen"},
                    {"screen", staff_screen_.empty() ? "staff.closed" : staff_screen_}});
        if (!staff_screen_.empty()) screenshot_screen(staff_screen_);
        redraw(2);
    }
}

void KioskLoop::check_timers() {
    check_session(wall_clock_ms());
    if (now_instant() >= ui::next_wake(state_)) feed(ui::Tick{});
    if (printer_ && std::chrono::steady_clock::now() >= next_printer_check_) {
        // The printer's state for staff; and, after other kiosks' tags may have synced in, who
        // has one.
        next_printer_check_ = std::chrono::steady_clock::now() + kPrinterCheck;
        printer_->submit({PrintJob::Kind::Status});
        printer_->submit({PrintJob::Kind::PrintedPeople});
    }
    if (!store_ok_ && std::chrono::steady_clock::now() >= next_store_check_) {
        next_store_check_ = std::chrono::steady_clock::now() + kStoreRetry;
        worker_.check_store();
    }
    if (options_.exit_after_seconds > 0 &&
        std::chrono::steady_clock::now() - options_.process_start >
            std::chrono::duration<double>(options_.exit_after_seconds)) {
        running_ = false;
    }
}

void KioskLoop::answer_staff() {
    for (const auto& settings : staff_.take_settings_to_apply()) apply_settings(settings);
    if (staff_.wants_settings()) staff_.show_settings(settings(), now_instant());
}

ui::StaffSettings KioskLoop::settings() const {
    ui::StaffSettings settings;
    settings.language = state_.language;
    settings.sound = !state_.config.mute;
    settings.name_display = state_.config.name_display;
    settings.camera_device = live_.camera_device;
    return settings;
}

// Settings changed in staff mode apply to the running kiosk at once.
void KioskLoop::apply_settings(const ui::StaffSettings& settings) {
    state_.config.default_language = settings.language;
    state_.language = settings.language;
    state_.config.name_display = settings.name_display;
    state_.config.mute = !settings.sound;
    if (settings.sound && !start_.audio) {  // the kiosk started muted: open the sound device now
        auto opened_audio = platform::Audio::open(static_cast<float>(live_.volume));
        if (opened_audio)
            start_.audio = std::move(opened_audio).value();
        else
            warn(opened_audio.error().message);
    }
    if (settings.camera_device != live_.camera_device) {
        live_.camera_device = settings.camera_device;
        camera_.reset();  // stops the old device before the new one opens
        camera_ = make_camera(live_);
        preview_ = ui::Picture{};
    }
    log_.write({{"type", "settings"},
                {"language", std::string(ui::language_code(settings.language))},
                {"sound", settings.sound},
                {"name_display", std::string(ui::to_string(settings.name_display))},
                {"camera", settings.camera_device}});
}

}  // namespace uketsuke::app
