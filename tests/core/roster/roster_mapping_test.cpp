#include "kiosk/core/roster/roster_mapping.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <string>

using namespace uketsuke;

namespace {

CsvTable table_of(std::string_view text) {
    auto parsed = parse_csv(text);
    EXPECT_TRUE(parsed) << parsed.error().message;
    return parsed ? parsed.value() : CsvTable{};
}

MappingResult map_text(std::string_view text, MappingOptions options = {}) {
    return map_roster(table_of(text), options);
}

SourceError error_of(std::string_view text, MappingOptions options = {}) {
    MappingResult result = map_text(text, options);
    EXPECT_FALSE(result);
    return result.error.value_or(SourceError{});
}

using Pairs = std::vector<std::pair<std::string, std::string>>;
using Strings = std::vector<std::string>;

const char* const connpass_csv =
    "参加枠名,ユーザー名,表示名,利用しているSNS,申込み日時,参加ステータス,出欠ステータス,"
    "所属を教えてください,受付番号,コメント,更新日時\n"
    "一般枠,yamada,山田 太郎,twitter,2024/05/01 10:00,参加,,○○市役所,1001,,2024/05/02\n"
    "一般枠,sato_h,,github,2024/05/01 11:00,参加,出席,,1002,よろしく,2024/05/02\n"
    "LT枠,suzuki,鈴木 一郎,,2024/05/01 12:00,キャンセル,,,1003,,2024/05/03\n";

}  // namespace

TEST(RosterMappingOptions, ParsesMapOption) {
    const auto option = parse_map_option("name=氏名");
    ASSERT_TRUE(option) << option.error();
    EXPECT_EQ(option.value().field, "name");
    EXPECT_EQ(option.value().header, "氏名");

    const auto spaced = parse_map_option(" Code = a=b ");
    ASSERT_TRUE(spaced);
    EXPECT_EQ(spaced.value().field, "code");
    EXPECT_EQ(spaced.value().header, "a=b");
}

TEST(RosterMappingOptions, RejectsUnknownFieldsAndMissingParts) {
    EXPECT_EQ(parse_map_option("nmae=氏名").error(),
              "--map nmae=氏名: unknown field \"nmae\"; the fields are id, name, reading, "
              "organization, role, group, email, status, code");
    EXPECT_EQ(parse_map_option("name").error(),
              "--map name: expected FIELD=COLUMN, for example name=氏名");
    EXPECT_EQ(parse_map_option("name= ").error(), "--map name= : the column name is missing");
    for (std::string_view field : mappable_fields()) {
        EXPECT_TRUE(parse_map_option(std::string(field) + "=x")) << field;
    }
}

TEST(RosterMappingOptions, PresetNames) {
    EXPECT_EQ(parse_preset("connpass"), RosterPreset::Connpass);
    EXPECT_EQ(parse_preset("Peatix"), RosterPreset::Peatix);
    EXPECT_EQ(parse_preset("generic"), RosterPreset::Generic);
    EXPECT_EQ(parse_preset("auto"), RosterPreset::Auto);
    EXPECT_EQ(parse_preset("eventbrite"), std::nullopt);
    EXPECT_EQ(preset_name(RosterPreset::Connpass), "connpass");
}

TEST(RosterMappingConnpass, DetectsAndMaps) {
    const MappingResult result = map_text(connpass_csv);
    ASSERT_TRUE(result) << result.error->message;
    EXPECT_EQ(result.preset, RosterPreset::Connpass);
    ASSERT_EQ(result.people.size(), 3u);

    const ImportedPerson& yamada = result.people[0];
    EXPECT_EQ(yamada.id, "1001");
    EXPECT_EQ(yamada.codes, (Strings{"1001"}));
    EXPECT_EQ(yamada.name, "山田 太郎");
    EXPECT_EQ(yamada.role, "participant");
    EXPECT_FALSE(yamada.cancelled);
    EXPECT_EQ(yamada.line, 2u);
    // The survey question names the organization; dates come out sortable; 一般枠 names no
    // role, so the ticket type stays as an extra.
    EXPECT_EQ(yamada.organization, "○○市役所");
    EXPECT_EQ(yamada.extras, (Pairs{{"参加枠名", "一般枠"},
                                    {"利用しているSNS", "twitter"},
                                    {"申込み日時", "2024-05-01 10:00"},
                                    {"更新日時", "2024-05-02"}}));

    EXPECT_EQ(result.people[1].name, "sato_h");  // 表示名 empty: falls back to ユーザー名
    EXPECT_TRUE(result.people[2].cancelled);
    EXPECT_EQ(result.people[2].extras.front(),
              (std::pair<std::string, std::string>{"参加枠名", "LT枠"}));
}

