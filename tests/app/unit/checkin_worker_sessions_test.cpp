// The kiosk's check-in worker on a real event file with the clock passed in: which session a
// scan is recorded under, and that a scan outside every session records nothing.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "kiosk/app/checkin_worker.hpp"
#include "kiosk/core/staff/session_pin.hpp"
#include "kiosk/core/staff/staff.hpp"
#include "support/event_fixture.hpp"

namespace uketsuke::app {
namespace {

using testing::EventFixture;
using testing::kNineAm;  // 2026-11-30 09:00 in Tokyo

constexpr std::int64_t kHour = 3'600'000;
constexpr std::int64_t kDay = 24 * kHour;

Session session_of_day(std::string id, std::string name, std::string date, EventStore& store) {
    Session session;
    session.id = std::move(id);
    session.name = std::move(name);
    session.date = std::move(date);
    session.starts_at = "09:00";
    session.ends_at = "17:00";
    session.opens_minutes_before = 30;
    session.changed_stamp = store.next_stamp("organizer", kNineAm).to_string();
    session.changed_by = "organizer";
    return session;
}

class WorkerSessions : public ::testing::Test {
protected:
    void SetUp() override {
        event.person("p1", "山田 花子", "青葉市");
        event.store.set_code("T-0001", "p1", "platform");
    }
    // A two-day meeting: s1 on 2026-11-30 and s2 on 2026-12-01, each 9:00 to 17:00.
    void two_days() {
        ASSERT_TRUE(
            event.store
                .put_session(session_of_day("s1", "第3回研究会 1日目", "2026-11-30", event.store),
                             kNineAm)
                .value());
        ASSERT_TRUE(
            event.store
                .put_session(session_of_day("s2", "第3回研究会 2日目", "2026-12-01", event.store),
                             kNineAm)
                .value());
        ASSERT_EQ(event.store.sessions().size(), 2u);
    }
    // Scans at `at` on the wall clock and waits for the worker's answer.
    WorkerResult scan_at(std::int64_t at, const std::string& text = "T-0001") {
        now = at;
        CheckinWorker worker(
            event.path, "K1", "", [] {}, [this] { return now.load(); });
        worker.submit(ui::SubmitScan{1, text, CheckinMethod::Camera, {}});
        for (int i = 0; i < 500; ++i) {
            std::vector<WorkerResult> results = worker.take_results();
            if (!results.empty()) return std::move(results.front());
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        ADD_FAILURE() << "no answer from the worker";
        return {};
    }

    EventFixture event;
    std::atomic<std::int64_t> now{kNineAm};
};

TEST_F(WorkerSessions, BeforeOpeningRecordsNothingAndSaysWhenItOpens) {
    two_days();
    const WorkerResult result = scan_at(kNineAm - 2 * kHour);  // 7:00, opens at 08:30
    EXPECT_FALSE(result.finished.failed) << result.finished.error;
    ASSERT_TRUE(result.finished.session);
    EXPECT_EQ(result.finished.session->status, ui::SessionStatus::BeforeOpening);
    EXPECT_EQ(result.finished.session->name, "第3回研究会 1日目");
    EXPECT_EQ(result.finished.session->opens_at, "08:30");
    EXPECT_EQ(result.outcome, "not-recorded:before_opening");
    EXPECT_TRUE(result.finished.name.empty());
    EXPECT_TRUE(event.store.checkins_of("p1").empty());
    EXPECT_EQ(event.store.arrived_count("s1"), 0);

    // The flow turns it into the "opens at" screen.
    ui::FlowStep flow = ui::start_flow({}, ui::Instant{});
    flow = ui::step(flow.state, ui::ScanRead{"T-0001", CheckinMethod::Camera, ui::Instant{}},
                    ui::Instant{});
    ui::CheckinFinished finished = result.finished;
    finished.scan_id = flow.state.in_flight->scan_id;
    flow = ui::step(flow.state, finished, ui::Instant{});
    EXPECT_EQ(flow.state.problem, ui::ProblemKind::BeforeOpening);
}

TEST_F(WorkerSessions, NoSessionTodayRecordsNothing) {
    two_days();
    const WorkerResult result = scan_at(kNineAm + 3 * kDay);
    ASSERT_TRUE(result.finished.session);
    EXPECT_EQ(result.finished.session->status, ui::SessionStatus::NoneToday);
    EXPECT_TRUE(event.store.checkins_of("p1").empty());
}

TEST_F(WorkerSessions, AClockReadingYear2000RecordsNothing) {
    two_days();
    const WorkerResult result = scan_at(946'684'800'000);  // 2000-01-01 UTC
    ASSERT_TRUE(result.finished.session);
    EXPECT_EQ(result.finished.session->status, ui::SessionStatus::ClockLooksWrong);
    EXPECT_TRUE(event.store.checkins_of("p1").empty());
}

TEST_F(WorkerSessions, DayTwoIsANewCheckInAndCountsTheSecondSession) {
    two_days();
    const WorkerResult first = scan_at(kNineAm + kHour);
    EXPECT_EQ(first.finished.outcome, CheckinOutcome::CheckedIn);
    ASSERT_TRUE(first.finished.session);
    EXPECT_EQ(first.finished.session->name, "第3回研究会 1日目");
    EXPECT_TRUE(first.finished.session->several);
    EXPECT_EQ(first.finished.sessions_attended, 1);

    const WorkerResult again = scan_at(kNineAm + 2 * kHour);
    EXPECT_EQ(again.finished.outcome, CheckinOutcome::AlreadyChecked);
    EXPECT_EQ(again.finished.sessions_attended, 1);

    const WorkerResult day_two = scan_at(kNineAm + kDay);
    EXPECT_EQ(day_two.finished.outcome, CheckinOutcome::CheckedIn);
    EXPECT_EQ(day_two.finished.session->name, "第3回研究会 2日目");
    EXPECT_EQ(day_two.finished.sessions_attended, 2);
    EXPECT_EQ(day_two.arrived, 1);

    EXPECT_EQ(event.store.checkins_of("p1", "s1").size(), 1u);
    EXPECT_EQ(event.store.checkins_of("p1", "s2").size(), 1u);
}

// Day two with its own seating: the welcome the worker hands the screens names that day's table
// and facilitator, day one the event's.
TEST_F(WorkerSessions, TheTableShownIsTheSessionsOwn) {
    two_days();
    event.store.upsert_group(Group{"ga", "A", "1", 0, "佐藤 進", std::nullopt, std::nullopt}, 0);
    event.store.upsert_group(Group{"gb", "B", "2", 0, "田中 愛", std::nullopt, std::nullopt}, 1);
    event.person("p1", "山田 花子", "青葉市", "ga");
    Participant tanaka = event.person("f2", "田中 愛", "緑市", "gb");
    tanaka.role = Role::Facilitator;
    event.add(tanaka);
    // The facilitator shown is the one seated at the table that day.
    ASSERT_TRUE(event.store.put_session_seating(
        "s2", {{"p1", "gb", "7", "2", "organizer"}, {"f2", "gb", "7", "2", "organizer"}}));

    const WorkerResult day_one = scan_at(kNineAm + kHour);
    EXPECT_EQ(day_one.finished.group_name, "A");
    EXPECT_EQ(day_one.finished.table_label, "1");
    const WorkerResult day_two = scan_at(kNineAm + kDay + kHour);
    EXPECT_EQ(day_two.finished.outcome, CheckinOutcome::CheckedIn);
    EXPECT_EQ(day_two.finished.group_name, "B");
    EXPECT_EQ(day_two.finished.table_label, "7");
    EXPECT_EQ(day_two.finished.facilitator, "田中 愛");
}

TEST_F(WorkerSessions, AOneSessionEventChecksInWhateverTheClock) {
    // The fixture's event has its one default session; a clock at 1970 changes nothing.
    const WorkerResult result = scan_at(0);
    EXPECT_EQ(result.finished.outcome, CheckinOutcome::CheckedIn);
    ASSERT_TRUE(result.finished.session);
    EXPECT_EQ(result.finished.session->status, ui::SessionStatus::Open);
    EXPECT_FALSE(result.finished.session->several);
    EXPECT_EQ(result.finished.sessions_attended, 0);
    EXPECT_EQ(event.store.checkins_of("p1").size(), 1u);
}

TEST(SessionNow, FollowsTheClockThroughADay) {
    EventFixture event;
    ASSERT_TRUE(
        event.store.put_session(session_of_day("s1", "1日目", "2026-11-30", event.store), kNineAm)
            .value());
    ASSERT_TRUE(
        event.store.put_session(session_of_day("s2", "2日目", "2026-12-01", event.store), kNineAm)
            .value());
    const std::vector<Session> sessions = event.store.sessions();
    EXPECT_EQ(session_now(sessions, "Asia/Tokyo", kNineAm - kHour).status,
              ui::SessionStatus::BeforeOpening);
    const ui::SessionNow open = session_now(sessions, "Asia/Tokyo", kNineAm - 20 * 60'000);
    EXPECT_EQ(open.status, ui::SessionStatus::Open);
    EXPECT_EQ(open.name, "1日目");
    // After the day's end, day two is tomorrow: none today.
    EXPECT_EQ(session_now(sessions, "Asia/Tokyo", kNineAm + 9 * kHour).status,
              ui::SessionStatus::NoneToday);
    EXPECT_EQ(session_now(sessions, "Asia/Tokyo", kNineAm + kDay).name, "2日目");
}

}  // namespace
}  // namespace uketsuke::app

namespace uketsuke::app {
namespace {

// A supervisor pinned day 2 on day 1 (the meeting's rooms swapped): the scan goes to day 2
// whatever the clock says, the screens are told it is pinned, and another kiosk is not.
TEST_F(WorkerSessions, APinnedSessionTakesTheScanWhateverTheClockSays) {
    two_days();
    const StaffMember chief =
        add_staff(event.store, "Chief", StaffRole::Supervisor, "222222", test_pin_cost());
    ASSERT_TRUE(pin_session(event.store, "s2", StaffContext{"K1", chief.id, "", kNineAm}));
    const WorkerResult result = scan_at(kNineAm + kHour);
    EXPECT_EQ(result.finished.outcome, CheckinOutcome::CheckedIn);
    ASSERT_TRUE(result.finished.session);
    EXPECT_TRUE(result.finished.session->pinned);
    EXPECT_EQ(result.finished.session->name, "第3回研究会 2日目");
    EXPECT_EQ(result.pinned, std::optional<std::string>("s2"));
    EXPECT_EQ(event.store.checkins_of("p1", "s2").size(), 1u);
    EXPECT_TRUE(event.store.checkins_of("p1", "s1").empty());

    // Back to the clock: the next scan is day 1's, and the screens say nothing of a pin.
    ASSERT_TRUE(pin_session(event.store, "", StaffContext{"K1", chief.id, "", kNineAm + kHour}));
    const WorkerResult after = scan_at(kNineAm + 2 * kHour);
    EXPECT_EQ(after.finished.outcome, CheckinOutcome::CheckedIn);
    EXPECT_FALSE(after.finished.session->pinned);
    EXPECT_EQ(after.pinned, std::optional<std::string>(""));
    EXPECT_EQ(event.store.checkins_of("p1", "s1").size(), 1u);
}

TEST(SessionNow, APinnedSessionIsOpenAndSaysSo) {
    Session a;
    a.id = "a";
    a.name = "午前";
    a.date = "2026-11-30";
    a.starts_at = "09:00";
    a.ends_at = "12:00";
    Session b = a;
    b.id = "b";
    b.name = "午後";
    b.starts_at = "13:00";
    b.ends_at = "17:00";
    // 7:00: before either opens; pinned to the afternoon it is open all the same.
    const ui::SessionNow unpinned = session_now({a, b}, "Asia/Tokyo", kNineAm - 2 * kHour);
    EXPECT_EQ(unpinned.status, ui::SessionStatus::BeforeOpening);
    const ui::SessionNow pinned = session_now({a, b}, "Asia/Tokyo", kNineAm - 2 * kHour, "", "b");
    EXPECT_EQ(pinned.status, ui::SessionStatus::Open);
    EXPECT_TRUE(pinned.pinned);
    EXPECT_EQ(pinned.name, "午後");
    // A pin of a session the file no longer has is no pin.
    EXPECT_FALSE(session_now({a, b}, "Asia/Tokyo", kNineAm, "", "gone").pinned);
}

}  // namespace
}  // namespace uketsuke::app
