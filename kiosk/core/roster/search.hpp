#pragma once
// Staff search as you type: name, reading, organization, participant id and imported ticket
// numbers, compared as search keys (search_key.hpp: NFKC, case folded, katakana → hiragana, no
// spaces), so ﾔﾏﾀﾞ, ヤマダ and やまだ, or ＡＢＣ and abc, find the same people. Cancelled
// people are found too (staff need to see them); the hit carries the status.
//
// A query of plain Latin letters is also read as romaji: "suzuki" finds すずき (and スズキ) after
// anyone whose own letters match, and "yamad" already finds やまだ (romaji.hpp).
//
// Ranking: an exact match of a whole field or of the family name (the first word of the name
// or reading), then of a later word (the given name), then a prefix of one of the first kind,
// then of a later word (た finds タカハシ and タナカ before ハセガワ タクミ), then a substring of
// the name, reading or organization; within each tier the roster order. One hit per person, at
// their best tier. A Latin name (Alice Brown) has no family-name word: all its words rank first.
// Variant kanji fold (髙橋 is found by 高橋, 山﨑 by 山崎: search_key.hpp).
//
// The index is a table of its own, `search_terms` (kind, term, position, participant_id,
// field), a WITHOUT ROWID B-tree keyed in that order:
//   kind 0: each whole key and the first word's key (the name and reading split at spaces and
//           middle dots), the id and every code. Exact: `term = q`, read in roster order
//           straight off the key, no sorting.
//   kind 1: the keys of the later words of the name and reading.
//   kind 2: every other suffix of the whole name, reading and organization keys, so a
//           substring is the prefix of a suffix: `q <= term < q + U+10FFFF`.
//   kind 3: the first one and the first two characters of every kind-0 term, once per
//           person. A one- or two-character query (や, 山, 青葉) is a prefix of thousands of
//           people; `term = q` on these rows gives them in roster order without a sort.
//   kind 4: the same for the kind-1 terms (where kind 3 does not already hold them).
// Longer prefixes and substrings are range queries cut with ORDER BY position LIMIT; when a
// range holds over 1,000 rows (an id prefix shared by everyone), the people are walked in
// roster order instead (`search_people`, each person's terms) until the limit is filled.
// About 30 rows a person. Measured with tests/bench/search_bench.cpp on 100,000 people, 2-core
// machine: p50 0.12 ms, p99 0.87 ms a keystroke; a full rebuild 6.5 s (machine busy).
// Keeping it current without touching the code that writes participants: triggers on
// `participants` and `codes` (created with the index) note each changed participant id in
// `search_dirty`. Every search first looks there (an empty-table probe, microseconds) and
// re-indexes just those people, or rebuilds everything when very many changed (an import).
// The index version lives in settings under "search.index"; a missing or older version, or a
// missing trigger, means a full rebuild. On 100,000 people a rebuild takes seconds: call
// rebuild_search_index off the UI thread after an import rather than letting the first
// keystroke pay for it. A store opened read-only searches the index as it is (and fails with
// DatabaseError if the file never had one).

#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/model/model.hpp"
#include "kiosk/core/roster/search_index.hpp"
#include "kiosk/core/store/event_store.hpp"

namespace uketsuke {

enum class SearchMatch { Exact, Prefix, Substring };
enum class SearchField { Name, Reading, Organization, Id, Code };

std::string_view to_string(SearchMatch match);
std::string_view to_string(SearchField field);

struct SearchHit {
    Participant participant;
    SearchMatch match = SearchMatch::Substring;
    SearchField field = SearchField::Name;  // where the best match was found
};

// Brings the index up to date first (see above), which writes to the store; hence not const.
// An empty query, or one that normalizes to nothing, finds nobody. limit < 1 finds nobody.
[[nodiscard]] std::vector<SearchHit> search_people(EventStore& store, std::string_view query,
                                                   int limit = 20);

}  // namespace uketsuke
