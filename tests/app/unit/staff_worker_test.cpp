// Staff mode's work on a real event file (kiosk/app/staff_worker.hpp's StaffDesk): the PIN,
// what each role may do, and the record every action leaves (who, which kiosk, when).

#include "kiosk/app/staff_worker.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>

#include "kiosk/core/checkin/checkin.hpp"
#include "kiosk/core/groups/group_planning.hpp"
#include "kiosk/core/staff/attention.hpp"
#include "kiosk/core/staff/own_undo.hpp"
#include "support/event_fixture.hpp"

namespace uketsuke::app {
namespace {

using namespace ui;  // staff mode's requests and replies

using testing::EventFixture;
using testing::kNineAm;

// A copy: the results are temporaries.
template <typename T>
T reply_as(const std::optional<StaffWorkerResult>& result) {
    if (!result || !result->reply) {
        ADD_FAILURE() << "no reply";
        return T{};
    }
    const T* reply = std::get_if<T>(&*result->reply);
    if (reply == nullptr) {
        ADD_FAILURE() << "another kind of reply";
        return T{};
    }
    return *reply;
}

struct Desk : ::testing::Test {
    EventFixture event;
    StaffMember door;
    StaffMember chief;

    void SetUp() override {
        event.store.upsert_group(Group{"g1", "A", "1", 3, "", std::nullopt, std::nullopt}, 0);
        event.store.upsert_group(Group{"g2", "B", "2", 3, "", std::nullopt, std::nullopt}, 1);
        event.person("p1", "山田 花子", "青葉市", "g1");
        event.person("p2", "鈴木 一郎", "青葉市", "g1");
        event.person("p3", "高橋 美咲", "港南市", "g1");
        event.store.set_code("T-0001", "p1", "platform");
        door = add_staff(event.store, "Door Dan", StaffRole::Door, "1111", test_pin_cost());
        chief =
            add_staff(event.store, "Chief Sato", StaffRole::Supervisor, "2222", test_pin_cost());
    }

