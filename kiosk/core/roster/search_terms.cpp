#include "kiosk/core/roster/search_terms.hpp"

#include <algorithm>
#include <map>
#include <string_view>
#include <utility>

#include "kiosk/core/model/utf8.hpp"
#include "kiosk/core/roster/search.hpp"
#include "kiosk/core/roster/search_key.hpp"

namespace uketsuke::search_index {
namespace {

// A field longer than this gets no substring rows past it: organization names can be long,
// and nobody types the middle of the 40th character.
constexpr std::size_t kMaxSuffixes = 24;

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

// Letters, digits and punctuation of ASCII and Latin-1 only: no kana or kanji.
bool is_latin(std::string_view text) {
    for (std::size_t at = 0; at < text.size();) {
        if (utf8::next(text, at) > 0x24F) return false;
    }
    return true;
}

void add_text_field(PersonTerms& terms, std::string_view text, SearchField field, bool words) {
    const std::string whole = search_key(text);
    if (whole.empty()) return;
    add_term(terms, whole, kWhole, field);
    if (words) {
        const auto parts = words_of(text);
        if (parts.size() > 1) {
            // Family name first, as Japanese names are written; a Latin name (Alice Brown) is
            // given name first, so there no word ranks before another.
            const bool family_first = !is_latin(text);
            for (std::size_t at = 0; at < parts.size(); ++at) {
                add_term(terms, search_key(parts[at]),
                         at == 0 || !family_first ? kWhole : kLaterWord, field);
            }
        }
    }
    std::size_t suffixes = 0;
    for (std::size_t at = 1; at < whole.size() && suffixes < kMaxSuffixes; ++at) {
        if (utf8::is_continuation(whole[at])) continue;  // inside a character
        add_term(terms, whole.substr(at), kInside, field);
        ++suffixes;
    }
}

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

}  // namespace

std::vector<TermRow> rows_of(const PersonSource& person) {
    const PersonTerms terms = terms_of(person);
    std::map<std::string, int> short_prefixes;
    std::vector<TermRow> rows;
    rows.reserve(terms.size() + 8);
    std::map<std::string, int> later_short_prefixes;
    for (const auto& [term, value] : terms) {
        rows.push_back(TermRow{value.first, term, value.second});
        if (value.first != kWhole && value.first != kLaterWord) continue;
        auto& prefixes = value.first == kWhole ? short_prefixes : later_short_prefixes;
        for (std::size_t chars = 1; chars <= kShortPrefixChars; ++chars) {
            const std::string_view prefix = utf8::first(term, chars);
            if (utf8::length(prefix) < chars) break;
            auto [at, inserted] = prefixes.emplace(prefix, value.second);
            if (!inserted) at->second = std::min(at->second, value.second);
        }
    }
    for (auto& [prefix, field] : short_prefixes)
        rows.push_back(TermRow{kShortPrefix, prefix, field});
    for (auto& [prefix, field] : later_short_prefixes) {
        // A person found by the first tier is not found again by a later one.
        if (short_prefixes.count(prefix) == 0)
            rows.push_back(TermRow{kLaterShortPrefix, prefix, field});
    }
    return rows;
}

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

}  // namespace uketsuke::search_index
