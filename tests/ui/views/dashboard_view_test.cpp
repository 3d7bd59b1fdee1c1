#include "kiosk/ui/views/dashboard_view.hpp"

#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "ui/views/headless_imgui.hpp"

namespace uketsuke::ui {
namespace {

constexpr std::int64_t kNineAm = 1795996800000;  // 2026-11-30 09:00 Asia/Tokyo

// A made-up dashboard: `groups` groups, three kiosks, a morning of arrivals, and a capped
// not-arrived list of `missing` people, some with long names, no group or no organization.
Dashboard fixture(int groups, int missing = 230, std::size_t cap = kNotArrivedCap) {
    Dashboard d;
    d.built_at_ms = kNineAm + 95 * 60'000;
    d.time_zone = "Asia/Tokyo";
    d.overall = Turnout{412, 412 + missing};
    d.walk_ins = 3;
    d.details_pending = 1;
    for (int g = 0; g < groups; ++g) {
        const int expected = 8 + g % 5;
        d.groups.push_back(GroupTurnout{
            "g" + std::to_string(g),
            g % 7 == 3 ? "A group with a very long name indeed" : "Group " + std::to_string(g),
            "T" + std::to_string(g + 1), expected % 4 == 0 ? 0 : expected, expected, 10});
    }
    d.ungrouped = Turnout{2, 5};
    for (int o = 0; o < 30; ++o) {
        d.organizations.push_back(
            OrganizationTurnout{o == 4 ? "" : "Organization " + std::to_string(o), o % 6, 6});
    }
    for (const char* kiosk : {"door-east", "door-west", ""}) {
        d.kiosks.push_back(KioskCheckins{kiosk, 137, 12, 125});
    }
    for (std::size_t i = 0; i < static_cast<std::size_t>(missing) && i < cap; ++i) {
        d.not_arrived.push_back(
            NotArrivedPerson{"p" + std::to_string(i),
                             i % 9 == 0 ? "Someone with a name far too long for one row"
                                        : "Person " + std::to_string(i),
                             "reading " + std::to_string(i), i % 4 == 0 ? "" : "City of Aoba",
                             i % 3 == 0 ? "" : "Group 2"});
    }
    d.not_arrived_total = missing;
    for (int b = 0; b < 20; ++b) {
        d.arrivals.push_back(
            ArrivalBucket{kNineAm + b * kArrivalBucketMs, "09:" + std::to_string(b), (b * 7) % 23});
    }
    d.latest_arrival_ms = kNineAm + 94 * 60'000;
    d.latest_arrival = "10:34";
    return d;
}

DashboardLabels english() {
    DashboardLabels l;
    l.arrived = "Arrived";
    l.groups = "Groups";
    l.organizations = "Organizations";
    l.kiosks = "Kiosks";
    l.not_arrived = "Not yet arrived";
    l.arrivals_per_5_minutes = "Arrivals per 5 minutes";
    l.latest_arrival = "Last arrival";
    l.self_checkin = "self";
    l.staff_checkin = "by staff";
    l.walk_ins = "Walk-ins";
    l.details_pending = "Details pending";
    l.no_group = "No group";
    l.no_organization = "No organization";
    l.unnamed_kiosk = "Other";
    l.more = "{count} more";
    return l;
}

class DashboardView : public ::testing::Test {
protected:
    void SetUp() override {
        context_ = std::make_unique<testing::HeadlessContext>();
        ASSERT_TRUE(context_->built());
        style_.small = context_->fonts().small;
        style_.body = context_->fonts().body;
        style_.large = context_->fonts().large;
    }

    void TearDown() override { context_.reset(); }

    // One frame of a staff screen holding the dashboard with a margin around it.
    const ImDrawData& frame(const Dashboard& data, ImVec2 display, const DashboardLabels& labels,
                            const DashboardStyle& style) {
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = display;
        io.DeltaTime = 1.0f / 60.0f;
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(display);
        ImGui::Begin("staff", nullptr,
                     ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                         ImGuiWindowFlags_NoSavedSettings);
        draw_dashboard(data, labels, ImVec2(kMargin, kMargin),
                       ImVec2(display.x - 2 * kMargin, display.y - 2 * kMargin), style);
        ImGui::End();
        ImGui::Render();
        return *ImGui::GetDrawData();
    }

    const ImDrawData& frame(const Dashboard& data, ImVec2 display) {
        return frame(data, display, english(), style_);
    }

