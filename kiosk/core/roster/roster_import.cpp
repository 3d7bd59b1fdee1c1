#include "kiosk/core/roster/roster_import.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "kiosk/core/roster/roster_columns.hpp"
#include "kiosk/core/roster/table_file.hpp"
#include "kiosk/core/store/ids.hpp"

namespace uketsuke {
namespace {

std::string extras_text(const std::vector<std::pair<std::string, std::string>>& extras) {
    std::string text;
    for (const auto& [header, value] : extras) {
        text += fmt::format("{}{}={}", text.empty() ? "" : "; ", header, value);
    }
    return text;
}

void compare(ImportChange& change, const Participant& before, const Participant& after,
             const std::map<std::string, std::string>& group_names) {
    auto add = [&change](std::string field, std::string was, std::string is) {
        change.fields.push_back(field);
        change.details.push_back({std::move(field), std::move(was), std::move(is)});
    };
    auto group_name = [&group_names](const std::string& id) {
        const auto found = group_names.find(id);
        return found == group_names.end() ? id : found->second;
    };
    if (before.name != after.name) add("name", before.name, after.name);
    if (before.reading != after.reading) add("reading", before.reading, after.reading);
    if (before.organization != after.organization) {
        add("organization", before.organization, after.organization);
    }
    if (before.role != after.role) {
        add("role", std::string(to_string(before.role)), std::string(to_string(after.role)));
    }
    if (before.group_id != after.group_id) {
        add("group", group_name(before.group_id), group_name(after.group_id));
    }
    if (before.email != after.email) add("email", before.email, after.email);
    if (before.extras != after.extras) {
        add("extras", extras_text(before.extras), extras_text(after.extras));
    }
}

using Pairs = std::vector<std::pair<std::string, std::string>>;

// The remembered mapping; a damaged setting is ignored (the import then guesses afresh).
std::pair<Pairs, Pairs> remembered_mapping(const EventStore& store) {
    const auto text = store.setting(std::string(kImportMappingSetting));
    if (!text) return {};
    const auto json = nlohmann::json::parse(*text, nullptr, false);
    auto pairs = [&json](const char* key) {
        Pairs out;
        if (!json.is_object() || !json.contains(key) || !json[key].is_array()) return out;
        for (const auto& entry : json[key]) {
            if (entry.is_array() && entry.size() == 2 && entry[0].is_string() &&
                entry[1].is_string()) {
                out.emplace_back(entry[0].get<std::string>(), entry[1].get<std::string>());
            }
        }
        return out;
    };
    return {pairs("map"), pairs("roles")};
}

// Given entries replace remembered ones for the same field (all "code" entries together) or
// the same role value; the rest of the remembered ones stay.
Pairs merged(const Pairs& remembered, const Pairs& given, bool by_folded_key) {
    auto key = [by_folded_key](const std::string& text) {
        return by_folded_key ? roster_columns::header_key(text) : text;
    };
    Pairs out;
    for (const auto& entry : remembered) {
        const bool replaced = std::any_of(given.begin(), given.end(), [&](const auto& other) {
            return key(other.first) == key(entry.first);
        });
        if (!replaced) out.push_back(entry);
    }
    for (const auto& entry : given) {
        std::erase_if(out, [&](const auto& other) {
            return !(entry.first == "code" && !by_folded_key) &&
                   key(other.first) == key(entry.first);
        });
        out.push_back(entry);
    }
    return out;
}

}  // namespace

std::string_view to_string(ImportChangeKind kind) {
    switch (kind) {
        case ImportChangeKind::Added:
            return "added";
        case ImportChangeKind::Changed:
            return "changed";
        case ImportChangeKind::Cancelled:
            return "cancelled";
        case ImportChangeKind::Reinstated:
            return "reinstated";
        case ImportChangeKind::Unchanged:
            return "unchanged";
    }
    return "?";
}

ImportResult import_roster(EventStore& store, std::string_view bytes,
                           const ImportOptions& options) {
    ImportResult result;
    const std::string& source = options.source_name;

    auto file = read_table(bytes, options.encoding, source);
    if (!file) {
        result.error = file.error();
        return result;
    }
    result.summary.encoding = file.value().encoding;
    const CsvTable& table = file.value().table;
    result.summary.delimiter = table.delimiter;

    MappingOptions mapping = options.mapping;
    if (options.remember_mapping) {
        auto [map, roles] = remembered_mapping(store);
        result.summary.mapping_remembered =
            std::any_of(map.begin(), map.end(),
                        [&](const auto& entry) {
                            return std::none_of(
                                mapping.overrides.begin(), mapping.overrides.end(),
                                [&](const auto& given) { return given.first == entry.first; });
                        }) ||
            !roles.empty();
        mapping.remembered = map;
        mapping.role_map = merged(roles, options.mapping.role_map, true);
        result.summary.mapping = merged(map, options.mapping.overrides, false);
    } else {
        result.summary.mapping = mapping.overrides;
    }
    result.summary.role_map = mapping.role_map;
    auto mapped = map_roster(table, mapping);
    if (!mapped) {
        const SourceError& error = *mapped.error;
        result.error = located(source, error.line, error.column, error.message);
        return result;
    }
    result.summary.preset = std::string(preset_name(mapped.preset));
    result.summary.columns = mapped.columns;
    result.summary.warnings = mapped.warnings;
    result.summary.role_header = mapped.role_header;
    result.summary.roles = mapped.roles;
    auto in_file = [&mapped](std::string_view field) {
        return std::find(mapped.fields_in_file.begin(), mapped.fields_in_file.end(), field) !=
               mapped.fields_in_file.end();
    };
    const bool has_reading = in_file("reading"), has_organization = in_file("organization"),
               has_role = in_file("role"), has_email = in_file("email");

    // A large roster is tens of megabytes of pages in one transaction: with SQLite's
    // default 2 MB cache it would spill and rewrite pages many times over.
    sql::CacheSizeScope cache(store.database(), 128 << 20);
    // Everything below happens in one transaction; a dry run simply never commits.
    sql::Transaction transaction(store.database());
    std::map<std::string, std::string> group_ids_by_name;
    int group_position = 0;
    std::map<std::string, std::string> group_names_by_id;
    for (const auto& group : store.groups()) {
        group_ids_by_name[group.name] = group.id;
        group_names_by_id[group.id] = group.name;
        ++group_position;
    }

    std::string stamp;
    // One read of the roster instead of a query per row: a re-import of 100,000 people
    // would otherwise spend most of its time looking people up one by one.
    std::unordered_map<std::string, Participant> before;
    for (auto& known : store.participants()) {
        std::string id = known.id;
        before.emplace(std::move(id), std::move(known));
    }
    int position = static_cast<int>(before.size());
    for (const ImportedPerson& person : mapped.people) {
        Participant incoming;
        const auto found = before.find(person.id);
        const Participant* existing = found == before.end() ? nullptr : &found->second;
        if (existing) incoming = *existing;  // keeps notes, ticket generation, walk-in source
        incoming.id = person.id;
        incoming.name = person.name;
        // A field this file has no column for stays as it is: an export without the survey
        // column must not wipe the organizations an earlier import brought.
        if (has_reading || !existing) incoming.reading = person.reading;
        if (has_organization || !existing) incoming.organization = person.organization;
        if (has_role || !existing) {
            incoming.role = role_from_string(person.role).value_or(Role::Participant);
        }
        if (has_email || !existing) incoming.email = person.email;
        incoming.extras = person.extras;
        incoming.status =
            person.cancelled ? RegistrationStatus::Cancelled : RegistrationStatus::Registered;
        if (!person.group.empty()) {
            auto found = group_ids_by_name.find(person.group);
            if (found == group_ids_by_name.end()) {
                Group group;
                group.id = random_id();
                group.name = person.group;
                group.table_label = person.group;
                store.upsert_group(group, group_position++);
                found = group_ids_by_name.emplace(person.group, group.id).first;
                group_names_by_id[group.id] = group.name;
                ++result.summary.groups_created;
            }
            incoming.group_id = found->second;
        } else if (!existing) {
            incoming.group_id.clear();
        }

        ImportChange change;
        change.id = person.id;
        change.name = person.name;
        change.waiting_list = person.waiting_list;
        if (person.waiting_list) ++result.summary.waiting_list;
        if (!existing) {
            change.kind = ImportChangeKind::Added;
            ++result.summary.added;
            if (person.cancelled) ++result.summary.added_cancelled;
        } else if (existing->status != incoming.status) {
            change.kind =
                person.cancelled ? ImportChangeKind::Cancelled : ImportChangeKind::Reinstated;
            ++(person.cancelled ? result.summary.cancelled : result.summary.reinstated);
            compare(change, *existing, incoming, group_names_by_id);
        } else {
            compare(change, *existing, incoming, group_names_by_id);
            change.kind =
                change.fields.empty() ? ImportChangeKind::Unchanged : ImportChangeKind::Changed;
            ++(change.fields.empty() ? result.summary.unchanged : result.summary.changed);
        }

        if (change.kind != ImportChangeKind::Unchanged) {
            if (stamp.empty())
                stamp = store.next_stamp(options.editor, options.wall_ms).to_string();
            incoming.changed_stamp = stamp;
            incoming.changed_by = options.editor;
            store.upsert_participant(incoming,
                                     existing ? 0 : position++);  // keeps an existing row's place
        }
        for (const auto& code : person.codes) store.set_code(code, person.id, "platform");
        result.summary.changes.push_back(std::move(change));
    }

    if (options.remember_mapping &&
        (!result.summary.mapping.empty() || !result.summary.role_map.empty())) {
        nlohmann::json remembered = {{"map", nlohmann::json::array()},
                                     {"roles", nlohmann::json::array()}};
        for (const auto& [field, header] : result.summary.mapping) {
            remembered["map"].push_back({field, header});
        }
        for (const auto& [value, role] : result.summary.role_map) {
            remembered["roles"].push_back({value, role});
        }
        // Inside the transaction: a dry run or a refused import remembers nothing.
        store.set_setting(
            std::string(kImportMappingSetting),
            remembered.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    }

    if (!options.dry_run) {
        transaction.commit();
        result.summary.applied = true;
    }
    return result;
}

}  // namespace uketsuke
