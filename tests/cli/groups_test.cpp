// `uketsuke groups create / assign / list`: tables that mix organizations.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "cli/cli_fixtures.hpp"
#include "kiosk/core/store/event_store.hpp"

namespace uketsuke::testing::cli {
namespace {

struct GroupRow {
    std::string table;
    int people = -1;
    std::string capacity;
    std::string position;  // "x,y" with three decimals, "-" for none
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
        GroupRow row;
        if (!(fields >> name >> row.table >> row.people >> row.capacity >> row.position)) continue;
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
    for (const std::string id : {"1", "2", "3", "4"})
        ++aoba_per_group[exported.value("id", id, "group")];
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

// ---- groups import ------------------------------------------------------------

const std::string kGroupsFile = crlf_lines({
    "グループ,テーブル,定員,ファシリテーター,x,y",
    "青,1,5,佐藤 健太,0.2,0.25",
    "赤,2,5,,50%,25%",
    "緑,3,,,,",
});

// Everything `groups list` and the attendance export say: equal means nothing changed.
struct EventState {
    std::string list;
    std::string exported;
    friend bool operator==(const EventState&, const EventState&) = default;
};

EventState state_of(const EventFixture& event) {
    return {event.run({"groups", "list"}).out, event.export_bytes()};
}

// Runs a command that must be refused with exit `code` and a message containing each of `words`,
// and checks that nothing changed.
void expect_refused(const EventFixture& event, std::vector<std::string> arguments, int code,
                    std::initializer_list<std::string_view> words) {
    const EventState before = state_of(event);
    const CommandOutput output = event.run(arguments);
    EXPECT_EQ(output.exit_code, code) << describe(output);
    for (std::string_view word : words) EXPECT_CONTAINS(output.err, word);
    if (code == 3) {
        EXPECT_CONTAINS(output.err, "Nothing was changed");
    }
    EXPECT_EQ(state_of(event), before) << "refused, yet something changed: " << describe(output);
}

TEST_F(GroupsTest, ImportGroupsFile) {
    write_file(event_ / "groups.csv", kGroupsFile);
    const CommandOutput dry =
        event_.run({"groups", "import", (event_ / "groups.csv").string(), "--dry-run"});
    ASSERT_EQ(dry.exit_code, 0) << describe(dry);
    EXPECT_CONTAINS(dry.out, "Would be: 3 groups added");
    EXPECT_TRUE(list_groups(event_).empty()) << "a dry run adds nothing";

    const CommandOutput output = event_.run({"groups", "import", (event_ / "groups.csv").string()});
    ASSERT_EQ(output.exit_code, 0) << describe(output);
    EXPECT_CONTAINS(output.out, "utf-8");
    EXPECT_CONTAINS(output.out, "capacity     ← 定員");
    EXPECT_CONTAINS(output.out, "3 groups added, 0 changed, 0 unchanged");
    const auto groups = list_groups(event_);
    ASSERT_EQ(groups.size(), 3u);
    EXPECT_EQ(groups.at("青").table, "1");
    EXPECT_EQ(groups.at("青").capacity, "5");
    EXPECT_EQ(groups.at("青").position, "0.200,0.250");
    EXPECT_EQ(groups.at("青").facilitator, "佐藤 健太");
    EXPECT_EQ(groups.at("赤").position, "0.500,0.250");
    EXPECT_EQ(groups.at("緑").capacity, "-");
    EXPECT_EQ(groups.at("緑").position, "-");

    // Again with one change: groups are matched by name.
    write_file(event_ / "groups2.tsv", "name\tcapacity\n青\t6\n赤\t5\n");
    const CommandOutput again = event_.run({"groups", "import", (event_ / "groups2.tsv").string()});
    ASSERT_EQ(again.exit_code, 0) << describe(again);
    EXPECT_CONTAINS(again.out, "tab-separated");
    EXPECT_CONTAINS(again.out, "changed    青 (capacity)");
    EXPECT_CONTAINS(again.out, "0 groups added, 1 changed, 1 unchanged");
    EXPECT_EQ(list_groups(event_).at("青").capacity, "6");
}

TEST_F(GroupsTest, ImportGroupsRefusesBadFilesWithAPosition) {
    write_file(event_ / "groups.csv", kGroupsFile);
    ASSERT_EQ(event_.run({"groups", "import", (event_ / "groups.csv").string()}).exit_code, 0);
    const std::string bad_number = (event_ / "bad-number.csv").string();
    write_file(bad_number, "name,capacity\n青,5\n赤,五人\n");
    expect_refused(event_, {"groups", "import", bad_number}, 3,
                   {"bad-number.csv:3:3:", "\"五人\""});
    const std::string bad_x = (event_ / "bad-x.csv").string();
    write_file(bad_x, "name,x,y\n青,1.2,0.5\n");
    expect_refused(event_, {"groups", "import", bad_x}, 3, {"bad-x.csv:2:3:", "from 0 to 1"});
    const std::string twice = (event_ / "twice.csv").string();
    write_file(twice, "name\n青\n青\n");
    expect_refused(event_, {"groups", "import", twice}, 3, {"twice.csv:3:1:", "appears twice"});
    const std::string no_name = (event_ / "no-name.csv").string();
    write_file(no_name, "name,table\n,4\n");
    expect_refused(event_, {"groups", "import", no_name}, 3, {"no-name.csv:2:1:", "empty"});
    expect_refused(event_, {"groups", "import", (event_ / "missing.csv").string()}, 3,
                   {"missing.csv"});
}

// ---- groups set ---------------------------------------------------------------

TEST_F(GroupsTest, SetChangesOneGroup) {
    ASSERT_EQ(event_.run({"groups", "create", "--count", "3"}).exit_code, 0);
    const CommandOutput output =
        event_.run({"groups", "set", "B", "--table", "窓際", "--capacity", "4", "--x", "0.5", "--y",
                    "25%", "--facilitator", "森"});
    ASSERT_EQ(output.exit_code, 0) << describe(output);
    EXPECT_CONTAINS(output.out, "table 2 → 窓際");
    EXPECT_CONTAINS(output.out, "capacity no limit → 4");
    auto groups = list_groups(event_);
    EXPECT_EQ(groups.at("B").table, "窓際");
    EXPECT_EQ(groups.at("B").capacity, "4");
    EXPECT_EQ(groups.at("B").position, "0.500,0.250");
    EXPECT_EQ(groups.at("B").facilitator, "森");
    EXPECT_EQ(groups.at("A").position, "-");

    const CommandOutput renamed =
        event_.run({"groups", "set", "B", "--rename", "Blue", "--no-position"});
    ASSERT_EQ(renamed.exit_code, 0) << describe(renamed);
    groups = list_groups(event_);
    EXPECT_FALSE(groups.contains("B"));
    EXPECT_EQ(groups.at("Blue").table, "窓際");
    EXPECT_EQ(groups.at("Blue").position, "-");
}

TEST_F(GroupsTest, SetRefusesUnknownGroupsAndBadValues) {
    ASSERT_EQ(event_.run({"groups", "create", "--count", "3"}).exit_code, 0);
    ASSERT_EQ(event_.run({"groups", "assign"}).exit_code, 0);
    expect_refused(event_, {"groups", "set", "Z", "--capacity", "4"}, 3,
                   {"no group named \"Z\"", "the groups are: A, B, C"});
    expect_refused(event_, {"groups", "set", "A", "--rename", "B"}, 3,
                   {"already a group named \"B\""});
    expect_refused(event_, {"groups", "set", "A", "--x", "1.5", "--y", "0"}, 3, {"--x 1.5"});
    expect_refused(event_, {"groups", "set", "A", "--capacity", "-1"}, 3, {"capacity"});
    expect_refused(event_, {"groups", "set", "A", "--x", "0.5"}, 2, {"both --x and --y"});
    expect_refused(event_, {"groups", "set", "A"}, 2, {"nothing to change"});
    expect_refused(event_, {"groups", "set", "A", "--capacity", "many"}, 2, {});

    // A capacity below the people seated is allowed, with a note: assign will then refuse --keep.
    const CommandOutput lowered = event_.run({"groups", "set", "A", "--capacity", "1"});
    ASSERT_EQ(lowered.exit_code, 0) << describe(lowered);
    EXPECT_CONTAINS(lowered.out, "note: group A now seats 1 but");
}

// ---- assign: pins and refusals -------------------------------------------------

// Eight people; 指定 pins some of them to a group by name or table label.
std::string pinned_roster(const std::string& pin_of_5) {
    return "ID,氏名,所属,役割,指定\n"
           "1,佐藤,青葉市,ファシリテーター,A\n"
           "2,鈴木,青葉市,参加者,A\n"
           "3,高橋,青葉市,参加者,\n"
           "4,田中,港南市,参加者,2\n"
           "5,小林,港南市,参加者," +
           pin_of_5 +
           "\n"
           "6,加藤,桜川町,参加者,\n"
           "7,吉田,桜川町,参加者,\n"
           "8,井上,北山村,ファシリテーター,\n";
}

TEST(GroupsPinTest, PinColumnKeepsPeopleWhereTheColumnSays) {
    EventFixture event;
    event.import_ok("r.csv", pinned_roster("B"));
    ASSERT_EQ(event.run({"groups", "create", "--count", "2"}).exit_code, 0);
    const CommandOutput output = event.run({"groups", "assign", "--pin-column", "指定"});
    ASSERT_EQ(output.exit_code, 0) << describe(output);
    EXPECT_CONTAINS(output.out, "8 people placed");
    EXPECT_CONTAINS(output.out, "the best possible is at least");
    const CsvDocument exported = parse_csv_document(event.export_bytes());
    EXPECT_EQ(exported.value("id", "1", "group"), "A");
    EXPECT_EQ(exported.value("id", "2", "group"), "A");
    EXPECT_EQ(exported.value("id", "4", "group"), "B") << "by table label";
    EXPECT_EQ(exported.value("id", "5", "group"), "B");
    EXPECT_EQ(exported.value("id", "8", "group"), "B") << "one facilitator per group";
}

TEST(GroupsPinTest, PinColumnWithAnUnknownGroupIsRefused) {
    EventFixture event;
    event.import_ok("r.csv", pinned_roster("C班"));
    ASSERT_EQ(event.run({"groups", "create", "--count", "2"}).exit_code, 0);
    expect_refused(event, {"groups", "assign", "--pin-column", "指定"}, 3,
                   {"小林 (5) has \"C班\"", "the groups are: A, B"});
    expect_refused(event, {"groups", "assign", "--pin-column", "希望"}, 3,
                   {"--pin-column 希望", "指定"});
    expect_refused(event, {"groups", "assign", "--spread", "経験"}, 3, {"--spread 経験"});
}

TEST_F(GroupsTest, AssignRefusesMoreFacilitatorsThanGroups) {
    ASSERT_EQ(event_.run({"groups", "create", "--count", "1"}).exit_code, 0);
    expect_refused(
        event_, {"groups", "assign"}, 3,
        {"2 facilitators but only 1 group", "佐藤 健太", "小林 拓也", "groups create --count 1"});
    expect_refused(event_, {"groups", "assign", "--dry-run"}, 3, {"2 facilitators"});
}

TEST_F(GroupsTest, AssignRefusesTooFewSeats) {
    ASSERT_EQ(event_.run({"groups", "create", "--count", "2", "--capacity", "6"}).exit_code, 0);
    expect_refused(event_, {"groups", "assign"}, 3,
                   {"13 people to seat but only 12 seats in 2 groups"});
}

TEST_F(GroupsTest, AssignRefusesAFullPinnedGroup) {
    ASSERT_EQ(event_.run({"groups", "create", "--count", "3"}).exit_code, 0);
    ASSERT_EQ(event_.run({"groups", "assign"}).exit_code, 0);
    ASSERT_EQ(event_.run({"groups", "set", "A", "--capacity", "2"}).exit_code, 0);
    expect_refused(event_, {"groups", "assign", "--keep"}, 3,
                   {"group A (table 1) is full: it seats 2 but", "groups set A --capacity"});
}

TEST_F(GroupsTest, AssignReportsQuality) {
    ASSERT_EQ(event_.run({"groups", "create", "--count", "3"}).exit_code, 0);
    const CommandOutput dry = event_.run({"groups", "assign", "--dry-run", "--seed", "7"});
    ASSERT_EQ(dry.exit_code, 0) << describe(dry);
    // 青葉市 4, 港南市 3, 桜川町 2, 北山村 1, 東浜市 3 over 3 groups: only 青葉市 must pair, once.
    EXPECT_CONTAINS(dry.out, "Same-organization pairs: 1 (the best possible is at least 1)");
    EXPECT_CONTAINS(dry.out, "Group sizes: 4 to 5");
    EXPECT_CONTAINS(dry.out, "Facilitators sitting with their own organization: 0");
    const CommandOutput again = event_.run({"groups", "assign", "--dry-run", "--seed", "7"});
    EXPECT_EQ(again.out, dry.out) << "same seed, same proposal";
}

// ---- rebalance after no-shows ----------------------------------------------------

TEST_F(GroupsTest, RebalanceEvensOutTheTablesOfThePeopleWhoCame) {
    ASSERT_EQ(event_.run({"groups", "create", "--count", "2"}).exit_code, 0);
    ASSERT_EQ(event_.run({"groups", "assign"}).exit_code, 0);
    const CsvDocument seated = parse_csv_document(event_.export_bytes());
    // Everyone of A comes; of B only its facilitator.
    for (const auto& row : seated.rows) {
        const std::string id = row[static_cast<std::size_t>(seated.column("id"))];
        const std::string group = seated.value("id", id, "group");
        if (group == "A" || (group == "B" && (id == "1" || id == "5"))) {
            ASSERT_EQ(event_.run({"checkin", "--id", id}).exit_code, 0) << id;
        }
    }
    const EventState before = state_of(event_);
    const CommandOutput dry = event_.run({"groups", "rebalance", "--dry-run"});
    ASSERT_EQ(dry.exit_code, 0) << describe(dry);
    EXPECT_CONTAINS(dry.out, "A → B");
    EXPECT_CONTAINS(dry.out, "would move (dry run: nothing changed)");
    EXPECT_EQ(state_of(event_), before);

    const CommandOutput applied = event_.run({"groups", "rebalance"});
    ASSERT_EQ(applied.exit_code, 0) << describe(applied);
    EXPECT_CONTAINS(applied.out, "people moved");
    const CommandOutput after = event_.run({"groups", "rebalance", "--dry-run"});
    EXPECT_CONTAINS(after.out, "already even");
}

// A series of two days: day two draws its own seating and avoids day one's pairs.
class GroupsSessionTest : public GroupsTest {
protected:
    void SetUp() override {
        GroupsTest::SetUp();
        for (const auto& [name, date] :
             {std::pair{"一日目", "2026-03-14"}, std::pair{"二日目", "2026-03-15"}}) {
            const CommandOutput added = event_.run({"sessions", "add", "--name", name, "--date",
                                                    date, "--start", "09:00", "--end", "17:00"});
            ASSERT_EQ(added.exit_code, 0) << describe(added);
        }
        ASSERT_EQ(event_.run({"groups", "create", "--count", "4"}).exit_code, 0);
        ASSERT_EQ(event_.run({"groups", "assign"}).exit_code, 0);
    }
};

TEST_F(GroupsSessionTest, ASessionDrawsItsOwnSeatingAndCountsRepeatsAgainstABound) {
    const std::string export_before = event_.export_bytes();
    const CommandOutput drawn =
        event_.run({"groups", "assign", "--session", "s2", "--avoid-repeats"});
    ASSERT_EQ(drawn.exit_code, 0) << describe(drawn);
    EXPECT_CONTAINS(drawn.out, "二日目");
    EXPECT_CONTAINS(drawn.out, "Repeated pairs from 1 earlier session: ");
    EXPECT_CONTAINS(drawn.out, "(the best possible is at least 0)");
    EXPECT_CONTAINS(drawn.out, "13 people seated");
    // The event's own columns stay as they were (the export gains s2's group and table).
    const auto event_columns = [](const std::string& csv) {
        std::string out;
        std::istringstream lines(csv);
        std::string line;
        while (std::getline(lines, line)) {
            std::size_t cut = 0;
            for (int field = 0; field < 15 && cut != std::string::npos; ++field) {
                cut = line.find(',', cut == 0 ? 0 : cut + 1);
            }
            out += line.substr(0, cut) + "\n";
        }
        return out;
    };
    EXPECT_EQ(event_columns(event_.export_bytes()), event_columns(export_before))
        << "the event's seating stays as it is";

    const EventStore store = EventStore::open(event_.db().string(), /*read_only=*/true);
    EXPECT_FALSE(store.has_own_seating("s1"));
    ASSERT_TRUE(store.has_own_seating("s2"));
    EXPECT_EQ(store.session_seating("s2").size(), 13u);
    // 13 people at 4 tables of 3-4: each met 2-3 on day one, so zero repeats is reachable and
    // the search finds it.
    EXPECT_CONTAINS(drawn.out, "Repeated pairs from 1 earlier session: 0 ");
    // One facilitator per table, and the welcome screen names them at their own table.
    std::map<std::string, int> facilitators_at;
    for (const auto& seat : store.session_seating("s2")) {
        const auto person = store.participant(seat.participant_id);
        if (person->role != Role::Facilitator) continue;
        ++facilitators_at[seat.group_id];
        EXPECT_EQ(store.seated_group("s2", person->id)->facilitator, person->name);
    }
    EXPECT_EQ(facilitators_at.size(), 2u);
    for (const auto& [group, count] : facilitators_at) EXPECT_EQ(count, 1) << group;
}

// Wherever the tool reads seating it reads the session's: groups list, export, report.
TEST_F(GroupsSessionTest, ListExportAndReportShowTheSessionsOwnSeating) {
    ASSERT_EQ(event_.run({"groups", "assign", "--session", "s2", "--avoid-repeats"}).exit_code, 0);
    const EventStore store = EventStore::open(event_.db().string(), /*read_only=*/true);
    std::map<std::string, int> at_s2;  // group name → people seated there at s2
    for (const auto& seat : store.session_seating("s2")) {
        ++at_s2[store.group(seat.group_id)->name];
    }

    const CommandOutput list = event_.run({"groups", "list", "--session", "s2"});
    ASSERT_EQ(list.exit_code, 0) << describe(list);
    EXPECT_CONTAINS(list.out, "Seating of session s2: its own");
    for (const auto& group : store.groups()) {
        // "A          1             4" : name, table, people.
        const std::string facilitator =
            store
                .seated_group("s2",
                              [&] {
                                  for (const auto& seat : store.session_seating("s2")) {
                                      if (seat.group_id == group.id) return seat.participant_id;
                                  }
                                  return std::string();
                              }())
                ->facilitator;
        EXPECT_CONTAINS(list.out, fmt::format("{:<10} {:<8} {:>6}", group.name, group.table_label,
                                              at_s2[group.name]));
        if (!facilitator.empty()) {
            EXPECT_CONTAINS(list.out, facilitator);
        }
    }
    const CommandOutput day_one = event_.run({"groups", "list", "--session", "s1"});
    EXPECT_CONTAINS(day_one.out, "Seating of session s1: the event's");
    // No session on now (the series is in March): say which, as the other commands do.
    const CommandOutput unsaid = event_.run({"groups", "list"});
    EXPECT_NE(unsaid.exit_code, 0) << describe(unsaid);
    EXPECT_CONTAINS(unsaid.err, "give --session ID");

    // The export of the series: each person's group and table at s2 in their own columns.
    const std::string csv = event_.export_bytes();
    EXPECT_CONTAINS(csv, "s1 checked_in_at,s2 checked_in_at,s2 group,s2 table");
    const auto json = nlohmann::json::parse(event_.export_bytes("series.json"));
    const auto one = nlohmann::json::parse(event_.export_bytes("s2.json", {"--session", "s2"}));
    ASSERT_EQ(json["participants"].size(), one["participants"].size());
    int checked = 0;
    for (std::size_t i = 0; i < json["participants"].size(); ++i) {
        const auto& person = json["participants"][i];
        const auto group = store.seated_group("s2", person["id"].get<std::string>());
        const std::string name = group ? group->name : "";
        const std::string table = group ? group->table_label : "";
        EXPECT_EQ(person["sessions"]["s2"]["group"], name);
        EXPECT_EQ(person["sessions"]["s2"]["table"], table);
        EXPECT_EQ(one["participants"][i]["group"], name) << "--session s2: seated at s2";
        EXPECT_EQ(one["participants"][i]["table"], table);
        if (group) ++checked;
    }
    EXPECT_EQ(checked, 13);

    // The report of s2 counts by its tables.
    const auto report =
        nlohmann::json::parse(event_.run({"report", "--json", "--session", "s2"}).out);
    for (const auto& tally : report["by_group"]) {
        EXPECT_EQ(tally["expected"], at_s2[tally["name"].get<std::string>()]) << tally.dump();
    }
}

TEST_F(GroupsSessionTest, TheFirstSessionHasNoEarlierPairsAndADryRunWritesNothing) {
    const CommandOutput dry = event_.run({"groups", "assign", "--session", "s1", "--dry-run"});
    ASSERT_EQ(dry.exit_code, 0) << describe(dry);
    EXPECT_CONTAINS(dry.out, "Repeated pairs: none possible (no earlier session)");
    EXPECT_CONTAINS(dry.out, "dry run: nothing changed");
    EXPECT_FALSE(EventStore::open(event_.db().string(), true).has_own_seating("s1"));
}

TEST_F(GroupsSessionTest, AnUnknownOrMissingSessionIsRefusedWithNothingChanged) {
    const CommandOutput unknown =
        event_.run({"groups", "assign", "--session", "s9", "--avoid-repeats"});
    EXPECT_EQ(unknown.exit_code, 3) << describe(unknown);
    EXPECT_CONTAINS(unknown.err, "there is no session \"s9\"; the sessions are: 一日目 (s1");
    EXPECT_CONTAINS(unknown.err, "二日目 (s2");
    EXPECT_CONTAINS(unknown.err, "Nothing was changed.");

    const CommandOutput missing = event_.run({"groups", "assign", "--avoid-repeats"});
    EXPECT_EQ(missing.exit_code, 2) << describe(missing);
    EXPECT_CONTAINS(missing.err, "--avoid-repeats: say which session to seat (--session S");

    const CommandOutput no_value = event_.run({"groups", "assign", "--session"});
    EXPECT_EQ(no_value.exit_code, 2) << describe(no_value);
    EXPECT_CONTAINS(no_value.err, "--session");

    const CommandOutput with_keep = event_.run({"groups", "assign", "--session", "s2", "--keep"});
    EXPECT_EQ(with_keep.exit_code, 2) << describe(with_keep);
    EXPECT_CONTAINS(with_keep.err, "--keep, --pin-column and --spread seat the event's groups");
    const EventStore store = EventStore::open(event_.db().string(), true);
    EXPECT_FALSE(store.has_own_seating("s1"));
    EXPECT_FALSE(store.has_own_seating("s2"));
}

}  // namespace
}  // namespace uketsuke::testing::cli
