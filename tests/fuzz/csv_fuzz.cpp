// Roster import on arbitrary bytes: decode (auto-detected), parse, map, look for probable
// duplicates. Any input may be refused with a message, none may crash, hang or read out of
// bounds; search_key's shortcut must agree with ICU on every cell.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/model/utf8.hpp"
#include "kiosk/core/roster/csv.hpp"
#include "kiosk/core/roster/duplicates.hpp"
#include "kiosk/core/roster/encoding.hpp"
#include "kiosk/core/roster/roster_mapping.hpp"
#include "kiosk/core/roster/roster_values.hpp"
#include "kiosk/core/roster/search_key.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace uketsuke;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);

    const DecodeResult decoded = decode_to_utf8(bytes, Encoding::Auto);
    if (!decoded) return 0;
    // Whatever was decoded must be valid UTF-8 for everything downstream.
    if (!utf8::is_valid(decoded.text)) __builtin_trap();

    // Small limits reach the limit paths without megabytes of input.
    CsvOptions options;
    options.max_field_bytes = 4096;
    options.max_rows = 5000;
    const auto parsed = parse_csv(decoded.text, options);
    if (!parsed) return 0;

    // The header row again as the remembered mapping and a role map: a remembered column may
    // be missing, a role value may be anything.
    MappingOptions mapping;
    if (!parsed.value().rows.empty()) {
        const auto& header = parsed.value().rows.front().fields;
        const auto& fields = mappable_fields();
        for (std::size_t i = 0; i < header.size() && i < fields.size(); ++i) {
            mapping.remembered.emplace_back(std::string(fields[i]), header[i].text + "?");
            mapping.role_map.emplace_back(header[i].text, "staff");
        }
    }
    for (const auto& row : parsed.value().rows) {
        for (const auto& field : row.fields) {
            const std::string date = roster_values::parse_japanese_date(field.text);
            if (!date.empty() && date.size() != 10 && date.size() != 16) __builtin_trap();
            (void)roster_values::is_waiting_list(field.text);
            if (search_key(field.text) != search_key_by_icu(field.text)) __builtin_trap();
        }
    }
    const MappingResult mapped = map_roster(parsed.value(), mapping);
    if (mapped) {
        for (const ImportedPerson& person : mapped.people) {
            if (person.id.empty() || person.name.empty()) __builtin_trap();
            (void)search_key(person.name);
        }
        for (const ImportedPerson& person : mapped.people) {
            (void)encode_from_utf8(person.name, Encoding::Cp932);
        }
        // The first half as the people already there, the rest as the file's new rows.
        std::vector<DuplicateFields> existing, rows;
        for (std::size_t i = 0; i < mapped.people.size(); ++i) {
            const ImportedPerson& person = mapped.people[i];
            (i < mapped.people.size() / 2 ? existing : rows)
                .push_back({person.name, person.reading, person.organization, person.email});
        }
        const DuplicateCheck check = find_duplicates(existing, rows);
        if (check.matches.size() != rows.size()) __builtin_trap();
        for (std::size_t i = 0; i < rows.size(); ++i) {
            if (check.matches[i].size() > kMaxMatchesKept ||
                check.match_count[i] < check.matches[i].size()) {
                __builtin_trap();
            }
            for (const DuplicateMatch& match : check.matches[i]) {
                if (match.index >= existing.size() || match.rules == 0) __builtin_trap();
            }
        }
        for (const DuplicateGroup& group : check.groups) {
            if (group.rows.size() < 2 || group.rules == 0 || group.rows.back() >= rows.size()) {
                __builtin_trap();
            }
        }
    }
    return 0;
}
