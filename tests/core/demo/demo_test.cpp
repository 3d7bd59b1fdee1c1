#include "kiosk/core/demo/demo.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <set>

#include "kiosk/core/checkin/checkin.hpp"
#include "kiosk/core/checkin/report.hpp"
#include "kiosk/core/store/event_store.hpp"
#include "support/event_fixture.hpp"

namespace uketsuke {
namespace {

TEST(Demo, IsTheWorkshopTheReadmePromises) {
    testing::TempDir dir;
    DemoOptions options;
    options.dir = dir.path();
    options.arrivals = 20;
    options.wall_ms = testing::kNineAm + 30 * 60'000;
    const DemoResult result = create_demo_event(options);
    ASSERT_TRUE(result) << result.error;
    EXPECT_EQ(result.participants, 30);
    EXPECT_EQ(result.tickets, 28);
    EXPECT_EQ(result.arrivals, 20);

    EventStore store = EventStore::open(result.event_file.string(), true);
    // A series: yesterday's day 1 was held, today's day 2 is open, a make-up day is to come.
    const auto sessions = store.sessions();
    ASSERT_EQ(sessions.size(), 3u);
    EXPECT_EQ(sessions[0].id, kDemoDayOne);
    EXPECT_EQ(sessions[1].id, kDemoDayTwo);
    EXPECT_EQ(sessions[2].id, kDemoMakeUp);
    EXPECT_EQ(sessions[2].makeup_of, kDemoDayOne);
    EXPECT_TRUE(sessions[0].records_leave && sessions[1].records_leave);
    EXPECT_EQ(kiosk_session(store, options.wall_ms)->id, kDemoDayTwo);
    // Day 1: three of the 28 missed it; the arrivals are today's, not yesterday's.
    EXPECT_EQ(build_report(store, kDemoDayOne).attended, 25);
    EXPECT_EQ(build_report(store, kDemoMakeUp).attended, 0);

    const Report report = build_report(store, kDemoDayTwo);
    EXPECT_EQ(report.registered, 28);
    EXPECT_EQ(report.cancelled, 2);
    EXPECT_EQ(report.attended, 20);
    // Organizations among those who came, as the 出席簿's summary counts them (nine registered).
    EXPECT_EQ(report.organizations, 8);
    EXPECT_EQ(report.column.totals.summary, "8団体20名参加（申込者28名）");
    const auto groups = store.groups();
    ASSERT_EQ(groups.size(), 6u);
    for (const auto& group : groups) EXPECT_FALSE(group.facilitator.empty()) << group.name;
    std::set<std::string> readings;
    for (const auto& person : store.participants()) {
        EXPECT_FALSE(person.reading.empty());
        readings.insert(person.reading);
    }
    EXPECT_EQ(readings.size(), 30u);

    // A second run keeps the event and its check-ins.
    options.arrivals = 0;
    const DemoResult again = create_demo_event(options);
    ASSERT_TRUE(again) << again.error;
    EventStore reopened = EventStore::open(result.event_file.string(), true);
    EXPECT_EQ(build_report(reopened, kDemoDayTwo).attended, 20);
    EXPECT_EQ(build_report(reopened, kDemoDayOne).attended, 25) << "day 1 is not attended twice";
    EXPECT_EQ(reopened.sessions().size(), 3u);
}

// The demo made yesterday and started again today: its series moves to today, so the kiosk
// has a session open; the check-ins made so far stay with their sessions.
TEST(Demo, MadeOnAnEarlierDayItsSeriesMovesToToday) {
    for (const int days_later : {1, 3}) {
        testing::TempDir dir;
        DemoOptions options;
        options.dir = dir.path();
        options.arrivals = 20;
        options.wall_ms = testing::kNineAm + 30 * 60'000;
        ASSERT_TRUE(create_demo_event(options));
        options.arrivals = 0;
        options.wall_ms += days_later * 24 * 60 * 60'000LL;
        const DemoResult again = create_demo_event(options);
        ASSERT_TRUE(again) << again.error;
        EventStore store = EventStore::open(again.event_file.string(), true);
        const auto open = kiosk_session(store, options.wall_ms);
        ASSERT_TRUE(open) << "a session is open " << days_later << " days later";
        EXPECT_EQ(open->id, kDemoDayTwo);
        EXPECT_EQ(open->date, days_later == 1 ? "2026-12-01" : "2026-12-03");
        EXPECT_EQ(store.sessions().size(), 3u);
        EXPECT_EQ(build_report(store, kDemoDayOne).attended, 25);
        EXPECT_EQ(build_report(store, kDemoDayTwo).attended, 20);
    }
}

int minutes_of(const std::string& hour_minute) {
    return std::stoi(hour_minute.substr(0, 2)) * 60 + std::stoi(hour_minute.substr(3, 2));
}

// Whatever the minute the demo is made, today's session is open then (check-in opens an hour
// before the start) and, but for the last minutes before midnight, five minutes later; made
// in the day's last minute it has none (a session cannot cross midnight).
TEST(Demo, TodaysSessionIsOpenAtAnyMinute) {
    for (int minute = 0; minute < 24 * 60; ++minute) {
        const std::int64_t midnight = testing::kNineAm - 9 * 60 * 60'000;
        const auto [start, end] = demo_today_window(midnight + minute * 60'000LL);
        SCOPED_TRACE(
            fmt::format("made at {:02d}:{:02d}: {}-{}", minute / 60, minute % 60, start, end));
        EXPECT_LT(minutes_of(start), minutes_of(end));
        EXPECT_LE(minutes_of(start) - 60, minute);
        if (minute < 23 * 60 + 59) {
            EXPECT_LT(minute + (minute < 23 * 60 + 50 ? 5 : 0), minutes_of(end));
        }
    }
}

// Made at night, the demo's kiosk still has its session: the window, as the kiosk reads it.
TEST(Demo, AtNightTodaysSessionTakesTheArrivals) {
    testing::TempDir dir;
    DemoOptions options;
    options.dir = dir.path();
    options.arrivals = 5;
    options.wall_ms = testing::kNineAm - 7 * 60 * 60'000;  // 02:00 in Tokyo
    const DemoResult result = create_demo_event(options);
    ASSERT_TRUE(result) << result.error;
    EventStore store = EventStore::open(result.event_file.string(), true);
    const auto open = kiosk_session(store, options.wall_ms);
    ASSERT_TRUE(open);
    EXPECT_EQ(open->id, kDemoDayTwo);
    EXPECT_EQ(open->starts_at, "02:20");
    EXPECT_EQ(build_report(store, kDemoDayTwo).attended, 5);
}

}  // namespace
}  // namespace uketsuke
