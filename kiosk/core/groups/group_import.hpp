#pragma once
// Group definitions coming in: a groups file (CSV or TSV, any encoding the roster import
// reads), or one edit at a time from `uketsuke groups set`. Both refuse bad input with a
// position or a reason and change nothing.
//
// The groups file: one row per group, matched to the event's groups by name (new names add
// groups after the existing ones). Headers, compared after NFKC, case and kana folding:
//   name         name, group, group name, グループ, グループ名, 班, 班名   (required)
//   table        table, table label, テーブル, テーブル名, テーブル番号, 卓, 卓番号
//   capacity     capacity, seats, 定員, 席数                 (0 or empty: no limit)
//   facilitator  facilitator, ファシリテーター, ファシリテータ, 進行役
//   x, y         x, y, map x, map y, 位置x, 位置y            (position on the floor map)
// A column that is present sets that field on every row, an empty cell included (an empty
// capacity means no limit, an empty x/y means no position); a column that is absent leaves
// existing groups as they are (new groups get their name as the table label). Other columns
// are ignored with a note.
//
// Map positions are fractions of the floor map, independent of the image's pixel size, so a
// sharper scan of the same plan keeps every table in place: x from the left edge (0) to the
// right edge (1), y from the top (0) to the bottom (1). "35%" means 0.35. A table's position is
// its centre.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kiosk/core/roster/encoding.hpp"
#include "kiosk/core/store/event_store.hpp"

namespace uketsuke {

// "0.35", "35%", "０．３５" → 0.35; nullopt for anything that is not a number in [0, 1]
// (or [0 %, 100 %]).
std::optional<double> parse_map_coordinate(std::string_view text);

struct GroupImportOptions {
    std::string source_name;  // the file name used in messages
    Encoding encoding = Encoding::Auto;
    bool dry_run = false;
};

enum class GroupChangeKind { Added, Changed, Unchanged };
std::string_view to_string(GroupChangeKind kind);

struct GroupChange {
    GroupChangeKind kind = GroupChangeKind::Unchanged;
    std::string name;
    std::vector<std::string> fields;  // for Changed: table, capacity, facilitator, position
};

struct GroupImportSummary {
    std::string encoding;
    char delimiter = ',';
    std::vector<std::pair<std::string, std::string>> columns;  // field ← header
    std::vector<std::string> warnings;
    std::vector<GroupChange> changes;  // one per row, in file order
    int added = 0, changed = 0, unchanged = 0;
    bool applied = false;  // false for a dry run
};

struct [[nodiscard]] GroupImportResult {
    GroupImportSummary summary;
    std::string error;  // "file:line:column: message" when the file was refused
    explicit operator bool() const { return error.empty(); }
};

GroupImportResult import_groups(EventStore& store, std::string_view bytes,
                                const GroupImportOptions& options);

// One group's fields, each left alone when unset.
struct GroupEdit {
    std::optional<std::string> new_name;
    std::optional<std::string> table_label;
    std::optional<int> capacity;  // 0: no limit
    std::optional<std::string> facilitator;
    std::optional<std::pair<double, double>> position;  // x, y in [0, 1]
    bool clear_position = false;
};

struct [[nodiscard]] GroupEditResult {
    Group before;
    Group after;
    std::vector<std::string> warnings;  // e.g. a capacity below the people already seated
    std::string error;                  // unknown group (listing the names), name taken, bad value
    bool unknown_group = false;
    explicit operator bool() const { return error.empty(); }
};

GroupEditResult edit_group(EventStore& store, const std::string& name, const GroupEdit& edit);

// "A, B, C" — or the first `limit` names and how many more — for messages about unknown groups.
std::string list_group_names(const std::vector<Group>& groups, std::size_t limit = 30);

}  // namespace uketsuke
