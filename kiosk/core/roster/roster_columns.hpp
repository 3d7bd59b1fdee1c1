#pragma once
// Which column of a roster is which field: the headers connpass and Peatix export, common
// Japanese and English guesses for anything else, compared after NFKC, case and kana folding.
// Internal to the roster mapping (roster_mapping.hpp).

#include <fmt/format.h>

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kiosk/core/model/utf8.hpp"
#include "kiosk/core/roster/roster_mapping.hpp"

namespace uketsuke::roster_columns {

using Aliases = std::initializer_list<std::string_view>;

// Headers differ in width, case, kana and spacing between exports ("E-mail", "ｅｍａｉｌ",
// "フリガナ", "ふりがな"); the search key folds all of that, and "_" too for first_name.
std::string header_key(std::string_view header);

// The column of each field, once presets, guesses and --map overrides have had their say.
struct Plan {
    std::optional<std::size_t> id, id_fallback, name, name_fallback, family, given, reading,
        family_reading, given_reading, organization, role, group, email, status;
    std::vector<std::size_t> codes;
};

class Header {
public:
    explicit Header(const CsvRow& row) {
        for (const CsvField& field : row.fields) {
            names_.emplace_back(utf8::trim(field.text));
            keys_.push_back(header_key(field.text));
        }
        used_.assign(keys_.size(), false);
    }

    std::optional<std::size_t> find(Aliases aliases) const {
        for (std::string_view alias : aliases) {
            const std::string key = header_key(alias);
            for (std::size_t i = 0; i < keys_.size(); ++i) {
                if (keys_[i] == key) return i;
            }
        }
        return std::nullopt;
    }

    // Like find, but skips and then marks columns already given to a field.
    std::optional<std::size_t> take(Aliases aliases) {
        for (std::string_view alias : aliases) {
            const std::string key = header_key(alias);
            for (std::size_t i = 0; i < keys_.size(); ++i) {
                if (!used_[i] && keys_[i] == key) {
                    used_[i] = true;
                    return i;
                }
            }
        }
        return std::nullopt;
    }

    // The first column not yet given to a field whose key passes `test`.
    template <class Test>
    std::optional<std::size_t> take_if(Test test) {
        for (std::size_t i = 0; i < keys_.size(); ++i) {
            if (!used_[i] && test(keys_[i])) {
                used_[i] = true;
                return i;
            }
        }
        return std::nullopt;
    }

    bool has_named(std::string_view wanted) const {
        wanted = utf8::trim(wanted);
        const std::string key = header_key(wanted);
        for (std::size_t i = 0; i < names_.size(); ++i) {
            if (names_[i] == wanted || keys_[i] == key) return true;
        }
        return false;
    }

    // For --map: the header exactly as written (trimmed), else by key.
    std::optional<std::size_t> find_named(std::string_view wanted) {
        wanted = utf8::trim(wanted);
        std::optional<std::size_t> found;
        for (std::size_t i = 0; i < names_.size() && !found; ++i) {
            if (names_[i] == wanted) found = i;
        }
        const std::string key = header_key(wanted);
        for (std::size_t i = 0; i < keys_.size() && !found; ++i) {
            if (keys_[i] == key) found = i;
        }
        if (found) used_[*found] = true;
        return found;
    }

    const std::string& name(std::size_t column) const { return names_[column]; }
    std::size_t size() const { return names_.size(); }

    std::string listing() const {
        std::string out;
        for (std::size_t i = 0; i < names_.size(); ++i) {
            if (i == 20) return out + fmt::format(", … ({} in all)", names_.size());
            if (i > 0) out += ", ";
            out += names_[i];
        }
        return out;
    }

private:
    std::vector<std::string> names_;
    std::vector<std::string> keys_;
    std::vector<bool> used_;
};

// A header that asks for the organization in a question's words ("ご所属の自治体名").
bool is_organization_question(const std::string& key);
RosterPreset detect_preset(const Header& header);
// Fills what the preset knows, then the generic guesses, for fields still unset.
void plan_preset(RosterPreset preset, Plan& plan, Header& header, bool codes_overridden);
// Every header in file order with what it became: "id, code", "name", "extra", ...
std::vector<std::pair<std::string, std::string>> describe(const Plan& plan, const Header& header);

}  // namespace uketsuke::roster_columns
