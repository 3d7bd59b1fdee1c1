#include "kiosk/core/attendance/attendance_record.hpp"

#include <gtest/gtest.h>

#include "attendance_fixture.hpp"

namespace uketsuke {
namespace {

using namespace testing;

struct OneSession {
    AttendanceInput input;
    OneSession() {
        input.time_zone = "Asia/Tokyo";
        input.sessions = {session_on("1", 0)};
        input.participants = {someone("a", "青葉 一郎", "あおば いちろう", "青葉市")};
        input.expected["1"] = {"a"};
    }
    SessionMark mark_of(const std::string& person = "a", std::size_t session = 0) {
        auto record = build_attendance_record(input);
        EXPECT_TRUE(record) << record.error().message;
        if (!record) return SessionMark::NotExpected;
        for (const auto& p : record.value().people) {
            if (p.participant.id == person) return p.cells.at(session).mark;
        }
        ADD_FAILURE() << person << " is not in the record";
        return SessionMark::NotExpected;
    }
};

TEST(AttendanceRecord, ArrivalWithinTheGraceIsPresentAfterItLate) {
    OneSession f;
    f.input.checkins = {row("r1", "a", "1", at_minute(0, 10))};  // exactly start + grace
    EXPECT_EQ(f.mark_of(), SessionMark::Present);
    f.input.checkins = {row("r1", "a", "1", at_minute(0, 10) + 1)};
    EXPECT_EQ(f.mark_of(), SessionMark::Late);
    f.input.checkins = {row("r1", "a", "1", at_minute(0, -45))};  // the kiosk opens early
    EXPECT_EQ(f.mark_of(), SessionMark::Present);
}

TEST(AttendanceRecord, TheFirstCheckInInForceDecidesLateness) {
    OneSession f;
    f.input.checkins = {row("late", "a", "1", at_minute(0, 30)),
                        row("early", "a", "1", at_minute(0, 1)),
                        row("undo", "a", "1", at_minute(0, 2), CheckinKind::Undo, "early")};
    EXPECT_EQ(f.mark_of(), SessionMark::Late);
    f.input.checkins.pop_back();
    EXPECT_EQ(f.mark_of(), SessionMark::Present);
}

TEST(AttendanceRecord, ExpectedAndNotArrivedIsAbsentAndUndoneIsNotArrived) {
    OneSession f;
    EXPECT_EQ(f.mark_of(), SessionMark::Absent);
    f.input.checkins = {row("r1", "a", "1", at_minute(0, 0)),
                        row("u1", "a", "1", at_minute(0, 1), CheckinKind::Undo, "r1")};
    EXPECT_EQ(f.mark_of(), SessionMark::Absent);
}

TEST(AttendanceRecord, LeavingBeforeTheEndLessGraceIsEarlyOnlyWhereLeavingIsRecorded) {
    OneSession f;
    const std::int64_t end = at_minute(0, 240);
    f.input.checkins = {row("r1", "a", "1", at_minute(0, 0)),
                        row("l1", "a", "1", end - 11 * kMinute, CheckinKind::Leave)};
    EXPECT_EQ(f.mark_of(), SessionMark::Present) << "the session does not record leaving";
    f.input.sessions[0].records_leave = true;
    EXPECT_EQ(f.mark_of(), SessionMark::EarlyLeave);
    f.input.checkins[1].wall_ms = end - 10 * kMinute;  // within the grace
    EXPECT_EQ(f.mark_of(), SessionMark::Present);
}

TEST(AttendanceRecord, ComingBackAfterLeavingIsNotAnEarlyLeave) {
    OneSession f;
    f.input.sessions[0].records_leave = true;
    f.input.checkins = {row("r1", "a", "1", at_minute(0, 0)),
                        row("l1", "a", "1", at_minute(0, 60), CheckinKind::Leave),
                        row("r2", "a", "1", at_minute(0, 90))};
    EXPECT_EQ(f.mark_of(), SessionMark::Present);
}

TEST(AttendanceRecord, LateAndEarlyAtOnceShowsLateAndKeepsBothTimes) {
    OneSession f;
    f.input.sessions[0].records_leave = true;
    f.input.checkins = {row("r1", "a", "1", at_minute(0, 30)),
                        row("l1", "a", "1", at_minute(0, 120), CheckinKind::Leave)};
    auto record = build_attendance_record(f.input);
    ASSERT_TRUE(record);
    const AttendanceCell& cell = record.value().people[0].cells[0];
    EXPECT_EQ(cell.mark, SessionMark::Late);
    EXPECT_EQ(cell.arrived_ms, at_minute(0, 30));
    EXPECT_EQ(cell.left_ms, at_minute(0, 120));
}

TEST(AttendanceRecord, AbsentButAtTheMakeupIsMadeUpAndTheMakeupRequiresNobody) {
    AttendanceInput input;
    input.time_zone = "Asia/Tokyo";
    input.sessions = {session_on("1", 0), session_on("2", 7), session_on("1b", 3, "1")};
    input.participants = {someone("a", "A", "あ", "X"), someone("b", "B", "い", "X"),
                          someone("c", "C", "う", "X")};
    input.expected["1"] = {"a", "b", "c"};
    input.expected["2"] = {"a", "b", "c"};
    input.expected["1b"] = {"a", "b", "c"};  // a list on the make-up does not make it required
    input.checkins = {row("r1", "a", "1b", at_minute(3, 0)), row("r2", "b", "1", at_minute(0, 0)),
                      row("r3", "b", "1b", at_minute(3, 0)), row("r4", "a", "2", at_minute(7, 0)),
                      row("r5", "b", "2", at_minute(7, 0))};
    auto built = build_attendance_record(input);
    ASSERT_TRUE(built) << built.error().message;
    const AttendanceRecord& record = built.value();
    ASSERT_EQ(record.sessions.size(), 3u);
    EXPECT_EQ(record.sessions[1].session.id, "1b") << "sessions are in calendar order";
    EXPECT_TRUE(record.sessions[1].makeup);
    const auto& a = record.people[0];
    const auto& b = record.people[1];
    const auto& c = record.people[2];
    EXPECT_EQ(a.cells[0].mark, SessionMark::MadeUp);
    EXPECT_EQ(a.cells[0].made_up_at, "1b");
    EXPECT_EQ(a.cells[1].mark, SessionMark::Present);
    EXPECT_EQ(b.cells[0].mark, SessionMark::Present) << "attending both changes nothing";
    EXPECT_EQ(b.cells[1].mark, SessionMark::Present);
    EXPECT_EQ(c.cells[0].mark, SessionMark::Absent);
    EXPECT_EQ(c.cells[1].mark, SessionMark::NotExpected) << "nobody is absent at a make-up";
    // The make-up is in nobody's sessions: a is 2 of 2 with 振, c 0 of 2.
    EXPECT_EQ(a.sessions, 2);
    EXPECT_EQ(a.counts.made_up, 1);
    EXPECT_DOUBLE_EQ(*a.rate, 1.0);
    EXPECT_EQ(b.sessions, 2);
    EXPECT_EQ(c.sessions, 2);
    EXPECT_DOUBLE_EQ(*c.rate, 0.0);
    const SessionTotals& first = record.sessions[0].totals;
    EXPECT_EQ(first.counts.present, 1);
    EXPECT_EQ(first.counts.made_up, 1);
    EXPECT_EQ(first.counts.absent, 1);
    EXPECT_EQ(record.sessions[1].totals.counts.absent, 0);
    EXPECT_EQ(record.sessions[1].totals.counts.attended(), 2);
}

TEST(AttendanceRecord, WalkInsShowTheirMarkAndCount) {
    OneSession f;
    f.input.participants.push_back(someone("w", "当日 参加", "とうじつ さんか", "港南市"));
    f.input.checkins = {row("r1", "w", "1", at_minute(0, 20))};
    auto record = build_attendance_record(f.input);
    ASSERT_TRUE(record);
    // 港南市 sorts before 青葉市 (コウ before セイ, see the sorting test).
    const auto& walk_in = record.value().people[0];
    ASSERT_EQ(walk_in.participant.id, "w");
    EXPECT_EQ(walk_in.cells[0].mark, SessionMark::Late);
    EXPECT_FALSE(walk_in.cells[0].expected);
    EXPECT_EQ(walk_in.sessions, 1);
    const SessionTotals& totals = record.value().sessions[0].totals;
    EXPECT_EQ(totals.expected, 1);
    EXPECT_EQ(totals.walk_ins, 1);
    EXPECT_EQ(totals.counts.late, 1);
    EXPECT_EQ(totals.counts.absent, 1);
    EXPECT_EQ(totals.summary, "1団体1名参加（申込者1名）");
}

TEST(AttendanceRecord, CancelledPeopleAreExpectedNowhere) {
    OneSession f;
    Participant gone = someone("g", "取消 太郎", "とりけし たろう", "青葉市");
    gone.status = RegistrationStatus::Cancelled;
    f.input.participants.push_back(gone);
    f.input.expected["1"].push_back("g");
    auto record = build_attendance_record(f.input);
    ASSERT_TRUE(record);
    EXPECT_EQ(record.value().people.size(), 1u) << "a cancelled person who never came";
    EXPECT_EQ(record.value().sessions[0].totals.expected, 1);
    f.input.checkins = {row("r1", "g", "1", at_minute(0, 0))};
    record = build_attendance_record(f.input);
    ASSERT_TRUE(record);
    ASSERT_EQ(record.value().people.size(), 2u);
    EXPECT_EQ(record.value().sessions[0].totals.walk_ins, 1);
}

TEST(AttendanceRecord, SessionsStillToComeHaveNoAbsencesAndNoRates) {
    OneSession f;
    f.input.sessions.push_back(session_on("2", 7));
    f.input.expected["2"] = {"a"};
    f.input.checkins = {row("r1", "a", "1", at_minute(0, 0))};
    f.input.now_ms = at_minute(7, -30);  // half an hour before the second starts
    auto record = build_attendance_record(f.input);
    ASSERT_TRUE(record);
    const auto& a = record.value().people[0];
    EXPECT_FALSE(record.value().sessions[1].held);
    EXPECT_EQ(a.cells[1].mark, SessionMark::NotExpected);
    EXPECT_TRUE(a.cells[1].expected);
    EXPECT_EQ(a.sessions, 1);
    EXPECT_DOUBLE_EQ(*a.rate, 1.0);
    f.input.now_ms = at_minute(7, 0);
    EXPECT_EQ(f.mark_of("a", 1), SessionMark::Absent);
}

TEST(AttendanceRecord, SummaryCountsOrganizationsOfThoseWhoCame) {
    AttendanceInput input;
    input.time_zone = "Asia/Tokyo";
    input.sessions = {session_on("1", 0)};
    for (int i = 0; i < 30; ++i) {
        input.participants.push_back(
            someone("p" + std::to_string(i), "N", "な", "団体" + std::to_string(i % 10)));
        input.expected["1"].push_back("p" + std::to_string(i));
    }
    // Everyone of 団体9 (p9, p19, p29) stays away, and p0 and p1 too: 9 organizations, 25.
    for (int i = 2; i < 30; ++i) {
        if (i % 10 == 9) continue;
        input.checkins.push_back(
            row("r" + std::to_string(i), "p" + std::to_string(i), "1", at_minute(0, 0)));
    }
    input.participants.push_back(someone("x", "無所属", "むしょぞく", ""));
    input.checkins.push_back(row("rx", "x", "1", at_minute(0, 0)));
    auto record = build_attendance_record(input);
    ASSERT_TRUE(record);
    EXPECT_EQ(record.value().sessions[0].totals.summary, "9団体26名参加（申込者30名）");
}

TEST(AttendanceRecord, SortedByOrganizationThenReadingWithKanaFolded) {
    OneSession f;
    f.input.participants = {
        someone("1", "渡辺", "ワタナベ", "北山村"), someone("2", "青木", "あおき", "北山村"),
        someone("3", "伊藤", "ｲﾄｳ", "北山村"),      someone("4", "上田", "うえだ", ""),
        someone("5", "佐藤", "さとう", "青葉市"),   someone("6", "Baker", "", "青葉市"),
        someone("7", "阿部", "アベ", "青葉市")};
    auto record = build_attendance_record(f.input);
    ASSERT_TRUE(record);
    std::vector<std::string> order;
    for (const auto& p : record.value().people) order.push_back(p.participant.id);
    // ICU's ja collation puts Latin before kana, and the first level of JIS kanji in JIS
    // order, which goes by on-reading: 青 (セイ) before 北 (ホク), although U+9752 > U+5317.
    // People without an organization go last.
    EXPECT_EQ(order, (std::vector<std::string>{"6", "7", "5", "2", "3", "1", "4"}));
    ASSERT_EQ(record.value().organizations.size(), 3u);
    EXPECT_EQ(record.value().organizations[0].name, "青葉市");
    EXPECT_EQ(record.value().organizations[2].name, "");
}

TEST(AttendanceRecord, OrganizationRateIsItsPeoplesAttendanceOverTheirSessions) {
    AttendanceInput input;
    input.time_zone = "Asia/Tokyo";
    input.sessions = {session_on("1", 0), session_on("2", 7)};
    input.participants = {someone("a", "A", "あ", "X"), someone("b", "B", "い", "X")};
    input.expected["1"] = {"a", "b"};
    input.expected["2"] = {"a"};
    input.checkins = {row("r1", "a", "1", at_minute(0, 0)), row("r2", "a", "2", at_minute(7, 30)),
                      row("r3", "b", "1", at_minute(0, 0))};
    auto record = build_attendance_record(input);
    ASSERT_TRUE(record);
    const auto& organization = record.value().organizations.at(0);
    EXPECT_EQ(organization.people, 2);
    EXPECT_EQ(organization.sessions, 3);
    EXPECT_EQ(organization.attended, 3);
    EXPECT_DOUBLE_EQ(*organization.rate, 1.0);
}

TEST(AttendanceRecord, RowsOfUnknownSessionsAndPeopleAreCountedNotShown) {
    OneSession f;
    f.input.checkins = {row("r1", "a", "9", at_minute(0, 0)),
                        row("r2", "stranger", "1", at_minute(0, 0)),
                        row("r3", "stranger", "1", at_minute(0, 1))};
    auto record = build_attendance_record(f.input);
    ASSERT_TRUE(record);
    EXPECT_EQ(record.value().rows_of_unknown_sessions, 1u);
    EXPECT_EQ(record.value().people_not_in_roster, 1u);
    EXPECT_EQ(record.value().people.size(), 1u);
    EXPECT_EQ(record.value().people[0].cells[0].mark, SessionMark::Absent);
}

TEST(AttendanceRecord, BadSessionsAreNamedInTheError) {
    auto error_of = [](AttendanceInput input) {
        auto record = build_attendance_record(input);
        EXPECT_FALSE(record);
        return record ? std::string() : record.error().message;
    };
    OneSession f;
    AttendanceInput bad = f.input;
    bad.sessions[0].starts_at = "9:00";
    EXPECT_EQ(error_of(bad), "session 1: start time \"9:00\" is not HH:MM");
    bad = f.input;
    bad.sessions[0].date = "2026-02-30";
    EXPECT_EQ(error_of(bad), "session 1: start date \"2026-02-30\" is not YYYY-MM-DD");
    bad = f.input;
    bad.sessions[0].ends_at = "12:59";
    EXPECT_EQ(error_of(bad), "session 1: end 12:59 is not after the start 13:00");
    bad = f.input;
    bad.sessions.push_back(bad.sessions[0]);
    EXPECT_EQ(error_of(bad), "session 1 is given twice");
    bad = f.input;
    bad.sessions[0].makeup_of = "1";
    EXPECT_EQ(error_of(bad), "session 1: makeup_of \"1\" is not another session");
    bad = f.input;
    bad.sessions[0].late_grace_minutes = -1;
    EXPECT_EQ(error_of(bad), "session 1: late grace -1 minutes is negative");
    bad = f.input;
    bad.time_zone = "Mars/Olympus";
    EXPECT_EQ(error_of(bad), "the event's time zone \"Mars/Olympus\" is not known");
    bad = f.input;
    bad.sessions[0].name = "\xff\xfe";
    bad.sessions[0].id = "\x1b[2J";
    bad.sessions[0].ends_at = "\xe3\x81";
    EXPECT_EQ(error_of(bad), "session ?[2J: end time \"??\" is not HH:MM");
}

TEST(AttendanceRecord, OnlySessionKeepsThatColumnAndItsPeople) {
    AttendanceInput input;
    input.time_zone = "Asia/Tokyo";
    input.sessions = {session_on("1", 0), session_on("2", 7)};
    input.participants = {someone("a", "A", "あ", "X"), someone("b", "B", "い", "Y"),
                          someone("c", "C", "う", "Y")};
    input.expected["1"] = {"a", "b"};
    input.expected["2"] = {"a", "b", "c"};
    input.checkins = {row("r1", "a", "1", at_minute(0, 0)), row("r2", "c", "1", at_minute(0, 0))};
    auto record = build_attendance_record(input);
    ASSERT_TRUE(record);
    auto one = only_session(record.value(), "1");
    ASSERT_TRUE(one);
    ASSERT_EQ(one.value().sessions.size(), 1u);
    ASSERT_EQ(one.value().people.size(), 3u);
    EXPECT_EQ(one.value().sessions[0].totals.summary, "2団体2名参加（申込者2名）");
    ASSERT_EQ(one.value().organizations.size(), 2u);
    EXPECT_DOUBLE_EQ(*one.value().organizations[1].rate, 0.5);  // Y: b absent, c walked in
    EXPECT_FALSE(only_session(record.value(), "3"));
}

}  // namespace
}  // namespace uketsuke
