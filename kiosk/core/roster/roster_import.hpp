#pragma once
// Importing a registration list into the event: decode, parse, map columns, then
// apply to the store in one transaction. Re-importing updates people by id and
// never touches the check-in log. Any error names file, line and column and
// changes nothing.

#include <cstdint>
#include <string>
#include <vector>

#include "kiosk/core/roster/encoding.hpp"
#include "kiosk/core/roster/roster_mapping.hpp"
#include "kiosk/core/store/event_store.hpp"

namespace uketsuke {

struct ImportOptions {
    std::string source_name;  // the file name used in messages
    Encoding encoding = Encoding::Auto;
    MappingOptions mapping;
    bool dry_run = false;
    std::string editor = "organizer";  // stamped on changed rows
    std::int64_t wall_ms = 0;
};

enum class ImportChangeKind { Added, Changed, Cancelled, Reinstated, Unchanged };
std::string_view to_string(ImportChangeKind kind);

struct ImportChange {
    ImportChangeKind kind = ImportChangeKind::Unchanged;
    std::string id;
    std::string name;
    std::vector<std::string> fields;  // for Changed: which fields differ
};

struct ImportSummary {
    std::string encoding;
    char delimiter = ',';
    std::string preset;
    std::vector<std::pair<std::string, std::string>> columns;  // field ← header
    std::vector<std::string> warnings;
    std::vector<ImportChange> changes;  // one per person in the file
    int added = 0, changed = 0, cancelled = 0, reinstated = 0, unchanged = 0;
    int added_cancelled = 0;  // new people whose registration is already cancelled
    int groups_created = 0;
    bool applied = false;  // false for a dry run
};

struct [[nodiscard]] ImportResult {
    ImportSummary summary;
    std::string error;  // "file:line:column: message" when the import was refused
    explicit operator bool() const { return error.empty(); }
};

ImportResult import_roster(EventStore& store, std::string_view bytes, const ImportOptions& options);

}  // namespace uketsuke
