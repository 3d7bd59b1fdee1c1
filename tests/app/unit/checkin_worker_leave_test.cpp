// The check-in worker in leave mode and for the 退出する button, on a real event file with the
// clock passed in: a leave recorded under the current session, early or not, and nothing
// recorded for someone not checked in or at a session that records no leaving.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "kiosk/app/checkin_worker.hpp"
#include "kiosk/core/checkin/checkin.hpp"
#include "support/event_fixture.hpp"

namespace uketsuke::app {
namespace {

using testing::EventFixture;
using testing::kNineAm;  // 2026-11-30 09:00 in Tokyo

constexpr std::int64_t kMinute = 60'000;

class WorkerLeave : public ::testing::Test {
protected:
    void SetUp() override {
        event.person("p1", "山田 花子", "青葉市");
        event.person("p2", "John Smith", "");
        event.store.set_code("T-0001", "p1", "platform");
        event.store.set_code("T-0002", "p2", "platform");
        Session day;
        day.id = "s1";
        day.name = "1日目";
        day.date = "2026-11-30";
        day.starts_at = "09:00";
        day.ends_at = "17:00";
        day.records_leave = true;
        day.changed_stamp = event.store.next_stamp("organizer", kNineAm).to_string();
        day.changed_by = "organizer";
        ASSERT_TRUE(event.store.put_session(day, kNineAm).value());
        CheckinService service(event.store);
        ASSERT_EQ(
            service.check_in_participant("p1", {"A", "", CheckinMethod::Camera, kNineAm, "s1"})
                .outcome,
            CheckinOutcome::CheckedIn);
    }
    template <typename Job>
    WorkerResult run(const Job& job, std::int64_t at, bool leave_mode) {
        now = at;
        CheckinWorker worker(
            event.path, "EXIT", "", [] {}, [this] { return now.load(); }, nullptr,
            KioskPlace{leave_mode, ""});
        worker.submit(job);
        for (int i = 0; i < 500; ++i) {
            std::vector<WorkerResult> results = worker.take_results();
            if (!results.empty()) return std::move(results.front());
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        ADD_FAILURE() << "no answer from the worker";
        return {};
    }
    WorkerResult scan(const std::string& text, std::int64_t at) {
        return run(ui::SubmitScan{1, text, CheckinMethod::Camera, {}}, at, true);
    }
    Attendance attendance(const std::string& id) {
        return CheckinService(event.store).attendance(id, "s1");
    }
    EventFixture event;
    std::atomic<std::int64_t> now{kNineAm};
};

TEST_F(WorkerLeave, AScanAtTheExitRecordsALeaveAndSaysWhetherItWasEarly) {
    const WorkerResult early = scan("T-0001", kNineAm + 6 * 60 * kMinute);  // 15:00
    EXPECT_FALSE(early.finished.failed) << early.finished.error;
    EXPECT_EQ(early.outcome, "leave:left");
    EXPECT_EQ(early.finished.leave, ui::LeaveAnswer::Left);
    EXPECT_EQ(early.finished.name, "山田 花子");
    EXPECT_EQ(early.finished.left_at, "15:00");
    EXPECT_TRUE(early.finished.early_leave);
    EXPECT_EQ(early.finished.session_ends, "17:00");
    ASSERT_TRUE(attendance("p1").left);
    EXPECT_EQ(attendance("p1").left->kiosk, "EXIT");

    // Scanned again: already left, nothing more recorded.
    const WorkerResult again = scan("T-0001", kNineAm + 6 * 60 * kMinute + kMinute);
    EXPECT_EQ(again.finished.leave, ui::LeaveAnswer::AlreadyLeft);
    EXPECT_EQ(again.finished.left_at, "15:00");
    EXPECT_EQ(event.store.checkins_of("p1", "s1").size(), 2u);
}

TEST_F(WorkerLeave, LeavingWithinTheGraceIsNotEarly) {
    const WorkerResult left = scan("T-0001", kNineAm + 8 * 60 * kMinute - 5 * kMinute);  // 16:55
    EXPECT_EQ(left.finished.leave, ui::LeaveAnswer::Left);
    EXPECT_FALSE(left.finished.early_leave);
}

TEST_F(WorkerLeave, SomeoneNotCheckedInAtTheExitRecordsNothing) {
    const WorkerResult result = scan("T-0002", kNineAm + 60 * kMinute);
    EXPECT_EQ(result.finished.leave, ui::LeaveAnswer::NotCheckedIn);
    EXPECT_TRUE(result.finished.name.empty()) << "nothing recorded: no personal data shown";
    EXPECT_TRUE(event.store.checkins_of("p2", "s1").empty());
}

TEST_F(WorkerLeave, AnUnknownCodeAtTheExitIsTheUsualProblem) {
    const WorkerResult result = scan("nobody", kNineAm + 60 * kMinute);
    EXPECT_EQ(result.finished.leave, ui::LeaveAnswer::None);
    EXPECT_EQ(result.finished.outcome, CheckinOutcome::UnknownCode);
    EXPECT_EQ(event.store.checkins().size(), 1u);
}

TEST_F(WorkerLeave, AScanInCheckinModeStillChecksIn) {
    const WorkerResult result =
        run(ui::SubmitScan{1, "T-0002", CheckinMethod::Camera, {}}, kNineAm, false);
    EXPECT_EQ(result.finished.outcome, CheckinOutcome::CheckedIn);
    EXPECT_EQ(result.finished.leave, ui::LeaveAnswer::None);
    ASSERT_TRUE(result.finished.session);
    EXPECT_TRUE(result.finished.session->records_leave);
    EXPECT_EQ(result.finished.participant_id, "p2");
}

TEST_F(WorkerLeave, TheLeavingButtonRecordsALeave) {
    const WorkerResult result = run(ui::SubmitLeave{7, "p1"}, kNineAm + 9 * 60 * kMinute, false);
    EXPECT_EQ(result.finished.scan_id, 7u);
    EXPECT_EQ(result.finished.leave, ui::LeaveAnswer::Left);
    EXPECT_FALSE(result.finished.early_leave) << "18:00 is after the end";
    ASSERT_TRUE(attendance("p1").left);
    EXPECT_EQ(attendance("p1").left->method, CheckinMethod::Manual);
}

}  // namespace
}  // namespace uketsuke::app
