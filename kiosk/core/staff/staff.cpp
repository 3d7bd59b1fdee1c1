#include "kiosk/core/staff/staff.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <stdexcept>

#include "kiosk/core/store/ids.hpp"

namespace uketsuke {
namespace {

void require_sodium() {
    static const bool ready = sodium_init() >= 0;
    if (!ready) throw std::runtime_error("libsodium failed to initialise");
}

// Staff ids are typed at the command line: lower-case letters and digits without the
// look-alikes l, o, 0 and 1. 8 characters hold 40 random bits, plenty for a staff list.
std::string random_staff_id() {
    static constexpr std::string_view alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
    std::string id;
    for (int i = 0; i < 8; ++i)
        id += alphabet[randombytes_uniform(static_cast<std::uint32_t>(alphabet.size()))];
    return id;
}

StaffMember read_member(const sql::Statement& row) {
    StaffMember member;
    member.id = row.text(0);
    member.name = row.text(1);
    member.role = staff_role_from_string(row.text(2)).value_or(StaffRole::Door);
    // Files before schema 4 keep the counters in the row; read_gate replaces them from the log.
    member.failed_attempts = static_cast<int>(row.integer(3));
    member.locked_until_ms = row.integer(4);
    return member;
}

constexpr const char* kMemberColumns = "id, name, role, failed_attempts, locked_until_ms";

struct StoredStaff {
    StaffMember member;
    std::string pin_hash;
};

// A file of schema 3 or older opened read-only (`staff list`) has no attempt log yet.
bool has_attempt_log(sql::Database& db) {
    auto query =
        db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'staff_attempts'");
    return query.step();
}

// The member's lockout: their attempts folded in stamp order, every kiosk's rows alike. A wrong
// PIN typed while another kiosk had already locked the member (before the files met) still
// counts, and a lockout never ends sooner because a later row came from a slower clock.
PinGate fold_attempts(sql::Database& db, const std::string& staff_id, const PinGatePolicy& policy) {
    PinGate gate;
    auto rows = db.prepare(
        "SELECT outcome, wall_ms FROM staff_attempts WHERE staff_id = ? ORDER BY stamp, id");
    rows.bind(1, staff_id);
    while (rows.step()) {
        const std::string outcome = rows.text(0);
        if (outcome == "right") {
            gate = PinGate::after_right();
        } else if (outcome == "wrong") {
            const PinGate next = gate.after_wrong(rows.integer(1), policy);
            gate =
                PinGate{next.failed_attempts, std::max(next.locked_until_ms, gate.locked_until_ms)};
        }
    }
    return gate;
}

void read_gate(sql::Database& db, StaffMember& member, const PinGatePolicy& policy = {}) {
    if (!has_attempt_log(db)) return;
    const PinGate gate = fold_attempts(db, member.id, policy);
    member.failed_attempts = gate.failed_attempts;
    member.locked_until_ms = gate.locked_until_ms;
}

std::optional<StoredStaff> load_stored(sql::Database& db, const std::string& staff_id,
                                       const PinGatePolicy& policy) {
    auto query = db.prepare(
        "SELECT id, name, role, failed_attempts, locked_until_ms, pin_hash FROM staff WHERE id = "
        "?");
    query.bind(1, staff_id);
    if (!query.step()) return std::nullopt;
    StoredStaff stored{read_member(query), query.text(5)};
    read_gate(db, stored.member, policy);
    return stored;
}

// "uk1:<key id>:<digits>:<argon2 string>" for a hash made with a staff key.
constexpr std::string_view kKeyedPrefix = "uk1:";

struct KeyedHash {
    std::string key_id;
    int digits = 0;
    std::string argon2;
};

std::optional<KeyedHash> parse_keyed(const std::string& pin_hash) {
    if (!pin_hash.starts_with(kKeyedPrefix)) return std::nullopt;
    const std::size_t key_end = pin_hash.find(':', kKeyedPrefix.size());
    if (key_end == std::string::npos) return std::nullopt;
    const std::size_t digits_end = pin_hash.find(':', key_end + 1);
    if (digits_end == std::string::npos || digits_end == key_end + 1) return std::nullopt;
    KeyedHash keyed;
    keyed.key_id = pin_hash.substr(kKeyedPrefix.size(), key_end - kKeyedPrefix.size());
    for (std::size_t i = key_end + 1; i < digits_end; ++i) {
        if (pin_hash[i] < '0' || pin_hash[i] > '9' || keyed.digits > 100) return std::nullopt;
        keyed.digits = keyed.digits * 10 + (pin_hash[i] - '0');
    }
    keyed.argon2 = pin_hash.substr(digits_end + 1);
    return keyed;
}

// What Argon2id is given for a keyed hash: BLAKE2b-256 of the PIN keyed with the staff key,
// in hex. Someone without the key cannot compute it for any guess.
std::string keyed_input(std::string_view pin, const StaffKey& key) {
    unsigned char digest[32];
    crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(pin.data()),
                       pin.size(), key.bytes.data(), key.bytes.size());
    char hex[65];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    sodium_memzero(digest, sizeof digest);
    std::string input(hex, 64);
    sodium_memzero(hex, sizeof hex);
    return input;
}

std::string argon2_string(std::string_view password, const PinHashCost& cost) {
    const unsigned long long opslimit = cost.opslimit != 0 ? cost.opslimit : kDefaultPinOpslimit;
    const std::size_t memlimit = cost.memlimit != 0 ? cost.memlimit : kDefaultPinMemlimit;
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), opslimit, memlimit,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
        throw std::runtime_error("Argon2id hashing failed (out of memory?)");
    }
    return std::string(out);
}

}  // namespace