TEST(RosterMappingConnpass, ReportsTheColumnsItUsed) {
    const MappingResult result = map_text(connpass_csv);
    ASSERT_TRUE(result);
    EXPECT_EQ(result.columns, (Pairs{{"参加枠名", "role"},
                                     {"ユーザー名", "name (when 表示名 is empty)"},
                                     {"表示名", "name"},
                                     {"利用しているSNS", "extra"},
                                     {"申込み日時", "extra"},
                                     {"参加ステータス", "status"},
                                     {"出欠ステータス", "extra"},
                                     {"所属を教えてください", "organization"},
                                     {"受付番号", "id, code"},
                                     {"コメント", "extra"},
                                     {"更新日時", "extra"}}));
}

TEST(RosterMappingConnpass, ForcedGenericIgnoresConnpassColumns) {
    MappingOptions options;
    options.preset = RosterPreset::Generic;
    const MappingResult result =
        map_text("ユーザー名,表示名,受付番号,氏名\nu,表示,1,本名\n", options);
    ASSERT_TRUE(result);
    EXPECT_EQ(result.preset, RosterPreset::Generic);
    EXPECT_EQ(result.people[0].name, "本名");
    EXPECT_EQ(result.people[0].id, "1");
    EXPECT_TRUE(result.people[0].codes.empty());
}

TEST(RosterMappingPeatix, JapaneseExport) {
    const MappingResult result = map_text(
        "注文ID,チケットID,チケット名,購入者名,メールアドレス,ステータス,申込日\n"
        "A100,T1,一般,山田 花子,hanako@example.jp,支払い済み,2024-05-01\n"
        "A100,T2,一般,山田 次郎,jiro@example.jp,支払い済み,2024-05-01\n"
        "A101,T3,学生,佐藤 一,hajime@example.jp,キャンセル済み,2024-05-02\n");
    ASSERT_TRUE(result) << result.error->message;
    EXPECT_EQ(result.preset, RosterPreset::Peatix);
    ASSERT_EQ(result.people.size(), 3u);
    EXPECT_EQ(result.people[0].id, "T1");
    EXPECT_EQ(result.people[0].name, "山田 花子");
    EXPECT_EQ(result.people[0].email, "hanako@example.jp");
    // A100 is the order of two tickets: it cannot tell who is at the kiosk.
    EXPECT_EQ(result.people[0].codes, (Strings{"T1"}));
    EXPECT_EQ(result.people[1].codes, (Strings{"T2"}));
    EXPECT_EQ(result.people[2].codes, (Strings{"T3", "A101"}));
    EXPECT_TRUE(result.people[2].cancelled);
    EXPECT_FALSE(result.people[0].cancelled);
    EXPECT_EQ(result.people[0].extras, (Pairs{{"申込日", "2024-05-01"}}));
    EXPECT_EQ(result.people[2].extras, (Pairs{{"チケット名", "学生"}, {"申込日", "2024-05-02"}}));
    ASSERT_EQ(result.warnings.size(), 2u);  // no organization column, and the shared order
    EXPECT_EQ(result.warnings[1],
              "1 code is shared by several people, so not usable as ticket code: A100 (lines 2, "
              "3)");
}

TEST(RosterMappingPeatix, EnglishExportWithRefunds) {
    const MappingResult result = map_text(
        "Order ID,Ticket Number,Ticket Type,Name,Email,Status\n"
        "9001,#5551,General,Jane Doe,jane@example.com,Paid\n"
        "9002,#5552,General,John Roe,john@example.com,Refunded\n");
    ASSERT_TRUE(result) << result.error->message;
    EXPECT_EQ(result.preset, RosterPreset::Peatix);
    EXPECT_EQ(result.people[0].id, "#5551");
    EXPECT_EQ(result.people[0].codes, (Strings{"#5551", "9001"}));
    EXPECT_FALSE(result.people[0].cancelled);
    EXPECT_TRUE(result.people[1].cancelled);
}

