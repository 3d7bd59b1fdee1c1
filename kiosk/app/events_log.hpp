#pragma once
// --events-out: one JSON object per line for every screen change, scan and result,
// so tests assert on behaviour rather than pixels.

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

namespace uketsuke::app {

class EventsLog {
public:
    EventsLog() = default;
    // Appends to `path`, creating it 0600 (it holds participants' ids and scanned codes); a file
    // left open to others is made 0600 too. Not open when `path` is "" or cannot be opened.
    explicit EventsLog(const std::string& path);
    ~EventsLog();
    EventsLog(const EventsLog&) = delete;
    EventsLog& operator=(const EventsLog&) = delete;

    bool is_open() const { return file_ != nullptr; }
    // Adds "t" (Unix ms); flushed at once. Any bytes in any string: they are written as
    // utf8::safe_text of themselves. Never throws.
    void write(nlohmann::json line) noexcept;

private:
    std::FILE* file_ = nullptr;
};

}  // namespace uketsuke::app
