#include "kiosk/core/roster/search_index.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kiosk/core/roster/search_terms.hpp"

namespace uketsuke {
namespace search_index {
namespace {

// Bump when the terms a person gets change: every file is then re-indexed on its next search.
constexpr std::string_view kIndexVersion = "4";
constexpr const char* kIndexVersionKey = "search.index";
// Beyond this many changed people, one rebuild is cheaper than updating them one by one.
constexpr std::int64_t kMaxIncremental = 2000;

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS search_terms (
    kind           INTEGER NOT NULL,
    term           TEXT NOT NULL,
    position       INTEGER NOT NULL,
    participant_id TEXT NOT NULL,
    field          INTEGER NOT NULL,
    PRIMARY KEY (kind, term, position, participant_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS search_people (
    participant_id TEXT PRIMARY KEY,
    position       INTEGER NOT NULL,
    terms          TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS search_people_position ON search_people(position, participant_id);
-- No key on purpose: a conflict clause inside a trigger is overridden by the outer statement's
-- (an upsert's ON CONFLICT included), so the triggers only ever append; readers use DISTINCT.
CREATE TABLE IF NOT EXISTS search_dirty (participant_id TEXT NOT NULL);
CREATE TRIGGER IF NOT EXISTS search_dirty_participant_insert AFTER INSERT ON participants
BEGIN INSERT INTO search_dirty VALUES (new.id); END;
CREATE TRIGGER IF NOT EXISTS search_dirty_participant_update AFTER UPDATE ON participants
BEGIN INSERT INTO search_dirty VALUES (new.id);
      INSERT INTO search_dirty SELECT old.id WHERE old.id <> new.id; END;
CREATE TRIGGER IF NOT EXISTS search_dirty_participant_delete AFTER DELETE ON participants
BEGIN INSERT INTO search_dirty VALUES (old.id); END;
CREATE TRIGGER IF NOT EXISTS search_dirty_code_insert AFTER INSERT ON codes
BEGIN INSERT INTO search_dirty VALUES (new.participant_id); END;
CREATE TRIGGER IF NOT EXISTS search_dirty_code_update AFTER UPDATE ON codes
BEGIN INSERT INTO search_dirty VALUES (new.participant_id);
      INSERT INTO search_dirty SELECT old.participant_id WHERE old.participant_id <> new.participant_id; END;
CREATE TRIGGER IF NOT EXISTS search_dirty_code_delete AFTER DELETE ON codes
BEGIN INSERT INTO search_dirty VALUES (old.participant_id); END;
)sql";
constexpr int kTriggerCount = 6;

bool is_read_only(sql::Database& db) { return sqlite3_db_readonly(db.handle(), "main") == 1; }

bool index_current(sql::Database& db) {
    {
        auto version = db.prepare("SELECT value FROM settings WHERE key = ?");
        version.bind(1, kIndexVersionKey);
        if (!version.step() || version.text(0) != kIndexVersion) return false;
    }
    auto triggers = db.prepare(
        "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name GLOB 'search_dirty_*'");
    triggers.step();
    return triggers.integer(0) == kTriggerCount;
}

void delete_person(sql::Database& db, const std::string& participant_id) {
    auto stored = db.prepare("SELECT position, terms FROM search_people WHERE participant_id = ?");
    stored.bind(1, participant_id);
    if (!stored.step()) return;
    const std::int64_t position = stored.integer(0);
    const std::string terms = stored.text(1);
    auto remove = db.prepare(
        "DELETE FROM search_terms WHERE kind = ? AND term = ? AND position = ? AND participant_id "
        "= ?");
    std::size_t start = 0;
    while (start < terms.size()) {
        std::size_t end = terms.find('\n', start);
        if (end == std::string::npos) end = terms.size();
        if (end - start > 2) {
            remove.bind(1, terms[start] - '0')
                .bind(2, std::string_view(terms).substr(start + 2, end - start - 2))
                .bind(3, position)
                .bind(4, participant_id);
            remove.run();
            remove.reset();
        }
        start = end + 1;
    }
    auto forget = db.prepare("DELETE FROM search_people WHERE participant_id = ?");
    forget.bind(1, participant_id);
    forget.run();
}

std::optional<PersonSource> load_person(sql::Database& db, const std::string& participant_id) {
    auto query = db.prepare(
        "SELECT id, name, reading, organization, position FROM participants WHERE id = ?");
    query.bind(1, participant_id);
    if (!query.step()) return std::nullopt;
    PersonSource person{query.text(0), query.text(1),    query.text(2),
                        query.text(3), query.integer(4), {}};
    auto codes = db.prepare("SELECT code FROM codes WHERE participant_id = ?");
    codes.bind(1, participant_id);
    while (codes.step()) person.codes.push_back(codes.text(0));
    return person;
}

void insert_person(sql::Database& db, const PersonSource& person,
                   const std::vector<TermRow>& rows) {
    auto insert = db.prepare(
        "INSERT OR IGNORE INTO search_terms (kind, term, position, participant_id, field) VALUES "
        "(?, ?, ?, ?, ?)");
    for (const auto& row : rows) {
        insert.bind(1, row.kind)
            .bind(2, row.term)
            .bind(3, person.position)
            .bind(4, person.id)
            .bind(5, row.field);
        insert.run();
        insert.reset();
    }
    auto remember = db.prepare(
        "INSERT OR REPLACE INTO search_people (participant_id, position, terms) VALUES (?, ?, ?)");
    remember.bind(1, person.id).bind(2, person.position).bind(3, encode_rows(rows));
    remember.run();
}

void reindex_person(sql::Database& db, const std::string& participant_id) {
    delete_person(db, participant_id);
    if (auto person = load_person(db, participant_id)) insert_person(db, *person, rows_of(*person));
}

void rebuild_in_transaction(sql::Database& db) {
    db.execute(kSchema);
    db.execute("DELETE FROM search_terms; DELETE FROM search_people; DELETE FROM search_dirty;");

    std::vector<PersonSource> people;
    std::unordered_map<std::string, std::size_t> index_of;
    {
        auto query =
            db.prepare("SELECT id, name, reading, organization, position FROM participants");
        while (query.step()) {
            index_of.emplace(query.text(0), people.size());
            people.push_back(
                {query.text(0), query.text(1), query.text(2), query.text(3), query.integer(4), {}});
        }
    }
    {
        auto query = db.prepare("SELECT participant_id, code FROM codes");
        while (query.step()) {
            auto at = index_of.find(query.text(0));
            if (at != index_of.end()) people[at->second].codes.push_back(query.text(1));
        }
    }

    // Rows go in sorted by primary key: appending to a B-tree is several times faster than
    // inserting at random places. Terms live in one arena to keep ~2 million rows small.
    struct Row {
        std::uint32_t offset;
        std::uint32_t length;
        std::uint32_t person;
        std::uint8_t kind;
        std::uint8_t field;
    };
    std::string arena;
    std::vector<Row> rows;
    rows.reserve(people.size() * 20);
    {
        auto remember = db.prepare(
            "INSERT INTO search_people (participant_id, position, terms) VALUES (?, ?, ?)");
        for (std::size_t p = 0; p < people.size(); ++p) {
            const std::vector<TermRow> person_rows = rows_of(people[p]);
            for (const auto& row : person_rows) {
                rows.push_back(
                    Row{static_cast<std::uint32_t>(arena.size()),
                        static_cast<std::uint32_t>(row.term.size()), static_cast<std::uint32_t>(p),
                        static_cast<std::uint8_t>(row.kind), static_cast<std::uint8_t>(row.field)});
                arena += row.term;
            }
            remember.bind(1, people[p].id)
                .bind(2, people[p].position)
                .bind(3, encode_rows(person_rows));
            remember.run();
            remember.reset();
        }
    }
    auto term_of = [&arena](const Row& row) {
        return std::string_view(arena).substr(row.offset, row.length);
    };
    std::sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) {
        if (a.kind != b.kind) return a.kind < b.kind;
        const int order = term_of(a).compare(term_of(b));
        if (order != 0) return order < 0;
        if (people[a.person].position != people[b.person].position) {
            return people[a.person].position < people[b.person].position;
        }
        return people[a.person].id < people[b.person].id;
    });
    auto insert = db.prepare(
        "INSERT OR IGNORE INTO search_terms (kind, term, position, participant_id, field) VALUES "
        "(?, ?, ?, ?, ?)");
    for (const Row& row : rows) {
        const PersonSource& person = people[row.person];
        insert.bind(1, static_cast<int>(row.kind))
            .bind(2, term_of(row))
            .bind(3, person.position)
            .bind(4, person.id)
            .bind(5, static_cast<int>(row.field));
        insert.run();
        insert.reset();
    }
    auto version = db.prepare(
        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = "
        "excluded.value");
    version.bind(1, kIndexVersionKey).bind(2, kIndexVersion);
    version.run();
}

}  // namespace

void refresh(sql::Database& db) {
    if (is_read_only(db)) return;
    if (!index_current(db)) {
        sql::Transaction transaction(db);
        rebuild_in_transaction(db);
        transaction.commit();
        return;
    }
    {
        auto any = db.prepare("SELECT EXISTS (SELECT 1 FROM search_dirty)");
        any.step();
        if (any.integer(0) == 0) return;
    }
    sql::Transaction transaction(db);
    std::vector<std::string> dirty;
    {
        auto query = db.prepare("SELECT DISTINCT participant_id FROM search_dirty LIMIT ?");
        query.bind(1, kMaxIncremental + 1);
        while (query.step()) dirty.push_back(query.text(0));
    }
    if (static_cast<std::int64_t>(dirty.size()) > kMaxIncremental) {
        rebuild_in_transaction(db);
    } else {
        for (const auto& id : dirty) reindex_person(db, id);
        db.execute("DELETE FROM search_dirty");
    }
    transaction.commit();
}

}  // namespace search_index

void rebuild_search_index(EventStore& store) {
    auto& db = store.database();
    sql::Transaction transaction(db);
    search_index::rebuild_in_transaction(db);
    transaction.commit();
}

void update_search_index(EventStore& store, const std::string& participant_id) {
    auto& db = store.database();
    if (!search_index::index_current(db)) {
        rebuild_search_index(store);
        return;
    }
    sql::Transaction transaction(db);
    search_index::reindex_person(db, participant_id);
    auto clean = db.prepare("DELETE FROM search_dirty WHERE participant_id = ?");
    clean.bind(1, participant_id);
    clean.run();
    transaction.commit();
}

}  // namespace uketsuke
