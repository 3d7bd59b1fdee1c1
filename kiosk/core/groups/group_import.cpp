#include "kiosk/core/groups/group_import.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cmath>
#include <map>

#include "kiosk/core/model/utf8.hpp"
#include "kiosk/core/roster/csv.hpp"
#include "kiosk/core/roster/search_key.hpp"
#include "kiosk/core/roster/table_file.hpp"
#include "kiosk/core/store/ids.hpp"

namespace uketsuke {
namespace {

// A generous ceiling: a typo like 1000000 is more likely than a table that seats it.
constexpr int kMaxCapacity = 100'000;

enum class Field { Name, Table, Capacity, Facilitator, X, Y };
constexpr std::array<Field, 6> kFields{Field::Name,        Field::Table, Field::Capacity,
                                       Field::Facilitator, Field::X,     Field::Y};

std::string_view field_name(Field field) {
    switch (field) {
        case Field::Name:
            return "name";
        case Field::Table:
            return "table";
        case Field::Capacity:
            return "capacity";
        case Field::Facilitator:
            return "facilitator";
        case Field::X:
            return "x";
        case Field::Y:
            return "y";
    }
    return "?";
}

std::vector<std::string_view> aliases(Field field) {
    switch (field) {
        case Field::Name:
            return {"name", "group", "group name", "グループ", "グループ名", "班", "班名"};
        case Field::Table:
            return {"table",      "table label",  "table name", "テーブル",
                    "テーブル名", "テーブル番号", "卓",         "卓番号"};
        case Field::Capacity:
            return {"capacity", "seats", "定員", "席数"};
        case Field::Facilitator:
            return {"facilitator", "ファシリテーター", "ファシリテータ", "進行役"};
        case Field::X:
            return {"x", "map x", "map_x", "位置x", "座標x"};
        case Field::Y:
            return {"y", "map y", "map_y", "位置y", "座標y"};
    }
    return {};
}

std::optional<Field> field_for_header(std::string_view header) {
    const std::string key = search_key(utf8::trim(header));
    for (Field field : kFields) {
        for (std::string_view alias : aliases(field)) {
            if (search_key(alias) == key) return field;
        }
    }
    return std::nullopt;
}

std::optional<int> parse_capacity(std::string_view text) {
    const std::string normalized = nfkc(utf8::trim(text));
    if (normalized.empty()) return 0;
    int value = 0;
    const char* end = normalized.data() + normalized.size();
    const auto [rest, error] = std::from_chars(normalized.data(), end, value);
    if (error != std::errc() || rest != end || value < 0 || value > kMaxCapacity)
        return std::nullopt;
    return value;
}

std::vector<std::string> differing_fields(const Group& before, const Group& after) {
    std::vector<std::string> fields;
    if (before.table_label != after.table_label) fields.emplace_back("table");
    if (before.capacity != after.capacity) fields.emplace_back("capacity");
    if (before.facilitator != after.facilitator) fields.emplace_back("facilitator");
    if (before.map_x != after.map_x || before.map_y != after.map_y) fields.emplace_back("position");
    return fields;
}

std::map<std::string, int> seated_counts(const EventStore& store) {
    std::map<std::string, int> counts;
    for (const auto& person : store.participants()) {
        if (person.status == RegistrationStatus::Registered && !person.group_id.empty())
            ++counts[person.group_id];
    }
    return counts;
}

std::string capacity_warning(const Group& group, int seated) {
    return fmt::format(
        "group {} now seats {} but {} already placed there; `groups assign --keep` would "
        "refuse to keep them all",
        group.name, group.capacity,
        seated == 1 ? "1 person is" : fmt::format("{} people are", seated));
}

}  // namespace

std::optional<double> parse_map_coordinate(std::string_view text) {
    std::string normalized = nfkc(utf8::trim(text));
    double scale = 1.0;
    if (!normalized.empty() && normalized.back() == '%') {
        normalized.pop_back();
        normalized = std::string(utf8::trim(normalized));
        scale = 100.0;
    }
    if (normalized.empty()) return std::nullopt;
    double value = 0;
    const char* end = normalized.data() + normalized.size();
    const auto [rest, error] =
        std::from_chars(normalized.data(), end, value, std::chars_format::fixed);
    if (error != std::errc() || rest != end || !std::isfinite(value)) return std::nullopt;
    value /= scale;
    if (value < 0.0 || value > 1.0) return std::nullopt;
    return value;
}

std::string_view to_string(GroupChangeKind kind) {
    switch (kind) {
        case GroupChangeKind::Added:
            return "added";
        case GroupChangeKind::Changed:
            return "changed";
        case GroupChangeKind::Unchanged:
            return "unchanged";
    }
    return "?";
}

std::string list_group_names(const std::vector<Group>& groups, std::size_t limit) {
    if (groups.empty()) return "(none yet)";
    std::string text;
    for (std::size_t i = 0; i < groups.size() && i < limit; ++i) {
        if (i > 0) text += ", ";
        text += groups[i].name;
    }
    if (groups.size() > limit) text += fmt::format(" and {} more", groups.size() - limit);
    return text;
}

GroupImportResult import_groups(EventStore& store, std::string_view bytes,
                                const GroupImportOptions& options) {
    GroupImportResult result;
    const std::string& source = options.source_name;

    auto file = read_table(bytes, options.encoding, source);
    if (!file) {
        result.error = file.error();
        return result;
    }
    result.summary.encoding = file.value().encoding;
    const CsvTable& table = file.value().table;
    result.summary.delimiter = table.delimiter;

    // Which column holds which field.
    const CsvRow& header = table.rows.front();
    std::map<Field, std::size_t> column_of;
    for (std::size_t c = 0; c < header.fields.size(); ++c) {
        const CsvField& cell = header.fields[c];
        const auto field = field_for_header(cell.text);
        if (!field) {
            result.summary.warnings.push_back(
                fmt::format("column \"{}\" is not a group field; ignored", utf8::trim(cell.text)));
            continue;
        }
        const auto [previous, inserted] = column_of.emplace(*field, c);
        if (!inserted) {
            result.error =
                located(source, header.line, cell.column,
                        fmt::format("\"{}\" is a second {} column (the first is \"{}\")", cell.text,
                                    field_name(*field), header.fields[previous->second].text));
            return result;
        }
        result.summary.columns.emplace_back(std::string(field_name(*field)),
                                            std::string(utf8::trim(cell.text)));
    }
    if (!column_of.contains(Field::Name)) {
        result.error = located(source, header.line, 0,
                               "no group name column; name one of: name, group, グループ, 班");
        return result;
    }
    if (column_of.contains(Field::X) != column_of.contains(Field::Y)) {
        const Field present = column_of.contains(Field::X) ? Field::X : Field::Y;
        result.error = located(
            source, header.line, header.fields[column_of[present]].column,
            fmt::format("a map position needs both an x and a y column; this file has only {}",
                        field_name(present)));
        return result;
    }

    // Everything below happens in one transaction; a dry run or an error never commits.
    sql::Transaction transaction(store.database());
    const std::vector<Group> existing = store.groups();
    std::map<std::string, std::size_t> existing_by_name;
    for (std::size_t i = 0; i < existing.size(); ++i) existing_by_name.emplace(existing[i].name, i);
    const std::map<std::string, int> seated = seated_counts(store);
    std::map<std::string, std::size_t> line_of_name;
    int next_position = static_cast<int>(existing.size());

    for (std::size_t r = 1; r < table.rows.size(); ++r) {
        const CsvRow& row = table.rows[r];
        auto cell = [&](Field field) -> const CsvField* {
            const auto found = column_of.find(field);
            return found == column_of.end() ? nullptr : &row.fields[found->second];
        };
        auto fail = [&](const CsvField& at, const std::string& message) {
            result.error = located(source, row.line, at.column, message);
        };

        const CsvField& name_cell = *cell(Field::Name);
        const std::string name(utf8::trim(name_cell.text));
        if (name.empty()) {
            fail(name_cell, "the group name is empty");
            return result;
        }
        if (const auto [first, inserted] = line_of_name.emplace(name, row.line); !inserted) {
            fail(name_cell,
                 fmt::format("group \"{}\" appears twice (first on line {})", name, first->second));
            return result;
        }

        const auto found = existing_by_name.find(name);
        const bool is_new = found == existing_by_name.end();
        Group group;
        if (is_new) {
            group.id = random_id();
            group.name = name;
            group.table_label = name;
        } else {
            group = existing[found->second];
        }
        const Group before = group;

        if (const CsvField* table_cell = cell(Field::Table))
            group.table_label = utf8::trim(table_cell->text);
        if (const CsvField* capacity_cell = cell(Field::Capacity)) {
            const auto capacity = parse_capacity(capacity_cell->text);
            if (!capacity) {
                fail(*capacity_cell,
                     fmt::format(
                         "capacity must be a whole number from 0 (no limit) to {}, not \"{}\"",
                         kMaxCapacity, utf8::trim(capacity_cell->text)));
                return result;
            }
            group.capacity = *capacity;
        }
        if (const CsvField* facilitator_cell = cell(Field::Facilitator)) {
            group.facilitator = utf8::trim(facilitator_cell->text);
        }
        if (const CsvField* x_cell = cell(Field::X)) {
            const CsvField& y_cell = *cell(Field::Y);
            const bool x_empty = utf8::trim(x_cell->text).empty();
            const bool y_empty = utf8::trim(y_cell.text).empty();
            if (x_empty && y_empty) {
                group.map_x.reset();
                group.map_y.reset();
            } else {
                for (const CsvField* coordinate : {x_cell, &y_cell}) {
                    const bool is_x = coordinate == x_cell;
                    if (utf8::trim(coordinate->text).empty()) {
                        fail(*coordinate,
                             fmt::format("{} is empty but {} is not: give both or neither",
                                         is_x ? "x" : "y", is_x ? "y" : "x"));
                        return result;
                    }
                    const auto value = parse_map_coordinate(coordinate->text);
                    if (!value) {
                        fail(*coordinate, fmt::format("{} must be a fraction of the map {} from 0 "
                                                      "to 1 (or a percentage such as "
                                                      "35%), not \"{}\"",
                                                      is_x ? "x" : "y", is_x ? "width" : "height",
                                                      utf8::trim(coordinate->text)));
                        return result;
                    }
                    (is_x ? group.map_x : group.map_y) = *value;
                }
            }
        }

        GroupChange change;
        change.name = name;
        if (is_new) {
            change.kind = GroupChangeKind::Added;
            ++result.summary.added;
            store.upsert_group(group, next_position++);
        } else {
            change.fields = differing_fields(before, group);
            change.kind =
                change.fields.empty() ? GroupChangeKind::Unchanged : GroupChangeKind::Changed;
            ++(change.fields.empty() ? result.summary.unchanged : result.summary.changed);
            if (!change.fields.empty()) store.upsert_group(group, static_cast<int>(found->second));
        }
        if (const auto count = seated.find(group.id);
            group.capacity > 0 && count != seated.end() && count->second > group.capacity) {
            result.summary.warnings.push_back(capacity_warning(group, count->second));
        }
        result.summary.changes.push_back(std::move(change));
    }

    if (!options.dry_run) {
        transaction.commit();
        result.summary.applied = true;
    }
    return result;
}

GroupEditResult edit_group(EventStore& store, const std::string& name, const GroupEdit& edit) {
    GroupEditResult result;
    sql::Transaction transaction(store.database());
    const std::vector<Group> groups = store.groups();
    std::size_t index = groups.size();
    for (std::size_t i = 0; i < groups.size(); ++i) {
        if (groups[i].name == name) index = i;
    }
    if (index == groups.size()) {
        result.unknown_group = true;
        result.error = fmt::format("no group named \"{}\"; the groups are: {}", name,
                                   list_group_names(groups));
        return result;
    }
    Group group = groups[index];
    result.before = group;

    if (edit.new_name) {
        const std::string new_name(utf8::trim(*edit.new_name));
        if (new_name.empty()) {
            result.error = "the new name is empty";
            return result;
        }
        for (std::size_t i = 0; i < groups.size(); ++i) {
            if (i != index && groups[i].name == new_name) {
                result.error = fmt::format("there is already a group named \"{}\"", new_name);
                return result;
            }
        }
        group.name = new_name;
    }
    if (edit.table_label) group.table_label = utf8::trim(*edit.table_label);
    if (edit.capacity) {
        if (*edit.capacity < 0 || *edit.capacity > kMaxCapacity) {
            result.error = fmt::format("capacity must be from 0 (no limit) to {}, not {}",
                                       kMaxCapacity, *edit.capacity);
            return result;
        }
        group.capacity = *edit.capacity;
    }
    if (edit.facilitator) group.facilitator = utf8::trim(*edit.facilitator);
    if (edit.clear_position) {
        group.map_x.reset();
        group.map_y.reset();
    }
    if (edit.position) {
        const auto [x, y] = *edit.position;
        if (!(x >= 0.0 && x <= 1.0 && y >= 0.0 && y <= 1.0)) {
            result.error =
                fmt::format("a map position is two fractions from 0 to 1, not {}, {}", x, y);
            return result;
        }
        group.map_x = x;
        group.map_y = y;
    }

    const auto seated = seated_counts(store);
    if (const auto count = seated.find(group.id);
        group.capacity > 0 && count != seated.end() && count->second > group.capacity) {
        result.warnings.push_back(capacity_warning(group, count->second));
    }
    store.upsert_group(group, static_cast<int>(index));
    transaction.commit();
    result.after = group;
    return result;
}

}  // namespace uketsuke
