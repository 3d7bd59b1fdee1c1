#pragma once
// Keeping the search index (search.hpp) current: the tables and triggers, a full rebuild, one
// person re-indexed, and the refresh every search starts with.

#include <string>

#include "kiosk/core/store/event_store.hpp"

namespace uketsuke {

// Builds the whole index afresh, in one transaction.
void rebuild_search_index(EventStore& store);
// Re-indexes one participant (or drops them from the index when they no longer exist).
void update_search_index(EventStore& store, const std::string& participant_id);

namespace search_index {
// Makes the index match the roster; cheap when nothing changed. A read-only store is searched
// as it is.
void refresh(sql::Database& db);
}  // namespace search_index

}  // namespace uketsuke
