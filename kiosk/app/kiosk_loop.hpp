#pragma once
// The kiosk's main loop as one object: each turn carries out the flow's effects, draws a frame
// when something changed, sleeps until something happens (a camera frame, a scan, a tap, a
// worker's result, the next timer), then gathers what happened: the camera, scans, check-in
// results, the hub's status, staff mode, timers. Each of those is one method; what the loop
// remembers between turns is its members. Start-up (kiosk_app.cpp) opens the window and what
// it shows and hands them over in a KioskStart.

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "kiosk/app/checkin_worker.hpp"
#include "kiosk/app/config.hpp"
#include "kiosk/app/events_log.hpp"
#include "kiosk/app/kiosk_app.hpp"
#include "kiosk/app/kiosk_setup.hpp"
#include "kiosk/app/print_worker.hpp"
#include "kiosk/app/screen_dimming.hpp"
#include "kiosk/app/staff_session.hpp"
#include "kiosk/core/sync/hub_syncer.hpp"
#include "kiosk/ui/screens/corner_hold.hpp"
#include "kiosk/ui/screens/flow.hpp"
#include "kiosk/ui/screens/strings.hpp"
#include "kiosk/ui/views/staff_view.hpp"
#include "kiosk/ui/views/tap_script.hpp"
#include "kiosk/ui/views/view.hpp"
#include "platform/audio.hpp"
#include "platform/keyboard_scanner.hpp"
#include "platform/scanner.hpp"
#include "platform/window.hpp"

namespace uketsuke::app {

// What start-up opened for the loop; the event file is closed again by then (the workers have
// connections of their own).
struct KioskStart {
    EventInfo event;
    ui::Strings strings;
    std::unique_ptr<platform::Window> window;
    FontAtlasText atlas;
    std::unique_ptr<platform::Audio> audio;  // none when muted or no sound device
    ui::Picture floor_map;
    ui::Picture logo;
    std::int64_t arrived = 0;
    std::vector<Session> sessions;
};

class KioskLoop {
public:
    // Starts the workers, the hub sync, the camera and scanner, the flow and staff mode.
    KioskLoop(const RunOptions& options, EventsLog& log, KioskStart start);
    KioskLoop(const KioskLoop&) = delete;
    KioskLoop& operator=(const KioskLoop&) = delete;

    void follow_script(std::unique_ptr<ui::TapScript> script) { script_ = std::move(script); }
    // Until the window closes, staff leave, the script ends, or --exit-after / --exit-when-idle;
    // returns the exit code.
    int run();

private:
    // One turn, in this order.
    void carry_out_effects();
    void draw_frame();
    void follow_script_step();
    void wait_for_input();  // sleeps until something happens or the next timer
    std::vector<platform::ScanEvent> take_camera();
    void take_scans(std::vector<platform::ScanEvent> scans);
    void take_checkin_results();
    void take_store_health(const StoreHealth& health);
    void take_sync_status();
    void take_print_results();
    // A name tag for this check-in, when print.on_checkin asks for one; gives whether it prints.
    bool print_tag_for(const WorkerResult& result);
    void take_staff_replies();
    void check_timers();
    // The session from the clock, for the attract screen: at start and each new minute.
    void check_session(std::int64_t now_ms);

    void feed(const ui::FlowEvent& event);
    void redraw(int frames) { frames_to_draw_ = std::max(frames_to_draw_, frames); }
    // The next frame drawn settled goes to screenshot_dir as NNN-name.png.
    void screenshot_screen(const std::string& name);
    ui::StaffViewInputs staff_inputs(const ui::ViewFonts& fonts) const;
    // Staff mode's requests that are the kiosk's own, after anything that fed it.
    void answer_staff();
    ui::StaffSettings settings() const;
    void apply_settings(const ui::StaffSettings& settings);

    const RunOptions& options_;
    const KioskConfig& config_;
    EventsLog& log_;
    KioskStart start_;
    const std::uint32_t accent_;

    CheckinWorker worker_;
    // Whether the event file takes check-ins, as the worker last found; while it does not, the
    // worker tests it again every few seconds, so a freed disk resumes without a restart.
    bool store_ok_ = true;
    std::string store_problem_;
    std::chrono::steady_clock::time_point next_store_check_{};
    // Name tags at check-in (print.*): none without a printer. The loop decides from what it
    // knows (the printer's last state, who has a printed tag) so the welcome never waits; the
    // worker checks "once" again against the file before it prints.
    std::unique_ptr<PrintWorker> printer_;
    bool printer_ok_ = true;
    std::string printer_problem_;
    std::set<std::string> printed_;  // people with a printed tag, as the worker last read
    std::chrono::steady_clock::time_point next_printer_check_{};
    std::unique_ptr<HubSyncer> syncer_;
    std::uint64_t sync_changes_seen_ = 0;
    bool sync_connected_ = false;

    // The camera follows `live_`, which staff may change in the settings (camera choice);
    // make_camera keeps a reference to it.
    KioskConfig live_;
    std::unique_ptr<platform::CameraScanner> camera_;
    std::unique_ptr<platform::EvdevScanner> evdev_;
    platform::BurstDetector bursts_;
    std::vector<platform::ScanEvent> scripted_scans_;
    ui::Picture preview_;
    bool code_in_view_ = false;
    bool camera_ok_ = true;

    // When each scan handed to the worker was read, until its result (the events log's scan_ms).
    std::unordered_map<std::uint64_t, ui::Instant> scans_read_at_;

    ui::FlowState state_;
    std::vector<ui::Effect> effects_;
    ui::Instant wake_at_{};
    std::vector<Session> sessions_;  // refreshed from each check-in's read of the file
    std::int64_t session_minute_ = -1;
    std::string pinned_;  // the session a supervisor pinned this kiosk to, as the worker read it

    StaffSession staff_;
    std::string staff_screen_;  // "" while closed
    ui::CornerHold corner_hold_;
    // What the tap script can find on the screen: refilled by every drawing pass, which is
    // otherwise const.
    mutable ui::DrawnButtons drawn_;

    std::unique_ptr<ui::TapScript> script_;
    bool first_frame_ = true;
    int frames_to_draw_ = 2;  // ImGui needs a frame after input to settle hover/active states
    std::string pending_screenshot_;
    int screenshot_count_ = 0;
    std::chrono::steady_clock::time_point last_activity_ = std::chrono::steady_clock::now();
    ScreenDimming dimming_{config_.dim_after_seconds};
    bool running_ = true;
    int exit_code_ = 0;
};

}  // namespace uketsuke::app
