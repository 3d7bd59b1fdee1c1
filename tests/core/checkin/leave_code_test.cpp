// A code read at a kiosk in leave mode (CheckinService::leave_code): a leave for a checked-in
// person, nothing for one who is not, and the same problems as a check-in for a bad code.

#include <gtest/gtest.h>

#include "kiosk/core/checkin/checkin.hpp"
#include "support/event_fixture.hpp"

namespace uketsuke {
namespace {

using testing::EventFixture;
using testing::kNineAm;

class LeaveCodeTest : public ::testing::Test {
protected:
    EventFixture f;
    void SetUp() override {
        f.person("p1", "山田 花子", "青葉市");
        f.person("p3", "John Smith", "");
        Participant cancelled = f.person("p2", "鈴木 一郎", "港南市");
        cancelled.status = RegistrationStatus::Cancelled;
        f.add(cancelled);
        f.store.set_code("0001234", "p1", "platform");
        Session day = f.store.sessions().front();
        day.records_leave = true;
        day.changed_stamp = "9";
        EXPECT_TRUE(f.store.put_session(day, kNineAm).value());
    }
    static CheckinContext at(std::int64_t minute) {
        return CheckinContext{"EXIT", "", CheckinMethod::Camera, kNineAm + minute * 60'000};
    }
};

TEST_F(LeaveCodeTest, ACheckedInTicketRecordsALeave) {
    CheckinService service(f.store);
    ASSERT_EQ(service.check_in_code(f.ticket("p1"), at(0)).outcome, CheckinOutcome::CheckedIn);
    const LeaveScanResult left = service.leave_code(f.ticket("p1") + "\r\n", at(300));
    EXPECT_FALSE(left.problem);
    ASSERT_EQ(left.leave.outcome, LeaveOutcome::Left);
    ASSERT_TRUE(left.leave.recorded);
    EXPECT_EQ(left.leave.recorded->kind, CheckinKind::Leave);
    EXPECT_EQ(left.leave.recorded->kiosk, "EXIT");
    ASSERT_TRUE(left.participant);
    EXPECT_EQ(left.participant->name, "山田 花子");
    EXPECT_TRUE(service.attendance("p1").left);
    // Scanned again at the exit: already out, nothing more recorded.
    const LeaveScanResult again = service.leave_code(f.ticket("p1"), at(301));
    EXPECT_EQ(again.leave.outcome, LeaveOutcome::NotCheckedIn);
    ASSERT_TRUE(again.leave.earlier);
    EXPECT_EQ(again.leave.earlier->id, left.leave.recorded->id);
    EXPECT_EQ(f.store.checkins().size(), 2u);
}

TEST_F(LeaveCodeTest, ImportedCodesLeaveToo) {
    CheckinService service(f.store);
    ASSERT_EQ(service.check_in_participant("p1", at(0)).outcome, CheckinOutcome::CheckedIn);
    EXPECT_EQ(service.leave_code("0001234", at(60)).leave.outcome, LeaveOutcome::Left);
}

TEST_F(LeaveCodeTest, SomeoneNotCheckedInRecordsNothing) {
    CheckinService service(f.store);
    const LeaveScanResult result = service.leave_code(f.ticket("p3"), at(60));
    EXPECT_FALSE(result.problem);
    EXPECT_EQ(result.leave.outcome, LeaveOutcome::NotCheckedIn);
    EXPECT_FALSE(result.leave.earlier);
    EXPECT_TRUE(f.store.checkins().empty());
    EXPECT_TRUE(f.store.rejected_scans().empty());
}

TEST_F(LeaveCodeTest, ASessionThatDoesNotRecordLeavingRecordsNothing) {
    Session day = f.store.sessions().front();
    day.records_leave = false;
    day.changed_stamp = "99";
    ASSERT_TRUE(f.store.put_session(day, kNineAm).value());
    CheckinService service(f.store);
    ASSERT_EQ(service.check_in_code(f.ticket("p1"), at(0)).outcome, CheckinOutcome::CheckedIn);
    EXPECT_EQ(service.leave_code(f.ticket("p1"), at(60)).leave.outcome, LeaveOutcome::NotRecorded);
    EXPECT_EQ(f.store.checkins().size(), 1u);
}

TEST_F(LeaveCodeTest, BadCodesAreTheCheckinsProblemsAndRecordedAsRejected) {
    CheckinService service(f.store);
    EXPECT_EQ(service.leave_code("https://example.com/", at(0)).problem,
              CheckinOutcome::NotATicket);
    EXPECT_EQ(service.leave_code("9999", at(0)).problem, CheckinOutcome::UnknownCode);
    std::string forged = f.ticket("p1");
    forged.back() = forged.back() == '0' ? '1' : '0';
    EXPECT_EQ(service.leave_code(forged, at(0)).problem, CheckinOutcome::InvalidTicket);
    EXPECT_EQ(service.leave_code(f.ticket("p2"), at(0)).problem, CheckinOutcome::Cancelled);
    EXPECT_TRUE(f.store.checkins().empty());
    EXPECT_EQ(f.store.rejected_scans().size(), 3u);
}

}  // namespace
}  // namespace uketsuke
