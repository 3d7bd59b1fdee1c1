#include "kiosk/ui/views/start_problem_view.hpp"

#include <imgui.h>

#include <algorithm>

#include "kiosk/ui/views/widgets.hpp"

namespace uketsuke::ui {

void draw_start_problem(const StartProblemView& view, const ViewFonts& fonts) {
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::ColorConvertU32ToFloat4(kProblemBack));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0);
    ImGui::Begin("start problem", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                     ImGuiWindowFlags_NoScrollWithMouse);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float w = io.DisplaySize.x;
    const float h = io.DisplaySize.y;
    const float side = std::min(w, h);
    const float margin = side * 0.05f;
    const float width = w - margin * 2;
    const float center_x = w / 2;

    // A red band where the event's name would be: this kiosk is not taking check-ins.
    const float bar = side * 0.05f;
    draw->AddRectFilled(ImVec2(0, 0), ImVec2(w, bar), kProblem);

    float y = bar + margin * 1.5f;
    bool first = true;
    for (const auto& language : view.languages) {
        // The first language leads; the second follows a little smaller.
        ImFont* title_font = first ? fonts.large : fonts.body;
        y = centered_text(draw, title_font, language.title, center_x, y, width, kProblem);
        y += margin / 3;
        y = centered_text(draw, fonts.body, language.next, center_x, y, width, kInk);
        y += margin * 1.2f;
        first = false;
    }

    // For whoever fixes it: which file and what the system said, at the bottom.
    ImFont* small = fonts.small != nullptr ? fonts.small : fonts.body;
    y = std::max(y, h * 0.62f);
    y = centered_text(draw, small, view.file, center_x, y, width, kMuted);
    y = centered_text(draw, small, view.detail, center_x, y + margin / 4, width, kMuted);
    centered_text(draw, small, view.retrying, center_x, y + margin / 2, width, kMuted);

    ImGui::End();
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor();
}

}  // namespace uketsuke::ui
