#include "kiosk/core/roster/roster_values.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "kiosk/core/roster/roster_columns.hpp"
#include "kiosk/core/roster/search_key.hpp"

namespace uketsuke::roster_values {
namespace {

using roster_columns::Aliases;
using roster_columns::header_key;

// Status and role words are keyed once: the value of every row is compared with them.
std::vector<std::string> keys_of(Aliases words) {
    std::vector<std::string> keys;
    for (std::string_view word : words) keys.push_back(header_key(word));
    return keys;
}

bool contains_any(const std::string& key, const std::vector<std::string>& words) {
    for (const std::string& word : words) {
        if (key.find(word) != std::string::npos) return true;
    }
    return false;
}

bool equals_any(const std::string& key, const std::vector<std::string>& words) {
    return std::find(words.begin(), words.end(), key) != words.end();
}

bool is_ascii(std::string_view text) {
    for (char c : text) {
        if (static_cast<unsigned char>(c) >= 0x80) return false;
    }
    return true;
}

}  // namespace

bool is_cancelled(std::string_view status) {
    const std::string key = header_key(status);
    if (key.empty()) return false;
    // "キャンセル待ち" is a waiting list, the opposite of a cancellation.
    static const auto waiting = keys_of({"キャンセル待ち"});
    // Expired Peatix orders were never paid: the person holds no valid ticket.
    static const auto cancelled =
        keys_of({"キャンセル", "cancel", "取消", "取り消し", "辞退", "refund", "返金", "払い戻し",
                 "払戻", "expired", "期限切れ"});
    return !contains_any(key, waiting) && contains_any(key, cancelled);
}

std::string role_of(std::string_view value) {
    static const auto participant =
        keys_of({"参加者", "participant", "一般", "attendee", "受講者"});
    static const auto facilitator =
        keys_of({"ファシリテーター", "ファシリテータ", "ファシリ", "facilitator", "進行役"});
    static const auto staff = keys_of({"スタッフ", "staff", "運営", "運営スタッフ", "事務局"});
    static const auto guest = keys_of({"来賓", "ゲスト", "guest", "vip", "招待者"});
    const std::string key = header_key(value);
    if (key.empty() || equals_any(key, participant)) return "participant";
    if (equals_any(key, facilitator)) return "facilitator";
    if (equals_any(key, staff)) return "staff";
    if (equals_any(key, guest)) return "guest";
    return {};
}

std::string join_name(std::string_view family, std::string_view given) {
    if (family.empty() || given.empty()) return std::string(family.empty() ? given : family);
    if (is_ascii(family) && is_ascii(given)) return fmt::format("{} {}", given, family);
    return fmt::format("{}\u3000{}", family, given);
}

std::string generated_id(std::string_view name, std::string_view email) {
    std::string input = search_key(name) + "|";
    for (char c : email) input += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    std::uint64_t hash = 0xcbf29ce484222325ULL;  // FNV-1a 64: stable across builds and platforms
    for (char c : input) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ULL;
    }
    return fmt::format("r-{:012x}", hash >> 16);
}

}  // namespace uketsuke::roster_values
