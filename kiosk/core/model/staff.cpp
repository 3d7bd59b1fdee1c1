#include "kiosk/core/model/staff.hpp"

#include <algorithm>

namespace uketsuke {

std::string_view to_string(StaffRole role) {
    return role == StaffRole::Supervisor ? "supervisor" : "door";
}

std::optional<StaffRole> staff_role_from_string(std::string_view text) {
    if (text == "door") return StaffRole::Door;
    if (text == "supervisor") return StaffRole::Supervisor;
    return std::nullopt;
}

bool allowed(StaffRole role, StaffAction action) {
    if (role == StaffRole::Supervisor) return true;
    return action == StaffAction::Search || action == StaffAction::CheckIn ||
           action == StaffAction::WalkIn;
}

std::string_view to_string(SessionCorrection correction) {
    switch (correction) {
        case SessionCorrection::Present:
            return "present";
        case SessionCorrection::Late:
            return "late";
        case SessionCorrection::EarlyLeave:
            return "early-leave";
        case SessionCorrection::Absent:
            return "absent";
    }
    return "?";
}

bool is_valid_pin(std::string_view pin) {
    return pin.size() >= 4 && pin.size() <= 8 &&
           std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_valid_new_pin(std::string_view pin) {
    return pin.size() >= kMinNewPinDigits && is_valid_pin(pin);
}

}  // namespace uketsuke
