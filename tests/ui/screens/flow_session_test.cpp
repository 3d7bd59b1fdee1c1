// The flow and its screens with sessions (flow.hpp's SessionNow): the attract screen names the
// session or tells staff why nothing can be checked in, a scan before opening shows when it
// opens, and the welcome counts a series' sessions. The clock comes with every step.

#include <gtest/gtest.h>

#include <algorithm>

#include "kiosk/core/model/checkin_outcome.hpp"
#include "kiosk/ui/screens/flow.hpp"

namespace uketsuke::ui {
namespace {

using std::chrono::milliseconds;
using std::chrono::minutes;

// 2026-11-29 07:42:05 in Tokyo.
constexpr Instant kStart{milliseconds{1'795'905'725'000}};

const Strings& strings() {
    static const StringsLoad load = load_strings(source_strings_directory());
    return load.strings;
}

bool contains(const std::vector<std::string>& texts, std::string_view needle) {
    return std::any_of(texts.begin(), texts.end(), [needle](const std::string& text) {
        return text.find(needle) != std::string::npos;
    });
}

SessionNow open_session(std::string name, bool several = true) {
    return SessionNow{SessionStatus::Open, std::move(name), "", several};
}

// What the worker answers when no session is open: nothing recorded, no personal data.
CheckinFinished not_recorded(const SessionNow& session) {
    CheckinFinished result;
    result.session = session;
    return result;
}

class FlowSessions : public ::testing::Test {
protected:
    void SetUp() override {
        FlowConfig config;
        config.event_name = "第3回研究会";
        FlowStep started = start_flow(config, now);
        state = std::move(started.state);
    }
    void feed(const FlowEvent& event) {
        FlowStep next = step(state, event, now);
        state = std::move(next.state);
        effects = std::move(next.effects);
    }
    // Scans a code and answers it with `result` (its scan id filled in).
    void scan_and_answer(CheckinFinished result) {
        feed(ScanRead{"T-0001", CheckinMethod::Camera, now});
        ASSERT_TRUE(state.in_flight);
        result.scan_id = state.in_flight->scan_id;
        feed(result);
    }
    CheckinFinished welcome(const SessionNow& session, int attended) const {
        CheckinFinished result;
        result.outcome = CheckinOutcome::CheckedIn;
        result.name = "山田 花子";
        result.reading = "やまだ はなこ";
        result.group_name = "みなと";
        result.session = session;
        result.sessions_attended = attended;
        return result;
    }
    bool redrew() const {
        return std::any_of(effects.begin(), effects.end(), [](const Effect& effect) {
            return std::holds_alternative<RequestRedraw>(effect);
        });
    }
    std::vector<std::string> screens_shown() const {
        std::vector<std::string> names;
        for (const Effect& effect : effects) {
            if (const auto* changed = std::get_if<ScreenChanged>(&effect))
                names.push_back(changed->name);
        }
        return names;
    }
    ScreenView view() const { return build_view(state, strings()); }

