// Seating per session in the event file (schema 6): a session keeps the event's seating until it
// has rows of its own, rows are last writer wins, refusals write nothing, and a schema-5 file
// migrates with every session still on the event's seating.

#include <gtest/gtest.h>

#include "core/store/old_schema.hpp"
#include "kiosk/core/store/event_store.hpp"
#include "kiosk/core/store/schema.hpp"
#include "support/event_fixture.hpp"

namespace uketsuke {
namespace {

using testing::EventFixture;
using testing::kNineAm;

Session day(const std::string& id, const std::string& date) {
    Session s;
    s.id = id;
    s.name = id;
    s.date = date;
    s.starts_at = "09:00";
    s.ends_at = "17:00";
    s.changed_stamp = "1";
    s.changed_by = "organizer";
    return s;
}

struct Series {
    EventFixture f;
    Series() {
        f.store.upsert_group(Group{"ga", "A", "1", 0, "", std::nullopt, std::nullopt}, 0);
        f.store.upsert_group(Group{"gb", "B", "2", 0, "", std::nullopt, std::nullopt}, 1);
        f.person("p1", "山田 花子", "青葉市", "ga");
        f.person("p2", "鈴木 一郎", "港南市", "gb");
        f.person("p3", "John Smith", "");
        EXPECT_TRUE(f.store.put_session(day("s1", "2026-11-30"), kNineAm).value());
        EXPECT_TRUE(f.store.put_session(day("s2", "2026-12-01"), kNineAm).value());
    }
};

TEST(SessionSeating, ASessionWithoutRowsKeepsTheEventsSeating) {
    Series t;
    EXPECT_FALSE(t.f.store.has_own_seating("s2"));
    EXPECT_TRUE(t.f.store.session_seating("s2").empty());
    const auto seat = t.f.store.seat_at("s2", "p1");
    ASSERT_TRUE(seat);
    EXPECT_EQ(seat->group_id, "ga");
    EXPECT_EQ(seat->table_label, "");
    EXPECT_FALSE(t.f.store.seat_at("s2", "p3")) << "not placed in the event";
    EXPECT_FALSE(t.f.store.seat_at("s2", "ghost"));
}

TEST(SessionSeating, ASessionsOwnRowsDecideWhereEveryoneSitsThere) {
    Series t;
    const auto written = t.f.store.put_session_seating(
        "s2", {{"p1", "gb", "5", "7", "organizer"}, {"p3", "ga", "", "7", "organizer"}});
    ASSERT_TRUE(written);
    EXPECT_EQ(written.value(), 2);
    EXPECT_TRUE(t.f.store.has_own_seating("s2"));
    EXPECT_FALSE(t.f.store.has_own_seating("s1"));
    EXPECT_EQ(t.f.store.seat_at("s2", "p1")->group_id, "gb");
    EXPECT_EQ(t.f.store.seat_at("s2", "p1")->table_label, "5");
    EXPECT_EQ(t.f.store.seat_at("s2", "p3")->group_id, "ga");
    EXPECT_FALSE(t.f.store.seat_at("s2", "p2")) << "the session's seating leaves p2 out";
    // The other session and the event are untouched.
    EXPECT_EQ(t.f.store.seat_at("s1", "p1")->group_id, "ga");
    EXPECT_EQ(t.f.store.participant("p1")->group_id, "ga");
    const auto rows = t.f.store.session_seating("s2");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].participant_id, "p1");  // roster order
    EXPECT_EQ(rows[1].participant_id, "p3");
}

TEST(SessionSeating, AnOlderWriteLosesToTheHeldRow) {
    Series t;
    ASSERT_TRUE(t.f.store.put_session_seating("s2", {{"p1", "gb", "", "8", "organizer"}}));
    EXPECT_EQ(t.f.store.put_session_seating("s2", {{"p1", "ga", "", "7", "organizer"}}).value(), 0);
    EXPECT_EQ(t.f.store.put_session_seating("s2", {{"p1", "gb", "", "8", "organizer"}}).value(), 0)
        << "the same version again";
    EXPECT_EQ(t.f.store.seat_at("s2", "p1")->group_id, "gb");
    EXPECT_EQ(t.f.store.put_session_seating("s2", {{"p1", "ga", "", "9", "organizer"}}).value(), 1);
    EXPECT_EQ(t.f.store.seat_at("s2", "p1")->group_id, "ga");
}

TEST(SessionSeating, RefusalsNameTheProblemAndWriteNothing) {
    Series t;
    auto unknown_session = t.f.store.put_session_seating("s9", {{"p1", "ga", "", "7", "o"}});
    ASSERT_FALSE(unknown_session);
    EXPECT_EQ(unknown_session.error().message, "there is no session \"s9\"");
    auto unknown_person = t.f.store.put_session_seating(
        "s2", {{"p1", "ga", "", "7", "o"}, {"ghost", "ga", "", "7", "o"}});
    ASSERT_FALSE(unknown_person);
    EXPECT_EQ(unknown_person.error().message, "participant id \"ghost\" is not in the roster");
    auto unknown_group = t.f.store.put_session_seating("s2", {{"p1", "gz", "", "7", "o"}});
    ASSERT_FALSE(unknown_group);
    EXPECT_EQ(unknown_group.error().message, "there is no group with id \"gz\"");
    EXPECT_FALSE(t.f.store.has_own_seating("s2"));
}

TEST(SessionSeating, TheNewestStampCountsSeatingRows) {
    EventFixture f;  // the default session only, no other stamped rows
    f.store.upsert_group(Group{"ga", "A", "1", 0, "", std::nullopt, std::nullopt}, 0);
    f.person("p1", "山田 花子", "青葉市");
    const HlcStamp later{kNineAm + 3'600'000, 0, "organizer"};
    ASSERT_TRUE(f.store.put_session_seating(kDefaultSessionId,
                                            {{"p1", "ga", "", later.to_string(), "organizer"}}));
    const auto newest = newest_stamp(f.store.database());
    ASSERT_TRUE(newest);
    EXPECT_EQ(*newest, later);
}

TEST(SessionSeating, ASchemaFiveFileMigratesKeepingTheEventsSeating) {
    Series t;
    t.f.store = EventStore::create((t.f.dir / "other.db").string(), t.f.store.event());
    testing::make_schema_5(t.f.path);
    {
        const EventStore old = EventStore::open(t.f.path, /*read_only=*/true);
        EXPECT_EQ(old.schema_version(), 5);
        EXPECT_FALSE(old.has_own_seating("s2"));
        EXPECT_EQ(old.seat_at("s2", "p2")->group_id, "gb");
    }
    EventStore store = EventStore::open(t.f.path);
    EXPECT_EQ(store.schema_version(), kSchemaVersion);
    EXPECT_EQ(store.sessions().size(), 2u);
    EXPECT_EQ(store.participants().size(), 3u);
    EXPECT_FALSE(store.has_own_seating("s1"));
    EXPECT_FALSE(store.has_own_seating("s2"));
    EXPECT_EQ(store.seat_at("s2", "p2")->group_id, "gb");
    ASSERT_TRUE(store.put_session_seating("s2", {{"p2", "ga", "", "7", "organizer"}}));
    EXPECT_EQ(store.seat_at("s2", "p2")->group_id, "ga");
}

}  // namespace
}  // namespace uketsuke
