#include "kiosk/app/kiosk_setup.hpp"

#include <fmt/format.h>
#include <imgui.h>
#include <imgui_internal.h>  // ImTextCharFromUtf8

#include <cstdio>

#include "kiosk/core/model/session.hpp"
#include "kiosk/core/staff/attention.hpp"
#include "kiosk/core/staff/staff.hpp"
#include "kiosk/image/image.hpp"
#include "kiosk/ui/screens/keyboard.hpp"
#include "platform/file_frame_source.hpp"
#include "platform/v4l2_camera.hpp"
#include "platform/window.hpp"

namespace uketsuke::app {

std::filesystem::path strings_directory() {
    std::error_code ignored;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", ignored);
    if (!ignored) {
        const auto installed = self.parent_path().parent_path() / "share" / "uketsuke" / "i18n";
        if (std::filesystem::exists(installed / "ja.toml")) return installed;
    }
    return ui::source_strings_directory();
}

std::string glyph_text(const ui::Strings& strings, const EventStore& store,
                       const KioskConfig& config) {
    std::string text;
    for (auto language : ui::kLanguages) {
        for (const auto& [key, value] : strings.table(language)) text += value;
    }
    const EventInfo event = store.event();
    text += event.name + event.venue + config.next_agenda + config.kiosk_name + config.kiosk_id;
    for (const auto& group : store.groups())
        text += group.name + group.table_label + group.facilitator;
    for (const auto& person : store.participants())
        text += person.name + person.reading + person.organization + person.notes;
    // Flags for the door, shown on the person card (their text, cleaned).
    for (const auto& [id, flag] : attention_all(store)) text += flag.text;
    for (const auto& member : list_staff(store)) text += member.name;
    for (const auto& session : store.sessions()) text += session.name;
    // The person card's attendance row: ○ 遅 早 × 振, and the dash of a blank cell.
    for (const SessionMark mark : {SessionMark::Present, SessionMark::Late, SessionMark::EarlyLeave,
                                   SessionMark::Absent, SessionMark::MadeUp})
        text += session_mark_symbol(mark);
    text += "－";
    text += ui::keyboard_glyphs();  // what staff can type: walk-ins, notes, searches
    return text;
}

bool atlas_lacks(const std::string& text) {
    ImFont* font = ImGui::GetIO().FontDefault;
    if (font == nullptr) return false;
    const char* p = text.c_str();
    const char* end = p + text.size();
    while (p < end) {
        unsigned int c = 0;
        const int used = ImTextCharFromUtf8(&c, p, end);
        if (used <= 0) break;
        p += used;
        if (c >= 0x20 && c <= 0xFFFF &&
            font->FindGlyphNoFallback(static_cast<ImWchar>(c)) == nullptr)
            return true;
    }
    return false;
}

void FontAtlasText::build(platform::Window& window) const {
    if (!font) return;
    const auto built = window.build_fonts(font->path, font->face_index, glyphs, table_labels);
    if (!built) warn(built.error().message);
}

ui::Instant now_instant() {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now());
}

void warn(const std::string& message) {
    std::fprintf(stderr, "uketsuke-kiosk: %s\n", message.c_str());
}

std::optional<Picture> decode_picture(const std::string& bytes) {
    const auto decoded = image::decode_image(bytes, "floor map", 4);
    if (!decoded) return std::nullopt;
    Picture picture;
    picture.width = decoded.value().width();
    picture.height = decoded.value().height();
    const auto pixels = decoded.value().pixels();
    picture.rgba.assign(pixels.begin(), pixels.end());
    return picture;
}

ui::FlowConfig flow_config(const KioskConfig& config, const EventInfo& event) {
    ui::FlowConfig flow;
    flow.welcome_timeout =
        std::chrono::milliseconds(static_cast<std::int64_t>(config.welcome_seconds * 1000));
    flow.problem_timeout =
        std::chrono::milliseconds(static_cast<std::int64_t>(config.problem_seconds * 1000));
    flow.default_language = ui::language_from_code(config.language).value_or(ui::Language::Ja);
    flow.name_display =
        ui::name_display_from_string(config.name_display).value_or(ui::NameDisplay::FullName);
    flow.mute = !config.sound;
    flow.event_name = event.name;
    flow.time_zone = event.time_zone;
    flow.leave_mode = leave_mode(config);
    return ui::with_defaults(flow);
}

platform::Tone tone_for(ui::Sound sound) {
    switch (sound) {
        case ui::Sound::Success:
            return platform::Tone::Success;
        case ui::Sound::AlreadyIn:
            return platform::Tone::AlreadyIn;
        case ui::Sound::Problem:
            return platform::Tone::Problem;
        case ui::Sound::SeeStaff:
            return platform::Tone::SeeStaff;
    }
    return platform::Tone::Problem;
}

CheckinMethod checkin_method_for(platform::ScanSource source) {
    switch (source) {
        case platform::ScanSource::Camera:
            return CheckinMethod::Camera;
        case platform::ScanSource::Scanner:
        case platform::ScanSource::KeyboardBurst:
            return CheckinMethod::Scanner;
    }
    return CheckinMethod::Scanner;
}

std::unique_ptr<platform::CameraScanner> make_camera(const KioskConfig& live) {
    if (live.frames.empty() && !live.camera_enabled) return nullptr;
    platform::FrameSourceFactory factory;
    if (!live.frames.empty()) {
        factory = [&live]() -> std::unique_ptr<platform::FrameSource> {
            platform::FileFrameSourceOptions source;
            source.path = live.frames;
            source.fps = live.frames_fps;
            source.loop = live.frames_loop;
            return std::make_unique<platform::FileFrameSource>(source);
        };
    } else {
        factory = [device = live.camera_device, width = live.camera_width,
                   height = live.camera_height]() -> std::unique_ptr<platform::FrameSource> {
            platform::V4l2Options camera_options;
            camera_options.device = device;
            camera_options.width = width;
            camera_options.height = height;
            if (camera_options.device.empty() && platform::find_capture_device().empty())
                return nullptr;
            return std::make_unique<platform::V4l2FrameSource>(camera_options);
        };
    }
    platform::CameraScannerOptions scanner_options;
    scanner_options.debounce =
        std::chrono::milliseconds(static_cast<std::int64_t>(live.debounce_seconds * 1000));
    scanner_options.wake = platform::Window::wake;
    scanner_options.every_frame = !live.frames.empty();
    return std::make_unique<platform::CameraScanner>(factory, scanner_options);
}

}  // namespace uketsuke::app
