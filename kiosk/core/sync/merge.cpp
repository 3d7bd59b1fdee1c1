#include "kiosk/core/sync/merge.hpp"

#include <fmt/format.h>

#include <memory>
#include <optional>
#include <tuple>
#include <unordered_map>

#include "kiosk/core/store/hlc.hpp"
#include "kiosk/core/store/participant_columns.hpp"
#include "kiosk/core/store/schema.hpp"
#include "kiosk/core/sync/merge_clocks.hpp"
#include "kiosk/core/sync/merge_input.hpp"

namespace uketsuke {
namespace {

using merging::advance_clocks;
using merging::Clocks;
using merging::has_seen;
using merging::naming;
using merging::open_input;
using merging::OpenInput;
using merging::read_clocks;
using merging::take_max;

// ---- the target's tables, kept in memory for the length of the merge -------------

// Inputs of every schema still hold every column the table lists (search_key, dropped in
// schema 3, is simply not read), so one statement reads them all.
const std::string& select_people() {
    static const std::string sql =
        fmt::format("SELECT {} FROM participants", participant_select_list());
    return sql;
}

struct GroupRow {
    std::string id, name, table_label;
    std::int64_t capacity = 0;
    std::string facilitator;
    std::optional<double> map_x, map_y;
    std::int64_t position = 0;

    auto content() const {
        return std::tie(name, table_label, capacity, facilitator, map_x, map_y, position);
    }
};

struct CodeRow {
    std::string participant_id, kind;
    auto content() const { return std::tie(participant_id, kind); }
};

struct StaffRow {
    std::string name, role, pin_hash;
    auto content() const { return std::tie(name, role, pin_hash); }
};

class TargetTables {
public:
    explicit TargetTables(sql::Database& db) : db_(db) {
        auto people = db_.prepare(select_people());
        while (people.step()) {
            ParticipantRow p = ParticipantRow::read(people);
            std::string id = p.text(ParticipantField::Id);
            people_.emplace(std::move(id), std::move(p));
        }
        auto codes = db_.prepare("SELECT code, participant_id, kind FROM codes");
        while (codes.step()) codes_.emplace(codes.text(0), CodeRow{codes.text(1), codes.text(2)});
        auto groups = db_.prepare(
            "SELECT id, name, table_label, capacity, facilitator, map_x, map_y, position FROM "
            "groups");
        while (groups.step()) {
            GroupRow g = read_group(groups);
            group_by_name_[g.name] = g.id;
            std::string id = g.id;
            groups_.emplace(std::move(id), std::move(g));
        }
        auto staff = db_.prepare("SELECT id, name, role, pin_hash FROM staff");
        while (staff.step())
            staff_.emplace(staff.text(0), StaffRow{staff.text(1), staff.text(2), staff.text(3)});
        clocks_ = read_clocks(db_);
    }

    static GroupRow read_group(const sql::Statement& row) {
        GroupRow g;
        g.id = row.text(0);
        g.name = row.text(1);
        g.table_label = row.text(2);
        g.capacity = row.integer(3);
        g.facilitator = row.text(4);
        if (!row.is_null(5)) g.map_x = row.real(5);
        if (!row.is_null(6)) g.map_y = row.real(6);
        g.position = row.integer(7);
        return g;
    }

    // Group names are unique. Two ids under one name (a group made twice, or renamed in
    // one file and re-created in another): the greater id takes a suffix, whichever
    // arrives first, so the outcome does not depend on the order of the files.
    void merge_group(GroupRow incoming) {
        const auto existing = groups_.find(incoming.id);
        if (existing != groups_.end() && incoming.content() <= existing->second.content()) return;
        const auto holder = group_by_name_.find(incoming.name);
        if (holder != group_by_name_.end() && holder->second != incoming.id) {
            if (holder->second > incoming.id) {
                GroupRow moved = groups_.at(holder->second);
                moved.name = fmt::format("{} ({})", moved.name, moved.id);
                write_group(moved);
            } else {
                incoming.name = fmt::format("{} ({})", incoming.name, incoming.id);
                if (existing != groups_.end() && incoming.content() <= existing->second.content())
                    return;
            }
        }
        write_group(incoming);
    }

