#include "kiosk/core/sync/hub_pull.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "kiosk/core/store/ids.hpp"
#include "kiosk/core/sync/hub_marks.hpp"
#include "kiosk/core/sync/hub_tables.hpp"
#include "kiosk/core/sync/merge.hpp"
#include "kiosk/core/sync/merge_clocks.hpp"

namespace uketsuke::hub {
namespace {

// Removes an SQLite file and its side files.
struct TempEventFile {
    std::string path;
    ~TempEventFile() {
        std::error_code ignored;
        for (const char* suffix : {"", "-wal", "-shm", "-journal"})
            std::filesystem::remove(path + suffix, ignored);
    }
};

// A delta of append-only logs only (check-ins, rejected scans, person log, staff attempts):
// what a busy event's syncs pull. Union by id, as the merge does them, straight into the local
// file in one transaction with the cursors, instead of a scratch event file and a whole merge
// (which loads every person and code of the event to settle edits no log row makes).
void pull_logs(Connection& conn, EventStore& store, const std::vector<bool>& asked,
               const std::vector<std::int64_t>& cursors, HubResult& result) {
    const std::vector<HubTable>& tables = hub_tables();
    // Everything is read from the hub before the local file is written: a check-in at this
    // kiosk must never wait for the local write lock while the hub is slow to answer.
    std::vector<ResultPtr> fetched(tables.size());
    conn.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    for (std::size_t i = 0; i < tables.size(); ++i) {
        if (asked[i]) fetched[i] = conn.exec(tables[i].hub_select, {std::to_string(cursors[i])});
    }
    conn.exec("COMMIT");

    sql::Database& db = store.database();
    std::vector<std::int64_t> newest = cursors;
    MergeCounts counts;
    std::int64_t pulled = 0;
    sql::Transaction transaction(db);
    for (std::size_t i = 0; i < tables.size(); ++i) {
        if (!fetched[i]) continue;
        const HubTable& table = tables[i];
        const ResultPtr& rows_of = fetched[i];
        const int n = rows(rows_of);
        const int width = static_cast<int>(table.columns.size());
        auto insert = db.prepare(table.local_insert);
        for (int r = 0; r < n; ++r) {
            for (int c = 0; c < width; ++c) {
                if (is_null(rows_of, r, c)) {
                    insert.bind_null(c + 1);
                } else {
                    insert.bind(c + 1, value(rows_of, r, c));
                }
            }
            insert.run();
            newest[i] = std::max(newest[i], integer(rows_of, r, width));
            if (db.changes() == 0) continue;  // already here: this kiosk's own, or merged before
            if (table.name == "checkins") {
                const std::string kind = value(rows_of, r, 2);
                ++(kind == "undo"    ? counts.undos
                   : kind == "leave" ? counts.leaves
                                     : counts.checkins);
            } else if (table.name == "rejected_scans") {
                ++counts.rejected_scans;
            } else if (table.name == "person_log") {
                ++counts.person_log;
            }
        }
        pulled += n;
    }
    // As the merge does: every clock of this file moves past the newest stamp in it.
    merging::Clocks clocks = merging::read_clocks(db);
    merging::advance_clocks(db, clocks);
    for (std::size_t i = 0; i < tables.size(); ++i) {
        if (newest[i] != cursors[i])
            store.set_setting(pull_cursor_key(tables[i].name), std::to_string(newest[i]));
    }
    transaction.commit();
    result.pulled_rows += pulled;
    result.merged += counts;
}

}  // namespace

void pull(Connection& conn, EventStore& store, int hub_version, bool keep_cursors,
          HubResult& result, const std::vector<std::int64_t>* newest_on_hub) {
    const std::vector<HubTable>& tables = hub_tables();
    std::vector<std::int64_t> cursors(tables.size(), 0);
    for (std::size_t i = 0; i < tables.size(); ++i) {
        if (keep_cursors) cursors[i] = integer_mark(store, pull_cursor_key(tables[i].name));
    }
    const auto asked = [&](std::size_t i) {
        return tables[i].since_version <= hub_version &&
               (!newest_on_hub || (*newest_on_hub)[i] > cursors[i]);
    };
    bool any = false;
    bool logs_only = newest_on_hub != nullptr && keep_cursors;
    std::vector<bool> asking(tables.size(), false);
    for (std::size_t i = 0; i < tables.size(); ++i) {
        asking[i] = asked(i);
        any = any || asking[i];
        if (asking[i] && tables[i].pushed != Pushed::ByRowid) logs_only = false;
    }
    if (!any) return;  // an idle sync: nothing new on the hub, and no scratch file made
    if (logs_only) {
        pull_logs(conn, store, asking, cursors, result);
        return;
    }
    std::vector<std::int64_t> newest = cursors;
    TempEventFile scratch{
        (std::filesystem::temp_directory_path() / fmt::format("uketsuke-hub-{}.db", random_id()))
            .string()};
    std::int64_t pulled = 0;
    {
        EventStore delta = EventStore::create(scratch.path, store.event());
        sql::Database& db = delta.database();
        // A delta names groups and people the local file already has.
        db.execute("PRAGMA foreign_keys = OFF");
        // A new file's default session is no row of the hub's: it must not reach the merge.
        db.execute("DELETE FROM sessions");
        sql::Transaction transaction(db);
        // One snapshot on the hub for all tables.
        conn.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
        for (std::size_t i = 0; i < tables.size(); ++i) {
            if (!asked(i)) continue;
            auto rows_of = conn.exec(tables[i].hub_select, {std::to_string(cursors[i])});
            const int n = rows(rows_of);
            const int width = static_cast<int>(tables[i].columns.size());
            auto insert = db.prepare(tables[i].local_insert);
            for (int r = 0; r < n; ++r) {
                for (int c = 0; c < width; ++c) {
                    if (is_null(rows_of, r, c)) {
                        insert.bind_null(c + 1);
                    } else {
                        insert.bind(c + 1, value(rows_of, r, c));
                    }
                }
                insert.run();
                newest[i] = std::max(newest[i], integer(rows_of, r, width));
            }
            pulled += n;
        }
        conn.exec("COMMIT");
        transaction.commit();
    }
    result.pulled_rows += pulled;
    if (pulled == 0) return;
    MergeResult merged = merge_into(store, {scratch.path});
    if (!merged.ok()) {
        throw HubFailure(HubErrorKind::Failed,
                         fmt::format("the rows from the hub could not be merged: {}",
                                     merged.errors.front().message));
    }
    result.merged += merged.total;
    if (!keep_cursors) return;
    sql::Transaction transaction(store.database());
    for (std::size_t i = 0; i < tables.size(); ++i) {
        if (newest[i] != cursors[i])
            store.set_setting(pull_cursor_key(tables[i].name), std::to_string(newest[i]));
    }
    transaction.commit();
}

}  // namespace uketsuke::hub
