#pragma once
// Turns a parsed roster table into people: which column is the name, the id, the ticket
// code, and so on. Knows the exports of connpass and Peatix and guesses common Japanese and
// English headers for anything else; --map overrides any guess. Headers and status/role
// values are compared after NFKC, case folding and kana folding; stored values are kept as
// the organizer typed them, only trimmed.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kiosk/core/model/result.hpp"
#include "kiosk/core/roster/csv.hpp"

namespace uketsuke {

enum class RosterPreset { Auto, Connpass, Peatix, Generic };

std::optional<RosterPreset> parse_preset(std::string_view name);  // auto, connpass, peatix, generic
std::string_view preset_name(RosterPreset preset);

struct ImportedPerson {
    std::string id;
    std::string name;
    std::string reading;
    std::string organization;
    std::string role;         // participant, facilitator, staff or guest
    bool role_given = false;  // the role column had a value (an empty one is a participant)
    std::string group;
    std::string email;
    bool cancelled = false;
    bool waiting_list = false;       // 補欠: imported as cancelled (not expected), said apart
    std::vector<std::string> codes;  // platform ticket numbers / QR texts
    std::vector<std::pair<std::string, std::string>> extras;  // header → value, file order
    std::size_t line = 0;
};

struct MappingOptions {
    RosterPreset preset = RosterPreset::Auto;
    // field → header, from --map name=氏名; field is one of mappable_fields(). Several "code"
    // entries add several code columns; for other fields the last one wins.
    std::vector<std::pair<std::string, std::string>> overrides;
    // The mapping remembered from an earlier import of this event: used like overrides, but a
    // column this file lacks is a note, not an error (that field is then not in the file).
    std::vector<std::pair<std::string, std::string>> remembered;
    // role column value → role (participant, facilitator, staff, guest), from --role-map
    // 講師=facilitator; compared like headers. Wins over the words role_of knows.
    std::vector<std::pair<std::string, std::string>> role_map;
};

// Parses "講師=facilitator"; the error quotes the option.
Result<std::pair<std::string, std::string>, std::string> parse_role_map_option(
    std::string_view text);

// One value of the role column and what it became, for the import summary.
struct RoleValue {
    std::string value;  // as in the file; "" for empty cells
    std::string role;   // participant, facilitator, staff, guest
    std::size_t count = 0;
    bool from_role_map = false;
};

// id, name, reading, organization, role, group, email, status, code
const std::vector<std::string_view>& mappable_fields();

struct MapOption {
    std::string field;
    std::string header;
};

// Parses "name=氏名" (the header may contain '=' and is trimmed); the error quotes the option.
Result<MapOption, std::string> parse_map_option(std::string_view text);

struct [[nodiscard]] MappingResult {
    std::vector<ImportedPerson> people;
    RosterPreset preset = RosterPreset::Generic;  // the one used (detected when Auto)
    // Every header in file order with what it became: "id, code", "name", "extra", ...
    std::vector<std::pair<std::string, std::string>> columns;
    std::string role_header;       // the role column's header, "" without one
    std::vector<RoleValue> roles;  // in order of first appearance
    // Fields this file has a column for (reading, organization, role, group, email, status):
    // a re-import leaves the others as they are.
    std::vector<std::string> fields_in_file;
    // Things the organizer should know that do not stop the import.
    std::vector<std::string> warnings;
    std::optional<SourceError> error;

    explicit operator bool() const { return !error.has_value(); }
};

// Without an id column, a person's id is "r-" and 12 hex digits of a hash of their name's
// search key and e-mail, so re-importing the same file gives the same ids.
MappingResult map_roster(const CsvTable& table, const MappingOptions& options = {});

}  // namespace uketsuke
