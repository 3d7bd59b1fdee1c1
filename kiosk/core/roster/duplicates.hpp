#pragma once
// Probable duplicates at import. A row whose key (id, platform number) matches nobody may
// still be someone the event has, brought by another source: an Excel list of the connpass
// roster. Probably the same person: the same e-mail (trimmed, case folded), or the same name
// folded as search folds it (kana, width, variant kanji 髙/高 﨑/崎, spaces) together with
// the same reading or the same organization, folded alike. A name alone is not enough: two
// 佐藤 健太 of different towns are two people. Between two rows of one file an e-mail counts
// only with the same name: a buyer's address on every ticket of their order is no duplicate.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace uketsuke {

// Which rules matched, as bits: a pair may match by several.
enum DuplicateRule : unsigned {
    kSameEmail = 1,
    kSameNameAndReading = 2,
    kSameNameAndOrganization = 4,
};
using DuplicateRules = unsigned;
inline constexpr DuplicateRules kNameRules = kSameNameAndReading | kSameNameAndOrganization;

// "same e-mail", "same name and reading", "same name and organization", joined with "; ".
std::string describe_rules(DuplicateRules rules);

// The e-mail as compared: trimmed, NFKC and case folded; "" for an empty one.
std::string email_key(std::string_view email);

// The fields a person is compared by, as stored or as in the file.
struct DuplicateFields {
    std::string_view name, reading, organization, email;
};

struct DuplicateMatch {
    std::size_t index = 0;  // of the existing person
    DuplicateRules rules = 0;
};

// Rows of the file that are probably one another (none of them matched by key).
struct DuplicateGroup {
    std::vector<std::size_t> rows;  // row indexes, ascending, two or more
    DuplicateRules rules = 0;       // every rule that joined two of them
};

struct DuplicateCheck {
    // Per row: the existing people it probably is, by index, ascending; at most
    // kMaxMatchesKept of them, `match_count` says how many there were.
    std::vector<std::vector<DuplicateMatch>> matches;
    std::vector<std::size_t> match_count;
    std::vector<DuplicateGroup> groups;  // in order of their first row
};
inline constexpr std::size_t kMaxMatchesKept = 8;

// Compares each row with every existing person and with the other rows. Linear in both: keys
// go into hash maps, and the reading and organization are folded only for names that meet.
DuplicateCheck find_duplicates(const std::vector<DuplicateFields>& existing,
                               const std::vector<DuplicateFields>& rows);

}  // namespace uketsuke
