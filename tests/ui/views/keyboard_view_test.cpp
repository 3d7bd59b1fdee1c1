// The keyboard drawn with ImGui (kiosk/ui/views/keyboard_view.hpp): taps on the drawn keys.

#include "kiosk/ui/views/keyboard_view.hpp"

#include <gtest/gtest.h>
#include <imgui.h>

#include <cstdio>
#include <cstdlib>

#include "ui/screens/keyboard_keys.hpp"
#include "ui/views/headless_imgui.hpp"

namespace uketsuke::ui {
namespace {

using testing::kana_state;
using testing::key_of;
using testing::switch_key;

// ImGui with no window and no renderer: a font atlas, frames, and a mouse we move.
class HeadlessImGui {
public:
    std::optional<Key> frame(const KeyboardState& state, ImVec2 mouse, bool down) {
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = mouse;
        io.MouseDown[0] = down;
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(io.DisplaySize);
        ImGui::Begin("keyboard test", nullptr,
                     ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove);
        auto key = draw_keyboard(state, ImVec2(0, 360), ImVec2(1280, 360));
        ImGui::End();
        ImGui::Render();
        return key;
    }

    // Hover, press, release over the key: ImGui reports the tap on release.
    std::optional<Key> tap(const KeyboardState& state, const Key& wanted) {
        for (const PlacedKey& placed :
             place_keys(state.layout, ImVec2(0, 360), ImVec2(1280, 360))) {
            if (!(placed.key == wanted)) continue;
            const ImVec2 centre(placed.at.x + placed.size.x / 2, placed.at.y + placed.size.y / 2);
            if (frame(state, centre, false) || frame(state, centre, true)) return std::nullopt;
            return frame(state, centre, false);
        }
        return std::nullopt;
    }

private:
    testing::HeadlessContext context_;
};

// Debian's ImGui aborts on a misuse assertion: drawing runs in a child process, so such a
// mistake fails this test alone instead of ending kiosk_tests.
int tap_a_reading() {
    HeadlessImGui imgui;
    KeyboardState state = kana_state();
    int failures = 0;
    auto check = [&failures](bool ok, const char* what) {
        if (!ok) {
            std::fprintf(stderr, "failed: %s\n", what);
            ++failures;
        }
    };
    // A frame with the mouse away from the keyboard taps nothing.
    check(!imgui.frame(state, ImVec2(10, 10), false) && !imgui.frame(state, ImVec2(10, 10), true) &&
              !imgui.frame(state, ImVec2(10, 10), false),
          "no tap outside the keys");
    for (const Key& key : {key_of(KeyboardLayout::Kana, KeyKind::Character, "や"),
                           key_of(KeyboardLayout::Kana, KeyKind::Character, "ま"),
                           key_of(KeyboardLayout::Kana, KeyKind::Character, "た"),
                           key_of(KeyboardLayout::Kana, KeyKind::Voicing)}) {
        const auto tapped = imgui.tap(state, key);
        check(tapped.has_value() && *tapped == key, "the tapped key is reported");
        if (tapped) (void)press(state, *tapped);
    }
    check(state.text == "やまだ", "taps type やまだ");
    const auto to_latin = imgui.tap(state, switch_key(KeyboardLayout::Kana, KeyboardLayout::Latin));
    check(to_latin && press(state, *to_latin).layout_changed, "ABC switches the layout");
    const auto letter = imgui.tap(state, key_of(KeyboardLayout::Latin, KeyKind::Character, "k"));
    check(letter && press(state, *letter).text_changed && state.text == "やまだk",
          "Latin keys after the switch");
    const auto done = imgui.tap(state, key_of(KeyboardLayout::Latin, KeyKind::Done));
    check(done && press(state, *done).done, "Done is reported");
    return failures;
}

TEST(KeyboardDrawing, TapsOnTheDrawnKeysTypeText) {
    EXPECT_EXIT(std::exit(tap_a_reading() == 0 ? 0 : 1), ::testing::ExitedWithCode(0), "");
}

}  // namespace
}  // namespace uketsuke::ui
