#pragma once
// The kiosk's words in Japanese and English, read from assets/i18n/{ja,en}.toml.
// Keys are dotted paths ("problem.cancelled.next" is `next` in table [problem.cancelled]).
// Values may hold {name}-style placeholders. Every key the code uses is listed in
// kStringKeys so a test can hold both files to it; a missing string shows the other
// language, then the key itself, never a crash.

#include <array>
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace uketsuke::ui {

enum class Language { Ja, En };  // Ja first: a zero-initialized config speaks Japanese

inline constexpr std::array<Language, 2> kLanguages = {Language::Ja, Language::En};

std::string_view language_code(Language language);  // "ja", "en"
std::optional<Language> language_from_code(std::string_view code);
Language other_language(Language language);

// Every key the code looks up. Keep in step with ja.toml and en.toml (tests check both ways).
inline constexpr std::array<std::string_view, 37> kStringKeys = {
    "attract.prompt",
    "attract.arrived",
    "attract.camera_lost",
    "attract.checking",
    "welcome.greeting",
    "welcome.greeting_no_name",
    "welcome.group",
    "welcome.table",
    "welcome.facilitator",
    "welcome.next_session",
    "welcome.go_to_table",
    "welcome.no_table",
    "already.checked_in_at",
    "already.checked_in_at_no_kiosk",
    "already.go_to_table",
    "pending.title",
    "pending.next",
    "problem.unknown_code.title",
    "problem.unknown_code.next",
    "problem.other_event.title",
    "problem.other_event.next",
    "problem.cancelled.title",
    "problem.cancelled.next",
    "problem.invalid_ticket.title",
    "problem.invalid_ticket.next",
    "problem.truncated_ticket.title",
    "problem.truncated_ticket.next",
    "problem.revoked_ticket.title",
    "problem.revoked_ticket.next",
    "problem.newer_ticket_format.title",
    "problem.newer_ticket_format.next",
    "problem.not_a_ticket.title",
    "problem.not_a_ticket.next",
    "problem.checkin_failed.title",
    "problem.checkin_failed.next",
    "common.close",
    "language.self_name",
};

bool is_known_key(std::string_view key);

using FormatArgs = std::initializer_list<std::pair<std::string_view, std::string_view>>;

// Replaces each {name} in `pattern` whose name is in `args`; other braces stay as written.
std::string format_text(std::string_view pattern, FormatArgs args);
// The placeholder names in `pattern`, sorted, each once.
std::vector<std::string> placeholders(std::string_view pattern);
// 20000 -> "20,000" (both languages group digits by three).
std::string group_digits(std::int64_t number);

class Strings {
public:
    using Table = std::map<std::string, std::string, std::less<>>;

    Strings() = default;

    // Parses one language's TOML text. Returns the problems found (syntax error, a value that
    // is not a string, a key the code does not know); the good strings are kept regardless.
    [[nodiscard]] std::vector<std::string> add_toml(Language language, std::string_view toml_text,
                                                    std::string_view source_name = "toml");
    void set(Language language, std::string key, std::string text);

    // The string, else the other language's, else the key itself.
    [[nodiscard]] std::string_view get(Language language, std::string_view key) const;
    [[nodiscard]] std::string format(Language language, std::string_view key,
                                     FormatArgs args) const;
    [[nodiscard]] bool has(Language language, std::string_view key) const;
    [[nodiscard]] const Table& table(Language language) const;

private:
    std::array<Table, kLanguages.size()> tables_;
};

struct StringsLoad {
    Strings strings;
    std::vector<std::string> problems;  // empty when both files were read cleanly and completely
    [[nodiscard]] bool ok() const { return problems.empty(); }
};

// Reads ja.toml and en.toml from `directory` and reports missing keys too.
[[nodiscard]] StringsLoad load_strings(const std::filesystem::path& directory);

// The i18n folder of the source tree (UKETSUKE_ASSETS_DIR); an installed app passes its own.
std::filesystem::path source_strings_directory();

}  // namespace uketsuke::ui
