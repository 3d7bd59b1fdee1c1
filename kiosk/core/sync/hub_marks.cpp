#include "kiosk/core/sync/hub_marks.hpp"

#include <fmt/format.h>

#include <exception>

namespace uketsuke::hub {

std::string pushed_mark_key(std::string_view table) { return fmt::format("hub.pushed.{}", table); }

std::string pull_cursor_key(std::string_view table) { return fmt::format("hub.cursor.{}", table); }

std::int64_t integer_mark(const EventStore& store, const std::string& key) {
    const auto text = store.setting(key);
    if (!text) return 0;
    try {
        return std::stoll(*text);
    } catch (const std::exception&) {
        return 0;
    }
}

std::string stamp_mark(const EventStore& store, std::string_view table) {
    return store.setting(pushed_mark_key(table)).value_or("");
}

}  // namespace uketsuke::hub
