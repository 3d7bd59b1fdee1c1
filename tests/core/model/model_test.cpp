#include "kiosk/core/model/model.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "kiosk/core/model/session.hpp"

namespace uketsuke {
namespace {

CheckinRecord row(std::string id, std::string stamp, CheckinKind kind = CheckinKind::CheckIn,
                  std::string undoes = "") {
    CheckinRecord r;
    r.id = std::move(id);
    r.participant_id = "p";
    r.stamp = std::move(stamp);
    r.kind = kind;
    r.undoes = std::move(undoes);
    return r;
}

TEST(Model, EnumNamesRoundTrip) {
    for (Role role : {Role::Participant, Role::Facilitator, Role::Staff, Role::Guest}) {
        EXPECT_EQ(role_from_string(to_string(role)), role);
    }
    for (CheckinMethod m : {CheckinMethod::Camera, CheckinMethod::Scanner, CheckinMethod::Manual,
                            CheckinMethod::WalkIn, CheckinMethod::Command, CheckinMethod::Paper}) {
        EXPECT_EQ(checkin_method_from_string(to_string(m)), m);
    }
    EXPECT_EQ(role_from_string("boss"), std::nullopt);
    EXPECT_EQ(status_from_string("cancelled"), RegistrationStatus::Cancelled);
}

TEST(Model, EmptyLogMeansNotArrived) { EXPECT_FALSE(fold_attendance({}).checked_in); }

TEST(Model, FirstCheckInInForceWins) {
    auto a = fold_attendance({row("x", "2"), row("y", "1")});
    ASSERT_TRUE(a.checked_in);
    EXPECT_EQ(a.first->id, "y");
}

TEST(Model, UndoCancelsTheRowItNamesInAnyOrder) {
    std::vector<CheckinRecord> log{row("u", "3", CheckinKind::Undo, "x"), row("x", "1"),
                                   row("y", "2")};
    std::sort(log.begin(), log.end(), [](const auto& l, const auto& r) { return l.id < r.id; });
    do {
        auto a = fold_attendance(log);
        ASSERT_TRUE(a.checked_in);
        EXPECT_EQ(a.first->id, "y");
    } while (std::next_permutation(log.begin(), log.end(),
                                   [](const auto& l, const auto& r) { return l.id < r.id; }));
}

TEST(Model, EveryCheckInUndoneMeansOut) {
    auto a = fold_attendance({row("x", "1"), row("u", "2", CheckinKind::Undo, "x")});
    EXPECT_FALSE(a.checked_in);
}

TEST(Model, LatestLeaveAfterTheLastCheckInCounts) {
    auto a = fold_attendance(
        {row("x", "1"), row("l1", "2", CheckinKind::Leave), row("l2", "3", CheckinKind::Leave)});
    ASSERT_TRUE(a.checked_in);
    ASSERT_TRUE(a.left);
    EXPECT_EQ(a.left->id, "l2");
}

TEST(Model, ComingBackAfterALeaveClearsIt) {
    auto a = fold_attendance({row("x", "1"), row("l", "2", CheckinKind::Leave), row("y", "3")});
    ASSERT_TRUE(a.checked_in);
    EXPECT_EQ(a.first->id, "x");
    EXPECT_FALSE(a.left);
}

TEST(Model, ALeaveWithoutACheckInOrUndoneIsNoLeave) {
    EXPECT_FALSE(fold_attendance({row("l", "2", CheckinKind::Leave)}).left);
    auto a = fold_attendance(
        {row("x", "1"), row("l", "2", CheckinKind::Leave), row("u", "3", CheckinKind::Undo, "l")});
    EXPECT_TRUE(a.checked_in);
    EXPECT_FALSE(a.left);
}

TEST(Model, CheckinKindsAndSessionMarksRoundTrip) {
    for (CheckinKind k : {CheckinKind::CheckIn, CheckinKind::Undo, CheckinKind::Leave}) {
        EXPECT_EQ(checkin_kind_from_string(to_string(k)), k);
    }
    for (SessionMark m : {SessionMark::Present, SessionMark::Late, SessionMark::EarlyLeave,
                          SessionMark::Absent, SessionMark::MadeUp, SessionMark::NotExpected}) {
        EXPECT_EQ(session_mark_from_string(to_string(m)), m);
    }
    EXPECT_EQ(session_mark_symbol(SessionMark::Late), "遅");
    EXPECT_EQ(session_mark_symbol(SessionMark::NotExpected), "");
    EXPECT_EQ(session_mark_from_string("here"), std::nullopt);
}

}  // namespace
}  // namespace uketsuke
