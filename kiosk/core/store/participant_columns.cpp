#include "kiosk/core/store/participant_columns.hpp"

#include <fmt/format.h>

#include <compare>
#include <nlohmann/json.hpp>

namespace uketsuke {
namespace {

std::string joined(std::string (*piece)(const ParticipantColumn&)) {
    std::string out;
    for (const auto& column : kParticipantColumns) {
        if (!out.empty()) out += ", ";
        out += piece(column);
    }
    return out;
}

std::string extras_text(const Participant& p) {
    nlohmann::json extras = nlohmann::json::array();
    for (const auto& [key, value] : p.extras) extras.push_back({key, value});
    return extras.dump();
}

void read_extras(const std::string& text, Participant& p) {
    auto extras = nlohmann::json::parse(text, nullptr, false);
    if (!extras.is_array()) return;
    for (const auto& pair : extras) {
        if (pair.is_array() && pair.size() == 2 && pair[0].is_string() && pair[1].is_string())
            p.extras.emplace_back(pair[0].get<std::string>(), pair[1].get<std::string>());
    }
}

// Stamp columns first, then the LastWriter ones, each group in table order.
std::strong_ordering compare_versions(const ParticipantRow& a, const ParticipantRow& b) {
    for (MergeRule rule : {MergeRule::Stamp, MergeRule::LastWriter}) {
        for (const auto& column : kParticipantColumns) {
            if (column.rule != rule) continue;
            const ColumnValue& x = a[column.field];
            const ColumnValue& y = b[column.field];
            if (x < y) return std::strong_ordering::less;
            if (y < x) return std::strong_ordering::greater;
        }
    }
    return std::strong_ordering::equal;
}

}  // namespace

const std::string& participant_column_names() {
    static const std::string names =
        joined([](const ParticipantColumn& c) { return std::string(c.name); });
    return names;
}

const std::string& participant_select_list() {
    static const std::string list = joined([](const ParticipantColumn& c) {
        return c.null_when_empty ? fmt::format("coalesce({}, '')", c.name) : std::string(c.name);
    });
    return list;
}

const std::string& participant_upsert_sql(PositionOnConflict position) {
    const auto build = [](PositionOnConflict on_conflict) {
        std::string values;
        std::string sets;
        for (const auto& column : kParticipantColumns) {
            if (!values.empty()) values += ", ";
            values += column.null_when_empty ? "nullif(?, '')" : "?";
            if (column.rule == MergeRule::Key) continue;
            if (column.field == ParticipantField::Position &&
                on_conflict == PositionOnConflict::Keep)
                continue;
            if (!sets.empty()) sets += ", ";
            sets += fmt::format("{0} = excluded.{0}", column.name);
        }
        return fmt::format(
            "INSERT INTO participants ({}) VALUES ({}) ON CONFLICT (id) DO UPDATE SET {}",
            participant_column_names(), values, sets);
    };
    static const std::string keep = build(PositionOnConflict::Keep);
    static const std::string take = build(PositionOnConflict::Take);
    return position == PositionOnConflict::Keep ? keep : take;
}

void bind_participant(sql::Statement& statement, const Participant& p, int position,
                      int first_index) {
    int index = first_index;
    for (const auto& column : kParticipantColumns) {
        switch (column.field) {
            case ParticipantField::Id:
                statement.bind(index, p.id);
                break;
            case ParticipantField::Name:
                statement.bind(index, p.name);
                break;
            case ParticipantField::Reading:
                statement.bind(index, p.reading);
                break;
            case ParticipantField::Organization:
                statement.bind(index, p.organization);
                break;
            case ParticipantField::Role:
                statement.bind(index, to_string(p.role));
                break;
            case ParticipantField::GroupId:
                statement.bind(index, p.group_id);
                break;
            case ParticipantField::Email:
                statement.bind(index, p.email);
                break;
            case ParticipantField::Status:
                statement.bind(index, to_string(p.status));
                break;
            case ParticipantField::Notes:
                statement.bind(index, p.notes);
                break;
            case ParticipantField::Extras:
                statement.bind(index, extras_text(p));
                break;
            case ParticipantField::TicketGeneration:
                statement.bind(index, static_cast<std::int64_t>(p.ticket_generation));
                break;
            case ParticipantField::Source:
                statement.bind(index, p.source);
                break;
            case ParticipantField::Position:
                statement.bind(index, position);
                break;
            case ParticipantField::ChangedStamp:
                statement.bind(index, p.changed_stamp);
                break;
            case ParticipantField::ChangedBy:
                statement.bind(index, p.changed_by);
                break;
        }
        ++index;
    }
}

Participant read_participant(const sql::Statement& row, int first_column) {
    Participant p;
    int at = first_column;
    for (const auto& column : kParticipantColumns) {
        switch (column.field) {
            case ParticipantField::Id:
                p.id = row.text(at);
                break;
            case ParticipantField::Name:
                p.name = row.text(at);
                break;
            case ParticipantField::Reading:
                p.reading = row.text(at);
                break;
            case ParticipantField::Organization:
                p.organization = row.text(at);
                break;
            case ParticipantField::Role:
                p.role = role_from_string(row.text(at)).value_or(Role::Participant);
                break;
            case ParticipantField::GroupId:
                p.group_id = row.text(at);
                break;
            case ParticipantField::Email:
                p.email = row.text(at);
                break;
            case ParticipantField::Status:
                p.status =
                    status_from_string(row.text(at)).value_or(RegistrationStatus::Registered);
                break;
            case ParticipantField::Notes:
                p.notes = row.text(at);
                break;
            case ParticipantField::Extras:
                read_extras(row.text(at), p);
                break;
            case ParticipantField::TicketGeneration:
                p.ticket_generation = static_cast<std::uint32_t>(row.integer(at));
                break;
            case ParticipantField::Source:
                p.source = row.text(at);
                break;
            case ParticipantField::Position:  // the roster order: the query sorts by it
                break;
            case ParticipantField::ChangedStamp:
                p.changed_stamp = row.text(at);
                break;
            case ParticipantField::ChangedBy:
                p.changed_by = row.text(at);
                break;
        }
        ++at;
    }
    return p;
}

ParticipantRow ParticipantRow::read(const sql::Statement& row, int first_column) {
    ParticipantRow out;
    for (std::size_t i = 0; i < kParticipantColumns.size(); ++i) {
        const int at = first_column + static_cast<int>(i);
        if (kParticipantColumns[i].type == ColumnType::Integer) {
            out.values_[i] = row.integer(at);
        } else {
            out.values_[i] = row.text(at);
        }
    }
    return out;
}

void ParticipantRow::bind(sql::Statement& statement, int first_index) const {
    for (std::size_t i = 0; i < kParticipantColumns.size(); ++i) {
        const int index = first_index + static_cast<int>(i);
        std::visit([&](const auto& value) { statement.bind(index, value); }, values_[i]);
    }
}

bool ParticipantRow::newer_than(const ParticipantRow& other) const {
    return compare_versions(*this, other) == std::strong_ordering::greater;
}

bool ParticipantRow::same_version(const ParticipantRow& other) const {
    return compare_versions(*this, other) == std::strong_ordering::equal;
}

void ParticipantRow::take_greatest(const ParticipantRow& other) {
    for (std::size_t i = 0; i < kParticipantColumns.size(); ++i) {
        if (kParticipantColumns[i].rule == MergeRule::Greatest && values_[i] < other.values_[i])
            values_[i] = other.values_[i];
    }
}

}  // namespace uketsuke
