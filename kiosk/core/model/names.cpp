#include "kiosk/core/model/names.hpp"

#include <vector>

#include "kiosk/core/model/utf8.hpp"

namespace uketsuke {
namespace {

bool is_separator(char32_t c) { return c == U' ' || c == U'\t' || c == U'\u3000'; }

// CJK, kana, Hangul, fullwidth forms: scripts written family name first.
bool is_east_asian(char32_t c) {
    return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF00 && c <= 0xFFEF) || c >= 0x20000;
}

struct Words {
    std::vector<std::string_view> words;
    bool east_asian = false;
};

Words split_name(std::string_view name) {
    Words out;
    std::size_t start = std::string_view::npos;
    for (std::size_t at = 0; at < name.size();) {
        const std::size_t here = at;
        const char32_t c = utf8::next(name, at);
        if (is_east_asian(c) && c != U'\u3000') out.east_asian = true;
        if (is_separator(c)) {
            if (start != std::string_view::npos)
                out.words.push_back(name.substr(start, here - start));
            start = std::string_view::npos;
        } else if (start == std::string_view::npos) {
            start = here;
        }
    }
    if (start != std::string_view::npos) out.words.push_back(name.substr(start));
    return out;
}

bool is_all_capitals(std::string_view word) {
    int letters = 0;
    for (const char c : word) {
        if (c >= 'a' && c <= 'z') return false;
        if (c >= 'A' && c <= 'Z') ++letters;
    }
    return letters >= 2;
}

// The words after the first, as written (keeps "Mary Ann" of "SMITH Mary Ann").
std::string_view rest_of(std::string_view name, const Words& words) {
    const std::string_view second = words.words[1];
    const std::size_t from = static_cast<std::size_t>(second.data() - name.data());
    const std::string_view last = words.words.back();
    const std::size_t to = static_cast<std::size_t>(last.data() - name.data()) + last.size();
    return name.substr(from, to - from);
}

}  // namespace

std::string_view to_string(NameDisplay mode) {
    switch (mode) {
        case NameDisplay::FullName:
            return "full";
        case NameDisplay::GivenNameOnly:
            return "given";
        case NameDisplay::None:
            return "none";
    }
    return "full";
}

std::optional<NameDisplay> name_display_from_string(std::string_view text) {
    for (const NameDisplay mode :
         {NameDisplay::FullName, NameDisplay::GivenNameOnly, NameDisplay::None}) {
        if (text == to_string(mode)) return mode;
    }
    return std::nullopt;
}

std::string given_name(std::string_view full_name) {
    const std::string_view name = utf8::trim_ascii(full_name);
    const Words words = split_name(name);
    if (words.words.size() < 2) return std::string(words.words.empty() ? name : words.words[0]);
    const bool family_first = words.east_asian || (is_all_capitals(words.words[0]) &&
                                                   !is_all_capitals(rest_of(name, words)));
    return std::string(family_first ? rest_of(name, words) : words.words[0]);
}

std::string display_name(std::string_view full_name, NameDisplay mode) {
    switch (mode) {
        case NameDisplay::FullName:
            return std::string(utf8::trim_ascii(full_name));
        case NameDisplay::GivenNameOnly:
            return given_name(full_name);
        case NameDisplay::None:
            return {};
    }
    return {};
}

}  // namespace uketsuke
