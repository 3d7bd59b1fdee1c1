// Leaving in the flow and its screens: a kiosk in leave mode says so on attract and says
// goodbye (early or not), tells someone not checked in that nothing was recorded, and tells
// staff when the session records no leaving; in check-in mode "already checked in" at a session
// that records leaving offers 退出する / Leaving, which submits a leave.

#include <gtest/gtest.h>

#include <algorithm>

#include "kiosk/core/model/checkin_outcome.hpp"
#include "kiosk/ui/screens/flow.hpp"

namespace uketsuke::ui {
namespace {

using std::chrono::milliseconds;

// 2026-11-29 15:42:05 in Tokyo.
constexpr Instant kStart{milliseconds{1'795'934'525'000}};

const Strings& strings() {
    static const StringsLoad load = load_strings(source_strings_directory());
    return load.strings;
}

bool contains(const std::vector<std::string>& texts, std::string_view needle) {
    return std::any_of(texts.begin(), texts.end(), [needle](const std::string& text) {
        return text.find(needle) != std::string::npos;
    });
}

SessionNow open_session(bool records_leave) {
    SessionNow session{SessionStatus::Open, "1日目", "", true};
    session.records_leave = records_leave;
    return session;
}

class FlowLeave : public ::testing::Test {
protected:
    void start(bool leave_mode, bool records_leave = true) {
        FlowConfig config;
        config.event_name = "第3回研究会";
        config.leave_mode = leave_mode;
        state = start_flow(config, now).state;
        feed(open_session(records_leave));
    }
    void feed(const FlowEvent& event) {
        FlowStep next = step(state, event, now);
        state = std::move(next.state);
        effects = std::move(next.effects);
    }
    void scan_and_answer(CheckinFinished result) {
        feed(ScanRead{"T-0001", CheckinMethod::Camera, now});
        ASSERT_TRUE(state.in_flight);
        result.scan_id = state.in_flight->scan_id;
        feed(result);
    }
    CheckinFinished left(bool early) const {
        CheckinFinished result;
        result.name = "山田 花子";
        result.leave = LeaveAnswer::Left;
        result.left_at = "15:42";
        result.early_leave = early;
        result.session_ends = "17:00";
        result.session = open_session(true);
        return result;
    }
    std::vector<std::string> texts(Language language = Language::Ja) {
        FlowState shown = state;
        shown.language = language;
        return all_texts(build_view(shown, strings()));
    }
    std::vector<std::string> screens_shown() const {
        std::vector<std::string> names;
        for (const Effect& effect : effects) {
            if (const auto* changed = std::get_if<ScreenChanged>(&effect))
                names.push_back(changed->name);
        }
        return names;
    }
    FlowState state;
    std::vector<Effect> effects;
    Instant now = kStart;
};

TEST_F(FlowLeave, AttractInLeaveModeSaysLeavingInBothLanguages) {
    start(true);
    const ScreenView view = build_view(state, strings());
    EXPECT_EQ(view.title, "退出受付");
    EXPECT_TRUE(contains(view.other_language_lines, "Leaving"));
    EXPECT_TRUE(view.notices.empty());
    EXPECT_TRUE(contains(texts(Language::En), "Leaving"));
    start(false);
    EXPECT_FALSE(contains(texts(), "退出受付"));
}

TEST_F(FlowLeave, AttractTellsStaffWhenTheSessionRecordsNoLeaving) {
    start(true, false);
    const ScreenView view = build_view(state, strings());
    EXPECT_TRUE(contains(view.notices, "退出を記録しない"));
    EXPECT_TRUE(contains(view.notices, "does not record leaving"));
}

TEST_F(FlowLeave, ALeaveSaysGoodbyeAndAnEarlyOneSaysSo) {
    start(true);
    scan_and_answer(left(false));
    EXPECT_EQ(state.screen, Screen::Goodbye);
    EXPECT_EQ(screens_shown(), std::vector<std::string>{"goodbye"});
    EXPECT_TRUE(contains(texts(), "山田 花子さん、お疲れさまでした"));
    EXPECT_TRUE(contains(texts(), "15:42 に退出を記録しました"));
    EXPECT_FALSE(contains(texts(), "早退"));
    EXPECT_TRUE(contains(texts(Language::En), "Thank you, 山田 花子"));

    feed(Tap{Dismiss{}});
    scan_and_answer(left(true));
    EXPECT_EQ(state.screen, Screen::Goodbye);
    EXPECT_TRUE(contains(texts(), "早退として記録しました（終了予定 17:00）"));
    EXPECT_TRUE(
        contains(texts(Language::En), "leaving early at 15:42 (the session ends at 17:00)"));
    // Goodbye times out like a welcome.
    now += kDefaultWelcomeTimeout;
    feed(Tick{});
    EXPECT_EQ(state.screen, Screen::Attract);
}

TEST_F(FlowLeave, AlreadyLeftIsGoodbyeWithTheEarlierTime) {
    start(true);
    CheckinFinished again = left(false);
    again.leave = LeaveAnswer::AlreadyLeft;
    again.left_at = "15:30";
    scan_and_answer(again);
    EXPECT_EQ(state.screen, Screen::Goodbye);
    EXPECT_TRUE(contains(texts(), "退出は 15:30 に記録済みです"));
}

TEST_F(FlowLeave, NotCheckedInOrNotRecordedAreProblemsThatRecordedNothing) {
    start(true);
    CheckinFinished nobody;
    nobody.leave = LeaveAnswer::NotCheckedIn;
    nobody.session = open_session(true);
    scan_and_answer(nobody);
    EXPECT_EQ(state.screen, Screen::Problem);
    EXPECT_EQ(screens_shown(), std::vector<std::string>{"problem.not_checked_in"});
    EXPECT_TRUE(contains(texts(), "この回の受付記録がありません"));
    EXPECT_TRUE(contains(texts(), "You are not checked in for this session"));

    feed(Tap{Dismiss{}});
    CheckinFinished closed;
    closed.leave = LeaveAnswer::NotRecorded;
    closed.session = open_session(false);
    feed(ScanRead{"T-0002", CheckinMethod::Camera, now});
    closed.scan_id = state.in_flight->scan_id;
    feed(closed);
    EXPECT_EQ(screens_shown(), std::vector<std::string>{"problem.leave_not_recorded"});
    EXPECT_TRUE(contains(texts(), "This session does not record leaving"));
}

TEST_F(FlowLeave, AlreadyCheckedInOffersLeavingOnlyWhereTheSessionRecordsIt) {
    start(false);
    CheckinFinished already;
    already.outcome = CheckinOutcome::AlreadyChecked;
    already.name = "山田 花子";
    already.participant_id = "p1";
    already.checked_in_at = "09:02";
    already.session = open_session(true);
    scan_and_answer(already);
    ASSERT_EQ(state.screen, Screen::AlreadyCheckedIn);
    const ScreenView view = build_view(state, strings());
    EXPECT_TRUE(view.show_leave);
    EXPECT_EQ(view.leave_label, "退出する / Leaving");

    feed(Tap{LeaveNow{}});
    ASSERT_TRUE(state.in_flight);
    const auto submitted = std::find_if(effects.begin(), effects.end(), [](const Effect& e) {
        return std::holds_alternative<SubmitLeave>(e);
    });
    ASSERT_NE(submitted, effects.end());
    EXPECT_EQ(std::get<SubmitLeave>(*submitted).participant_id, "p1");
    const std::uint64_t leave_id = std::get<SubmitLeave>(*submitted).scan_id;
    // A second tap while it is in flight submits nothing more.
    feed(Tap{LeaveNow{}});
    EXPECT_TRUE(std::none_of(effects.begin(), effects.end(), [](const Effect& e) {
        return std::holds_alternative<SubmitLeave>(e);
    }));
    CheckinFinished gone = left(false);
    gone.scan_id = leave_id;
    feed(gone);
    EXPECT_EQ(state.screen, Screen::Goodbye);

    // A session that does not record leaving: no button, and a tap does nothing.
    feed(Tap{Dismiss{}});
    already.session = open_session(false);
    scan_and_answer(already);
    EXPECT_FALSE(build_view(state, strings()).show_leave);
    feed(Tap{LeaveNow{}});
    EXPECT_FALSE(state.in_flight);
}

}  // namespace
}  // namespace uketsuke::ui
