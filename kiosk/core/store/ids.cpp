#include "kiosk/core/store/ids.hpp"

#include <sodium.h>

#include <stdexcept>

namespace uketsuke {

std::string random_id() {
    static const bool ready = sodium_init() >= 0;
    if (!ready) throw std::runtime_error("libsodium failed to initialise");
    unsigned char bytes[16];
    randombytes_buf(bytes, sizeof bytes);
    char hex[33];
    sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
    return std::string(hex, 32);
}

}  // namespace uketsuke
