#include "kiosk/app/staff_session.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>

namespace uketsuke::app {

std::vector<std::string> capture_devices() {
    std::vector<std::string> devices;
    std::error_code ignored;
    for (const auto& entry : std::filesystem::directory_iterator("/dev", ignored)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("video", 0) == 0) devices.push_back(entry.path().string());
    }
    std::sort(devices.begin(), devices.end());
    return devices;
}

StaffSession::StaffSession(const KioskConfig& config, std::function<void()> wake)
    : worker_(config.event_file, config.kiosk_id, std::move(wake), config.room) {
    state_.idle_timeout =
        std::chrono::milliseconds(static_cast<std::int64_t>(config.staff_idle_seconds * 1000));
}

void StaffSession::feed(const ui::StaffEvent& event, ui::Instant now) {
    ui::StaffStep next = ui::staff_step(std::move(state_), event, now);
    state_ = std::move(next.state);
    for (auto& request : next.requests) {
        if (const auto* apply = std::get_if<ui::ApplySettings>(&request)) {
            settings_to_apply_.push_back(apply->settings);
        } else if (std::holds_alternative<ui::LoadSettings>(request)) {
            wants_settings_ = true;
        } else if (std::holds_alternative<ui::ExitKiosk>(request)) {
            exit_requested_ = true;
        } else {
            worker_.submit(std::move(request));
        }
    }
}

void StaffSession::open_by_corner(ui::Instant now, ui::Language language) {
    state_.language = language;
    feed(ui::OpenStaff{}, now);
}

void StaffSession::open_by_ticket(const StaffMember& member, ui::Instant now,
                                  ui::Language language) {
    state_.language = language;
    feed(ui::OpenStaff{member}, now);
}

void StaffSession::show_settings(ui::StaffSettings kiosk, ui::Instant now) {
    wants_settings_ = false;
    kiosk.cameras = capture_devices();
    feed(ui::StaffReply{ui::SettingsLoaded{std::move(kiosk)}}, now);
}

void StaffSession::tap(const ui::StaffIntent& intent, ui::Instant now) {
    feed(ui::StaffTap{intent}, now);
}

void StaffSession::tick(ui::Instant now) {
    if (const auto wake = next_wake(); wake && now >= *wake) feed(ui::Tick{}, now);
}

StaffSession::Polled StaffSession::poll(ui::Instant now) {
    Polled polled;
    for (auto& result : worker_.take_results()) {
        if (result.arrived) polled.arrived = result.arrived;
        polled.pin_changed = polled.pin_changed || result.pin_changed;
        polled.attention_changed = polled.attention_changed || result.attention_changed;
        if (result.reprint) polled.reprints.push_back(std::move(*result.reprint));
        if (!result.log.empty()) polled.log.push_back(std::move(result.log));
        if (result.reply) {
            feed(ui::StaffEvent{std::move(*result.reply)}, now);
            polled.changed = true;
        }
    }
    return polled;
}

std::string StaffSession::screen_name() const {
    if (!state_.open) return "";
    return "staff." + std::string(ui::to_string(state_.page));
}

}  // namespace uketsuke::app
