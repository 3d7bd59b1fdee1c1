#include "kiosk/core/sync/hub_tables.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "kiosk/core/store/participant_columns.hpp"

namespace uketsuke::hub {
namespace {

HubColumn text(std::string name) { return {std::move(name), "text"}; }
HubColumn bigint(std::string name) { return {std::move(name), "bigint"}; }
HubColumn float8(std::string name) { return {std::move(name), "float8"}; }

std::vector<HubColumn> participant_columns() {
    std::vector<HubColumn> columns;
    for (const auto& column : kParticipantColumns) {
        columns.push_back({std::string(column.name),
                           column.type == ColumnType::Integer ? "bigint" : "text",
                           column.null_when_empty});
    }
    return columns;
}

// "prefix.a, prefix.b" over the columns [first, end).
std::string listed(const HubTable& table, std::size_t first, std::size_t end,
                   std::string_view prefix) {
    std::string out;
    for (std::size_t c = first; c < end; ++c)
        out += fmt::format("{}{}{}", out.empty() ? "" : ", ", prefix, table.columns[c].name);
    return out;
}

std::string assignments(const HubTable& table) {
    std::string out;
    for (std::size_t c = table.key_width; c < table.columns.size(); ++c)
        out += fmt::format("{0} = excluded.{0}, ", table.columns[c].name);
    return out;
}

// Participants: last writer wins by the Stamp columns, decided on the hub in one statement;
// a Greatest column (the ticket generation) only ever goes up. A changed row takes a new seq.
std::string last_writer_wins(const HubTable& table) {
    std::string excluded, held;
    for (const auto& column : kParticipantColumns) {
        if (column.rule != MergeRule::Stamp) continue;
        excluded += fmt::format("{}excluded.{}", excluded.empty() ? "" : ", ", column.name);
        held += fmt::format("{}t.{}", held.empty() ? "" : ", ", column.name);
    }
    const std::string newer = fmt::format("({}) > ({})", excluded, held);
    std::string sets, raised;
    for (const auto& column : kParticipantColumns) {
        if (column.rule == MergeRule::Key) continue;
        if (column.rule == MergeRule::Greatest) {
            sets += fmt::format("{0} = greatest(t.{0}, excluded.{0}), ", column.name);
            raised += fmt::format(" OR excluded.{0} > t.{0}", column.name);
        } else {
            sets += fmt::format("{0} = CASE WHEN {1} THEN excluded.{0} ELSE t.{0} END, ",
                                column.name, newer);
        }
    }
    return fmt::format("DO UPDATE SET {}seq = nextval('{}_seq_seq') WHERE {}{}", sets, table.name,
                       newer, raised);
}

std::string on_conflict(const HubTable& table) {
    const std::size_t all = table.columns.size();
    const std::string key = listed(table, 0, table.key_width, "");
    const std::string next_seq = fmt::format("seq = nextval('{}_seq_seq')", table.name);
    switch (table.conflict) {
        case Conflict::Ignore:
            return fmt::format("ON CONFLICT ({}) DO NOTHING", key);
        case Conflict::ReplaceWhenDiffers:
            return fmt::format(
                "ON CONFLICT ({}) DO UPDATE SET {}{} WHERE ({}) IS DISTINCT FROM ({})", key,
                assignments(table), next_seq, listed(table, table.key_width, all, "t."),
                listed(table, table.key_width, all, "excluded."));
        case Conflict::GreatestContent:
            return fmt::format("ON CONFLICT ({}) DO UPDATE SET {}{} WHERE ({}) > ({})", key,
                               assignments(table), next_seq,
                               listed(table, table.key_width, all, "excluded."),
                               listed(table, table.key_width, all, "t."));
        case Conflict::LastWriterWins:
            return fmt::format("ON CONFLICT ({}) {}", key, last_writer_wins(table));
    }
    throw std::logic_error("unknown hub conflict rule");
}

void generate(HubTable& table) {
    std::string arrays, placeholders;
    int index = 1;
    for (const auto& column : table.columns) {
        const bool first = table.column_names.empty();
        table.column_names += fmt::format("{}{}", first ? "" : ", ", column.name);
        table.local_select += fmt::format(
            "{}{}", first ? "" : ", ",
            column.null_when_empty ? fmt::format("coalesce({}, '')", column.name) : column.name);
        arrays += fmt::format("{}${}::{}[]", first ? "" : ", ", index++, column.type);
        placeholders +=
            fmt::format("{}{}", first ? "" : ", ", column.null_when_empty ? "nullif(?, '')" : "?");
    }
    table.hub_upsert = fmt::format("INSERT INTO {} AS t ({}) SELECT * FROM unnest({}) {}",
                                   table.name, table.column_names, arrays, on_conflict(table));
    table.hub_select = fmt::format("SELECT {}, seq FROM {} WHERE seq > $1 ORDER BY seq",
                                   table.column_names, table.name);
    table.local_insert = fmt::format("INSERT OR {} INTO {} ({}) VALUES ({})",
                                     table.local_replaces ? "REPLACE" : "IGNORE", table.name,
                                     table.column_names, placeholders);
}

std::vector<HubTable> build() {
    std::vector<HubTable> tables{
        {"ticket_keys",
         {text("public_key"), text("added_at")},
         1,
         Conflict::Ignore,
         Pushed::ByPublish},
        {"revoked_tickets",
         {text("participant_id"), bigint("generation")},
         2,
         Conflict::Ignore,
         Pushed::ByPublish},
        {"groups",
         {text("id"), text("name"), text("table_label"), bigint("capacity"), text("facilitator"),
          float8("map_x"), float8("map_y"), bigint("position")},
         1,
         Conflict::ReplaceWhenDiffers,
         Pushed::ByPublish,
         /*local_replaces=*/true},
        {"participants", participant_columns(), 1, Conflict::LastWriterWins, Pushed::ByStamp,
         /*local_replaces=*/true},
        {"codes",
         {text("code"), text("participant_id"), text("kind")},
         1,
         Conflict::GreatestContent,
         Pushed::WithPeople,
         /*local_replaces=*/true},
        // Hub schema 4: sessions and their lists, sent by `hub publish` and, edited since the
        // last push, by a sync (a walk-in at a kiosk joins the session's list); last writer
        // wins as in the merge, by the stamp and writer that come right after the key, then the
        // rest of the row.
        {"sessions",
         {text("id"), text("changed_stamp"), text("changed_by"), text("name"), text("date"),
          text("starts_at"), text("ends_at"), text("room"), bigint("opens_minutes_before"),
          bigint("late_grace_minutes"), bigint("records_leave"), text("makeup_of"),
          bigint("removed")},
         1,
         Conflict::GreatestContent,
         Pushed::ByStamp,
         /*local_replaces=*/true,
         /*since_version=*/4},
        {"session_expected",
         {text("session_id"), text("changed_stamp"), text("changed_by"), text("participant_ids")},
         1,
         Conflict::GreatestContent,
         Pushed::ByStamp,
         /*local_replaces=*/true,
         /*since_version=*/4},
        // Hub schema 5: a session's own seating, travelling like the sessions.
        {"session_seating",
         {text("session_id"), text("participant_id"), text("changed_stamp"), text("changed_by"),
          text("group_id"), text("table_label")},
         2,
         Conflict::GreatestContent,
         Pushed::ByStamp,
         /*local_replaces=*/true,
         /*since_version=*/5},
        {"checkins",
         {text("id"), text("participant_id"), text("kind"), text("undoes"), text("method"),
          text("kiosk"), text("staff"), bigint("wall_ms"), text("stamp"), text("session_id")}},
        {"rejected_scans",
         {text("id"), text("code"), text("reason"), text("kiosk"), bigint("wall_ms"), text("stamp"),
          text("session_id")}},
        // Hub schema 2. A hub still at 1 has no person log: kiosks sync everything else, keep
        // their log rows unpushed (the mark stays) and send them once the hub is upgraded.
        {"person_log",
         {text("id"), text("participant_id"), text("action"), text("detail"), text("kiosk"),
          text("staff"), text("staff_name"), bigint("wall_ms"), text("stamp")},
         1,
         Conflict::Ignore,
         Pushed::ByRowid,
         false,
         /*since_version=*/2},
        // Hub schema 6: every PIN typed at a kiosk, so a lockout holds at every kiosk.
        {"staff_attempts",
         {text("id"), text("staff_id"), text("outcome"), text("kiosk"), bigint("wall_ms"),
          text("stamp")},
         1,
         Conflict::Ignore,
         Pushed::ByRowid,
         false,
         /*since_version=*/6},
        // Hub schema 7: every name tag printed, so "print once" holds at every kiosk. A hub
        // still at 6 syncs everything else; the rows wait (their mark stays) until `hub init`.
        {"print_log",
         {text("id"), text("participant_id"), text("layout"), text("reason"), text("printer"),
          bigint("job_id"), text("error"), text("kiosk"), text("staff"), text("staff_name"),
          bigint("wall_ms"), text("stamp")},
         1,
         Conflict::Ignore,
         Pushed::ByRowid,
         false,
         /*since_version=*/7},
    };
    for (auto& table : tables) generate(table);
    return tables;
}

}  // namespace

const std::vector<HubTable>& hub_tables() {
    static const std::vector<HubTable> tables = build();
    return tables;
}

std::size_t HubTable::stamp_column() const {
    for (std::size_t c = 0; c < columns.size(); ++c) {
        if (columns[c].name == "changed_stamp") return c;
    }
    throw std::logic_error(fmt::format("hub table {} has no changed_stamp", name));
}

const HubTable& hub_table(std::string_view name) {
    for (const auto& table : hub_tables()) {
        if (table.name == name) return table;
    }
    throw std::logic_error(fmt::format("no hub table {}", name));
}

}  // namespace uketsuke::hub
