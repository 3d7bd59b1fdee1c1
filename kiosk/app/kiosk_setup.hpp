#pragma once
// The kiosk's start-up pieces, kept out of the main loop (kiosk_app.cpp): where the
// translations are, which glyphs the font atlas needs, pictures, the flow's configuration,
// tones, and the camera the configuration asks for.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/app/config.hpp"
#include "kiosk/core/store/event_store.hpp"
#include "kiosk/ui/screens/flow.hpp"
#include "kiosk/ui/screens/strings.hpp"
#include "platform/audio.hpp"
#include "platform/scanner.hpp"

namespace uketsuke::app {

// Installed: <prefix>/share/uketsuke/i18n beside <prefix>/bin; else the source tree.
std::filesystem::path strings_directory();
// Every character the kiosk may draw: both languages' strings, the event's own words, the
// staff's names and everything the on-screen keyboards type.
std::string glyph_text(const ui::Strings& strings, const EventStore& store,
                       const KioskConfig& config);
// True when the atlas lacks a character of `text` (a name that arrived after start-up).
bool atlas_lacks(const std::string& text);

struct Picture {
    std::vector<unsigned char> rgba;
    int width = 0;
    int height = 0;
};
std::optional<Picture> decode_picture(const std::string& bytes);

ui::FlowConfig flow_config(const KioskConfig& config, const EventInfo& event);
platform::Tone tone_for(ui::Sound sound);
// How a scan's source is recorded on its check-in.
CheckinMethod checkin_method_for(platform::ScanSource source);

// The camera (or frame folder) of `config`; nullptr when both are off. `config` must outlive it.
std::unique_ptr<platform::CameraScanner> make_camera(const KioskConfig& config);

}  // namespace uketsuke::app