    StaffDesk desk() { return StaffDesk(event.store, "K1", event.path); }
};

TEST_F(Desk, NothingHappensBeforeARightPin) {
    StaffDesk d = desk();
    EXPECT_EQ(reply_as<StaffListLoaded>(d.handle(LoadStaffList{}, kNineAm)).staff.size(), 2u);
    EXPECT_FALSE(d.handle(ActOnPerson{"p1", PersonAction::CheckIn}, kNineAm));
    EXPECT_FALSE(d.handle(RunSearch{"山田"}, kNineAm));
    const auto wrong = reply_as<PinChecked>(d.handle(VerifyPin{door.id, "9999"}, kNineAm));
    EXPECT_TRUE(std::holds_alternative<PinWrong>(wrong.result));
    EXPECT_FALSE(d.signed_in());
    const auto right = reply_as<PinChecked>(d.handle(VerifyPin{door.id, "1111"}, kNineAm));
    ASSERT_TRUE(std::holds_alternative<PinOk>(right.result));
    ASSERT_TRUE(d.signed_in());
    EXPECT_EQ(d.signed_in()->name, "Door Dan");
    const auto out = d.handle(SignOut{}, kNineAm);
    ASSERT_TRUE(out);
    EXPECT_EQ(out->log.find("1111"), std::string::npos);  // never a PIN in the log
    EXPECT_FALSE(d.signed_in());
    EXPECT_FALSE(d.handle(LoadPerson{"p1"}, kNineAm));
}

TEST_F(Desk, DoorStaffSearchAndCheckInAndTheRowSaysWhoAndWhere) {
    StaffDesk d = desk();
    (void)d.handle(VerifyPin{door.id, "1111"}, kNineAm);
    const auto by_name = reply_as<SearchDone>(d.handle(RunSearch{"山田"}, kNineAm));
    ASSERT_EQ(by_name.rows.size(), 1u);
    EXPECT_EQ(by_name.rows[0].id, "p1");
    EXPECT_EQ(by_name.rows[0].group_name, "A");
    EXPECT_FALSE(by_name.rows[0].checked_in);
    const auto result = d.handle(ActOnPerson{"p1", PersonAction::CheckIn}, kNineAm + 5000);
    const auto done = reply_as<ActionDone>(result);
    EXPECT_TRUE(done.ok);
    EXPECT_EQ(done.message_key, "checked_in");
    ASSERT_TRUE(done.refreshed);
    EXPECT_TRUE(done.refreshed->card.checked_in);
    ASSERT_TRUE(result->arrived);
    EXPECT_EQ(*result->arrived, 1);
    const auto rows = event.store.checkins_of("p1");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].staff, door.id);
    EXPECT_EQ(rows[0].kiosk, "K1");
    EXPECT_EQ(rows[0].method, CheckinMethod::Manual);
    EXPECT_EQ(rows[0].wall_ms, kNineAm + 5000);
    // The card's history shows it with the staff member's name.
    const auto card = reply_as<PersonLoaded>(d.handle(LoadPerson{"p1"}, kNineAm)).card;
    ASSERT_EQ(card.history.size(), 1u);
    EXPECT_EQ(card.history[0].what, "check-in");
    EXPECT_EQ(card.history[0].staff_name, "Door Dan");
    EXPECT_EQ(card.history_times, std::vector<std::string>{"09:00"});
    EXPECT_EQ(card.ticket_text, "T-0001");  // the imported code: no secret key at a kiosk
    EXPECT_TRUE(card.ticket_qr);
    EXPECT_EQ(reply_as<PersonLoaded>(d.handle(LoadPerson{"p1"}, kNineAm)).groups.size(), 2u);
    // Door staff may not undo a check-in older than kOwnUndoWindowMs, cancel or rebalance.
    const std::int64_t later = kNineAm + 5000 + kOwnUndoWindowMs + 1000;
    EXPECT_FALSE(reply_as<PersonLoaded>(d.handle(LoadPerson{"p1"}, later)).card.can_undo);
    const auto undo = reply_as<ActionDone>(d.handle(ActOnPerson{"p1", PersonAction::Undo}, later));
    EXPECT_FALSE(undo.ok);
    EXPECT_EQ(undo.message_key, "refused");
    EXPECT_FALSE(undo.detail.empty()) << "the refusal says why";
    EXPECT_FALSE(
        reply_as<ActionDone>(d.handle(ActOnPerson{"p2", PersonAction::Cancel}, kNineAm)).ok);
    EXPECT_EQ(event.store.participant("p2")->status, RegistrationStatus::Registered);
    EXPECT_FALSE(reply_as<ActionDone>(
                     d.handle(ApplyProposals{{GroupPlanMove{"p2", "", "", "A", "B"}}}, kNineAm))
                     .ok);
    EXPECT_EQ(event.store.participant("p2")->group_id, "g1");
    EXPECT_EQ(fold_attendance(event.store.checkins_of("p1")).checked_in, true);
}

// The person card's reprint: door staff may ask, and the request names them for the print log.
TEST_F(Desk, AReprintNamesTheStaffMemberWhoAskedForIt) {
    StaffDesk d = desk();
    EXPECT_FALSE(d.handle(ActOnPerson{"p1", PersonAction::ReprintTag}, kNineAm))
        << "nobody signed in";
    (void)d.handle(VerifyPin{door.id, "1111"}, kNineAm);
    const auto result = d.handle(ActOnPerson{"p1", PersonAction::ReprintTag}, kNineAm);
    const auto done = reply_as<ActionDone>(result);
    EXPECT_TRUE(done.ok);
    EXPECT_EQ(done.message_key, "reprint_sent");
    ASSERT_TRUE(result->reprint);
    EXPECT_EQ(result->reprint->participant_id, "p1");
    EXPECT_EQ(result->reprint->staff, door.id);
    EXPECT_EQ(result->reprint->staff_name, "Door Dan");
    EXPECT_TRUE(event.store.checkins_of("p1").empty()) << "a reprint checks nobody in";
}

