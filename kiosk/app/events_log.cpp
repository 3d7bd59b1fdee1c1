#include "kiosk/app/events_log.hpp"

#include <cstdio>
#include <exception>

#include "kiosk/core/model/utf8.hpp"
#include "kiosk/core/store/hlc.hpp"

namespace uketsuke::app {

EventsLog::EventsLog(const std::string& path)
    : file_(path.empty() ? nullptr : std::fopen(path.c_str(), "a")) {}

EventsLog::~EventsLog() {
    if (file_ != nullptr) std::fclose(file_);
}

namespace {

// Scanned codes, tickets' ids and error messages are arbitrary bytes; dump() throws on text that
// is not UTF-8.
void make_safe(nlohmann::json& value) {
    if (value.is_string()) {
        value = utf8::safe_text(value.get_ref<const std::string&>());
    } else if (value.is_structured()) {
        for (auto& item : value) make_safe(item);
    }
}

}  // namespace

void EventsLog::write(nlohmann::json line) noexcept {
    if (file_ == nullptr) return;
    // A log line is never worth the kiosk: whatever goes wrong here is said on stderr instead.
    try {
        make_safe(line);
        line["t"] = wall_clock_ms();
        const std::string text = line.dump() + "\n";
        std::fwrite(text.data(), 1, text.size(), file_);
        std::fflush(file_);
    } catch (const std::exception& error) {
        std::fprintf(stderr, "uketsuke-kiosk: events log: %s\n", error.what());
    } catch (...) {
        std::fputs("uketsuke-kiosk: events log: a line could not be written\n", stderr);
    }
}

}  // namespace uketsuke::app
