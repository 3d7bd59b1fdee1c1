#include "kiosk/core/roster/search.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <string>
#include <unordered_set>
#include <vector>

#include "kiosk/core/model/utf8.hpp"
#include "kiosk/core/roster/romaji.hpp"
#include "kiosk/core/roster/search_index.hpp"
#include "kiosk/core/roster/search_key.hpp"
#include "kiosk/core/roster/search_terms.hpp"

namespace uketsuke {
namespace {

using namespace search_index;

// Sorts after every character a search key can hold, so [q, q + kTop) is "starts with q".
constexpr std::string_view kTop = "\xF4\x8F\xBF\xBF";  // U+10FFFF

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
    // Whole terms and words equal to the key were read by the exact tiers already.
    const std::string sql = fmt::format(
        "SELECT participant_id, field FROM search_terms WHERE kind = {} AND term {} ?1 AND term < "
        "?2 ORDER BY position, participant_id LIMIT ?3",
        kind, kind == kInside ? ">=" : ">");
    collect_tier(db, sql.c_str(), key, top, match, limit, found);
}

// `term = ?1` on one kind of rows, in roster order.
void collect_equal(sql::Database& db, int kind, const std::string& term, const std::string& top,
                   SearchMatch match, std::size_t limit, std::vector<Candidate>& found) {
    const std::string sql = fmt::format(
        "SELECT participant_id, field FROM search_terms WHERE kind = {} AND term = ?1 ORDER BY "
        "position, participant_id LIMIT ?3",
        kind);
    collect_tier(db, sql.c_str(), term, top, match, limit, found);
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
    search_index::refresh(db);

    const auto wanted = static_cast<std::size_t>(limit);
    std::vector<Candidate> found;
    const auto search = [&](const std::string& term) {
        const std::string top = term + std::string(kTop);
        const bool short_query = utf8::length(term) <= kShortPrefixChars;
        // Tiers, each in roster order: a whole field or family name equal to the query, a later
        // word (a given name) equal to it, then the same two as prefixes, then substrings.
        const auto prefix = [&](int short_kind, int range_kind) {
            if (short_query) {
                collect_equal(db, short_kind, term, top, SearchMatch::Prefix, wanted, found);
            } else {
                collect_range(db, range_kind, term, top, SearchMatch::Prefix, wanted, found);
            }
        };
        collect_equal(db, kWhole, term, top, SearchMatch::Exact, wanted, found);
        if (found.size() < wanted)
            collect_equal(db, kLaterWord, term, top, SearchMatch::Exact, wanted, found);
        if (found.size() < wanted) prefix(kShortPrefix, kWhole);
        if (found.size() < wanted) prefix(kLaterShortPrefix, kLaterWord);
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

}  // namespace uketsuke
