#pragma once
// The kiosk's screen stays on for the whole event: no screensaver, no blanking, no power
// saving of the display while the kiosk runs. SDL 2.26 already disables the screensaver
// when its video starts unless SDL_HINT_VIDEO_ALLOW_SCREENSAVER says otherwise; this makes
// it so whatever the environment sets. On Wayland SDL holds an idle inhibitor (cage honours
// it), on X11 it suspends the X screensaver and DPMS.

namespace uketsuke::platform {

// Call after the window opened. Returns false when SDL still allows the screensaver.
bool keep_screen_on();

}  // namespace uketsuke::platform