TEST(RosterMappingPeatix, OrderIdIsTheIdWithoutTicketNumbers) {
    const MappingResult result = map_text(
        "注文番号,チケット名,氏名\n"
        "A1,一般,山田\n"
        "A2,一般,佐藤\n");
    ASSERT_TRUE(result);
    EXPECT_EQ(result.preset, RosterPreset::Peatix);
    EXPECT_EQ(result.people[1].id, "A2");
    EXPECT_EQ(result.people[1].codes, (Strings{"A2"}));
}

TEST(RosterMappingGeneric, JapaneseHeaders) {
    const MappingResult result = map_text(
        "番号,氏名,フリガナ,所属,役割,グループ,メールアドレス,状態,チケット番号,備考\n"
        "1,山田 太郎,ヤマダ タロウ,○○市,ファシリテーター,A,taro@example.jp,,Q-1,\n"
        "2,佐藤 花子,サトウ ハナコ,△△町,ｽﾀｯﾌ,B,,辞退,Q-2,遅れて参加\n"
        "3,鈴木 一郎,スズキ イチロウ,□□村,来賓,,,,,\n"
        "4,高橋 次郎,タカハシ ジロウ,□□村,記録係,C,,キャンセル待ち,,\n");
    ASSERT_TRUE(result) << result.error->message;
    EXPECT_EQ(result.preset, RosterPreset::Generic);
    ASSERT_EQ(result.people.size(), 4u);
    const ImportedPerson& yamada = result.people[0];
    EXPECT_EQ(yamada.id, "1");
    EXPECT_EQ(yamada.reading, "ヤマダ タロウ");
    EXPECT_EQ(yamada.organization, "○○市");
    EXPECT_EQ(yamada.role, "facilitator");
    EXPECT_EQ(yamada.group, "A");
    EXPECT_EQ(yamada.email, "taro@example.jp");
    EXPECT_EQ(yamada.codes, (Strings{"Q-1"}));
    EXPECT_TRUE(yamada.extras.empty());
    EXPECT_EQ(result.people[1].role, "staff");
    EXPECT_TRUE(result.people[1].cancelled);
    EXPECT_EQ(result.people[1].extras, (Pairs{{"備考", "遅れて参加"}}));
    EXPECT_EQ(result.people[2].role, "guest");
    // An unknown role is a participant; the organizer's word is kept as an extra.
    EXPECT_EQ(result.people[3].role, "participant");
    // A waiting list is not a cancellation, but not a place either: not expected at the door,
    // and its status is kept to say why.
    EXPECT_EQ(result.people[3].extras, (Pairs{{"役割", "記録係"}, {"状態", "キャンセル待ち"}}));
    EXPECT_TRUE(result.people[3].cancelled);
    EXPECT_TRUE(result.people[3].waiting_list);
}

TEST(RosterMappingGeneric, EnglishAndFullWidthHeaders) {
    const MappingResult result = map_text(
        "ＮＡＭＥ,E-Mail,Company,Table,Role, Status \n"
        "Jane Doe,Jane@Example.com,ACME,3,Facilitator,cancelled\n");
    ASSERT_TRUE(result) << result.error->message;
    const ImportedPerson& jane = result.people[0];
    EXPECT_EQ(jane.name, "Jane Doe");
    EXPECT_EQ(jane.email, "Jane@Example.com");
    EXPECT_EQ(jane.organization, "ACME");
    EXPECT_EQ(jane.group, "3");
    EXPECT_EQ(jane.role, "facilitator");
    EXPECT_TRUE(jane.cancelled);
}

TEST(RosterMappingGeneric, ValuesAreTrimmedButNotNormalized) {
    const MappingResult result = map_text("氏名,所属\n\u3000山田　太郎 ,  ＡＢＣ株式会社\u3000\n");
    ASSERT_TRUE(result);
    EXPECT_EQ(result.people[0].name, "山田　太郎");
    EXPECT_EQ(result.people[0].organization, "ＡＢＣ株式会社");
}

