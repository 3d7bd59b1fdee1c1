#pragma once
// libsodium must be initialised once before keys, signatures or random bytes are used.

#include <sodium.h>

#include <stdexcept>

namespace uketsuke {

// Throws std::runtime_error when libsodium cannot start (no entropy source, for one).
inline void ensure_sodium() {
    // A function-local static runs sodium_init() exactly once, even with threads racing here.
    static const bool ready = sodium_init() >= 0;
    if (!ready) throw std::runtime_error("libsodium could not be initialised");
}

}  // namespace uketsuke
