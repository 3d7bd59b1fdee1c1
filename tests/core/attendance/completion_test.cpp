#include "kiosk/core/attendance/completion.hpp"

#include <gtest/gtest.h>

#include "attendance_fixture.hpp"

namespace uketsuke {
namespace {

using namespace testing;

// Six meetings three days apart (days 0, 3, … 15) and a make-up of the second on day 4; one
// person whose marks the test sets by rows.
struct Series {
    AttendanceInput input;
    Series() {
        input.time_zone = "Asia/Tokyo";
        for (int i = 0; i < 6; ++i) {
            input.sessions.push_back(session_on(std::to_string(i + 1), i * 3));
            input.sessions.back().records_leave = true;
            input.expected[std::to_string(i + 1)] = {"a"};
        }
        input.sessions.push_back(session_on("2b", 4, "2"));
        input.participants = {someone("a", "青葉 一郎", "あおば いちろう", "青葉市")};
    }
    void attend(int meeting, std::int64_t minute = 0) {
        const std::string id = std::to_string(meeting);
        input.checkins.push_back(row("in" + id, "a", id, at_minute((meeting - 1) * 3, minute)));
    }
    void leave_early(int meeting) {
        const std::string id = std::to_string(meeting);
        input.checkins.push_back(
            row("out" + id, "a", id, at_minute((meeting - 1) * 3, 60), CheckinKind::Leave));
    }
    Completion evaluate(const CompletionRule& rule) {
        auto record = build_attendance_record(input);
        EXPECT_TRUE(record) << record.error().message;
        auto completions = evaluate_completion(record.value(), rule);
        EXPECT_EQ(completions.size(), 1u);
        return completions.at(0);
    }
    std::string session_of(const Completion& c, std::size_t fix) {
        auto record = build_attendance_record(input);
        return record.value().sessions.at(c.fixes.at(fix).session).session.id;
    }
};

CompletionRule require(int percent) {
    CompletionRule rule;
    rule.percent = percent;
    return rule;
}

TEST(Completion, ParsesTheRequirementAndCredits) {
    EXPECT_EQ(parse_required_percent("80%").value(), 80);
    EXPECT_EQ(parse_required_percent("80").value(), 80);
    EXPECT_EQ(parse_required_percent("all").value(), 100);
    EXPECT_EQ(parse_required_percent("100%").value(), 100);
    for (const char* bad : {"0%", "101%", "80.5%", "%", "", "eighty", "80%%", " 80%", "-5"}) {
        EXPECT_FALSE(parse_required_percent(bad)) << bad;
    }
    EXPECT_EQ(parse_partial_credit("half").value(), PartialCredit::Half);
    EXPECT_EQ(parse_partial_credit("present").value(), PartialCredit::Present);
    EXPECT_EQ(parse_partial_credit("absent").value(), PartialCredit::Absent);
    EXPECT_FALSE(parse_partial_credit("Half"));
    EXPECT_EQ(required_text(80), "80%");
    EXPECT_EQ(required_text(100), "all");
}

TEST(Completion, EightyPercentOfSixIsFive) {
    Series f;
    for (int m = 1; m <= 4; ++m) f.attend(m);
    Completion c = f.evaluate(require(80));
    EXPECT_EQ(c.sessions, 6);
    EXPECT_EQ(c.needed_halves, 10);  // 4.8 rounds up to 5 whole sessions
    EXPECT_FALSE(c.completes);
    EXPECT_EQ(c.missing_halves, 2);
    EXPECT_EQ(c.sessions_missing, 1);
    EXPECT_FALSE(c.can_still_complete) << "every session has been held, no make-ups allowed";
    f.attend(5);
    EXPECT_TRUE(f.evaluate(require(80)).completes);
    EXPECT_FALSE(f.evaluate(require(100)).completes);
    f.attend(6);
    EXPECT_TRUE(f.evaluate(require(100)).completes);
}

TEST(Completion, LateAndEarlyCountAsTheRuleSays) {
    Series f;
    for (int m = 1; m <= 6; ++m) f.attend(m, m == 3 ? 30 : 0);  // late at 3
    f.leave_early(4);
    CompletionRule rule = require(100);
    EXPECT_TRUE(f.evaluate(rule).completes) << "late and early count as present by default";
    rule.late = PartialCredit::Half;
    Completion c = f.evaluate(rule);
    EXPECT_FALSE(c.completes);
    EXPECT_EQ(c.missing_halves, 1);
    EXPECT_EQ(c.sessions_missing, 1);
    ASSERT_EQ(c.short_at.size(), 1u);
    rule.early_leave = PartialCredit::Absent;
    c = f.evaluate(rule);
    EXPECT_EQ(c.missing_halves, 3);
    EXPECT_EQ(c.short_at.size(), 2u);
    rule.percent = 80;  // needs 10 halves of 12: has 12 - 1 - 2 = 9
    c = f.evaluate(rule);
    EXPECT_FALSE(c.completes);
    EXPECT_EQ(c.missing_halves, 1);
}

TEST(Completion, AMakeupCountsOnlyWhenAllowed) {
    Series f;
    for (int m : {1, 3, 4, 5, 6}) f.attend(m);
    f.input.checkins.push_back(row("mk", "a", "2b", at_minute(4, 0)));
    CompletionRule rule = require(100);
    EXPECT_FALSE(f.evaluate(rule).completes);
    rule.allow_makeup = true;
    EXPECT_TRUE(f.evaluate(rule).completes);
}

TEST(Completion, ShortfallNamesTheMakeupAndTheSessionsStillToCome) {
    Series f;
    f.attend(1);
    f.input.now_ms = at_minute(3, 60);  // during the second meeting, which a missed
    CompletionRule rule = require(100);
    rule.allow_makeup = true;
    Completion c = f.evaluate(rule);
    EXPECT_FALSE(c.completes);
    EXPECT_EQ(c.sessions_missing, 5);
    // The make-up of 2 (day 4, not held yet) and meetings 3 to 6.
    ASSERT_EQ(c.fixes.size(), 5u);
    EXPECT_EQ(f.session_of(c, 0), "2b");
    EXPECT_EQ(c.fixes[0].makes_up, "2");
    EXPECT_EQ(f.session_of(c, 1), "3");
    EXPECT_EQ(c.fixes[1].makes_up, "");
    EXPECT_TRUE(c.can_still_complete);

    rule.allow_makeup = false;
    c = f.evaluate(rule);
    EXPECT_EQ(c.fixes.size(), 4u) << "without make-ups only the meetings to come";
    EXPECT_FALSE(c.can_still_complete) << "2 is lost for good";

    f.input.now_ms = at_minute(4, 30);  // the make-up has started: it is no longer later
    rule.allow_makeup = true;
    c = f.evaluate(rule);
    EXPECT_EQ(c.fixes.size(), 4u);
    EXPECT_FALSE(c.can_still_complete);
}

TEST(Completion, TwoMakeupsOfOneSessionEarnItOnce) {
    Series f;
    f.input.sessions.push_back(session_on("2c", 16, "2"));
    f.input.sessions.push_back(session_on("2d", 17, "2"));
    for (int m : {1, 3, 4, 5}) f.attend(m);
    f.input.now_ms = at_minute(15, 300);  // after the last meeting; 2c and 2d to come
    CompletionRule rule = require(100);
    rule.allow_makeup = true;
    Completion c = f.evaluate(rule);
    EXPECT_EQ(c.missing_halves, 4);  // 2 and 6
    ASSERT_EQ(c.fixes.size(), 2u);
    EXPECT_EQ(c.fixes[0].makes_up, "2");
    EXPECT_EQ(c.fixes[1].makes_up, "2");
    EXPECT_FALSE(c.can_still_complete) << "6 has no make-up, and 2 can be earned only once";
    rule.percent = 80;  // 5 of 6: making up 2 is enough
    c = f.evaluate(rule);
    EXPECT_EQ(c.missing_halves, 2);
    EXPECT_TRUE(c.can_still_complete);
}

TEST(Completion, SomeoneWithNoSessionsIsNotJudged) {
    Series f;
    f.input.participants.push_back(someone("z", "Z", "ぜっと", "青葉市"));
    auto record = build_attendance_record(f.input);
    ASSERT_TRUE(record);
    auto completions = evaluate_completion(record.value(), require(80));
    ASSERT_EQ(completions.size(), 2u);
    EXPECT_EQ(record.value().people[1].participant.id, "z");
    EXPECT_FALSE(completions[1].applicable);
    EXPECT_FALSE(completions[1].completes);
    EXPECT_TRUE(completions[1].fixes.empty());
}

}  // namespace
}  // namespace uketsuke