TEST(RosterMappingGeneric, JoinsFamilyAndGivenNames) {
    const MappingResult japanese = map_text("姓,名,セイ,メイ,所属\n山田,太郎,ヤマダ,タロウ,○○市\n");
    ASSERT_TRUE(japanese) << japanese.error->message;
    EXPECT_EQ(japanese.people[0].name, "山田\u3000太郎");
    EXPECT_EQ(japanese.people[0].reading, "ヤマダ\u3000タロウ");
    EXPECT_EQ(japanese.columns[0].second, "name (family)");
    EXPECT_EQ(japanese.columns[3].second, "reading (given)");

    const MappingResult latin = map_text("Last Name,First Name,Email\nSmith,John,j@example.com\n");
    ASSERT_TRUE(latin) << latin.error->message;
    EXPECT_EQ(latin.people[0].name, "John Smith");

    const MappingResult one_part = map_text("last_name,first_name\nMadonna,\n");
    ASSERT_TRUE(one_part);
    EXPECT_EQ(one_part.people[0].name, "Madonna");
}

TEST(RosterMappingGeneric, HeaderOnlyIsAnEmptyRoster) {
    const MappingResult result = map_text("氏名,所属\n");
    ASSERT_TRUE(result);
    EXPECT_TRUE(result.people.empty());
}

TEST(RosterMappingOverrides, MapNamesAColumn) {
    MappingOptions options;
    options.overrides = {
        {"name", "参加者のお名前"}, {"id", "No."}, {"code", "QR1"}, {"code", "QR2"}};
    const MappingResult result = map_text(
        "No.,参加者のお名前,氏名,QR1,QR2\n"
        "7,山田 太郎,ignored,x1,x2\n",
        options);
    ASSERT_TRUE(result) << result.error->message;
    EXPECT_EQ(result.people[0].id, "7");
    EXPECT_EQ(result.people[0].name, "山田 太郎");
    EXPECT_EQ(result.people[0].codes, (Strings{"x1", "x2"}));
    EXPECT_EQ(result.people[0].extras, (Pairs{{"氏名", "ignored"}}));
}

TEST(RosterMappingOverrides, HeaderIsFoundAfterNormalization) {
    MappingOptions options;
    options.overrides = {{"name", "お名前（漢字）"}};
    const MappingResult result = map_text("お名前(漢字)\n山田\n", options);
    ASSERT_TRUE(result) << result.error->message;
    EXPECT_EQ(result.people[0].name, "山田");
}

TEST(RosterMappingOverrides, UnknownHeaderIsAnError) {
    MappingOptions options;
    options.overrides = {{"name", "氏名"}};
    const SourceError error = error_of("\nお名前,所属\n山田,市\n", options);
    EXPECT_EQ(
        error.message,
        "--map name=氏名: the file has no column named \"氏名\"; found columns: お名前, 所属");
    EXPECT_EQ(error.line, 2u);
    EXPECT_EQ(error.column, 1u);

    options.overrides = {{"nmae", "お名前"}};
    EXPECT_NE(error_of("お名前\n山田\n", options).message.find("unknown field \"nmae\""),
              std::string::npos);
}

TEST(RosterMappingErrors, MissingNameColumn) {
    const SourceError error = error_of("id,会社,電話\n1,ACME,03\n");
    EXPECT_EQ(error.message,
              "no column for the participant's name; found columns: id, 会社, 電話; use --map "
              "name=COLUMN");
    EXPECT_EQ(error.line, 1u);
    EXPECT_EQ(error.column, 1u);
}

TEST(RosterMappingErrors, EmptyName) {
    const SourceError error = error_of("id,氏名\n1,山田\n2,\u3000\n");
    EXPECT_EQ(error.message, "line 3 has no name (the column \"氏名\" is empty)");
    EXPECT_EQ(error.line, 3u);
    EXPECT_EQ(error.column, 3u);
}

TEST(RosterMappingErrors, DuplicateIds) {
    const SourceError error = error_of("id,name\n123,A\n4,B\n5,C\n 123 ,D\n");
    EXPECT_EQ(error.message, "id 123 appears on line 2 and line 5");
    EXPECT_EQ(error.line, 5u);
    EXPECT_EQ(error.column, 1u);

    const SourceError connpass = error_of("ユーザー名,表示名,受付番号\na,A,9\nb,B,9\n");
    EXPECT_EQ(connpass.message, "id 9 appears on line 2 and line 3");
    EXPECT_EQ(connpass.column, 5u);
}

