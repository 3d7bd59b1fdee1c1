#include "kiosk/core/roster/duplicates.hpp"

#include <algorithm>
#include <numeric>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "kiosk/core/model/utf8.hpp"
#include "kiosk/core/roster/search_key.hpp"

namespace uketsuke {
namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

// Readings and organizations folded on first use: most names meet no other, and folding is
// most of what the check costs.
class FoldedLater {
public:
    explicit FoldedLater(const std::vector<DuplicateFields>& people)
        : people_(people), reading_(people.size()), organization_(people.size()) {}

    const std::string& reading(std::size_t i) {
        if (!reading_[i]) reading_[i] = search_key(utf8::trim(people_[i].reading));
        return *reading_[i];
    }
    const std::string& organization(std::size_t i) {
        if (!organization_[i]) organization_[i] = search_key(utf8::trim(people_[i].organization));
        return *organization_[i];
    }

private:
    const std::vector<DuplicateFields>& people_;
    std::vector<std::optional<std::string>> reading_, organization_;
};

DuplicateRules name_rules(FoldedLater& a, std::size_t i, FoldedLater& b, std::size_t j) {
    DuplicateRules rules = 0;
    const std::string& reading = a.reading(i);
    if (!reading.empty() && reading == b.reading(j)) rules |= kSameNameAndReading;
    const std::string& organization = a.organization(i);
    if (!organization.empty() && organization == b.organization(j)) {
        rules |= kSameNameAndOrganization;
    }
    return rules;
}

class Groups {
public:
    explicit Groups(std::size_t size) : parent_(size), rules_(size, 0) {
        std::iota(parent_.begin(), parent_.end(), std::size_t{0});
    }
    std::size_t root(std::size_t i) {
        while (parent_[i] != i) i = parent_[i] = parent_[parent_[i]];
        return i;
    }
    void join(std::size_t a, std::size_t b, DuplicateRules rules) {
        rules_[a] |= rules;
        rules_[b] |= rules;
        a = root(a);
        b = root(b);
        if (a != b) parent_[std::max(a, b)] = std::min(a, b);
    }
    std::vector<DuplicateGroup> collect() {
        std::vector<DuplicateGroup> groups;
        std::unordered_map<std::size_t, std::size_t> group_of_root;
        for (std::size_t i = 0; i < parent_.size(); ++i) {
            if (rules_[i] == 0) continue;  // joined to nobody
            const auto [at, added] = group_of_root.emplace(root(i), groups.size());
            if (added) groups.emplace_back();
            groups[at->second].rows.push_back(i);
            groups[at->second].rules |= rules_[i];
        }
        return groups;
    }

private:
    std::vector<std::size_t> parent_;
    std::vector<DuplicateRules> rules_;
};

}  // namespace

std::string describe_rules(DuplicateRules rules) {
    std::string text;
    auto add = [&text](const char* words) {
        text += (text.empty() ? "" : "; ") + std::string(words);
    };
    if (rules & kSameEmail) add("same e-mail");
    if (rules & kSameNameAndReading) add("same name and reading");
    if (rules & kSameNameAndOrganization) add("same name and organization");
    return text;
}

