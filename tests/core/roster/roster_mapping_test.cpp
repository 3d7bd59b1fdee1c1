#include "kiosk/core/roster/roster_mapping.hpp"

#include <gtest/gtest.h>

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
    EXPECT_EQ(yamada.extras, (Pairs{{"参加枠名", "一般枠"},
                                    {"利用しているSNS", "twitter"},
                                    {"申込み日時", "2024/05/01 10:00"},
                                    {"所属を教えてください", "○○市役所"},
                                    {"更新日時", "2024/05/02"}}));

    EXPECT_EQ(result.people[1].name, "sato_h");  // 表示名 empty: falls back to ユーザー名
    EXPECT_TRUE(result.people[2].cancelled);
    EXPECT_EQ(result.people[2].extras.front(),
              (std::pair<std::string, std::string>{"参加枠名", "LT枠"}));
}

TEST(RosterMappingConnpass, ReportsTheColumnsItUsed) {
    const MappingResult result = map_text(connpass_csv);
    ASSERT_TRUE(result);
    EXPECT_EQ(result.columns, (Pairs{{"参加枠名", "extra"},
                                     {"ユーザー名", "name (when 表示名 is empty)"},
                                     {"表示名", "name"},
                                     {"利用しているSNS", "extra"},
                                     {"申込み日時", "extra"},
                                     {"参加ステータス", "status"},
                                     {"出欠ステータス", "extra"},
                                     {"所属を教えてください", "extra"},
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
    EXPECT_EQ(result.people[0].extras, (Pairs{{"チケット名", "一般"}, {"申込日", "2024-05-01"}}));
    ASSERT_EQ(result.warnings.size(), 1u);
    EXPECT_EQ(result.warnings[0],
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
    EXPECT_EQ(result.people[3].extras, (Pairs{{"役割", "記録係"}}));
    EXPECT_FALSE(result.people[3].cancelled);  // a waiting list is not a cancellation
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
