#pragma once
// Staff members as plain values (staff/staff.hpp keeps them in the event file and checks their
// PINs): roles and what each may do, a member as listed, and what a PIN attempt came to.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace uketsuke {

enum class StaffRole {
    Door,        // search, check in, walk-in
    Supervisor,  // also undo, cancel, move, settings, leaving the kiosk
};

std::string_view to_string(StaffRole role);
std::optional<StaffRole> staff_role_from_string(std::string_view text);
// PinSession: fix the kiosk to one session (session_pin.hpp); CorrectSession: set one
// session's attendance on the person card (session_correction.hpp); Attention: flag a person for
// the door (attention.hpp; acknowledging a flag is for any staff member).
enum class StaffAction {
    Search,
    CheckIn,
    WalkIn,
    Undo,
    Cancel,
    Move,
    Settings,
    Exit,
    PinSession,
    CorrectSession,
    Attention
};
// Door staff: search, check in, walk-in. Supervisors: everything.
bool allowed(StaffRole role, StaffAction action);

// What a supervisor sets one session of a person's attendance to (session_correction.hpp).
enum class SessionCorrection { Present, Late, EarlyLeave, Absent };
std::string_view to_string(SessionCorrection correction);  // present, late, early-leave, absent

// What `list` and a successful PIN give back: never the hash.
struct StaffMember {
    std::string id;
    std::string name;
    StaffRole role = StaffRole::Door;
    int failed_attempts = 0;
    std::int64_t locked_until_ms = 0;
};

bool is_valid_pin(std::string_view pin);  // 4..8 ASCII digits: every PIN that may be typed
// A PIN set from now on: 6..8 ASCII digits. Hashes of the 4-digit PINs of older files still
// verify (is_valid_pin), and `uketsuke staff list` says which to replace.
inline constexpr std::size_t kMinNewPinDigits = 6;
bool is_valid_new_pin(std::string_view pin);

struct PinOk {
    StaffMember staff;
};
struct PinWrong {
    int attempts_left = 0;             // before the next lockout
    std::int64_t locked_until_ms = 0;  // non-zero when this wrong PIN started a lockout
};
struct PinLocked {
    std::int64_t until_ms = 0;  // the PIN was not checked
};
struct PinUnknownStaff {};

using PinResult = std::variant<PinOk, PinWrong, PinLocked, PinUnknownStaff>;

}  // namespace uketsuke
