#include "kiosk/core/staff/staff_actions.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "kiosk/core/groups/group_planning.hpp"
#include "kiosk/core/staff/staff.hpp"
#include "kiosk/core/store/schema.hpp"
#include "kiosk/core/sync/merge.hpp"
#include "support/event_fixture.hpp"

namespace uketsuke {
namespace {

using testing::EventFixture;
using testing::kNineAm;

// Every row staff actions may touch: equal before and after means nothing changed.
std::string snapshot(EventStore& store) {
    static const std::vector<std::pair<std::string, int>> kQueries{
        {"SELECT id, coalesce(group_id, ''), status, notes, changed_stamp, changed_by FROM "
         "participants ORDER BY id",
         6},
        {"SELECT id, participant_id, action, detail, kiosk, staff, stamp FROM person_log ORDER BY "
         "id",
         7},
        {"SELECT id, participant_id, kind, stamp FROM checkins ORDER BY id", 4},
        {"SELECT code, participant_id, kind FROM codes ORDER BY code", 3},
        {"SELECT key, value FROM settings WHERE key LIKE 'hlc.%' ORDER BY key", 2},
    };
    std::string text;
    for (const auto& [sql, columns] : kQueries) {
        auto query = store.database().prepare(sql);
        text += "--\n";
        while (query.step()) {
            for (int column = 0; column < columns; ++column) text += query.text(column) + "|";
            text += "\n";
        }
    }
    return text;
}

// Turns a fresh event file back into schema 1, as kiosks in the field still hold it.
void make_schema_1(const std::string& path) {
    sql::Database db(path, sql::Database::Mode::ReadWrite);
    db.execute("DROP TABLE person_log; PRAGMA user_version = 1;");
}

// A seated room of 3 groups of 3: A has two of 青葉市, B one, C none. A supervisor and door staff.
struct Room {
    EventFixture f;
    std::string a, b, c;
    StaffMember boss, door;
    Room() {
        create_groups(f.store, 3, 3);
        for (const auto& g : f.store.groups()) (g.name == "A" ? a : g.name == "B" ? b : c) = g.id;
        f.person("a1", "Aoki", "青葉市", a);
        f.person("a2", "Abe", "青葉市", a);
        f.person("a3", "Arai", "港南市", a);
        f.person("b1", "Baba", "青葉市", b);
        f.person("b2", "Beppu", "北山村", b);
        f.person("c1", "Chiba", "港南市", c);
        f.person("c2", "Chino", "北山村", c);
        f.store.set_code("T-B2", "b2", "platform");
        boss = add_staff(f.store, "Sato", StaffRole::Supervisor, "1234", test_pin_cost());
        door = add_staff(f.store, "Suzuki", StaffRole::Door, "5678", test_pin_cost());
    }
    StaffContext by(const StaffMember& who, std::int64_t minute = 0,
                    const std::string& kiosk = "K1") const {
        return StaffContext{kiosk, who.id, "", kNineAm + minute * 60'000};
    }
};

TEST(StaffActions, MoveIsStampedAndLoggedWithWhoWhereAndWhen) {
    Room room;
    const ActionResult moved = move_person(room.f.store, "a1", room.c, room.by(room.boss, 5));
    ASSERT_TRUE(moved) << moved.error;
    EXPECT_EQ(moved.warning, "");
    ASSERT_TRUE(moved.participant);
    const Participant stored = *room.f.store.participant("a1");
    EXPECT_EQ(stored.group_id, room.c);
    EXPECT_EQ(stored.changed_by, "K1");
    EXPECT_EQ(moved.participant->changed_stamp, stored.changed_stamp);
    const auto log = room.f.store.person_log_of("a1");
    ASSERT_EQ(log.size(), 1u);
    EXPECT_EQ(log[0].action, "move");
    EXPECT_EQ(log[0].detail, "A → C");
    EXPECT_EQ(log[0].kiosk, "K1");
    EXPECT_EQ(log[0].staff, room.boss.id);
    EXPECT_EQ(log[0].staff_name, "Sato");
    EXPECT_EQ(log[0].wall_ms, kNineAm + 5 * 60'000);
    EXPECT_EQ(log[0].stamp, stored.changed_stamp);
    const auto stamp = HlcStamp::parse(log[0].stamp);
    ASSERT_TRUE(stamp);
    EXPECT_EQ(stamp->node, "K1");
    EXPECT_EQ(log[0].id.size(), 32u);
}

TEST(StaffActions, MoveIntoAFullGroupIsHonouredWithAWarning) {
    Room room;
    const ActionResult moved = move_person(room.f.store, "c1", room.a, room.by(room.boss));
    ASSERT_TRUE(moved) << moved.error;
    EXPECT_EQ(moved.warning, "group A now seats 4, over its capacity of 3");
    EXPECT_EQ(room.f.store.participant("c1")->group_id, room.a);
}

TEST(StaffActions, CancelReinstateAndNoteAreLogged) {
    Room room;
    ASSERT_TRUE(cancel_person(room.f.store, "b1", room.by(room.boss, 1)));
    EXPECT_EQ(room.f.store.participant("b1")->status, RegistrationStatus::Cancelled);
    EXPECT_EQ(room.f.store.participant("b1")->group_id, room.b) << "kept for a reinstatement";
    CheckinService service(room.f.store);
    EXPECT_EQ(
        service.check_in_participant("b1", {"K1", "", CheckinMethod::Manual, kNineAm}).outcome,
        CheckinOutcome::Cancelled);
    ASSERT_TRUE(reinstate_person(room.f.store, "b1", room.by(room.boss, 2)));
    EXPECT_EQ(room.f.store.participant("b1")->status, RegistrationStatus::Registered);
    const ActionResult noted =
        set_note(room.f.store, "b1", "  needs a wheelchair seat \n", room.by(room.door, 3));
    ASSERT_TRUE(noted) << noted.error;
    EXPECT_EQ(noted.participant->notes, "needs a wheelchair seat");
    ASSERT_TRUE(set_note(room.f.store, "b1", "", room.by(room.door, 4)));
    EXPECT_EQ(room.f.store.participant("b1")->notes, "");

    const auto log = room.f.store.person_log_of("b1");
    ASSERT_EQ(log.size(), 4u);
    EXPECT_EQ(log[0].action, "cancel");
    EXPECT_EQ(log[1].action, "reinstate");
    EXPECT_EQ(log[2].action, "note");
    EXPECT_EQ(log[2].detail, "needs a wheelchair seat");
    EXPECT_EQ(log[2].staff_name, "Suzuki");
    EXPECT_EQ(log[3].detail, "");
    for (std::size_t i = 1; i < log.size(); ++i) EXPECT_LT(log[i - 1].stamp, log[i].stamp);
    EXPECT_EQ(room.f.store.participant("b1")->changed_stamp, log.back().stamp);
}

TEST(StaffActions, ReinstatingIntoAGroupFilledMeanwhileWarns) {
    Room room;
    ASSERT_TRUE(cancel_person(room.f.store, "a1", room.by(room.boss)));
    ASSERT_TRUE(move_person(room.f.store, "c1", room.a, room.by(room.boss, 1)));
    const ActionResult back = reinstate_person(room.f.store, "a1", room.by(room.boss, 2));
    ASSERT_TRUE(back) << back.error;
    EXPECT_EQ(back.warning, "group A now seats 4, over its capacity of 3");
}

TEST(StaffActions, RefusalsSayWhyAndChangeNothing) {
    Room room;
    CheckinService service(room.f.store);
    ASSERT_EQ(
        service.check_in_participant("c2", {"K1", room.boss.id, CheckinMethod::Manual, kNineAm})
            .outcome,
        CheckinOutcome::CheckedIn);
    ASSERT_TRUE(cancel_person(room.f.store, "b2", room.by(room.boss)));
    StaffContext removed = room.by(room.boss);
    removed.staff_id = "gone1234";
    StaffContext no_kiosk = room.by(room.boss);
    no_kiosk.kiosk = "";
    const std::string before = snapshot(room.f.store);

    const auto refused = [&](const std::string& error, const std::string& expected) {
        EXPECT_NE(error, "");
        EXPECT_NE(error.find(expected), std::string::npos) << error;
        EXPECT_EQ(snapshot(room.f.store), before) << error;
    };
    refused(move_person(room.f.store, "nobody", room.a, room.by(room.boss)).error,
            "no one with the id");
    refused(move_person(room.f.store, "a1", "no-such-group", room.by(room.boss)).error, "no group");
    refused(move_person(room.f.store, "a1", room.a, room.by(room.boss)).error,
            "already in group A");
    refused(move_person(room.f.store, "b2", room.a, room.by(room.boss)).error,
            "reinstate them first");
    refused(move_person(room.f.store, "a1", room.c, room.by(room.door)).error, "ask a supervisor");
    refused(move_person(room.f.store, "a1", room.c, removed).error, "no longer on the staff list");
    refused(move_person(room.f.store, "a1", room.c, no_kiosk).error, "kiosk");
    refused(cancel_person(room.f.store, "b2", room.by(room.boss)).error, "already cancelled");
    refused(cancel_person(room.f.store, "c2", room.by(room.boss)).error, "undo the check-in first");
    refused(cancel_person(room.f.store, "a1", room.by(room.door)).error, "ask a supervisor");
    refused(reinstate_person(room.f.store, "a1", room.by(room.boss)).error, "not cancelled");
    refused(set_note(room.f.store, "a1", "", room.by(room.door)).error, "already that");
    refused(set_note(room.f.store, "nobody", "x", room.by(room.door)).error, "no one with the id");
    refused(register_walk_in(room.f.store, WalkIn{" \u3000", "", "", Role::Participant, {}, false},
                             room.by(room.door))
                .error,
            "needs a name");
    refused(register_walk_in(room.f.store,
                             WalkIn{"New", "", "", Role::Participant, "no-such-group", false},
                             room.by(room.door))
                .error,
            "no group");
    // Fill every seat (b2 is cancelled: their seat is free).
    room.f.person("x1", "X1", "X", room.b);
    room.f.person("x2", "X2", "X", room.b);
    room.f.person("x3", "X3", "X", room.c);
    const std::string full = snapshot(room.f.store);
    const WalkInResult no_seat = register_walk_in(
        room.f.store, WalkIn{"New", "", "X", Role::Participant, {}, false}, room.by(room.door));
    EXPECT_NE(no_seat.error.find("every group is full"), std::string::npos) << no_seat.error;
    EXPECT_EQ(snapshot(room.f.store), full);
}

TEST(StaffActions, WalkInIsPlacedCheckedInAndFindableByItsCode) {
    Room room;
    const WalkInResult walk_in = register_walk_in(
        room.f.store, WalkIn{"  Wada ", "わだ", "青葉市", Role::Participant, {}, false},
        room.by(room.door, 7));
    ASSERT_TRUE(walk_in) << walk_in.error;
    ASSERT_TRUE(walk_in.group);
    EXPECT_EQ(walk_in.group->id, room.c) << "C has a free seat and no one from 青葉市";
    const Participant stored = *room.f.store.participant(walk_in.participant.id);
    EXPECT_EQ(stored.name, "Wada");
    EXPECT_EQ(stored.reading, "わだ");
    EXPECT_EQ(stored.source, "walk-in");
    EXPECT_EQ(stored.group_id, room.c);
    EXPECT_EQ(stored.changed_by, "K1");
    EXPECT_TRUE(stored.id.starts_with("w-") && stored.id.size() == 14) << stored.id;

    EXPECT_EQ(walk_in.checkin.method, CheckinMethod::WalkIn);
    EXPECT_EQ(walk_in.checkin.staff, room.door.id);
    EXPECT_EQ(walk_in.checkin.kiosk, "K1");
    EXPECT_GT(walk_in.checkin.stamp, stored.changed_stamp);
    CheckinService service(room.f.store);
    EXPECT_TRUE(service.attendance(stored.id).checked_in);

    EXPECT_TRUE(walk_in.code.starts_with("W-") && walk_in.code.size() == 14) << walk_in.code;
    EXPECT_EQ(walk_in.ticket_text, walk_in.code);
    const CheckinResult scanned = service.check_in_code(
        walk_in.ticket_text + "\n", {"K2", "", CheckinMethod::Scanner, kNineAm});
    EXPECT_EQ(scanned.outcome, CheckinOutcome::AlreadyChecked);
    EXPECT_EQ(scanned.participant_id, stored.id);

    // The next one: A and C are full now, B has a seat.
    const WalkInResult second =
        register_walk_in(room.f.store, WalkIn{"Wakui", "", "青葉市", Role::Participant, {}, false},
                         room.by(room.door, 8));
    ASSERT_TRUE(second) << second.error;
    EXPECT_NE(second.participant.id, stored.id);
    EXPECT_NE(second.code, walk_in.code);
    EXPECT_EQ(second.group->id, room.b);
}

TEST(StaffActions, WalkInInAGroupStaffChoseOrNone) {
    Room room;
    const WalkInResult chosen = register_walk_in(
        room.f.store, WalkIn{"Full", "", "", Role::Participant, room.a, false}, room.by(room.boss));
    ASSERT_TRUE(chosen) << chosen.error;
    EXPECT_EQ(chosen.participant.group_id, room.a);
    EXPECT_EQ(chosen.warning, "group A now seats 4, over its capacity of 3");
    const WalkInResult none = register_walk_in(
        room.f.store, WalkIn{"Nogroup", "", "", Role::Participant, std::string(), false},
        room.by(room.boss));
    ASSERT_TRUE(none) << none.error;
    EXPECT_EQ(none.participant.group_id, "");
    EXPECT_FALSE(none.group);
    const WalkInResult guest = register_walk_in(
        room.f.store, WalkIn{"Guest", "", "", Role::Guest, {}, false}, room.by(room.boss));
    ASSERT_TRUE(guest) << guest.error;
    EXPECT_EQ(guest.participant.group_id, "") << "guests take no seat";
    EXPECT_EQ(room.f.store.person_log_of(chosen.participant.id).at(0).detail, "A");
}

TEST(StaffActions, TicketTextIsSignedWithTheKeyElseACode) {
    Room room;
    const WalkInResult walk_in =
        register_walk_in(room.f.store, WalkIn{"Signed", "", "", Role::Participant, {}, false},
                         room.by(room.boss), room.f.keys.secret_key);
    ASSERT_TRUE(walk_in) << walk_in.error;
    EXPECT_TRUE(walk_in.ticket_text.starts_with("UK1:")) << walk_in.ticket_text;
    EXPECT_LE(walk_in.ticket_text.size(), 154u) << "fits a version-6 QR code at level M";
    CheckinService service(room.f.store);
    const CheckinResult scanned =
        service.check_in_code(walk_in.ticket_text, {"K2", "", CheckinMethod::Camera, 0});
    EXPECT_EQ(scanned.outcome, CheckinOutcome::AlreadyChecked);
    EXPECT_EQ(scanned.participant_id, walk_in.participant.id);

    EXPECT_EQ(ticket_text_for(room.f.store, *room.f.store.participant("b2"), std::nullopt), "T-B2");
    EXPECT_EQ(ticket_text_for(room.f.store, *room.f.store.participant("a1"), std::nullopt), "")
        << "no code and no key: nothing check_in_code would accept";
    EXPECT_EQ(service.check_in_code("a1", {"K2", "", CheckinMethod::Camera, 0}).outcome,
              CheckinOutcome::UnknownCode);
    EXPECT_TRUE(
        ticket_text_for(room.f.store, *room.f.store.participant("a1"), room.f.keys.secret_key)
            .starts_with("UK1:"));
}

TEST(StaffActions, HistoryShowsEverythingInStampOrderWithStaffNames) {
    Room room;
    CheckinService service(room.f.store);
    (void)service.check_in_participant("a1", {"K1", "", CheckinMethod::Camera, kNineAm});
    (void)service.undo_participant("a1",
                                   {"K2", room.boss.id, CheckinMethod::Manual, kNineAm + 60'000});
    ASSERT_TRUE(move_person(room.f.store, "a1", room.b, room.by(room.boss, 2, "K2")));
    ASSERT_TRUE(set_note(room.f.store, "a1", "came back later", room.by(room.door, 3, "K1")));
    (void)service.check_in_participant(
        "a1", {"K1", room.door.id, CheckinMethod::Manual, kNineAm + 4 * 60'000});

    const auto history = person_history(room.f.store, "a1");
    ASSERT_EQ(history.size(), 5u);
    const std::vector<std::string> whats{"check-in", "undo", "move", "note", "check-in"};
    for (std::size_t i = 0; i < history.size(); ++i) {
        EXPECT_EQ(history[i].what, whats[i]) << i;
        if (i > 0) {
            EXPECT_LT(history[i - 1].stamp, history[i].stamp);
        }
    }
    EXPECT_EQ(history[0].how, "camera");
    EXPECT_EQ(history[0].staff, "");
    EXPECT_EQ(history[1].how, "manual");
    EXPECT_EQ(history[1].kiosk, "K2");
    EXPECT_EQ(history[1].staff_name, "Sato");
    EXPECT_EQ(history[2].detail, "A → B");
    EXPECT_EQ(history[3].detail, "came back later");
    EXPECT_EQ(history[3].staff_name, "Suzuki");
    EXPECT_EQ(history[4].staff, room.door.id);
    EXPECT_EQ(history[4].wall_ms, kNineAm + 4 * 60'000);

    const WalkInResult walk_in = register_walk_in(
        room.f.store, WalkIn{"Wada", "", "", Role::Participant, {}, false}, room.by(room.door, 5));
    ASSERT_TRUE(walk_in) << walk_in.error;
    const auto walk_in_history = person_history(room.f.store, walk_in.participant.id);
    ASSERT_EQ(walk_in_history.size(), 2u);
    EXPECT_EQ(walk_in_history[0].what, "walk-in");
    EXPECT_EQ(walk_in_history[1].what, "check-in");
    EXPECT_EQ(walk_in_history[1].how, "walk-in");
    EXPECT_EQ(walk_in_history[1].staff_name, "Suzuki");
}

TEST(StaffActions, ThePersonLogIsAppendOnly) {
    Room room;
    ASSERT_TRUE(set_note(room.f.store, "a1", "x", room.by(room.door)));
    EXPECT_THROW(room.f.store.database().execute("UPDATE person_log SET detail = 'y'"),
                 sql::DatabaseError);
    EXPECT_THROW(room.f.store.database().execute("DELETE FROM person_log"), sql::DatabaseError);
    EXPECT_EQ(room.f.store.person_log().size(), 1u);
}

TEST(StaffActionsSchema, AVersionOneFileIsMigratedOnOpen) {
    EventFixture f;
    f.person("p1", "Aoki", "Org");
    const std::string path = f.path;
    f.store =
        EventStore::create((f.dir / "other.db").string(), f.store.event());  // let go of the file
    make_schema_1(path);
    {
        EventStore old =
            EventStore::open(path, /*read_only=*/true);  // read as it is, e.g. by a merge
        EXPECT_EQ(old.schema_version(), 1);
        EXPECT_TRUE(old.person_log().empty());
        EXPECT_TRUE(person_history(old, "p1").empty());
    }
    EventStore store = EventStore::open(path);
    EXPECT_EQ(store.schema_version(), kSchemaVersion);
    EXPECT_EQ(store.participant("p1")->name, "Aoki");
    ASSERT_TRUE(set_note(store, "p1", "migrated", StaffContext{"K1", "", "", kNineAm}));
    ASSERT_EQ(person_history(store, "p1").size(), 1u);
    EXPECT_THROW(store.database().execute("DELETE FROM person_log"), sql::DatabaseError)
        << "triggers made too";
}

TEST(StaffActionsSchema, AVersionOneKioskFileMergesIntoAVersionTwoFile) {
    EventFixture f;
    f.person("p1", "Aoki", "Org");
    CheckinService service(f.store);
    ASSERT_EQ(service.check_in_participant("p1", {"old-kiosk", "", CheckinMethod::Camera, kNineAm})
                  .outcome,
              CheckinOutcome::CheckedIn);
    f.store.database().execute("PRAGMA wal_checkpoint(TRUNCATE)");
    const std::string old_path = (f.dir / "old-kiosk.db").string();
    std::filesystem::copy_file(f.path, old_path);
    make_schema_1(old_path);
    EventStore target = EventStore::create((f.dir / "merged.db").string(), f.store.event());
    const MergeResult merged = merge_into(target, {old_path});
    ASSERT_TRUE(merged) << merged.errors.front().message;
    EXPECT_EQ(merged.total.checkins, 1);
    EXPECT_EQ(merged.total.person_log, 0);
    EXPECT_EQ(target.arrived_count(), 1);
    EXPECT_EQ(EventStore::open(old_path, true).schema_version(), 1) << "inputs are never written";
}

}  // namespace
}  // namespace uketsuke