    void merge_person(const ParticipantRow& incoming, const Clocks& source_clocks,
                      MergeCounts& counts) {
        const std::string& id = incoming.text(ParticipantField::Id);
        const auto existing = people_.find(id);
        if (existing == people_.end()) {
            write_person(incoming);
            ++counts.participants;
            if (incoming.text(ParticipantField::Source) == "walk-in") ++counts.walk_ins;
            people_.emplace(id, incoming);
            return;
        }
        const ParticipantRow& current = existing->second;
        const bool incoming_wins = incoming.newer_than(current);
        // A conflict whichever side wins: the loser's change was made without seeing the winner's.
        if (!incoming.same_version(current)) {
            const bool seen =
                incoming_wins
                    ? has_seen(source_clocks, current.text(ParticipantField::ChangedStamp))
                    : has_seen(clocks_, incoming.text(ParticipantField::ChangedStamp));
            if (!seen) ++counts.conflicts;
        }
        ParticipantRow merged = incoming_wins ? incoming : current;
        merged.take_greatest(incoming_wins ? current : incoming);
        if (merged == current) return;
        ++counts.edits;
        write_person(merged);
        existing->second = std::move(merged);
    }

    // One code claimed by two people (a re-import mapped it elsewhere): the greatest
    // (participant, kind) keeps it, a choice every order of merging makes alike.
    void merge_code(const std::string& code, const CodeRow& incoming) {
        const auto existing = codes_.find(code);
        if (existing != codes_.end() && incoming.content() <= existing->second.content()) return;
        auto upsert = db_.prepare(
            "INSERT INTO codes (code, participant_id, kind) VALUES (?, ?, ?) "
            "ON CONFLICT (code) DO UPDATE SET participant_id = excluded.participant_id, kind = "
            "excluded.kind");
        upsert.bind_all(code, incoming.participant_id, incoming.kind);
        upsert.run();
        codes_[code] = incoming;
    }

    // Staff accounts travel so a merged file still opens staff mode; their lockouts travel as
    // the staff attempt log (merge_log).
    void merge_staff(const std::string& id, const StaffRow& incoming) {
        const auto existing = staff_.find(id);
        if (existing != staff_.end() && incoming.content() <= existing->second.content()) return;
        auto upsert = db_.prepare(
            "INSERT INTO staff (id, name, role, pin_hash) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO "
            "UPDATE SET "
            "name = excluded.name, role = excluded.role, pin_hash = excluded.pin_hash");
        upsert.bind_all(id, incoming.name, incoming.role, incoming.pin_hash);
        upsert.run();
        staff_[id] = incoming;
    }

    Clocks& clocks() { return clocks_; }

private:
    void write_group(const GroupRow& g) {
        const auto old = groups_.find(g.id);
        if (old != groups_.end() && old->second.name != g.name)
            group_by_name_.erase(old->second.name);
        write_group_row(db_,
                        Group{g.id, g.name, g.table_label, static_cast<int>(g.capacity),
                              g.facilitator, g.map_x, g.map_y},
                        static_cast<int>(g.position));
        group_by_name_[g.name] = g.id;
        groups_[g.id] = g;
    }

    void write_person(const ParticipantRow& p) {
        auto upsert = db_.prepare(participant_upsert_sql(PositionOnConflict::Take));
        p.bind(upsert);
        upsert.run();
    }

