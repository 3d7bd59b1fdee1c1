#include "kiosk/core/checkin/checkin.hpp"

#include <gtest/gtest.h>

#include "kiosk/core/model/utf8.hpp"
#include "support/event_fixture.hpp"

namespace uketsuke {
namespace {

using testing::EventFixture;
using testing::kNineAm;

CheckinContext at(std::int64_t wall_ms, std::string kiosk = "A") {
    return CheckinContext{std::move(kiosk), "", CheckinMethod::Camera, wall_ms};
}

class CheckinTest : public ::testing::Test {
protected:
    EventFixture f;
    void SetUp() override {
        f.person("p1", "山田 花子", "青葉市");
        Participant cancelled = f.person("p2", "鈴木 一郎", "港南市");
        cancelled.status = RegistrationStatus::Cancelled;
        f.add(cancelled);
        f.store.set_code("0001234", "p1", "platform");
    }
};

TEST_F(CheckinTest, ATicketChecksInAndIsOnDisk) {
    CheckinService service(f.store);
    auto result = service.check_in_code(f.ticket("p1"), at(kNineAm));
    ASSERT_EQ(result.outcome, CheckinOutcome::CheckedIn);
    ASSERT_TRUE(result.participant);
    EXPECT_EQ(result.participant->name, "山田 花子");
    ASSERT_TRUE(result.recorded);
    // A second connection (another process) sees it: it is committed, not pending.
    EventStore other = EventStore::open(f.path, true);
    auto rows = other.checkins_of("p1");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].id, result.recorded->id);
    EXPECT_EQ(rows[0].kiosk, "A");
    EXPECT_EQ(rows[0].method, CheckinMethod::Camera);
}

TEST_F(CheckinTest, AScannerEnterIsIgnored) {
    CheckinService service(f.store);
    EXPECT_EQ(service.check_in_code(f.ticket("p1") + "\r\n", at(kNineAm)).outcome,
              CheckinOutcome::CheckedIn);
}

