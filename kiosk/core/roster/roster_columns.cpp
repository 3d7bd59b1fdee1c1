#include "kiosk/core/roster/roster_columns.hpp"

#include <fmt/format.h>

#include "kiosk/core/model/utf8.hpp"
#include "kiosk/core/roster/search_key.hpp"

namespace uketsuke::roster_columns {
namespace {

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
    "所属",    "所属団体",     "所属自治体",  "団体名",   "会社名",       "自治体名",
    "自治体",  "勤務先",       "所属先",      "所属組織", "所属機関",     "機関名",
    "会社",    "組織",         "団体",        "所属名",   "organization", "organisation",
    "company", "company name", "affiliation", "employer"};
// A survey question headed by its own text ("ご所属の自治体名を教えてください") names the
// organization inside other words; a department or a job title is not one.
const Aliases organization_words = {"所属",    "団体",       "会社",         "勤務先",
                                    "自治体",  "組織名",     "organization", "organisation",
                                    "company", "affiliation"};
const Aliases not_organization_words = {"部署", "部課",       "課名",  "役職",
                                        "職名", "department", "title", "position"};
// The ticket type names the role in connpass (参加枠名) and Peatix (チケット名).
const Aliases role_aliases = {"役割",   "区分",        "参加区分",     "参加枠名",
                              "参加枠", "チケット名",  "チケット種別", "券種",
                              "role",   "ticket type", "ticket name"};
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
const Aliases peatix_ticket_aliases = {"販売ID",    "sales id",      "チケット番号", "チケットID",
                                       "ticket id", "ticket number", "ticket no",    "ticket #"};
const Aliases peatix_order_aliases = {"注文ID",       "注文番号", "order id",
                                      "order number", "order no", "order #"};
const Aliases peatix_ticket_type_aliases = {"チケット名", "チケット種別", "ticket type",
                                            "ticket name"};
const Aliases peatix_name_aliases = {"氏名",       "名前",          "お名前", "参加者名",
                                     "購入者名",   "購入者氏名",    "name",   "attendee name",
                                     "buyer name", "purchaser name"};
const Aliases peatix_status_aliases = {"ステータス", "注文ステータス", "支払状況",
                                       "status",     "order status",   "payment status"};

void take_if_unset(std::optional<std::size_t>& slot, Header& header, Aliases aliases) {
    if (!slot) slot = header.take(aliases);
}

bool key_contains_any(const std::string& key, Aliases words) {
    for (std::string_view word : words) {
        if (key.find(header_key(word)) != std::string::npos) return true;
    }
    return false;
}

}  // namespace

bool is_organization_question(const std::string& key) {
    return key_contains_any(key, organization_words) &&
           !key_contains_any(key, not_organization_words);
}

std::string header_key(std::string_view header) {
    std::string key = search_key(utf8::trim(header));
    std::erase(key, '_');
    return key;
}

RosterPreset detect_preset(const Header& header) {
    if ((header.find({"受付番号"}) && header.find({"参加ステータス"})) ||
        (header.find({"ユーザー名"}) && header.find({"表示名"}))) {
        return RosterPreset::Connpass;
    }
    if (header.find({"販売ID", "sales id"}) ||
        (header.find(peatix_order_aliases) &&
         (header.find(peatix_ticket_aliases) || header.find(peatix_ticket_type_aliases)))) {
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
        take_if_unset(plan.role, header, {"参加枠名"});
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
        take_if_unset(plan.role, header, peatix_ticket_type_aliases);
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
    if (!plan.organization) plan.organization = header.take_if(is_organization_question);
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

}  // namespace uketsuke::roster_columns