    sql::Database& db_;
    std::unordered_map<std::string, ParticipantRow> people_;
    std::unordered_map<std::string, CodeRow> codes_;
    std::unordered_map<std::string, GroupRow> groups_;
    std::unordered_map<std::string, std::string> group_by_name_;
    std::unordered_map<std::string, StaffRow> staff_;
    Clocks clocks_;
};

// ---- one input into the target ----------------------------------------------------

int schema_of(sql::Database& db) {
    auto query = db.prepare("PRAGMA user_version");
    return query.step() ? static_cast<int>(query.integer(0)) : 0;
}

// Sessions, their expected lists and their own seating: last writer wins by (stamp, writer,
// content), the order every file and every merge order agree on. Every table lists the key
// first and the stamp and writer last, so the comparison is the stamp, the writer, then the row
// as read.
struct LastWriterColumn {
    const char* name;
    bool integer = false;
};

struct LastWriterTable {
    const char* name;
    std::vector<const char*> key;
    std::vector<LastWriterColumn> content;  // after the key, before changed_stamp and changed_by
    int since_schema = 4;                   // the event-file schema that added the table
    int MergeCounts::*counted = &MergeCounts::sessions;
};

const std::vector<LastWriterTable>& last_writer_tables() {
    static const std::vector<LastWriterTable> tables{
        {"sessions",
         {"id"},
         {{"name"},
          {"date"},
          {"starts_at"},
          {"ends_at"},
          {"room"},
          {"opens_minutes_before", true},
          {"late_grace_minutes", true},
          {"records_leave", true},
          {"makeup_of"},
          {"removed", true}}},
        {"session_expected", {"session_id"}, {{"participant_ids"}}},
        {"session_seating",
         {"session_id", "participant_id"},
         {{"group_id"}, {"table_label"}},
         /*since_schema=*/6,
         &MergeCounts::seats},
    };
    return tables;
}

void merge_last_writer(sql::Database& source, sql::Database& target, MergeCounts& counts) {
    const int source_schema = schema_of(source);
    for (const auto& table : last_writer_tables()) {
        if (table.since_schema > source_schema) continue;  // an older input read as it is
        const int key_width = static_cast<int>(table.key.size());
        std::string columns;
        std::string match;
        for (const char* key : table.key) {
            columns += fmt::format("{}{}", columns.empty() ? "" : ", ", key);
            match += fmt::format("{}{} = ?", match.empty() ? "" : " AND ", key);
        }
        for (const auto& column : table.content) columns += fmt::format(", {}", column.name);
        columns += ", changed_stamp, changed_by";
        const int width = static_cast<int>(table.content.size()) + key_width + 2;
        const int stamp_at = width - 2;
        auto rows = source.prepare(fmt::format("SELECT {} FROM {}", columns, table.name));
        auto held =
            target.prepare(fmt::format("SELECT {} FROM {} WHERE {}", columns, table.name, match));
        std::string placeholders = "?";
        for (int c = 1; c < width; ++c) placeholders += ", ?";
        auto write = target.prepare(fmt::format("INSERT OR REPLACE INTO {} ({}) VALUES ({})",
                                                table.name, columns, placeholders));
        // Integers compare as their text here: content only breaks exact ties of the stamp,
        // and both sides of every comparison are read alike.
        auto version = [&](const sql::Statement& row) {
            std::vector<std::string> v{row.text(stamp_at), row.text(stamp_at + 1)};
            for (int c = 0; c < stamp_at; ++c) v.push_back(row.text(c));
            return v;
        };
        while (rows.step()) {
            held.reset();
            for (int k = 0; k < key_width; ++k) held.bind(k + 1, rows.text(k));
            if (held.step() && version(rows) <= version(held)) continue;
            write.reset();
            for (int c = 0; c < width; ++c) {
                const bool integer =
                    c >= key_width && c < stamp_at && table.content[c - key_width].integer;
                if (integer) {
                    write.bind(c + 1, rows.integer(c));
                } else {
                    write.bind(c + 1, rows.text(c));
                }
            }
            write.run();
            ++(counts.*table.counted);
        }
    }
}

// The log tables are unions: a row whose id is already there is the same row.
void merge_log(sql::Database& source, sql::Database& target, MergeCounts& counts) {
    // An input of schema 3 or older (read as it is) had one session: its rows belong to it.
    const bool has_sessions = schema_of(source) >= 4;
    auto rows = source.prepare(fmt::format(
        "SELECT id, participant_id, kind, undoes, method, kiosk, staff, wall_ms, stamp, {} FROM "
        "checkins",
        has_sessions ? "session_id" : fmt::format("'{}'", kDefaultSessionId)));
    auto insert = target.prepare(
        "INSERT OR IGNORE INTO checkins (id, participant_id, kind, undoes, method, kiosk, staff, "
        "wall_ms, stamp, session_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    while (rows.step()) {
        const std::string kind = rows.text(2);
        insert.bind_all(rows.text(0), rows.text(1), kind, rows.text(3), rows.text(4), rows.text(5),
                        rows.text(6), rows.integer(7), rows.text(8), rows.text(9));
        insert.run();
        if (target.changes() > 0)
            ++(kind == "undo" ? counts.undos : kind == "leave" ? counts.leaves : counts.checkins);
    }

    auto scans = source.prepare(
        fmt::format("SELECT id, code, reason, kiosk, wall_ms, stamp, {} FROM rejected_scans",
                    has_sessions ? "session_id" : fmt::format("'{}'", kDefaultSessionId)));
    auto insert_scan = target.prepare(
        "INSERT OR IGNORE INTO rejected_scans (id, code, reason, kiosk, wall_ms, stamp, "
        "session_id) VALUES (?, ?, ?, ?, ?, ?, ?)");
    while (scans.step()) {
        insert_scan.bind_all(scans.text(0), scans.text(1), scans.text(2), scans.text(3),
                             scans.integer(4), scans.text(5), scans.text(6));
        insert_scan.run();
        if (target.changes() > 0) ++counts.rejected_scans;
    }
    if (has_sessions) merge_last_writer(source, target, counts);

    // An input of schema 1 (read as it is, not migrated) has no person log yet.
    auto has_log =
        source.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'person_log'");
    if (has_log.step()) {
        auto log = source.prepare(
            "SELECT id, participant_id, action, detail, kiosk, staff, staff_name, wall_ms, stamp "
            "FROM person_log");
        auto insert_log = target.prepare(
            "INSERT OR IGNORE INTO person_log (id, participant_id, action, detail, kiosk, staff, "
            "staff_name, "
            "wall_ms, stamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        while (log.step()) {
            insert_log.bind_all(log.text(0), log.text(1), log.text(2), log.text(3), log.text(4),
                                log.text(5), log.text(6), log.integer(7), log.text(8));
            insert_log.run();
            if (target.changes() > 0) ++counts.person_log;
        }
    }

    // PINs typed at every kiosk: a union like the check-in log, so wrong PINs at several
    // kiosks add up to one lockout (staff.hpp folds them). Inputs before schema 4 have none.
    auto has_attempts = source.prepare(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'staff_attempts'");
    if (has_attempts.step()) {
        auto attempts = source.prepare(
            "SELECT id, staff_id, outcome, kiosk, wall_ms, stamp FROM staff_attempts");
        auto insert_attempt = target.prepare(
            "INSERT OR IGNORE INTO staff_attempts (id, staff_id, outcome, kiosk, wall_ms, stamp) "
            "VALUES (?, ?, ?, ?, ?, ?)");
        while (attempts.step()) {
            insert_attempt.bind_all(attempts.text(0), attempts.text(1), attempts.text(2),
                                    attempts.text(3), attempts.integer(4), attempts.text(5));
            insert_attempt.run();
        }
    }

    // Name tags printed at every kiosk: a union, so "print once" holds wherever the files meet.
    // Inputs before schema 8 have none.
    auto has_prints =
        source.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'print_log'");
    if (has_prints.step()) {
        constexpr const char* kPrintColumns =
            "id, participant_id, layout, reason, printer, job_id, error, kiosk, staff, "
            "staff_name, wall_ms, stamp";
        auto prints = source.prepare(fmt::format("SELECT {} FROM print_log", kPrintColumns));
        auto insert_print = target.prepare(fmt::format(
            "INSERT OR IGNORE INTO print_log ({}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            kPrintColumns));
        while (prints.step()) {
            insert_print.bind_all(prints.text(0), prints.text(1), prints.text(2), prints.text(3),
                                  prints.text(4), prints.integer(5), prints.text(6), prints.text(7),
                                  prints.text(8), prints.text(9), prints.integer(10),
                                  prints.text(11));
            insert_print.run();
        }
    }

    auto revoked = source.prepare("SELECT participant_id, generation FROM revoked_tickets");
    auto insert_revoked = target.prepare(
        "INSERT OR IGNORE INTO revoked_tickets (participant_id, generation) VALUES (?, ?)");
    while (revoked.step()) {
        insert_revoked.bind_all(revoked.text(0), revoked.integer(1));
        insert_revoked.run();
    }

    // A key's added_at is the earliest any file saw it, so it does not depend on the order.
    auto keys = source.prepare("SELECT public_key, added_at FROM ticket_keys");
    auto insert_key = target.prepare(
        "INSERT INTO ticket_keys (public_key, added_at) VALUES (?, ?) ON CONFLICT (public_key) DO "
        "UPDATE SET "
        "added_at = excluded.added_at WHERE CAST(excluded.added_at AS INTEGER) < CAST(added_at AS "
        "INTEGER)");
    while (keys.step()) {
        insert_key.bind_all(keys.text(0), keys.text(1));
        insert_key.run();
    }
}

MergeCounts merge_one(sql::Database& source, sql::Database& target, TargetTables& tables) {
    MergeCounts counts;
    // Groups before people and people before codes: the foreign keys point that way.
    {
        auto groups = source.prepare(
            "SELECT id, name, table_label, capacity, facilitator, map_x, map_y, position FROM "
            "groups");
        while (groups.step()) tables.merge_group(TargetTables::read_group(groups));
    }
    const Clocks source_clocks = read_clocks(source);
    {
        auto people = source.prepare(select_people());
        while (people.step())
            tables.merge_person(ParticipantRow::read(people), source_clocks, counts);
    }
    {
        auto codes = source.prepare("SELECT code, participant_id, kind FROM codes");
        while (codes.step())
            tables.merge_code(codes.text(0), CodeRow{codes.text(1), codes.text(2)});
    }
    {
        auto staff = source.prepare("SELECT id, name, role, pin_hash FROM staff");
        while (staff.step())
            tables.merge_staff(staff.text(0),
                               StaffRow{staff.text(1), staff.text(2), staff.text(3)});
    }
    merge_log(source, target, counts);
    take_max(tables.clocks(), source_clocks);
    return counts;
}

}  // namespace

MergeCounts& MergeCounts::operator+=(const MergeCounts& other) {
    checkins += other.checkins;
    undos += other.undos;
    leaves += other.leaves;
    sessions += other.sessions;
    seats += other.seats;
    rejected_scans += other.rejected_scans;
    person_log += other.person_log;
    participants += other.participants;
    walk_ins += other.walk_ins;
    edits += other.edits;
    conflicts += other.conflicts;
    return *this;
}

MergeResult merge_into(EventStore& target, const std::vector<std::string>& input_paths,
                       const MergeOptions& options) {
    MergeResult result;
    const EventInfo target_event = target.event();

    // Check every input before writing anything, so one run names every bad file.
    std::vector<std::unique_ptr<OpenInput>> inputs;
    for (const auto& path : input_paths) {
        if (auto input = open_input(path, target_event, target.path(), result.errors)) {
            inputs.push_back(std::move(input));
        }
    }
    if (!result.ok()) return result;

    sql::Database& db = target.database();
    // The whole merge is one transaction: with SQLite's default 2 MB page cache, 50,000
    // check-ins spill dirty pages to the WAL halfway through; a bigger cache for this
    // connection keeps them in memory until the commit.
    sql::CacheSizeScope cache(db, std::int64_t{64} * 1024 * 1024);
    sql::Transaction transaction(db);
    TargetTables tables(db);
    for (auto& input : inputs) {
        try {
            MergedFile merged{input->path, merge_one(input->store.database(), db, tables)};
            result.total += merged.counts;
            result.files.push_back(std::move(merged));
        } catch (const std::exception& error) {
            // Read errors surface here (a page lost after the check); the target rolls back.
            result.errors.push_back(
                {input->path, naming(input->path, fmt::format("{} could not be merged: {}",
                                                              input->path, error.what()))});
            result.files.clear();
            result.total = {};
            return result;
        }
    }
    advance_clocks(db, tables.clocks());
    if (!options.dry_run) transaction.commit();
    return result;
}

}  // namespace uketsuke
