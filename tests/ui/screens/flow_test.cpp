#include "kiosk/ui/screens/flow.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "kiosk/core/model/checkin_outcome.hpp"

namespace uketsuke::ui {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

// 2026-11-29 09:42:05 in Tokyo (00:42:05 UTC): 55 s before the clock's next minute.
constexpr Instant kStart{milliseconds{1'795'912'925'000}};
constexpr Instant kNextMinute{milliseconds{1'795'912'980'000}};

const Strings& strings() {
    static const StringsLoad load = load_strings(source_strings_directory());
    return load.strings;
}

CheckinFinished result_for(std::uint64_t scan_id, CheckinOutcome outcome) {
    CheckinFinished result;
    result.scan_id = scan_id;
    result.outcome = outcome;
    if (is_success(outcome) && outcome != CheckinOutcome::DetailsPending) {
        result.name = "山田 花子";
        result.reading = "やまだ はなこ";
        result.organization = "横浜市役所";
        result.group_name = "みなと";
        result.table_label = "C";
        result.facilitator = "佐藤 健";
        result.table_on_map = MapPoint{0.25, 0.75};
        result.next_session = "10:00 開会";
    }
    if (outcome == CheckinOutcome::AlreadyChecked) {
        result.checked_in_at = "09:12";
        result.kiosk = "B";
    }
    return result;
}

template <typename T>
std::vector<T> effects_of(const std::vector<Effect>& effects) {
    std::vector<T> out;
    for (const Effect& effect : effects) {
        if (const T* one = std::get_if<T>(&effect)) out.push_back(*one);
    }
    return out;
}

bool contains(const std::vector<std::string>& texts, std::string_view needle) {
    return std::any_of(texts.begin(), texts.end(), [needle](const std::string& text) {
        return text.find(needle) != std::string::npos;
    });
}

class FlowTest : public ::testing::Test {
protected:
    void start(FlowConfig config = {}) {
        FlowStep started = start_flow(std::move(config), now);
        state = std::move(started.state);
        effects = std::move(started.effects);
    }
    void feed(const FlowEvent& event) {
        FlowStep next = step(state, event, now);
        state = std::move(next.state);
        effects = std::move(next.effects);
    }
    void advance(Duration by) {
        now += by;
        feed(Tick{});
    }
    // Scans `text` and returns the id of the check-in it submitted (0 if none).
    std::uint64_t scan(const std::string& text, CheckinMethod method = CheckinMethod::Camera) {
        feed(ScanRead{text, method, now});
        const auto submitted = effects_of<SubmitScan>(effects);
        return submitted.empty() ? 0 : submitted.back().scan_id;
    }
    void scan_and_finish(const std::string& text, CheckinOutcome outcome) {
        const std::uint64_t id = scan(text);
        ASSERT_NE(id, 0u);
        feed(result_for(id, outcome));
    }
    ScreenView view() const { return build_view(state, strings()); }
    std::vector<std::string> screen_names() const {
        std::vector<std::string> names;
        for (const auto& changed : effects_of<ScreenChanged>(effects))
            names.push_back(changed.name);
        return names;
    }
    std::vector<Sound> sounds() const {
        std::vector<Sound> out;
        for (const auto& played : effects_of<PlaySound>(effects)) out.push_back(played.sound);
        return out;
    }
    Instant wake() const {
        EXPECT_FALSE(effects.empty());
        const auto* last = effects.empty() ? nullptr : std::get_if<ScheduleWake>(&effects.back());
        EXPECT_NE(last, nullptr) << "every step ends with ScheduleWake";
        return last ? last->at : Instant{};
    }
    bool redrew() const { return !effects_of<RequestRedraw>(effects).empty(); }

