#include "kiosk/core/roster/roster_mapping.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "kiosk/core/model/model.hpp"
#include "kiosk/core/model/utf8.hpp"
#include "kiosk/core/roster/roster_columns.hpp"
#include "kiosk/core/roster/roster_values.hpp"
#include "kiosk/core/tickets/ticket.hpp"

namespace uketsuke {
namespace {

using namespace roster_columns;
using namespace roster_values;

struct Cell {
    std::string_view text;
    std::size_t column = 1;
};

Cell cell(const CsvRow& row, const std::optional<std::size_t>& column) {
    if (!column || *column >= row.fields.size()) return {};
    return {utf8::trim(row.fields[*column].text), row.fields[*column].column};
}

// A code held by several people (a Peatix order with two tickets) cannot say who is at the
// kiosk, so it is not imported at all; the organizer is told.
void drop_shared_codes(MappingResult& result) {
    // Sorting views is several times faster than a hash map of 100,000 codes. Nothing below
    // changes a code until the views are no longer used.
    std::vector<std::pair<std::string_view, std::size_t>> codes;  // code, line
    codes.reserve(result.people.size() * 2);
    for (const ImportedPerson& person : result.people) {
        for (const std::string& code : person.codes) codes.emplace_back(code, person.line);
    }
    std::sort(codes.begin(), codes.end());
    std::vector<std::pair<std::size_t, std::string>> shared;  // first line, "code (lines …)"
    std::unordered_set<std::string> is_shared;  // copies: erasing codes moves the strings
    for (std::size_t i = 0; i + 1 < codes.size();) {
        std::size_t end = i + 1;
        while (end < codes.size() && codes[end].first == codes[i].first) ++end;
        if (end - i > 1) {
            std::vector<std::size_t> lines;
            for (std::size_t k = i; k < end; ++k) lines.push_back(codes[k].second);
            shared.emplace_back(lines.front(), fmt::format("{} (lines {})", codes[i].first,
                                                           fmt::join(lines, ", ")));
            is_shared.emplace(codes[i].first);
        }
        i = end;
    }
    if (shared.empty()) return;
    std::sort(shared.begin(), shared.end());
    for (ImportedPerson& person : result.people) {
        std::erase_if(person.codes,
                      [&is_shared](const std::string& code) { return is_shared.contains(code); });
    }
    std::vector<std::string> examples;
    for (std::size_t i = 0; i < shared.size() && i < 5; ++i) examples.push_back(shared[i].second);
    const std::size_t count = shared.size();
    result.warnings.push_back(
        fmt::format("{} code{} shared by several people, so not usable as ticket code{}: {}{}",
                    count, count == 1 ? " is" : "s are", count == 1 ? "" : "s",
                    fmt::join(examples, "; "), count > examples.size() ? "; …" : ""));
}

}  // namespace

std::optional<RosterPreset> parse_preset(std::string_view name) {
    for (auto preset : {RosterPreset::Auto, RosterPreset::Connpass, RosterPreset::Peatix,
                        RosterPreset::Generic}) {
        if (header_key(name) == preset_name(preset)) return preset;
    }
    return std::nullopt;
}

std::string_view preset_name(RosterPreset preset) {
    switch (preset) {
        case RosterPreset::Auto:
            return "auto";
        case RosterPreset::Connpass:
            return "connpass";
        case RosterPreset::Peatix:
            return "peatix";
        case RosterPreset::Generic:
            return "generic";
    }
    return "auto";
}

const std::vector<std::string_view>& mappable_fields() {
    static const std::vector<std::string_view> fields = {
        "id", "name", "reading", "organization", "role", "group", "email", "status", "code"};
    return fields;
}

Result<MapOption, std::string> parse_map_option(std::string_view text) {
    const std::size_t equals = text.find('=');
    if (equals == std::string_view::npos) {
        return fmt::format("--map {}: expected FIELD=COLUMN, for example name=氏名", text);
    }
    MapOption option;
    option.field = std::string(utf8::trim(text.substr(0, equals)));
    for (char& c : option.field) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    option.header = std::string(utf8::trim(text.substr(equals + 1)));
    const auto& fields = mappable_fields();
    if (std::find(fields.begin(), fields.end(), option.field) == fields.end()) {
        return fmt::format(
            "--map {}: unknown field \"{}\"; the fields are id, name, reading, organization, "
            "role, group, email, status, code",
            text, option.field);
    }
    if (option.header.empty()) return fmt::format("--map {}: the column name is missing", text);
    return option;
}

Result<std::pair<std::string, std::string>, std::string> parse_role_map_option(
    std::string_view text) {
    const std::size_t equals = text.rfind('=');
    if (equals == std::string_view::npos) {
        return fmt::format("--role-map {}: expected VALUE=ROLE, for example 講師=facilitator",
                           text);
    }
    std::string value(utf8::trim(text.substr(0, equals)));
    std::string role(utf8::trim(text.substr(equals + 1)));
    for (char& c : role) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    if (value.empty()) return fmt::format("--role-map {}: the value is missing", text);
    if (!role_from_string(role)) {
        return fmt::format(
            "--role-map {}: unknown role \"{}\"; the roles are participant, facilitator, "
            "staff, guest",
            text, role);
    }
    return std::pair{std::move(value), std::move(role)};
}

MappingResult map_roster(const CsvTable& table, const MappingOptions& options) {
    MappingResult result;
    if (table.rows.empty()) {
        result.error = SourceError{"the roster has no header line", 1, 1};
        return result;
    }
    const CsvRow& header_row = table.rows.front();
    auto fail = [&result](std::string message, std::size_t line, std::size_t column) {
        result.error = SourceError{std::move(message), line, column};
        result.people.clear();
    };
    Header header(header_row);
    Plan plan;
    bool codes_overridden = false;
    // Remembered entries first, for fields the given --map does not name: they come from
    // this event's earlier import, so a column gone from this export is not an error.
    std::vector<std::tuple<std::string, std::string, bool>> entries;  // field, header, given
    auto names_field = [&options](std::string_view field) {
        return std::any_of(options.overrides.begin(), options.overrides.end(),
                           [field](const auto& entry) { return entry.first == field; });
    };
    for (const auto& [field, wanted] : options.remembered) {
        if (!names_field(field)) entries.emplace_back(field, wanted, false);
    }
    for (const auto& [field, wanted] : options.overrides) entries.emplace_back(field, wanted, true);
    for (const auto& [given_field, wanted, given] : entries) {
        std::string field = given_field;
        for (char& c : field) {
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        }
        const auto& fields = mappable_fields();
        if (std::find(fields.begin(), fields.end(), field) == fields.end()) {
            if (!given) continue;  // a later version's field: nothing to do with it here
            fail(fmt::format("--map {}={}: unknown field \"{}\"; the fields are id, name, "
                             "reading, organization, role, group, email, status, code",
                             given_field, wanted, given_field),
                 header_row.line, 1);
            return result;
        }
        const auto column = header.find_named(wanted);
        if (!column) {
            if (!given) {
                result.warnings.push_back(fmt::format(
                    "the remembered mapping {}={} names a column this file does not have; {} "
                    "is left as it is (give --map {}=COLUMN to use another column)",
                    field, utf8::trim(wanted), field, field));
                continue;
            }
            fail(fmt::format("--map {}={}: the file has no column named \"{}\"; found columns: {}",
                             given_field, wanted, utf8::trim(wanted), header.listing()),
                 header_row.line, 1);
            return result;
        }
        if (field == "code") {
            codes_overridden = true;
            plan.codes.push_back(*column);
            continue;
        }
        std::optional<std::size_t>* slot = field == "id"             ? &plan.id
                                           : field == "name"         ? &plan.name
                                           : field == "reading"      ? &plan.reading
                                           : field == "organization" ? &plan.organization
                                           : field == "role"         ? &plan.role
                                           : field == "group"        ? &plan.group
                                           : field == "email"        ? &plan.email
                                                                     : &plan.status;
        *slot = column;
    }
    result.preset = options.preset == RosterPreset::Auto ? detect_preset(header) : options.preset;
    plan_preset(result.preset, plan, header, codes_overridden);
    result.columns = describe(plan, header);
    if (!plan.name && !plan.family && !plan.given) {
        fail(fmt::format("no column for the participant's name; found columns: {}; use --map "
                         "name=COLUMN",
                         header.listing()),
             header_row.line, 1);
        return result;
    }

    if (plan.reading || plan.family_reading || plan.given_reading) {
        result.fields_in_file.emplace_back("reading");
    }
    if (plan.organization) {
        result.fields_in_file.emplace_back("organization");
    } else {
        result.warnings.push_back(
            "no organization column found (looked for 所属, 所属自治体, 所属団体, 会社名, 勤務先, "
            "団体名, Organization, Company, Affiliation and questions naming them): everyone's "
            "organization is left empty, so groups cannot mix organizations; name it with --map "
            "organization=COLUMN");
    }
    if (plan.role) {
        result.fields_in_file.emplace_back("role");
        result.role_header = header.name(*plan.role);
    }
    if (plan.group) result.fields_in_file.emplace_back("group");
    if (plan.email) result.fields_in_file.emplace_back("email");
    if (plan.status) result.fields_in_file.emplace_back("status");
    // --role-map keys, folded once like the values they are compared with.
    std::vector<std::pair<std::string, std::string>> role_map;
    for (const auto& [value, role] : options.role_map)
        role_map.emplace_back(header_key(value), role);
    std::unordered_map<std::string_view, std::size_t> role_value_index;  // value → roles[i]

    std::vector<bool> is_extra(header.size());
    std::vector<bool> is_date_column(header.size());
    for (std::size_t i = 0; i < header.size(); ++i) {
        is_extra[i] = result.columns[i].second == "extra";
        const std::string key = header_key(header.name(i));
        is_date_column[i] = key.ends_with(header_key("日時")) || key.ends_with(header_key("日")) ||
                            key.ends_with("date") || key.ends_with("time");
    }
    const std::string& name_header = header.name(plan.name     ? *plan.name
                                                 : plan.family ? *plan.family
                                                               : *plan.given);
    // Statuses and roles repeat ("参加" a thousand times); normalizing each once keeps a
    // 100,000-row import well inside its budget. Views point into the table, which outlives us.
    std::unordered_map<std::string_view, bool> status_cache;
    std::unordered_map<std::string_view, std::string> role_cache;
    // Views into people[i].id: people is reserved, so they never move.
    std::unordered_map<std::string_view, std::size_t> person_by_id;
    person_by_id.reserve(table.rows.size());
    result.people.reserve(table.rows.size() - 1);

    for (std::size_t r = 1; r < table.rows.size(); ++r) {
        const CsvRow& row = table.rows[r];
        ImportedPerson person;
        person.line = row.line;

        Cell name;
        if (plan.name) {
            name = cell(row, plan.name);
            if (name.text.empty() && plan.name_fallback) {
                name.text = cell(row, plan.name_fallback).text;
            }
            person.name = name.text;
        } else {
            const Cell family = cell(row, plan.family);
            const Cell given = cell(row, plan.given);
            name.column = plan.family ? family.column : given.column;
            person.name = join_name(family.text, given.text);
        }
        if (person.name.empty()) {
            fail(fmt::format("line {} has no name (the column \"{}\" is empty)", row.line,
                             name_header),
                 row.line, name.column);
            return result;
        }
        if (plan.reading || (!plan.family_reading && !plan.given_reading)) {
            person.reading = cell(row, plan.reading).text;
        } else {
            person.reading =
                join_name(cell(row, plan.family_reading).text, cell(row, plan.given_reading).text);
        }
        person.organization = cell(row, plan.organization).text;
        person.group = cell(row, plan.group).text;
        person.email = cell(row, plan.email).text;
        const std::string_view status = cell(row, plan.status).text;
        auto known_status = status_cache.find(status);
        if (known_status == status_cache.end()) {
            known_status = status_cache.emplace(status, is_cancelled(status)).first;
        }
        person.cancelled = known_status->second;
        bool waiting_list = false;
        if (!person.cancelled && !status.empty() && is_waiting_list(status)) {
            // Not expected and refused at the door like a cancellation; the status stays in
            // the extras so the export still says 補欠.
            person.cancelled = waiting_list = person.waiting_list = true;
        }
        const Cell role = cell(row, plan.role);
        auto known_role = role_cache.find(role.text);
        if (known_role == role_cache.end()) {
            std::string found = role_of(role.text);
            bool mapped = false;
            if (!role_map.empty()) {
                const std::string key = header_key(role.text);
                for (const auto& [value, mapped_role] : role_map) {
                    if (value == key) {
                        found = mapped_role;
                        mapped = true;
                    }
                }
            }
            known_role = role_cache.emplace(role.text, found).first;
            if (plan.role) {
                role_value_index.emplace(role.text, result.roles.size());
                result.roles.push_back(RoleValue{std::string(role.text),
                                                 found.empty() ? "participant" : found, 0, mapped});
            }
        }
        if (plan.role) ++result.roles[role_value_index.at(role.text)].count;
        person.role = known_role->second;
        person.role_given = !role.text.empty();
        const bool unknown_role = person.role.empty();
        if (unknown_role) person.role = "participant";

        Cell id = cell(row, plan.id);
        if (id.text.empty() && plan.id_fallback) id = cell(row, plan.id_fallback);
        const bool generated = id.text.empty();
        person.id = generated ? generated_id(person.name, person.email) : std::string(id.text);
        // Every participant may need a ticket, and a ticket carries the id whole: refuse here
        // what `tickets` could not issue later.
        if (person.id.size() > max_participant_id_bytes) {
            fail(fmt::format("line {}: the id is {} bytes long; a ticket holds an id of at most "
                             "{} bytes",
                             row.line, person.id.size(), max_participant_id_bytes),
                 row.line, id.column);
            return result;
        }

        for (std::size_t column : plan.codes) {
            std::string code(cell(row, column).text);
            if (!code.empty() &&
                std::find(person.codes.begin(), person.codes.end(), code) == person.codes.end()) {
                person.codes.push_back(std::move(code));
            }
        }
        for (std::size_t i = 0; i < header.size() && i < row.fields.size(); ++i) {
            if (!is_extra[i] && !(unknown_role && plan.role == i) &&
                !(waiting_list && plan.status == i)) {
                continue;
            }
            const std::string_view value = utf8::trim(row.fields[i].text);
            if (value.empty()) continue;
            // connpass writes 2026年4月19日 17時22分: kept sortable and readable in the export.
            if (is_date_column[i]) {
                if (std::string date = parse_japanese_date(value); !date.empty()) {
                    person.extras.emplace_back(header.name(i), std::move(date));
                    continue;
                }
            }
            person.extras.emplace_back(header.name(i), value);
        }

        const auto found = person_by_id.find(person.id);
        if (found != person_by_id.end()) {
            const std::size_t first_line = result.people[found->second].line;
            if (generated) {
                fail(fmt::format("\"{}\" appears on line {} and line {} with the same e-mail and "
                                 "no id to tell them apart; remove one row or add an id column",
                                 person.name, first_line, row.line),
                     row.line, name.column);
            } else {
                fail(fmt::format("id {} appears on line {} and line {}", person.id, first_line,
                                 row.line),
                     row.line, id.column);
            }
            return result;
        }
        result.people.push_back(std::move(person));
        person_by_id.emplace(result.people.back().id, result.people.size() - 1);
    }
    drop_shared_codes(result);
    return result;
}

}  // namespace uketsuke
