#pragma once
// Rows from the hub into the local file: every table past its cursor (hub_marks.hpp), read
// at one snapshot on the hub into a scratch event file, then merged with merge_into, so the
// hub's rows follow the same rules as kiosk files. A kiosk's sync that brings only log rows
// (union by id, nothing to settle) writes them straight into the file with the cursors. Internal to
// kiosk/core/sync.

#include <cstdint>
#include <vector>

#include "kiosk/core/store/event_store.hpp"
#include "kiosk/core/sync/hub.hpp"
#include "kiosk/core/sync/hub_connection.hpp"

namespace uketsuke::hub {

// With `keep_cursors` (a kiosk's sync) only rows past the cursors come, and the cursors move
// once the merge committed; without (`hub pull`), everything comes and no cursor is kept.
// `newest`, when given, holds each table's greatest seq on the hub (hub_tables() order, read
// just before): a table at its cursor is not asked, and with none past it nothing is.
// Adds to result.pulled_rows and result.merged.
void pull(Connection& conn, EventStore& store, int hub_version, bool keep_cursors,
          HubResult& result, const std::vector<std::int64_t>* newest_on_hub = nullptr);

}  // namespace uketsuke::hub