    Instant now = kStart;
    FlowState state;
    std::vector<Effect> effects;
};

TEST_F(FlowTest, StartsOnAttractWithTheClockAndWakesAtTheNextMinute) {
    start();
    EXPECT_EQ(state.screen, Screen::Attract);
    EXPECT_EQ(screen_names(), std::vector<std::string>{"attract"});
    EXPECT_EQ(state.clock, "09:42");
    EXPECT_EQ(wake(), kNextMinute);
    EXPECT_EQ(state.config.welcome_timeout, kDefaultWelcomeTimeout);
    EXPECT_EQ(state.config.problem_timeout, kDefaultProblemTimeout);
    EXPECT_EQ(state.language, Language::Ja);

    now = kNextMinute;
    feed(Tick{});
    EXPECT_EQ(state.clock, "09:43");
    EXPECT_TRUE(redrew());
    EXPECT_EQ(wake(), kNextMinute + std::chrono::minutes{1});
}

TEST_F(FlowTest, AScanIsSubmittedAndTheAttractScreenStaysUntilTheResult) {
    start();
    feed(ScanRead{"  UK1:abc\r\n", CheckinMethod::Scanner, now - milliseconds{3}});
    const auto submitted = effects_of<SubmitScan>(effects);
    ASSERT_EQ(submitted.size(), 1u);
    EXPECT_EQ(submitted[0].text, "UK1:abc");
    EXPECT_EQ(submitted[0].method, CheckinMethod::Scanner);
    EXPECT_EQ(submitted[0].read_at, now - milliseconds{3});
    EXPECT_NE(submitted[0].scan_id, 0u);
    EXPECT_EQ(state.screen, Screen::Attract);
    EXPECT_TRUE(screen_names().empty());
    EXPECT_TRUE(sounds().empty());
    EXPECT_FALSE(redrew()) << "nothing new to show while the check-in runs";
}

TEST_F(FlowTest, BlankScansAreIgnored) {
    start();
    EXPECT_EQ(scan(" \r\n"), 0u);
    EXPECT_FALSE(state.in_flight);
}

struct OutcomeCase {
    CheckinOutcome outcome;
    Screen screen;
    Sound sound;
    std::string name;
};

TEST_F(FlowTest, EachOutcomeShowsItsScreenAndPlaysItsSound) {
    const std::vector<OutcomeCase> cases = {
        {CheckinOutcome::CheckedIn, Screen::Welcome, Sound::Success, "welcome"},
        {CheckinOutcome::AlreadyChecked, Screen::AlreadyCheckedIn, Sound::AlreadyIn,
         "already_checked_in"},
        {CheckinOutcome::DetailsPending, Screen::DetailsPending, Sound::Success, "details_pending"},
        {CheckinOutcome::UnknownCode, Screen::Problem, Sound::Problem, "problem.unknown_code"},
        {CheckinOutcome::NotATicket, Screen::Problem, Sound::Problem, "problem.not_a_ticket"},
        {CheckinOutcome::OtherEvent, Screen::Problem, Sound::Problem, "problem.other_event"},
        {CheckinOutcome::Cancelled, Screen::Problem, Sound::Problem, "problem.cancelled"},
        {CheckinOutcome::InvalidTicket, Screen::Problem, Sound::Problem, "problem.invalid_ticket"},
    };
    for (const OutcomeCase& c : cases) {
        SCOPED_TRACE(c.name);
        start();
        scan_and_finish("code", c.outcome);
        EXPECT_EQ(state.screen, c.screen);
        EXPECT_EQ(screen_names(), std::vector<std::string>{c.name});
        EXPECT_EQ(sounds(), std::vector<Sound>{c.sound});
        EXPECT_TRUE(redrew());
        EXPECT_FALSE(state.in_flight);
    }
}

TEST_F(FlowTest, ACheckinThatThrewIsAProblemWithItsOwnKind) {
    start();
    const std::uint64_t id = scan("code");
    CheckinFinished failed;
    failed.scan_id = id;
    failed.failed = true;
    failed.error = "database is locked";
    feed(failed);
    EXPECT_EQ(state.screen, Screen::Problem);
    EXPECT_EQ(state.problem, ProblemKind::CheckinFailed);
    EXPECT_EQ(screen_names(), std::vector<std::string>{"problem.checkin_failed"});
    EXPECT_EQ(sounds(), std::vector<Sound>{Sound::Problem});
}

TEST_F(FlowTest, MuteKeepsTheScreensButPlaysNothing) {
    FlowConfig config;
    config.mute = true;
    start(config);
    scan_and_finish("code", CheckinOutcome::CheckedIn);
    EXPECT_EQ(state.screen, Screen::Welcome);
    EXPECT_TRUE(sounds().empty());
}

TEST_F(FlowTest, WelcomeReturnsToAttractExactlyAtItsTimeout) {
    start();
    scan_and_finish("code", CheckinOutcome::CheckedIn);
    EXPECT_EQ(wake(), kStart + seconds{8});

    advance(seconds{8} - milliseconds{1});
    EXPECT_EQ(state.screen, Screen::Welcome);
    EXPECT_TRUE(screen_names().empty());
    EXPECT_EQ(wake(), kStart + seconds{8});

    advance(milliseconds{1});
    EXPECT_EQ(state.screen, Screen::Attract);
    EXPECT_EQ(screen_names(), std::vector<std::string>{"attract"});
    EXPECT_TRUE(redrew());
    EXPECT_EQ(wake(), kNextMinute);
}

TEST_F(FlowTest, AlreadyCheckedInAndPendingUseTheWelcomeTimeout) {
    for (const CheckinOutcome outcome :
         {CheckinOutcome::AlreadyChecked, CheckinOutcome::DetailsPending}) {
        now = kStart;
        start();
        scan_and_finish("code", outcome);
        advance(seconds{8} - milliseconds{1});
        EXPECT_NE(state.screen, Screen::Attract);
        advance(milliseconds{1});
        EXPECT_EQ(state.screen, Screen::Attract);
    }
}

TEST_F(FlowTest, ProblemsReturnToAttractExactlyAtTheirTimeout) {
    start();
    scan_and_finish("code", CheckinOutcome::UnknownCode);
    EXPECT_EQ(wake(), kStart + seconds{10});
    advance(seconds{10} - milliseconds{1});
    EXPECT_EQ(state.screen, Screen::Problem);
    advance(milliseconds{1});
    EXPECT_EQ(state.screen, Screen::Attract);
    EXPECT_EQ(screen_names(), std::vector<std::string>{"attract"});
}

TEST_F(FlowTest, TimeoutsAreConfigurable) {
    FlowConfig config;
    config.welcome_timeout = seconds{3};
    config.problem_timeout = seconds{5};
    start(config);
    scan_and_finish("a", CheckinOutcome::CheckedIn);
    EXPECT_EQ(wake(), kStart + seconds{3});
    advance(seconds{3});
    EXPECT_EQ(state.screen, Screen::Attract);

    scan_and_finish("b", CheckinOutcome::Cancelled);
    EXPECT_EQ(wake(), now + seconds{5});
    advance(seconds{5} - milliseconds{1});
    EXPECT_EQ(state.screen, Screen::Problem);
    advance(milliseconds{1});
    EXPECT_EQ(state.screen, Screen::Attract);
}

TEST_F(FlowTest, ATimeoutThatPassedWithoutATickIsAppliedBeforeTheNextEvent) {
    start();
    scan_and_finish("a", CheckinOutcome::CheckedIn);
    now += seconds{20};
    const std::uint64_t id = scan("b");
    EXPECT_NE(id, 0u);
    EXPECT_EQ(state.screen, Screen::Attract);
    EXPECT_EQ(screen_names(), std::vector<std::string>{"attract"});
}

TEST_F(FlowTest, ANewScanOnWelcomeReplacesItAtOnce) {
    start();
    scan_and_finish("a", CheckinOutcome::CheckedIn);
    now += seconds{2};
    const std::uint64_t second = scan("b");
    ASSERT_NE(second, 0u) << "submitted without waiting for the welcome to time out";
    EXPECT_EQ(state.screen, Screen::Welcome);

    now += milliseconds{20};
    CheckinFinished next = result_for(second, CheckinOutcome::CheckedIn);
    next.name = "Alice Smith";
    feed(next);
    EXPECT_EQ(state.screen, Screen::Welcome);
    EXPECT_EQ(state.shown.name, "Alice Smith");
    EXPECT_EQ(screen_names(), std::vector<std::string>{"welcome"});
    EXPECT_EQ(sounds(), std::vector<Sound>{Sound::Success});
    EXPECT_EQ(wake(), now + seconds{8}) << "the new welcome gets its full time";
}

TEST_F(FlowTest, ANewScanOnAProblemReplacesItToo) {
    start();
    scan_and_finish("a", CheckinOutcome::NotATicket);
    scan_and_finish("b", CheckinOutcome::CheckedIn);
    EXPECT_EQ(state.screen, Screen::Welcome);
}

TEST_F(FlowTest, TheSameCodeAgainKeepsItsScreenUpInsteadOfCheckingInAgain) {
    start();
    scan_and_finish("a", CheckinOutcome::CheckedIn);
    now += seconds{5};
    EXPECT_EQ(scan("a"), 0u) << "no second check-in, which would say 'already checked in'";
    EXPECT_EQ(state.screen, Screen::Welcome);
    EXPECT_EQ(wake(), now + seconds{8});
    advance(seconds{8} - milliseconds{1});
    EXPECT_EQ(state.screen, Screen::Welcome);
    advance(milliseconds{1});
    EXPECT_EQ(state.screen, Screen::Attract);
    EXPECT_NE(scan("a"), 0u) << "back on attract the same code is a new scan";
}

TEST_F(FlowTest, AScanDuringACheckinIsQueuedAndSubmittedWhenTheResultArrives) {
    start();
    const std::uint64_t first = scan("a");
    EXPECT_EQ(scan("b"), 0u);
    ASSERT_EQ(state.queued.size(), 1u);
    EXPECT_EQ(state.queued.front().text, "b");

    feed(result_for(first, CheckinOutcome::CheckedIn));
    EXPECT_EQ(state.screen, Screen::Welcome);
    const auto submitted = effects_of<SubmitScan>(effects);
    ASSERT_EQ(submitted.size(), 1u);
    EXPECT_EQ(submitted[0].text, "b");
    EXPECT_NE(submitted[0].scan_id, first);
    EXPECT_TRUE(state.queued.empty());

    feed(result_for(submitted[0].scan_id, CheckinOutcome::UnknownCode));
    EXPECT_EQ(state.screen, Screen::Problem);
    EXPECT_FALSE(state.in_flight);
}

// Two people in one frame, or a queue read while a slow disk commits: everyone waits their
// turn, in order; repeats of a waiting or in-flight code are dropped.
TEST_F(FlowTest, DuringACheckinScansWaitInOrderAndRepeatsAreDropped) {
    start();
    std::uint64_t in_flight = scan("a");
    EXPECT_EQ(scan("a"), 0u);
    EXPECT_TRUE(state.queued.empty()) << "a repeat of the code in flight is dropped";
    scan("b");
    scan("c");
    scan("b");
    EXPECT_EQ(state.queued.size(), 2u) << "a repeat of a waiting code is dropped";
    for (const char* next : {"b", "c"}) {
        feed(result_for(in_flight, CheckinOutcome::CheckedIn));
        const auto submitted = effects_of<SubmitScan>(effects);
        ASSERT_EQ(submitted.size(), 1u);
        EXPECT_EQ(submitted[0].text, next);
        in_flight = submitted[0].scan_id;
    }
    feed(result_for(in_flight, CheckinOutcome::CheckedIn));
    EXPECT_TRUE(effects_of<SubmitScan>(effects).empty());
    EXPECT_FALSE(state.in_flight);
}

TEST_F(FlowTest, AFullQueueDropsTheNewestScan) {
    start();
    std::uint64_t in_flight = scan("first");
    for (std::size_t i = 0; i <= kMaxQueuedScans; ++i) scan("p" + std::to_string(i));
    ASSERT_EQ(state.queued.size(), kMaxQueuedScans);
    EXPECT_EQ(state.queued.back().text, "p" + std::to_string(kMaxQueuedScans - 1));
    std::vector<std::string> order;
    while (in_flight != 0) {
        feed(result_for(in_flight, CheckinOutcome::CheckedIn));
        const auto submitted = effects_of<SubmitScan>(effects);
        in_flight = submitted.empty() ? 0 : submitted[0].scan_id;
        if (!submitted.empty()) order.push_back(submitted[0].text);
    }
    ASSERT_EQ(order.size(), kMaxQueuedScans);
    for (std::size_t i = 0; i < order.size(); ++i) EXPECT_EQ(order[i], "p" + std::to_string(i));
}

TEST_F(FlowTest, ADroppedScanIsCountedLoggedAndShownToStaff) {
    start();
    const std::uint64_t in_flight = scan("first");
    for (std::size_t i = 0; i < kMaxQueuedScans; ++i) scan("p" + std::to_string(i));
    EXPECT_EQ(state.dropped_scans, 0u);
    EXPECT_TRUE(view().staff_notes.empty());
    feed(ScanRead{"one too many", CheckinMethod::Scanner, now});
    EXPECT_EQ(state.dropped_scans, 1u);
    const auto dropped = effects_of<ScanDropped>(effects);
    ASSERT_EQ(dropped.size(), 1u);
    EXPECT_EQ(dropped[0].dropped, 1u);
    EXPECT_EQ(dropped[0].method, CheckinMethod::Scanner);
    EXPECT_TRUE(redrew()) << "Attract shows the count to staff";
    scan("and another");
    EXPECT_EQ(state.dropped_scans, 2u);
    ASSERT_EQ(view().staff_notes.size(), 1u);
    EXPECT_NE(view().staff_notes[0].find("2"), std::string::npos) << view().staff_notes[0];
    // A repeat of a waiting code is not a drop: it is already on its way.
    scan("p0");
    EXPECT_EQ(state.dropped_scans, 2u);
    EXPECT_TRUE(effects_of<ScanDropped>(effects).empty());
    // Nobody's data in the note, and it stays for staff after the queue drained.
    feed(result_for(in_flight, CheckinOutcome::CheckedIn));
    EXPECT_EQ(state.dropped_scans, 2u);
}

// ---- recent arrivals: a fast queue loses nobody's table ---------------------------------------

CheckinFinished person(std::uint64_t scan_id, std::string id, std::string name, std::string group,
                       std::string table, CheckinOutcome outcome = CheckinOutcome::CheckedIn) {
    CheckinFinished result = result_for(scan_id, outcome);
    result.participant_id = std::move(id);
    result.name = std::move(name);
    result.reading = "よみ";
    result.organization = "横浜市役所";
    result.group_name = std::move(group);
    result.table_label = std::move(table);
    return result;
}

TEST_F(FlowTest, TheNextScanKeepsThePreviousTwoPeoplesTablesOnScreen) {
    start();
    feed(person(scan("a"), "p1", "山田 花子", "A", "1"));
    EXPECT_TRUE(view().recent.empty()) << "the first of a queue has the screen to themselves";
    now += seconds{1};
    feed(person(scan("b"), "p2", "佐藤 健太", "B", "2"));
    ScreenView shown = view();
    ASSERT_EQ(shown.recent.size(), 1u);
    EXPECT_EQ(shown.recent[0].name, "花子 さん") << "the given name only";
    EXPECT_EQ(shown.recent[0].where, "グループ A・テーブル 1");
    EXPECT_EQ(shown.recent_heading, "直前の方");
    now += seconds{1};
    feed(person(scan("c"), "p3", "Alice Smith", "", "3"));
    now += seconds{1};
    feed(person(scan("d"), "p4", "鈴木 一郎", "D", ""));
    shown = view();
    ASSERT_EQ(shown.recent.size(), 2u) << "the previous two, newest first";
    EXPECT_EQ(shown.recent[0].name, "Alice さん");
    EXPECT_EQ(shown.recent[0].where, "テーブル 3");
    EXPECT_EQ(shown.recent[1].name, "健太 さん");
    // Nothing else about them: no reading, no organization, no family name (the table's
    // facilitator 佐藤 健 is on the welcome itself).
    for (const std::string& text : all_texts(shown)) {
        EXPECT_EQ(text.find("Smith"), std::string::npos) << text;
    }
    const std::vector<std::string> texts = all_texts(shown);
    EXPECT_EQ(std::count(texts.begin(), texts.end(), "横浜市役所"), 1)
        << "only the person on screen's organization";
    // In English too.
    feed(Tap{SwitchLanguage{Language::En}});
    EXPECT_EQ(view().recent[0].name, "Alice");
    EXPECT_EQ(view().recent[1].where, "Group B · Table 2");
}

TEST_F(FlowTest, RecentArrivalsLeaveTheStripAfterTheirTimeAndNeverReachAttract) {
    FlowConfig config;
    config.recent_timeout = seconds{5};
    config.welcome_timeout = seconds{30};
    start(config);
    feed(person(scan("a"), "p1", "山田 花子", "A", "1"));
    now += seconds{2};
    feed(person(scan("b"), "p2", "佐藤 健太", "B", "2"));
    ASSERT_EQ(state.recent.size(), 1u);
    EXPECT_EQ(wake(), now + seconds{5}) << "wakes to take them off the strip";
    advance(seconds{4});
    EXPECT_EQ(view().recent.size(), 1u);
    advance(seconds{1});
    EXPECT_TRUE(view().recent.empty());
    EXPECT_TRUE(redrew());
    EXPECT_EQ(state.screen, Screen::Welcome) << "the welcome itself stays its own time";
    // Back on Attract nobody's name is kept, even inside the strip's time.
    feed(person(scan("c"), "p3", "鈴木 一郎", "C", "3"));
    ASSERT_EQ(state.recent.size(), 1u);
    feed(Tap{Dismiss{}});
    EXPECT_EQ(state.screen, Screen::Attract);
    EXPECT_TRUE(state.recent.empty());
    EXPECT_TRUE(view().recent.empty());
}

TEST_F(FlowTest, TheStripNeverListsThePersonOnScreenAndShowsOverAProblem) {
    start();
    feed(person(scan("a"), "p1", "山田 花子", "A", "1"));
    feed(person(scan("b"), "p2", "佐藤 健太", "B", "2"));
    // 山田 scans again to find their table: their own screen, not also in the strip.
    feed(person(scan("a"), "p1", "山田 花子", "A", "1", CheckinOutcome::AlreadyChecked));
    EXPECT_EQ(state.screen, Screen::AlreadyCheckedIn);
    ScreenView shown = view();
    ASSERT_EQ(shown.recent.size(), 1u);
    EXPECT_EQ(shown.recent[0].name, "健太 さん");
    // The next person's ticket is unknown: 山田 and 佐藤 are still in front of the kiosk.
    feed(result_for(scan("x"), CheckinOutcome::UnknownCode));
    EXPECT_EQ(state.screen, Screen::Problem);
    shown = view();
    ASSERT_EQ(shown.recent.size(), 2u);
    EXPECT_EQ(shown.recent[0].name, "花子 さん");
    EXPECT_EQ(shown.recent[1].name, "健太 さん");
    // A problem screen itself never goes to the strip.
    feed(person(scan("c"), "p3", "鈴木 一郎", "C", "3"));
    ASSERT_EQ(view().recent.size(), 2u);
    EXPECT_EQ(view().recent[0].name, "花子 さん");
}

TEST_F(FlowTest, NoStripWhenNamesAreNotShownOrNobodyWasToldWhereToGo) {
    FlowConfig config;
    config.name_display = NameDisplay::None;
    start(config);
    feed(person(scan("a"), "p1", "山田 花子", "A", "1"));
    feed(person(scan("b"), "p2", "佐藤 健太", "B", "2"));
    EXPECT_TRUE(view().recent.empty());
    start();
    feed(person(scan("a"), "p1", "山田 花子", "", ""));
    feed(person(scan("b"), "p2", "佐藤 健太", "B", "2"));
    EXPECT_TRUE(view().recent.empty()) << "no group or table: nothing to keep on screen";
}

TEST_F(FlowTest, AResultForAnotherScanIsIgnored) {
    start();
    const std::uint64_t id = scan("a");
    feed(result_for(id + 100, CheckinOutcome::CheckedIn));
    EXPECT_EQ(state.screen, Screen::Attract);
    EXPECT_TRUE(state.in_flight);
    feed(result_for(id, CheckinOutcome::CheckedIn));
    EXPECT_EQ(state.screen, Screen::Welcome);
    feed(result_for(id, CheckinOutcome::UnknownCode));
    EXPECT_EQ(state.screen, Screen::Welcome) << "a second answer for the same scan changes nothing";
}

TEST_F(FlowTest, ACheckinThatNeverAnswersIsGivenUp) {
    start();
    const std::uint64_t id = scan("a");
    EXPECT_EQ(wake(), kStart + seconds{1}) << "when the 'Checking…' notice is due";
    scan("b");
    advance(seconds{10} - milliseconds{1});
    EXPECT_EQ(state.screen, Screen::Attract);
    EXPECT_EQ(wake(), kStart + seconds{10});
    advance(milliseconds{1});
    EXPECT_EQ(state.screen, Screen::Problem);
    EXPECT_EQ(state.problem, ProblemKind::CheckinFailed);
    EXPECT_EQ(sounds(), std::vector<Sound>{Sound::Problem});
    const auto submitted = effects_of<SubmitScan>(effects);
    ASSERT_EQ(submitted.size(), 1u) << "the queued scan goes next";
    EXPECT_EQ(submitted[0].text, "b");

    feed(result_for(id, CheckinOutcome::CheckedIn));
    EXPECT_EQ(state.screen, Screen::Problem) << "the abandoned check-in's late answer is ignored";
}

TEST_F(FlowTest, CheckingNoticeAppearsOnlyWhenACheckinIsSlow) {
    start();
    scan("a");
    EXPECT_FALSE(contains(view().notices, "確認しています"));
    advance(seconds{1} - milliseconds{1});
    EXPECT_FALSE(redrew());
    EXPECT_FALSE(contains(view().notices, "確認しています"));
    advance(milliseconds{1});
    EXPECT_TRUE(redrew());
    EXPECT_TRUE(contains(view().notices, "確認しています"));
    EXPECT_EQ(wake(), kStart + seconds{10});
}

TEST_F(FlowTest, DismissReturnsToAttractAtOnce) {
    start();
    scan_and_finish("a", CheckinOutcome::CheckedIn);
    now += seconds{1};
    feed(Tap{Dismiss{}});
    EXPECT_EQ(state.screen, Screen::Attract);
    EXPECT_EQ(screen_names(), std::vector<std::string>{"attract"});
    EXPECT_TRUE(state.shown.name.empty());

    feed(Tap{Dismiss{}});
    EXPECT_TRUE(screen_names().empty()) << "dismissing the attract screen does nothing";

    scan_and_finish("b", CheckinOutcome::OtherEvent);
    feed(Tap{Dismiss{}});
    EXPECT_EQ(state.screen, Screen::Attract);
}

TEST_F(FlowTest, LanguageSwitchAppliesToTheScreenAndRevertsOnAttract) {
    start();
    scan_and_finish("a", CheckinOutcome::CheckedIn);
    EXPECT_EQ(view().title, "ようこそ、山田 花子 さん");
    now += seconds{5};
    feed(Tap{SwitchLanguage{Language::En}});
    EXPECT_TRUE(redrew());
    EXPECT_EQ(state.language, Language::En);
    EXPECT_EQ(view().title, "Welcome, 山田 花子");
    EXPECT_EQ(view().language_button.label, "日本語");
    EXPECT_EQ(wake(), now + seconds{8}) << "someone reading gets the full time again";

    advance(seconds{8});
    EXPECT_EQ(state.screen, Screen::Attract);
    EXPECT_EQ(state.language, Language::Ja);
    EXPECT_EQ(view().title, "QRコードをカメラにかざしてください");
    EXPECT_EQ(view().language_button.label, "English");
}

TEST_F(FlowTest, ALanguageChosenOnAttractCarriesToTheNextScreenOrLapses) {
    start();
    feed(Tap{SwitchLanguage{Language::En}});
    EXPECT_EQ(view().title, "Please hold your QR code up to the camera");
    EXPECT_EQ(wake(), kStart + seconds{8});
    now += seconds{3};
    scan_and_finish("a", CheckinOutcome::CheckedIn);
    EXPECT_EQ(view().title, "Welcome, 山田 花子");
    feed(Tap{Dismiss{}});
    EXPECT_EQ(state.language, Language::Ja);

    feed(Tap{SwitchLanguage{Language::En}});
    const Instant chosen = now;
    advance(seconds{8} - milliseconds{1});
    EXPECT_EQ(state.language, Language::En);
    advance(milliseconds{1});
    EXPECT_EQ(state.language, Language::Ja) << "nobody scanned: back to the default";
    EXPECT_TRUE(redrew());
    EXPECT_EQ(now, chosen + seconds{8});
}

TEST_F(FlowTest, DefaultLanguageComesFromTheConfig) {
    FlowConfig config;
    config.default_language = Language::En;
    start(config);
    EXPECT_EQ(view().title, "Please hold your QR code up to the camera");
    EXPECT_EQ(view().other_language_lines,
              std::vector<std::string>{"QRコードをカメラにかざしてください"});
    scan_and_finish("a", CheckinOutcome::CheckedIn);
    feed(Tap{SwitchLanguage{Language::Ja}});
    feed(Tap{Dismiss{}});
    EXPECT_EQ(state.language, Language::En);
}

TEST_F(FlowTest, CameraLostAndRestoredIsShownOnAttract) {
    start();
    feed(CameraStatusChanged{false, "/dev/video0: No such device"});
    EXPECT_TRUE(redrew());
    ScreenView lost = view();
    EXPECT_TRUE(contains(lost.notices, "カメラに接続できません"));
    // The device's own words are for staff, small; never among the participant's notices.
    EXPECT_FALSE(contains(lost.notices, "/dev/video0"));
    EXPECT_TRUE(contains(lost.staff_notes, "/dev/video0: No such device"));
    EXPECT_EQ(lost.title, "QRコードをカメラにかざしてください") << "a scanner may still work";

    feed(CameraStatusChanged{false, "/dev/video0: No such device"});
    EXPECT_FALSE(redrew()) << "no change, no redraw";

    feed(Tap{SwitchLanguage{Language::En}});
    EXPECT_TRUE(contains(view().notices, "Camera not available"));

    feed(CameraStatusChanged{true, ""});
    EXPECT_TRUE(redrew());
    EXPECT_TRUE(view().notices.empty());
}

TEST_F(FlowTest, AFileThatTakesNoCheckinsIsANoticeForStaffUntilItDoes) {
    start();
    const std::string why = "/var/lib/uketsuke/event.db is read-only (…)\r\n\x1B[2J";
    feed(StoreStatusChanged{false, why});
    EXPECT_TRUE(redrew());
    ScreenView attract = view();
    EXPECT_TRUE(contains(attract.notices, "チェックインを保存できません"));
    ASSERT_EQ(attract.staff_notes.size(), 1u);
    EXPECT_EQ(attract.staff_notes[0], "/var/lib/uketsuke/event.db is read-only (…)[2J");
    EXPECT_TRUE(contains(all_texts(attract), "is read-only"));

    // A scan that fails on it sends the participant to staff, with the reason small.
    const std::uint64_t id = scan("T-1");
    CheckinFinished failed;
    failed.scan_id = id;
    failed.failed = true;
    failed.error = "/var/lib/uketsuke/event.db is read-only (attempt to write)\n";
    feed(failed);
    EXPECT_EQ(state.problem, ProblemKind::CheckinFailed);
    ScreenView problem = view();
    ASSERT_EQ(problem.staff_notes.size(), 1u);
    EXPECT_EQ(problem.staff_notes[0], "/var/lib/uketsuke/event.db is read-only (attempt to write)");
    EXPECT_TRUE(problem.notices.empty()) << "the participant's screen is the problem itself";

    feed(Tap{Dismiss{}});
    feed(StoreStatusChanged{true, ""});
    EXPECT_TRUE(redrew());
    EXPECT_TRUE(view().notices.empty());
    EXPECT_TRUE(view().staff_notes.empty());
}

TEST_F(FlowTest, ArrivedCountIsShownOnAttractInBothLanguages) {
    start();
    feed(ArrivedCountChanged{1234});
    EXPECT_TRUE(redrew());
    EXPECT_EQ(view().arrived, "1,234名 受付済み");
    feed(ArrivedCountChanged{1234});
    EXPECT_FALSE(redrew());
    feed(Tap{SwitchLanguage{Language::En}});
    EXPECT_EQ(view().arrived, "1,234 arrived");

    scan_and_finish("a", CheckinOutcome::CheckedIn);
    feed(ArrivedCountChanged{1235});
    EXPECT_FALSE(redrew()) << "not on screen during a welcome";
    EXPECT_TRUE(view().arrived.empty());
    feed(Tap{Dismiss{}});
    EXPECT_EQ(view().arrived, "1,235名 受付済み");
}

TEST_F(FlowTest, AttractHoldsNoPersonalDataAfterAWelcome) {
    start();
    scan_and_finish("UK1:secret", CheckinOutcome::AlreadyChecked);
    const std::vector<std::string> shown = all_texts(view());
    EXPECT_TRUE(contains(shown, "山田 花子"));
    EXPECT_TRUE(contains(shown, "横浜市役所"));
    advance(seconds{8});
    ASSERT_EQ(state.screen, Screen::Attract);

    const std::vector<std::string> texts = all_texts(view());
    for (const std::string_view personal : {"山田", "花子", "やまだ", "横浜市役所", "みなと",
                                            "佐藤", "10:00 開会", "09:12", "UK1:secret"}) {
        EXPECT_FALSE(contains(texts, personal)) << personal;
    }
    EXPECT_FALSE(view().table_on_map);
    EXPECT_TRUE(state.shown.name.empty());
    EXPECT_TRUE(state.shown.organization.empty());
    EXPECT_TRUE(state.shown_text.empty());
}

TEST_F(FlowTest, WelcomeViewHasTheNameGroupTableFacilitatorMapAndNextSession) {
    FlowConfig config;
    config.event_name = "防災ワークショップ";
    start(config);
    scan_and_finish("a", CheckinOutcome::CheckedIn);
    const ScreenView v = view();
    EXPECT_EQ(v.screen, Screen::Welcome);
    EXPECT_EQ(v.event_name, "防災ワークショップ");
    EXPECT_EQ(v.title, "ようこそ、山田 花子 さん");
    EXPECT_EQ(v.reading, "やまだ はなこ");
    EXPECT_EQ(v.subtitle, "横浜市役所");
    ASSERT_EQ(v.fields.size(), 4u);
    EXPECT_EQ(v.fields[0].label, "グループ");
    EXPECT_EQ(v.fields[0].value, "みなと");
    EXPECT_EQ(v.fields[1].label, "テーブル");
    EXPECT_EQ(v.fields[1].value, "C");
    EXPECT_EQ(v.fields[2].label, "ファシリテーター");
    EXPECT_EQ(v.fields[2].value, "佐藤 健");
    EXPECT_EQ(v.fields[3].label, "次のプログラム");
    EXPECT_EQ(v.fields[3].value, "10:00 開会");
    EXPECT_EQ(v.lines, std::vector<std::string>{"テーブル C へお進みください"});
    ASSERT_TRUE(v.table_on_map);
    EXPECT_DOUBLE_EQ(v.table_on_map->x, 0.25);
    EXPECT_EQ(v.table_label, "C");
    EXPECT_FALSE(v.show_preview);
    EXPECT_TRUE(v.show_close);
    EXPECT_EQ(v.close_label, "閉じる");

    feed(Tap{SwitchLanguage{Language::En}});
    const ScreenView en = view();
    EXPECT_EQ(en.fields[0].label, "Group");
    EXPECT_EQ(en.lines, std::vector<std::string>{"Please go to table C"});
    EXPECT_EQ(en.close_label, "Close");
}

TEST_F(FlowTest, WelcomeWithoutATableSaysStaffWillShowTheSeat) {
    start();
    const std::uint64_t id = scan("a");
    CheckinFinished result = result_for(id, CheckinOutcome::CheckedIn);
    result.group_name.clear();
    result.table_label.clear();
    result.facilitator.clear();
    result.next_session.clear();
    result.table_on_map.reset();
    feed(result);
    const ScreenView v = view();
    EXPECT_TRUE(v.fields.empty());
    EXPECT_EQ(v.lines, std::vector<std::string>{"お席はスタッフがご案内します"});
    EXPECT_FALSE(v.table_on_map);
}

TEST_F(FlowTest, WelcomeSaysWhereToGoInTheOtherLanguageToo) {
    start();
    scan_and_finish("a", CheckinOutcome::CheckedIn);
    const ScreenView v = view();
    EXPECT_EQ(v.title, "ようこそ、山田 花子 さん");
    EXPECT_EQ(v.other_language_lines, std::vector<std::string>{"Please go to table C"});
    EXPECT_TRUE(contains(v.lines, "テーブル C へお進みください"));
}

TEST_F(FlowTest, AFacilitatorIsToldWhichGroupTheyLead) {
    start();
    const std::uint64_t id = scan("a");
    CheckinFinished result = result_for(id, CheckinOutcome::CheckedIn);
    result.name = "佐藤 健";  // the group's facilitator, as the seating names them
    result.role = Role::Facilitator;
    feed(result);
    ScreenView v = view();
    EXPECT_TRUE(contains(v.lines, "グループ みなと のファシリテーターです"));
    for (const ViewField& field : v.fields) {
        EXPECT_NE(field.value, "佐藤 健") << "not shown their own name as the facilitator";
    }
    feed(Tap{SwitchLanguage{Language::En}});
    EXPECT_TRUE(contains(view().lines, "You are the facilitator of group みなと"));

    // Anyone else (a guest, staff, a participant) sees the table's facilitator as before.
    for (const Role role : {Role::Participant, Role::Guest, Role::Staff}) {
        now += seconds{1};
        const std::uint64_t next = scan("b" + std::to_string(static_cast<int>(role)));
        CheckinFinished other = result_for(next, CheckinOutcome::CheckedIn);
        other.role = role;
        feed(other);
        v = view();
        EXPECT_FALSE(contains(v.lines, "facilitator of group"));
        const bool shown = std::any_of(v.fields.begin(), v.fields.end(),
                                       [](const ViewField& f) { return f.value == "佐藤 健"; });
        EXPECT_TRUE(shown);
    }
}

TEST_F(FlowTest, AttractTellsPeopleWithoutACodeWhatToDo) {
    start();
    EXPECT_EQ(view().help,
              (std::vector<std::string>{"QRコードをお持ちでない方は、係員にお声がけください",
                                        "No QR code? Please ask a member of staff"}));
}

TEST_F(FlowTest, AlreadyCheckedInSaysWhenAndWhere) {
    start();
    scan_and_finish("a", CheckinOutcome::AlreadyChecked);
    ScreenView v = view();
    // Its own heading, not a second welcome; the name above it.
    EXPECT_EQ(v.title, "受付済みです");
    EXPECT_EQ(v.reading, "山田 花子 さん");
    EXPECT_EQ(v.subtitle, "横浜市役所");
    ASSERT_EQ(v.lines.size(), 2u);
    EXPECT_EQ(v.lines[0], "受付済みです（09:12・受付B）");
    EXPECT_EQ(v.lines[1], "お席はテーブル C です");
    EXPECT_EQ(v.other_language_lines,
              std::vector<std::string>{"Already checked in — Your seat is at table C"});
    feed(Tap{SwitchLanguage{Language::En}});
    v = view();
    EXPECT_EQ(v.title, "Already checked in");
    EXPECT_EQ(v.reading, "山田 花子");
    EXPECT_EQ(v.lines[0], "Already checked in at 09:12 at kiosk B");
    EXPECT_EQ(v.other_language_lines,
              std::vector<std::string>{"受付済みです — お席はテーブル C です"});

    // Typed in at the organizer's desk: the staff's, not kiosk "cli".
    now += seconds{1};
    const std::uint64_t desk = scan("c");
    CheckinFinished at_desk = result_for(desk, CheckinOutcome::AlreadyChecked);
    at_desk.kiosk = std::string(kDeskKioskId);
    feed(at_desk);
    EXPECT_EQ(view().lines[0], "Already checked in at 09:12 by the staff");
    feed(Tap{SwitchLanguage{Language::Ja}});
    EXPECT_EQ(view().lines[0], "受付済みです（09:12・受付 (スタッフ)）");
    feed(Tap{SwitchLanguage{Language::En}});

    now += seconds{1};
    const std::uint64_t id = scan("b");
    CheckinFinished result = result_for(id, CheckinOutcome::AlreadyChecked);
    result.kiosk.clear();
    feed(result);
    EXPECT_EQ(view().lines[0], "Already checked in at 09:12");
}

TEST_F(FlowTest, DetailsPendingWelcomesWithoutDetailsInBothLanguages) {
    start();
    scan_and_finish("a", CheckinOutcome::DetailsPending);
    const ScreenView v = view();
    EXPECT_EQ(v.title, "ようこそ。ご登録内容を確認中です");
    EXPECT_EQ(v.lines, std::vector<std::string>{"お席は受付のスタッフにお尋ねください"});
    EXPECT_EQ(
        v.other_language_lines,
        (std::vector<std::string>{"Welcome. Your details are pending",
                                  "Please ask the staff at the reception desk for your table"}));
}

TEST_F(FlowTest, ProblemsSayWhatToDoNextInBothLanguages) {
    struct Case {
        CheckinOutcome outcome;
        TicketStatus status;
        std::string ja_title;
        std::string en_next;
    };
    const std::vector<Case> cases = {
        {CheckinOutcome::UnknownCode, TicketStatus::NotATicket, "このコードは登録されていません",
         "Please see the staff at the reception desk"},
        {CheckinOutcome::OtherEvent, TicketStatus::OtherEvent, "別のイベントのチケットです",
         "Please check the event name and date on your ticket, or see the staff at the reception "
         "desk"},
        {CheckinOutcome::Cancelled, TicketStatus::Valid, "このお申し込みはキャンセルされています",
         "Please see the staff at the reception desk"},
        {CheckinOutcome::NotATicket, TicketStatus::NotATicket, "受付用のQRコードではありません",
         "Please hold up the QR code on your ticket"},
        {CheckinOutcome::InvalidTicket, TicketStatus::BadSignature,
         "このチケットは確認できませんでした", "Please see the staff at the reception desk"},
        {CheckinOutcome::InvalidTicket, TicketStatus::Truncated,
         "QRコードを最後まで読み取れませんでした",
         "Please hold it up again so the whole code is in view"},
        {CheckinOutcome::InvalidTicket, TicketStatus::Revoked,
         "このチケットは再発行により無効になっています",
         "Please show your latest ticket, or see the staff at the reception desk"},
        {CheckinOutcome::InvalidTicket, TicketStatus::UnknownVersion,
         "この受付機では読み取れない形式のチケットです",
         "Please see the staff at the reception desk"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.ja_title);
        now = kStart;
        start();
        const std::uint64_t id = scan("x");
        CheckinFinished result = result_for(id, c.outcome);
        result.ticket_status = c.status;
        feed(result);
        const ScreenView v = view();
        EXPECT_EQ(v.screen, Screen::Problem);
        EXPECT_EQ(v.title, c.ja_title);
        ASSERT_EQ(v.lines.size(), 1u);
        ASSERT_EQ(v.other_language_lines.size(), 2u);
        EXPECT_EQ(v.other_language_lines[1], c.en_next);
        EXPECT_TRUE(v.fields.empty());
        EXPECT_TRUE(v.show_close);
    }
    // And when the participant switched to English, Japanese is the other language.
    feed(Tap{SwitchLanguage{Language::En}});
    EXPECT_EQ(view().lines, std::vector<std::string>{"Please see the staff at the reception desk"});
    EXPECT_EQ(view().other_language_lines[1], "受付でスタッフにお声がけください");
}

TEST_F(FlowTest, NameDisplayModes) {
    struct Case {
        NameDisplay mode;
        std::string name;
        Language language;
        std::string title;
    };
    const std::vector<Case> cases = {
        {NameDisplay::FullName, "山田 花子", Language::Ja, "ようこそ、山田 花子 さん"},
        {NameDisplay::GivenNameOnly, "山田 花子", Language::Ja, "ようこそ、花子 さん"},
        {NameDisplay::GivenNameOnly, "山田\u3000花子", Language::Ja, "ようこそ、花子 さん"},
        {NameDisplay::GivenNameOnly, "Alice Smith", Language::En, "Welcome, Alice"},
        {NameDisplay::GivenNameOnly, "Alice Smith", Language::Ja, "ようこそ、Alice さん"},
        {NameDisplay::FullName, "Alice Smith", Language::En, "Welcome, Alice Smith"},
        {NameDisplay::None, "山田 花子", Language::Ja, "ようこそ"},
        {NameDisplay::None, "Alice Smith", Language::En, "Welcome"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.title);
        now = kStart;
        FlowConfig config;
        config.name_display = c.mode;
        config.default_language = c.language;
        start(config);
        const std::uint64_t id = scan("a");
        CheckinFinished result = result_for(id, CheckinOutcome::CheckedIn);
        result.name = c.name;
        feed(result);
        const ScreenView v = view();
        EXPECT_EQ(v.title, c.title);
        if (c.mode == NameDisplay::None) {
            EXPECT_TRUE(v.reading.empty());
            EXPECT_TRUE(v.subtitle.empty()) << "no organization either";
        }
    }
}

TEST(FlowNames, ScreenNamesAndConfigNames) {
    EXPECT_EQ(screen_name(Screen::Attract, ProblemKind::Cancelled), "attract");
    EXPECT_EQ(screen_name(Screen::Problem, ProblemKind::CheckinFailed), "problem.checkin_failed");
    for (const NameDisplay mode :
         {NameDisplay::FullName, NameDisplay::GivenNameOnly, NameDisplay::None}) {
        EXPECT_EQ(name_display_from_string(to_string(mode)), mode);
    }
    EXPECT_FALSE(name_display_from_string("nickname"));
}

TEST_F(FlowTest, AClockSteppedBackRestartsTimersInsteadOfFreezingTheScreen) {
    start();
    scan_and_finish("a", CheckinOutcome::CheckedIn);
    now -= std::chrono::hours{1};
    feed(Tick{});
    EXPECT_EQ(state.screen, Screen::Welcome);
    EXPECT_EQ(state.clock, "08:42");
    EXPECT_EQ(wake(), now + seconds{8});
    advance(seconds{8});
    EXPECT_EQ(state.screen, Screen::Attract);
}

TEST_F(FlowTest, EveryStepEndsWithExactlyOneWake) {
    start();
    const std::vector<FlowEvent> events = {ScanRead{"a", CheckinMethod::Camera, now},
                                           Tick{},
                                           Tap{SwitchLanguage{Language::En}},
                                           CameraStatusChanged{false, "x"},
                                           StoreStatusChanged{false, "y"},
                                           ArrivedCountChanged{3},
                                           Tap{Dismiss{}}};
    for (const FlowEvent& event : events) {
        feed(event);
        EXPECT_EQ(effects_of<ScheduleWake>(effects).size(), 1u);
        EXPECT_TRUE(std::holds_alternative<ScheduleWake>(effects.back()));
        EXPECT_GT(wake(), now);
    }
}

TEST(FlowCheckinFinished, FilledFromTheCheckinResult) {
    CheckinResult result;
    result.outcome = CheckinOutcome::AlreadyChecked;
    Participant participant;
    participant.name = "山田 花子";
    participant.reading = "やまだ はなこ";
    participant.organization = "横浜市役所";
    result.participant = participant;
    CheckinRecord earlier;
    earlier.kiosk = "B";
    earlier.wall_ms = 1'795'912'925'000;  // 09:42:05 in Tokyo
    result.earlier = earlier;
    Group group;
    group.name = "みなと";
    group.table_label = "C";
    group.facilitator = "佐藤 健";
    group.map_x = 0.5;
    group.map_y = 0.25;

    const CheckinFinished finished = make_checkin_finished(7, result, group, "Asia/Tokyo");
    EXPECT_EQ(finished.scan_id, 7u);
    EXPECT_EQ(finished.outcome, CheckinOutcome::AlreadyChecked);
    EXPECT_EQ(finished.name, "山田 花子");
    EXPECT_EQ(finished.reading, "やまだ はなこ");
    EXPECT_EQ(finished.organization, "横浜市役所");
    EXPECT_EQ(finished.group_name, "みなと");
    EXPECT_EQ(finished.table_label, "C");
    EXPECT_EQ(finished.facilitator, "佐藤 健");
    EXPECT_EQ(finished.role, Role::Participant);
    ASSERT_TRUE(finished.table_on_map);
    EXPECT_DOUBLE_EQ(finished.table_on_map->y, 0.25);
    EXPECT_EQ(finished.checked_in_at, "09:42");
    EXPECT_EQ(finished.kiosk, "B");

    result.outcome = CheckinOutcome::Cancelled;
    result.ticket_status = TicketStatus::Valid;
    const CheckinFinished cancelled = make_checkin_finished(8, result, group, "Asia/Tokyo");
    EXPECT_EQ(cancelled.outcome, CheckinOutcome::Cancelled);
    EXPECT_TRUE(cancelled.name.empty()) << "problems carry no personal data";
    EXPECT_TRUE(cancelled.group_name.empty());

    result.outcome = CheckinOutcome::InvalidTicket;
    result.ticket_status = TicketStatus::Truncated;
    EXPECT_EQ(make_checkin_finished(9, result, std::nullopt, "").ticket_status,
              TicketStatus::Truncated);
}

}  // namespace
}  // namespace uketsuke::ui

namespace uketsuke::ui {
namespace {

TEST_F(FlowTest, AStaffTicketLeavesTheParticipantScreensOnAttractSilently) {
    start();
    const std::uint64_t id = scan("UK1:staff");
    ASSERT_NE(id, 0u);
    const std::uint64_t queued = scan("UK1:next-person");  // read meanwhile: waits its turn
    EXPECT_EQ(queued, 0u);
    CheckinFinished staff_ticket;
    staff_ticket.scan_id = id;
    staff_ticket.staff_ticket = true;
    feed(staff_ticket);
    EXPECT_EQ(state.screen, Screen::Attract);
    EXPECT_TRUE(sounds().empty());
    EXPECT_TRUE(screen_names().empty());
    // The queued scan goes on to the check-in.
    const auto submitted = effects_of<SubmitScan>(effects);
    ASSERT_EQ(submitted.size(), 1u);
    EXPECT_EQ(submitted[0].text, "UK1:next-person");
}

}  // namespace
}  // namespace uketsuke::ui
