#include "kiosk/app/events_log.hpp"

#include "kiosk/core/store/hlc.hpp"

namespace uketsuke::app {

EventsLog::EventsLog(const std::string& path)
    : file_(path.empty() ? nullptr : std::fopen(path.c_str(), "a")) {}

EventsLog::~EventsLog() {
    if (file_ != nullptr) std::fclose(file_);
}

void EventsLog::write(nlohmann::json line) {
    if (file_ == nullptr) return;
    line["t"] = wall_clock_ms();
    const std::string text = line.dump() + "\n";
    std::fwrite(text.data(), 1, text.size(), file_);
    std::fflush(file_);
}

}  // namespace uketsuke::app
