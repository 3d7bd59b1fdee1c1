#pragma once
// Rows from the local file to the hub: batches of column arrays through one unnest() upsert
// per table (hub_tables.hpp), one round trip per batch, parameters only. The caller holds
// the hub's transaction and the write lock, and a read snapshot of the local file.
// Internal to kiosk/core/sync.

#include <cstdint>
#include <string>

#include "kiosk/core/store/sqlite.hpp"
#include "kiosk/core/sync/hub_connection.hpp"
#include "kiosk/core/sync/hub_tables.hpp"

namespace uketsuke::hub {

// Every row of the table (`hub publish`). Returns the rows the hub took.
std::int64_t push_all(Connection& conn, sql::Database& db, const HubTable& table);
// A log's rows past `after_rowid`; `last_rowid` is the last one sent (the next mark).
std::int64_t push_log(Connection& conn, sql::Database& db, const HubTable& table,
                      std::int64_t after_rowid, std::int64_t& last_rowid);
// Rows of a ByStamp table (participants, sessions, ...) changed after `after_stamp`;
// `last_stamp` is the greatest sent (the next mark).
std::int64_t push_changed(Connection& conn, sql::Database& db, const HubTable& table,
                          const std::string& after_stamp, std::string& last_stamp);
// The codes of those people: a code made at a kiosk (a walk-in's) is written with a stamp on
// its person, so it travels with that person's change.
std::int64_t push_codes_of_changed_people(Connection& conn, sql::Database& db,
                                          const std::string& after_stamp);

}  // namespace uketsuke::hub