TEST(RosterMappingIds, GeneratedIdsAreStableAndFoldNames) {
    const MappingResult first = map_text("氏名,メール\nﾔﾏﾀﾞ,Taro@Example.jp\n佐藤,\n");
    const MappingResult second = map_text("氏名,メール\nやまだ,taro@example.jp\n");
    ASSERT_TRUE(first);
    ASSERT_TRUE(second);
    const std::string& id = first.people[0].id;
    ASSERT_EQ(id.size(), 14u);
    EXPECT_EQ(id.substr(0, 2), "r-");
    EXPECT_EQ(id.find_first_not_of("0123456789abcdef", 2), std::string::npos);
    EXPECT_EQ(id, second.people[0].id);
    EXPECT_NE(id, first.people[1].id);
}

TEST(RosterMappingIds, DuplicatePeopleWithoutIdsAreErrors) {
    const SourceError error =
        error_of("氏名,メール\n山田 太郎,t@example.jp\n佐藤,\n山田太郎,T@example.jp\n");
    EXPECT_EQ(error.message,
              "\"山田太郎\" appears on line 2 and line 4 with the same e-mail and no id to tell "
              "them apart; remove one row or add an id column");
    EXPECT_EQ(error.line, 4u);
    EXPECT_EQ(error.column, 1u);
}

TEST(RosterMappingIds, EmptyIdCellFallsBackToGeneratedId) {
    const MappingResult result = map_text("ID,氏名\n1,山田\n,佐藤\n");
    ASSERT_TRUE(result);
    EXPECT_EQ(result.people[1].id.substr(0, 2), "r-");
}

TEST(RosterMapping, HandMadeTablesDoNotCrash) {
    CsvTable empty;
    const MappingResult none = map_roster(empty);
    ASSERT_FALSE(none);
    EXPECT_EQ(none.error->message, "the roster has no header line");

    CsvTable short_rows;
    short_rows.rows.push_back({1, {{"氏名", 1}, {"所属", 4}}});
    short_rows.rows.push_back({2, {{"山田", 1}}});
    const MappingResult result = map_roster(short_rows);
    ASSERT_TRUE(result);
    EXPECT_EQ(result.people[0].organization, "");
}

TEST(RosterMappingOverrides, OneColumnCanBeIdAndCode) {
    MappingOptions options;
    options.overrides = {{"ID", "No."}, {"code", "No."}};
    const MappingResult result = map_text("No.,氏名\nA-7,山田\n", options);
    ASSERT_TRUE(result) << result.error->message;
    EXPECT_EQ(result.people[0].id, "A-7");
    EXPECT_EQ(result.people[0].codes, (Strings{"A-7"}));
    EXPECT_EQ(result.columns[0].second, "id, code");
}

