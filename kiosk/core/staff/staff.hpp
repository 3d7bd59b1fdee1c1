#pragma once
// Staff members of an event, their PINs and the lockout that guards them, and staff tickets.
//
// PINs: 4 to 8 ASCII digits, stored only as an Argon2id string (libsodium crypto_pwhash_str
// with crypto_pwhash_ALG_ARGON2ID13; the string carries its own salt and cost, so changing
// the default cost later keeps old hashes verifiable). The default cost is t = 12 passes over
// 32 MiB: one verify measured 0.17-0.18 s on the 2-core build machine while it was also
// compiling (t = 8: 0.10 s, t = 10: 0.12 s, 64 MiB with t = 4: 0.13 s, interactive preset
// t = 2 / 64 MiB: 0.07 s). 32 MiB rather than 64 keeps the kiosk under its 100 MB resident
// budget while a verify runs. A verify is slow on purpose: run it off the UI thread.
// A 4-digit PIN has only 10,000 values, so against someone who copies the event file the hash
// only buys time; at the kiosk the lockout below is what stops guessing.
//
// Lockout (PinGate): the first 3 wrong PINs in a row are free; the 3rd locks for 30 s, and each
// further wrong PIN doubles the lockout (60 s, 120 s, ...) up to 15 min. A right PIN resets it.
// While locked, the PIN is not even checked. The state lives in the staff row, so restarting
// the kiosk does not reset it.
//
// Staff tickets: an ordinary signed ticket (ticket.hpp) for the pseudo participant id
// "staff:<staff id>", generation 1, signed with the event's ticket key. Kiosks recognize it
// with verify_ticket plus the "staff:" prefix (recognize_staff_ticket below), so it needs no
// new format, no new key and cannot be forged without the organizer's secret key. Removing a
// staff member makes their ticket worthless (recognition also requires the staff row).
// The kiosk must ask recognize_staff_ticket before the check-in service: to the check-in
// service a staff ticket looks like a valid ticket of a participant it does not know.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "kiosk/core/model/staff.hpp"
#include "kiosk/core/store/event_store.hpp"
#include "kiosk/core/tickets/ticket.hpp"

namespace uketsuke {

// The Argon2id cost. Left at zero it is the production default (see above); tests pass
// test_pin_cost() so the suite stays fast, also under sanitizers.
struct PinHashCost {
    unsigned long long opslimit = 0;
    std::size_t memlimit = 0;
};
inline constexpr unsigned long long kDefaultPinOpslimit = 12;
inline constexpr std::size_t kDefaultPinMemlimit = std::size_t{32} << 20;
PinHashCost test_pin_cost();  // libsodium's minimum: t = 1, 8 KiB. Never for real PINs.

// Throws std::invalid_argument for an invalid PIN, std::runtime_error if libsodium fails.
std::string hash_pin(std::string_view pin, const PinHashCost& cost = {});
bool pin_matches(const std::string& pin_hash, std::string_view pin);

// ---- lockout, as plain data with the clock passed in --------------------------

struct PinGatePolicy {
    int free_attempts = 3;  // wrong PINs before the first lockout
    std::int64_t first_lockout_ms = 30'000;
    std::int64_t max_lockout_ms = 15 * 60'000;
};

struct PinGate {
    int failed_attempts = 0;           // wrong PINs in a row
    std::int64_t locked_until_ms = 0;  // locked while now < locked_until_ms

    [[nodiscard]] bool locked(std::int64_t now_ms) const { return now_ms < locked_until_ms; }
    // Wrong PINs left before the next lockout (0 once lockouts have begun).
    [[nodiscard]] int attempts_left(const PinGatePolicy& policy = {}) const;
    // The state after a wrong PIN at `now_ms`.
    [[nodiscard]] PinGate after_wrong(std::int64_t now_ms, const PinGatePolicy& policy = {}) const;
    [[nodiscard]] static PinGate after_right() { return {}; }

    friend bool operator==(const PinGate&, const PinGate&) = default;
};

// ---- the staff table ----------------------------------------------------------

// Throws std::invalid_argument for an empty name or an invalid PIN. Returns the new member
// with a fresh random id (8 characters, easy to type).
StaffMember add_staff(EventStore& store, const std::string& name, StaffRole role,
                      std::string_view pin, const PinHashCost& cost = {});
bool remove_staff(EventStore& store, const std::string& staff_id);  // false: no such member
std::vector<StaffMember> list_staff(const EventStore& store);       // by name, then id
std::optional<StaffMember> find_staff(const EventStore& store, const std::string& staff_id);

// Checks a PIN and records the outcome in the staff row. Takes one Argon2id verify (~0.14 s):
// call it off the UI thread. The verify runs outside any transaction so check-ins are not
// held up; the new lockout state is written in a short transaction after it.
[[nodiscard]] PinResult attempt_pin(EventStore& store, const std::string& staff_id,
                                    std::string_view pin, std::int64_t now_ms,
                                    const PinGatePolicy& policy = {});

// ---- staff tickets ------------------------------------------------------------

inline constexpr std::string_view kStaffTicketPrefix = "staff:";

[[nodiscard]] std::string staff_ticket_code(const SecretKey& secret_key, const EventId& event_id,
                                            const std::string& staff_id);

enum class StaffTicketStatus {
    NotStaff,      // not a valid staff ticket of this event: hand it to the check-in service
    Staff,         // a valid staff ticket of a current staff member
    UnknownStaff,  // validly signed, but that member was removed: refuse, do not check in
};

struct StaffTicketCheck {
    StaffTicketStatus status = StaffTicketStatus::NotStaff;
    std::optional<StaffMember> staff;  // for Staff
    std::string staff_id;              // for Staff and UnknownStaff
};

[[nodiscard]] StaffTicketCheck recognize_staff_ticket(const EventStore& store,
                                                      std::string_view scanned);

}  // namespace uketsuke
