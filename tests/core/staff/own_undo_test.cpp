#include "kiosk/core/staff/own_undo.hpp"

#include <gtest/gtest.h>

#include "kiosk/core/staff/staff.hpp"
#include "support/event_fixture.hpp"

namespace uketsuke {
namespace {

using testing::EventFixture;
using testing::kNineAm;

constexpr std::int64_t kMinute = 60'000;

struct Door {
    EventFixture f;
    StaffMember boss, suzuki, tanaka;
    Door() {
        f.person("p1", "Aoki", "Org");
        boss = add_staff(f.store, "Sato", StaffRole::Supervisor, "123456", test_pin_cost());
        suzuki = add_staff(f.store, "Suzuki", StaffRole::Door, "567890", test_pin_cost());
        tanaka = add_staff(f.store, "Tanaka", StaffRole::Door, "246810", test_pin_cost());
    }
    void check_in(const std::string& staff, CheckinMethod method, std::int64_t at) {
        CheckinService service(f.store);
        ASSERT_EQ(service.check_in_participant("p1", {"K1", staff, method, at}).outcome,
                  CheckinOutcome::CheckedIn);
    }
    static CheckinContext at(std::int64_t now) {
        return CheckinContext{"K1", "", CheckinMethod::Manual, now};
    }
    bool checked_in() { return CheckinService(f.store).attendance("p1").checked_in; }
};

TEST(OwnUndo, DoorStaffUndoTheirOwnHandCheckInWithinTheWindow) {
    Door door;
    door.check_in(door.suzuki.id, CheckinMethod::Manual, kNineAm);
    EXPECT_EQ(undo_refusal(door.f.store, door.suzuki, "p1", "", kNineAm + kOwnUndoWindowMs), "");
    const StaffUndoResult undone =
        undo_as_staff(door.f.store, door.suzuki, "p1", Door::at(kNineAm + 2 * kMinute));
    ASSERT_TRUE(undone) << undone.error;
    ASSERT_TRUE(undone.undo.recorded);
    EXPECT_EQ(undone.undo.recorded->staff, door.suzuki.id) << "the undo row says who";
    EXPECT_FALSE(door.checked_in());
}

TEST(OwnUndo, TooLateSomeoneElsesOrTheCameraIsForASupervisor) {
    Door door;
    door.check_in(door.suzuki.id, CheckinMethod::Manual, kNineAm);
    const auto late =
        undo_as_staff(door.f.store, door.suzuki, "p1", Door::at(kNineAm + kOwnUndoWindowMs + 1));
    EXPECT_EQ(late.error,
              "door staff may undo their own check-in within 5 minutes; ask a supervisor");
    EXPECT_EQ(undo_as_staff(door.f.store, door.tanaka, "p1", Door::at(kNineAm + kMinute)).error,
              "door staff may undo only a check-in they made by hand; ask a supervisor");
    EXPECT_TRUE(door.checked_in()) << "a refusal writes nothing";
    ASSERT_TRUE(undo_as_staff(door.f.store, door.boss, "p1", Door::at(kNineAm + 60 * kMinute)));
    EXPECT_FALSE(door.checked_in());

    door.check_in("", CheckinMethod::Camera, kNineAm + 61 * kMinute);
    EXPECT_EQ(undo_refusal(door.f.store, door.suzuki, "p1", "", kNineAm + 62 * kMinute),
              "door staff may undo only a check-in they made by hand; ask a supervisor");
}

TEST(OwnUndo, EveryCheckInInForceMustBeTheirs) {
    Door door;
    // Two kiosks checked the same person in before syncing: Suzuki's undo would undo Tanaka's.
    door.check_in(door.suzuki.id, CheckinMethod::Manual, kNineAm);
    CheckinRecord other;
    other.id = "other-kiosk-row";
    other.participant_id = "p1";
    other.method = CheckinMethod::Manual;
    other.kiosk = "K2";
    other.staff = door.tanaka.id;
    other.wall_ms = kNineAm;
    other.stamp = "0";
    other.session_id = door.f.store.sessions().front().id;
    ASSERT_TRUE(door.f.store.append_checkin(other));
    EXPECT_NE(undo_refusal(door.f.store, door.suzuki, "p1", "", kNineAm + kMinute), "");
}

TEST(OwnUndo, NotCheckedInIsNothingToUndo) {
    Door door;
    EXPECT_EQ(
        undo_refusal(door.f.store, door.boss, "p1", "", kNineAm),
        "not checked in at " + door.f.store.sessions().front().name + "; there is nothing to undo");
}

}  // namespace
}  // namespace uketsuke
