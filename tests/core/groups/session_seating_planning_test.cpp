// Walk-in placement and rebalancing at a session that draws its own seating (schema 6): they
// follow that session's seats and check-ins, not the event's; a session without its own
// seating keeps the event's.

#include <gtest/gtest.h>

#include "kiosk/core/checkin/checkin.hpp"
#include "kiosk/core/groups/group_planning.hpp"
#include "kiosk/core/staff/staff_actions.hpp"
#include "support/event_fixture.hpp"

namespace uketsuke {
namespace {

using testing::EventFixture;
using testing::kNineAm;  // 2026-11-30 09:00 in Tokyo

Session sitting(std::string id, std::string date, EventStore& store) {
    Session session;
    session.id = std::move(id);
    session.name = session.id == "s1" ? "1日目" : "2日目";
    session.date = std::move(date);
    session.starts_at = "09:00";
    session.ends_at = "17:00";
    session.changed_stamp = store.next_stamp("organizer", kNineAm).to_string();
    session.changed_by = "organizer";
    return session;
}

// Groups A and B of three seats; the event seats p1 p2 in A and p3 p4 in B. Day 2 (s2) draws
// its own seating: p1 p2 p3 in A, p4 in B. Everyone is checked in on both days.
struct SessionSeatingPlan : ::testing::Test {
    EventFixture event;
    void SetUp() override {
        event.store.upsert_group(Group{"A", "A", "1", 3, "", {}, {}}, 0);
        event.store.upsert_group(Group{"B", "B", "2", 3, "", {}, {}}, 1);
        ASSERT_TRUE(event.store.put_session(sitting("s1", "2026-11-30", event.store), kNineAm));
        ASSERT_TRUE(event.store.put_session(sitting("s2", "2026-12-01", event.store), kNineAm));
        const char* orgs[] = {"青葉市", "緑町", "港南市", "北山村"};
        for (int i = 1; i <= 4; ++i)
            event.person("p" + std::to_string(i), "Person " + std::to_string(i), orgs[i - 1],
                         i <= 2 ? "A" : "B");
        std::vector<SessionSeat> seats;
        for (int i = 1; i <= 4; ++i) {
            seats.push_back(SessionSeat{"p" + std::to_string(i), i <= 3 ? "A" : "B", "",
                                        event.store.next_stamp("organizer", kNineAm).to_string(),
                                        "organizer"});
        }
        ASSERT_TRUE(event.store.put_session_seating("s2", seats));
        CheckinService service(event.store);
        for (const char* session : {"s1", "s2"}) {
            for (int i = 1; i <= 4; ++i) {
                ASSERT_EQ(service
                              .check_in_participant(
                                  "p" + std::to_string(i),
                                  CheckinContext{"K1", "", CheckinMethod::Camera, kNineAm, session})
                              .outcome,
                          CheckinOutcome::CheckedIn);
            }
        }
    }
};

TEST_F(SessionSeatingPlan, AWalkInIsPlacedByTheSessionsOwnSeating) {
    Participant newcomer;
    newcomer.id = "new";
    newcomer.organization = "東町";
    // The event's seating: two and two, the earlier group. Day 2's: A is full.
    EXPECT_EQ(place_walk_in(event.store, newcomer, false, "s1"), std::optional<std::string>("A"));
    EXPECT_EQ(place_walk_in(event.store, newcomer, false, "s2"), std::optional<std::string>("B"));

    // Registered on day 2: seated at B there too, so day 2's welcome shows B's table.
    WalkIn walk_in;
    walk_in.name = "木村 葵";
    walk_in.organization = "東町";
    const WalkInResult result = register_walk_in(
        event.store, walk_in, StaffContext{"K1", "", "", kNineAm + 86'400'000, "s2"});
    ASSERT_TRUE(result) << result.error;
    ASSERT_TRUE(result.group);
    EXPECT_EQ(result.group->id, "B");
    const auto seat = event.store.seat_at("s2", result.participant.id);
    ASSERT_TRUE(seat);
    EXPECT_EQ(seat->group_id, "B");
}

TEST_F(SessionSeatingPlan, RebalancingMovesTheSessionsSeatsAndLeavesTheEventsAlone) {
    // The event's seating is even: nothing to propose for day 1.
    EXPECT_TRUE(propose_rebalance_moves(event.store, "s1").empty());
    // Day 2 seats three and one: one move from A to B.
    const auto moves = propose_rebalance_moves(event.store, "s2");
    ASSERT_EQ(moves.size(), 1u);
    EXPECT_EQ(moves[0].from_group, "A");
    EXPECT_EQ(moves[0].to_group, "B");
    const GroupPlanResult applied =
        apply_moves(event.store, moves, "K1", kNineAm + 86'400'000, "", "", "s2");
    ASSERT_TRUE(applied.applied) << applied.error;
    const auto seat = event.store.seat_at("s2", moves[0].participant_id);
    ASSERT_TRUE(seat);
    EXPECT_EQ(seat->group_id, "B");
    // The event's group of that person did not change, and the log names the session.
    const std::string moved = moves[0].participant_id;
    EXPECT_EQ(event.store.participant(moved)->group_id, moved == "p3" || moved == "p4" ? "B" : "A");
    const auto log = event.store.person_log_of(moves[0].participant_id);
    ASSERT_EQ(log.size(), 1u);
    EXPECT_EQ(log[0].detail, "A → B (2日目)");
    EXPECT_TRUE(propose_rebalance_moves(event.store, "s2").empty());
}

TEST_F(SessionSeatingPlan, AMoveOnThePersonCardMovesTheSessionsSeatOnly) {
    const StaffContext day2{"K1", "", "", kNineAm + 86'400'000, "s2"};
    // p3 sits in A on day 2 (the session's own seating), in B for the event.
    const ActionResult moved = move_person(event.store, "p3", "B", day2);
    ASSERT_TRUE(moved) << moved.error;
    const auto seat = event.store.seat_at("s2", "p3");
    ASSERT_TRUE(seat);
    EXPECT_EQ(seat->group_id, "B");
    EXPECT_EQ(event.store.participant("p3")->group_id, "B") << "the event's seat is untouched";
    const auto log = event.store.person_log_of("p3");
    ASSERT_FALSE(log.empty());
    EXPECT_EQ(log.back().action, "move");
    EXPECT_EQ(log.back().detail, "A → B (2日目)");

    // Already there at that session: refused, nothing written.
    const ActionResult again = move_person(event.store, "p3", "B", day2);
    EXPECT_FALSE(again);
    EXPECT_NE(again.error.find("already in group B at 2日目"), std::string::npos) << again.error;
    EXPECT_EQ(event.store.person_log_of("p3").size(), log.size());

    // At day 1 (the event's seating) a move changes the event's seat, as before.
    const ActionResult day1 =
        move_person(event.store, "p1", "B", StaffContext{"K1", "", "", kNineAm, "s1"});
    ASSERT_TRUE(day1) << day1.error;
    EXPECT_EQ(event.store.participant("p1")->group_id, "B");
    EXPECT_EQ(event.store.seat_at("s2", "p1")->group_id, "A") << "day 2 keeps its own seat";
}

}  // namespace
}  // namespace uketsuke
