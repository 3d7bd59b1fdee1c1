#include "kiosk/ui/screens/strings.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace uketsuke::ui {
namespace {

std::size_t index_of(Language language) { return static_cast<std::size_t>(language); }

bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Length of "{name}" starting at pattern[at] (0 when it is not a placeholder), name out.
std::size_t placeholder_at(std::string_view pattern, std::size_t at, std::string_view& name) {
    if (pattern[at] != '{') return 0;
    std::size_t end = at + 1;
    while (end < pattern.size() && is_name_char(pattern[end])) ++end;
    if (end == at + 1 || end >= pattern.size() || pattern[end] != '}') return 0;
    name = pattern.substr(at + 1, end - at - 1);
    return end - at + 1;
}

void collect(const toml::table& table, const std::string& prefix, Strings& strings,
             Language language, std::string_view source_name, std::vector<std::string>& problems) {
    for (const auto& entry : table) {
        const std::string key = prefix + std::string(entry.first.str());
        const toml::node& node = entry.second;
        if (const toml::table* inner = node.as_table()) {
            collect(*inner, key + ".", strings, language, source_name, problems);
        } else if (const auto* text = node.as_string()) {
            if (!is_known_key(key)) {
                problems.push_back(std::string(source_name) + ": unknown key " + key);
            }
            strings.set(language, key, text->get());
        } else {
            problems.push_back(std::string(source_name) + ": " + key + " is not a string");
        }
    }
}

}  // namespace

std::string_view language_code(Language language) { return language == Language::En ? "en" : "ja"; }

std::optional<Language> language_from_code(std::string_view code) {
    if (code == "ja") return Language::Ja;
    if (code == "en") return Language::En;
    return std::nullopt;
}

Language other_language(Language language) {
    return language == Language::Ja ? Language::En : Language::Ja;
}

bool is_known_key(std::string_view key) {
    return std::find(kStringKeys.begin(), kStringKeys.end(), key) != kStringKeys.end();
}

std::string format_text(std::string_view pattern, FormatArgs args) {
    std::string out;
    out.reserve(pattern.size() + 16);
    for (std::size_t at = 0; at < pattern.size();) {
        std::string_view name;
        const std::size_t length = placeholder_at(pattern, at, name);
        if (length != 0) {
            const auto arg = std::find_if(args.begin(), args.end(),
                                          [name](const auto& pair) { return pair.first == name; });
            if (arg != args.end()) {
                out += arg->second;
                at += length;
                continue;
            }
        }
        out += pattern[at];
        ++at;
    }
    return out;
}

std::vector<std::string> placeholders(std::string_view pattern) {
    std::vector<std::string> names;
    for (std::size_t at = 0; at < pattern.size(); ++at) {
        std::string_view name;
        if (placeholder_at(pattern, at, name) != 0) names.emplace_back(name);
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

std::string group_digits(std::int64_t number) {
    const bool negative = number < 0;
    // Work on the unsigned magnitude so INT64_MIN does not overflow.
    std::uint64_t magnitude =
        negative ? ~static_cast<std::uint64_t>(number) + 1 : static_cast<std::uint64_t>(number);
    std::string digits = std::to_string(magnitude);
    std::string out;
    const std::size_t first = digits.size() % 3 == 0 ? 3 : digits.size() % 3;
    out.append(digits, 0, first);
    for (std::size_t at = first; at < digits.size(); at += 3) {
        out += ',';
        out.append(digits, at, 3);
    }
    return negative ? "-" + out : out;
}

std::vector<std::string> Strings::add_toml(Language language, std::string_view toml_text,
                                           std::string_view source_name) {
    std::vector<std::string> problems;
    try {
        const toml::table root = toml::parse(toml_text, source_name);
        collect(root, "", *this, language, source_name, problems);
    } catch (const toml::parse_error& error) {
        std::ostringstream message;
        message << source_name << ":" << error.source().begin.line << ": " << error.description();
        problems.push_back(message.str());
    }
    return problems;
}

void Strings::set(Language language, std::string key, std::string text) {
    tables_[index_of(language)].insert_or_assign(std::move(key), std::move(text));
}

std::string_view Strings::get(Language language, std::string_view key) const {
    for (const Language candidate : {language, other_language(language)}) {
        const Table& table = tables_[index_of(candidate)];
        if (const auto found = table.find(key); found != table.end()) return found->second;
    }
    return key;
}

std::string Strings::format(Language language, std::string_view key, FormatArgs args) const {
    return format_text(get(language, key), args);
}

bool Strings::has(Language language, std::string_view key) const {
    const Table& table = tables_[index_of(language)];
    return table.find(key) != table.end();
}

const Strings::Table& Strings::table(Language language) const {
    return tables_[index_of(language)];
}

StringsLoad load_strings(const std::filesystem::path& directory) {
    StringsLoad load;
    for (const Language language : kLanguages) {
        const std::filesystem::path path =
            directory / (std::string(language_code(language)) + ".toml");
        std::ifstream file(path, std::ios::binary);
        if (!file) {
            load.problems.push_back(path.string() + ": cannot be read");
            continue;
        }
        std::ostringstream text;
        text << file.rdbuf();
        auto problems = load.strings.add_toml(language, text.str(), path.string());
        load.problems.insert(load.problems.end(), problems.begin(), problems.end());
        for (const std::string_view key : kStringKeys) {
            if (!load.strings.has(language, key)) {
                load.problems.push_back(path.string() + ": missing key " + std::string(key));
            }
        }
    }
    return load;
}

std::filesystem::path source_strings_directory() {
    return std::filesystem::path(UKETSUKE_ASSETS_DIR) / "i18n";
}

}  // namespace uketsuke::ui
