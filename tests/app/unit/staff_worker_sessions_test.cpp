// Staff mode with several sessions (StaffDesk on a real file): the person card's attendance row
// across sessions (○ 遅 早 × 振 by the attendance record's rules, with the session names), and
// the dashboard naming the session it counts and switching to another.

#include <gtest/gtest.h>

#include "kiosk/app/staff_worker.hpp"
#include "kiosk/core/checkin/checkin.hpp"
#include "kiosk/core/staff/staff.hpp"
#include "support/event_fixture.hpp"

namespace uketsuke::app {
namespace {

using namespace ui;

using testing::EventFixture;
using testing::kNineAm;  // 2026-11-30 09:00 in Tokyo

constexpr std::int64_t kMinute = 60'000;
constexpr std::int64_t kDay = 24 * 60 * kMinute;
constexpr std::int64_t kFirstDay = kNineAm - 3 * kDay;  // 2026-11-27 09:00

Session day(std::string id, std::string name, std::string date, EventStore& store) {
    Session session;
    session.id = std::move(id);
    session.name = std::move(name);
    session.date = std::move(date);
    session.starts_at = "09:00";
    session.ends_at = "17:00";
    session.records_leave = true;
    session.changed_stamp = store.next_stamp("organizer", kNineAm).to_string();
    session.changed_by = "organizer";
    return session;
}

struct DeskSessions : ::testing::Test {
    EventFixture event;
    StaffMember chief;
    void SetUp() override {
        event.person("p1", "山田 花子", "青葉市");
        chief = add_staff(event.store, "Chief", StaffRole::Supervisor, "2222", test_pin_cost());
        // Days before this test was written (the card reads the wall clock to tell a session held
        // from one to come): present, late, early, absent.
        const char* dates[] = {"2026-11-27", "2026-11-28", "2026-11-29", "2026-11-30"};
        const char* names[] = {"1日目", "2日目", "3日目", "4日目"};
        for (int i = 0; i < 4; ++i)
            ASSERT_TRUE(
                event.store
                    .put_session(day("s" + std::to_string(i + 1), names[i], dates[i], event.store),
                                 kNineAm)
                    .value());
        CheckinService service(event.store);
        const auto at = [](std::string session, std::int64_t ms) {
            return CheckinContext{"A", "", CheckinMethod::Camera, ms, std::move(session)};
        };
        ASSERT_EQ(service.check_in_participant("p1", at("s1", kFirstDay)).outcome,
                  CheckinOutcome::CheckedIn);
        ASSERT_EQ(
            service.check_in_participant("p1", at("s2", kFirstDay + kDay + 30 * kMinute)).outcome,
            CheckinOutcome::CheckedIn);
        ASSERT_EQ(service.check_in_participant("p1", at("s3", kFirstDay + 2 * kDay)).outcome,
                  CheckinOutcome::CheckedIn);
        ASSERT_EQ(service.leave("p1", at("s3", kFirstDay + 2 * kDay + 3 * 60 * kMinute)).outcome,
                  LeaveOutcome::Left);
    }
};

TEST_F(DeskSessions, ThePersonCardShowsTheAttendanceRowWithSessionNames) {
    StaffDesk desk(event.store, "K1", event.path);
    (void)desk.handle(VerifyPin{chief.id, "2222"}, kNineAm);
    const auto result = desk.handle(LoadPerson{"p1"}, kNineAm);
    ASSERT_TRUE(result && result->reply);
    const auto& card = std::get<PersonLoaded>(*result->reply).card;
    const std::vector<SessionAttendanceCell> expected = {{"1日目", "○", "s1", true},
                                                         {"2日目", "遅", "s2", true},
                                                         {"3日目", "早", "s3", true},
                                                         {"4日目", "×", "s4", true}};
    EXPECT_EQ(card.attendance, expected);
}

TEST_F(DeskSessions, TheDashboardNamesTheSessionItCounts) {
    StaffDesk desk(event.store, "K1", event.path);
    (void)desk.handle(VerifyPin{chief.id, "2222"}, kNineAm);
    const auto result = desk.handle(LoadDashboard{}, kFirstDay + kDay + 60 * kMinute);
    ASSERT_TRUE(result && result->reply);
    const auto& loaded = std::get<DashboardLoaded>(*result->reply);
    EXPECT_EQ(loaded.session_name, "2日目");
    EXPECT_EQ(loaded.dashboard.overall.arrived, 1);
    // The state keeps it for the view.
    StaffState state;
    state.open = true;
    state.page = StaffPage::Dashboard;
    state = staff_step(state, StaffReply{loaded}, Instant{}).state;
    EXPECT_EQ(state.dashboard_session, "2日目");
}

TEST_F(DeskSessions, StaffSwitchTheDashboardToAnotherSessionAndItStaysSwitched) {
    StaffDesk desk(event.store, "K1", event.path);
    (void)desk.handle(VerifyPin{chief.id, "2222"}, kNineAm);
    const auto other = desk.handle(LoadDashboard{"s3"}, kFirstDay + kDay + 60 * kMinute);
    const auto& loaded = std::get<DashboardLoaded>(*other->reply);
    EXPECT_EQ(loaded.session_id, "s3");
    EXPECT_EQ(loaded.session_name, "3日目");
    const std::vector<SessionTab> tabs = {
        {"s1", "1日目"}, {"s2", "2日目"}, {"s3", "3日目"}, {"s4", "4日目"}};
    EXPECT_EQ(loaded.sessions, tabs);
    // A removed or unknown id falls back to the kiosk's session.
    const auto unknown = desk.handle(LoadDashboard{"gone"}, kFirstDay + kDay + 60 * kMinute);
    EXPECT_EQ(std::get<DashboardLoaded>(*unknown->reply).session_id, "s2");

    // The screens: a tab asks for that session, and the page's refresh keeps asking for it.
    StaffState state;
    state.open = true;
    state.signed_in = chief;
    state.page = StaffPage::Dashboard;
    StaffStep step = staff_step(state, StaffTap{ChooseDashboardSession{"s3"}}, Instant{});
    ASSERT_EQ(step.requests.size(), 1u);
    EXPECT_EQ(std::get<LoadDashboard>(step.requests[0]).session_id, "s3");
    step = staff_step(step.state, Tick{}, Instant{} + kDashboardRefresh);
    ASSERT_EQ(step.requests.size(), 1u);
    EXPECT_EQ(std::get<LoadDashboard>(step.requests[0]).session_id, "s3");
}

TEST(DeskOneSession, AOneDayEventHasNoAttendanceRowAndNoSessionName) {
    EventFixture event;
    event.person("p1", "山田 花子", "青葉市");
    StaffMember chief =
        add_staff(event.store, "Chief", StaffRole::Supervisor, "2222", test_pin_cost());
    StaffDesk desk(event.store, "K1", event.path);
    (void)desk.handle(VerifyPin{chief.id, "2222"}, kNineAm);
    const auto person = desk.handle(LoadPerson{"p1"}, kNineAm);
    EXPECT_TRUE(std::get<PersonLoaded>(*person->reply).card.attendance.empty());
    const auto dashboard = desk.handle(LoadDashboard{}, kNineAm);
    EXPECT_TRUE(std::get<DashboardLoaded>(*dashboard->reply).session_name.empty());
}

}  // namespace
}  // namespace uketsuke::app

