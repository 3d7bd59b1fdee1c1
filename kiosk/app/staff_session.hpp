#pragma once
// Staff mode inside the running kiosk: the state machine (kiosk/ui/screens/staff.hpp) and its
// worker thread. The main loop asks it whether staff mode is open, feeds it taps, ticks and the
// staff tickets the check-in worker recognized, and draws its state instead of the participant
// screens while it is open. Staff mode's requests that are the kiosk's own wait here for the
// loop: the kiosk's settings to show (the loop hands them over as a value), settings changed
// (the loop applies them), leaving.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kiosk/app/config.hpp"
#include "kiosk/app/staff_worker.hpp"
#include "kiosk/ui/screens/staff.hpp"

namespace uketsuke::app {

class StaffSession {
public:
    StaffSession(const KioskConfig& config, std::function<void()> wake);

    bool open() const { return state_.open; }
    const ui::StaffState& state() const { return state_; }

    // Staff mode opens in the language the kiosk speaks at the moment.
    void open_by_corner(ui::Instant now, ui::Language language);
    void open_by_ticket(const StaffMember& member, ui::Instant now, ui::Language language);
    void tap(const ui::StaffIntent& intent, ui::Instant now);
    void tick(ui::Instant now);

    struct Polled {
        std::optional<std::int64_t> arrived;  // a staff check-in, undo or walk-in changed it
        std::vector<std::string> log;
        bool changed = false;      // redraw
        bool pin_changed = false;  // a supervisor pinned or unpinned a session: tell the screens
        bool attention_changed = false;    // a flag for the door was set, cleared or seen to
        std::vector<TagReprint> reprints;  // name tags staff asked for: the app prints them
    };
    Polled poll(ui::Instant now);

    // The settings page asked for the kiosk's settings: answer with show_settings.
    bool wants_settings() const { return wants_settings_; }
    void show_settings(ui::StaffSettings kiosk, ui::Instant now);  // adds the cameras
    // Settings staff changed, in order, for the kiosk to apply at once.
    std::vector<ui::StaffSettings> take_settings_to_apply() {
        return std::exchange(settings_to_apply_, {});
    }

    std::optional<ui::Instant> next_wake() const { return ui::staff_next_wake(state_); }
    bool exit_requested() const { return exit_requested_; }
    // "staff.search", ... for screenshots and the events log; "" while closed.
    std::string screen_name() const;

private:
    void feed(const ui::StaffEvent& event, ui::Instant now);

    ui::StaffState state_;
    StaffWorker worker_;
    bool wants_settings_ = false;
    std::vector<ui::StaffSettings> settings_to_apply_;
    bool exit_requested_ = false;
};

// The capture devices a supervisor may choose from (/dev/video*), sorted.
std::vector<std::string> capture_devices();

}  // namespace uketsuke::app
