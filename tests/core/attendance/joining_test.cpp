// Who is expected at a session that was over before they joined: a walk-in registered on day
// 2 is not absent (×) at day 1, in the 出席簿, the report and the store's expected lists; an
// imported person and a walk-in of day 1 stay expected everywhere.

#include "kiosk/core/attendance/joining.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "kiosk/core/attendance/attendance_record.hpp"
#include "kiosk/core/checkin/checkin.hpp"
#include "kiosk/core/checkin/dashboard.hpp"
#include "kiosk/core/checkin/report.hpp"
#include "kiosk/core/staff/staff_actions.hpp"
#include "support/event_fixture.hpp"

namespace uketsuke {
namespace {

using testing::EventFixture;
using testing::kNineAm;

constexpr std::int64_t kMinute = 60'000;
constexpr std::int64_t kDay = 86'400'000;

TEST(WalkInJoined, IsTheEarliestTraceOrTheStartOfTheSessionTheyCameTo) {
    EXPECT_FALSE(walk_in_joined_ms({})) << "no traces: treated as imported";
    EXPECT_EQ(walk_in_joined_ms({{500, std::nullopt}, {300, std::nullopt}}), 300);
    // Typed in at 18:00 for the session of 9:00: they were there at 9:00.
    EXPECT_EQ(walk_in_joined_ms({{1000, 200}, {900, std::nullopt}}), 200);
    EXPECT_TRUE(expected_after_joining(std::nullopt, 0));
    EXPECT_TRUE(expected_after_joining(99, 100));
    EXPECT_FALSE(expected_after_joining(100, 100)) << "joined as it ended: it was over";
    EXPECT_FALSE(expected_after_joining(101, 100));
}

Session day(const std::string& id, const std::string& date, const std::string& makeup_of = "") {
    Session s;
    s.id = id;
    s.name = "第1回 " + id;
    s.date = date;
    s.starts_at = "09:00";
    s.ends_at = "17:00";
    s.late_grace_minutes = 10;
    s.makeup_of = makeup_of;
    s.changed_stamp = "1";
    s.changed_by = "organizer";
    return s;
}

// Day 1 (2026-11-30) and day 2 of a meeting, and a make-up day for day 1 a week later.
struct Meeting {
    EventFixture f;
    Meeting() {
        f.person("p1", "山田 花子", "青葉市");
        f.person("p2", "鈴木 一郎", "港南市");
        EXPECT_TRUE(f.store.put_session(day("s1", "2026-11-30"), kNineAm).value());
        EXPECT_TRUE(f.store.put_session(day("s2", "2026-12-01"), kNineAm).value());
        EXPECT_TRUE(f.store.put_session(day("s3", "2026-12-07", "s1"), kNineAm).value());
        CheckinService service(f.store);
        for (const char* id : {"p1", "p2"}) {
            EXPECT_EQ(service.check_in_participant(id, at("s1", 0)).outcome,
                      CheckinOutcome::CheckedIn);
        }
    }
    static CheckinContext at(const std::string& session, std::int64_t minute) {
        const std::int64_t day_of = session == "s1" ? 0 : session == "s2" ? 1 : 7;
        return CheckinContext{"A", "", CheckinMethod::Camera,
                              kNineAm + day_of * kDay + minute * kMinute, session};
    }
    std::string walk_in(const std::string& name, const std::string& session, std::int64_t wall_ms) {
        WalkIn person;
        person.name = name;
        person.organization = "港南市";
        person.group_id = "";
        const WalkInResult result =
            register_walk_in(f.store, person, StaffContext{"A", "", "", wall_ms, session}, {});
        EXPECT_TRUE(result) << result.error;
        return result.participant.id;
    }
    AttendanceRecord record() const {
        AttendanceInput input;
        input.time_zone = f.store.event().time_zone;
        input.sessions = f.store.sessions();
        input.participants = f.store.participants();
        for (const auto& session : input.sessions) {
            input.expected[session.id] = f.store.expected_at(session.id);
        }
        input.checkins = f.store.checkins();
        auto built = build_attendance_record(input);
        EXPECT_TRUE(built) << built.error().message;
        return built.value();
    }
};

bool contains(const std::vector<std::string>& ids, const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

const PersonAttendance& person_in(const AttendanceRecord& record, const std::string& id) {
    for (const auto& person : record.people) {
        if (person.participant.id == id) return person;
    }
    throw std::runtime_error("no " + id + " in the record");
}

TEST(WalkInJoined, AWalkInOfDayTwoIsNotExpectedAtDayOne) {
    Meeting m;
    const std::string late = m.walk_in("飛び入り 次郎", "s2", kNineAm + kDay + 5 * kMinute);
    // Imported on day 2 (an organizer's late import) leaves no walk-in traces: expected
    // everywhere, as before.
    m.f.person("p3", "後から 三郎", "青葉市");

    EXPECT_FALSE(contains(m.f.store.expected_at("s1"), late));
    EXPECT_TRUE(contains(m.f.store.expected_at("s1"), "p3"));
    EXPECT_TRUE(contains(m.f.store.expected_at("s2"), late));
    EXPECT_TRUE(contains(m.f.store.expected_at("s3"), late)) << "a later session";

    const AttendanceRecord record = m.record();
    const PersonAttendance& walk_in = person_in(record, late);
    ASSERT_EQ(record.sessions[0].session.id, "s1");
    EXPECT_EQ(walk_in.cells[0].mark, SessionMark::NotExpected) << "not × at day 1";
    EXPECT_EQ(walk_in.cells[1].mark, SessionMark::Present);
    EXPECT_EQ(walk_in.sessions, 1);
    EXPECT_EQ(walk_in.rate, 1.0);
    EXPECT_EQ(person_in(record, "p3").cells[0].mark, SessionMark::Absent);
    // Day 1's figures: p1 and p2 came, p3 did not; the walk-in of day 2 is nowhere in them.
    EXPECT_EQ(record.sessions[0].totals.expected, 3);
    EXPECT_EQ(record.sessions[0].totals.counts.absent, 1);
    EXPECT_EQ(record.sessions[0].totals.summary, "2団体2名参加（申込者3名）");
    for (const auto& organization : record.organizations) {
        if (organization.name == "港南市") {
            EXPECT_EQ(organization.sessions, 3) << "p2's two days and the walk-in's one";
            EXPECT_EQ(organization.attended, 2);  // p2 did not come on day 2
        }
    }

    const Report day_one = build_report(m.f.store, "s1");
    EXPECT_EQ(day_one.registered, 3);
    EXPECT_EQ(day_one.attended, 2);
    EXPECT_EQ(day_one.walk_ins, 0);
    const Report day_two = build_report(m.f.store, "s2");
    EXPECT_EQ(day_two.registered, 4);
    EXPECT_EQ(day_two.walk_ins, 1);
}

TEST(WalkInJoined, AWalkInOfDayOneIsExpectedOnDayTwoAndTypedInLateStillCounts) {
    Meeting m;
    const std::string early = m.walk_in("当日 一子", "s1", kNineAm + 20 * kMinute);
    // Staff type in a walk-in of day 1 from a paper form at 18:00, after day 1 ended, with
    // the session pinned to day 1: they were there.
    const std::string typed = m.walk_in("用紙 二子", "s1", kNineAm + 9 * 60 * kMinute);
    for (const auto& id : {early, typed}) {
        EXPECT_TRUE(contains(m.f.store.expected_at("s1"), id));
        EXPECT_TRUE(contains(m.f.store.expected_at("s2"), id));
    }
    const AttendanceRecord record = m.record();
    EXPECT_EQ(person_in(record, early).cells[0].mark, SessionMark::Late);
    EXPECT_EQ(person_in(record, early).cells[1].mark, SessionMark::Absent) << "day 2 counts";
    EXPECT_EQ(person_in(record, typed).sessions, 2);
}

TEST(WalkInJoined, ASessionWithItsOwnListKeepsIt) {
    Meeting m;
    const std::string late = m.walk_in("飛び入り 次郎", "s2", kNineAm + kDay);
    const std::string stamp = m.f.store.next_stamp("organizer", kNineAm + kDay).to_string();
    ASSERT_TRUE(m.f.store.set_session_expected("s1", {"p1", late}, stamp, "organizer").value());
    EXPECT_EQ(m.f.store.expected_at("s1"), (std::vector<std::string>{"p1", late}))
        << "the organizer named them for day 1";
}

// The dashboard's 当日参加 is the 出席簿's: people registered at a kiosk at that session. A walk-in
// of day 1 who scans their ticket on day 2 is an arrival on day 2, not a walk-in again.
TEST(WalkInJoined, TheDashboardCountsAWalkInAtTheSessionTheyWalkedInTo) {
    Meeting m;
    const std::string early = m.walk_in("当日 一子", "s1", kNineAm + 20 * kMinute);
    CheckinService service(m.f.store);
    ASSERT_EQ(service.check_in_participant(early, Meeting::at("s2", 3)).outcome,
              CheckinOutcome::CheckedIn);
    const AttendanceRecord record = m.record();
    for (const auto& [session, walk_ins] : {std::pair{"s1", 1}, std::pair{"s2", 0}}) {
        const Dashboard dashboard = build_dashboard(m.f.store, kNineAm + 2 * kDay, 10, session);
        EXPECT_EQ(dashboard.walk_ins, walk_ins) << session;
        const std::size_t column = session == std::string("s1") ? 0 : 1;
        EXPECT_EQ(record.sessions[column].totals.walk_ins, walk_ins) << session;
    }
    EXPECT_EQ(build_dashboard(m.f.store, kNineAm + 2 * kDay, 10, "s2").overall.arrived, 1);
}

}  // namespace
}  // namespace uketsuke
