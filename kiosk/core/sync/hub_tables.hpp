#pragma once
// One spec per table the hub syncs: its columns (with their PostgreSQL types), its key, how
// the hub resolves a row it already has, and how a kiosk's rows reach it. Both directions are
// derived from the spec: the push's batched upsert, the pull's query and the local insert of
// what was pulled. Participants' columns come from store/participant_columns.hpp.
// Internal to kiosk/core/sync.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace uketsuke::hub {

// What the hub does with a pushed row whose key it already holds.
enum class Conflict {
    Ignore,              // a union by key: the row already there is the same row
    ReplaceWhenDiffers,  // the organizer's version replaces the hub's (groups)
    GreatestContent,     // the greatest content wins whatever the order, as in the merge (codes)
    LastWriterWins,      // participants, column by column (participant_columns.hpp)
};

// Which of a kiosk's rows a push sends.
enum class Pushed {
    ByPublish,   // only `hub publish` sends them, all of them (keys, revoked tickets, groups)
    ByRowid,     // an append-only log: rows past the last rowid pushed
    ByStamp,     // every row on publish, rows whose changed_stamp is past the last push on
                 // sync: participants, sessions, their lists and their seating
    WithPeople,  // codes: every row on publish, those of the people a sync sends
};

struct HubColumn {
    std::string name;
    std::string_view type;         // PostgreSQL: text, bigint or float8 (NULL allowed)
    bool null_when_empty = false;  // "" outside, NULL in the local table (a foreign key)
};

struct HubTable {
    std::string_view name;
    std::vector<HubColumn> columns;
    std::size_t key_width = 1;  // the key is the first key_width columns
    Conflict conflict = Conflict::Ignore;
    Pushed pushed = Pushed::ByRowid;
    bool local_replaces = false;  // the pulled row replaces a local one with its key
    int since_version = 1;        // the hub schema that added the table

    // The changed_stamp column of a ByStamp table (its push mark).
    std::size_t stamp_column() const;

    // Generated from the above once, when the table list is first used.
    std::string column_names{};  // "a, b, c"
    std::string local_select{};  // the same, as an SQLite SELECT list
    std::string hub_upsert{};    // INSERT … SELECT * FROM unnest($1::type[], …) ON CONFLICT …
    std::string hub_select{};    // the pull: rows with seq > $1, the seq last
    std::string local_insert{};  // the pulled row into the scratch file
};

// Every synced table, in the order the local file's foreign keys want them.
const std::vector<HubTable>& hub_tables();
const HubTable& hub_table(std::string_view name);

}  // namespace uketsuke::hub