namespace uketsuke::app {
namespace {

using namespace ui;

TEST_F(DeskSessions, ASupervisorPinsASessionAndStaffWorkThere) {
    StaffDesk desk(event.store, "K1", event.path);
    (void)desk.handle(VerifyPin{chief.id, "2222"}, kNineAm);
    const std::int64_t day_two = kFirstDay + kDay + 60 * kMinute;
    const auto loaded = desk.handle(LoadSessionPin{}, day_two);
    ASSERT_TRUE(loaded && loaded->reply);
    const auto& before = std::get<SessionPinLoaded>(*loaded->reply);
    EXPECT_EQ(before.pinned_id, "");
    EXPECT_EQ(before.clock_session, "2日目");
    EXPECT_EQ(before.sessions.size(), 4u);

    const auto pinned = desk.handle(PinSession{"s4"}, day_two);
    ASSERT_TRUE(pinned && pinned->reply);
    EXPECT_TRUE(pinned->pin_changed);
    EXPECT_NE(pinned->log.find("pinned session s4"), std::string::npos) << pinned->log;
    const auto& after = std::get<SessionPinLoaded>(*pinned->reply);
    EXPECT_TRUE(after.changed);
    EXPECT_EQ(after.pinned_id, "s4");
    EXPECT_EQ(after.pinned_by, "Chief");

    // The dashboard of the kiosk's session and a check-in by hand are day 4's now.
    const auto dashboard = desk.handle(LoadDashboard{}, day_two);
    EXPECT_EQ(std::get<DashboardLoaded>(*dashboard->reply).session_id, "s4");
    event.person("p2", "鈴木 一郎", "緑町");
    const auto checked = desk.handle(ActOnPerson{"p2", PersonAction::CheckIn}, day_two);
    EXPECT_TRUE(std::get<ActionDone>(*checked->reply).ok);
    EXPECT_EQ(event.store.checkins_of("p2", "s4").size(), 1u);
    EXPECT_TRUE(event.store.checkins_of("p2", "s2").empty());

    // Back to the clock.
    const auto unpinned = desk.handle(PinSession{""}, day_two);
    EXPECT_EQ(std::get<SessionPinLoaded>(*unpinned->reply).pinned_id, "");
    EXPECT_EQ(std::get<DashboardLoaded>(*desk.handle(LoadDashboard{}, day_two)->reply).session_id,
              "s2");
}

TEST_F(DeskSessions, DoorStaffCannotPinOrCorrect) {
    const StaffMember door =
        add_staff(event.store, "Door", StaffRole::Door, "1111", test_pin_cost());
    StaffDesk desk(event.store, "K1", event.path);
    (void)desk.handle(VerifyPin{door.id, "1111"}, kNineAm);
    const auto pin = desk.handle(PinSession{"s4"}, kNineAm);
    ASSERT_TRUE(pin && pin->reply);
    EXPECT_FALSE(std::get<ActionDone>(*pin->reply).ok);
    EXPECT_FALSE(pin->pin_changed);
    const auto corrected =
        desk.handle(CorrectAttendance{"p1", "s4", SessionCorrection::Present}, kNineAm);
    EXPECT_FALSE(std::get<ActionDone>(*corrected->reply).ok);
    EXPECT_TRUE(event.store.person_log_of("").empty());
    EXPECT_TRUE(event.store.checkins_of("p1", "s4").empty());
}

TEST_F(DeskSessions, ASupervisorCorrectsOneSessionAndTheRowUpdatesAtOnce) {
    StaffDesk desk(event.store, "K1", event.path);
    (void)desk.handle(VerifyPin{chief.id, "2222"}, kNineAm);
    const auto result =
        desk.handle(CorrectAttendance{"p1", "s2", SessionCorrection::Present}, kNineAm + kDay);
    ASSERT_TRUE(result && result->reply);
    const auto& done = std::get<ActionDone>(*result->reply);
    EXPECT_TRUE(done.ok) << done.detail;
    EXPECT_EQ(done.message_key, "corrected");
    ASSERT_TRUE(done.refreshed);
    const auto& row = done.refreshed->card.attendance;
    ASSERT_EQ(row.size(), 4u);
    EXPECT_EQ(row[0].mark, "○");
    EXPECT_EQ(row[1].mark, "○");  // was 遅
    EXPECT_EQ(row[2].mark, "早");
    EXPECT_NE(result->log.find("s2"), std::string::npos);
    // The card's history names the correction.
    const auto& history = done.refreshed->card.history;
    ASSERT_FALSE(history.empty());
    EXPECT_EQ(history.back().what, "session_correction");
    EXPECT_EQ(history.back().staff_name, "Chief");
}

}  // namespace
}  // namespace uketsuke::app
