#pragma once
// Staff members of an event, their PINs and the lockout that guards them, and staff tickets.
//
// PINs: new ones are 6 to 8 ASCII digits (4- and 5-digit PINs of older files still verify,
// and `uketsuke staff list` warns about them). Each is stored only as an Argon2id string
// (libsodium crypto_pwhash_str_alg, ALG_ARGON2ID13; the string carries its own salt and cost,
// so changing the default cost later keeps old hashes verifiable), and, given the event's
// staff key (staff_key.hpp), of BLAKE2b(key, PIN) rather than the PIN: the stored text is then
// "uk1:<key id>:<digits>:" followed by the Argon2id string. Without the key file, a copy of the
// event file is no help in guessing; with it (a stolen kiosk), Argon2id is what is left.
// The default cost is t = 16 passes over 32 MiB; tests/bench/pin_bench.cpp measures a verify
// (the README has the figures: the kiosk's wait for a PIN, an attacker's guesses per second).
// 32 MiB rather than 64 keeps the kiosk under its 100 MB resident budget while a verify runs.
// A verify is slow on purpose: run it off the UI thread.
//
// Lockout (PinGate): the first 3 wrong PINs in a row are free; the 3rd locks for 30 s, and each
// further wrong PIN doubles the lockout (60 s, 120 s, ...) up to 15 min. A right PIN resets it.
// While locked, the PIN is not even checked. Every PIN checked is a row of the append-only
// staff_attempts log (schema 4), merged as a union by id like the check-in log, and a member's
// lockout is the fold of their rows in stamp order: restarting the kiosk does not reset it,
// and wrong PINs at several kiosks count together once their files are merged.
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
#include "kiosk/core/staff/staff_key.hpp"
#include "kiosk/core/store/event_store.hpp"
#include "kiosk/core/tickets/ticket.hpp"

namespace uketsuke {

// The Argon2id cost. Left at zero it is the production default (see above); tests pass
// test_pin_cost() so the suite stays fast, also under sanitizers.
struct PinHashCost {
    unsigned long long opslimit = 0;
    std::size_t memlimit = 0;
};
inline constexpr unsigned long long kDefaultPinOpslimit = 16;
inline constexpr std::size_t kDefaultPinMemlimit = std::size_t{32} << 20;
PinHashCost test_pin_cost();  // libsodium's minimum: t = 1, 8 KiB. Never for real PINs.

// Throws std::invalid_argument for an invalid PIN, std::runtime_error if libsodium fails.
// With a key, the hash is of BLAKE2b(key, PIN) and names the key; without, of the PIN (files
// made before staff keys, and tests).
std::string hash_pin(std::string_view pin, const PinHashCost& cost = {},
                     const StaffKey* key = nullptr);

enum class PinCheck {
    Right,
    Wrong,
    NeedsKey,  // made with a staff key this caller does not hold (or another one)
};
[[nodiscard]] PinCheck check_pin(const std::string& pin_hash, std::string_view pin,
                                 const StaffKey* key);
bool pin_matches(const std::string& pin_hash, std::string_view pin);  // without a key

// What the stored hash says about the PIN behind it, for warnings.
struct PinStrength {
    int digits = 0;      // 0: not recorded (set before PINs had to be 6 digits)
    bool keyed = false;  // made with the event's staff key
    std::string key_id;  // which key, when keyed
};
[[nodiscard]] PinStrength pin_strength(const std::string& pin_hash);

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

// Throws std::invalid_argument for an empty name or an invalid PIN (is_valid_pin: the organizer's
// tool asks is_valid_new_pin of what a person types). Returns the new member with a fresh
// random id (8 characters, easy to type).
StaffMember add_staff(EventStore& store, const std::string& name, StaffRole role,
                      std::string_view pin, const PinHashCost& cost = {},
                      const StaffKey* key = nullptr);
// A new PIN for a member; false: no such member. Throws like add_staff.
bool set_staff_pin(EventStore& store, const std::string& staff_id, std::string_view pin,
                   const PinHashCost& cost = {}, const StaffKey* key = nullptr);
bool remove_staff(EventStore& store, const std::string& staff_id);  // false: no such member
// failed_attempts and locked_until_ms are the fold of the member's attempt log.
std::vector<StaffMember> list_staff(const EventStore& store);  // by name, then id
std::optional<StaffMember> find_staff(const EventStore& store, const std::string& staff_id);
// Members whose PIN should be replaced, one line each: short or of unknown length, or made
// without the event's staff key.
std::vector<std::string> weak_pin_warnings(const EventStore& store);

struct PinAttemptContext {
    std::string kiosk = "kiosk";    // the node of the hybrid clock, recorded with the attempt
    const StaffKey* key = nullptr;  // the event's staff key, when the kiosk holds it
    PinGatePolicy policy;
};

// Checks a PIN and records the outcome in the staff attempt log. Takes one Argon2id verify
// (README: about 0.25 s): call it off the UI thread. The verify runs outside any transaction so
// check-ins are not held up; the attempt is written in a short transaction after it. A PIN
// that cannot be checked because the kiosk lacks the staff key is answered as wrong and not
// recorded (it says nothing about the person typing).
[[nodiscard]] PinResult attempt_pin(EventStore& store, const std::string& staff_id,
                                    std::string_view pin, std::int64_t now_ms,
                                    const PinAttemptContext& context = {});

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
