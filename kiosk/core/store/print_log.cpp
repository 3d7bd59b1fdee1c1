#include "kiosk/core/store/print_log.hpp"

#include <fmt/format.h>

#include "kiosk/core/model/utf8.hpp"
#include "kiosk/core/store/ids.hpp"

namespace uketsuke {
namespace {

constexpr const char* kColumns =
    "id, participant_id, layout, reason, printer, job_id, error, kiosk, staff, staff_name, "
    "wall_ms, stamp";

// Printer names and CUPS's messages are outside text: kept short and valid UTF-8.
std::string cleaned(std::string_view text, std::size_t max_bytes) {
    return std::string(utf8::cut(utf8::safe_text(text), max_bytes));
}

std::vector<PrintLogEntry> read_rows(sql::Statement& query) {
    std::vector<PrintLogEntry> rows;
    while (query.step()) {
        PrintLogEntry row;
        row.id = query.text(0);
        row.participant_id = query.text(1);
        row.layout = query.text(2);
        row.reason = query.text(3);
        row.printer = query.text(4);
        row.job_id = query.integer(5);
        row.error = query.text(6);
        row.kiosk = query.text(7);
        row.staff = query.text(8);
        row.staff_name = query.text(9);
        row.wall_ms = query.integer(10);
        row.stamp = query.text(11);
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace

bool append_print(EventStore& store, PrintLogEntry entry) {
    if (entry.id.empty()) entry.id = random_id();
    if (entry.stamp.empty()) entry.stamp = store.next_stamp(entry.kiosk, entry.wall_ms).to_string();
    sql::Database& db = store.database();
    auto insert = db.prepare(
        fmt::format("INSERT OR IGNORE INTO print_log ({}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                    "?, ?)",
                    kColumns));
    insert.bind_all(entry.id, entry.participant_id, cleaned(entry.layout, 200),
                    cleaned(entry.reason, 40), cleaned(entry.printer, 200), entry.job_id,
                    cleaned(entry.error, 500), entry.kiosk, entry.staff,
                    cleaned(entry.staff_name, 200), entry.wall_ms, entry.stamp);
    insert.run();
    return db.changes() > 0;
}

std::vector<PrintLogEntry> print_log(EventStore& store) {
    if (store.schema_version() < 8) return {};
    auto query = store.database().prepare(
        fmt::format("SELECT {} FROM print_log ORDER BY stamp, id", kColumns));
    return read_rows(query);
}

std::vector<PrintLogEntry> print_log_of(EventStore& store, const std::string& participant_id) {
    if (store.schema_version() < 8) return {};
    auto query = store.database().prepare(fmt::format(
        "SELECT {} FROM print_log WHERE participant_id = ? ORDER BY stamp, id", kColumns));
    query.bind(1, participant_id);
    return read_rows(query);
}

bool has_printed_tag(EventStore& store, const std::string& participant_id) {
    if (store.schema_version() < 8) return false;
    auto query = store.database().prepare(
        "SELECT 1 FROM print_log WHERE participant_id = ? AND error = '' LIMIT 1");
    query.bind(1, participant_id);
    return query.step();
}

std::set<std::string> people_with_printed_tag(EventStore& store) {
    std::set<std::string> people;
    if (store.schema_version() < 8) return people;
    auto query =
        store.database().prepare("SELECT DISTINCT participant_id FROM print_log WHERE error = ''");
    while (query.step()) people.insert(query.text(0));
    return people;
}

}  // namespace uketsuke
