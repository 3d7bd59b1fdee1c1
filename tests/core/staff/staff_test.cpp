#include "kiosk/core/staff/staff.hpp"

#include <gtest/gtest.h>
#include <sodium.h>
#include <sys/stat.h>

#include "kiosk/core/staff/staff_key.hpp"
#include "support/event_fixture.hpp"

namespace uketsuke {
namespace {

using testing::EventFixture;

constexpr std::int64_t kT0 = 1'800'000'000'000;

template <typename T>
const T& as(const PinResult& result) {
    EXPECT_TRUE(std::holds_alternative<T>(result)) << "result index " << result.index();
    static const T empty{};
    return std::holds_alternative<T>(result) ? std::get<T>(result) : empty;
}

TEST(StaffPin, HashIsArgon2idNeverThePinAndVerifies) {
    const std::string hash = hash_pin("4821", test_pin_cost());
    EXPECT_NE(hash, "4821");
    EXPECT_EQ(hash.find("4821"), std::string::npos);
    EXPECT_TRUE(hash.starts_with("$argon2id$")) << hash;
    EXPECT_TRUE(pin_matches(hash, "4821"));
    EXPECT_FALSE(pin_matches(hash, "4822"));
    EXPECT_FALSE(pin_matches(hash, ""));
    EXPECT_NE(hash_pin("4821", test_pin_cost()), hash);  // salted
}

TEST(StaffPin, DefaultCostIsWrittenIntoTheHash) {
    // Only checks the parameters land in the string; hashing at full cost once is ~0.25 s.
    const std::string hash = hash_pin("12345678");
    EXPECT_NE(hash.find("m=32768,t=16,p=1"), std::string::npos) << hash;
    EXPECT_TRUE(pin_matches(hash, "12345678"));
}

TEST(StaffPin, OnlyFourToEightDigits) {
    EXPECT_TRUE(is_valid_pin("0000"));
    EXPECT_TRUE(is_valid_pin("12345678"));
    EXPECT_FALSE(is_valid_pin("123"));
    EXPECT_FALSE(is_valid_pin("123456789"));
    EXPECT_FALSE(is_valid_pin("12a4"));
    EXPECT_FALSE(is_valid_pin("１２３４"));  // full-width digits: the PIN pad sends ASCII
    EXPECT_THROW((void)hash_pin("12", test_pin_cost()), std::invalid_argument);
}

TEST(PinGate, ThreeWrongLockForThirtySecondsExactlyToTheBoundary) {
    PinGate gate;
    EXPECT_EQ(gate.attempts_left(), 3);
    gate = gate.after_wrong(kT0);
    EXPECT_EQ(gate.attempts_left(), 2);
    EXPECT_FALSE(gate.locked(kT0));
    gate = gate.after_wrong(kT0 + 1000);
    EXPECT_EQ(gate.attempts_left(), 1);
    EXPECT_FALSE(gate.locked(kT0 + 1000));
    gate = gate.after_wrong(kT0 + 2000);
    EXPECT_EQ(gate.attempts_left(), 0);
    EXPECT_EQ(gate.locked_until_ms, kT0 + 2000 + 30'000);
    EXPECT_TRUE(gate.locked(kT0 + 2000));
    EXPECT_TRUE(gate.locked(kT0 + 2000 + 29'999));
    EXPECT_FALSE(gate.locked(kT0 + 2000 + 30'000));
}

TEST(PinGate, EachFurtherWrongPinDoublesUpToFifteenMinutes) {
    PinGate gate;
    std::int64_t now = kT0;
    for (int i = 0; i < 3; ++i) gate = gate.after_wrong(now);
    const std::int64_t expected[] = {60'000, 120'000, 240'000, 480'000, 900'000, 900'000, 900'000};
    for (std::int64_t lockout : expected) {
        now = gate.locked_until_ms;  // the moment the last lockout ends
        ASSERT_FALSE(gate.locked(now));
        gate = gate.after_wrong(now);
        EXPECT_EQ(gate.locked_until_ms - now, lockout)
            << "after " << gate.failed_attempts << " wrong PINs";
    }
    for (int i = 0; i < 100; ++i)
        gate = gate.after_wrong(now);  // no overflow however long it goes on
    EXPECT_EQ(gate.locked_until_ms - now, 900'000);
    EXPECT_EQ(PinGate::after_right(), PinGate{});
}

class StaffStore : public ::testing::Test {
protected:
    EventFixture event;
    StaffMember add(const std::string& name, StaffRole role, std::string_view pin) {
        return add_staff(event.store, name, role, pin, test_pin_cost());
    }
};

TEST_F(StaffStore, AddListRemoveNeverShowsTheHash) {
    const auto door = add("受付 花子", StaffRole::Door, "1111");
    const auto boss = add("Aoki", StaffRole::Supervisor, "22222222");
    EXPECT_EQ(door.id.size(), 8u);
    EXPECT_NE(door.id, boss.id);
    const auto members = list_staff(event.store);
    ASSERT_EQ(members.size(), 2u);
    EXPECT_EQ(members[0].name, "Aoki");
    EXPECT_EQ(members[0].role, StaffRole::Supervisor);
    EXPECT_EQ(members[1].name, "受付 花子");
    EXPECT_EQ(members[1].role, StaffRole::Door);

    // The hash in the row is Argon2id and not the PIN.
    auto row = event.store.database().prepare("SELECT pin_hash FROM staff WHERE id = ?");
    row.bind(1, door.id);
    ASSERT_TRUE(row.step());
    EXPECT_TRUE(row.text(0).starts_with("$argon2id$"));
    EXPECT_EQ(row.text(0).find("1111"), std::string::npos);

    EXPECT_TRUE(remove_staff(event.store, door.id));
    EXPECT_FALSE(remove_staff(event.store, door.id));
    EXPECT_FALSE(find_staff(event.store, door.id));
    EXPECT_EQ(list_staff(event.store).size(), 1u);
    EXPECT_TRUE(
        std::holds_alternative<PinUnknownStaff>(attempt_pin(event.store, door.id, "1111", kT0)));
}

TEST_F(StaffStore, RefusesBadInput) {
    EXPECT_THROW(add("", StaffRole::Door, "1234"), std::invalid_argument);
    EXPECT_THROW(add("A", StaffRole::Door, "12"), std::invalid_argument);
    EXPECT_TRUE(list_staff(event.store).empty());
}

TEST_F(StaffStore, RolesDecideWhatStaffModeOffers) {
    for (auto action : {StaffAction::Search, StaffAction::CheckIn, StaffAction::WalkIn}) {
        EXPECT_TRUE(allowed(StaffRole::Door, action));
        EXPECT_TRUE(allowed(StaffRole::Supervisor, action));
    }
    for (auto action : {StaffAction::Undo, StaffAction::Cancel, StaffAction::Move,
                        StaffAction::Settings, StaffAction::Exit}) {
        EXPECT_FALSE(allowed(StaffRole::Door, action));
        EXPECT_TRUE(allowed(StaffRole::Supervisor, action));
    }
    EXPECT_EQ(staff_role_from_string("door"), StaffRole::Door);
    EXPECT_EQ(staff_role_from_string("supervisor"), StaffRole::Supervisor);
    EXPECT_FALSE(staff_role_from_string("admin"));
}

TEST_F(StaffStore, RightPinOpensWithTheRole) {
    const auto boss = add("Aoki", StaffRole::Supervisor, "2468");
    const auto result = attempt_pin(event.store, boss.id, "2468", kT0);
    EXPECT_EQ(as<PinOk>(result).staff.id, boss.id);
    EXPECT_EQ(as<PinOk>(result).staff.role, StaffRole::Supervisor);
    EXPECT_TRUE(
        std::holds_alternative<PinUnknownStaff>(attempt_pin(event.store, "nobody", "2468", kT0)));
}

TEST_F(StaffStore, LockoutTimelineAndResetOnSuccess) {
    const auto door = add("Door", StaffRole::Door, "1357");
    EXPECT_EQ(as<PinWrong>(attempt_pin(event.store, door.id, "0000", kT0)).attempts_left, 2);
    EXPECT_EQ(as<PinWrong>(attempt_pin(event.store, door.id, "0000", kT0 + 1)).attempts_left, 1);
    const auto third = as<PinWrong>(attempt_pin(event.store, door.id, "0000", kT0 + 2));
    EXPECT_EQ(third.attempts_left, 0);
    EXPECT_EQ(third.locked_until_ms, kT0 + 2 + 30'000);

    // While locked even the right PIN is not checked.
    EXPECT_EQ(as<PinLocked>(attempt_pin(event.store, door.id, "1357", kT0 + 2 + 29'999)).until_ms,
              kT0 + 2 + 30'000);
    // At the boundary it is open again; the next wrong PIN locks for twice as long.
    const auto fourth = as<PinWrong>(attempt_pin(event.store, door.id, "9999", kT0 + 2 + 30'000));
    EXPECT_EQ(fourth.locked_until_ms, kT0 + 2 + 30'000 + 60'000);
    const std::int64_t open_again = fourth.locked_until_ms;
    const auto ok = attempt_pin(event.store, door.id, "1357", open_again);
    EXPECT_EQ(as<PinOk>(ok).staff.failed_attempts, 0);
    EXPECT_EQ(find_staff(event.store, door.id)->failed_attempts, 0);
    EXPECT_EQ(find_staff(event.store, door.id)->locked_until_ms, 0);
    // After a reset three attempts are free again.
    EXPECT_EQ(as<PinWrong>(attempt_pin(event.store, door.id, "0000", open_again + 1)).attempts_left,
              2);
}

TEST_F(StaffStore, LockoutSurvivesARestart) {
    const auto door = add("Door", StaffRole::Door, "1357");
    for (int i = 0; i < 3; ++i) (void)attempt_pin(event.store, door.id, "0000", kT0);
    {
        EventStore reopened = EventStore::open(event.path);
        EXPECT_EQ(as<PinLocked>(attempt_pin(reopened, door.id, "1357", kT0 + 10'000)).until_ms,
                  kT0 + 30'000);
        const auto member = find_staff(reopened, door.id);
        ASSERT_TRUE(member);
        EXPECT_EQ(member->failed_attempts, 3);
        EXPECT_EQ(member->locked_until_ms, kT0 + 30'000);
    }
}

TEST_F(StaffStore, StaffTicketIsRecognizedAndParticipantTicketIsNot) {
    const auto door = add("Door", StaffRole::Door, "1357");
    const std::string code = staff_ticket_code(event.keys.secret_key, event.event_id, door.id);
    EXPECT_TRUE(code.starts_with("UK1:"));
    const auto check = recognize_staff_ticket(event.store, code);
    EXPECT_EQ(check.status, StaffTicketStatus::Staff);
    ASSERT_TRUE(check.staff);
    EXPECT_EQ(check.staff->id, door.id);
    EXPECT_EQ(recognize_staff_ticket(event.store, "  " + code + "\n").status,
              StaffTicketStatus::Staff);

    event.person("P1", "山田 太郎", "青葉市");
    EXPECT_EQ(recognize_staff_ticket(event.store, event.ticket("P1")).status,
              StaffTicketStatus::NotStaff);
    EXPECT_EQ(recognize_staff_ticket(event.store, "https://example.jp").status,
              StaffTicketStatus::NotStaff);

    // Signed with another key, or for another event: not staff.
    const KeyPair stranger = generate_key_pair();
    EXPECT_EQ(recognize_staff_ticket(
                  event.store, staff_ticket_code(stranger.secret_key, event.event_id, door.id))
                  .status,
              StaffTicketStatus::NotStaff);
    EXPECT_EQ(recognize_staff_ticket(
                  event.store, staff_ticket_code(event.keys.secret_key, random_event_id(), door.id))
                  .status,
              StaffTicketStatus::NotStaff);
    // Tampered: one character of the signature changed.
    std::string tampered = code;
    tampered[tampered.size() - 3] = tampered[tampered.size() - 3] == 'A' ? 'B' : 'A';
    EXPECT_EQ(recognize_staff_ticket(event.store, tampered).status, StaffTicketStatus::NotStaff);

    ASSERT_TRUE(remove_staff(event.store, door.id));
    const auto removed = recognize_staff_ticket(event.store, code);
    EXPECT_EQ(removed.status, StaffTicketStatus::UnknownStaff);
    EXPECT_EQ(removed.staff_id, door.id);
    EXPECT_FALSE(removed.staff);
}

// ---- PINs that hold against a copy of the event file ---------------------------------

StaffKey random_staff_key() {
    StaffKey key;
    randombytes_buf(key.bytes.data(), key.bytes.size());
    return key;
}

TEST(StaffPin, NewPinsHaveSixToEightDigits) {
    EXPECT_FALSE(is_valid_new_pin("1234"));
    EXPECT_FALSE(is_valid_new_pin("12345"));
    EXPECT_TRUE(is_valid_new_pin("123456"));
    EXPECT_TRUE(is_valid_new_pin("12345678"));
    EXPECT_FALSE(is_valid_new_pin("123456789"));
    EXPECT_FALSE(is_valid_new_pin("12345a"));
    EXPECT_TRUE(is_valid_pin("1234")) << "old 4-digit PINs must still be typed";
}

// The stored text of a keyed hash holds the Argon2id string of BLAKE2b(key, PIN): with the
// event file alone, trying PINs against it finds nothing, even the right one.
TEST(StaffPin, AKeyedHashCannotBeCheckedWithoutTheKey) {
    const StaffKey key = random_staff_key();
    const std::string hash = hash_pin("482913", test_pin_cost(), &key);
    EXPECT_TRUE(hash.starts_with("uk1:" + key.id() + ":6:$argon2id$")) << hash;
    EXPECT_EQ(check_pin(hash, "482913", &key), PinCheck::Right);
    EXPECT_EQ(check_pin(hash, "482914", &key), PinCheck::Wrong);
    EXPECT_EQ(check_pin(hash, "482913", nullptr), PinCheck::NeedsKey);
    const StaffKey other = random_staff_key();
    EXPECT_NE(other.id(), key.id());
    EXPECT_EQ(check_pin(hash, "482913", &other), PinCheck::NeedsKey);
    // An attacker who strips the prefix and runs the Argon2id string against every PIN:
    const std::string argon2 = hash.substr(hash.find('$'));
    EXPECT_FALSE(pin_matches(argon2, "482913"));
    const PinStrength strength = pin_strength(hash);
    EXPECT_TRUE(strength.keyed);
    EXPECT_EQ(strength.digits, 6);
    EXPECT_FALSE(pin_strength(hash_pin("1234", test_pin_cost())).keyed);
}

TEST(StaffPin, TheDefaultCostIsHigherThanBefore) {
    // Measured in tests/bench/pin_bench.cpp; t = 12 was the cost of the first release.
    EXPECT_GT(kDefaultPinOpslimit, 12u);
    const std::string hash = hash_pin("482913");
    EXPECT_NE(hash.find("m=32768,t=" + std::to_string(kDefaultPinOpslimit) + ","),
              std::string::npos)
        << hash;
}

TEST_F(StaffStore, OldPinsStillOpenAndAreNamedForReplacing) {
    const auto old = add("Door", StaffRole::Door, "1111");  // as files before staff keys hold
    const StaffKey key = random_staff_key();
    const auto fresh =
        add_staff(event.store, "Chief", StaffRole::Supervisor, "24681357", test_pin_cost(), &key);
    PinAttemptContext at_kiosk;
    at_kiosk.key = &key;
    EXPECT_TRUE(
        std::holds_alternative<PinOk>(attempt_pin(event.store, old.id, "1111", kT0, at_kiosk)));
    EXPECT_TRUE(std::holds_alternative<PinOk>(
        attempt_pin(event.store, fresh.id, "24681357", kT0, at_kiosk)));
    const auto warnings = weak_pin_warnings(event.store);
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_NE(warnings[0].find(old.id), std::string::npos) << warnings[0];
    EXPECT_NE(warnings[0].find("uketsuke staff pin " + old.id), std::string::npos) << warnings[0];

    // A new PIN, with the key, ends the warning and the old PIN.
    ASSERT_TRUE(set_staff_pin(event.store, old.id, "97531864", test_pin_cost(), &key));
    EXPECT_TRUE(weak_pin_warnings(event.store).empty());
    EXPECT_TRUE(std::holds_alternative<PinWrong>(
        attempt_pin(event.store, old.id, "1111", kT0 + 1, at_kiosk)));
    EXPECT_TRUE(std::holds_alternative<PinOk>(
        attempt_pin(event.store, old.id, "97531864", kT0 + 2, at_kiosk)));
    EXPECT_FALSE(set_staff_pin(event.store, "nobody00", "97531864", test_pin_cost(), &key));
}

// A kiosk without the key cannot tell a right PIN from a wrong one: it refuses, and does not
// hold it against the member (it says nothing about who typed it).
TEST_F(StaffStore, AKioskWithoutTheKeyRefusesAndDoesNotCount) {
    const StaffKey key = random_staff_key();
    const auto door =
        add_staff(event.store, "Door", StaffRole::Door, "135790", test_pin_cost(), &key);
    for (int i = 0; i < 5; ++i) {
        EXPECT_TRUE(
            std::holds_alternative<PinWrong>(attempt_pin(event.store, door.id, "135790", kT0 + i)));
    }
    EXPECT_EQ(find_staff(event.store, door.id)->failed_attempts, 0);
    PinAttemptContext at_kiosk;
    at_kiosk.key = &key;
    EXPECT_TRUE(std::holds_alternative<PinOk>(
        attempt_pin(event.store, door.id, "135790", kT0 + 10, at_kiosk)));
}

// Every PIN checked is a row of the attempt log, with the kiosk and a stamp; nothing else.
TEST_F(StaffStore, AttemptsAreAnAppendOnlyLog) {
    const auto door = add("Door", StaffRole::Door, "135790");
    PinAttemptContext at_b;
    at_b.kiosk = "B";
    (void)attempt_pin(event.store, door.id, "000000", kT0, at_b);
    (void)attempt_pin(event.store, door.id, "135790", kT0 + 5, at_b);
    auto rows = event.store.database().prepare(
        "SELECT staff_id, outcome, kiosk, wall_ms, stamp FROM staff_attempts ORDER BY stamp");
    ASSERT_TRUE(rows.step());
    EXPECT_EQ(rows.text(0), door.id);
    EXPECT_EQ(rows.text(1), "wrong");
    EXPECT_EQ(rows.text(2), "B");
    EXPECT_EQ(rows.integer(3), kT0);
    EXPECT_TRUE(rows.text(4).ends_with(".B")) << rows.text(4);
    ASSERT_TRUE(rows.step());
    EXPECT_EQ(rows.text(1), "right");
    EXPECT_FALSE(rows.step());
    EXPECT_THROW(event.store.database().execute("DELETE FROM staff_attempts"), std::exception);
    EXPECT_THROW(event.store.database().execute("UPDATE staff_attempts SET outcome = 'right'"),
                 std::exception);
}

// ---- the staff key file -----------------------------------------------------------

TEST_F(StaffStore, StaffKeyFileIsPrivateBelongsToItsEventAndIsNeverReplaced) {
    const auto path = event.dir / "event.staff-key";
    auto made = create_staff_key(event.store, path);
    ASSERT_TRUE(made) << made.error();
    struct stat info {};
    ASSERT_EQ(stat(path.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u);
    auto loaded = load_staff_key(event.store, path);
    ASSERT_TRUE(loaded) << loaded.error();
    EXPECT_EQ(loaded.value().bytes, made.value().bytes);
    auto again = create_staff_key(event.store, path);
    ASSERT_FALSE(again);
    EXPECT_NE(again.error().find("already exists"), std::string::npos) << again.error();
    bool created = true;
    auto existing = load_or_create_staff_key(event.store, path, &created);
    ASSERT_TRUE(existing);
    EXPECT_FALSE(created);
    EXPECT_EQ(existing.value().bytes, made.value().bytes);
    EXPECT_EQ(staff_key_path_for((event.dir / "event.db").string()), path.string());

    testing::EventFixture other;
    auto foreign = load_staff_key(other.store, path);
    ASSERT_FALSE(foreign);
    EXPECT_NE(foreign.error().find("another event"), std::string::npos) << foreign.error();

    testing::write_file(event.dir / "bad.staff-key",
                        "uketsuke staff key 1\nevent: " + event.store.event().id + "\nkey: abc\n");
    auto bad = load_staff_key(event.store, event.dir / "bad.staff-key");
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().find("bad.staff-key:3:1:"), std::string::npos) << bad.error();
    testing::write_file(event.dir / "other.txt", "hello\n");
    EXPECT_FALSE(load_staff_key(event.store, event.dir / "other.txt"));
}

}  // namespace
}  // namespace uketsuke