TEST_F(Desk, SupervisorsUndoCancelMoveAndEveryEditIsLogged) {
    StaffDesk d = desk();
    (void)d.handle(VerifyPin{chief.id, "2222"}, kNineAm);
    (void)d.handle(ActOnPerson{"p1", PersonAction::CheckIn}, kNineAm);
    EXPECT_EQ(reply_as<ActionDone>(d.handle(ActOnPerson{"p1", PersonAction::Undo}, kNineAm + 1))
                  .message_key,
              "undone");
    EXPECT_FALSE(fold_attendance(event.store.checkins_of("p1")).checked_in);
    EXPECT_EQ(reply_as<ActionDone>(d.handle(ActOnPerson{"p2", PersonAction::Cancel}, kNineAm + 2))
                  .message_key,
              "cancelled");
    EXPECT_EQ(event.store.participant("p2")->status, RegistrationStatus::Cancelled);
    EXPECT_EQ(reply_as<ActionDone>(d.handle(MovePerson{"p3", "g2"}, kNineAm + 3)).message_key,
              "moved");
    EXPECT_EQ(event.store.participant("p3")->group_id, "g2");
    EXPECT_EQ(reply_as<ActionDone>(d.handle(SaveNote{"p3", "車椅子"}, kNineAm + 4)).message_key,
              "note_saved");
    const auto log = event.store.person_log();
    ASSERT_EQ(log.size(), 3u);
    for (const auto& row : log) {
        EXPECT_EQ(row.staff, chief.id);
        EXPECT_EQ(row.kiosk, "K1");
    }
    // A refusal is a message, not a change.
    const auto again =
        reply_as<ActionDone>(d.handle(ActOnPerson{"p2", PersonAction::Cancel}, kNineAm + 5));
    EXPECT_FALSE(again.ok);
    EXPECT_EQ(again.message_key, "refused");
    EXPECT_FALSE(again.detail.empty());
}

TEST_F(Desk, AWalkInIsSeatedCheckedInAndGetsAScannableTicket) {
    StaffDesk d = desk();
    (void)d.handle(VerifyPin{door.id, "1111"}, kNineAm);
    WalkIn walk_in;
    walk_in.name = "田中 翔";
    walk_in.reading = "たなか しょう";
    walk_in.organization = "青葉市";
    const auto result = d.handle(RegisterWalkIn{walk_in}, kNineAm);
    const auto done = reply_as<WalkInDone>(result);
    ASSERT_TRUE(done.ok) << done.error;
    ASSERT_TRUE(done.person);
    EXPECT_EQ(done.person->card.group_name, "B");  // A is full
    EXPECT_TRUE(done.person->card.checked_in);
    EXPECT_EQ(done.person->card.ticket_text.rfind("W-", 0), 0u);
    EXPECT_TRUE(done.person->card.ticket_qr);
    ASSERT_TRUE(result->arrived);
    EXPECT_EQ(*result->arrived, 1);
    // The code finds them at a kiosk: scanning it again says "already checked in".
    CheckinService service(event.store);
    EXPECT_EQ(service
                  .check_in_code(done.person->card.ticket_text,
                                 {"K2", "", CheckinMethod::Camera, kNineAm})
                  .outcome,
              CheckinOutcome::AlreadyChecked);
}

TEST_F(Desk, RebalanceMovesAreRecordedAsStaffMoves) {
    StaffDesk d = desk();
    event.person("p4", "伊藤 由美", "港南市", "g2");
    (void)d.handle(VerifyPin{chief.id, "2222"}, kNineAm);
    for (const char* id : {"p1", "p2", "p3"})
        (void)d.handle(ActOnPerson{id, PersonAction::CheckIn}, kNineAm);
    // B's only member did not come: A has three, B none.
    const auto proposals = reply_as<ProposalsLoaded>(d.handle(LoadProposals{}, kNineAm)).moves;
    ASSERT_FALSE(proposals.empty());
    const auto applied = reply_as<ActionDone>(d.handle(ApplyProposals{proposals}, kNineAm + 10));
    EXPECT_TRUE(applied.ok) << applied.detail;
    EXPECT_EQ(applied.message_key, "moves_applied");
    EXPECT_EQ(applied.detail, std::to_string(proposals.size()));
    EXPECT_TRUE(applied.proposals.empty());
    const auto log = event.store.person_log();
    ASSERT_EQ(log.size(), proposals.size());
    EXPECT_EQ(log[0].action, "move");
    EXPECT_EQ(log[0].staff, chief.id);
    EXPECT_EQ(event.store.participant(proposals[0].participant_id)->group_id, "g2");
}