TEST_F(CheckinTest, SecondScanSaysWhenAndWhere) {
    CheckinService service(f.store);
    ASSERT_EQ(service.check_in_code(f.ticket("p1"), at(kNineAm, "A")).outcome,
              CheckinOutcome::CheckedIn);
    auto again = service.check_in_code(f.ticket("p1"), at(kNineAm + 60'000, "B"));
    EXPECT_EQ(again.outcome, CheckinOutcome::AlreadyChecked);
    ASSERT_TRUE(again.earlier);
    EXPECT_EQ(again.earlier->kiosk, "A");
    EXPECT_EQ(again.earlier->wall_ms, kNineAm);
    EXPECT_FALSE(again.recorded);
    EXPECT_EQ(f.store.checkins().size(), 1u);
}

TEST_F(CheckinTest, ImportedCodesMatchExactly) {
    CheckinService service(f.store);
    EXPECT_EQ(service.check_in_code("0001234", at(kNineAm)).outcome, CheckinOutcome::CheckedIn);
    EXPECT_EQ(service.check_in_code("1234", at(kNineAm)).outcome, CheckinOutcome::UnknownCode);
}

TEST_F(CheckinTest, CancelledIsRefusedAndNotRecordedAsCheckin) {
    CheckinService service(f.store);
    auto result = service.check_in_code(f.ticket("p2"), at(kNineAm));
    EXPECT_EQ(result.outcome, CheckinOutcome::Cancelled);
    EXPECT_TRUE(f.store.checkins().empty());
    EXPECT_EQ(service.check_in_participant("p2", at(kNineAm)).outcome, CheckinOutcome::Cancelled);
}

TEST_F(CheckinTest, EveryProblemHasItsOwnOutcomeAndIsRecorded) {
    CheckinService service(f.store);
    EXPECT_EQ(service.check_in_code("987654", at(kNineAm)).outcome, CheckinOutcome::UnknownCode);
    EXPECT_EQ(service.check_in_code("https://example.jp/event/42", at(kNineAm)).outcome,
              CheckinOutcome::NotATicket);
    EXPECT_EQ(service.check_in_code("WIFI:S:venue;T:WPA;P:secret;;", at(kNineAm)).outcome,
              CheckinOutcome::NotATicket);
    EXPECT_EQ(service.check_in_code("会場への行き方はこちら", at(kNineAm)).outcome,
              CheckinOutcome::NotATicket);

    const EventId other = random_event_id();
    EXPECT_EQ(
        service.check_in_code(issue_ticket(f.keys.secret_key, other, "p1", 1), at(kNineAm)).outcome,
        CheckinOutcome::OtherEvent);

    std::string tampered = f.ticket("p1");
    tampered.back() = tampered.back() == '0' ? '1' : '0';
    auto forged = service.check_in_code(tampered, at(kNineAm));
    EXPECT_EQ(forged.outcome, CheckinOutcome::InvalidTicket);
    EXPECT_EQ(forged.ticket_status, TicketStatus::BadSignature);

    const KeyPair thief = generate_key_pair();
    EXPECT_EQ(
        service.check_in_code(issue_ticket(thief.secret_key, f.event_id, "p1", 1), at(kNineAm))
            .outcome,
        CheckinOutcome::InvalidTicket);

    const std::string whole = f.ticket("p1");
    auto cut = service.check_in_code(whole.substr(0, whole.size() / 2), at(kNineAm));
    EXPECT_EQ(cut.outcome, CheckinOutcome::InvalidTicket);
    EXPECT_EQ(cut.ticket_status, TicketStatus::Truncated);

    auto huge = service.check_in_code(std::string(100 * 1024, 'A'), at(kNineAm));
    EXPECT_EQ(huge.outcome, CheckinOutcome::NotATicket);

    EXPECT_TRUE(f.store.checkins().empty());
    const auto rejected = f.store.rejected_scans();
    EXPECT_EQ(rejected.size(), 9u);
    for (const auto& scan : rejected) EXPECT_LE(scan.code.size(), 256u);
}

// A forged QR code whose participant part decodes to bytes that are not text: nothing of it
// comes back as somebody's id, and what is stored of any scan is valid UTF-8.
TEST_F(CheckinTest, ForgedOrBinaryScansHandOutNoIdAndAreStoredAsText) {
    CheckinService service(f.store);
    const KeyPair thief = generate_key_pair();
    const auto forged = service.check_in_code(
        issue_ticket(thief.secret_key, f.event_id, "\xFF\xFE\x80\x1B[2J", 1), at(kNineAm));
    EXPECT_EQ(forged.outcome, CheckinOutcome::InvalidTicket);
    EXPECT_EQ(forged.participant_id, "");

    // A QR code can hold any bytes; a cut at the storage limit must not split a character.
    const std::string binary("\xFF\xFE\x00\x80 Wi\xE3\x81", 9);
    EXPECT_EQ(service.check_in_code(binary, at(kNineAm)).outcome, CheckinOutcome::NotATicket);
    std::string long_text(255, 'a');
    long_text += "あいう";
    EXPECT_EQ(service.check_in_code(long_text, at(kNineAm)).outcome, CheckinOutcome::NotATicket);

    const auto rejected = f.store.rejected_scans();
    ASSERT_EQ(rejected.size(), 3u);
    for (const auto& scan : rejected) {
        EXPECT_TRUE(utf8::is_valid(scan.code)) << scan.code;
        EXPECT_EQ(scan.code.find('\0'), std::string::npos);
        EXPECT_LE(scan.code.size(), 256u);
    }
    bool saw_binary = false;
    for (const auto& scan : rejected) saw_binary = saw_binary || scan.code.starts_with("\uFFFD");
    EXPECT_TRUE(saw_binary);
}

TEST_F(CheckinTest, RevokedTicketIsRefusedAndTheNewOneWorks) {
    f.store.revoke_ticket("p1", 1);
    CheckinService service(f.store);
    auto old_ticket = service.check_in_code(f.ticket("p1", 1), at(kNineAm));
    EXPECT_EQ(old_ticket.outcome, CheckinOutcome::InvalidTicket);
    EXPECT_EQ(old_ticket.ticket_status, TicketStatus::Revoked);
    EXPECT_EQ(service.check_in_code(f.ticket("p1", 2), at(kNineAm)).outcome,
              CheckinOutcome::CheckedIn);
}

TEST_F(CheckinTest, RotatedKeysAreAllAccepted) {
    const KeyPair next = generate_key_pair();
    f.store.add_public_key(public_key_to_text(next.public_key), 1);
    CheckinService service(f.store);
    EXPECT_EQ(service.check_in_code(f.ticket("p1"), at(kNineAm)).outcome,
              CheckinOutcome::CheckedIn);
    f.person("p3", "New", "Org");
    EXPECT_EQ(service.check_in_code(issue_ticket(next.secret_key, f.event_id, "p3", 1), at(kNineAm))
                  .outcome,
              CheckinOutcome::CheckedIn);
}

TEST_F(CheckinTest, ValidTicketOfSomeoneNotInTheFileIsPendingAndRecorded) {
    CheckinService service(f.store);
    auto result = service.check_in_code(f.ticket("late-42"), at(kNineAm));
    EXPECT_EQ(result.outcome, CheckinOutcome::DetailsPending);
    EXPECT_EQ(result.participant_id, "late-42");
    EXPECT_FALSE(result.participant);
    EXPECT_EQ(f.store.checkins_of("late-42").size(), 1u);
    EXPECT_EQ(service.check_in_code(f.ticket("late-42"), at(kNineAm + 1)).outcome,
              CheckinOutcome::AlreadyChecked);
    // The roster arrives later: they are simply checked in.
    f.person("late-42", "遅れて 登録", "北山村");
    EXPECT_TRUE(service.attendance("late-42").checked_in);
}

TEST_F(CheckinTest, ManualCheckinByIdRecordsStaffAndMethod) {
    CheckinService service(f.store);
    auto result = service.check_in_participant(
        "p1", CheckinContext{"A", "suzuki", CheckinMethod::Manual, kNineAm});
    ASSERT_EQ(result.outcome, CheckinOutcome::CheckedIn);
    EXPECT_EQ(result.recorded->staff, "suzuki");
    EXPECT_EQ(result.recorded->method, CheckinMethod::Manual);
    EXPECT_EQ(service.check_in_participant("nobody", at(kNineAm)).outcome,
              CheckinOutcome::UnknownCode);
}

TEST_F(CheckinTest, UndoAppendsARowAndAllowsCheckingInAgain) {
    CheckinService service(f.store);
    auto first = service.check_in_code(f.ticket("p1"), at(kNineAm));
    auto undo = service.undo(first.recorded->id, at(kNineAm + 1000));
    ASSERT_EQ(undo.outcome, UndoOutcome::Undone);
    EXPECT_EQ(undo.recorded->undoes, first.recorded->id);
    EXPECT_FALSE(service.attendance("p1").checked_in);
    EXPECT_EQ(service.undo(first.recorded->id, at(kNineAm + 2000)).outcome,
              UndoOutcome::AlreadyUndone);
    EXPECT_EQ(service.undo(undo.recorded->id, at(kNineAm + 2000)).outcome,
              UndoOutcome::NotACheckin);
    EXPECT_EQ(service.undo("no-such-row", at(kNineAm + 2000)).outcome, UndoOutcome::NotFound);
    auto again = service.check_in_code(f.ticket("p1"), at(kNineAm + 3000));
    EXPECT_EQ(again.outcome, CheckinOutcome::CheckedIn);
    EXPECT_EQ(f.store.checkins().size(), 3u);  // nothing was deleted
}

TEST_F(CheckinTest, UndoByParticipantUndoesEveryCheckinInForce) {
    CheckinService service(f.store);
    (void)service.check_in_code(f.ticket("p1"), at(kNineAm));
    // A second kiosk's check-in of the same person arrives through a merge.
    CheckinRecord merged;
    merged.id = "from-kiosk-b";
    merged.participant_id = "p1";
    merged.kiosk = "B";
    merged.wall_ms = kNineAm + 500;
    merged.stamp = HlcStamp{kNineAm + 500, 0, "B"}.to_string();
    f.store.append_checkin(merged);
    EXPECT_EQ(service.undo_participant("p1", at(kNineAm + 1000)).outcome, UndoOutcome::Undone);
    EXPECT_FALSE(service.attendance("p1").checked_in);
    EXPECT_EQ(service.undo_participant("p1", at(kNineAm + 2000)).outcome, UndoOutcome::NotFound);
}

TEST_F(CheckinTest, StampsOrderCheckinsEvenWhenTheClockGoesBack) {
    CheckinService service(f.store);
    f.person("p3", "C", "O");
    auto a = service.check_in_participant("p1", at(kNineAm));
    auto b = service.check_in_participant("p3", at(kNineAm - 3 * 3600 * 1000));
    EXPECT_LT(a.recorded->stamp, b.recorded->stamp);
}

TEST_F(CheckinTest, AStaffTicketIsNeverACheckin) {
    CheckinService service(f.store);
    auto result = service.check_in_code(f.ticket("staff:ab12cd34"), at(kNineAm));
    EXPECT_EQ(result.outcome, CheckinOutcome::NotATicket);
    EXPECT_TRUE(f.store.checkins().empty());
}

// A series whose second day has its own seating: the welcome shows that day's group, table and
// facilitator; the first day keeps the event's.
class CheckinSeatingTest : public ::testing::Test {
protected:
    EventFixture f;
    void SetUp() override {
        f.store.upsert_group(Group{"ga", "A", "1", 0, "佐藤 進", std::nullopt, std::nullopt}, 0);
        f.store.upsert_group(Group{"gb", "B", "2", 0, "田中 愛", std::nullopt, std::nullopt}, 1);
        f.person("p1", "山田 花子", "青葉市", "ga");
        Participant sato = f.person("f1", "佐藤 進", "港南市", "ga");
        sato.role = Role::Facilitator;
        f.add(sato);
        Participant tanaka = f.person("f2", "田中 愛", "緑市", "gb");
        tanaka.role = Role::Facilitator;
        f.add(tanaka);
        for (const auto& [id, date] : {std::pair{"s1", "2026-11-30"}, {"s2", "2026-12-01"}}) {
            Session day;
            day.id = id;
            day.name = id;
            day.date = date;
            day.starts_at = "09:00";
            day.ends_at = "17:00";
            day.changed_stamp = "1";
            day.changed_by = "organizer";
            EXPECT_TRUE(f.store.put_session(day, kNineAm).value());
        }
        // Day two: p1 sits with Tanaka at B, now at table 7; Sato stays at A, now without p1.
        EXPECT_TRUE(f.store.put_session_seating("s2", {{"p1", "gb", "7", "2", "organizer"},
                                                       {"f2", "gb", "7", "2", "organizer"},
                                                       {"f1", "ga", "", "2", "organizer"}}));
    }
    CheckinContext at_session(const std::string& session) {
        CheckinContext context = at(kNineAm);
        context.session_id = session;
        return context;
    }
};

TEST_F(CheckinSeatingTest, ASessionWithItsOwnSeatingShowsItsGroupTableAndFacilitator) {
    CheckinService service(f.store);
    const auto day_two = service.check_in_code(f.ticket("p1"), at_session("s2"));
    ASSERT_EQ(day_two.outcome, CheckinOutcome::CheckedIn);
    ASSERT_TRUE(day_two.group);
    EXPECT_EQ(day_two.group->id, "gb");
    EXPECT_EQ(day_two.group->name, "B");
    EXPECT_EQ(day_two.group->table_label, "7");
    EXPECT_EQ(day_two.group->facilitator, "田中 愛");
    EXPECT_EQ(day_two.participant->group_id, "gb");
    // Scanning again finds the same table.
    const auto again = service.check_in_code(f.ticket("p1"), at_session("s2"));
    ASSERT_EQ(again.outcome, CheckinOutcome::AlreadyChecked);
    ASSERT_TRUE(again.group);
    EXPECT_EQ(again.group->table_label, "7");
    // The event's record of the person is not changed by the session's seating.
    EXPECT_EQ(f.store.participant("p1")->group_id, "ga");
}

TEST_F(CheckinSeatingTest, ASessionWithoutItsOwnKeepsTheEventsSeating) {
    CheckinService service(f.store);
    const auto day_one = service.check_in_participant("p1", at_session("s1"));
    ASSERT_EQ(day_one.outcome, CheckinOutcome::CheckedIn);
    ASSERT_TRUE(day_one.group);
    EXPECT_EQ(day_one.group->id, "ga");
    EXPECT_EQ(day_one.group->table_label, "1");
    EXPECT_EQ(day_one.group->facilitator, "佐藤 進");
    EXPECT_EQ(day_one.participant->group_id, "ga");
}

TEST_F(CheckinSeatingTest, SomeoneTheSessionsSeatingLeavesOutHasNoTableThere) {
    f.person("p9", "John Smith", "", "gb");
    CheckinService service(f.store);
    const auto day_two = service.check_in_participant("p9", at_session("s2"));
    ASSERT_EQ(day_two.outcome, CheckinOutcome::CheckedIn);
    EXPECT_FALSE(day_two.group);
    EXPECT_EQ(day_two.participant->group_id, "");
    const auto day_one = service.check_in_participant("p9", at_session("s1"));
    ASSERT_TRUE(day_one.group);
    EXPECT_EQ(day_one.group->id, "gb");
}

TEST(CheckinContent, OtherContentHeuristic) {
    EXPECT_TRUE(looks_like_other_content("http://x"));
    EXPECT_TRUE(looks_like_other_content("MECARD:N:Yamada;;"));
    EXPECT_TRUE(looks_like_other_content("two words"));
    EXPECT_FALSE(looks_like_other_content("123456789"));
    EXPECT_FALSE(looks_like_other_content("PX-2026-0042"));
}

}  // namespace
}  // namespace uketsuke
