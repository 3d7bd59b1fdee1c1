#pragma once
// The hybrid clocks a merge carries: every file keeps, per kiosk, the newest stamp of that
// kiosk's it holds (settings hlc.<node>). The merge keeps them at the max, uses them to tell a
// conflict from a sequential edit, and moves them past everything merged.
// Internal to kiosk/core/sync.

#include <cstdint>
#include <map>
#include <string>
#include <utility>

#include "kiosk/core/store/sqlite.hpp"

namespace uketsuke::merging {

// The clock part of a stamp; the node only breaks ties between rows, not between clocks.
using ClockTime = std::pair<std::int64_t, std::uint32_t>;
using Clocks = std::map<std::string, ClockTime>;  // node → newest stamp it issued that a file has

Clocks read_clocks(sql::Database& db);
void take_max(Clocks& into, const Clocks& from);

// A file has seen a change when its copy of the writer's clock (hlc.<writer>, carried
// along by every merge) is at or past the change's stamp: the writer's file held the
// change from that moment on. Rows without a stamp are the common starting point.
bool has_seen(const Clocks& clocks, const std::string& stamp_text);

// Every clock this file knows moves to the newest stamp anywhere in it (next_stamp() also
// looks at the newest stamp, but only for the clock it advances): the next edit made on this
// file, by any kiosk's clock, must win over every edit merged into it. Written to `target`.
void advance_clocks(sql::Database& target, Clocks& clocks);

}  // namespace uketsuke::merging
