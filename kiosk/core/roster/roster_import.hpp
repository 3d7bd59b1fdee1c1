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
    // Use and keep the --map and --role-map of earlier imports (the event's settings), so
    // importing the updated export again keeps organizations and roles without repeating them.
    bool remember_mapping = true;
};

// The settings key the remembered mapping lives under (JSON: {"map": [[field, header]…],
// "roles": [[value, role]…]}).
inline constexpr std::string_view kImportMappingSetting = "import.mapping";

enum class ImportChangeKind { Added, Changed, Cancelled, Reinstated, Unchanged };
std::string_view to_string(ImportChangeKind kind);

struct ImportChange {
    ImportChangeKind kind = ImportChangeKind::Unchanged;
    std::string id;
    std::string name;
    std::vector<std::string> fields;  // for Changed: which fields differ
    struct Field {
        std::string field, before, after;  // e.g. organization, 港区, 品川区
    };
    std::vector<Field> details;  // field by field, for fields that differ
    bool waiting_list = false;   // 補欠: imported as not expected
};

struct ImportSummary {
    std::string encoding;
    char delimiter = ',';
    std::string preset;
    std::vector<std::pair<std::string, std::string>> columns;  // field ← header
    std::vector<std::string> warnings;
    std::string role_header;       // the role column, "" without one
    std::vector<RoleValue> roles;  // what each of its values became
    // The mapping used beyond the file's own headers: remembered and given --map entries,
    // --role-map entries; what is saved for the next import.
    std::vector<std::pair<std::string, std::string>> mapping, role_map;
    bool mapping_remembered = false;    // some of it came from an earlier import
    std::vector<ImportChange> changes;  // one per person in the file
    int added = 0, changed = 0, cancelled = 0, reinstated = 0, unchanged = 0;
    int added_cancelled = 0;  // new people whose registration is already cancelled
    int waiting_list = 0;     // people on the waiting list (補欠), in the file
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
