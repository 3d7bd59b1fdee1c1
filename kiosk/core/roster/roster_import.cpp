#include "kiosk/core/roster/roster_import.hpp"

#include <fmt/format.h>

#include <map>
#include <unordered_map>

#include "kiosk/core/roster/table_file.hpp"
#include "kiosk/core/store/ids.hpp"

namespace uketsuke {
namespace {

std::vector<std::string> differing_fields(const Participant& before, const Participant& after) {
    std::vector<std::string> fields;
    if (before.name != after.name) fields.emplace_back("name");
    if (before.reading != after.reading) fields.emplace_back("reading");
    if (before.organization != after.organization) fields.emplace_back("organization");
    if (before.role != after.role) fields.emplace_back("role");
    if (before.group_id != after.group_id) fields.emplace_back("group");
    if (before.email != after.email) fields.emplace_back("email");
    if (before.extras != after.extras) fields.emplace_back("extras");
    return fields;
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

    auto mapped = map_roster(table, options.mapping);
    if (!mapped) {
        const SourceError& error = *mapped.error;
        result.error = located(source, error.line, error.column, error.message);
        return result;
    }
    result.summary.preset = std::string(preset_name(mapped.preset));
    result.summary.columns = mapped.columns;
    result.summary.warnings = mapped.warnings;

    // A large roster is tens of megabytes of pages in one transaction: with SQLite's
    // default 2 MB cache it would spill and rewrite pages many times over.
    sql::CacheSizeScope cache(store.database(), 128 << 20);
    // Everything below happens in one transaction; a dry run simply never commits.
    sql::Transaction transaction(store.database());
    std::map<std::string, std::string> group_ids_by_name;
    int group_position = 0;
    for (const auto& group : store.groups()) {
        group_ids_by_name[group.name] = group.id;
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
        incoming.reading = person.reading;
        incoming.organization = person.organization;
        incoming.role = role_from_string(person.role).value_or(Role::Participant);
        incoming.email = person.email;
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
                ++result.summary.groups_created;
            }
            incoming.group_id = found->second;
        } else if (!existing) {
            incoming.group_id.clear();
        }

        ImportChange change;
        change.id = person.id;
        change.name = person.name;
        if (!existing) {
            change.kind = ImportChangeKind::Added;
            ++result.summary.added;
            if (person.cancelled) ++result.summary.added_cancelled;
        } else if (existing->status != incoming.status) {
            change.kind =
                person.cancelled ? ImportChangeKind::Cancelled : ImportChangeKind::Reinstated;
            ++(person.cancelled ? result.summary.cancelled : result.summary.reinstated);
            change.fields = differing_fields(*existing, incoming);
        } else {
            change.fields = differing_fields(*existing, incoming);
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

    if (!options.dry_run) {
        transaction.commit();
        result.summary.applied = true;
    }
    return result;
}

}  // namespace uketsuke
