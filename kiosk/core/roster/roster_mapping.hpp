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
    std::string role;  // participant, facilitator, staff or guest
    std::string group;
    std::string email;
    bool cancelled = false;
    std::vector<std::string> codes;                           // platform ticket numbers / QR texts
    std::vector<std::pair<std::string, std::string>> extras;  // header → value, file order
    std::size_t line = 0;
};

struct MappingOptions {
    RosterPreset preset = RosterPreset::Auto;
    // field → header, from --map name=氏名; field is one of mappable_fields(). Several "code"
    // entries add several code columns; for other fields the last one wins.
    std::vector<std::pair<std::string, std::string>> overrides;
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
    // Things the organizer should know that do not stop the import.
    std::vector<std::string> warnings;
    std::optional<SourceError> error;

    explicit operator bool() const { return !error.has_value(); }
};

// Without an id column, a person's id is "r-" and 12 hex digits of a hash of their name's
// search key and e-mail, so re-importing the same file gives the same ids.
MappingResult map_roster(const CsvTable& table, const MappingOptions& options = {});

}  // namespace uketsuke