    // The dashboard's scrolling lists: children of the staff window drawn this frame.
    static std::vector<ImGuiWindow*> lists() {
        std::vector<ImGuiWindow*> found;
        for (ImGuiWindow* window : ImGui::GetCurrentContext()->Windows) {
            if ((window->Flags & ImGuiWindowFlags_ChildWindow) && window->Active)
                found.push_back(window);
        }
        return found;
    }

    static constexpr float kMargin = 16;
    std::unique_ptr<testing::HeadlessContext> context_;
    DashboardStyle style_;
};

void expect_drawn(const ImDrawData& draw_data) {
    ASSERT_TRUE(draw_data.Valid);
    EXPECT_GT(draw_data.TotalVtxCount, 0);
    for (int i = 0; i < draw_data.CmdListsCount; ++i) {
        // 16-bit indices with no vertex-offset backend: one list must stay under 65,536.
        EXPECT_LT(draw_data.CmdLists[i]->VtxBuffer.Size, 1 << 16)
            << draw_data.CmdLists[i]->_OwnerName;
    }
}

TEST_F(DashboardView, DrawsZeroOneAndFortyGroupsInBothOrientations) {
    for (const ImVec2 display : {ImVec2(1280, 720), ImVec2(720, 1280)}) {
        for (const int groups : {0, 1, 40}) {
            SCOPED_TRACE(std::to_string(groups) + " groups on " +
                         std::to_string(static_cast<int>(display.x)) + "x" +
                         std::to_string(static_cast<int>(display.y)));
            expect_drawn(frame(fixture(groups), display));
            // Every list lies inside the screen, and no two overlap.
            const auto children = lists();
            EXPECT_EQ(children.size(), 4u);  // kiosks, organizations, groups, not arrived
            for (const ImGuiWindow* a : children) {
                const ImRect box = a->Rect();
                EXPECT_GE(box.Min.x, kMargin - 0.5f) << a->Name;
                EXPECT_GE(box.Min.y, kMargin - 0.5f) << a->Name;
                EXPECT_LE(box.Max.x, display.x - kMargin + 0.5f) << a->Name;
                EXPECT_LE(box.Max.y, display.y - kMargin + 0.5f) << a->Name;
                EXPECT_GT(box.GetHeight(), style_.body->FontSize)
                    << a->Name << ": too short to show a row";
                for (const ImGuiWindow* b : children) {
                    if (a != b) {
                        EXPECT_FALSE(box.Overlaps(b->Rect())) << a->Name << " overlaps " << b->Name;
                    }
                }
            }
        }
    }
}

TEST_F(DashboardView, FortyGroupsScrollInsteadOfSpilling) {
    // ImGui learns a window's content size in one frame and scrolls by it in the next.
    frame(fixture(40), ImVec2(1280, 720));
    frame(fixture(40), ImVec2(1280, 720));
    bool scrolls = false;
    for (const ImGuiWindow* list : lists()) {
        if (std::string(list->Name).find("dashboard_groups") != std::string::npos) {
            scrolls = list->ScrollMax.y > 0;
        }
    }
    EXPECT_TRUE(scrolls);
}

TEST_F(DashboardView, EmptyDashboardNoLabelsNoFontsIsFine) {
    expect_drawn(frame(Dashboard{}, ImVec2(1280, 720), DashboardLabels{}, DashboardStyle{}));
    expect_drawn(frame(Dashboard{}, ImVec2(720, 1280), DashboardLabels{}, DashboardStyle{}));
    // A box too small for anything still draws the frame around it, and nothing breaks.
    expect_drawn(frame(fixture(40), ImVec2(120, 90)));
    expect_drawn(frame(fixture(40), ImVec2(90, 120)));
}

TEST_F(DashboardView, ManyBucketsKeepTheLatestThatFit) {
    Dashboard d = fixture(6);
    d.arrivals.clear();
    for (int b = 0; b < static_cast<int>(kDashboardBuckets); ++b) {
        d.arrivals.push_back(
            ArrivalBucket{kNineAm + b * kArrivalBucketMs, "t", b == 100 ? 40 : b % 5});
    }
    expect_drawn(frame(d, ImVec2(1280, 720)));
    expect_drawn(frame(d, ImVec2(720, 1280)));
}

TEST_F(DashboardView, AFingerDragScrollsTheNotArrivedList) {
    const Dashboard d = fixture(6);
    ImGuiIO& io = ImGui::GetIO();
    // Right column in landscape: the not-arrived list.
    const ImVec2 start(1100, 500);
    io.MousePos = start;
    io.MouseDown[0] = false;
    frame(d, ImVec2(1280, 720));
    io.MouseDown[0] = true;
    for (int step = 0; step <= 10; ++step) {
        io.MousePos = ImVec2(start.x, start.y - static_cast<float>(step) * 30);
        frame(d, ImVec2(1280, 720));
    }
    io.MouseDown[0] = false;
    frame(d, ImVec2(1280, 720));
    float scrolled = -1;
    for (const ImGuiWindow* list : lists()) {
        if (std::string(list->Name).find("dashboard_not_arrived") != std::string::npos)
            scrolled = list->Scroll.y;
    }
    EXPECT_GT(scrolled, 200.0f);
}

// Text in the dashboard's lists that a list's edge cuts through: glyph triangles (those not
// drawn with the atlas's white pixel) that reach across the top or bottom of their clip rect.
std::vector<std::string> rows_cut_by_their_list(const ImDrawData& draw_data) {
    const ImVec2 white = ImGui::GetIO().Fonts->TexUvWhitePixel;
    std::vector<std::string> cut;
    for (int l = 0; l < draw_data.CmdListsCount; ++l) {
        const ImDrawList* list = draw_data.CmdLists[l];
        if (std::string(list->_OwnerName).find("##dashboard_") == std::string::npos) continue;
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            for (unsigned int i = 0; i + 2 < cmd.ElemCount; i += 3) {
                float top = 1e9f, bottom = -1e9f;
                bool glyph = false;
                for (unsigned int k = 0; k < 3; ++k) {
                    const ImDrawVert& v = list->VtxBuffer[list->IdxBuffer[cmd.IdxOffset + i + k]];
                    glyph = glyph || v.uv.x != white.x || v.uv.y != white.y;
                    top = std::min(top, v.pos.y);
                    bottom = std::max(bottom, v.pos.y);
                }
                const bool across_top =
                    top < cmd.ClipRect.y - 0.5f && bottom > cmd.ClipRect.y + 0.5f;
                const bool across_bottom =
                    top < cmd.ClipRect.w - 0.5f && bottom > cmd.ClipRect.w + 0.5f;
                const std::string where = std::string(list->_OwnerName) + " at y " +
                                          std::to_string(static_cast<int>(top));
                if (glyph && (across_top || across_bottom) &&
                    std::find(cut.begin(), cut.end(), where) == cut.end()) {
                    cut.push_back(where);
                }
            }
        }
    }
    return cut;
}

TEST_F(DashboardView, ListsShowWholeRowsAtRestAndAfterAFingerLetsGo) {
    ImGuiIO& io = ImGui::GetIO();
    for (const ImVec2 display : {ImVec2(1280, 800), ImVec2(1280, 720), ImVec2(1024, 600),
                                 ImVec2(800, 1280), ImVec2(1920, 1080)}) {
        const std::string size = std::to_string(static_cast<int>(display.x)) + "x" +
                                 std::to_string(static_cast<int>(display.y));
        SCOPED_TRACE(size);
        const Dashboard d = fixture(40);
        io.MouseDown[0] = false;
        io.MousePos = ImVec2(-1, -1);
        frame(d, display);
        EXPECT_EQ(rows_cut_by_their_list(frame(d, display)), std::vector<std::string>{});
        // A drag that stops between two rows, on every list in turn (at each list's middle).
        std::vector<ImVec2> middles;
        for (const ImGuiWindow* list : lists()) middles.push_back(list->Rect().GetCenter());
        for (const ImVec2 start : middles) {
            io.MousePos = start;
            frame(d, display);
            io.MouseDown[0] = true;
            for (int step = 0; step <= 7; ++step) {
                io.MousePos = ImVec2(start.x, start.y - static_cast<float>(step) * 13);
                frame(d, display);
            }
            io.MouseDown[0] = false;
            frame(d, display);
            frame(d, display);
            EXPECT_EQ(rows_cut_by_their_list(frame(d, display)), std::vector<std::string>{})
                << "after a drag from " << start.x << "," << start.y;
        }
    }
}

}  // namespace
}  // namespace uketsuke::ui
