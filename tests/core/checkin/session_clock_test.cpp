#include "kiosk/core/checkin/session_clock.hpp"

#include <gtest/gtest.h>

#include "kiosk/core/store/session_rules.hpp"

namespace uketsuke {
namespace {

constexpr std::int64_t kMinute = 60'000;
// 2026-11-30 00:00 UTC.
constexpr std::int64_t kMidnightUtc = 1795996800000;

Session session(const std::string& id, const std::string& date, const std::string& start,
                const std::string& end, const std::string& room = "", int opens = 30) {
    Session s;
    s.id = id;
    s.name = "Session " + id;
    s.date = date;
    s.starts_at = start;
    s.ends_at = end;
    s.room = room;
    s.opens_minutes_before = opens;
    return s;
}

// Local wall time in Tokyo (UTC+9) as UTC milliseconds.
std::int64_t tokyo(const std::string& date, const std::string& time) {
    const std::int64_t days = *parse_session_date(date);
    return (days * 24 * 60 + *parse_clock_time(time) - 9 * 60) * kMinute;
}

std::string chosen(const std::vector<Session>& sessions, std::int64_t now,
                   const std::string& zone = "Asia/Tokyo", const std::string& room = "") {
    const SessionChoice choice = choose_session(sessions, zone, now, room);
    std::string out(to_string(choice.verdict));
    if (choice.session) out += " " + choice.session->id;
    if (!choice.opens_at.empty()) out += " " + choice.opens_at;
    return out;
}

TEST(SessionClock, ATwoDayMeetingGivesEachDayItsSession) {
    const std::vector<Session> two_days{session("d1", "2026-11-30", "10:00", "17:00"),
                                        session("d2", "2026-12-01", "09:00", "16:00")};
    EXPECT_EQ(chosen(two_days, tokyo("2026-11-30", "09:29")), "before-opening d1 09:30");
    EXPECT_EQ(chosen(two_days, tokyo("2026-11-30", "09:30")), "current d1");
    EXPECT_EQ(chosen(two_days, tokyo("2026-11-30", "16:59")), "current d1");
    EXPECT_EQ(chosen(two_days, tokyo("2026-11-30", "17:00")), "none-today") << "end excluded";
    EXPECT_EQ(chosen(two_days, tokyo("2026-12-01", "07:00")), "before-opening d2 08:30");
    EXPECT_EQ(chosen(two_days, tokyo("2026-12-01", "08:45")), "current d2");
    EXPECT_EQ(chosen(two_days, tokyo("2026-12-02", "09:00")), "none-today");
}

TEST(SessionClock, MorningAndAfternoonHandOverAtTheAfternoonsOpening) {
    const std::vector<Session> day{session("am", "2026-11-30", "09:00", "12:30", "", 60),
                                   session("pm", "2026-11-30", "13:00", "17:00", "", 60)};
    EXPECT_EQ(chosen(day, tokyo("2026-11-30", "08:00")), "current am");
    EXPECT_EQ(chosen(day, tokyo("2026-11-30", "12:15")), "current am")
        << "both open: the one that has started wins";
    EXPECT_EQ(chosen(day, tokyo("2026-11-30", "12:30")), "current pm");
    EXPECT_EQ(chosen(day, tokyo("2026-11-30", "07:59")), "before-opening am 08:00");
}

TEST(SessionClock, RoomsChooseTheirOwnSessionAndAKioskWithoutARoomChoosesDeterministically) {
    const std::vector<Session> parallel{session("b", "2026-11-30", "10:00", "12:00", "Room B"),
                                        session("a", "2026-11-30", "10:00", "12:00", "Room A"),
                                        session("all", "2026-11-30", "13:00", "15:00", "")};
    const std::int64_t ten = tokyo("2026-11-30", "10:05");
    EXPECT_EQ(chosen(parallel, ten, "Asia/Tokyo", "Room A"), "current a");
    EXPECT_EQ(chosen(parallel, ten, "Asia/Tokyo", "Room B"), "current b");
    EXPECT_EQ(chosen(parallel, ten, "Asia/Tokyo", "Room C"), "before-opening all 12:30")
        << "a session tied to no room is every room's";
    EXPECT_EQ(chosen(parallel, ten), "current a") << "same start: the smaller id";
    EXPECT_EQ(chosen(parallel, tokyo("2026-11-30", "13:10"), "Asia/Tokyo", "Room B"),
              "current all");
    // The order of the list does not matter.
    const std::vector<Session> reversed(parallel.rbegin(), parallel.rend());
    EXPECT_EQ(chosen(reversed, ten), "current a");
}

TEST(SessionClock, AMakeUpDayIsASessionLikeAnyOther) {
    std::vector<Session> series{session("m1", "2026-06-01", "13:00", "16:00"),
                                session("m2", "2026-09-01", "13:00", "16:00")};
    Session makeup = session("m1x", "2026-06-15", "18:00", "20:00");
    makeup.makeup_of = "m1";
    series.push_back(makeup);
    EXPECT_EQ(chosen(series, tokyo("2026-06-15", "17:40")), "current m1x");
    EXPECT_EQ(chosen(series, tokyo("2026-06-15", "12:00")), "before-opening m1x 17:30");
    EXPECT_EQ(chosen(series, tokyo("2026-07-20", "12:00")), "none-today")
        << "between two meetings of the series";
}

TEST(SessionClock, AClockFarFromEverySessionLooksWrong) {
    const std::vector<Session> series{session("m1", "2026-06-01", "13:00", "16:00"),
                                      session("m2", "2026-09-01", "13:00", "16:00")};
    EXPECT_EQ(chosen(series, 0), "clock-looks-wrong") << "1970: a clock that was never set";
    EXPECT_EQ(chosen(series, tokyo("2000-01-01", "00:00")), "clock-looks-wrong");
    EXPECT_EQ(chosen(series, tokyo("2026-05-03", "12:00")), "none-today") << "30 days before";
    EXPECT_EQ(chosen(series, tokyo("2026-04-30", "12:00")), "clock-looks-wrong");
    EXPECT_EQ(chosen(series, tokyo("2026-10-01", "12:00")), "none-today") << "30 days after";
    EXPECT_EQ(chosen(series, tokyo("2026-10-02", "12:00")), "clock-looks-wrong");
    // Within 12 hours of a session is never wrong, whatever the date says.
    const std::vector<Session> far{session("x", "2030-01-01", "09:00", "10:00")};
    EXPECT_EQ(chosen(far, tokyo("2029-12-31", "22:00")), "none-today");
    EXPECT_EQ(chosen({}, tokyo("2026-11-30", "09:00")), "none-today");
}

TEST(SessionClock, TheEventsTimeZoneDecidesTheLocalTime) {
    const std::vector<Session> day{session("s", "2026-11-30", "09:00", "17:00", "", 0)};
    // 09:00 in Tokyo is 00:00 UTC; 09:00 in UTC is 18:00 in Tokyo.
    EXPECT_EQ(chosen(day, kMidnightUtc, "Asia/Tokyo"), "current s");
    EXPECT_EQ(chosen(day, kMidnightUtc, "UTC"), "before-opening s 09:00");
    EXPECT_EQ(chosen(day, kMidnightUtc + 9 * 60 * kMinute, "UTC"), "current s");
    EXPECT_EQ(chosen(day, kMidnightUtc + 9 * 60 * kMinute, "Asia/Tokyo"), "none-today");
}

TEST(SessionClock, TheOnlySessionTakesCheckInsAtAnyTime) {
    const std::vector<Session> one{session("s1", "2026-11-30", "00:00", "23:59", "", 0)};
    EXPECT_EQ(session_for_checkin(one, "Asia/Tokyo", 0)->id, "s1");
    EXPECT_EQ(session_for_checkin(one, "Asia/Tokyo", tokyo("2026-12-24", "09:00"))->id, "s1");
    const std::vector<Session> two{session("a", "2026-11-30", "09:00", "12:00"),
                                   session("b", "2026-12-01", "09:00", "12:00")};
    EXPECT_FALSE(session_for_checkin(two, "Asia/Tokyo", tokyo("2026-11-30", "13:00")));
    EXPECT_EQ(session_for_checkin(two, "Asia/Tokyo", tokyo("2026-12-01", "10:00"))->id, "b");
}

TEST(SessionRules, DatesAndTimesReadTheWaysSpreadsheetsWriteThem) {
    EXPECT_EQ(format_session_date(*parse_session_date("2026/3/5")), "2026-03-05");
    EXPECT_EQ(format_session_date(*parse_session_date(" 2026-11-30 ")), "2026-11-30");
    EXPECT_FALSE(parse_session_date("2026-02-30"));
    EXPECT_FALSE(parse_session_date("2026-11"));
    EXPECT_FALSE(parse_session_date("30/11/2026"));
    EXPECT_EQ(parse_clock_time("9:05"), 9 * 60 + 5);
    EXPECT_EQ(parse_clock_time("09:30"), 9 * 60 + 30);
    EXPECT_EQ(parse_clock_time("13時"), 13 * 60);
    EXPECT_EQ(parse_clock_time("13時30分"), 13 * 60 + 30);
    EXPECT_FALSE(parse_clock_time("24:00"));
    EXPECT_FALSE(parse_clock_time("9:5"));
    EXPECT_FALSE(parse_clock_time("9.30"));
    EXPECT_FALSE(parse_clock_time(""));
}

TEST(SessionRules, CheckSessionNamesWhatIsWrong) {
    const std::int64_t now = tokyo("2026-11-30", "12:00");
    const auto checked = check_session(session("a", "2026-11-30", "9:00", "12:00", "R"), {}, now);
    ASSERT_TRUE(checked);
    EXPECT_EQ(checked.value().starts_at, "09:00");
    const Session ok = checked.value();
    auto problem = [&](Session s, const std::vector<Session>& others = {}) {
        const auto result = check_session(std::move(s), others, now);
        return result ? std::string("ok") : result.error().field + ": " + result.error().message;
    };
    EXPECT_EQ(problem(session("a", "2026-11-30", "12:00", "09:00")),
              "ends_at: session a ends at 09:00, not after it starts at 12:00");
    EXPECT_EQ(problem(session("a", "1999-12-31", "09:00", "10:00")).substr(0, 40),
              "date: the date 1999-12-31 is outside 200");
    EXPECT_EQ(problem(session("a", "2036-12-01", "09:00", "10:00")).substr(0, 20),
              "date: the date 2036-");
    EXPECT_EQ(problem(session("a", "2036-11-01", "09:00", "10:00")), "ok");
    EXPECT_EQ(problem(session("b", "2026-11-30", "11:00", "13:00", "R"), {ok}),
              "starts_at: session b (2026-11-30 11:00–13:00) overlaps Session a (a, 2026-11-30 "
              "09:00–12:00, R) in the same room");
    EXPECT_EQ(problem(session("b", "2026-11-30", "11:00", "13:00", "Q"), {ok}), "ok");
    EXPECT_EQ(problem(session("b", "2026-11-30", "12:00", "13:00", "R"), {ok}), "ok");
    Session makeup = session("b", "2026-12-10", "09:00", "10:00");
    makeup.makeup_of = "zz";
    EXPECT_EQ(problem(makeup, {ok}),
              "makeup_of: session b makes up for \"zz\", which is not a "
              "session");
    makeup.makeup_of = "a";
    EXPECT_EQ(problem(makeup, {ok}), "ok");
    Session negative = ok;
    negative.late_grace_minutes = -1;
    EXPECT_EQ(problem(negative).substr(0, 20), "late_grace_minutes: ");
}

}  // namespace
}  // namespace uketsuke
