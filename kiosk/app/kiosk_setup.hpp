#pragma once
// The kiosk's start-up pieces, kept out of the main loop (kiosk_loop.hpp): where the
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
#include "platform/fonts.hpp"
#include "platform/scanner.hpp"
#include "platform/window.hpp"

namespace uketsuke::app {

// Installed: <prefix>/share/uketsuke/i18n beside <prefix>/bin; else the source tree.
std::filesystem::path strings_directory();
// Every character the kiosk may draw: both languages' strings, the event's own words, the
// staff's names and everything the on-screen keyboards type.
std::string glyph_text(const ui::Strings& strings, const EventStore& store,
                       const KioskConfig& config);
// True when the atlas lacks a character of `text` (a name that arrived after start-up).
bool atlas_lacks(const std::string& text);

// The font the kiosk draws with and the text its atlas covers. ImGui 1.86 bakes glyphs when the
// atlas is built, so a name with a new character means adding it here and building again.
struct FontAtlasText {
    std::optional<platform::FontFile> font;  // none: Japanese text will not show
    std::string glyphs;                      // everything the kiosk may draw
    std::string table_labels;                // the huge size gets only these (and ASCII)

    void build(platform::Window& window) const;  // warns when it fails; no font, no build
};

// The flow's clock: the wall time, in milliseconds.
ui::Instant now_instant();

// "uketsuke-kiosk: …" on stderr, for what a person at the kiosk can fix.
void warn(const std::string& message);

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
