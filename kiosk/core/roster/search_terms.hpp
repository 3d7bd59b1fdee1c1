#pragma once
// The rows the search index (search.hpp) holds for one person: the search keys of their name,
// reading and organization, whole, word by word and as suffixes, their id and codes, and the
// short prefixes. Pure: storing them is search_index.cpp's job, reading them search.cpp's.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace uketsuke::search_index {

// The numbers are also the order of preference when one term of a person is of several kinds.
// kLaterWord: a word of the name or reading after the first (the given name in 山田 太郎), so a
// family name that starts with the query ranks before a given name that does.
enum Kind : int {
    kWhole = 0,
    kLaterWord = 1,
    kInside = 2,
    kShortPrefix = 3,
    kLaterShortPrefix = 4,
};
// Queries of up to this many characters read kShortPrefix rows (the first one and two
// characters of every kWhole term, once per person) and kLaterShortPrefix rows (the same of
// the kLaterWord terms). `term = ?` then comes off the B-tree in
// roster order, where a range over the kWhole rows would have to sort the thousands of
// people whose name or reading starts with や or 山 (measured: 4-5 ms at 100,000 people).
constexpr std::size_t kShortPrefixChars = 2;

struct PersonSource {
    std::string id;
    std::string name;
    std::string reading;
    std::string organization;
    std::int64_t position = 0;
    std::vector<std::string> codes;
};

struct TermRow {
    int kind;
    std::string term;
    int field;
};

// A person's rows: the kWhole, kLaterWord and kInside terms plus the short prefixes of the
// kWhole and kLaterWord ones.
std::vector<TermRow> rows_of(const PersonSource& person);

// "<kind><field><term>" lines: what update needs to delete a person's rows by primary key.
// Search keys never hold a line break (they drop all whitespace).
std::string encode_rows(const std::vector<TermRow>& rows);

}  // namespace uketsuke::search_index
