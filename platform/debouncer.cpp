#include "platform/debouncer.hpp"

#include <iterator>

namespace uketsuke::platform {

bool Debouncer::accept(std::string_view text, std::chrono::milliseconds now) {
    // Forget codes that have been gone for a whole window, so the map stays as small as the
    // handful of codes seen in the last few seconds.
    for (auto it = last_seen_.begin(); it != last_seen_.end();) {
        it = now - it->second >= window_ ? last_seen_.erase(it) : std::next(it);
    }
    auto [it, inserted] = last_seen_.try_emplace(std::string(text), now);
    if (inserted) return true;
    it->second = now;
    return false;
}

bool Agreement::agree(std::string_view text, bool needs_agreement, std::uint64_t frame,
                      std::chrono::milliseconds now) {
    for (auto it = seen_.begin(); it != seen_.end();) {
        it = now - it->second.at >= window_ ? seen_.erase(it) : std::next(it);
    }
    auto [it, inserted] = seen_.try_emplace(std::string(text), Sighting{frame, now, false});
    if (!inserted) {
        if (it->second.frame != frame) it->second.other_frame = true;
        it->second.frame = frame;
        it->second.at = now;
    }
    return !needs_agreement || it->second.other_frame;
}

}  // namespace uketsuke::platform
