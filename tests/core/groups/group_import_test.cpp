#include "kiosk/core/groups/group_import.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "support/event_fixture.hpp"

namespace uketsuke {
namespace {

using testing::EventFixture;

// Every field of every group, for "nothing changed" checks.
std::string snapshot(const EventStore& store) {
    std::string text;
    for (const auto& g : store.groups()) {
        text += g.id + "|" + g.name + "|" + g.table_label + "|" + std::to_string(g.capacity) + "|" +
                g.facilitator + "|" + (g.map_x ? std::to_string(*g.map_x) : "-") + "|" +
                (g.map_y ? std::to_string(*g.map_y) : "-") + "\n";
    }
    return text;
}

// A copy, so it outlives the vector store.groups() returns.
std::optional<Group> by_name(const std::vector<Group>& groups, const std::string& name) {
    for (const auto& g : groups) {
        if (g.name == name) return g;
    }
    return std::nullopt;
}

GroupImportResult import_text(EventStore& store, const std::string& text, bool dry_run = false) {
    GroupImportOptions options;
    options.source_name = "groups.csv";
    options.dry_run = dry_run;
    return import_groups(store, text, options);
}

const std::string kJapanese =
    "グループ,テーブル,定員,ファシリテーター,x,y\r\n"
    "青,1,6,佐藤 健太,0.25,0.30\r\n"
    "赤,2,6,小林 拓也,50%,３０％\r\n"
    "緑,3,,,,\r\n";

TEST(GroupImport, JapaneseHeadersCreateGroupsWithEveryField) {
    EventFixture f;
    auto result = import_text(f.store, kJapanese);
    ASSERT_TRUE(result) << result.error;
    EXPECT_EQ(result.summary.added, 3);
    EXPECT_TRUE(result.summary.applied);
    const auto groups = f.store.groups();
    ASSERT_EQ(groups.size(), 3u);
    EXPECT_EQ(groups[0].name, "青");  // file order
    EXPECT_EQ(groups[0].table_label, "1");
    EXPECT_EQ(groups[0].capacity, 6);
    EXPECT_EQ(groups[0].facilitator, "佐藤 健太");
    EXPECT_DOUBLE_EQ(*groups[0].map_x, 0.25);
    EXPECT_DOUBLE_EQ(*groups[0].map_y, 0.30);
    EXPECT_DOUBLE_EQ(*groups[1].map_x, 0.5);
    EXPECT_DOUBLE_EQ(*groups[1].map_y, 0.3) << "full-width digits and percent sign";
    EXPECT_EQ(groups[2].capacity, 0) << "empty capacity: no limit";
    EXPECT_FALSE(groups[2].map_x);
    EXPECT_EQ(groups[2].facilitator, "");
}

TEST(GroupImport, EnglishTabSeparatedInShiftJis) {
    EventFixture f;
    const auto bytes = encode_from_utf8(
        "Group\tTable\tCapacity\tFacilitator\tMap X\tMap Y\n"
        "東\tA-1\t5\t山田\t0\t1\n",
        Encoding::Cp932);
    ASSERT_TRUE(bytes) << bytes.error().message;
    auto result = import_text(f.store, bytes.value());
    ASSERT_TRUE(result) << result.error;
    EXPECT_EQ(result.summary.encoding, std::string(encoding_name(Encoding::Cp932)));
    EXPECT_EQ(result.summary.delimiter, '\t');
    const auto groups = f.store.groups();
    ASSERT_EQ(groups.size(), 1u);
    EXPECT_EQ(groups[0].name, "東");
    EXPECT_EQ(groups[0].table_label, "A-1");
    EXPECT_EQ(groups[0].facilitator, "山田");
    EXPECT_DOUBLE_EQ(*groups[0].map_x, 0.0);
    EXPECT_DOUBLE_EQ(*groups[0].map_y, 1.0);
}

TEST(GroupImport, Utf16AndOtherAliases) {
    EventFixture f;
    const auto bytes = encode_from_utf8("班,卓,席数,進行役\r\n1班,卓1,4,森\r\n", Encoding::Utf16);
    ASSERT_TRUE(bytes) << bytes.error().message;
    auto result = import_text(f.store, bytes.value());
    ASSERT_TRUE(result) << result.error;
    const auto groups = f.store.groups();
    ASSERT_EQ(groups.size(), 1u);
    EXPECT_EQ(groups[0].table_label, "卓1");
    EXPECT_EQ(groups[0].capacity, 4);
    EXPECT_EQ(groups[0].facilitator, "森");
}

TEST(GroupImport, UpsertsByNameAndLeavesAbsentColumnsAlone) {
    EventFixture f;
    ASSERT_TRUE(import_text(f.store, kJapanese));
    const std::string blue_id = by_name(f.store.groups(), "青")->id;

    auto result = import_text(f.store, "name,capacity,memo\n青,8,窓際\n赤,6,\n紫,,\n");
    ASSERT_TRUE(result) << result.error;
    EXPECT_EQ(result.summary.added, 1);
    EXPECT_EQ(result.summary.changed, 1);
    EXPECT_EQ(result.summary.unchanged, 1);
    ASSERT_EQ(result.summary.warnings.size(), 1u);
    EXPECT_NE(result.summary.warnings[0].find("memo"), std::string::npos);
    ASSERT_EQ(result.summary.changes[0].fields, std::vector<std::string>{"capacity"});

    const auto groups = f.store.groups();
    ASSERT_EQ(groups.size(), 4u);
    const auto blue = by_name(groups, "青");
    EXPECT_EQ(blue->id, blue_id) << "same group, updated in place";
    EXPECT_EQ(blue->capacity, 8);
    EXPECT_EQ(blue->table_label, "1") << "no table column: kept";
    EXPECT_EQ(blue->facilitator, "佐藤 健太");
    EXPECT_DOUBLE_EQ(*blue->map_x, 0.25);
    EXPECT_EQ(groups.back().name, "紫") << "new groups come after the existing ones";
    EXPECT_EQ(groups.back().table_label, "紫")
        << "a new group's table is its name when the file has none";
}

TEST(GroupImport, DryRunChangesNothing) {
    EventFixture f;
    auto result = import_text(f.store, kJapanese, true);
    ASSERT_TRUE(result) << result.error;
    EXPECT_EQ(result.summary.added, 3);
    EXPECT_FALSE(result.summary.applied);
    EXPECT_TRUE(f.store.groups().empty());
}

TEST(GroupImport, WarnsWhenCapacityFallsBelowThePeopleSeated) {
    EventFixture f;
    ASSERT_TRUE(import_text(f.store, "name\nA\n"));
    const std::string a = f.store.groups()[0].id;
    f.person("1", "One", "X", a);
    f.person("2", "Two", "Y", a);
    auto result = import_text(f.store, "name,capacity\nA,1\n");
    ASSERT_TRUE(result) << result.error;
    ASSERT_EQ(result.summary.warnings.size(), 1u);
    EXPECT_NE(result.summary.warnings[0].find("2 people"), std::string::npos)
        << result.summary.warnings[0];
}

struct BadFile {
    const char* text;
    const char* position;  // "groups.csv:line:column:"
    const char* words;
};

class GroupImportRefuses : public ::testing::TestWithParam<BadFile> {};

TEST_P(GroupImportRefuses, WithPositionAndNothingChanged) {
    EventFixture f;
    ASSERT_TRUE(import_text(f.store, kJapanese));
    const std::string before = snapshot(f.store);
    const BadFile& bad = GetParam();
    auto result = import_text(f.store, bad.text);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error.rfind(bad.position, 0), 0u) << result.error;
    EXPECT_NE(result.error.find(bad.words), std::string::npos) << result.error;
    EXPECT_EQ(snapshot(f.store), before);
}

INSTANTIATE_TEST_SUITE_P(
    GroupImportBadFiles, GroupImportRefuses,
    ::testing::Values(
        BadFile{"name,capacity\n青,7\n赤,five\n", "groups.csv:3:3:", "\"five\""},
        BadFile{"name,capacity\n青,-1\n", "groups.csv:2:3:", "whole number"},
        BadFile{"name,x,y\n青,0.5,0.5\n赤,1.5,0.5\n", "groups.csv:3:3:", "from 0 to 1"},
        BadFile{"name,x,y\n青,0.5,120%\n", "groups.csv:2:7:", "\"120%\""},
        BadFile{"name,x,y\n青,0.5,\n", "groups.csv:2:7:", "both or neither"},
        BadFile{"name,x\n青,0.5\n", "groups.csv:1:6:", "both an x and a y"},
        BadFile{"name,table\n青,1\n紫,9\n青,2\n", "groups.csv:4:1:", "first on line 2"},
        BadFile{"name,table\n青,1\n  ,2\n", "groups.csv:3:1:", "empty"},
        BadFile{"table,capacity\n1,5\n", "groups.csv:1:", "no group name column"},
        BadFile{"グループ,班\n青,赤\n", "groups.csv:1:6:", "second name column"},
        BadFile{"name,table\n青,1,extra\n", "groups.csv:2:", ""},
        BadFile{"name\n\x82\xa0\xff\n", "groups.csv:2:", ""}));

TEST(GroupImport, MapCoordinates) {
    EXPECT_DOUBLE_EQ(*parse_map_coordinate("0"), 0.0);
    EXPECT_DOUBLE_EQ(*parse_map_coordinate(" 1 "), 1.0);
    EXPECT_DOUBLE_EQ(*parse_map_coordinate("0.125"), 0.125);
    EXPECT_DOUBLE_EQ(*parse_map_coordinate("12.5%"), 0.125);
    EXPECT_DOUBLE_EQ(*parse_map_coordinate("１００％"), 1.0);
    for (const char* bad :
         {"", "%", "-0.1", "1.01", "101%", "abc", "0.5px", "nan", "inf", "1e-1", "0,5"}) {
        EXPECT_FALSE(parse_map_coordinate(bad)) << bad;
    }
}

TEST(GroupEdit, ChangesOnlyTheFieldsGiven) {
    EventFixture f;
    ASSERT_TRUE(import_text(f.store, kJapanese));
    GroupEdit edit;
    edit.capacity = 7;
    edit.position = std::pair{0.75, 0.5};
    auto result = edit_group(f.store, "緑", edit);
    ASSERT_TRUE(result) << result.error;
    const auto green = by_name(f.store.groups(), "緑");
    EXPECT_EQ(green->capacity, 7);
    EXPECT_DOUBLE_EQ(*green->map_x, 0.75);
    EXPECT_EQ(green->table_label, "3");
    EXPECT_EQ(f.store.groups()[2].name, "緑") << "keeps its place in the list";

    GroupEdit rename;
    rename.new_name = "みどり";
    rename.clear_position = true;
    ASSERT_TRUE(edit_group(f.store, "緑", rename));
    const auto renamed = by_name(f.store.groups(), "みどり");
    ASSERT_TRUE(renamed);
    EXPECT_EQ(renamed->id, green->id);
    EXPECT_FALSE(renamed->map_x);
}

TEST(GroupEdit, RefusesUnknownGroupsTakenNamesAndBadValues) {
    EventFixture f;
    ASSERT_TRUE(import_text(f.store, kJapanese));
    const std::string before = snapshot(f.store);

    GroupEdit edit;
    edit.capacity = 3;
    auto unknown = edit_group(f.store, "黄", edit);
    ASSERT_FALSE(unknown);
    EXPECT_TRUE(unknown.unknown_group);
    EXPECT_NE(unknown.error.find("青, 赤, 緑"), std::string::npos) << unknown.error;

    GroupEdit taken;
    taken.new_name = "赤";
    auto clash = edit_group(f.store, "青", taken);
    ASSERT_FALSE(clash);
    EXPECT_NE(clash.error.find("already"), std::string::npos) << clash.error;

    GroupEdit negative;
    negative.capacity = -2;
    EXPECT_FALSE(edit_group(f.store, "青", negative));
    GroupEdit outside;
    outside.position = std::pair{0.5, 1.5};
    EXPECT_FALSE(edit_group(f.store, "青", outside));
    GroupEdit empty_name;
    empty_name.new_name = " ";
    EXPECT_FALSE(edit_group(f.store, "青", empty_name));

    EXPECT_EQ(snapshot(f.store), before);
}

}  // namespace
}  // namespace uketsuke
