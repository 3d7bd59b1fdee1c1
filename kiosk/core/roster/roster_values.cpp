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

bool is_waiting_list(std::string_view status) {
    static const auto waiting =
        keys_of({"補欠", "キャンセル待ち", "waitlist", "waiting list", "wait list", "waiting"});
    const std::string key = header_key(status);
    return !key.empty() && contains_any(key, waiting);
}

std::string role_of(std::string_view value) {
    static const auto participant =
        keys_of({"参加者", "participant", "一般", "attendee", "受講者"});
    static const auto facilitator = keys_of(
        {"ファシリテーター", "ファシリテータ", "ファシリ", "facilitator", "進行役", "講師"});
    static const auto staff = keys_of({"スタッフ", "staff", "運営", "事務局"});
    static const auto guest = keys_of({"来賓", "ゲスト", "guest", "vip", "招待"});
    const std::string key = header_key(value);
    if (key.empty() || equals_any(key, participant)) return "participant";
    // A ticket type names its role inside other words (ファシリテーター枠, 運営スタッフ).
    if (contains_any(key, facilitator)) return "facilitator";
    if (contains_any(key, staff)) return "staff";
    if (contains_any(key, guest)) return "guest";
    return {};
}

std::string parse_japanese_date(std::string_view text) {
    // NFKC first: full-width digits and spaces are common in hand-made sheets.
    const std::string folded = nfkc(text);
    std::vector<int> numbers;
    std::string rest;  // the non-digit separators, to tell a date from any other number run
    int current = -1;
    for (char c : folded) {
        if (c >= '0' && c <= '9') {
            current = (current < 0 ? 0 : current * 10) + (c - '0');
            if (current > 9999) return {};
        } else {
            if (current >= 0) numbers.push_back(current);
            current = -1;
            rest += c;
        }
    }
    if (current >= 0) numbers.push_back(current);
    if (numbers.size() != 3 && numbers.size() != 5 && numbers.size() != 6) return {};
    const int year = numbers[0], month = numbers[1], day = numbers[2];
    if (year < 1900 || month < 1 || month > 12 || day < 1 || day > 31) return {};
    static const std::vector<std::string> separators = {
        "年月日", "年月日時分", "年月日時分秒", "//", "//:", "//::", "--", "--:", "--::"};
    std::string compact = rest;
    std::erase(compact, ' ');
    if (std::find(separators.begin(), separators.end(), compact) == separators.end()) return {};
    if (numbers.size() == 3) return fmt::format("{:04}-{:02}-{:02}", year, month, day);
    const int hour = numbers[3], minute = numbers[4];
    if (hour > 23 || minute > 59) return {};
    return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}", year, month, day, hour, minute);
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
