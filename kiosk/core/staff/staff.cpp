#include "kiosk/core/staff/staff.hpp"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>

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
    member.failed_attempts = static_cast<int>(row.integer(3));
    member.locked_until_ms = row.integer(4);
    return member;
}

constexpr const char* kMemberColumns = "id, name, role, failed_attempts, locked_until_ms";

struct StoredStaff {
    StaffMember member;
    std::string pin_hash;
};

std::optional<StoredStaff> load_stored(sql::Database& db, const std::string& staff_id) {
    auto query = db.prepare(
        "SELECT id, name, role, failed_attempts, locked_until_ms, pin_hash FROM staff WHERE id = "
        "?");
    query.bind(1, staff_id);
    if (!query.step()) return std::nullopt;
    return StoredStaff{read_member(query), query.text(5)};
}

}  // namespace

PinHashCost test_pin_cost() { return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN}; }

std::string hash_pin(std::string_view pin, const PinHashCost& cost) {
    if (!is_valid_pin(pin)) throw std::invalid_argument("a PIN is 4 to 8 digits");
    require_sodium();
    const unsigned long long opslimit = cost.opslimit != 0 ? cost.opslimit : kDefaultPinOpslimit;
    const std::size_t memlimit = cost.memlimit != 0 ? cost.memlimit : kDefaultPinMemlimit;
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, pin.data(), pin.size(), opslimit, memlimit,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
        throw std::runtime_error("Argon2id hashing failed (out of memory?)");
    }
    return std::string(out);
}

bool pin_matches(const std::string& pin_hash, std::string_view pin) {
    if (!is_valid_pin(pin) || pin_hash.empty()) return false;
    require_sodium();
    return crypto_pwhash_str_verify(pin_hash.c_str(), pin.data(), pin.size()) == 0;
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
                      std::string_view pin, const PinHashCost& cost) {
    if (name.empty()) throw std::invalid_argument("a staff member needs a name");
    const std::string pin_hash = hash_pin(pin, cost);  // validates the PIN
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
    return members;
}

std::optional<StaffMember> find_staff(const EventStore& store, const std::string& staff_id) {
    auto& db = const_cast<EventStore&>(store).database();  // reads only
    auto query = db.prepare(std::string("SELECT ") + kMemberColumns + " FROM staff WHERE id = ?");
    query.bind(1, staff_id);
    if (!query.step()) return std::nullopt;
    return read_member(query);
}

PinResult attempt_pin(EventStore& store, const std::string& staff_id, std::string_view pin,
                      std::int64_t now_ms, const PinGatePolicy& policy) {
    auto& db = store.database();
    const auto before = load_stored(db, staff_id);
    if (!before) return PinUnknownStaff{};
    const PinGate gate_before{before->member.failed_attempts, before->member.locked_until_ms};
    if (gate_before.locked(now_ms)) return PinLocked{gate_before.locked_until_ms};

    // The slow part, outside any transaction.
    const bool right = pin_matches(before->pin_hash, pin);

    // Re-read inside the transaction: another attempt may have been recorded meanwhile.
    sql::Transaction transaction(db);
    const auto now = load_stored(db, staff_id);
    if (!now) return PinUnknownStaff{};  // removed while we were verifying
    const PinGate current{now->member.failed_attempts, now->member.locked_until_ms};
    const PinGate next = right ? PinGate::after_right() : current.after_wrong(now_ms, policy);
    auto update =
        db.prepare("UPDATE staff SET failed_attempts = ?, locked_until_ms = ? WHERE id = ?");
    update.bind(1, next.failed_attempts).bind(2, next.locked_until_ms).bind(3, staff_id);
    update.run();
    transaction.commit();

    if (right) {
        StaffMember member = now->member;
        member.failed_attempts = next.failed_attempts;
        member.locked_until_ms = next.locked_until_ms;
        return PinOk{std::move(member)};
    }
    return PinWrong{next.attempts_left(policy), next.locked(now_ms) ? next.locked_until_ms : 0};
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
