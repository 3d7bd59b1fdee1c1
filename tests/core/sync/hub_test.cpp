// The PostgreSQL hub against a real, throwaway cluster (tools/pg_cluster.sh).
// Without PostgreSQL installed the tests skip, except on CI (CI=true), where they fail.

#include "kiosk/core/sync/hub.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "kiosk/core/checkin/checkin.hpp"
#include "kiosk/core/model/utf8.hpp"
#include "kiosk/core/staff/staff.hpp"
#include "kiosk/core/staff/staff_actions.hpp"
#include "kiosk/core/store/ids.hpp"
#include "kiosk/core/store/print_log.hpp"
#include "support/event_fixture.hpp"
#include "support/pg_cluster_test.hpp"

namespace uketsuke {
namespace {

using testing::EventFixture;
using testing::kNineAm;
using testing::PgClusterTest;
using testing::run_shell;
using testing::ShellOutput;
using testing::TempDir;

class Hub : public PgClusterTest {
protected:
    // The organizer's file, published; kiosk files are copies of it.
    void publish() {
        ASSERT_TRUE(hub_init(hub)) << hub_init(hub).error.message;
        organizer.person("p0", "Aoki", "Org");
        organizer.person("p1", "Baba", "Org");
        organizer.person("p2", "Chiba", "Org");
        organizer.store.set_code("C-P0", "p0", "platform");
        const HubResult published = hub_publish(organizer.store, hub);
        ASSERT_TRUE(published) << published.error.message;
        organizer.store.database().execute("PRAGMA wal_checkpoint(TRUNCATE)");
    }

    std::string kiosk_file(const std::string& name) {
        const auto path = dir / (name + ".db");
        std::filesystem::copy_file(organizer.path, path);
        return path.string();
    }

    static void check_in(EventStore& store, const std::string& participant,
                         const std::string& kiosk, std::int64_t wall) {
        CheckinService service(store);
        ASSERT_EQ(
            service.check_in_participant(participant, {kiosk, "", CheckinMethod::Camera, wall})
                .outcome,
            CheckinOutcome::CheckedIn);
    }

    static HubResult sync(EventStore& store, const std::string& hub_address,
                          const std::string& kiosk) {
        HubResult result = hub_sync(store, hub_address, kiosk);
        EXPECT_TRUE(result) << result.error.message;
        return result;
    }

    std::int64_t hub_count(const std::string& table) {
        const HubStatus status = hub_status(hub);
        for (const auto& count : status.counts) {
            if (count.table == table) return count.rows;
        }
        return -1;
    }