    Instant now = kStart;
    FlowState state;
    std::vector<Effect> effects;
};

TEST_F(FlowSessions, TheAttractScreenNamesTheCurrentSessionOfASeries) {
    feed(open_session("第3回研究会 1日目"));
    EXPECT_TRUE(redrew());
    const ScreenView shown = view();
    EXPECT_EQ(shown.event_name, "第3回研究会");
    EXPECT_EQ(shown.session_name, "第3回研究会 1日目");
    EXPECT_TRUE(contains(all_texts(shown), "第3回研究会 1日目"));
    EXPECT_TRUE(shown.notices.empty());

    // The clock moves on to the afternoon: the app reports it and the screen follows.
    now += minutes(1);
    feed(open_session("第3回研究会 1日目 午後"));
    EXPECT_EQ(view().session_name, "第3回研究会 1日目 午後");
    // The same session reported again changes nothing.
    feed(open_session("第3回研究会 1日目 午後"));
    EXPECT_FALSE(redrew());
}

TEST_F(FlowSessions, AOneSessionEventLooksAsItAlwaysDid) {
    const ScreenView before = view();
    feed(open_session("第3回研究会", false));
    const ScreenView after = view();
    EXPECT_TRUE(after.session_name.empty());
    EXPECT_EQ(all_texts(after), all_texts(before));

    scan_and_answer(welcome(open_session("第3回研究会", false), 1));
    EXPECT_EQ(state.screen, Screen::Welcome);
    const ScreenView greeted = view();
    EXPECT_FALSE(contains(all_texts(greeted), "回目"));
    for (const ViewField& field : greeted.fields) EXPECT_NE(field.label, "回");
}

TEST_F(FlowSessions, BeforeOpeningTheAttractScreenSaysWhenInBothLanguages) {
    feed(SessionNow{SessionStatus::BeforeOpening, "第3回研究会 1日目", "8:00", true});
    const ScreenView shown = view();
    EXPECT_EQ(shown.session_name, "第3回研究会 1日目");
    EXPECT_TRUE(contains(shown.notices, "受付は 8:00 からです"));
    EXPECT_TRUE(contains(shown.notices, "Check-in opens at 8:00"));
}

TEST_F(FlowSessions, NoSessionTodayOrAWrongClockIsANoticeForStaffInBothLanguages) {
    feed(SessionNow{SessionStatus::NoneToday, "", "", true});
    ScreenView shown = view();
    EXPECT_EQ(shown.notices.size(), 2u);
    EXPECT_TRUE(contains(shown.notices, "本日の回がない"));
    EXPECT_TRUE(contains(shown.notices, "no session today"));
    EXPECT_EQ(shown.title, strings().get(Language::Ja, "attract.prompt"));

    feed(SessionNow{SessionStatus::ClockLooksWrong, "", "", true});
    shown = view();
    EXPECT_TRUE(contains(shown.notices, "時計"));
    EXPECT_TRUE(contains(shown.notices, "clock looks wrong"));
    EXPECT_FALSE(contains(shown.notices, "no session today"));
}

TEST_F(FlowSessions, AScanBeforeOpeningShowsTheSessionAndItsOpeningTime) {
    scan_and_answer(
        not_recorded(SessionNow{SessionStatus::BeforeOpening, "第3回研究会 1日目", "9:00", true}));
    EXPECT_EQ(state.screen, Screen::Problem);
    EXPECT_EQ(state.problem, ProblemKind::BeforeOpening);
    EXPECT_EQ(screens_shown(), std::vector<std::string>{"problem.before_opening"});
    const ScreenView shown = view();
    EXPECT_EQ(shown.title, "受付は 9:00 からです");
    EXPECT_EQ(shown.subtitle, "第3回研究会 1日目");
    EXPECT_TRUE(contains(shown.other_language_lines, "Check-in opens at 9:00"));
    EXPECT_FALSE(contains(all_texts(shown), "山田"));

    // Back on the attract screen, it still says when check-in opens.
    now += minutes(1);
    feed(Tick{});
    EXPECT_EQ(state.screen, Screen::Attract);
    EXPECT_TRUE(contains(view().notices, "受付は 9:00 からです"));
}

TEST_F(FlowSessions, AScanWithNoSessionTodaySaysSoAndUpdatesTheAttractScreen) {
    feed(open_session("第3回研究会 1日目"));
    scan_and_answer(not_recorded(SessionNow{SessionStatus::NoneToday, "", "", true}));
    EXPECT_EQ(state.problem, ProblemKind::NoSession);
    EXPECT_EQ(view().title, strings().get(Language::Ja, "problem.no_session.title"));
    feed(Tap{Dismiss{}});
    EXPECT_TRUE(view().session_name.empty());
    EXPECT_TRUE(contains(view().notices, "no session today"));
}

TEST_F(FlowSessions, TheWelcomeNamesTheSessionAndCountsTheSeries) {
    scan_and_answer(welcome(open_session("第3回研究会 1日目"), 3));
    EXPECT_EQ(state.screen, Screen::Welcome);
    ScreenView shown = view();
    const auto session = std::find_if(shown.fields.begin(), shown.fields.end(),
                                      [](const ViewField& field) { return field.label == "回"; });
    ASSERT_NE(session, shown.fields.end());
    EXPECT_EQ(session->value, "第3回研究会 1日目");
    EXPECT_TRUE(contains(shown.lines, "3回目のご出席です"));

    feed(Tap{SwitchLanguage{Language::En}});
    shown = view();
    EXPECT_TRUE(contains(shown.lines, "This is your 3rd session"));
    EXPECT_TRUE(std::any_of(shown.fields.begin(), shown.fields.end(),
                            [](const ViewField& field) { return field.label == "Session"; }));

    // Scanning again later: the session is named, the count is not repeated.
    feed(Tap{Dismiss{}});
    CheckinFinished again = welcome(open_session("第3回研究会 1日目"), 3);
    again.outcome = CheckinOutcome::AlreadyChecked;
    again.checked_in_at = "09:12";
    scan_and_answer(again);
    EXPECT_EQ(state.screen, Screen::AlreadyCheckedIn);
    shown = view();
    EXPECT_FALSE(contains(shown.lines, "回目"));
    EXPECT_TRUE(contains(all_texts(shown), "第3回研究会 1日目"));
}

TEST_F(FlowSessions, EnglishCountsInOrdinals) {
    const std::vector<std::pair<int, std::string>> cases = {
        {1, "1st"},   {2, "2nd"},   {3, "3rd"},   {4, "4th"},     {11, "11th"},  {12, "12th"},
        {13, "13th"}, {21, "21st"}, {22, "22nd"}, {101, "101st"}, {111, "111th"}};
    for (const auto& [n, ordinal] : cases) {
        SetUp();
        scan_and_answer(welcome(open_session("Day 1"), n));
        feed(Tap{SwitchLanguage{Language::En}});
        EXPECT_TRUE(contains(view().lines, "This is your " + ordinal + " session")) << n;
    }
}

}  // namespace
}  // namespace uketsuke::ui
