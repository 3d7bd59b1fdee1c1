#pragma once
// The participants table's columns, written once. The store's reads and writes, the merge's
// copy and upsert and the hub's push and pull are generated from this table, so a column is
// added or dropped here and nowhere else, and no statement counts positions by hand.
//
// Two faces of a row: a Participant (the store's typed face: role and status as enums,
// extras parsed) and a ParticipantRow (the values as the table holds them, for the merge and
// the hub, which move rows between files without interpreting them).

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "kiosk/core/model/model.hpp"
#include "kiosk/core/store/sqlite.hpp"

namespace uketsuke {

enum class ParticipantField {
    Id,
    Name,
    Reading,
    Organization,
    Role,
    GroupId,
    Email,
    Status,
    Notes,
    Extras,
    TicketGeneration,
    Source,
    Position,
    ChangedStamp,
    ChangedBy,
};

enum class ColumnType { Text, Integer };

// How the merge and the hub combine two versions of one person.
enum class MergeRule {
    Key,         // the person's identity
    Stamp,       // (changed_stamp, changed_by), in this order, decide which version is newer
    LastWriter,  // taken from the newer version; breaks exact ties of the stamps, in order
    Greatest,    // the ticket generation: a re-issued ticket never goes back
};

struct ParticipantColumn {
    ParticipantField field;
    std::string_view name;
    ColumnType type;
    MergeRule rule;
    // group_id is a foreign key: NULL in the table when the person is not placed, "" outside.
    bool null_when_empty = false;
};

inline constexpr std::array kParticipantColumns{
    ParticipantColumn{ParticipantField::Id, "id", ColumnType::Text, MergeRule::Key},
    ParticipantColumn{ParticipantField::Name, "name", ColumnType::Text, MergeRule::LastWriter},
    ParticipantColumn{ParticipantField::Reading, "reading", ColumnType::Text,
                      MergeRule::LastWriter},
    ParticipantColumn{ParticipantField::Organization, "organization", ColumnType::Text,
                      MergeRule::LastWriter},
    ParticipantColumn{ParticipantField::Role, "role", ColumnType::Text, MergeRule::LastWriter},
    ParticipantColumn{ParticipantField::GroupId, "group_id", ColumnType::Text,
                      MergeRule::LastWriter, /*null_when_empty=*/true},
    ParticipantColumn{ParticipantField::Email, "email", ColumnType::Text, MergeRule::LastWriter},
    ParticipantColumn{ParticipantField::Status, "status", ColumnType::Text, MergeRule::LastWriter},
    ParticipantColumn{ParticipantField::Notes, "notes", ColumnType::Text, MergeRule::LastWriter},
    ParticipantColumn{ParticipantField::Extras, "extras", ColumnType::Text, MergeRule::LastWriter},
    ParticipantColumn{ParticipantField::TicketGeneration, "ticket_generation", ColumnType::Integer,
                      MergeRule::Greatest},
    ParticipantColumn{ParticipantField::Source, "source", ColumnType::Text, MergeRule::LastWriter},
    ParticipantColumn{ParticipantField::Position, "position", ColumnType::Integer,
                      MergeRule::LastWriter},
    ParticipantColumn{ParticipantField::ChangedStamp, "changed_stamp", ColumnType::Text,
                      MergeRule::Stamp},
    ParticipantColumn{ParticipantField::ChangedBy, "changed_by", ColumnType::Text,
                      MergeRule::Stamp},
};

inline constexpr std::size_t kParticipantColumnCount = kParticipantColumns.size();

// Where a field sits in every generated column list (0-based).
constexpr std::size_t participant_column(ParticipantField field) {
    for (std::size_t i = 0; i < kParticipantColumns.size(); ++i) {
        if (kParticipantColumns[i].field == field) return i;
    }
    return kParticipantColumns.size();
}

// ---- generated SQL (built once from the names above, never from data) -------------------

// "id, name, …": for INSERT column lists and the hub.
const std::string& participant_column_names();
// The same, as an SQLite SELECT list: NULL-when-empty columns read as "".
const std::string& participant_select_list();
// INSERT … ON CONFLICT (id) DO UPDATE of every column but the id. The store keeps a known
// person's roster position (it orders the roster and applies to new rows only); the merge
// takes the winning version's.
enum class PositionOnConflict { Keep, Take };
const std::string& participant_upsert_sql(PositionOnConflict position);

// ---- the typed face ---------------------------------------------------------------

// Binds every column from `first_index` (1-based) on; `position` fills the position column.
void bind_participant(sql::Statement& statement, const Participant& participant, int position,
                      int first_index = 1);
// Reads a row selected with participant_select_list(), starting at `first_column`.
Participant read_participant(const sql::Statement& row, int first_column = 0);

// ---- the raw face -----------------------------------------------------------------

// A column's value as stored: text or integer, as the column's type says. Compared by value.
using ColumnValue = std::variant<std::string, std::int64_t>;

class ParticipantRow {
public:
    ParticipantRow() = default;
    static ParticipantRow read(const sql::Statement& row, int first_column = 0);
    void bind(sql::Statement& statement, int first_index = 1) const;

    const ColumnValue& operator[](ParticipantField field) const {
        return values_[participant_column(field)];
    }
    ColumnValue& operator[](ParticipantField field) { return values_[participant_column(field)]; }
    const std::string& text(ParticipantField field) const {
        return std::get<std::string>((*this)[field]);
    }
    std::int64_t integer(ParticipantField field) const {
        return std::get<std::int64_t>((*this)[field]);
    }

    // Last writer wins: the Stamp columns, then the LastWriter ones, in table order. The
    // content only breaks exact ties of stamp and writer, so every order of merging picks
    // the same version.
    bool newer_than(const ParticipantRow& other) const;
    bool same_version(const ParticipantRow& other) const;
    // Every Greatest column raised to the other row's value where that is greater.
    void take_greatest(const ParticipantRow& other);

    bool operator==(const ParticipantRow&) const = default;

private:
    std::array<ColumnValue, kParticipantColumnCount> values_;
};

}  // namespace uketsuke
