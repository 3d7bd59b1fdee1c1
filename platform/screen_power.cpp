#include "platform/screen_power.hpp"

#include <SDL.h>

namespace uketsuke::platform {

bool keep_screen_on() {
    SDL_DisableScreenSaver();
    return SDL_IsScreenSaverEnabled() == SDL_FALSE;
}

}  // namespace uketsuke::platform
