// The loop's frame (kiosk_loop.hpp): drawing the participant screens or staff mode, the corner
// long press, screenshots, the start-up line, and the tap script's step after each frame.

#include <imgui.h>

#include <filesystem>

#include "kiosk/app/kiosk_loop.hpp"
#include "kiosk/core/model/local_time.hpp"
#include "kiosk/core/model/utf8.hpp"
#include "kiosk/ui/views/widgets.hpp"

namespace uketsuke::app {
ui::StaffViewInputs KioskLoop::staff_inputs(const ui::ViewFonts& fonts) const {
    ui::StaffViewInputs inputs;
    inputs.fonts = fonts;
    inputs.accent = accent_;
    inputs.strings = &start_.strings;
    inputs.now = now_instant();
    inputs.time_zone = start_.event.time_zone;
    inputs.drawn = &drawn_;
    inputs.store_problem = store_problem_;
    inputs.printer_problem = printer_problem_;
    inputs.prints_tags = printer_ != nullptr;
    if (syncer_) {
        const HubSyncStatus sync = syncer_->status();
        inputs.hub.hub = sync.redacted_hub;
        inputs.hub.connected = sync.connected;
        inputs.hub.waiting = sync.waiting_rows;
        inputs.hub.error = sync.error;
        if (sync.last_success_ms > 0)
            inputs.hub.last_sync = local_hour_minute(sync.last_success_ms, start_.event.time_zone);
    }
    return inputs;
}

void KioskLoop::draw_frame() {
    platform::Window& window = *start_.window;
    if (window.fonts_need_rebuild()) start_.atlas.build(window);
    window.begin_frame();
    // The pointer as this frame sees it (touch, mouse or the tap script's finger).
    const ImGuiIO& io = ImGui::GetIO();
    const bool long_press =
        corner_hold_.update(ui::Pointer{io.MousePos.x, io.MousePos.y, io.MouseDown[0]},
                            io.DisplaySize.x, io.DisplaySize.y, std::chrono::steady_clock::now());
    const auto& fonts = window.fonts();
    const ui::ViewFonts view_fonts{fonts.small, fonts.body, fonts.large, fonts.huge};
    std::optional<ui::Intent> intent;
    std::optional<ui::StaffIntent> staff_intent;
    if (staff_.open()) {
        staff_intent = ui::draw_staff(staff_.state(), staff_inputs(view_fonts));
    } else {
        ui::ViewInputs inputs;
        inputs.fonts = view_fonts;
        inputs.preview = preview_;
        inputs.code_in_view = code_in_view_;
        inputs.floor_map = start_.floor_map;
        inputs.logo = start_.logo;
        inputs.accent = accent_;
        inputs.drawn = &drawn_;
        ui::ScreenView view = ui::build_view(state_, start_.strings);
        // For staff, small, on the attract screen: check-ins go on, the tags do not.
        if (!printer_problem_.empty() && view.screen == ui::Screen::Attract) {
            view.staff_notes.push_back(
                std::string(start_.strings.get(state_.language, "staff.printer_problem")) + " — " +
                utf8::safe_text(printer_problem_, utf8::Controls::Remove));
        }
        intent = ui::draw_screen(view, inputs);
        if (long_press) {
            log_.write({{"type", "staff"}, {"what", "opened by a long press"}});
            staff_.open_by_corner(now_instant(), state_.language);
            answer_staff();
            intent.reset();
            redraw(2);
        }
    }
    // A screenshot waits for a settled frame: the second one drawn after the change.
    if (!pending_screenshot_.empty() && frames_to_draw_ == 1) {
        window.request_screenshot(pending_screenshot_);
        log_.write({{"type", "screenshot"}, {"file", pending_screenshot_}});
        pending_screenshot_.clear();
    }
    draw_dimming(dimming_.opacity());
    window.end_frame();
    --frames_to_draw_;
    if (first_frame_) {
        first_frame_ = false;
        const double startup_ms = std::chrono::duration<double, std::milli>(
                                      std::chrono::steady_clock::now() - options_.process_start)
                                      .count();
        const ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
        log_.write({{"type", "ready"},
                    {"startup_ms", startup_ms},
                    {"width", window.width()},
                    {"height", window.height()},
                    {"renderer", window.renderer_name()},
                    {"renderer_choice", window.renderer_choice()},
                    {"gl_renderer", window.gl_renderer()},
                    {"atlas_width", atlas.TexWidth},
                    {"atlas_height", atlas.TexHeight},
                    {"glyph_text_bytes", start_.atlas.glyphs.size()}});
    }
    if (intent) feed(ui::Tap{*intent});
    if (staff_intent) {
        staff_.tap(*staff_intent, now_instant());
        answer_staff();
        redraw(2);
    }
}

void KioskLoop::follow_script_step() {
    platform::Window& window = *start_.window;
    const ui::ScriptOutput step =
        script_->advance(std::chrono::steady_clock::now(), drawn_.buttons(),
                         static_cast<float>(window.width()), static_cast<float>(window.height()));
    if (step.pointer) {
        window.set_scripted_pointer(platform::Window::ScriptedPointer{
            step.pointer->x, step.pointer->y, step.pointer->down});
    }
    for (const auto& text : step.scans) {
        platform::ScanEvent scan;
        scan.text = text;
        scan.source = platform::ScanSource::Scanner;
        scripted_scans_.push_back(std::move(scan));
    }
    if (!step.screenshot.empty() && !options_.screenshot_dir.empty()) {
        pending_screenshot_ =
            (std::filesystem::path(options_.screenshot_dir) / (step.screenshot + ".png")).string();
    }
    if (!step.log.empty()) log_.write({{"type", "script"}, {"at", step.log}});
    if (!step.error.empty()) {
        warn("tap script: " + step.error);
        log_.write({{"type", "script"}, {"error", step.error}});
        exit_code_ = 3;
        running_ = false;
    }
    if (step.exit) running_ = false;
    if (step.finished) {
        log_.write({{"type", "script"}, {"finished", true}});
        script_.reset();
        window.set_scripted_pointer(std::nullopt);
    } else {
        redraw(1);
    }
}

}  // namespace uketsuke::app
