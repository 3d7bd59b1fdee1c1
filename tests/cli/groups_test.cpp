// `uketsuke groups create / assign / list`: tables that mix organizations.

#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "cli/cli_fixtures.hpp"

namespace uketsuke::testing::cli {
namespace {

struct GroupRow {
    std::string table;
    int people = -1;
    std::string facilitator;
};

// `groups list` as group name → row.
std::map<std::string, GroupRow> list_groups(const EventFixture& event) {
    const CommandOutput output = event.run({"groups", "list"});
    EXPECT_EQ(output.exit_code, 0) << describe(output);
    std::map<std::string, GroupRow> groups;
    std::istringstream lines(output.out);
    std::string line;
    std::getline(lines, line);  // header
    while (std::getline(lines, line)) {
        std::istringstream fields(line);
        std::string name;
        std::string capacity;
        GroupRow row;
        if (!(fields >> name >> row.table >> row.people >> capacity)) continue;
        std::getline(fields, row.facilitator);
        const auto start = row.facilitator.find_first_not_of(' ');
        row.facilitator = start == std::string::npos ? "" : row.facilitator.substr(start);
        groups[name] = row;
    }
    return groups;
}

// 14 people of 5 organizations (two facilitators), one of them cancelled.
std::string workshop_roster() {
    return crlf_lines({
        "ID,氏名,所属,役割,状態",
        "1,佐藤 健太,青葉市,ファシリテーター,参加",
        "2,鈴木 陽子,青葉市,参加者,参加",
        "3,高橋 大輔,青葉市,参加者,参加",
        "4,田中 美咲,青葉市,参加者,参加",
        "5,小林 拓也,港南市,ファシリテーター,参加",
        "6,加藤 直子,港南市,参加者,参加",
        "7,吉田 剛,港南市,参加者,参加",
        "8,佐々木 亮,桜川町,参加者,参加",
        "9,山口 彩,桜川町,参加者,参加",
        "10,井上 真理子,北山村,参加者,参加",
        "11,木村 智也,北山村,参加者,キャンセル",
        "12,清水 浩二,東浜市,参加者,参加",
        "13,森 千尋,東浜市,参加者,参加",
        "14,池田 航,東浜市,参加者,参加",
    });
}

class GroupsTest : public ::testing::Test {
protected:
    void SetUp() override { event_.import_ok("r.csv", workshop_roster()); }
    EventFixture event_;
};

TEST_F(GroupsTest, CreateSixGroupsAtSixTables) {
    const CommandOutput output = event_.run({"groups", "create", "--count", "6"});
    ASSERT_EQ(output.exit_code, 0) << describe(output);
    EXPECT_CONTAINS(output.out, "6 groups");
    const auto groups = list_groups(event_);
    ASSERT_EQ(groups.size(), 6u);
    EXPECT_EQ(groups.at("A").table, "1");
    EXPECT_EQ(groups.at("F").table, "6");
    for (const auto& [name, row] : groups) EXPECT_EQ(row.people, 0) << name;
}

TEST_F(GroupsTest, AssignDryRunChangesNothing) {
    ASSERT_EQ(event_.run({"groups", "create", "--count", "6"}).exit_code, 0);
    const std::string export_before = event_.export_bytes();
    const auto report_before = event_.report_json();

    const CommandOutput dry = event_.run({"groups", "assign", "--dry-run"});
    ASSERT_EQ(dry.exit_code, 0) << describe(dry);
    EXPECT_CONTAINS(dry.out, "dry run");
    EXPECT_CONTAINS(dry.out, "13 people");

    EXPECT_EQ(event_.export_bytes(), export_before);
    EXPECT_EQ(event_.report_json(), report_before);
    for (const auto& [name, row] : list_groups(event_)) {
        EXPECT_EQ(row.people, 0) << name;
        EXPECT_EQ(row.facilitator, "") << name << ": a dry run must not set facilitators";
    }
}

TEST_F(GroupsTest, AssignPlacesEveryoneAndListShowsSizes) {
    ASSERT_EQ(event_.run({"groups", "create", "--count", "6"}).exit_code, 0);
    const CommandOutput assign = event_.run({"groups", "assign"});
    ASSERT_EQ(assign.exit_code, 0) << describe(assign);
    EXPECT_CONTAINS(assign.out, "13 people placed");

    const auto groups = list_groups(event_);
    ASSERT_EQ(groups.size(), 6u);
    int seated = 0;
    int smallest = 1000;
    int largest = 0;
    int with_facilitator = 0;
    for (const auto& [name, row] : groups) {
        seated += row.people;
        smallest = std::min(smallest, row.people);
        largest = std::max(largest, row.people);
        if (!row.facilitator.empty()) ++with_facilitator;
    }
    EXPECT_EQ(seated, 13);
    EXPECT_LE(largest - smallest, 1) << "sizes are balanced";
    EXPECT_EQ(with_facilitator, 2);

    const CsvDocument exported = parse_csv_document(event_.export_bytes());
    for (const auto& row : exported.rows) {
        const std::string id = row[static_cast<std::size_t>(exported.column("id"))];
        const std::string group = exported.value("id", id, "group");
        if (id == "11") {
            EXPECT_EQ(group, "") << "a cancelled person gets no seat";
        } else {
            EXPECT_FALSE(group.empty()) << "person " << id << " has no group";
            EXPECT_FALSE(exported.value("id", id, "table").empty()) << id;
        }
    }
    // 青葉市 has 4 people and there are 6 tables: nobody shares a table with a colleague there.
    std::map<std::string, int> aoba_per_group;
    for (const std::string id : {"1", "2", "3", "4"}) ++aoba_per_group[exported.value("id", id, "group")];
    for (const auto& [group, count] : aoba_per_group) EXPECT_EQ(count, 1) << group;
}

// The roster file has no group column: importing it again must not unseat anyone.
TEST_F(GroupsTest, ReimportKeepsSeats) {
    ASSERT_EQ(event_.run({"groups", "create", "--count", "6"}).exit_code, 0);
    ASSERT_EQ(event_.run({"groups", "assign"}).exit_code, 0);
    const std::string seated = event_.export_bytes();
    const CommandOutput again = event_.import_ok("r.csv", workshop_roster());
    EXPECT_CONTAINS(again.out, "0 changed");
    EXPECT_EQ(event_.export_bytes(), seated);
}

TEST_F(GroupsTest, AssignWithoutGroupsIsRejected) {
    const std::string before = event_.export_bytes();
    const CommandOutput output = event_.run({"groups", "assign"});
    EXPECT_EQ(output.exit_code, 3) << describe(output);
    EXPECT_CONTAINS(output.err, "no groups");
    EXPECT_CONTAINS(output.err, "groups create");
    EXPECT_EQ(event_.export_bytes(), before);
}

TEST_F(GroupsTest, BadCountIsUsageError) {
    EXPECT_EQ(event_.run({"groups", "create", "--count", "0"}).exit_code, 2);
    EXPECT_EQ(event_.run({"groups", "create"}).exit_code, 2);
    EXPECT_TRUE(list_groups(event_).empty());
}

}  // namespace
}  // namespace uketsuke::testing::cli
