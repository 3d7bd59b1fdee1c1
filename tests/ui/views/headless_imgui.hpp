#pragma once
// ImGui with no window and no renderer, for the view tests: the font atlas is built to pixels
// that go nowhere, and each frame ends in ImDrawData to inspect. The fonts are ImGui's own at
// the kiosk's sizes for a 720-pixel short side (platform/window.cpp). One per test; the tests
// move the mouse themselves through io.MousePos and io.MouseDown.

#include <imgui.h>

#include "kiosk/ui/views/view.hpp"

namespace uketsuke::ui::testing {

class HeadlessContext {
public:
    HeadlessContext() : context_(ImGui::CreateContext()) {
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.LogFilename = nullptr;
        io.DisplaySize = ImVec2(1280, 720);
        io.DeltaTime = 1.0f / 60;
        ImFontConfig config;
        config.SizePixels = 21.6f;
        fonts_.small = io.Fonts->AddFontDefault(&config);
        config.SizePixels = 32.4f;
        fonts_.body = io.Fonts->AddFontDefault(&config);
        config.SizePixels = 54.0f;
        fonts_.large = io.Fonts->AddFontDefault(&config);
        config.SizePixels = 100.8f;
        fonts_.huge = io.Fonts->AddFontDefault(&config);
        unsigned char* pixels = nullptr;
        int width = 0;
        int height = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
        built_ = io.Fonts->IsBuilt() && width * height > 0;
    }
    ~HeadlessContext() { ImGui::DestroyContext(context_); }
    HeadlessContext(const HeadlessContext&) = delete;
    HeadlessContext& operator=(const HeadlessContext&) = delete;

    const ViewFonts& fonts() const { return fonts_; }
    bool built() const { return built_; }  // the atlas has pixels

private:
    ImGuiContext* context_;
    ViewFonts fonts_;
    bool built_ = false;
};

}  // namespace uketsuke::ui::testing
