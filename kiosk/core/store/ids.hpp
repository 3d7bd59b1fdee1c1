#pragma once
#include <string>

namespace uketsuke {

// 128 random bits from libsodium as 32 lower-case hex digits: the key of every
// check-in row and event, so rows from any number of kiosks never collide.
std::string random_id();

}  // namespace uketsuke
