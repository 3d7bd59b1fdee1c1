#include "platform/scan_event.hpp"

namespace uketsuke::platform {

std::int64_t wall_now_ms() noexcept {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace uketsuke::platform