PinHashCost test_pin_cost() { return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN}; }

std::string hash_pin(std::string_view pin, const PinHashCost& cost, const StaffKey* key) {
    if (!is_valid_pin(pin)) throw std::invalid_argument("a PIN is 4 to 8 digits");
    require_sodium();
    if (key == nullptr) return argon2_string(pin, cost);
    std::string input = keyed_input(pin, *key);
    std::string hash =
        fmt::format("{}{}:{}:{}", kKeyedPrefix, key->id(), pin.size(), argon2_string(input, cost));
    sodium_memzero(input.data(), input.size());
    return hash;
}

PinCheck check_pin(const std::string& pin_hash, std::string_view pin, const StaffKey* key) {
    if (!is_valid_pin(pin) || pin_hash.empty()) return PinCheck::Wrong;
    require_sodium();
    if (const auto keyed = parse_keyed(pin_hash)) {
        if (key == nullptr || key->id() != keyed->key_id) return PinCheck::NeedsKey;
        std::string input = keyed_input(pin, *key);
        const bool right =
            crypto_pwhash_str_verify(keyed->argon2.c_str(), input.data(), input.size()) == 0;
        sodium_memzero(input.data(), input.size());
        return right ? PinCheck::Right : PinCheck::Wrong;
    }
    return crypto_pwhash_str_verify(pin_hash.c_str(), pin.data(), pin.size()) == 0
               ? PinCheck::Right
               : PinCheck::Wrong;
}

bool pin_matches(const std::string& pin_hash, std::string_view pin) {
    return check_pin(pin_hash, pin, nullptr) == PinCheck::Right;
}

PinStrength pin_strength(const std::string& pin_hash) {
    PinStrength strength;
    if (const auto keyed = parse_keyed(pin_hash)) {
        strength.digits = keyed->digits;
        strength.keyed = true;
        strength.key_id = keyed->key_id;
    }
    return strength;
}

int PinGate::attempts_left(const PinGatePolicy& policy) const {
    return std::max(0, policy.free_attempts - failed_attempts);
}

PinGate PinGate::after_wrong(std::int64_t now_ms, const PinGatePolicy& policy) const {
    PinGate next{failed_attempts + 1, locked_until_ms};
    const int beyond = next.failed_attempts - policy.free_attempts;  // 0 at the first lockout
    if (beyond < 0) return next;
    std::int64_t lockout = policy.first_lockout_ms;
    for (int i = 0; i < beyond && lockout < policy.max_lockout_ms; ++i) lockout *= 2;
    next.locked_until_ms = now_ms + std::min(lockout, policy.max_lockout_ms);
    return next;
}

StaffMember add_staff(EventStore& store, const std::string& name, StaffRole role,
                      std::string_view pin, const PinHashCost& cost, const StaffKey* key) {
    if (name.empty()) throw std::invalid_argument("a staff member needs a name");
    const std::string pin_hash = hash_pin(pin, cost, key);  // validates the PIN
    require_sodium();
    auto& db = store.database();
    for (;;) {
        StaffMember member{random_staff_id(), name, role, 0, 0};
        auto insert = db.prepare(
            "INSERT OR IGNORE INTO staff (id, name, role, pin_hash) VALUES (?, ?, ?, ?)");
        insert.bind_all(member.id, member.name, std::string(to_string(role)), pin_hash);
        insert.run();
        if (db.changes() > 0) return member;  // else an id collision: draw again
    }
}

bool set_staff_pin(EventStore& store, const std::string& staff_id, std::string_view pin,
                   const PinHashCost& cost, const StaffKey* key) {
    const std::string pin_hash = hash_pin(pin, cost, key);
    auto& db = store.database();
    auto update = db.prepare("UPDATE staff SET pin_hash = ? WHERE id = ?");
    update.bind_all(pin_hash, staff_id);
    update.run();
    return db.changes() > 0;
}

