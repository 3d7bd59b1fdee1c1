// The scripted finger (kiosk/ui/views/tap_script.hpp): parsing with file:line errors, and the
// hover / press / release frames of a tap, a hold and typing.

#include "kiosk/ui/views/tap_script.hpp"

#include <gtest/gtest.h>

namespace uketsuke::ui {
namespace {

using namespace std::chrono_literals;
using Clock = TapScript::Clock;

TEST(TapScriptParse, ReadsEveryCommandAndNamesTheBadLine) {
    const ScriptLoad load = parse_tap_script(
        "# staff mode\n  hold 0.01 0.99 2.5\ntap 検索\ntap OK #2\ntype やまだ\nscan UK1:x\nshot "
        "a\nwait 0.5\nexit\n",
        "s.txt");
    ASSERT_TRUE(load.error.empty()) << load.error;
    ASSERT_EQ(load.commands.size(), 8u);
    EXPECT_EQ(load.commands[0].kind, ScriptCommand::Kind::Hold);
    EXPECT_DOUBLE_EQ(load.commands[0].y, 0.99);
    EXPECT_DOUBLE_EQ(load.commands[0].seconds, 2.5);
    EXPECT_EQ(load.commands[1].text, "検索");
    EXPECT_EQ(load.commands[2].text, "OK");
    EXPECT_EQ(load.commands[2].occurrence, 2);
    EXPECT_EQ(load.commands[3].text, "やまだ");
    EXPECT_EQ(load.commands[3].keys, (std::vector<std::string>{"や", "ま", "た", "゛゜"}));
    EXPECT_EQ(parse_tap_script("type ぱダ\n", "s").commands[0].keys,
              (std::vector<std::string>{"は", "゛゜", "゛゜", "タ", "゛゜"}));
    EXPECT_EQ(load.commands[6].line, 8);
    EXPECT_EQ(parse_tap_script("wait\n", "s.txt").error, "s.txt:1: \"\" is not a number");
    EXPECT_EQ(parse_tap_script("\n\njump 3\n", "s.txt")
                  .error.rfind("s.txt:3: unknown command \"jump\"", 0),
              0u);
    EXPECT_EQ(parse_tap_script("hold 1 2\n", "s.txt").error, "s.txt:1: hold needs X Y SECONDS");
}

std::vector<DrawnButton> buttons() {
    return {{"検索", ImVec2(100, 100), ImVec2(200, 140), "tab.search"},
            {"や", ImVec2(0, 300), ImVec2(50, 350), "key"},
            {"ま", ImVec2(50, 300), ImVec2(100, 350), "key"},
            {"OK", ImVec2(300, 0), ImVec2(340, 40), "ok"},
            {"OK", ImVec2(400, 0), ImVec2(440, 40), "ok"}};
}

// Runs the script frame by frame (20 ms apart) and records the pointer of every frame.
std::vector<ScriptPointer> play(TapScript& script, Clock::time_point& now, int frames) {
    std::vector<ScriptPointer> seen;
    for (int i = 0; i < frames && !script.finished(); ++i) {
        const ScriptOutput out = script.advance(now, buttons(), 1000, 500);
        EXPECT_TRUE(out.error.empty()) << out.error;
        if (out.pointer) seen.push_back(*out.pointer);
        now += 20ms;
    }
    return seen;
}

TEST(TapScriptPlay, ATapHoversPressesAndReleasesOnTheButtonsCentre) {
    TapScript script(parse_tap_script("tap OK #2\n", "s").commands);
    Clock::time_point now{};
    const auto seen = play(script, now, 50);
    ASSERT_TRUE(script.finished());
    ASSERT_GE(seen.size(), 3u);
    EXPECT_FLOAT_EQ(seen.front().x, 420);
    EXPECT_FLOAT_EQ(seen.front().y, 20);
    EXPECT_FALSE(seen.front().down);
    EXPECT_TRUE(
        std::any_of(seen.begin(), seen.end(), [](const ScriptPointer& p) { return p.down; }));
    EXPECT_FALSE(seen.back().down);
}

TEST(TapScriptPlay, TypingPressesEachKeyInTurn) {
    TapScript script(parse_tap_script("type やま\n", "s").commands);
    Clock::time_point now{};
    const auto seen = play(script, now, 100);
    ASSERT_TRUE(script.finished());
    std::vector<float> presses;
    for (std::size_t i = 1; i < seen.size(); ++i) {
        if (seen[i].down && !seen[i - 1].down) presses.push_back(seen[i].x);
    }
    EXPECT_EQ(presses, (std::vector<float>{25, 75}));
}

TEST(TapScriptPlay, AHoldKeepsThePointerDownForItsTime) {
    TapScript script(parse_tap_script("hold 0.01 0.99 1\n", "s").commands);
    Clock::time_point now{};
    int down_frames = 0;
    ScriptPointer last;
    while (!script.finished()) {
        const auto out = script.advance(now, {}, 1000, 500);
        if (out.pointer && out.pointer->down) ++down_frames;
        if (out.pointer) last = *out.pointer;
        now += 100ms;
    }
    EXPECT_GE(down_frames, 10);
    EXPECT_FLOAT_EQ(last.x, 10);
    EXPECT_FLOAT_EQ(last.y, 495);
    EXPECT_FALSE(last.down);
}

TEST(TapScriptPlay, AMissingButtonIsAnErrorAfterTwentySeconds) {
    TapScript script(parse_tap_script("tap 存在しない\n", "s").commands);
    Clock::time_point now{};
    EXPECT_TRUE(script.advance(now, buttons(), 100, 100).error.empty());
    now += 19s;  // still waiting: the work before the button may be slow on a loaded machine
    EXPECT_TRUE(script.advance(now, buttons(), 100, 100).error.empty());
    now += 2s;
    const auto out = script.advance(now, buttons(), 100, 100);
    EXPECT_EQ(out.error, "line 1: no button labelled \"存在しない\" on the screen");
    EXPECT_TRUE(out.finished);
}

TEST(TapScriptPlay, ShotsScansAndExitComeOutInOrder) {
    TapScript script(parse_tap_script("scan A\nshot one\nshot two\nexit\n", "s").commands);
    Clock::time_point now{};
    ScriptOutput first = script.advance(now, {}, 100, 100);
    EXPECT_EQ(first.scans, std::vector<std::string>{"A"});
    EXPECT_EQ(first.screenshot, "one");
    EXPECT_FALSE(first.exit);
    ScriptOutput second = script.advance(now, {}, 100, 100);
    EXPECT_EQ(second.screenshot, "two");
    EXPECT_FALSE(second.exit);  // the screenshot's frame comes first
    ScriptOutput third = script.advance(now, {}, 100, 100);
    EXPECT_TRUE(third.exit);
    EXPECT_TRUE(third.finished);
}

}  // namespace
}  // namespace uketsuke::ui