TEST(RosterMappingLarge, HundredThousandPeople) {
    std::string text = "受付番号,表示名,ユーザー名,参加ステータス,参加枠名,所属\n";
    for (int i = 0; i < 100'000; ++i) {
        text += std::to_string(i) + ",山田 太郎" + std::to_string(i) + ",user" + std::to_string(i) +
                (i % 10 == 0 ? ",キャンセル" : ",参加") + ",一般枠,○○市\n";
    }
    const CsvTable table = table_of(text);
    const MappingResult result = map_roster(table);
    ASSERT_TRUE(result);
    EXPECT_EQ(result.people.size(), 100'000u);
    EXPECT_TRUE(result.people[10].cancelled);
    // Speed: tests/bench/roster_bench.cpp.
}

TEST(RosterMappingConnpass, WaitingListIsNotExpectedAndKeepsItsStatus) {
    const MappingResult result = map_text(
        "参加枠名,ユーザー名,表示名,参加ステータス,受付番号,所属自治体\n"
        "一般参加,a,山田 太郎,補欠,1,港区\n"
        "一般参加,b,佐藤 花子,参加キャンセル,2,港区\n"
        "一般参加,c,鈴木 一郎,キャンセル待ち,3,港区\n"
        "一般参加,d,田中 次郎,参加,4,港区\n");
    ASSERT_TRUE(result) << result.error->message;
    ASSERT_EQ(result.people.size(), 4u);
    EXPECT_TRUE(result.people[0].cancelled);
    EXPECT_TRUE(result.people[0].waiting_list);
    EXPECT_EQ(result.people[0].extras,
              (Pairs{{"参加枠名", "一般参加"}, {"参加ステータス", "補欠"}}));
    EXPECT_TRUE(result.people[1].cancelled);
    EXPECT_FALSE(result.people[1].waiting_list);
    EXPECT_TRUE(result.people[2].waiting_list);
    EXPECT_FALSE(result.people[3].cancelled);
    EXPECT_EQ(result.people[3].organization, "港区");
}

TEST(RosterMappingRoles, TicketTypesNameRolesAndRoleMapOverrides) {
    const char* const text =
        "参加枠名,ユーザー名,表示名,参加ステータス,受付番号\n"
        "ファシリテーター枠,a,A,参加,1\n"
        "進行役,b,B,参加,2\n"
        "講師,c,C,参加,3\n"
        "運営スタッフ,d,D,参加,4\n"
        "来賓,e,E,参加,5\n"
        "一般参加枠,f,F,参加,6\n"
        "一般参加枠,g,G,参加,7\n";
    MappingResult result = map_text(text);
    ASSERT_TRUE(result) << result.error->message;
    Strings roles;
    for (const auto& person : result.people) roles.push_back(person.role);
    EXPECT_EQ(roles, (Strings{"facilitator", "facilitator", "facilitator", "staff", "guest",
                              "participant", "participant"}));
    EXPECT_EQ(result.role_header, "参加枠名");
    ASSERT_EQ(result.roles.size(), 6u);
    EXPECT_EQ(result.roles[5].value, "一般参加枠");
    EXPECT_EQ(result.roles[5].count, 2u);

    MappingOptions options;
    options.role_map = {{"講師", "guest"}, {"一般参加枠", "staff"}};
    result = map_text(text, options);
    ASSERT_TRUE(result);
    EXPECT_EQ(result.people[2].role, "guest");
    EXPECT_EQ(result.people[5].role, "staff");
    EXPECT_TRUE(result.roles[2].from_role_map);
    EXPECT_FALSE(result.roles[0].from_role_map);
}

TEST(RosterMappingRoles, ParsesRoleMapOption) {
    auto entry = parse_role_map_option(" 講師 = Facilitator ");
    ASSERT_TRUE(entry) << entry.error();
    EXPECT_EQ(entry.value(), (std::pair<std::string, std::string>{"講師", "facilitator"}));
    EXPECT_FALSE(parse_role_map_option("講師"));
    EXPECT_FALSE(parse_role_map_option("=staff"));
    EXPECT_FALSE(parse_role_map_option("講師=lecturer"));
}

TEST(RosterMappingOrganization, FoundInEveryPresetAndWarnedWhenMissing) {
    for (const char* header :
         {"所属自治体", "所属団体", "会社名", "勤務先", "所属", "団体名", "Organization", "Company",
          "Affiliation", "ご所属の自治体名を教えてください"}) {
        const std::string text = std::string("氏名,所属部署,") + header + "\n山田,総務課,港区\n";
        const MappingResult result = map_text(text);
        ASSERT_TRUE(result) << header;
        EXPECT_EQ(result.people[0].organization, "港区") << header;
    }
    const MappingResult peatix =
        map_text("販売ID,チケット名,参加者名,所属団体\nS1,一般,山田,港区\n");
    ASSERT_TRUE(peatix);
    EXPECT_EQ(peatix.preset, RosterPreset::Peatix);
    EXPECT_EQ(peatix.people[0].organization, "港区");
    EXPECT_EQ(peatix.people[0].id, "S1");
    EXPECT_EQ(peatix.people[0].codes, (Strings{"S1"}));

    const MappingResult none = map_text("氏名,所属部署\n山田,総務課\n");
    ASSERT_TRUE(none);
    EXPECT_EQ(none.people[0].organization, "");
    ASSERT_FALSE(none.warnings.empty());
    EXPECT_NE(none.warnings[0].find("no organization column"), std::string::npos);
}

TEST(RosterMappingOverrides, RememberedColumnMissingIsANoteNotAnError) {
    MappingOptions options;
    options.remembered = {{"organization", "市区町村"}};
    MappingResult result = map_text("氏名,市区町村\n山田,港区\n", options);
    ASSERT_TRUE(result);
    EXPECT_EQ(result.people[0].organization, "港区");
    result = map_text("氏名\n山田\n", options);
    ASSERT_TRUE(result);
    EXPECT_EQ(
        std::count(result.fields_in_file.begin(), result.fields_in_file.end(), "organization"), 0);
    options.overrides = {{"organization", "市区町村"}};
    EXPECT_FALSE(map_text("氏名\n山田\n", options));
}