    EventFixture organizer;
    TempDir dir;
};

TEST_F(Hub, TwoKiosksSeeEachOthersCheckins) {
    publish();
    EventStore a = EventStore::open(kiosk_file("a"));
    EventStore b = EventStore::open(kiosk_file("b"));
    check_in(a, "p0", "A", kNineAm);
    check_in(b, "p1", "B", kNineAm + 1000);
    check_in(b, "p2", "B", kNineAm + 2000);
    EXPECT_EQ(sync(a, hub, "A").pushed_checkins, 1);
    const HubResult at_b = sync(b, hub, "B");
    EXPECT_EQ(at_b.pushed_checkins, 2);
    EXPECT_EQ(at_b.merged.checkins, 1);  // A's
    const HubResult at_a = sync(a, hub, "A");
    EXPECT_EQ(at_a.merged.checkins, 2);  // B's
    for (EventStore* store : {&a, &b}) {
        EXPECT_EQ(store->checkins().size(), 3u);
        EXPECT_EQ(store->arrived_count(), 3);
    }
    EXPECT_EQ(hub_count("checkins"), 3);
    const HubStatus status = hub_status(hub);
    ASSERT_TRUE(status.ok());
    EXPECT_EQ(status.schema_version, kHubSchemaVersion);
    EXPECT_EQ(status.event_id, organizer.store.event().id);
    EXPECT_EQ(status.kiosks.size(), 2u);
}

TEST_F(Hub, SamePersonAtTwoKiosksWithinASecondKeepsBothRowsAndCountsOnce) {
    publish();
    EventStore a = EventStore::open(kiosk_file("a"));
    EventStore b = EventStore::open(kiosk_file("b"));
    check_in(a, "p0", "A", kNineAm);
    check_in(b, "p0", "B", kNineAm + 400);
    sync(a, hub, "A");
    sync(b, hub, "B");
    sync(a, hub, "A");
    for (EventStore* store : {&a, &b}) {
        EXPECT_EQ(store->checkins_of("p0").size(), 2u);
        EXPECT_EQ(store->arrived_count(), 1);
        const Attendance attendance = fold_attendance(store->checkins_of("p0"));
        ASSERT_TRUE(attendance.first);
        EXPECT_EQ(attendance.first->kiosk, "A");
    }
    EXPECT_EQ(hub_count("checkins"), 2);
}

TEST_F(Hub, SyncingAgainDuplicatesNothing) {
    publish();
    EventStore a = EventStore::open(kiosk_file("a"));
    check_in(a, "p0", "A", kNineAm);
    check_in(a, "p1", "A", kNineAm + 10);
    sync(a, hub, "A");
    const HubResult again = sync(a, hub, "A");
    EXPECT_EQ(again.pushed_checkins, 0);
    EXPECT_EQ(again.merged.checkins, 0);
    const HubResult third = sync(a, hub, "A");
    EXPECT_EQ(third.pulled_rows, 0);
    EXPECT_EQ(a.checkins().size(), 2u);
    EXPECT_EQ(hub_count("checkins"), 2);
    EXPECT_EQ(hub_count("participants"), 3);
    // Publishing again changes nothing either.
    EXPECT_TRUE(hub_publish(organizer.store, hub));
    EXPECT_EQ(hub_count("participants"), 3);
    EXPECT_EQ(hub_count("codes"), 1);
    EXPECT_EQ(sync(a, hub, "A").pulled_rows, 0);
}

TEST_F(Hub, HubDownDuringTheEventLosesNothingAndCatchesUp) {
    publish();
    EventStore a = EventStore::open(kiosk_file("a"));
    EventStore b = EventStore::open(kiosk_file("b"));
    check_in(a, "p0", "A", kNineAm);
    sync(a, hub, "A");
    ASSERT_TRUE(cluster->stop());
    check_in(a, "p1", "A", kNineAm + 60'000);
    const HubResult down = hub_sync(a, hub, "A");
    EXPECT_FALSE(down);
    EXPECT_EQ(down.error.kind, HubErrorKind::Unreachable);
    EXPECT_NE(down.error.message.find("127.0.0.1"), std::string::npos) << down.error.message;
    EXPECT_EQ(a.checkins().size(), 2u);  // the kiosk goes on alone
    check_in(a, "p2", "A", kNineAm + 120'000);
    const ShellOutput restarted = run_shell({cluster->script().string(), "start", cluster->dir()});
    ASSERT_EQ(restarted.exit_code, 0) << restarted.text;
    EXPECT_EQ(sync(a, hub, "A").pushed_checkins, 2);
    EXPECT_EQ(sync(b, hub, "B").merged.checkins, 3);
    EXPECT_EQ(b.arrived_count(), 3);
    EXPECT_EQ(hub_count("checkins"), 3);
}

// PostgreSQL refuses text that is not UTF-8 (and NUL): a rejected scan of arbitrary bytes once
// failed every push from then on, so nothing after it reached the hub either.
TEST_F(Hub, ARejectedScanOfArbitraryBytesArrivesAndThePushGoesOn) {
    publish();
    EventStore a = EventStore::open(kiosk_file("a"));
    CheckinService service(a);
    const std::string binary("\xFF\xFE\x00\x80 Wi\xE3\x81", 9);
    ASSERT_EQ(service.check_in_code(binary, {"A", "", CheckinMethod::Camera, kNineAm}).outcome,
              CheckinOutcome::NotATicket);
    // A file from before the kiosk cleaned what it stores holds the raw bytes.
    auto raw = a.database().prepare(
        "INSERT INTO rejected_scans (id, code, reason, kiosk, wall_ms, stamp) VALUES (?, ?, ?, ?, "
        "?, ?)");
    raw.bind_all(random_id(), binary, std::string("not-a-ticket\xC3", 13), "A", kNineAm + 1,
                 a.next_stamp("A", kNineAm + 1).to_string());
    raw.run();
    check_in(a, "p0", "A", kNineAm + 2);

    const HubResult first = sync(a, hub, "A");
    EXPECT_EQ(first.pushed_rejected_scans, 2);
    EXPECT_EQ(first.pushed_checkins, 1);
    EXPECT_EQ(hub_count("rejected_scans"), 2);
    const ShellOutput codes =
        psql("SELECT count(*) FROM rejected_scans WHERE code LIKE E'\\uFFFD%'", database);
    EXPECT_EQ(codes.text, "2\n");

    // Not stuck: what comes after still goes, and nothing is sent twice.
    check_in(a, "p1", "A", kNineAm + 3);
    const HubResult second = sync(a, hub, "A");
    EXPECT_EQ(second.pushed_checkins, 1);
    EXPECT_EQ(second.pushed_rejected_scans, 0);
    EXPECT_EQ(hub_count("checkins"), 2);
    EventStore b = EventStore::open(kiosk_file("b"));
    EXPECT_EQ(sync(b, hub, "B").merged.rejected_scans, 2);
    for (const auto& scan : b.rejected_scans()) EXPECT_TRUE(utf8::is_valid(scan.code));
}

TEST_F(Hub, UnreachableOrWrongPasswordIsAClearErrorWithoutThePassword) {
    publish();
    EventStore a = EventStore::open(kiosk_file("a"));
    // Nothing listens on port 1.
    const HubResult closed =
        hub_sync(a, "postgresql://postgres:Sekr3tPass@127.0.0.1:1/" + database, "A");
    EXPECT_EQ(closed.error.kind, HubErrorKind::Unreachable);
    EXPECT_NE(closed.error.message.find("cannot connect to the hub"), std::string::npos)
        << closed.error.message;
    EXPECT_NE(closed.error.message.find("port=1"), std::string::npos) << closed.error.message;
    EXPECT_EQ(closed.error.message.find("Sekr3tPass"), std::string::npos) << closed.error.message;

    // A role with a password, checked by scram for TCP connections of that role.
    ASSERT_EQ(psql("CREATE ROLE kiosk LOGIN PASSWORD 'RightPass'").exit_code, 0);
    const auto hba = std::filesystem::path(cluster->dir()) / "pg_hba.conf";
    std::string rules;
    {
        std::ifstream in(hba);
        rules.assign(std::istreambuf_iterator<char>(in), {});
    }
    {
        std::ofstream out(hba, std::ios::trunc);
        out << "host all kiosk 127.0.0.1/32 scram-sha-256\n" << rules;
    }
    ASSERT_EQ(psql("SELECT pg_reload_conf()").exit_code, 0);
    const HubResult wrong = hub_sync(
        a, "postgresql://kiosk:WrongPass99@127.0.0.1:" + cluster->port() + "/" + database, "A");
    EXPECT_EQ(wrong.error.kind, HubErrorKind::Unreachable);
    EXPECT_NE(wrong.error.message.find("password authentication failed"), std::string::npos)
        << wrong.error.message;
    EXPECT_EQ(wrong.error.message.find("WrongPass99"), std::string::npos) << wrong.error.message;
    // The key=value form too.
    const HubStatus keyword = hub_status("host=127.0.0.1 port=" + cluster->port() +
                                         " user=kiosk password='Wrong Pass 2' dbname=" + database);
    EXPECT_EQ(keyword.error.kind, HubErrorKind::Unreachable);
    EXPECT_EQ(keyword.error.message.find("Wrong Pass 2"), std::string::npos)
        << keyword.error.message;
    EXPECT_EQ(redact_conninfo("postgresql://u:pw@h:5/db"), "user=u dbname=db host=h port=5");
}

TEST_F(Hub, LateRegistrationRepublishedReachesAKiosk) {
    publish();
    EventStore a = EventStore::open(kiosk_file("a"));
    sync(a, hub, "A");
    Participant late = organizer.person("p9", "Late Comer", "Org");
    organizer.store.set_code("C-P9", "p9", "platform");
    const HubResult republished = hub_publish(organizer.store, hub);
    ASSERT_TRUE(republished) << republished.error.message;
    EXPECT_EQ(republished.pushed_participants, 1);  // only the new person changed the hub
    EXPECT_FALSE(a.participant("p9"));
    const HubResult synced = sync(a, hub, "A");
    EXPECT_EQ(synced.merged.participants, 1);
    ASSERT_TRUE(a.participant("p9"));
    EXPECT_EQ(a.participant("p9")->name, "Late Comer");
    EXPECT_EQ(a.participant_for_code("C-P9"), "p9");
    check_in(a, "p9", "A", kNineAm);
}

TEST_F(Hub, WalkInAndEditAtOneKioskReachTheOtherLastWriterWins) {
    publish();
    EventStore a = EventStore::open(kiosk_file("a"));
    EventStore b = EventStore::open(kiosk_file("b"));
    Participant p = *a.participant("p1");
    p.notes = "older";
    p.changed_stamp = a.next_stamp("A", kNineAm).to_string();
    p.changed_by = "A";
    a.upsert_participant(p, 0);
    Participant q = *b.participant("p1");
    q.notes = "newer";
    q.changed_stamp = b.next_stamp("B", kNineAm + 5000).to_string();
    q.changed_by = "B";
    b.upsert_participant(q, 0);
    sync(b, hub, "B");
    sync(a, hub, "A");  // A's older edit loses on the hub and locally
    sync(b, hub, "B");
    EXPECT_EQ(a.participant("p1")->notes, "newer");
    EXPECT_EQ(b.participant("p1")->notes, "newer");
    EXPECT_EQ(hub_count("participants"), 3);
}

TEST_F(Hub, StaffActionsAndAWalkInAtOneKioskReachTheOther) {
    publish();
    EventStore a = EventStore::open(kiosk_file("a"));
    EventStore b = EventStore::open(kiosk_file("b"));
    ASSERT_TRUE(set_note(a, "p1", "allergic to nuts", StaffContext{"A", "", "Sato", kNineAm}));
    const WalkInResult walk_in =
        register_walk_in(a, WalkIn{"Wada", "", "Org", Role::Participant, std::string(), false},
                         StaffContext{"A", "", "Sato", kNineAm + 1000});
    ASSERT_TRUE(walk_in) << walk_in.error;
    const HubResult pushed = sync(a, hub, "A");
    EXPECT_GE(pushed.pushed_other, 3) << "two log rows and the walk-in's code";
    const HubResult at_b = sync(b, hub, "B");
    EXPECT_EQ(at_b.merged.person_log, 2);
    EXPECT_EQ(at_b.merged.walk_ins, 1);
    EXPECT_EQ(b.participant("p1")->notes, "allergic to nuts");
    const auto history = person_history(b, "p1");
    ASSERT_EQ(history.size(), 1u);
    EXPECT_EQ(history[0].what, "note");
    EXPECT_EQ(history[0].kiosk, "A");
    EXPECT_EQ(history[0].staff_name, "Sato");
    EXPECT_EQ(person_history(b, walk_in.participant.id).size(), 2u);  // walk-in, check-in
    // The walk-in's QR code works at the other kiosk.
    CheckinService service(b);
    const CheckinResult scanned =
        service.check_in_code(walk_in.code, {"B", "", CheckinMethod::Camera, kNineAm});
    EXPECT_EQ(scanned.outcome, CheckinOutcome::AlreadyChecked);
    EXPECT_EQ(scanned.participant_id, walk_in.participant.id);
    EXPECT_EQ(hub_count("person_log"), 2);
    // Nothing doubles on repeating.
    EXPECT_EQ(sync(a, hub, "A").pushed_other, 0);
    EXPECT_EQ(sync(b, hub, "B").merged.person_log, 0);
    EXPECT_EQ(b.person_log().size(), 2u);
    EXPECT_EQ(hub_count("person_log"), 2);
}

// Behaviour changed with hub schema 4: a hub of an older schema used to go on syncing
// everything it had tables for; a check-in pushed there now would lose its session, so such a
// hub is refused with a message naming `hub init`, which upgrades it in place.
TEST_F(Hub, AHubOfSchemaOneIsRefusedUntilInitUpgradesIt) {
    publish();
    ASSERT_EQ(
        psql("DROP TABLE person_log; UPDATE hub_meta SET value = '1' WHERE key = 'schema_version'",
             database)
            .exit_code,
        0);
    EventStore a = EventStore::open(kiosk_file("a"));
    EventStore b = EventStore::open(kiosk_file("b"));
    ASSERT_TRUE(set_note(a, "p1", "waits for the upgrade", StaffContext{"A", "", "", kNineAm}));
    check_in(a, "p0", "A", kNineAm + 1000);
    const HubResult refused = hub_sync(a, hub, "A");
    EXPECT_EQ(refused.error.kind, HubErrorKind::Refused);
    EXPECT_NE(refused.error.message.find("hub schema 1"), std::string::npos)
        << refused.error.message;
    EXPECT_NE(refused.error.message.find("uketsuke hub init"), std::string::npos)
        << refused.error.message;
    EXPECT_EQ(hub_publish(organizer.store, hub).error.kind, HubErrorKind::Refused);
    EXPECT_EQ(hub_pull(b, hub).error.kind, HubErrorKind::Refused);
    const HubStatus old = hub_status(hub);
    ASSERT_TRUE(old.ok()) << old.error.message;
    EXPECT_EQ(old.schema_version, 1);

    ASSERT_TRUE(hub_init(hub)) << hub_init(hub).error.message;
    EXPECT_EQ(hub_status(hub).schema_version, kHubSchemaVersion);
    EXPECT_EQ(sync(a, hub, "A").pushed_checkins, 1) << "nothing was lost while refused";
    const HubResult pulled = sync(b, hub, "B");
    EXPECT_EQ(pulled.merged.checkins, 1);
    EXPECT_EQ(pulled.merged.person_log, 1);
    EXPECT_EQ(b.participant("p1")->notes, "waits for the upgrade");
    EXPECT_EQ(b.checkins().at(0).session_id, "s1");
}

TEST_F(Hub, AHubOfSchemaThreeIsUpgradedKeepingItsRowsInTheOneSession) {
    publish();
    EventStore a = EventStore::open(kiosk_file("a"));
    check_in(a, "p0", "A", kNineAm + 1000);
    sync(a, hub, "A");
    // A hub as schema 3 left it: no sessions, no session on check-in rows.
    ASSERT_EQ(psql("DROP TABLE sessions; DROP TABLE session_expected; ALTER TABLE checkins DROP "
                   "COLUMN session_id; ALTER TABLE rejected_scans DROP COLUMN session_id; UPDATE "
                   "hub_meta SET value = '3' WHERE key = 'schema_version'",
                   database)
                  .exit_code,
              0);
    EXPECT_EQ(hub_sync(a, hub, "A").error.kind, HubErrorKind::Refused);
    ASSERT_TRUE(hub_init(hub)) << hub_init(hub).error.message;
    EXPECT_EQ(hub_count("checkins"), 1) << "the upgrade keeps every row";
    EventStore b = EventStore::open(kiosk_file("b"));
    EXPECT_EQ(sync(b, hub, "B").merged.checkins, 1);
    ASSERT_EQ(b.checkins().size(), 1u);
    EXPECT_EQ(b.checkins()[0].session_id, "s1");
}

TEST_F(Hub, SessionsTheirListsAndTheSessionOfEachRowTravel) {
    // Day two, published by the organizer with its own list; kiosks check in at both days.
    ASSERT_TRUE(hub_init(hub)) << hub_init(hub).error.message;
    organizer.person("p0", "Aoki", "Org");
    organizer.person("p1", "Baba", "Org");
    Session day_two;
    day_two.id = "s2";
    day_two.name = "二日目";
    day_two.date = "2026-12-01";
    day_two.starts_at = "09:00";
    day_two.ends_at = "17:00";
    day_two.records_leave = true;
    day_two.changed_stamp = organizer.store.next_stamp("organizer", kNineAm).to_string();
    day_two.changed_by = "organizer";
    ASSERT_TRUE(organizer.store.put_session(day_two, kNineAm).value());
    ASSERT_TRUE(organizer.store
                    .set_session_expected(
                        "s2", {"p1"}, organizer.store.next_stamp("organizer", kNineAm).to_string(),
                        "organizer")
                    .value());
    ASSERT_TRUE(hub_publish(organizer.store, hub))
        << hub_publish(organizer.store, hub).error.message;
    organizer.store.database().execute("PRAGMA wal_checkpoint(TRUNCATE)");
    EXPECT_EQ(hub_count("sessions"), 2);
    EXPECT_EQ(hub_count("session_expected"), 1);

    // A kiosk set up from an older copy of the file learns of day two from the hub.
    EventFixture* org = &organizer;
    const auto path = dir / "fresh.db";
    {
        EventStore fresh = EventStore::create(path.string(), org->store.event());
        fresh.add_public_key(public_key_to_text(org->keys.public_key), 0);
    }
    EventStore kiosk = EventStore::open(path.string());
    ASSERT_EQ(kiosk.sessions().size(), 1u);
    sync(kiosk, hub, "K");
    ASSERT_EQ(kiosk.sessions().size(), 2u);
    EXPECT_EQ(kiosk.session("s2")->name, "二日目");
    EXPECT_TRUE(kiosk.session("s2")->records_leave);
    EXPECT_EQ(kiosk.expected_at("s2"), std::vector<std::string>{"p1"});

    CheckinService service(kiosk);
    ASSERT_EQ(
        service.check_in_code(org->ticket("p1"), {"K", "", CheckinMethod::Camera, kNineAm, "s1"})
            .outcome,
        CheckinOutcome::CheckedIn);
    ASSERT_EQ(
        service.check_in_code(org->ticket("p1"), {"K", "", CheckinMethod::Camera, kNineAm, "s2"})
            .outcome,
        CheckinOutcome::CheckedIn);
    ASSERT_EQ(service.leave("p1", {"K", "", CheckinMethod::Camera, kNineAm + 1, "s2"}).outcome,
              LeaveOutcome::Left);
    EXPECT_EQ(sync(kiosk, hub, "K").pushed_checkins, 3);

    EventStore other = EventStore::open(kiosk_file("other"));
    const HubResult pulled = sync(other, hub, "O");
    EXPECT_EQ(pulled.merged.checkins, 2);
    EXPECT_EQ(pulled.merged.leaves, 1);
    EXPECT_EQ(other.arrived_count("s1"), 1);
    EXPECT_EQ(other.arrived_count("s2"), 1);
    EXPECT_TRUE(fold_attendance(other.checkins_of("p1", "s2")).left);

    // The organizer renames day two later: last writer wins on the hub and at the kiosks.
    day_two.name = "二日目（午前）";
    day_two.changed_stamp = organizer.store.next_stamp("organizer", kNineAm + 5).to_string();
    ASSERT_TRUE(organizer.store.put_session(day_two, kNineAm).value());
    ASSERT_TRUE(hub_publish(organizer.store, hub));
    sync(kiosk, hub, "K");
    EXPECT_EQ(kiosk.session("s2")->name, "二日目（午前）");
}

TEST_F(Hub, ASessionsOwnSeatingTravelsAndTheNewestWins) {
    publish();
    EventStore kiosk = EventStore::open(kiosk_file("k"));  // a kiosk set up before the draw
    organizer.store.upsert_group(Group{"ga", "A", "1", 0, "", std::nullopt, std::nullopt}, 0);
    organizer.store.upsert_group(Group{"gb", "B", "2", 0, "", std::nullopt, std::nullopt}, 1);
    const std::string first = organizer.store.next_stamp("organizer", kNineAm).to_string();
    ASSERT_TRUE(organizer.store.put_session_seating(
        "s1", {{"p0", "ga", "", first, "organizer"}, {"p1", "gb", "9", first, "organizer"}}));
    ASSERT_TRUE(hub_publish(organizer.store, hub))
        << hub_publish(organizer.store, hub).error.message;
    EXPECT_EQ(hub_count("session_seating"), 2);
    const HubResult pulled = sync(kiosk, hub, "K");
    EXPECT_EQ(pulled.merged.seats, 2);
    EXPECT_EQ(kiosk.seat_at("s1", "p0")->group_id, "ga");
    EXPECT_EQ(kiosk.seat_at("s1", "p1")->table_label, "9");
    EXPECT_FALSE(kiosk.seat_at("s1", "p2"));

    // A newer draw replaces the row on the hub and at the kiosk; publishing again adds nothing.
    ASSERT_TRUE(organizer.store.put_session_seating(
        "s1", {{"p0", "gb", "", organizer.store.next_stamp("organizer", kNineAm + 5).to_string(),
                "organizer"}}));
    ASSERT_TRUE(hub_publish(organizer.store, hub));
    ASSERT_TRUE(hub_publish(organizer.store, hub));
    EXPECT_EQ(hub_count("session_seating"), 2);
    EXPECT_EQ(sync(kiosk, hub, "K").merged.seats, 1);
    EXPECT_EQ(kiosk.seat_at("s1", "p0")->group_id, "gb");
    EXPECT_EQ(sync(kiosk, hub, "K").merged.seats, 0);
}

TEST_F(Hub, AHubOfSchemaFourIsRefusedUntilInitAddsTheSeating) {
    publish();
    ASSERT_EQ(psql("DROP TABLE session_seating; UPDATE hub_meta SET value = '4' WHERE key = "
                   "'schema_version'",
                   database)
                  .exit_code,
              0);
    EventStore a = EventStore::open(kiosk_file("a"));
    check_in(a, "p0", "A", kNineAm);
    const HubResult refused = hub_sync(a, hub, "A");
    EXPECT_EQ(refused.error.kind, HubErrorKind::Refused);
    EXPECT_NE(refused.error.message.find("hub schema 4"), std::string::npos)
        << refused.error.message;
    EXPECT_NE(refused.error.message.find("uketsuke hub init"), std::string::npos)
        << refused.error.message;
    EXPECT_EQ(hub_publish(organizer.store, hub).error.kind, HubErrorKind::Refused);
    ASSERT_TRUE(hub_init(hub)) << hub_init(hub).error.message;
    EXPECT_EQ(hub_status(hub).schema_version, kHubSchemaVersion);
    EXPECT_EQ(hub_count("session_seating"), 0);
    EXPECT_EQ(sync(a, hub, "A").pushed_checkins, 1) << "nothing was lost while refused";
}

// With each kiosk counting only its own wrong PINs, someone guessing at N kiosks of an event
// with a hub had N runs of guesses until the files were merged after the event. The attempts
// travel through the hub: 2 wrong PINs at kiosk A and 2 at kiosk B lock the member at both
// kiosks once both have synced, exactly as 4 at one kiosk would.
TEST_F(Hub, WrongPinsAtTwoKiosksLockTheMemberAtBothAfterTheySync) {
    const std::string staff_id =
        add_staff(organizer.store, "Door", StaffRole::Door, "135790", test_pin_cost()).id;
    publish();
    EventStore a = EventStore::open(kiosk_file("a"));
    EventStore b = EventStore::open(kiosk_file("b"));
    EventStore alone = EventStore::open(kiosk_file("alone"));  // the same 4 PINs at one kiosk
    const PinAttemptContext at_a{"A", nullptr, {}}, at_b{"B", nullptr, {}};
    // At one kiosk the 3rd wrong PIN locks for 30 s, so the 4th comes after that.
    const std::vector<std::int64_t> walls{kNineAm, kNineAm + 1, kNineAm + 10, kNineAm + 40'000};
    for (int i = 0; i < 2; ++i) {
        EXPECT_TRUE(std::holds_alternative<PinWrong>(
            attempt_pin(a, staff_id, "000000", walls[static_cast<std::size_t>(i)], at_a)));
        EXPECT_TRUE(std::holds_alternative<PinWrong>(
            attempt_pin(b, staff_id, "111111", walls[static_cast<std::size_t>(i) + 2], at_b)));
    }
    for (const std::int64_t wall : walls) {
        EXPECT_TRUE(
            std::holds_alternative<PinWrong>(attempt_pin(alone, staff_id, "222222", wall, at_a)));
    }
    const StaffMember reference = *find_staff(alone, staff_id);
    ASSERT_EQ(reference.failed_attempts, 4);
    ASSERT_EQ(reference.locked_until_ms, kNineAm + 40'000 + 60'000);
    EXPECT_EQ(find_staff(a, staff_id)->locked_until_ms, 0) << "2 wrong PINs alone lock nobody";

    EXPECT_EQ(sync(a, hub, "A").pushed_other, 2);
    EXPECT_EQ(sync(b, hub, "B").pushed_other, 2);
    sync(a, hub, "A");
    EXPECT_EQ(hub_count("staff_attempts"), 4);
    for (EventStore* kiosk : {&a, &b}) {
        const StaffMember member = *find_staff(*kiosk, staff_id);
        EXPECT_EQ(member.failed_attempts, reference.failed_attempts);
        EXPECT_EQ(member.locked_until_ms, reference.locked_until_ms);
        // Locked: even the right PIN is not checked.
        EXPECT_TRUE(std::holds_alternative<PinLocked>(
            attempt_pin(*kiosk, staff_id, "135790", kNineAm + 50'000, at_a)));
    }
    // Nothing doubles on repeating.
    EXPECT_EQ(sync(a, hub, "A").pushed_other, 0);
    EXPECT_EQ(sync(b, hub, "B").pulled_rows, 0);
    EXPECT_EQ(hub_count("staff_attempts"), 4);
}

// A kiosk writes more than check-ins, people and logs: a walk-in at a session with its own list
// of who is expected joins that list (staff_actions.cpp). Before, only `hub publish` sent the
// sessions' tables, so at other kiosks the walk-in was expected nowhere.
TEST_F(Hub, AWalkInJoiningASessionsListReachesTheOtherKiosk) {
    organizer.person("p0", "Aoki", "Org");
    organizer.person("p1", "Baba", "Org");
    ASSERT_TRUE(organizer.store
                    .set_session_expected(
                        "s1", {"p0", "p1"},
                        organizer.store.next_stamp("organizer", kNineAm).to_string(), "organizer")
                    .value());
    publish();
    EventStore a = EventStore::open(kiosk_file("a"));
    EventStore b = EventStore::open(kiosk_file("b"));
    sync(a, hub, "A");
    sync(b, hub, "B");
    const WalkInResult walk_in =
        register_walk_in(a, WalkIn{"Wada", "", "Org", Role::Participant, std::string(), false},
                         StaffContext{"A", "", "Sato", kNineAm + 1000});
    ASSERT_TRUE(walk_in) << walk_in.error;
    const std::vector<std::string> listed{"p0", "p1", walk_in.participant.id};
    ASSERT_EQ(a.session_expected_list("s1"), listed);
    const HubResult pushed = sync(a, hub, "A");
    EXPECT_EQ(pushed.pushed_participants, 1);
    const HubResult at_b = sync(b, hub, "B");
    EXPECT_EQ(at_b.merged.sessions, 1) << "the list is part of its session";
    EXPECT_EQ(b.session_expected_list("s1"), listed);
    EXPECT_EQ(b.arrived_count("s1"), 1);
    // Pushed once: the mark moved.
    EXPECT_EQ(sync(a, hub, "A").pushed_other, 0);
    EXPECT_EQ(sync(b, hub, "B").merged.sessions, 0);
}

TEST_F(Hub, AHubOfSchemaFiveIsRefusedUntilInitAddsTheStaffAttempts) {
    const std::string staff_id =
        add_staff(organizer.store, "Door", StaffRole::Door, "135790", test_pin_cost()).id;
    publish();
    ASSERT_EQ(psql("DROP TABLE staff_attempts; UPDATE hub_meta SET value = '5' WHERE key = "
                   "'schema_version'",
                   database)
                  .exit_code,
              0);
    EventStore a = EventStore::open(kiosk_file("a"));
    (void)attempt_pin(a, staff_id, "000000", kNineAm, PinAttemptContext{"A", nullptr, {}});
    check_in(a, "p0", "A", kNineAm);
    const HubResult refused = hub_sync(a, hub, "A");
    EXPECT_EQ(refused.error.kind, HubErrorKind::Refused);
    EXPECT_NE(refused.error.message.find("hub schema 5"), std::string::npos)
        << refused.error.message;
    EXPECT_NE(refused.error.message.find("staff lockouts"), std::string::npos)
        << refused.error.message;
    EXPECT_NE(refused.error.message.find("uketsuke hub init"), std::string::npos)
        << refused.error.message;
    EXPECT_EQ(hub_publish(organizer.store, hub).error.kind, HubErrorKind::Refused);
    ASSERT_TRUE(hub_init(hub)) << hub_init(hub).error.message;
    EXPECT_EQ(hub_status(hub).schema_version, kHubSchemaVersion);
    EXPECT_EQ(hub_count("checkins"), 0);
    const HubResult synced = sync(a, hub, "A");
    EXPECT_EQ(synced.pushed_checkins, 1) << "nothing was lost while refused";
    EXPECT_EQ(hub_count("staff_attempts"), 1);
}

PrintLogEntry tag_printed(const std::string& who, const std::string& kiosk, std::int64_t wall) {
    PrintLogEntry row;
    row.participant_id = who;
    row.layout = "ql-62";
    row.reason = kPrintOnCheckin;
    row.printer = "QL";
    row.job_id = 5;
    row.kiosk = kiosk;
    row.wall_ms = wall;
    return row;
}

// A kiosk printing "once" must know of the tags the other kiosks printed during the event.
TEST_F(Hub, NameTagsPrintedAtOneKioskReachTheOthersOnce) {
    publish();
    EventStore a = EventStore::open(kiosk_file("a"));
    EventStore b = EventStore::open(kiosk_file("b"));
    sync(a, hub, "A");
    sync(b, hub, "B");
    ASSERT_TRUE(append_print(a, tag_printed("p0", "A", kNineAm)));
    PrintLogEntry failed = tag_printed("p1", "A", kNineAm + 1);
    failed.error = "the printer \"QL\" is stopped";
    ASSERT_TRUE(append_print(a, failed));
    EXPECT_EQ(sync(a, hub, "A").pushed_other, 2);
    EXPECT_EQ(hub_count("print_log"), 2);
    EXPECT_FALSE(has_printed_tag(b, "p0"));
    sync(b, hub, "B");
    EXPECT_TRUE(has_printed_tag(b, "p0"));
    EXPECT_FALSE(has_printed_tag(b, "p1")) << "a failed print is no tag";
    ASSERT_EQ(print_log(b), print_log(a)) << "every column arrives as it was written";
    // Nothing doubles on repeating, in either direction.
    EXPECT_EQ(sync(a, hub, "A").pushed_other, 0);
    EXPECT_EQ(sync(b, hub, "B").pushed_other, 0);
    sync(a, hub, "A");
    EXPECT_EQ(hub_count("print_log"), 2);
    EXPECT_EQ(print_log(a).size(), 2u);
    EXPECT_EQ(print_log(b).size(), 2u);
}

// A hub of schema 6 keeps syncing everything else; the tags wait at the kiosk until `hub init`.
TEST_F(Hub, AHubOfSchemaSixSyncsAndThePrintLogWaitsForInit) {
    publish();
    ASSERT_EQ(psql("DROP TABLE print_log; UPDATE hub_meta SET value = '6' WHERE key = "
                   "'schema_version'",
                   database)
                  .exit_code,
              0);
    EventStore a = EventStore::open(kiosk_file("a"));
    check_in(a, "p0", "A", kNineAm);
    ASSERT_TRUE(append_print(a, tag_printed("p0", "A", kNineAm)));
    const HubResult at_six = sync(a, hub, "A");
    EXPECT_EQ(at_six.pushed_checkins, 1);
    EXPECT_EQ(at_six.pushed_other, 0);
    ASSERT_TRUE(hub_init(hub)) << hub_init(hub).error.message;
    EXPECT_EQ(hub_status(hub).schema_version, kHubSchemaVersion);
    EXPECT_EQ(sync(a, hub, "A").pushed_other, 1) << "the tag was kept for the upgraded hub";
    EXPECT_EQ(hub_count("print_log"), 1);
    EXPECT_EQ(hub_count("checkins"), 1);
}

TEST_F(Hub, ANewerHubRefusesAKioskOfThisVersionUntilUpdated) {
    publish();
    ASSERT_EQ(psql(fmt::format("UPDATE hub_meta SET value = '{}' WHERE key = 'schema_version'",
                               kHubSchemaVersion + 1),
                   database)
                  .exit_code,
              0);
    EventStore a = EventStore::open(kiosk_file("a"));
    check_in(a, "p0", "A", kNineAm);
    const HubResult refused = hub_sync(a, hub, "A");
    EXPECT_EQ(refused.error.kind, HubErrorKind::Refused);
    EXPECT_NE(refused.error.message.find(fmt::format("hub schema {}", kHubSchemaVersion + 1)),
              std::string::npos)
        << refused.error.message;
    EXPECT_NE(refused.error.message.find("update Uketsuke"), std::string::npos)
        << refused.error.message;
    EXPECT_EQ(hub_count("checkins"), -1) << "a refused hub is not read either";
    EXPECT_EQ(hub_publish(organizer.store, hub).error.kind, HubErrorKind::Refused);
    EXPECT_EQ(hub_pull(a, hub).error.kind, HubErrorKind::Refused);
}

TEST_F(Hub, RefusesAnotherEventAndANewerHubSchema) {
    publish();
    EventFixture other;
    const HubResult refused = hub_publish(other.store, hub);
    EXPECT_EQ(refused.error.kind, HubErrorKind::Refused);
    EXPECT_NE(refused.error.message.find("another event"), std::string::npos)
        << refused.error.message;
    ASSERT_EQ(
        psql("UPDATE hub_meta SET value = '99' WHERE key = 'schema_version'", database).exit_code,
        0);
    EventStore a = EventStore::open(kiosk_file("a"));
    const HubResult newer = hub_sync(a, hub, "A");
    EXPECT_EQ(newer.error.kind, HubErrorKind::Refused);
    EXPECT_NE(newer.error.message.find("newer Uketsuke"), std::string::npos) << newer.error.message;
    EXPECT_EQ(hub_init(hub).error.kind, HubErrorKind::Refused);
}

TEST_F(Hub, PullsEverythingIntoANewFile) {
    publish();
    EventStore a = EventStore::open(kiosk_file("a"));
    check_in(a, "p0", "A", kNineAm);
    sync(a, hub, "A");
    const auto event = hub_event(hub);
    ASSERT_TRUE(event) << event.error().message;
    EventStore pulled = EventStore::create((dir / "pulled.db").string(), event.value());
    const HubResult result = hub_pull(pulled, hub);
    ASSERT_TRUE(result) << result.error.message;
    EXPECT_EQ(pulled.participant_count(), 3);
    EXPECT_EQ(pulled.arrived_count(), 1);
    EXPECT_EQ(pulled.public_keys(), organizer.store.public_keys());
    EXPECT_EQ(pulled.participant_for_code("C-P0"), "p0");
}

TEST_F(Hub, FiftyThousandCheckinsSync) {
    publish();
    EventStore a = EventStore::open(kiosk_file("a"));
    EventStore b = EventStore::open(kiosk_file("b"));
    {
        sql::Transaction transaction(a.database());
        for (int i = 0; i < 50'000; ++i) {
            CheckinRecord record;
            record.id = random_id();
            record.participant_id = "x" + std::to_string(i);
            record.kiosk = "A";
            record.wall_ms = kNineAm + i;
            record.stamp = a.next_stamp("A", kNineAm + i).to_string();
            a.append_checkin(record);
        }
        transaction.commit();
    }
    const auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(sync(a, hub, "A").pushed_checkins, 50'000);
    const auto pushed = std::chrono::steady_clock::now();
    EXPECT_EQ(sync(b, hub, "B").merged.checkins, 50'000);
    const auto pulled = std::chrono::steady_clock::now();
    using ms = std::chrono::milliseconds;
    std::printf("50,000 check-ins: push (and pull back) %lld ms, pull into another kiosk %lld ms\n",
                static_cast<long long>(std::chrono::duration_cast<ms>(pushed - start).count()),
                static_cast<long long>(std::chrono::duration_cast<ms>(pulled - pushed).count()));
}

}  // namespace
}  // namespace uketsuke
