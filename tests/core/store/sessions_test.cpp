// Sessions in the event file: the default one, editing by last writer, removal, the expected
// lists, and the check-in service per session (already in, undo, leave, walk-ins).

#include <gtest/gtest.h>

#include "core/store/old_schema.hpp"
#include "kiosk/core/checkin/checkin.hpp"
#include "kiosk/core/staff/staff_actions.hpp"
#include "kiosk/core/store/event_store.hpp"
#include "kiosk/core/store/schema.hpp"
#include "support/event_fixture.hpp"

namespace uketsuke {
namespace {

using testing::EventFixture;
using testing::kNineAm;

Session meeting(const std::string& id, const std::string& date, const std::string& start,
                const std::string& end, const std::string& stamp) {
    Session s;
    s.id = id;
    s.name = "第" + id + "回";
    s.date = date;
    s.starts_at = start;
    s.ends_at = end;
    s.changed_stamp = stamp;
    s.changed_by = "organizer";
    return s;
}

// Two days: s1 (the default, made a real day one) and s2, which records leaving.
struct TwoDays {
    EventFixture f;
    TwoDays() {
        f.person("p1", "山田 花子", "青葉市");
        f.person("p2", "鈴木 一郎", "港南市");
        f.person("p3", "John Smith", "");
        EXPECT_TRUE(f.store.put_session(meeting("s1", "2026-11-30", "09:00", "17:00", "1"), kNineAm)
                        .value());
        Session two = meeting("s2", "2026-12-01", "09:00", "17:00", "2");
        two.records_leave = true;
        EXPECT_TRUE(f.store.put_session(two, kNineAm).value());
    }
    CheckinContext at(const std::string& session, std::int64_t minute = 0) const {
        return CheckinContext{"A", "", CheckinMethod::Camera, kNineAm + minute * 60'000, session};
    }
};

TEST(Sessions, ANewEventHasOneWholeDaySession) {
    EventFixture f;
    const std::vector<Session> sessions = f.store.sessions();
    ASSERT_EQ(sessions.size(), 1u);
    EXPECT_EQ(sessions[0].id, "s1");
    EXPECT_EQ(sessions[0].name, "Workshop");
    EXPECT_EQ(sessions[0].date, "2026-11-30");
    EXPECT_EQ(sessions[0].starts_at, "00:00");
    EXPECT_EQ(sessions[0].ends_at, "23:59");
    EXPECT_EQ(sessions[0].late_grace_minutes, 1439) << "nobody is late on a one-day event";
    EXPECT_EQ(sessions[0].opens_minutes_before, 0);
}

TEST(Sessions, LastWriterWinsAndAnOlderEditIsIgnored) {
    TwoDays t;
    Session newer = *t.f.store.session("s2");
    newer.name = "二日目";
    newer.changed_stamp = "5";
    EXPECT_TRUE(t.f.store.put_session(newer, kNineAm).value());
    Session older = newer;
    older.name = "stale";
    older.changed_stamp = "3";
    EXPECT_FALSE(t.f.store.put_session(older, kNineAm).value());
    EXPECT_EQ(t.f.store.session("s2")->name, "二日目");
}

TEST(Sessions, ABadSessionIsRefusedAndChangesNothing) {
    TwoDays t;
    const auto before = t.f.store.sessions();
    auto bad = t.f.store.put_session(meeting("s3", "2026-11-30", "16:00", "18:00", "9"), kNineAm);
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("overlaps"), std::string::npos) << bad.error().message;
    EXPECT_FALSE(
        t.f.store.put_session(meeting("s3", "2026-12-02", "18:00", "09:00", "9"), kNineAm));
    EXPECT_EQ(t.f.store.sessions().size(), before.size());
}

TEST(Sessions, RemovingOneWithCheckInsNeedsForceAndKeepsTheRows) {
    TwoDays t;
    CheckinService service(t.f.store);
    ASSERT_EQ(service.check_in_participant("p1", t.at("s2")).outcome, CheckinOutcome::CheckedIn);
    auto refused = t.f.store.remove_session("s2", false, "9", "organizer");
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("holds 1 check-in row"), std::string::npos)
        << refused.error().message;
    EXPECT_TRUE(t.f.store.session("s2"));
    EXPECT_TRUE(t.f.store.remove_session("s2", true, "9", "organizer").value());
    EXPECT_FALSE(t.f.store.session("s2"));
    EXPECT_EQ(t.f.store.checkins().size(), 1u) << "the rows stay as history";
    auto last = t.f.store.remove_session("s1", false, "10", "organizer");
    ASSERT_FALSE(last);
    EXPECT_NE(last.error().message.find("only session"), std::string::npos);
}

TEST(Sessions, ExpectedAtIsTheOwnListOrEveryoneRegistered) {
    TwoDays t;
    Participant cancelled = *t.f.store.participant("p3");
    cancelled.status = RegistrationStatus::Cancelled;
    t.f.add(cancelled);
    EXPECT_EQ(t.f.store.expected_at("s1"), (std::vector<std::string>{"p1", "p2"}));
    EXPECT_TRUE(t.f.store.set_session_expected("s2", {"p2", "p3"}, "7", "organizer").value());
    EXPECT_EQ(t.f.store.expected_at("s2"), std::vector<std::string>{"p2"}) << "not cancelled";
    EXPECT_EQ(t.f.store.expected_at("nope"), std::vector<std::string>{});
    auto unknown = t.f.store.set_session_expected("s2", {"p1", "ghost"}, "8", "organizer");
    ASSERT_FALSE(unknown);
    EXPECT_NE(unknown.error().message.find("\"ghost\""), std::string::npos);
    EXPECT_EQ(t.f.store.session_expected_list("s2"), (std::vector<std::string>{"p2", "p3"}));
    EXPECT_TRUE(t.f.store.set_session_expected("s2", {}, "9", "organizer").value());
    EXPECT_EQ(t.f.store.expected_at("s2").size(), 2u) << "an empty list is everyone again";
}

TEST(SessionCheckins, AlreadyCheckedInMeansInThisSession) {
    TwoDays t;
    CheckinService service(t.f.store);
    const std::string ticket = t.f.ticket("p1");
    EXPECT_EQ(service.check_in_code(ticket, t.at("s1")).outcome, CheckinOutcome::CheckedIn);
    EXPECT_EQ(service.check_in_code(ticket, t.at("s1", 5)).outcome, CheckinOutcome::AlreadyChecked);
    const CheckinResult day_two = service.check_in_code(ticket, t.at("s2", 24 * 60));
    EXPECT_EQ(day_two.outcome, CheckinOutcome::CheckedIn) << "the same ticket, the next day";
    EXPECT_EQ(day_two.recorded->session_id, "s2");
    EXPECT_EQ(t.f.store.arrived_count("s1"), 1);
    EXPECT_EQ(t.f.store.arrived_count("s2"), 1);
    EXPECT_TRUE(service.attendance("p1", "s2").checked_in);
    EXPECT_FALSE(service.attendance("p2", "s2").checked_in);
    // Undo on day two leaves day one alone.
    EXPECT_EQ(service.undo_participant("p1", t.at("s2", 24 * 60 + 1)).outcome, UndoOutcome::Undone);
    EXPECT_TRUE(service.attendance("p1", "s1").checked_in);
    EXPECT_FALSE(service.attendance("p1", "s2").checked_in);
}

TEST(SessionCheckins, WithSeveralSessionsTheCallerMustSayWhich) {
    TwoDays t;
    CheckinService service(t.f.store);
    const std::size_t rows = t.f.store.checkins().size();
    EXPECT_THROW((void)service.check_in_participant("p1", t.at("")), std::invalid_argument);
    EXPECT_THROW((void)service.check_in_participant("p1", t.at("s9")), std::invalid_argument);
    EXPECT_EQ(t.f.store.checkins().size(), rows);
}

TEST(SessionCheckins, LeavingIsRecordedWhereTheSessionRecordsItAndUndoable) {
    TwoDays t;
    CheckinService service(t.f.store);
    EXPECT_EQ(service.leave("p1", t.at("s2")).outcome, LeaveOutcome::NotCheckedIn);
    ASSERT_EQ(service.check_in_participant("p1", t.at("s1")).outcome, CheckinOutcome::CheckedIn);
    EXPECT_EQ(service.leave("p1", t.at("s1", 60)).outcome, LeaveOutcome::NotRecorded);
    ASSERT_EQ(service.check_in_participant("p1", t.at("s2")).outcome, CheckinOutcome::CheckedIn);
    const LeaveResult left = service.leave("p1", t.at("s2", 120));
    ASSERT_EQ(left.outcome, LeaveOutcome::Left);
    EXPECT_EQ(left.recorded->kind, CheckinKind::Leave);
    EXPECT_EQ(service.attendance("p1", "s2").left->id, left.recorded->id);
    EXPECT_EQ(service.leave("p1", t.at("s2", 121)).outcome, LeaveOutcome::NotCheckedIn);
    EXPECT_EQ(service.undo_leave("p1", t.at("s2", 122)).outcome, UndoOutcome::Undone);
    EXPECT_FALSE(service.attendance("p1", "s2").left);
    EXPECT_EQ(service.leave("ghost", t.at("s2")).outcome, LeaveOutcome::UnknownPerson);
    // They leave, then come back: a check-in again, and no leave in force.
    ASSERT_EQ(service.leave("p1", t.at("s2", 130)).outcome, LeaveOutcome::Left);
    EXPECT_EQ(service.check_in_participant("p1", t.at("s2", 140)).outcome,
              CheckinOutcome::CheckedIn);
    EXPECT_FALSE(service.attendance("p1", "s2").left);
}

TEST(SessionCheckins, AWalkInJoinsTheSessionTheyCameTo) {
    TwoDays t;
    ASSERT_TRUE(t.f.store
                    .set_session_expected("s2", {"p1"},
                                          t.f.store.next_stamp("organizer", kNineAm).to_string(),
                                          "organizer")
                    .value());
    WalkIn walk_in;
    walk_in.name = "飛び入り 太郎";
    walk_in.group_id = "";
    StaffContext context{"A", "", "", kNineAm, "s2"};
    const WalkInResult result = register_walk_in(t.f.store, walk_in, context, std::nullopt);
    ASSERT_TRUE(result) << result.error;
    EXPECT_EQ(result.checkin.session_id, "s2");
    const auto expected = t.f.store.expected_at("s2");
    EXPECT_EQ(expected, (std::vector<std::string>{"p1", result.participant.id}));
    EXPECT_EQ(t.f.store.expected_at("s1").size(), 4u) << "s1 has no list: everyone";
}

TEST(SessionSchema, AVersionThreeFileWithCheckInsMigratesToOneSession) {
    EventFixture f;
    f.person("p1", "山田 花子", "青葉市");
    f.person("p2", "鈴木 一郎", "港南市");
    CheckinService service(f.store);
    const auto first =
        service.check_in_participant("p1", {"K1", "", CheckinMethod::Camera, kNineAm});
    const auto second =
        service.check_in_participant("p2", {"K1", "", CheckinMethod::Camera, kNineAm + 1});
    ASSERT_EQ(
        service.undo(second.recorded->id, {"K1", "", CheckinMethod::Manual, kNineAm + 2}).outcome,
        UndoOutcome::Undone);
    (void)service.check_in_code("https://example.org", {"K1", "", CheckinMethod::Camera, kNineAm});
    std::vector<std::pair<std::int64_t, std::string>> rowids;
    {
        auto query = f.store.database().prepare("SELECT rowid, id FROM checkins ORDER BY rowid");
        while (query.step()) rowids.emplace_back(query.integer(0), query.text(1));
    }
    f.store = EventStore::create((f.dir / "other.db").string(), f.store.event());
    testing::make_schema_3(f.path);
    {
        EventStore read = EventStore::open(f.path, /*read_only=*/true);
        EXPECT_EQ(read.schema_version(), 3);
        EXPECT_EQ(read.sessions().size(), 1u) << "an old file reads as its one session";
        EXPECT_EQ(read.checkins().front().session_id, "s1");
    }
    EventStore store = EventStore::open(f.path);
    EXPECT_EQ(store.schema_version(), kSchemaVersion);
    const auto sessions = store.sessions();
    ASSERT_EQ(sessions.size(), 1u);
    EXPECT_EQ(sessions[0].id, "s1");
    EXPECT_EQ(sessions[0].name, "Workshop");
    EXPECT_EQ(sessions[0].date, "2026-11-30");
    EXPECT_EQ(sessions[0].starts_at + "-" + sessions[0].ends_at, "00:00-23:59");
    const auto rows = store.checkins();
    ASSERT_EQ(rows.size(), 3u);
    for (const auto& row : rows) EXPECT_EQ(row.session_id, "s1");
    {
        auto query = store.database().prepare("SELECT rowid, id FROM checkins ORDER BY rowid");
        std::vector<std::pair<std::int64_t, std::string>> after;
        while (query.step()) after.emplace_back(query.integer(0), query.text(1));
        EXPECT_EQ(after, rowids) << "ids and rowids (the hub's push marks) kept";
    }
    EXPECT_TRUE(store.checkin(first.recorded->id));
    EXPECT_EQ(store.arrived_count("s1"), 1);
    EXPECT_EQ(store.rejected_scans().at(0).session_id, "s1");
    EXPECT_THROW(store.database().execute("DELETE FROM checkins"), sql::DatabaseError)
        << "still append-only";
    // The rebuilt log takes leaves now.
    Session day = sessions[0];
    day.records_leave = true;
    day.changed_stamp = "z";
    ASSERT_TRUE(store.put_session(day, kNineAm).value());
    CheckinService after(store);
    EXPECT_EQ(after.leave("p1", {"K1", "", CheckinMethod::Manual, kNineAm + 5}).outcome,
              LeaveOutcome::Left);
    auto integrity = store.database().prepare("PRAGMA integrity_check");
    ASSERT_TRUE(integrity.step());
    EXPECT_EQ(integrity.text(0), "ok");
}

}  // namespace
}  // namespace uketsuke
