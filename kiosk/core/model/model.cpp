#include "kiosk/core/model/model.hpp"

#include <algorithm>
#include <array>
#include <set>
#include <tuple>

namespace uketsuke {
namespace {

template <typename Enum, std::size_t N>
std::optional<Enum> lookup(const std::array<std::pair<Enum, std::string_view>, N>& table,
                           std::string_view text) {
    for (const auto& [value, name] : table) {
        if (name == text) return value;
    }
    return std::nullopt;
}

template <typename Enum, std::size_t N>
std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, N>& table,
                         Enum value) {
    for (const auto& [candidate, name] : table) {
        if (candidate == value) return name;
    }
    return "?";
}

constexpr std::array roles{
    std::pair{Role::Participant, std::string_view("participant")},
    std::pair{Role::Facilitator, std::string_view("facilitator")},
    std::pair{Role::Staff, std::string_view("staff")},
    std::pair{Role::Guest, std::string_view("guest")},
};
constexpr std::array statuses{
    std::pair{RegistrationStatus::Registered, std::string_view("registered")},
    std::pair{RegistrationStatus::Cancelled, std::string_view("cancelled")},
};
constexpr std::array kinds{
    std::pair{CheckinKind::CheckIn, std::string_view("checkin")},
    std::pair{CheckinKind::Undo, std::string_view("undo")},
    std::pair{CheckinKind::Leave, std::string_view("leave")},
};
constexpr std::array methods{
    std::pair{CheckinMethod::Camera, std::string_view("camera")},
    std::pair{CheckinMethod::Scanner, std::string_view("scanner")},
    std::pair{CheckinMethod::Manual, std::string_view("manual")},
    std::pair{CheckinMethod::WalkIn, std::string_view("walk-in")},
    std::pair{CheckinMethod::Command, std::string_view("command")},
    std::pair{CheckinMethod::Paper, std::string_view("paper")},
};

}  // namespace

std::string_view to_string(Role role) { return name_of(roles, role); }
std::optional<Role> role_from_string(std::string_view text) { return lookup(roles, text); }
std::string_view to_string(RegistrationStatus status) { return name_of(statuses, status); }
std::optional<RegistrationStatus> status_from_string(std::string_view text) {
    return lookup(statuses, text);
}
std::string_view to_string(CheckinKind kind) { return name_of(kinds, kind); }
std::optional<CheckinKind> checkin_kind_from_string(std::string_view text) {
    return lookup(kinds, text);
}
std::string_view to_string(CheckinMethod method) { return name_of(methods, method); }
std::optional<CheckinMethod> checkin_method_from_string(std::string_view text) {
    return lookup(methods, text);
}

Attendance fold_attendance(const std::vector<CheckinRecord>& rows) {
    std::set<std::string> undone;
    for (const auto& row : rows) {
        if (row.kind == CheckinKind::Undo) undone.insert(row.undoes);
    }
    // The hybrid logical clock orders rows across kiosks; the id breaks exact ties so every
    // kiosk folds the same log to the same answer.
    auto earlier = [](const CheckinRecord& a, const CheckinRecord& b) {
        return std::tie(a.stamp, a.id) < std::tie(b.stamp, b.id);
    };
    Attendance attendance;
    const CheckinRecord* last_checkin = nullptr;
    for (const auto& row : rows) {
        if (undone.contains(row.id)) continue;
        if (row.kind == CheckinKind::CheckIn) {
            if (!attendance.first || earlier(row, *attendance.first)) attendance.first = row;
            if (!last_checkin || earlier(*last_checkin, row)) last_checkin = &row;
        } else if (row.kind == CheckinKind::Leave) {
            if (!attendance.left || earlier(*attendance.left, row)) attendance.left = row;
        }
    }
    attendance.checked_in = attendance.first.has_value();
    // A leave before the latest check-in is over: they came back.
    if (attendance.left && (!last_checkin || earlier(*attendance.left, *last_checkin))) {
        attendance.left.reset();
    }
    return attendance;
}

}  // namespace uketsuke
