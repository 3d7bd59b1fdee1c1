#pragma once
// The hub's schema: its DDL by version, reading and checking the version, the in-place
// upgrade `uketsuke hub init` runs, and the checks every sync makes before touching a row
// (set up, not newer than this build, the same event). Internal to kiosk/core/sync.

#include <optional>
#include <string_view>

#include "kiosk/core/model/model.hpp"
#include "kiosk/core/sync/hub_connection.hpp"

namespace uketsuke::hub {

// Writers take this lock for their whole transaction, so `seq` values commit in order
// and a reader's cursor (the greatest seq it saw) never skips a row committed later.
constexpr std::string_view kWriteLock = "SELECT pg_advisory_xact_lock(8150436245135960641)";

// 0: not set up.
int read_schema_version(Connection& conn);
// Reached and usable: set up, not by a newer Uketsuke (HubFailure Refused otherwise).
// Returns the hub's schema.
int require_schema(Connection& conn);
// As require_schema, and not older than kOldestSyncedHubSchema (publish, sync and pull).
int require_synced_schema(Connection& conn);
// Creates the hub's tables or brings an older hub to kHubSchemaVersion. Runs inside the
// caller's transaction, under kWriteLock.
void upgrade_schema(Connection& conn);

std::optional<EventInfo> read_hub_event(Connection& conn);
// The hub and the local file must hold the same event (HubFailure Refused otherwise).
void require_same_event(Connection& conn, const EventInfo& local);

}  // namespace uketsuke::hub
