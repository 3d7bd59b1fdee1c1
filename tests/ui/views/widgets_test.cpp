// The drawn-buttons registry (kiosk/ui/views/widgets.hpp): what a tap script finds is the
// buttons of the frame just drawn, held by whoever draws, not left over from another frame or
// another ImGui context.

#include "kiosk/ui/views/widgets.hpp"

#include <gtest/gtest.h>
#include <imgui.h>

#include <memory>
#include <string>
#include <vector>

#include "ui/views/headless_imgui.hpp"

namespace uketsuke::ui {
namespace {

// One frame with a button labelled `label` at (100, 50), 200×80; `drawn` may be null.
void frame_with_button(DrawnButtons* drawn, const std::string& label) {
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
    ImGui::Begin("widgets test", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove);
    (void)touch_button("ok", label, ImVec2(100, 50), ImVec2(200, 80), ImGui::GetFont(), kPaper,
                       kInk, drawn);
    ImGui::End();
    ImGui::Render();
}

void empty_frame() {
    ImGui::NewFrame();
    ImGui::Render();
}

TEST(DrawnButtons, HoldTheButtonsOfTheFrameJustDrawn) {
    testing::HeadlessContext context;
    ASSERT_TRUE(context.built());
    DrawnButtons drawn;
    EXPECT_TRUE(drawn.buttons().empty());
    frame_with_button(&drawn, "OK");
    const std::vector<DrawnButton> buttons = drawn.buttons();
    ASSERT_EQ(buttons.size(), 1u);
    EXPECT_EQ(buttons[0].label, "OK");
    EXPECT_EQ(buttons[0].id, "ok");
    EXPECT_FLOAT_EQ(buttons[0].min.x, 100);
    EXPECT_FLOAT_EQ(buttons[0].min.y, 50);
    EXPECT_FLOAT_EQ(buttons[0].max.x, 300);
    EXPECT_FLOAT_EQ(buttons[0].max.y, 130);
    frame_with_button(&drawn, "検索");
    ASSERT_EQ(drawn.buttons().size(), 1u) << "a new frame forgets the last one's buttons";
    EXPECT_EQ(drawn.buttons()[0].label, "検索");
    empty_frame();
    EXPECT_TRUE(drawn.buttons().empty()) << "a frame that drew none has none";
}

TEST(DrawnButtons, BelongToWhoeverDrawsNotToTheProcess) {
    DrawnButtons first;
    {
        testing::HeadlessContext context;
        frame_with_button(&first, "OK");
        frame_with_button(nullptr, "not noted");
        EXPECT_TRUE(first.buttons().empty()) << "a button drawn without a registry is not noted";
        frame_with_button(&first, "OK");
        EXPECT_EQ(first.buttons().size(), 1u);
    }
    EXPECT_TRUE(first.buttons().empty()) << "no ImGui context, no buttons";
    testing::HeadlessContext next;
    DrawnButtons second;
    EXPECT_TRUE(second.buttons().empty());
    frame_with_button(&second, "OK");
    EXPECT_EQ(second.buttons().size(), 1u);
}

}  // namespace
}  // namespace uketsuke::ui
