// A supervisor corrects one session of a person's attendance (session_correction.hpp): the
// 出席簿's mark becomes the one chosen, through ordinary check-in, leave and undo rows, with
// the correction on record; refusals change nothing.

#include "kiosk/core/staff/session_correction.hpp"

#include <gtest/gtest.h>

#include "kiosk/core/attendance/attendance_record.hpp"
#include "kiosk/core/checkin/checkin.hpp"
#include "kiosk/core/staff/staff.hpp"
#include "support/event_fixture.hpp"

namespace uketsuke {
namespace {

using testing::EventFixture;
using testing::kNineAm;  // 2026-11-30 09:00 in Tokyo

constexpr std::int64_t kMinute = 60'000;
constexpr std::int64_t kDay = 24 * 60 * kMinute;
constexpr std::int64_t kFirstDay = kNineAm - 3 * kDay;  // 2026-11-27 09:00

Session day(std::string id, std::string name, std::string date, bool records_leave,
            EventStore& store) {
    Session session;
    session.id = std::move(id);
    session.name = std::move(name);
    session.date = std::move(date);
    session.starts_at = "09:00";
    session.ends_at = "17:00";
    session.records_leave = records_leave;
    session.changed_stamp = store.next_stamp("organizer", kNineAm).to_string();
    session.changed_by = "organizer";
    return session;
}

struct Corrections : ::testing::Test {
    EventFixture event;
    StaffMember chief;
    StaffMember door;
    const std::int64_t now = kNineAm + 2 * 60 * kMinute;  // 11-30 11:00, after both days
    void SetUp() override {
        event.person("p1", "山田 花子", "青葉市");
        ASSERT_TRUE(
            event.store.put_session(day("s1", "1日目", "2026-11-27", true, event.store), kNineAm));
        ASSERT_TRUE(
            event.store.put_session(day("s2", "2日目", "2026-11-28", false, event.store), kNineAm));
        chief = add_staff(event.store, "Chief", StaffRole::Supervisor, "222222", test_pin_cost());
        door = add_staff(event.store, "Door", StaffRole::Door, "111111", test_pin_cost());
    }
    StaffContext by(const StaffMember& member) const {
        return StaffContext{"K1", member.id, "", now};
    }
    // The person's mark at a session, as `uketsuke attendance` and the person card read it.
    SessionMark mark(const std::string& session_id) {
        AttendanceInput input;
        input.time_zone = "Asia/Tokyo";
        input.sessions = event.store.sessions();
        input.participants = event.store.participants();
        for (const auto& s : input.sessions) input.expected[s.id] = event.store.expected_at(s.id);
        input.checkins = event.store.checkins_of("p1");
        input.now_ms = now;
        const auto record = build_attendance_record(input);
        EXPECT_TRUE(record);
        for (std::size_t i = 0; i < record.value().sessions.size(); ++i)
            if (record.value().sessions[i].session.id == session_id)
                return record.value().people.front().cells[i].mark;
        ADD_FAILURE() << "no session " << session_id;
        return SessionMark::NotExpected;
    }
    std::size_t rows() { return event.store.checkins_of("p1").size(); }
};

TEST_F(Corrections, EachCorrectionGivesItsMark) {
    ASSERT_EQ(mark("s1"), SessionMark::Absent);
    ASSERT_TRUE(correct_session(event.store, "p1", "s1", SessionCorrection::Present, by(chief)));
    EXPECT_EQ(mark("s1"), SessionMark::Present);
    ASSERT_TRUE(correct_session(event.store, "p1", "s1", SessionCorrection::Late, by(chief)));
    EXPECT_EQ(mark("s1"), SessionMark::Late);
    ASSERT_TRUE(correct_session(event.store, "p1", "s1", SessionCorrection::Present, by(chief)));
    ASSERT_TRUE(correct_session(event.store, "p1", "s1", SessionCorrection::EarlyLeave, by(chief)));
    EXPECT_EQ(mark("s1"), SessionMark::EarlyLeave);
    ASSERT_TRUE(correct_session(event.store, "p1", "s1", SessionCorrection::Absent, by(chief)));
    EXPECT_EQ(mark("s1"), SessionMark::Absent);
    // The other session was never touched.
    EXPECT_EQ(mark("s2"), SessionMark::Absent);
    EXPECT_TRUE(event.store.checkins_of("p1", "s2").empty());
}

TEST_F(Corrections, ALateArrivalBecomesPresentThoughTwoKiosksHadCheckedThemIn) {
    CheckinService service(event.store);
    for (const char* kiosk : {"A", "B"}) {
        ASSERT_EQ(
            service
                .check_in_participant("p1", CheckinContext{kiosk, "", CheckinMethod::Camera,
                                                           kFirstDay + kDay + 40 * kMinute, "s2"})
                .outcome,
            kiosk[0] == 'A' ? CheckinOutcome::CheckedIn : CheckinOutcome::AlreadyChecked);
    }
    ASSERT_EQ(mark("s2"), SessionMark::Late);
    ASSERT_TRUE(correct_session(event.store, "p1", "s2", SessionCorrection::Present, by(chief)));
    EXPECT_EQ(mark("s2"), SessionMark::Present);
    // Ordinary rows of the log, by the staff member, in that session: merge and hub carry them.
    for (const auto& row : event.store.checkins_of("p1", "s2")) {
        if (row.kiosk != "K1") continue;
        EXPECT_EQ(row.staff, chief.id);
        EXPECT_EQ(row.session_id, "s2");
        EXPECT_EQ(row.method, CheckinMethod::Manual);
    }
}

TEST_F(Corrections, TheCorrectionIsOnRecordWithWhoWhereAndWhen) {
    ASSERT_TRUE(correct_session(event.store, "p1", "s2", SessionCorrection::Late, by(chief)));
    const auto log = event.store.person_log_of("p1");
    ASSERT_EQ(log.size(), 1u);
    EXPECT_EQ(log[0].action, kSessionCorrectionAction);
    EXPECT_EQ(log[0].detail, "2日目 → 遅");
    EXPECT_EQ(log[0].staff, chief.id);
    EXPECT_EQ(log[0].staff_name, "Chief");
    EXPECT_EQ(log[0].kiosk, "K1");
    EXPECT_EQ(log[0].wall_ms, now);
    // The history shows it beside the rows it wrote.
    const auto history = person_history(event.store, "p1");
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[0].what, "check-in");
    EXPECT_EQ(history[1].what, "session_correction");
}

TEST_F(Corrections, RefusalsSayWhyAndChangeNothing) {
    const auto refused = [&](SessionCorrection correction, const std::string& session,
                             const StaffMember& member, const std::string& words) {
        const std::size_t before = rows();
        const ActionResult result =
            correct_session(event.store, "p1", session, correction, by(member));
        EXPECT_FALSE(result) << words;
        EXPECT_NE(result.error.find(words), std::string::npos) << result.error;
        EXPECT_EQ(rows(), before) << words;
    };
    refused(SessionCorrection::Present, "s1", door, "supervisor");
    refused(SessionCorrection::Absent, "s1", chief, "already absent");
    refused(SessionCorrection::EarlyLeave, "s2", chief, "does not record leaving");
    refused(SessionCorrection::Present, "s9", chief, "s9");
    ASSERT_TRUE(correct_session(event.store, "p1", "s1", SessionCorrection::Present, by(chief)));
    refused(SessionCorrection::Present, "s1", chief, "already present");
    EXPECT_EQ(event.store.person_log_of("p1").size(), 1u);

    // Late is not yet possible before the session's grace is over.
    ASSERT_TRUE(
        event.store.put_session(day("s3", "3日目", "2026-12-01", true, event.store), kNineAm));
    refused(SessionCorrection::Late, "s3", chief, "grace");
    refused(SessionCorrection::EarlyLeave, "s3", chief, "not started");
}

}  // namespace
}  // namespace uketsuke
