// kiosk.room: with two sessions open at once in two halls, a kiosk records check-ins under the
// session of its own room, names it on attract, and its staff desk works on the same session.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "kiosk/app/checkin_worker.hpp"
#include "kiosk/app/staff_worker.hpp"
#include "support/event_fixture.hpp"

namespace uketsuke::app {
namespace {

using testing::EventFixture;
using testing::kNineAm;  // 2026-11-30 09:00 in Tokyo

Session in_hall(std::string id, std::string name, std::string room, EventStore& store) {
    Session session;
    session.id = std::move(id);
    session.name = std::move(name);
    session.date = "2026-11-30";
    session.starts_at = "09:00";
    session.ends_at = "12:00";
    session.room = std::move(room);
    session.changed_stamp = store.next_stamp("organizer", kNineAm).to_string();
    session.changed_by = "organizer";
    return session;
}

class WorkerRoom : public ::testing::Test {
protected:
    void SetUp() override {
        event.person("p1", "山田 花子", "青葉市");
        event.store.set_code("T-0001", "p1", "platform");
        ASSERT_TRUE(
            event.store.put_session(in_hall("s1", "分科会A", "Hall A", event.store), kNineAm)
                .value());
        ASSERT_TRUE(
            event.store.put_session(in_hall("s2", "分科会B", "Hall B", event.store), kNineAm)
                .value());
    }
    WorkerResult scan_in(const std::string& room) {
        CheckinWorker worker(
            event.path, "K1", "", [] {}, [] { return kNineAm + 60'000; }, nullptr,
            KioskPlace{false, room});
        worker.submit(ui::SubmitScan{1, "T-0001", CheckinMethod::Camera, {}});
        for (int i = 0; i < 500; ++i) {
            std::vector<WorkerResult> results = worker.take_results();
            if (!results.empty()) return std::move(results.front());
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        ADD_FAILURE() << "no answer from the worker";
        return {};
    }
    EventFixture event;
};

TEST_F(WorkerRoom, AKioskInARoomTakesThatRoomsSession) {
    const WorkerResult result = scan_in("Hall B");
    EXPECT_EQ(result.finished.outcome, CheckinOutcome::CheckedIn);
    ASSERT_TRUE(result.finished.session);
    EXPECT_EQ(result.finished.session->name, "分科会B");
    EXPECT_EQ(event.store.checkins_of("p1", "s2").size(), 1u);
    EXPECT_TRUE(event.store.checkins_of("p1", "s1").empty());
    // The attract screen names the same session.
    EXPECT_EQ(session_now(event.store.sessions(), "Asia/Tokyo", kNineAm, "Hall B").name, "分科会B");
    EXPECT_EQ(session_now(event.store.sessions(), "Asia/Tokyo", kNineAm, "Hall A").name, "分科会A");
}

TEST_F(WorkerRoom, AKioskWithNoRoomTakesTheSmallerIdAsBefore) {
    const WorkerResult result = scan_in("");
    ASSERT_TRUE(result.finished.session);
    EXPECT_EQ(result.finished.session->name, "分科会A");
}

TEST_F(WorkerRoom, TheStaffDeskWorksOnTheRoomsSession) {
    StaffMember chief =
        add_staff(event.store, "Chief", StaffRole::Supervisor, "2222", test_pin_cost());
    StaffDesk desk(event.store, "K1", event.path, "Hall B");
    (void)desk.handle(ui::VerifyPin{chief.id, "2222"}, kNineAm);
    (void)desk.handle(ui::ActOnPerson{"p1", ui::PersonAction::CheckIn}, kNineAm + 1000);
    EXPECT_EQ(event.store.checkins_of("p1", "s2").size(), 1u);
    EXPECT_TRUE(event.store.checkins_of("p1", "s1").empty());
}

}  // namespace
}  // namespace uketsuke::app
