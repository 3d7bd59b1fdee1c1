#include "kiosk/core/roster/search.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "kiosk/core/model/utf8.hpp"
#include "kiosk/core/roster/romaji.hpp"
#include "kiosk/core/roster/search_key.hpp"

namespace uketsuke {
namespace {

// Bump when the terms a person gets change: every file is then re-indexed on its next search.
constexpr std::string_view kIndexVersion = "3";
constexpr const char* kIndexVersionKey = "search.index";
// Beyond this many changed people, one rebuild is cheaper than updating them one by one.
constexpr std::int64_t kMaxIncremental = 2000;
// A field longer than this gets no substring rows past it: organization names can be long,
// and nobody types the middle of the 40th character.
constexpr std::size_t kMaxSuffixes = 24;
// Sorts after every character a search key can hold, so [q, q + kTop) is "starts with q".
constexpr std::string_view kTop = "\xF4\x8F\xBF\xBF";  // U+10FFFF

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

enum Kind : int { kWhole = 0, kInside = 1, kShortPrefix = 2 };
// Queries of up to this many characters read kShortPrefix rows: the first one and two
// characters of every kWhole term, once per person. `term = ?` then comes off the B-tree in
// roster order, where a range over the kWhole rows would have to sort the thousands of
// people whose name or reading starts with や or 山 (measured: 4-5 ms at 100,000 people).
constexpr std::size_t kShortPrefixChars = 2;

// One person's terms: term → (kind, field), the best (lowest) of each.
using PersonTerms = std::map<std::string, std::pair<int, int>>;

void add_term(PersonTerms& terms, std::string term, int kind, SearchField field) {
    if (term.empty()) return;
    const std::pair<int, int> value{kind, static_cast<int>(field)};
    auto [at, inserted] = terms.emplace(std::move(term), value);
    if (!inserted && value < at->second) at->second = value;
}

// Splits at whitespace (ASCII, U+3000, U+00A0) and middle dots (・ ･ ·), as names are written.
std::vector<std::string_view> words_of(std::string_view text) {
    std::vector<std::string_view> words;
    std::size_t start = 0;
    std::size_t i = 0;
    auto cut = [&](std::size_t separator_length) {
        if (i > start) words.push_back(text.substr(start, i - start));
        i += separator_length;
        start = i;
    };
    while (i < text.size()) {
        const std::string_view rest = text.substr(i);
        const char c = text[i];
        if (c == ' ' || (c >= '\t' && c <= '\r')) {
            cut(1);
        } else if (rest.starts_with("\xE3\x80\x80") || rest.starts_with("\xE3\x83\xBB") ||
                   rest.starts_with("\xEF\xBD\xA5")) {
            cut(3);
        } else if (rest.starts_with("\xC2\xA0") || rest.starts_with("\xC2\xB7")) {
            cut(2);
        } else {
            ++i;
        }
    }
    if (i > start) words.push_back(text.substr(start));
    return words;
}

void add_text_field(PersonTerms& terms, std::string_view text, SearchField field, bool words) {
    const std::string whole = search_key(text);
    if (whole.empty()) return;
    add_term(terms, whole, kWhole, field);
    if (words) {
        const auto parts = words_of(text);
        if (parts.size() > 1) {
            for (auto part : parts) add_term(terms, search_key(part), kWhole, field);
        }
    }
    std::size_t suffixes = 0;
    for (std::size_t at = 1; at < whole.size() && suffixes < kMaxSuffixes; ++at) {
        if (utf8::is_continuation(whole[at])) continue;  // inside a character
        add_term(terms, whole.substr(at), kInside, field);
        ++suffixes;
    }
}

struct PersonSource {
    std::string id;
    std::string name;
    std::string reading;
    std::string organization;
    std::int64_t position = 0;
    std::vector<std::string> codes;
};

PersonTerms terms_of(const PersonSource& person) {
    PersonTerms terms;
    add_text_field(terms, person.name, SearchField::Name, true);
    add_text_field(terms, person.reading, SearchField::Reading, true);
    add_text_field(terms, person.organization, SearchField::Organization, false);
    add_term(terms, search_key(person.id), kWhole, SearchField::Id);
    for (const auto& code : person.codes)
        add_term(terms, search_key(code), kWhole, SearchField::Code);
    return terms;
}

struct TermRow {
    int kind;
    std::string term;
    int field;
};

// A person's rows: the kWhole and kInside terms plus the short prefixes of the kWhole ones.
std::vector<TermRow> rows_of(const PersonSource& person) {
    const PersonTerms terms = terms_of(person);
    std::map<std::string, int> short_prefixes;
    std::vector<TermRow> rows;
    rows.reserve(terms.size() + 8);
    for (const auto& [term, value] : terms) {
        rows.push_back(TermRow{value.first, term, value.second});
        if (value.first != kWhole) continue;
        for (std::size_t chars = 1; chars <= kShortPrefixChars; ++chars) {
            const std::string_view prefix = utf8::first(term, chars);
            if (utf8::length(prefix) < chars) break;
            auto [at, inserted] = short_prefixes.emplace(prefix, value.second);
            if (!inserted) at->second = std::min(at->second, value.second);
        }
    }
    for (auto& [prefix, field] : short_prefixes)
        rows.push_back(TermRow{kShortPrefix, prefix, field});
    return rows;
}

// "<kind><field><term>" lines: what update needs to delete a person's rows by primary key.
// Search keys never hold a line break (they drop all whitespace).
std::string encode_rows(const std::vector<TermRow>& rows) {
    std::string out;
    for (const auto& row : rows) {
        out += static_cast<char>('0' + row.kind);
        out += static_cast<char>('0' + row.field);
        out += row.term;
        out += '\n';
    }
    return out;
}

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

// Makes the index match the roster; cheap when nothing changed.
void refresh_index(sql::Database& db) {
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

struct Candidate {
    std::string participant_id;
    SearchMatch match;
    SearchField field;
};

// Appends the people of one tier, in roster order, skipping those already found. The LIMIT
// lets SQLite keep only the first rows by roster order instead of sorting the whole range;
// a person can own several rows of a range, so when the rows run out before the people do,
// the tier is read again with a larger limit.
void collect_tier(sql::Database& db, const char* sql, const std::string& low,
                  const std::string& high, SearchMatch match, std::size_t limit,
                  std::vector<Candidate>& found) {
    const std::size_t before = found.size();
    std::int64_t row_limit = static_cast<std::int64_t>(4 * limit + 2 * before + 16);
    for (;;) {
        std::unordered_set<std::string> seen;
        for (const auto& candidate : found) seen.insert(candidate.participant_id);
        std::int64_t rows = 0;
        auto query = db.prepare(sql);
        query.bind(1, low).bind(2, high).bind(3, row_limit);
        while (query.step() && found.size() < limit) {
            ++rows;
            std::string id = query.text(0);
            if (!seen.insert(id).second) continue;
            found.push_back(
                Candidate{std::move(id), match, static_cast<SearchField>(query.integer(1))});
        }
        if (found.size() >= limit || rows < row_limit) return;
        found.resize(before);
        row_limit *= 4;
    }
}

// A range tier when the range is huge (the id prefix "P10" of 100,000 ids "P10xxxxx", the
// first characters of a common organization): sorting it by roster order costs ~10 ms, yet
// the first people in roster order are then nearly all matches. So count the range up to
// kDenseRows first; past that, walk the people in roster order and test their stored terms,
// at most kMaxWalk of them, and only if that falls short sort the range after all.
constexpr std::int64_t kDenseRows = 1000;
constexpr std::int64_t kMaxWalk = 4000;

bool walk_roster(sql::Database& db, char kind, const std::string& key, SearchMatch match,
                 std::size_t limit, std::vector<Candidate>& found) {
    std::unordered_set<std::string> seen;
    for (const auto& candidate : found) seen.insert(candidate.participant_id);
    auto query = db.prepare(
        "SELECT participant_id, terms FROM search_people ORDER BY position, participant_id LIMIT "
        "?");
    query.bind(1, kMaxWalk);
    while (found.size() < limit && query.step()) {
        std::string id = query.text(0);
        if (seen.count(id) != 0) continue;
        const std::string terms = query.text(1);
        for (std::size_t start = 0; start < terms.size();) {
            std::size_t end = terms.find('\n', start);
            if (end == std::string::npos) end = terms.size();
            const std::string_view line = std::string_view(terms).substr(start, end - start);
            if (line.size() > 2 && line[0] == kind && line.substr(2).starts_with(key)) {
                found.push_back(
                    Candidate{std::move(id), match, static_cast<SearchField>(line[1] - '0')});
                break;
            }
            start = end + 1;
        }
    }
    return found.size() >= limit;
}

void collect_range(sql::Database& db, int kind, const std::string& key, const std::string& top,
                   SearchMatch match, std::size_t limit, std::vector<Candidate>& found) {
    auto probe = db.prepare(
        "SELECT count(*) FROM (SELECT 1 FROM search_terms WHERE kind = ? AND term >= ? AND term < "
        "? LIMIT ?)");
    probe.bind(1, kind).bind(2, key).bind(3, top).bind(4, kDenseRows);
    probe.step();
    const bool dense = probe.integer(0) >= kDenseRows;
    probe.reset();
    const std::size_t before = found.size();
    if (dense && walk_roster(db, static_cast<char>('0' + kind), key, match, limit, found)) return;
    found.resize(before);
    collect_tier(
        db,
        kind == kWhole
            ? "SELECT participant_id, field FROM search_terms WHERE kind = 0 AND term > ?1 "
              "AND term < ?2 ORDER BY position, participant_id LIMIT ?3"
            : "SELECT participant_id, field FROM search_terms WHERE kind = 1 AND term >= ?1 "
              "AND term < ?2 ORDER BY position, participant_id LIMIT ?3",
        key, top, match, limit, found);
}

}  // namespace

std::string_view to_string(SearchMatch match) {
    switch (match) {
        case SearchMatch::Exact:
            return "exact";
        case SearchMatch::Prefix:
            return "prefix";
        case SearchMatch::Substring:
            return "substring";
    }
    return "substring";
}

std::string_view to_string(SearchField field) {
    switch (field) {
        case SearchField::Name:
            return "name";
        case SearchField::Reading:
            return "reading";
        case SearchField::Organization:
            return "organization";
        case SearchField::Id:
            return "id";
        case SearchField::Code:
            return "code";
    }
    return "name";
}

std::vector<SearchHit> search_people(EventStore& store, std::string_view query, int limit) {
    std::vector<SearchHit> hits;
    if (limit < 1) return hits;
    const std::string key = search_key(query);
    if (key.empty()) return hits;
    auto& db = store.database();
    refresh_index(db);

    const auto wanted = static_cast<std::size_t>(limit);
    std::vector<Candidate> found;
    const auto search = [&](const std::string& term) {
        const std::string top = term + std::string(kTop);
        // Every tier binds ?1 (the key), ?2 (its upper bound) and ?3 (rows); exact leaves ?2
        // unused.
        collect_tier(db,
                     "SELECT participant_id, field FROM search_terms WHERE kind = 0 AND term = ?1 "
                     "ORDER BY position, participant_id LIMIT ?3",
                     term, top, SearchMatch::Exact, wanted, found);
        if (found.size() < wanted) {
            if (utf8::length(term) <= kShortPrefixChars) {
                collect_tier(
                    db,
                    "SELECT participant_id, field FROM search_terms WHERE kind = 2 AND term = ?1 "
                    "ORDER BY position, participant_id LIMIT ?3",
                    term, top, SearchMatch::Prefix, wanted, found);
            } else {
                collect_range(db, kWhole, term, top, SearchMatch::Prefix, wanted, found);
            }
        }
        if (found.size() < wanted)
            collect_range(db, kInside, term, top, SearchMatch::Substring, wanted, found);
    };
    search(key);
    // "suzuki" typed on a Latin keyboard also finds すずき, after whoever matches the letters.
    if (found.size() < wanted) {
        if (const auto kana = romaji_to_hiragana(key); kana && *kana != key) search(*kana);
    }
    hits.reserve(found.size());
    for (auto& candidate : found) {
        // The index can trail a read-only store; skip people it still names but who are gone.
        if (auto participant = store.participant(candidate.participant_id)) {
            hits.push_back(SearchHit{std::move(*participant), candidate.match, candidate.field});
        }
    }
    return hits;
}

void rebuild_search_index(EventStore& store) {
    auto& db = store.database();
    sql::Transaction transaction(db);
    rebuild_in_transaction(db);
    transaction.commit();
}

void update_search_index(EventStore& store, const std::string& participant_id) {
    auto& db = store.database();
    if (!index_current(db)) {
        rebuild_search_index(store);
        return;
    }
    sql::Transaction transaction(db);
    reindex_person(db, participant_id);
    auto clean = db.prepare("DELETE FROM search_dirty WHERE participant_id = ?");
    clean.bind(1, participant_id);
    clean.run();
    transaction.commit();
}

}  // namespace uketsuke