bool remove_staff(EventStore& store, const std::string& staff_id) {
    auto& db = store.database();
    auto remove = db.prepare("DELETE FROM staff WHERE id = ?");
    remove.bind(1, staff_id);
    remove.run();
    return db.changes() > 0;
}

std::vector<StaffMember> list_staff(const EventStore& store) {
    auto& db = const_cast<EventStore&>(store).database();  // reads only
    std::vector<StaffMember> members;
    auto query =
        db.prepare(std::string("SELECT ") + kMemberColumns + " FROM staff ORDER BY name, id");
    while (query.step()) members.push_back(read_member(query));
    for (auto& member : members) read_gate(db, member);
    return members;
}

std::optional<StaffMember> find_staff(const EventStore& store, const std::string& staff_id) {
    auto& db = const_cast<EventStore&>(store).database();  // reads only
    auto query = db.prepare(std::string("SELECT ") + kMemberColumns + " FROM staff WHERE id = ?");
    query.bind(1, staff_id);
    if (!query.step()) return std::nullopt;
    StaffMember member = read_member(query);
    read_gate(db, member);
    return member;
}

std::vector<std::string> weak_pin_warnings(const EventStore& store) {
    auto& db = const_cast<EventStore&>(store).database();  // reads only
    std::vector<std::string> warnings;
    auto query = db.prepare("SELECT id, name, pin_hash FROM staff ORDER BY name, id");
    while (query.step()) {
        const PinStrength strength = pin_strength(query.text(2));
        std::string why;
        if (!strength.keyed) {
            why =
                "was set before PINs had 6 digits and a staff key; it may be 4 digits, and a "
                "copy of the event file is enough to guess it";
        } else if (strength.digits < static_cast<int>(kMinNewPinDigits)) {
            why = fmt::format("has only {} digits", strength.digits);
        } else {
            continue;
        }
        warnings.push_back(
            fmt::format("{} {}: the PIN {}; set a new one with `uketsuke staff pin {}`",
                        query.text(0), query.text(1), why, query.text(0)));
    }
    return warnings;
}

PinResult attempt_pin(EventStore& store, const std::string& staff_id, std::string_view pin,
                      std::int64_t now_ms, const PinAttemptContext& context) {
    auto& db = store.database();
    const auto before = load_stored(db, staff_id, context.policy);
    if (!before) return PinUnknownStaff{};
    const PinGate gate_before{before->member.failed_attempts, before->member.locked_until_ms};
    if (gate_before.locked(now_ms)) return PinLocked{gate_before.locked_until_ms};

    // The slow part, outside any transaction.
    const PinCheck check = check_pin(before->pin_hash, pin, context.key);
    if (check == PinCheck::NeedsKey) {
        return PinWrong{gate_before.attempts_left(context.policy), 0};
    }
    const bool right = check == PinCheck::Right;

    // Inside the transaction the log is folded again: another attempt may have been recorded
    // meanwhile, here or by a merge.
    sql::Transaction transaction(db);
    if (!load_stored(db, staff_id, context.policy)) return PinUnknownStaff{};
    auto insert = db.prepare(
        "INSERT INTO staff_attempts (id, staff_id, outcome, kiosk, wall_ms, stamp) VALUES (?, ?, "
        "?, ?, ?, ?)");
    insert.bind_all(random_id(), staff_id, std::string(right ? "right" : "wrong"), context.kiosk,
                    now_ms, store.next_stamp(context.kiosk, now_ms).to_string());
    insert.run();
    const auto now = load_stored(db, staff_id, context.policy);
    transaction.commit();
    const PinGate next{now->member.failed_attempts, now->member.locked_until_ms};

    if (right) return PinOk{now->member};
    return PinWrong{next.attempts_left(context.policy),
                    next.locked(now_ms) ? next.locked_until_ms : 0};
}

std::string staff_ticket_code(const SecretKey& secret_key, const EventId& event_id,
                              const std::string& staff_id) {
    return issue_ticket(secret_key, event_id, std::string(kStaffTicketPrefix) + staff_id, 1);
}

StaffTicketCheck recognize_staff_ticket(const EventStore& store, std::string_view scanned) {
    StaffTicketCheck result;
    const auto event_id = event_id_from_hex(store.event().id);
    if (!event_id) return result;
    std::vector<PublicKey> keys;
    for (const auto& text : store.public_keys()) {
        if (auto key = public_key_from_text(text)) keys.push_back(*key);
    }
    const TicketCheck check = verify_ticket(scanned, *event_id, keys, {});
    if (!check.valid() || !check.participant_id.starts_with(kStaffTicketPrefix) ||
        check.generation != 1) {
        return result;
    }
    result.staff_id = check.participant_id.substr(kStaffTicketPrefix.size());
    result.staff = find_staff(store, result.staff_id);
    result.status = result.staff ? StaffTicketStatus::Staff : StaffTicketStatus::UnknownStaff;
    return result;
}

}  // namespace uketsuke
