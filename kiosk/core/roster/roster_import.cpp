#include "kiosk/core/roster/roster_import.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "kiosk/core/roster/import_suspects.hpp"
#include "kiosk/core/roster/roster_columns.hpp"
#include "kiosk/core/roster/table_file.hpp"
#include "kiosk/core/store/ids.hpp"

namespace uketsuke {
namespace {

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

// The import keys kept from earlier merges (kImportKeyCodeKind): key → participant id.
std::unordered_map<std::string, std::string> import_keys(EventStore& store) {
    std::unordered_map<std::string, std::string> keys;
    auto query = store.database().prepare("SELECT code, participant_id FROM codes WHERE kind = ?");
    query.bind(1, std::string(kImportKeyCodeKind));
    while (query.step()) keys.emplace(query.text(0), query.text(1));
    return keys;
}

// Who holds `code` and as what kind, if anyone.
std::optional<std::pair<std::string, std::string>> code_holder(EventStore& store,
                                                               const std::string& code) {
    auto query = store.database().prepare("SELECT participant_id, kind FROM codes WHERE code = ?");
    query.bind(1, code);
    if (!query.step()) return std::nullopt;
    return std::pair{query.text(0), query.text(1)};
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
        case ImportChangeKind::Merged:
            return "merged";
    }
    return "?";
}

ImportResult import_roster(EventStore& store, std::string_view bytes,
                           const ImportOptions& options) {
    ImportResult result;
    const std::string& source = options.source_name;

    auto file = read_table(bytes, options.encoding, source, options.sheet);
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
    std::unordered_set<std::string_view> headers_in_file;
    for (const auto& column : mapped.columns) headers_in_file.insert(column.first);
    const import_detail::FileFields file_fields{has_reading, has_organization, has_role, has_email,
                                                in_file("status")};

    // A large roster is tens of megabytes of pages in one transaction: with SQLite's
    // default 2 MB cache it would spill and rewrite pages many times over.
    sql::CacheSizeScope cache(store.database(), 128 << 20);
    // Everything below happens in one transaction; a dry run simply never commits.
    sql::Transaction transaction(store.database());
    import_detail::GroupNames group_names;
    int group_position = 0;
    for (const auto& group : store.groups()) {
        group_names.id_by_name[group.name] = group.id;
        group_names.by_id[group.id] = group.name;
        ++group_position;
    }

    std::string stamp;
    // One read of the roster instead of a query per row: a re-import of 100,000 people
    // would otherwise spend most of its time looking people up one by one.
    std::unordered_map<std::string, Participant> before;
    std::vector<const Participant*> everyone;  // roster order; nodes of `before` never move
    for (auto& known : store.participants()) {
        std::string id = known.id;
        everyone.push_back(&before.emplace(std::move(id), std::move(known)).first->second);
    }
    int position = static_cast<int>(before.size());

    // Each row's person: by id, else by the key of a row merged earlier (an import key), unless
    // another row of this file holds that person's own id.
    const auto keys = import_keys(store);
    std::vector<const Participant*> resolved(mapped.people.size(), nullptr);
    std::vector<bool> by_import_key(mapped.people.size(), false);
    for (std::size_t i = 0; i < mapped.people.size(); ++i) {
        if (const auto found = before.find(mapped.people[i].id); found != before.end()) {
            resolved[i] = &found->second;
        }
    }
    if (!keys.empty()) {
        std::unordered_set<std::string_view> ids_in_file;
        for (const ImportedPerson& person : mapped.people) ids_in_file.insert(person.id);
        for (std::size_t i = 0; i < mapped.people.size(); ++i) {
            if (resolved[i]) continue;
            const auto key = keys.find(mapped.people[i].id);
            if (key == keys.end() || ids_in_file.contains(key->second)) continue;
            if (const auto found = before.find(key->second); found != before.end()) {
                resolved[i] = &found->second;
                by_import_key[i] = true;
            }
        }
    }
    import_detail::SuspectPlan suspects = import_detail::plan_suspects(
        mapped.people, resolved, everyone, options, file_fields, group_names);
    result.summary.refused = suspects.refused_count;

    for (std::size_t row = 0; row < mapped.people.size(); ++row) {
        const ImportedPerson& person = mapped.people[row];
        if (suspects.refused[row]) continue;
        const Participant* merge_target = suspects.merge_into[row];
        // Taken for someone by a rule or an earlier merge: the two sources spell alike things
        // differently, so empty cells and the same value spelled otherwise keep what is there.
        const bool merging = merge_target || by_import_key[row];
        const Participant* existing = merge_target ? merge_target : resolved[row];
        Participant incoming;
        if (merging) {
            incoming = import_detail::merged_person(*existing, person, file_fields);
        } else {
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
            // Extras of a column this file lacks (another list's 部署) stay, like fields.
            if (existing) {
                for (const auto& extra : existing->extras) {
                    if (!headers_in_file.contains(extra.first)) incoming.extras.push_back(extra);
                }
            }
            incoming.status =
                person.cancelled ? RegistrationStatus::Cancelled : RegistrationStatus::Registered;
        }
        if (!person.group.empty()) {
            auto found = group_names.id_by_name.find(person.group);
            if (found == group_names.id_by_name.end()) {
                Group group;
                group.id = random_id();
                group.name = person.group;
                group.table_label = person.group;
                store.upsert_group(group, group_position++);
                found = group_names.id_by_name.emplace(person.group, group.id).first;
                group_names.by_id[group.id] = group.name;
                ++result.summary.groups_created;
            }
            incoming.group_id = found->second;
        } else if (!existing) {
            incoming.group_id.clear();
        }

        ImportChange change;
        change.id = incoming.id;
        change.name = incoming.name;
        change.line = person.line;
        change.waiting_list = person.waiting_list;
        if (person.waiting_list) ++result.summary.waiting_list;
        if (!existing) {
            change.kind = ImportChangeKind::Added;
            ++result.summary.added;
            if (person.cancelled) ++result.summary.added_cancelled;
        } else if (merge_target) {
            change.kind = ImportChangeKind::Merged;
            change.key = person.id;
            change.rules = suspects.merge_rules[row];
            ++result.summary.merged;
            import_detail::compare(change, *existing, incoming, group_names);
        } else if (existing->status != incoming.status) {
            change.kind =
                person.cancelled ? ImportChangeKind::Cancelled : ImportChangeKind::Reinstated;
            ++(person.cancelled ? result.summary.cancelled : result.summary.reinstated);
            import_detail::compare(change, *existing, incoming, group_names);
        } else {
            import_detail::compare(change, *existing, incoming, group_names);
            change.kind =
                change.fields.empty() ? ImportChangeKind::Unchanged : ImportChangeKind::Changed;
            ++(change.fields.empty() ? result.summary.unchanged : result.summary.changed);
        }

        if (change.kind != ImportChangeKind::Unchanged &&
            !(change.kind == ImportChangeKind::Merged && change.fields.empty())) {
            if (stamp.empty())
                stamp = store.next_stamp(options.editor, options.wall_ms).to_string();
            incoming.changed_stamp = stamp;
            incoming.changed_by = options.editor;
            store.upsert_participant(incoming,
                                     existing ? 0 : position++);  // keeps an existing row's place
        }
        for (const auto& code : person.codes) store.set_code(code, incoming.id, "platform");
        if (merge_target) {
            // The row's key, so importing this file again finds them without asking. A key that
            // is someone's ticket code already stays theirs.
            const auto holder = code_holder(store, person.id);
            if (!holder || holder->second == kImportKeyCodeKind) {
                store.set_code(person.id, incoming.id, std::string(kImportKeyCodeKind));
            } else {
                result.summary.warnings.push_back(fmt::format(
                    "line {}: the key {} is a ticket code of {}, so it is not kept for {}; "
                    "importing this file again will ask about this row again",
                    person.line, person.id, holder->first, incoming.id));
            }
        }
        result.summary.changes.push_back(std::move(change));
    }
    for (auto& suspect : suspects.suspects) {
        result.summary.suspects.push_back(std::move(suspect));
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

    if (result.summary.refused > 0) {
        // Nothing is written: the transaction rolls back, a dry run's too.
        result.error = fmt::format(
            "{}: {} row{} look{} like {} already in the event{}; nothing was imported", source,
            result.summary.refused, result.summary.refused == 1 ? "" : "s",
            result.summary.refused == 1 ? "s" : "",
            result.summary.refused == 1 ? "someone" : "people",
            std::any_of(
                result.summary.suspects.begin(), result.summary.suspects.end(),
                [](const ImportSuspect& suspect) { return !suspect.same_file_lines.empty(); })
                ? " or like another row of the file"
                : "");
        return result;
    }
    if (!options.dry_run) {
        transaction.commit();
        result.summary.applied = true;
    }
    return result;
}

}  // namespace uketsuke