std::string email_key(std::string_view email) {
    const std::string_view trimmed = utf8::trim(email);
    const bool ascii = std::all_of(trimmed.begin(), trimmed.end(),
                                   [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (!ascii) return std::string(utf8::trim(casefold(trimmed)));
    std::string key(trimmed);
    for (char& c : key) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return key;
}

DuplicateCheck find_duplicates(const std::vector<DuplicateFields>& existing,
                               const std::vector<DuplicateFields>& rows) {
    DuplicateCheck check;
    check.matches.resize(rows.size());
    check.match_count.assign(rows.size(), 0);
    if (rows.empty()) return check;

    std::vector<std::string> row_name(rows.size()), row_email(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        row_name[i] = search_key(rows[i].name);
        // Against the rows alone, only rows sharing a name compare e-mails (below).
        if (!existing.empty()) row_email[i] = email_key(rows[i].email);
    }
    FoldedLater row_folded(rows);

    // The rows against the people already there. Only names and e-mails some row has are
    // indexed; views point into row_name and row_email, which no longer change.
    if (!existing.empty()) {
        std::unordered_map<std::string_view, std::vector<std::size_t>> by_name, by_email;
        by_name.reserve(rows.size());
        for (std::size_t i = 0; i < rows.size(); ++i) {
            if (!row_name[i].empty()) by_name.try_emplace(row_name[i]);
            if (!row_email[i].empty()) by_email.try_emplace(row_email[i]);
        }
        for (std::size_t j = 0; j < existing.size(); ++j) {
            if (const auto at = by_name.find(search_key(existing[j].name)); at != by_name.end()) {
                at->second.push_back(j);
            }
            if (!by_email.empty() && !existing[j].email.empty()) {
                if (const auto at = by_email.find(email_key(existing[j].email));
                    at != by_email.end()) {
                    at->second.push_back(j);
                }
            }
        }
        FoldedLater existing_folded(existing);
        std::vector<DuplicateMatch> found;
        for (std::size_t i = 0; i < rows.size(); ++i) {
            found.clear();
            if (!row_email[i].empty()) {
                for (std::size_t j : by_email.at(row_email[i])) found.push_back({j, kSameEmail});
            }
            if (!row_name[i].empty()) {
                for (std::size_t j : by_name.at(row_name[i])) {
                    if (const DuplicateRules rules =
                            name_rules(row_folded, i, existing_folded, j)) {
                        found.push_back({j, rules});
                    }
                }
            }
            if (found.empty()) continue;
            std::sort(found.begin(), found.end(),
                      [](const auto& a, const auto& b) { return a.index < b.index; });
            std::vector<DuplicateMatch>& kept = check.matches[i];
            for (const DuplicateMatch& match : found) {
                if (!kept.empty() && kept.back().index == match.index) {
                    kept.back().rules |= match.rules;
                    continue;
                }
                ++check.match_count[i];
                if (kept.size() < kMaxMatchesKept) kept.push_back(match);
            }
        }
    }

    // The rows against each other: rows sharing an e-mail, or a name and then a reading or an
    // organization, end in one group. Each row is joined to the first of its kind, so a name
    // a thousand rows share costs a thousand steps, not a million.
    Groups groups(rows.size());
    // Within one file an e-mail joins rows only with the same name too (a Peatix order's buyer
    // gives their own address for every ticket they bought for others), so every rule starts
    // from a name two rows share.
    std::unordered_map<std::string_view, std::size_t> last_with_name;
    last_with_name.reserve(rows.size());
    std::vector<std::size_t> previous_same_name(rows.size(), kNone);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (!row_name[i].empty()) {
            const auto [at, added] = last_with_name.emplace(row_name[i], i);
            if (!added) {
                previous_same_name[i] = at->second;
                at->second = i;
            }
        }
    }
    std::vector<bool> name_shared(rows.size(), false);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (previous_same_name[i] != kNone)
            name_shared[i] = name_shared[previous_same_name[i]] = true;
    }
    std::unordered_map<std::string, std::size_t> first_with_email, first_with_reading,
        first_with_organization;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (!name_shared[i]) continue;
        auto join_on = [&](std::unordered_map<std::string, std::size_t>& first,
                           const std::string& key, DuplicateRules rule) {
            if (key.empty()) return;
            std::string both = row_name[i];
            both += '\x1f';
            both += key;
            const auto [at, added] = first.emplace(std::move(both), i);
            if (!added) groups.join(at->second, i, rule);
        };
        if (existing.empty()) row_email[i] = email_key(rows[i].email);
        join_on(first_with_email, row_email[i], kSameEmail);
        join_on(first_with_reading, row_folded.reading(i), kSameNameAndReading);
        join_on(first_with_organization, row_folded.organization(i), kSameNameAndOrganization);
    }
    check.groups = groups.collect();
    return check;
}

}  // namespace uketsuke
