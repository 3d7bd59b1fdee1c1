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
    for (std::size_t i = 0; i < tables.size(); ++i) any = any || asked(i);
    if (!any) return;  // an idle sync: nothing new on the hub, and no scratch file made
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
