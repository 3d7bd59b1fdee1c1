#include "kiosk/core/groups/group_planning.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "kiosk/core/groups/group_import.hpp"
#include "support/event_fixture.hpp"

namespace uketsuke {
namespace {

using testing::EventFixture;
using testing::kNineAm;

// Everyone's group and last-change stamp, and every group: equal before and after means
// nothing changed.
std::string snapshot(const EventStore& store) {
    std::string text;
    for (const auto& p : store.participants())
        text += p.id + ":" + p.group_id + ":" + p.changed_stamp + "\n";
    for (const auto& g : store.groups()) {
        text += g.id + ":" + g.name + ":" + std::to_string(g.capacity) + ":" + g.facilitator + "\n";
    }
    return text;
}

std::string group_id(const EventStore& store, const std::string& name) {
    for (const auto& g : store.groups()) {
        if (g.name == name) return g.id;
    }
    return "";
}

std::string group_of(const EventStore& store, const std::string& person) {
    const auto p = store.participant(person);
    return p ? p->group_id : "<nobody>";
}

void set_capacity(EventStore& store, const std::string& name, int capacity) {
    GroupEdit edit;
    edit.capacity = capacity;
    ASSERT_TRUE(edit_group(store, name, edit));
}

void check_in(EventStore& store, const std::string& person, int minute) {
    CheckinRecord row;
    row.id = "c-" + person;
    row.participant_id = person;
    row.kiosk = "k1";
    row.wall_ms = kNineAm + minute * 60'000;
    row.stamp = store.next_stamp("k1", row.wall_ms).to_string();
    ASSERT_TRUE(store.append_checkin(row));
}

Participant with_extra(EventFixture& f, const std::string& id, const std::string& organization,
                       const std::string& header, const std::string& value) {
    Participant p = f.person(id, "Name " + id, organization);
    p.extras = {{"memo", "x"}, {header, value}};
    return f.add(p);
}

TEST(GroupPlanning, CreatesLetteredGroupsAfterExistingOnes) {
    EventFixture f;
    auto first = create_groups(f.store, 2, 5);
    auto more = create_groups(f.store, 27, 0);
    EXPECT_EQ(first[0].name, "A");
    EXPECT_EQ(first[1].table_label, "2");
    EXPECT_EQ(more[0].name, "C");
    EXPECT_EQ(more.back().name, "AC");
    EXPECT_EQ(f.store.groups().size(), 29u);
}

TEST(GroupPlanning, SeatsEveryoneMixedAndNamesFacilitators) {
    EventFixture f;
    create_groups(f.store, 3, 0);
    const char* orgs[] = {"青葉市", "青葉市", "青葉市", "港南市", "港南市",
                          "港南市", "北山村", "北山村", "北山村"};
    for (int i = 0; i < 9; ++i) {
        Participant p = f.person("p" + std::to_string(i), "Person " + std::to_string(i), orgs[i]);
        if (i % 3 == 0) {
            p.role = Role::Facilitator;
            f.add(p);
        }
    }
    Participant staff = f.person("s", "Staff", "青葉市");
    staff.role = Role::Staff;
    f.add(staff);

    GroupPlanOptions options;
    auto result = plan_groups(f.store, options);
    ASSERT_TRUE(result) << result.error;
    EXPECT_EQ(result.quality.same_org_pairs, 0);
    EXPECT_EQ(result.moves.size(), 9u);
    std::map<std::string, int> sizes;
    for (const auto& p : f.store.participants()) {
        if (p.id == "s") {
            EXPECT_TRUE(p.group_id.empty());
        } else {
            ++sizes[p.group_id];
        }
    }
    EXPECT_EQ(sizes.size(), 3u);
    for (const auto& [group, size] : sizes) EXPECT_EQ(size, 3);
    for (const auto& group : f.store.groups()) EXPECT_FALSE(group.facilitator.empty());
}

TEST(GroupPlanning, DryRunAndErrorsChangeNothing) {
    EventFixture f;
    f.person("a", "A", "X");
    auto no_groups = plan_groups(f.store, GroupPlanOptions{});
    EXPECT_FALSE(no_groups);
    EXPECT_NE(no_groups.error.find("groups create"), std::string::npos);

    create_groups(f.store, 1, 0);
    GroupPlanOptions dry;
    dry.dry_run = true;
    auto preview = plan_groups(f.store, dry);
    ASSERT_TRUE(preview);
    EXPECT_EQ(preview.moves.size(), 1u);
    EXPECT_TRUE(f.store.participant("a")->group_id.empty());

    create_groups(f.store, 0, 0);
    Participant second = f.person("b", "B", "Y");
    Participant third = f.person("c", "C", "Z");
    second.role = third.role = Role::Facilitator;
    f.add(second);
    f.add(third);
    auto too_many = plan_groups(f.store, GroupPlanOptions{});
    EXPECT_FALSE(too_many);
    EXPECT_TRUE(f.store.participant("b")->group_id.empty());
}

TEST(GroupPlanning, PinColumnKeepsPeopleInTheGroupItNames) {
    EventFixture f;
    create_groups(f.store, 3, 0);  // A, B, C at tables 1, 2, 3
    with_extra(f, "p1", "X", "希望", "B");
    with_extra(f, "p2", "X", "希望", "3");  // a table label
    with_extra(f, "p3", "X", "希望", "");
    with_extra(f, "p4", "Y", "希望", " B ");
    with_extra(f, "p5", "Y", "希望", "");
    GroupPlanOptions options;
    options.pin_column = "希望";
    auto result = plan_groups(f.store, options);
    ASSERT_TRUE(result) << result.error;
    EXPECT_EQ(group_of(f.store, "p1"), group_id(f.store, "B"));
    EXPECT_EQ(group_of(f.store, "p2"), group_id(f.store, "C"));
    EXPECT_EQ(group_of(f.store, "p4"), group_id(f.store, "B"));
    EXPECT_EQ(result.quality.same_org_pairs, 0) << "p3 is the only X left free: it goes to A";
    EXPECT_EQ(group_of(f.store, "p3"), group_id(f.store, "A"));

    // The column wins over --keep: p5, placed by the first run, moves when the column says so.
    Participant p5 = *f.store.participant("p5");
    p5.extras = {{"memo", "x"}, {"希望", "A"}};
    f.store.upsert_participant(p5, 0);
    options.keep_current = true;
    ASSERT_TRUE(plan_groups(f.store, options));
    EXPECT_EQ(group_of(f.store, "p5"), group_id(f.store, "A"));
}

TEST(GroupPlanning, PinColumnNamingNoGroupIsRefusedNamingPersonAndValue) {
    EventFixture f;
    create_groups(f.store, 2, 0);
    with_extra(f, "p1", "X", "希望", "A");
    with_extra(f, "p2", "X", "希望", "Z班");
    const std::string before = snapshot(f.store);
    GroupPlanOptions options;
    options.pin_column = "希望";
    auto result = plan_groups(f.store, options);
    ASSERT_FALSE(result);
    EXPECT_NE(result.error.find("Name p2 (p2)"), std::string::npos) << result.error;
    EXPECT_NE(result.error.find("\"Z班\""), std::string::npos) << result.error;
    EXPECT_NE(result.error.find("the groups are: A, B"), std::string::npos) << result.error;
    EXPECT_EQ(snapshot(f.store), before);
}

TEST(GroupPlanning, UnknownPinOrSpreadColumnIsRefused) {
    EventFixture f;
    create_groups(f.store, 2, 0);
    with_extra(f, "p1", "X", "経験", "新人");
    const std::string before = snapshot(f.store);
    GroupPlanOptions pin;
    pin.pin_column = "希望";
    auto no_pin = plan_groups(f.store, pin);
    ASSERT_FALSE(no_pin);
    EXPECT_NE(no_pin.error.find("--pin-column 希望"), std::string::npos) << no_pin.error;
    EXPECT_NE(no_pin.error.find("memo, 経験"), std::string::npos) << no_pin.error;
    GroupPlanOptions spread;
    spread.spread_column = "年代";
    auto no_spread = plan_groups(f.store, spread);
    ASSERT_FALSE(no_spread);
    EXPECT_NE(no_spread.error.find("--spread 年代"), std::string::npos) << no_spread.error;
    EXPECT_EQ(snapshot(f.store), before);
}

// The refusals of the issue, each with a message that names things and nothing changed.
TEST(GroupPlanning, MoreFacilitatorsThanGroups) {
    EventFixture f;
    create_groups(f.store, 2, 0);
    for (const char* id : {"f1", "f2", "f3"}) {
        Participant p = f.person(id, std::string("Facilitator ") + id, "X");
        p.role = Role::Facilitator;
        f.add(p);
    }
    const std::string before = snapshot(f.store);
    auto result = plan_groups(f.store, GroupPlanOptions{});
    ASSERT_FALSE(result);
    EXPECT_NE(result.error.find("3 facilitators but only 2 groups"), std::string::npos)
        << result.error;
    EXPECT_NE(result.error.find("Facilitator f3"), std::string::npos) << result.error;
    EXPECT_NE(result.error.find("groups create --count 1"), std::string::npos) << result.error;
    EXPECT_EQ(snapshot(f.store), before);
}

TEST(GroupPlanning, TotalCapacityBelowThePeople) {
    EventFixture f;
    create_groups(f.store, 2, 2);
    for (int i = 0; i < 5; ++i) f.person("p" + std::to_string(i), "P", "X");
    const std::string before = snapshot(f.store);
    auto result = plan_groups(f.store, GroupPlanOptions{});
    ASSERT_FALSE(result);
    EXPECT_NE(result.error.find("5 people to seat but only 4 seats in 2 groups"), std::string::npos)
        << result.error;
    EXPECT_EQ(snapshot(f.store), before);
}

TEST(GroupPlanning, PinnedGroupThatIsFull) {
    EventFixture f;
    create_groups(f.store, 2, 0);
    const std::string a = group_id(f.store, "A");
    f.person("p1", "Ito", "X", a);
    f.person("p2", "Abe", "Y", a);
    f.person("p3", "Ueda", "Z", a);
    set_capacity(f.store, "A", 2);
    const std::string before = snapshot(f.store);
    GroupPlanOptions keep;
    keep.keep_current = true;
    auto result = plan_groups(f.store, keep);
    ASSERT_FALSE(result);
    EXPECT_NE(
        result.error.find(
            "group A (table 1) is full: it seats 2 but 3 people are pinned to it (Ito, Abe, Ueda)"),
        std::string::npos)
        << result.error;
    EXPECT_NE(result.error.find("groups set A --capacity 3"), std::string::npos) << result.error;
    EXPECT_EQ(snapshot(f.store), before);
    // Without --keep the same people are simply seated elsewhere.
    EXPECT_TRUE(plan_groups(f.store, GroupPlanOptions{}));
}

TEST(GroupPlanning, TwoFacilitatorsPinnedToOneGroup) {
    EventFixture f;
    create_groups(f.store, 2, 0);
    for (const char* id : {"f1", "f2"}) {
        Participant p = f.person(id, std::string("F-") + id, "X", group_id(f.store, "B"));
        p.role = Role::Facilitator;
        f.add(p);
    }
    const std::string before = snapshot(f.store);
    GroupPlanOptions keep;
    keep.keep_current = true;
    auto result = plan_groups(f.store, keep);
    ASSERT_FALSE(result);
    EXPECT_NE(result.error.find("F-f1 and F-f2"), std::string::npos) << result.error;
    EXPECT_NE(result.error.find("B (table 2)"), std::string::npos) << result.error;
    EXPECT_EQ(snapshot(f.store), before);
}

TEST(GroupPlanning, NoSeatLeftForAFacilitatorNamesTheGroup) {
    EventFixture f;
    create_groups(f.store, 2, 0);
    f.person("p1", "Ito", "X", group_id(f.store, "A"));
    set_capacity(f.store, "A", 1);
    for (const char* id : {"f1", "f2"}) {
        Participant p = f.person(id, std::string("F-") + id, "Y");
        p.role = Role::Facilitator;
        f.add(p);
    }
    const std::string before = snapshot(f.store);
    GroupPlanOptions keep;
    keep.keep_current = true;
    auto result = plan_groups(f.store, keep);
    ASSERT_FALSE(result);
    EXPECT_NE(result.error.find("group A (table 1) is full with people pinned to it (Ito)"),
              std::string::npos)
        << result.error;
    EXPECT_EQ(result.error.find(group_id(f.store, "A")), std::string::npos)
        << "no internal ids: " << result.error;
    EXPECT_EQ(snapshot(f.store), before);
}

// A seated room of 3 groups: A has two of 青葉市, B one, C none.
struct WalkInRoom {
    EventFixture f;
    std::string a, b, c;
    WalkInRoom() {
        create_groups(f.store, 3, 3);
        a = group_id(f.store, "A");
        b = group_id(f.store, "B");
        c = group_id(f.store, "C");
        Participant facilitator = f.person("fa", "FA", "港南市", a);
        facilitator.role = Role::Facilitator;
        f.add(facilitator);
        f.person("a1", "A1", "青葉市", a);
        f.person("a2", "A2", "青葉市", a);
        f.person("b1", "B1", "青葉市", b);
        f.person("b2", "B2", "北山村", b);
        f.person("c1", "C1", "港南市", c);
        f.person("c2", "C2", "北山村", c);
    }
};

TEST(GroupPlanning, WalkInGoesWhereTheirOrganizationIsRarest) {
    WalkInRoom room;
    Participant newcomer;
    newcomer.id = "w1";
    newcomer.name = "Walk In";
    newcomer.organization = "青葉市";
    newcomer.source = "walk-in";
    EXPECT_EQ(place_walk_in(room.f.store, newcomer), room.c) << "C has no one from 青葉市";
    newcomer.organization = "港南市";
    EXPECT_EQ(place_walk_in(room.f.store, newcomer), room.b) << "A is full; C has 港南市 already";
    newcomer.role = Role::Facilitator;
    EXPECT_EQ(place_walk_in(room.f.store, newcomer), room.b)
        << "B and C lack a facilitator; B has no 港南市";
    newcomer.role = Role::Staff;
    EXPECT_FALSE(place_walk_in(room.f.store, newcomer)) << "staff take no seat";
}

TEST(GroupPlanning, WalkInAlreadyStoredIsNotCountedTwice) {
    WalkInRoom room;
    Participant w =
        room.f.person("w1", "Walk In", "北山村", room.c);  // registered at the desk into C
    EXPECT_EQ(place_walk_in(room.f.store, w), room.c)
        << "pinned to its group, which has room once it is left out";
}

TEST(GroupPlanning, WalkInWhenEveryGroupIsFull) {
    WalkInRoom room;
    room.f.person("b3", "B3", "東浜市", room.b);
    room.f.person("c3", "C3", "東浜市", room.c);
    Participant newcomer;
    newcomer.id = "w1";
    newcomer.organization = "東浜市";
    EXPECT_FALSE(place_walk_in(room.f.store, newcomer));
    // Once it is clear who came, no-shows' seats are free: only a1 and b1 arrived.
    check_in(room.f.store, "a1", 1);
    check_in(room.f.store, "b1", 2);
    const auto seat = place_walk_in(room.f.store, newcomer, true);
    ASSERT_TRUE(seat);
    EXPECT_EQ(*seat, room.c) << "nobody has arrived at C";
}

TEST(GroupPlanning, RebalanceAfterNoShowsMovesFewPeopleAndRecordsTheEdit) {
    EventFixture f;
    create_groups(f.store, 2, 0);
    const std::string a = group_id(f.store, "A");
    const std::string b = group_id(f.store, "B");
    for (int i = 0; i < 4; ++i) {
        f.person("a" + std::to_string(i), "A" + std::to_string(i), "Org" + std::to_string(i), a);
        f.person("b" + std::to_string(i), "B" + std::to_string(i), i < 2 ? "Org0" : "Org9", b);
    }
    Participant facilitator = f.person("fb", "FB", "Org0", b);
    facilitator.role = Role::Facilitator;
    f.add(facilitator);
    // Everyone in B came (5 with the facilitator); only a0 of A did.
    check_in(f.store, "a0", 0);
    for (const char* id : {"b0", "b1", "b2", "b3", "fb"}) check_in(f.store, id, 1);

    const std::string before = snapshot(f.store);
    const auto moves = propose_rebalance_moves(f.store);
    EXPECT_EQ(snapshot(f.store), before) << "proposing writes nothing";
    ASSERT_EQ(moves.size(), 2u) << "1 and 5 become 3 and 3";
    for (const auto& move : moves) {
        EXPECT_EQ(move.from_group, "B");
        EXPECT_EQ(move.to_group, "A");
        EXPECT_NE(move.participant_id, "fb") << "facilitators stay";
    }
    // Moving both of B's Org0 people would put three of Org0 at A with a0.
    std::set<std::string> moved;
    for (const auto& move : moves) moved.insert(move.participant_id);
    EXPECT_FALSE(moved.contains("b0") && moved.contains("b1"))
        << "two of Org0 would make a pair with a0";

    auto applied = apply_moves(f.store, moves, "kiosk-2", kNineAm + 3'600'000, "s1", "Chief");
    ASSERT_TRUE(applied) << applied.error;
    EXPECT_EQ(applied.quality.min_size, 3);
    EXPECT_EQ(applied.quality.max_size, 3);
    for (const auto& move : moves) {
        const auto person = f.store.participant(move.participant_id);
        EXPECT_EQ(person->group_id, a);
        EXPECT_EQ(person->changed_by, "kiosk-2");
        EXPECT_FALSE(person->changed_stamp.empty());
        // Each move is in the person log: who, where, when, from and to.
        const auto log = f.store.person_log_of(move.participant_id);
        ASSERT_EQ(log.size(), 1u);
        EXPECT_EQ(log[0].action, "move");
        EXPECT_EQ(log[0].detail, "B → A");
        EXPECT_EQ(log[0].kiosk, "kiosk-2");
        EXPECT_EQ(log[0].staff, "s1");
        EXPECT_EQ(log[0].staff_name, "Chief");
        EXPECT_EQ(log[0].wall_ms, kNineAm + 3'600'000);
        EXPECT_EQ(log[0].stamp, person->changed_stamp);
    }
    EXPECT_TRUE(propose_rebalance_moves(f.store).empty()) << "even now";

    // The same proposal again is stale: refused, nothing changed.
    const std::string after = snapshot(f.store);
    auto stale = apply_moves(f.store, moves, "kiosk-2", kNineAm + 3'700'000);
    ASSERT_FALSE(stale);
    EXPECT_NE(stale.error.find("propose the moves again"), std::string::npos) << stale.error;
    EXPECT_EQ(snapshot(f.store), after);

    std::vector<GroupPlanMove> unknown{{"a0", "A0", "Org0", "A", "Z"}};
    auto to_nowhere = apply_moves(f.store, unknown, "kiosk-2", kNineAm);
    ASSERT_FALSE(to_nowhere);
    EXPECT_NE(to_nowhere.error.find("no group named \"Z\""), std::string::npos) << to_nowhere.error;
    EXPECT_EQ(snapshot(f.store), after);
}

}  // namespace
}  // namespace uketsuke
