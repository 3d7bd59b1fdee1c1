#pragma once
// Importing a registration list into the event: decode, parse, map columns, then
// apply to the store in one transaction. Re-importing updates people by id and
// never touches the check-in log. Any error names file, line and column and
// changes nothing. A row whose key matches nobody but who is probably someone already there
// (duplicates.hpp) is not added unless told: merged by e-mail or name, or added anyway.

#include <cstdint>
#include <string>
#include <vector>

#include "kiosk/core/roster/duplicates.hpp"
#include "kiosk/core/roster/encoding.hpp"
#include "kiosk/core/roster/roster_mapping.hpp"
#include "kiosk/core/store/event_store.hpp"

namespace uketsuke {

// What to do with a row that is probably someone already in the event.
enum class MergeBy {
    Nobody,  // refuse the import and list them
    Email,   // update the one person with the same e-mail from the row
    Name,    // update the one person with the same name and reading or organization
};

struct ImportOptions {
    std::string source_name;  // the file name used in messages
    Encoding encoding = Encoding::Auto;
    std::string sheet;  // an .xlsx workbook's worksheet; empty: the first visible one
    MappingOptions mapping;
    bool dry_run = false;
    std::string editor = "organizer";  // stamped on changed rows
    std::int64_t wall_ms = 0;
    // Use and keep the --map and --role-map of earlier imports (the event's settings), so
    // importing the updated export again keeps organizations and roles without repeating them.
    bool remember_mapping = true;
    MergeBy merge_by = MergeBy::Nobody;
    bool allow_duplicates = false;  // add the rows no merge took as new people
};

// The codes kind under which the key of a row merged into someone else is kept, so importing
// the same file again finds them directly. Not a ticket: the door ignores these codes.
inline constexpr std::string_view kImportKeyCodeKind = "import-key";

// The settings key the remembered mapping lives under (JSON: {"map": [[field, header]…],
// "roles": [[value, role]…]}).
inline constexpr std::string_view kImportMappingSetting = "import.mapping";

// Merged: a row whose key matched nobody, merged into a person it is probably (--merge-by).
enum class ImportChangeKind { Added, Changed, Cancelled, Reinstated, Unchanged, Merged };
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
    std::size_t line = 0;        // the row's line in the file
    std::string key;             // Merged: the row's own key, kept as an import-key code
    DuplicateRules rules = 0;    // Merged: why the row was taken for this person
};

// A row whose key matches nobody but that is probably someone already in the event, or
// another row of this file, and what each choice would do with it.
struct ImportSuspect {
    std::size_t line = 0;
    std::string id, name;  // the row's key and name
    struct Match {
        std::string id, name, organization;  // the person in the event
        DuplicateRules rules = 0;
    };
    std::vector<Match> matches;  // at most kMaxMatchesKept
    std::size_t match_count = 0;
    std::vector<std::size_t> same_file_lines;  // other rows of this file it looks like
    DuplicateRules same_file_rules = 0;
    // What --merge-by email and --merge-by name would do: the person it would update, with
    // the fields that would change, or why it would not be merged.
    struct Choice {
        std::string into;  // the person's id; "" when it would not be merged
        std::string why_not;
        std::vector<ImportChange::Field> details;
    };
    Choice by_email, by_name;
    enum class Outcome { Refused, Merged, Added } outcome = Outcome::Refused;
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
    int merged = 0;  // rows merged into a person they probably are
    // Every row that looked like someone (or like another row), in file order; those
    // refused stop the import.
    std::vector<ImportSuspect> suspects;
    int refused = 0;
    bool applied = false;  // false for a dry run
};

struct [[nodiscard]] ImportResult {
    ImportSummary summary;
    // "file:line:column: message" when the import was refused; with suspects refused, a line
    // saying so (summary.suspects has them) and nothing changed, a dry run included.
    std::string error;
    explicit operator bool() const { return error.empty(); }
};

ImportResult import_roster(EventStore& store, std::string_view bytes, const ImportOptions& options);

}  // namespace uketsuke
