#include "kiosk/core/roster/roster_mapping.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <unordered_map>
#include <unordered_set>

#include "kiosk/core/model/utf8.hpp"
#include "kiosk/core/roster/search_key.hpp"

namespace uketsuke {
namespace {

using Aliases = std::initializer_list<std::string_view>;

// Headers differ in width, case, kana and spacing between exports ("E-mail", "ｅｍａｉｌ",
// "フリガナ", "ふりがな"); the search key folds all of that, and "_" too for first_name.
std::string header_key(std::string_view header) {
    std::string key = search_key(utf8::trim(header));
    std::erase(key, '_');
    return key;
}

// Generic guesses, tried when no preset claimed the field. Order is priority.
const Aliases id_aliases = {
    "ID",          "番号",          "受付番号", "登録番号",        "参加者ID",
    "参加者番号",  "申込番号",      "申込ID",   "registration id", "registration number",
    "attendee id", "participant id"};
const Aliases name_aliases = {"氏名",       "名前",       "お名前", "参加者名",
                              "参加者氏名", "氏名(漢字)", "name",   "full name"};
const Aliases reading_aliases = {
    "フリガナ",     "ふりがな",   "よみがな",       "読み",     "よみ",
    "カナ",         "氏名(カナ)", "氏名(フリガナ)", "氏名カナ", "お名前(フリガナ)",
    "お名前(カナ)", "名前(カナ)", "reading",        "kana",     "furigana"};
const Aliases organization_aliases = {
    "所属",     "所属団体", "団体名", "会社名",       "自治体名",     "勤務先",  "所属先",
    "所属組織", "会社",     "組織",   "organization", "organisation", "company", "affiliation"};
const Aliases role_aliases = {"役割", "区分", "参加区分", "role"};
const Aliases group_aliases = {"グループ", "班",           "テーブル", "グループ名",
                               "班名",     "テーブル番号", "group",    "table"};
const Aliases email_aliases = {"メールアドレス", "メール",        "Eメール", "e-mail",
                               "email",          "email address", "mail"};
const Aliases status_aliases = {"ステータス", "状態", "参加ステータス", "status"};
const Aliases code_aliases = {"チケット番号", "QR",        "QRコード", "ticket number",
                              "ticket",       "ticket no", "code"};
const Aliases family_aliases = {"姓", "氏", "苗字", "名字", "last name", "family name", "surname"};
const Aliases given_aliases = {"名", "first name", "given name"};
const Aliases family_reading_aliases = {"セイ", "姓(カナ)", "姓(フリガナ)", "姓カナ", "セイ(カナ)"};
const Aliases given_reading_aliases = {"メイ", "名(カナ)", "名(フリガナ)", "名カナ", "メイ(カナ)"};

// Peatix attendee and order exports, Japanese and English interfaces.
const Aliases peatix_ticket_aliases = {"チケット番号",  "チケットID", "ticket id",
                                       "ticket number", "ticket no",  "ticket #"};
const Aliases peatix_order_aliases = {"注文ID",       "注文番号", "order id",
                                      "order number", "order no", "order #"};
const Aliases peatix_ticket_type_aliases = {"チケット名", "チケット種別", "ticket type",
                                            "ticket name"};
const Aliases peatix_name_aliases = {"氏名",       "名前",          "お名前", "参加者名",
                                     "購入者名",   "購入者氏名",    "name",   "attendee name",
                                     "buyer name", "purchaser name"};
const Aliases peatix_status_aliases = {"ステータス", "注文ステータス", "支払状況",
                                       "status",     "order status",   "payment status"};

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

void take_if_unset(std::optional<std::size_t>& slot, Header& header, Aliases aliases) {
    if (!slot) slot = header.take(aliases);
}

RosterPreset detect_preset(const Header& header) {
    if ((header.find({"受付番号"}) && header.find({"参加ステータス"})) ||
        (header.find({"ユーザー名"}) && header.find({"表示名"}))) {
        return RosterPreset::Connpass;
    }
    if (header.find(peatix_order_aliases) &&
        (header.find(peatix_ticket_aliases) || header.find(peatix_ticket_type_aliases))) {
        return RosterPreset::Peatix;
    }
    return RosterPreset::Generic;
}

void plan_preset(RosterPreset preset, Plan& plan, Header& header, bool codes_overridden) {
    if (preset == RosterPreset::Connpass) {
        take_if_unset(plan.id, header, {"受付番号"});
        if (!codes_overridden) {
            if (auto number = header.find({"受付番号"})) plan.codes.push_back(*number);
        }
        if (!plan.name) {
            plan.name = header.take({"表示名"});
            plan.name_fallback = header.take({"ユーザー名"});
            if (!plan.name) std::swap(plan.name, plan.name_fallback);
        }
        take_if_unset(plan.status, header, {"参加ステータス"});
    } else if (preset == RosterPreset::Peatix) {
        const auto ticket = header.take(peatix_ticket_aliases);
        const auto order = header.take(peatix_order_aliases);
        if (!plan.id) {
            plan.id = ticket ? ticket : order;
            if (ticket) plan.id_fallback = order;
        }
        if (!codes_overridden) {
            for (auto column : {ticket, order}) {
                if (column) plan.codes.push_back(*column);
            }
        }
        take_if_unset(plan.name, header, peatix_name_aliases);
        take_if_unset(plan.status, header, peatix_status_aliases);
    }
    take_if_unset(plan.id, header, id_aliases);
    take_if_unset(plan.name, header, name_aliases);
    if (!plan.name) {
        plan.family = header.take(family_aliases);
        plan.given = header.take(given_aliases);
    }
    take_if_unset(plan.reading, header, reading_aliases);
    if (!plan.reading) {
        plan.family_reading = header.take(family_reading_aliases);
        plan.given_reading = header.take(given_reading_aliases);
    }
    take_if_unset(plan.organization, header, organization_aliases);
    take_if_unset(plan.role, header, role_aliases);
    take_if_unset(plan.group, header, group_aliases);
    take_if_unset(plan.email, header, email_aliases);
    take_if_unset(plan.status, header, status_aliases);
    if (plan.codes.empty() && !codes_overridden) {
        if (auto code = header.take(code_aliases)) plan.codes.push_back(*code);
    }
}

std::vector<std::pair<std::string, std::string>> describe(const Plan& plan, const Header& header) {
    std::vector<std::vector<std::string>> labels(header.size());
    auto label = [&labels](const std::optional<std::size_t>& column, std::string text) {
        if (column) labels[*column].push_back(std::move(text));
    };
    label(plan.id, "id");
    if (plan.id_fallback) {
        label(plan.id_fallback, "id (when " + header.name(*plan.id) + " is empty)");
    }
    label(plan.name, "name");
    if (plan.name_fallback) {
        label(plan.name_fallback, "name (when " + header.name(*plan.name) + " is empty)");
    }
    label(plan.family, "name (family)");
    label(plan.given, "name (given)");
    label(plan.reading, "reading");
    label(plan.family_reading, "reading (family)");
    label(plan.given_reading, "reading (given)");
    label(plan.organization, "organization");
    label(plan.role, "role");
    label(plan.group, "group");
    label(plan.email, "email");
    label(plan.status, "status");
    for (std::size_t code : plan.codes) labels[code].emplace_back("code");
    std::vector<std::pair<std::string, std::string>> columns;
    for (std::size_t i = 0; i < header.size(); ++i) {
        std::string text;
        for (const std::string& part : labels[i]) text += (text.empty() ? "" : ", ") + part;
        columns.emplace_back(header.name(i), text.empty() ? "extra" : text);
    }
    return columns;
}

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

// Empty when the value is not a known role.
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

bool is_ascii(std::string_view text) {
    for (char c : text) {
        if (static_cast<unsigned char>(c) >= 0x80) return false;
    }
    return true;
}

// Japanese order and a full-width space for Japanese names, "Given Family" for Latin ones.
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

struct Cell {
    std::string_view text;
    std::size_t column = 1;
};

Cell cell(const CsvRow& row, const std::optional<std::size_t>& column) {
    if (!column || *column >= row.fields.size()) return {};
    return {utf8::trim(row.fields[*column].text), row.fields[*column].column};
}

// A code held by several people (a Peatix order with two tickets) cannot say who is at the
// kiosk, so it is not imported at all; the organizer is told.
void drop_shared_codes(MappingResult& result) {
    // Sorting views is several times faster than a hash map of 100,000 codes. Nothing below
    // changes a code until the views are no longer used.
    std::vector<std::pair<std::string_view, std::size_t>> codes;  // code, line
    codes.reserve(result.people.size() * 2);
    for (const ImportedPerson& person : result.people) {
        for (const std::string& code : person.codes) codes.emplace_back(code, person.line);
    }
    std::sort(codes.begin(), codes.end());
    std::vector<std::pair<std::size_t, std::string>> shared;  // first line, "code (lines …)"
    std::unordered_set<std::string> is_shared;  // copies: erasing codes moves the strings
    for (std::size_t i = 0; i + 1 < codes.size();) {
        std::size_t end = i + 1;
        while (end < codes.size() && codes[end].first == codes[i].first) ++end;
        if (end - i > 1) {
            std::vector<std::size_t> lines;
            for (std::size_t k = i; k < end; ++k) lines.push_back(codes[k].second);
            shared.emplace_back(lines.front(), fmt::format("{} (lines {})", codes[i].first,
                                                           fmt::join(lines, ", ")));
            is_shared.emplace(codes[i].first);
        }
        i = end;
    }
    if (shared.empty()) return;
    std::sort(shared.begin(), shared.end());
    for (ImportedPerson& person : result.people) {
        std::erase_if(person.codes,
                      [&is_shared](const std::string& code) { return is_shared.contains(code); });
    }
    std::vector<std::string> examples;
    for (std::size_t i = 0; i < shared.size() && i < 5; ++i) examples.push_back(shared[i].second);
    const std::size_t count = shared.size();
    result.warnings.push_back(
        fmt::format("{} code{} shared by several people, so not usable as ticket code{}: {}{}",
                    count, count == 1 ? " is" : "s are", count == 1 ? "" : "s",
                    fmt::join(examples, "; "), count > examples.size() ? "; …" : ""));
}

}  // namespace

std::optional<RosterPreset> parse_preset(std::string_view name) {
    for (auto preset : {RosterPreset::Auto, RosterPreset::Connpass, RosterPreset::Peatix,
                        RosterPreset::Generic}) {
        if (header_key(name) == preset_name(preset)) return preset;
    }
    return std::nullopt;
}

std::string_view preset_name(RosterPreset preset) {
    switch (preset) {
        case RosterPreset::Auto:
            return "auto";
        case RosterPreset::Connpass:
            return "connpass";
        case RosterPreset::Peatix:
            return "peatix";
        case RosterPreset::Generic:
            return "generic";
    }
    return "auto";
}

const std::vector<std::string_view>& mappable_fields() {
    static const std::vector<std::string_view> fields = {
        "id", "name", "reading", "organization", "role", "group", "email", "status", "code"};
    return fields;
}

Result<MapOption, std::string> parse_map_option(std::string_view text) {
    const std::size_t equals = text.find('=');
    if (equals == std::string_view::npos) {
        return fmt::format("--map {}: expected FIELD=COLUMN, for example name=氏名", text);
    }
    MapOption option;
    option.field = std::string(utf8::trim(text.substr(0, equals)));
    for (char& c : option.field) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    option.header = std::string(utf8::trim(text.substr(equals + 1)));
    const auto& fields = mappable_fields();
    if (std::find(fields.begin(), fields.end(), option.field) == fields.end()) {
        return fmt::format(
            "--map {}: unknown field \"{}\"; the fields are id, name, reading, organization, "
            "role, group, email, status, code",
            text, option.field);
    }
    if (option.header.empty()) return fmt::format("--map {}: the column name is missing", text);
    return option;
}

MappingResult map_roster(const CsvTable& table, const MappingOptions& options) {
    MappingResult result;
    if (table.rows.empty()) {
        result.error = SourceError{"the roster has no header line", 1, 1};
        return result;
    }
    const CsvRow& header_row = table.rows.front();
    auto fail = [&result](std::string message, std::size_t line, std::size_t column) {
        result.error = SourceError{std::move(message), line, column};
        result.people.clear();
    };
    Header header(header_row);
    Plan plan;
    bool codes_overridden = false;
    for (const auto& [given_field, wanted] : options.overrides) {
        std::string field = given_field;
        for (char& c : field) {
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        }
        const auto& fields = mappable_fields();
        if (std::find(fields.begin(), fields.end(), field) == fields.end()) {
            fail(fmt::format("--map {}={}: unknown field \"{}\"; the fields are id, name, "
                             "reading, organization, role, group, email, status, code",
                             given_field, wanted, given_field),
                 header_row.line, 1);
            return result;
        }
        const auto column = header.find_named(wanted);
        if (!column) {
            fail(fmt::format("--map {}={}: the file has no column named \"{}\"; found columns: {}",
                             given_field, wanted, utf8::trim(wanted), header.listing()),
                 header_row.line, 1);
            return result;
        }
        if (field == "code") {
            codes_overridden = true;
            plan.codes.push_back(*column);
            continue;
        }
        std::optional<std::size_t>* slot = field == "id"             ? &plan.id
                                           : field == "name"         ? &plan.name
                                           : field == "reading"      ? &plan.reading
                                           : field == "organization" ? &plan.organization
                                           : field == "role"         ? &plan.role
                                           : field == "group"        ? &plan.group
                                           : field == "email"        ? &plan.email
                                                                     : &plan.status;
        *slot = column;
    }
    result.preset = options.preset == RosterPreset::Auto ? detect_preset(header) : options.preset;
    plan_preset(result.preset, plan, header, codes_overridden);
    result.columns = describe(plan, header);
    if (!plan.name && !plan.family && !plan.given) {
        fail(fmt::format("no column for the participant's name; found columns: {}; use --map "
                         "name=COLUMN",
                         header.listing()),
             header_row.line, 1);
        return result;
    }

    std::vector<bool> is_extra(header.size());
    for (std::size_t i = 0; i < header.size(); ++i) {
        is_extra[i] = result.columns[i].second == "extra";
    }
    const std::string& name_header = header.name(plan.name     ? *plan.name
                                                 : plan.family ? *plan.family
                                                               : *plan.given);
    // Statuses and roles repeat ("参加" a thousand times); normalizing each once keeps a
    // 100,000-row import well inside its budget. Views point into the table, which outlives us.
    std::unordered_map<std::string_view, bool> status_cache;
    std::unordered_map<std::string_view, std::string> role_cache;
    // Views into people[i].id: people is reserved, so they never move.
    std::unordered_map<std::string_view, std::size_t> person_by_id;
    person_by_id.reserve(table.rows.size());
    result.people.reserve(table.rows.size() - 1);

    for (std::size_t r = 1; r < table.rows.size(); ++r) {
        const CsvRow& row = table.rows[r];
        ImportedPerson person;
        person.line = row.line;

        Cell name;
        if (plan.name) {
            name = cell(row, plan.name);
            if (name.text.empty() && plan.name_fallback) {
                name.text = cell(row, plan.name_fallback).text;
            }
            person.name = name.text;
        } else {
            const Cell family = cell(row, plan.family);
            const Cell given = cell(row, plan.given);
            name.column = plan.family ? family.column : given.column;
            person.name = join_name(family.text, given.text);
        }
        if (person.name.empty()) {
            fail(fmt::format("line {} has no name (the column \"{}\" is empty)", row.line,
                             name_header),
                 row.line, name.column);
            return result;
        }
        if (plan.reading || (!plan.family_reading && !plan.given_reading)) {
            person.reading = cell(row, plan.reading).text;
        } else {
            person.reading =
                join_name(cell(row, plan.family_reading).text, cell(row, plan.given_reading).text);
        }
        person.organization = cell(row, plan.organization).text;
        person.group = cell(row, plan.group).text;
        person.email = cell(row, plan.email).text;
        const std::string_view status = cell(row, plan.status).text;
        auto known_status = status_cache.find(status);
        if (known_status == status_cache.end()) {
            known_status = status_cache.emplace(status, is_cancelled(status)).first;
        }
        person.cancelled = known_status->second;
        const Cell role = cell(row, plan.role);
        auto known_role = role_cache.find(role.text);
        if (known_role == role_cache.end()) {
            known_role = role_cache.emplace(role.text, role_of(role.text)).first;
        }
        person.role = known_role->second;
        const bool unknown_role = person.role.empty();
        if (unknown_role) person.role = "participant";

        Cell id = cell(row, plan.id);
        if (id.text.empty() && plan.id_fallback) id = cell(row, plan.id_fallback);
        const bool generated = id.text.empty();
        person.id = generated ? generated_id(person.name, person.email) : std::string(id.text);

        for (std::size_t column : plan.codes) {
            std::string code(cell(row, column).text);
            if (!code.empty() &&
                std::find(person.codes.begin(), person.codes.end(), code) == person.codes.end()) {
                person.codes.push_back(std::move(code));
            }
        }
        for (std::size_t i = 0; i < header.size() && i < row.fields.size(); ++i) {
            if (!is_extra[i] && !(unknown_role && plan.role == i)) continue;
            const std::string_view value = utf8::trim(row.fields[i].text);
            if (!value.empty()) person.extras.emplace_back(header.name(i), value);
        }

        const auto found = person_by_id.find(person.id);
        if (found != person_by_id.end()) {
            const std::size_t first_line = result.people[found->second].line;
            if (generated) {
                fail(fmt::format("\"{}\" appears on line {} and line {} with the same e-mail and "
                                 "no id to tell them apart; remove one row or add an id column",
                                 person.name, first_line, row.line),
                     row.line, name.column);
            } else {
                fail(fmt::format("id {} appears on line {} and line {}", person.id, first_line,
                                 row.line),
                     row.line, id.column);
            }
            return result;
        }
        result.people.push_back(std::move(person));
        person_by_id.emplace(result.people.back().id, result.people.size() - 1);
    }
    drop_shared_codes(result);
    return result;
}

}  // namespace uketsuke