TEST_F(Desk, TheDashboardCountsStaffCheckIns) {
    StaffDesk d = desk();
    (void)d.handle(VerifyPin{door.id, "1111"}, kNineAm);
    (void)d.handle(ActOnPerson{"p2", PersonAction::CheckIn}, kNineAm);
    const Dashboard dashboard =
        reply_as<DashboardLoaded>(d.handle(LoadDashboard{}, kNineAm + 60'000)).dashboard;
    EXPECT_EQ(dashboard.overall.arrived, 1);
    EXPECT_EQ(dashboard.overall.expected, 3);
}

// The same work over the worker's own thread and connection: answers in order, each one waking
// the loop, and the sign-in holds for the requests after the PIN.
TEST_F(Desk, TheWorkerAnswersOnItsOwnThreadAndWakesTheLoop) {
    std::mutex mutex;
    std::condition_variable woken;
    int wakes = 0;
    StaffWorker worker(event.path, "K1", [&] {
        {
            std::lock_guard lock(mutex);
            ++wakes;
        }
        woken.notify_all();
    });
    worker.submit(VerifyPin{door.id, "1111"});
    worker.submit(RunSearch{"山田"});
    worker.submit(SignOut{});
    {
        std::unique_lock lock(mutex);
        ASSERT_TRUE(woken.wait_for(lock, std::chrono::seconds(30), [&] { return wakes >= 3; }));
    }
    auto results = worker.take_results();
    ASSERT_EQ(results.size(), 3u);
    const auto pin = reply_as<PinChecked>(results[0]);
    EXPECT_TRUE(std::holds_alternative<PinOk>(pin.result));
    const auto search = reply_as<SearchDone>(results[1]);
    ASSERT_EQ(search.rows.size(), 1u);
    EXPECT_EQ(search.rows[0].id, "p1");
    EXPECT_FALSE(results[2].reply);
    EXPECT_EQ(results[2].log, fmt::format("staff {} signed out", door.id));
}

// Own undo on the card: door staff see Undo for their own hand check-in for kOwnUndoWindowMs and
// it works; not for a check-in by the camera or by someone else; a supervisor always.
TEST_F(Desk, TheCardOffersUndoExactlyWhenTheCoreWouldAllowIt) {
    StaffDesk d = desk();
    (void)d.handle(VerifyPin{door.id, "1111"}, kNineAm);
    EXPECT_FALSE(reply_as<PersonLoaded>(d.handle(LoadPerson{"p1"}, kNineAm)).card.can_undo)
        << "not checked in";
    (void)d.handle(ActOnPerson{"p1", PersonAction::CheckIn}, kNineAm);
    const auto soon = reply_as<PersonLoaded>(d.handle(LoadPerson{"p1"}, kNineAm + 60'000));
    EXPECT_TRUE(soon.card.can_undo) << "their own, a minute ago";
    // The camera checked p2 in: not the door volunteer's to undo.
    CheckinService service(event.store);
    (void)service.check_in_participant(
        "p2", CheckinContext{"K1", "", CheckinMethod::Camera, kNineAm, ""});
    EXPECT_FALSE(reply_as<PersonLoaded>(d.handle(LoadPerson{"p2"}, kNineAm + 1000)).card.can_undo);
    EXPECT_FALSE(
        reply_as<ActionDone>(d.handle(ActOnPerson{"p2", PersonAction::Undo}, kNineAm + 1000)).ok);
    const auto undone =
        reply_as<ActionDone>(d.handle(ActOnPerson{"p1", PersonAction::Undo}, kNineAm + 60'000));
    EXPECT_TRUE(undone.ok) << undone.detail;
    EXPECT_FALSE(fold_attendance(event.store.checkins_of("p1")).checked_in);

    (void)d.handle(SignOut{}, kNineAm);
    (void)d.handle(VerifyPin{chief.id, "2222"}, kNineAm);
    EXPECT_TRUE(
        reply_as<PersonLoaded>(d.handle(LoadPerson{"p2"}, kNineAm + 3'600'000)).card.can_undo)
        << "a supervisor undoes any, however old";
}

// A flag for the door on the card: its text cleaned, any member acknowledges it (logged with
// who), a supervisor makes the note the flag or removes it, and each change tells the loop.
TEST_F(Desk, TheFlagForTheDoorIsShownAcknowledgedAndSetFromTheNote) {
    ASSERT_TRUE(set_attention(event.store, "p1", "来賓\n\u202e講師",
                              StaffContext{"desk", "", "", kNineAm}));
    StaffDesk d = desk();
    (void)d.handle(VerifyPin{door.id, "1111"}, kNineAm);
    auto card = reply_as<PersonLoaded>(d.handle(LoadPerson{"p1"}, kNineAm)).card;
    EXPECT_EQ(card.attention, "来賓 講師") << "line break a space, the bidi override gone";
    EXPECT_FALSE(card.attention_acknowledged);
    EXPECT_FALSE(card.note_can_flag) << "p1 has no note";
    for (const auto& entry : card.history) {
        if (entry.what == "attention") {
            EXPECT_EQ(entry.detail, "来賓 講師");
        }
    }
    // Door staff may not set or clear a flag, but may see to one.
    EXPECT_FALSE(
        reply_as<ActionDone>(d.handle(ActOnPerson{"p1", PersonAction::ClearAttention}, kNineAm))
            .ok);
    const auto result = d.handle(ActOnPerson{"p1", PersonAction::Acknowledge}, kNineAm + 120'000);
    const auto seen = reply_as<ActionDone>(result);
    ASSERT_TRUE(seen.ok) << seen.detail;
    EXPECT_EQ(seen.message_key, "attention_acknowledged");
    EXPECT_TRUE(result->attention_changed);
    ASSERT_TRUE(seen.refreshed);
    card = seen.refreshed->card;
    EXPECT_TRUE(card.attention_acknowledged);
    EXPECT_EQ(card.attention_acknowledged_by, "Door Dan");
    EXPECT_EQ(card.attention_acknowledged_at, "09:02");
    for (const auto& entry : card.history) {
        if (entry.what == "attention_ack") {
            EXPECT_EQ(entry.detail, "") << "no row id on screen";
        }
    }
    EXPECT_EQ(pending_attention_count(event.store), 0);
    const auto again = d.handle(ActOnPerson{"p1", PersonAction::Acknowledge}, kNineAm);
    EXPECT_FALSE(reply_as<ActionDone>(again).ok);
    EXPECT_FALSE(again->attention_changed);

    // A supervisor: no note, nothing to flag (an empty note would clear the flag instead).
    (void)d.handle(SignOut{}, kNineAm);
    (void)d.handle(VerifyPin{chief.id, "2222"}, kNineAm);
    EXPECT_FALSE(
        reply_as<ActionDone>(d.handle(ActOnPerson{"p1", PersonAction::FlagNote}, kNineAm)).ok);
    ASSERT_TRUE(attention_of(event.store, "p1"));
    Participant p2 = *event.store.participant("p2");
    p2.notes = "資料Bをお渡しください";
    event.store.upsert_participant(p2, 1);
    EXPECT_TRUE(reply_as<PersonLoaded>(d.handle(LoadPerson{"p2"}, kNineAm)).card.note_can_flag);
    const auto flagged =
        reply_as<ActionDone>(d.handle(ActOnPerson{"p2", PersonAction::FlagNote}, kNineAm));
    ASSERT_TRUE(flagged.ok) << flagged.detail;
    EXPECT_EQ(flagged.message_key, "attention_set");
    ASSERT_TRUE(flagged.refreshed);
    EXPECT_EQ(flagged.refreshed->card.attention, "資料Bをお渡しください");
    EXPECT_FALSE(flagged.refreshed->card.note_can_flag) << "the note is the flag now";
    EXPECT_EQ(pending_attention_count(event.store), 1);
    const auto cleared =
        reply_as<ActionDone>(d.handle(ActOnPerson{"p2", PersonAction::ClearAttention}, kNineAm));
    EXPECT_TRUE(cleared.ok) << cleared.detail;
    EXPECT_FALSE(attention_of(event.store, "p2"));
}

// The walk-in form's organizations: the roster's own, most people first.
TEST_F(Desk, GroupsComeWithTheEventsOrganizationsMostPeopleFirst) {
    StaffDesk d = desk();
    (void)d.handle(VerifyPin{door.id, "1111"}, kNineAm);
    const auto loaded = reply_as<GroupsLoaded>(d.handle(LoadGroups{}, kNineAm));
    EXPECT_EQ(loaded.groups.size(), 2u);
    ASSERT_EQ(loaded.organizations.size(), 2u);
    EXPECT_EQ(loaded.organizations[0].name, "青葉市");
    EXPECT_EQ(loaded.organizations[0].people, 2);
    EXPECT_EQ(loaded.organizations[1].name, "港南市");
}

}  // namespace
}  // namespace uketsuke::app
