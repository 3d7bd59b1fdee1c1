#pragma once
// Staff mode inside the running kiosk: the state machine (kiosk/ui/screens/staff.hpp), its worker
// thread, and the app's own requests (settings, leaving). The main loop asks it whether staff
// mode is open, feeds it taps, ticks and the staff tickets the check-in worker recognized,
// and draws its state instead of the participant screens while it is open.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/app/config.hpp"
#include "kiosk/app/staff_worker.hpp"
#include "kiosk/ui/screens/staff.hpp"

namespace uketsuke::app {

struct StaffHooks {
    std::function<ui::StaffSettings()> current_settings;
    std::function<void(const ui::StaffSettings&)> apply_settings;
};

class StaffSession {
public:
    StaffSession(const KioskConfig& config, std::function<void()> wake, StaffHooks hooks);

    bool open() const { return state_.open; }
    const ui::StaffState& state() const { return state_; }

    void open_by_corner(ui::Instant now);
    void open_by_ticket(const StaffMember& member, ui::Instant now);
    void tap(const ui::StaffIntent& intent, ui::Instant now);
    void tick(ui::Instant now);

    struct Polled {
        std::optional<std::int64_t> arrived;  // a staff check-in, undo or walk-in changed it
        std::vector<std::string> log;
        bool changed = false;  // redraw
    };
    Polled poll(ui::Instant now);

    std::optional<ui::Instant> next_wake() const { return ui::staff_next_wake(state_); }
    bool exit_requested() const { return exit_requested_; }
    // "staff.search", ... for screenshots and the events log; "" while closed.
    std::string screen_name() const;

private:
    void feed(const ui::StaffEvent& event, ui::Instant now);

    StaffHooks hooks_;
    ui::StaffState state_;
    StaffWorker worker_;
    bool exit_requested_ = false;
};

// The capture devices a supervisor may choose from (/dev/video*), sorted.
std::vector<std::string> capture_devices();

}  // namespace uketsuke::app
