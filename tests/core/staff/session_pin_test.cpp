// A supervisor pins the kiosk to one session (session_pin.hpp): on record in the person log,
// in force for that kiosk only and for the rest of the day, refused for door staff.

#include "kiosk/core/staff/session_pin.hpp"

#include <gtest/gtest.h>

#include "kiosk/core/staff/staff.hpp"
#include "support/event_fixture.hpp"

namespace uketsuke {
namespace {

using testing::EventFixture;
using testing::kNineAm;  // 2026-11-30 09:00 in Tokyo

constexpr std::int64_t kMinute = 60'000;
constexpr std::int64_t kHour = 60 * kMinute;

Session sitting(std::string id, std::string name, std::string starts, std::string ends,
                EventStore& store) {
    Session session;
    session.id = std::move(id);
    session.name = std::move(name);
    session.date = "2026-11-30";
    session.starts_at = std::move(starts);
    session.ends_at = std::move(ends);
    session.changed_stamp = store.next_stamp("organizer", kNineAm).to_string();
    session.changed_by = "organizer";
    return session;
}

struct Pins : ::testing::Test {
    EventFixture event;
    StaffMember chief;
    StaffMember door;
    void SetUp() override {
        ASSERT_TRUE(event.store.put_session(
            sitting("s1", "午前の部", "09:00", "12:00", event.store), kNineAm));
        ASSERT_TRUE(event.store.put_session(
            sitting("s2", "午後の部", "13:00", "17:00", event.store), kNineAm));
        chief = add_staff(event.store, "Chief", StaffRole::Supervisor, "222222", test_pin_cost());
        door = add_staff(event.store, "Door", StaffRole::Door, "111111", test_pin_cost());
    }
    StaffContext by(const StaffMember& member, std::int64_t at, std::string kiosk = "K1") const {
        return StaffContext{std::move(kiosk), member.id, "", at};
    }
};

TEST_F(Pins, APinHoldsForTheKioskUntilSetBackToTheClock) {
    EXPECT_FALSE(session_pin(event.store, "K1", kNineAm, "Asia/Tokyo"));
    ASSERT_TRUE(pin_session(event.store, "s2", by(chief, kNineAm)));
    const auto pin = session_pin(event.store, "K1", kNineAm + kHour, "Asia/Tokyo");
    ASSERT_TRUE(pin);
    EXPECT_EQ(pin->session.id, "s2");
    EXPECT_EQ(pin->staff_id, chief.id);
    EXPECT_EQ(pin->staff_name, "Chief");
    EXPECT_EQ(pin->wall_ms, kNineAm);
    // Another kiosk on the same file (after a merge) is not pinned.
    EXPECT_FALSE(session_pin(event.store, "K2", kNineAm + kHour, "Asia/Tokyo"));

    ASSERT_TRUE(pin_session(event.store, "", by(chief, kNineAm + 2 * kHour)));
    EXPECT_FALSE(session_pin(event.store, "K1", kNineAm + 3 * kHour, "Asia/Tokyo"));

    // Both are on record, with who and where, as rows of no one's history.
    const auto log = event.store.person_log_of("");
    ASSERT_EQ(log.size(), 2u);
    EXPECT_EQ(log[0].action, kPinSessionAction);
    EXPECT_EQ(log[0].detail, "s2");
    EXPECT_EQ(log[0].staff, chief.id);
    EXPECT_EQ(log[0].kiosk, "K1");
    EXPECT_EQ(log[1].action, kUnpinSessionAction);
}

TEST_F(Pins, APinSurvivesTheDayButNotTheNextOne) {
    ASSERT_TRUE(pin_session(event.store, "s1", by(chief, kNineAm)));
    // Reopened later that day (a restart reads the file again): still pinned.
    EXPECT_TRUE(session_pin(event.store, "K1", kNineAm + 14 * kHour + 59 * kMinute, "Asia/Tokyo"));
    // 00:00 the next day in Tokyo: the clock decides again.
    EXPECT_FALSE(session_pin(event.store, "K1", kNineAm + 15 * kHour, "Asia/Tokyo"));
    // A clock that jumped back before the pin (a flat clock battery) does not keep it.
    EXPECT_FALSE(session_pin(event.store, "K1", kNineAm - kMinute, "Asia/Tokyo"));
}

TEST_F(Pins, DoorStaffUnknownSessionsAndNoChangesAreRefusedWithNothingWritten) {
    const ActionResult by_door = pin_session(event.store, "s2", by(door, kNineAm));
    EXPECT_FALSE(by_door);
    EXPECT_NE(by_door.error.find("supervisor"), std::string::npos) << by_door.error;
    const ActionResult unknown = pin_session(event.store, "s9", by(chief, kNineAm));
    EXPECT_NE(unknown.error.find("s9"), std::string::npos) << unknown.error;
    const ActionResult no_pin = pin_session(event.store, "", by(chief, kNineAm));
    EXPECT_NE(no_pin.error.find("clock"), std::string::npos) << no_pin.error;
    EXPECT_TRUE(event.store.person_log_of("").empty());

    ASSERT_TRUE(pin_session(event.store, "s2", by(chief, kNineAm)));
    const ActionResult again = pin_session(event.store, "s2", by(chief, kNineAm + kMinute));
    EXPECT_NE(again.error.find("already"), std::string::npos) << again.error;
    EXPECT_EQ(event.store.person_log_of("").size(), 1u);
}

TEST_F(Pins, APinnedSessionThatWasRemovedLapses) {
    ASSERT_TRUE(pin_session(event.store, "s2", by(chief, kNineAm)));
    const std::string stamp = event.store.next_stamp("organizer", kNineAm + kMinute).to_string();
    ASSERT_TRUE(event.store.remove_session("s2", false, stamp, "organizer"));
    EXPECT_FALSE(session_pin(event.store, "K1", kNineAm + kHour, "Asia/Tokyo"));
}

}  // namespace
}  // namespace uketsuke
