#pragma once
// What a kiosk's event file remembers of its sync with the hub, kept as settings: hub_sync
// writes them, the syncer's count of waiting rows reads them, both through here.
//   hub.pushed.<table>  a log: the last rowid pushed; participants, sessions, their lists
//                       and seating: the greatest changed_stamp pushed
//   hub.cursor.<table>  the greatest hub seq pulled into this file

#include <cstdint>
#include <string>
#include <string_view>

#include "kiosk/core/store/event_store.hpp"

namespace uketsuke::hub {

std::string pushed_mark_key(std::string_view table);
std::string pull_cursor_key(std::string_view table);

// A log's pushed mark or a cursor; 0 when missing or unreadable (everything is sent or
// pulled again, which the hub and the merge ignore).
std::int64_t integer_mark(const EventStore& store, const std::string& key);
// The pushed mark of a table pushed by stamp (participants, sessions ...); "" when missing.
std::string stamp_mark(const EventStore& store, std::string_view table);

}  // namespace uketsuke::hub
