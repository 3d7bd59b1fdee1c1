// correct_person: the organizer's corrections afterwards (`uketsuke person set`).

#include <gtest/gtest.h>

#include <filesystem>

#include "kiosk/core/groups/group_planning.hpp"
#include "kiosk/core/staff/staff_actions.hpp"
#include "kiosk/core/sync/merge.hpp"
#include "support/event_fixture.hpp"

namespace uketsuke {
namespace {

using testing::EventFixture;
using testing::kNineAm;

struct Desk {
    EventFixture f;
    std::string a, b;
    Desk() {
        create_groups(f.store, 2, 0);
        for (const auto& g : f.store.groups()) (g.name == "A" ? a : b) = g.id;
        f.person("p1", "山田 太郎", "青葉市", a);
    }
    StaffContext cli(int minute = 0) const {
        return StaffContext{"cli", "", "hanako", kNineAm + minute * 60'000};
    }
    std::string rows() {
        std::string text;
        auto query = f.store.database().prepare(
            "SELECT name, reading, organization, role, coalesce(group_id, ''), notes, "
            "changed_stamp FROM participants UNION ALL SELECT count(*), '', '', '', '', '', '' "
            "FROM person_log");
        while (query.step()) {
            for (int column = 0; column < 7; ++column) text += query.text(column) + "|";
        }
        return text;
    }
};

TEST(PersonCorrection, FieldsGroupAndNoteInOneGoEachLoggedByTheDesk) {
    Desk desk;
    PersonCorrection correction;
    correction.name = "山田 太朗 ";
    correction.reading = "ヤマダ タロウ";
    correction.role = Role::Facilitator;
    correction.group_id = desk.b;
    correction.note = "資料Bをお渡しください";
    const ActionResult done = correct_person(desk.f.store, "p1", correction, desk.cli(3));
    ASSERT_TRUE(done) << done.error;
    const Participant stored = *desk.f.store.participant("p1");
    EXPECT_EQ(stored.name, "山田 太朗");
    EXPECT_EQ(stored.reading, "ヤマダ タロウ");
    EXPECT_EQ(stored.organization, "青葉市") << "left out, so kept";
    EXPECT_EQ(stored.role, Role::Facilitator);
    EXPECT_EQ(stored.group_id, desk.b);
    EXPECT_EQ(stored.notes, "資料Bをお渡しください");
    EXPECT_EQ(stored.changed_by, "cli");
    const auto log = desk.f.store.person_log_of("p1");
    ASSERT_EQ(log.size(), 3u);
    EXPECT_EQ(log[0].action, "edit");
    EXPECT_EQ(log[0].detail,
              "name: 山田 太郎 → 山田 太朗; reading:  → ヤマダ タロウ; role: participant → "
              "facilitator");
    EXPECT_EQ(log[1].action, "move");
    EXPECT_EQ(log[1].detail, "A → B");
    EXPECT_EQ(log[2].action, "note");
    for (const auto& row : log) {
        EXPECT_EQ(row.kiosk, "cli");
        EXPECT_EQ(row.staff_name, "hanako");
        EXPECT_EQ(row.wall_ms, kNineAm + 3 * 60'000);
    }
    EXPECT_EQ(stored.changed_stamp, log.back().stamp);
    const auto history = person_history(desk.f.store, "p1");
    ASSERT_EQ(history.size(), 3u);
    EXPECT_EQ(history[0].what, "edit");
}

TEST(PersonCorrection, BadValuesNameTheFieldAndChangeNothing) {
    Desk desk;
    const std::string before = desk.rows();
    auto refused = [&](PersonCorrection correction, const std::string& expected) {
        const ActionResult result = correct_person(desk.f.store, "p1", correction, desk.cli());
        EXPECT_FALSE(result);
        EXPECT_NE(result.error.find(expected), std::string::npos) << result.error;
        EXPECT_EQ(desk.rows(), before);
    };
    PersonCorrection empty_name;
    empty_name.name = "  ";
    refused(empty_name, "name \"\": a person needs a name");
    PersonCorrection bad_bytes;
    bad_bytes.organization = std::string("青葉\xff市");
    refused(bad_bytes, "organization");
    PersonCorrection control;
    control.reading = "ヤマダ\x1b[31m";
    refused(control, "reading");
    PersonCorrection unknown_group;
    unknown_group.name = "山田 太朗";  // valid, but the group is not: nothing at all is written
    unknown_group.group_id = "no-such-group";
    refused(unknown_group, "group \"no-such-group\"");
    PersonCorrection same;
    same.organization = "青葉市";
    refused(same, "already has these values");
    EXPECT_FALSE(correct_person(desk.f.store, "nobody", same, desk.cli()));
}

TEST(PersonCorrection, EmptyGroupTakesThemOutAndAMergeCarriesTheCorrection) {
    Desk desk;
    desk.f.store.database().execute("PRAGMA wal_checkpoint(TRUNCATE)");
    const std::string kiosk_path = (desk.f.dir / "kiosk.db").string();
    std::filesystem::copy_file(desk.f.path, kiosk_path);
    PersonCorrection correction;
    correction.organization = "港南市";
    correction.group_id = "";
    ASSERT_TRUE(correct_person(desk.f.store, "p1", correction, desk.cli(10)));
    EXPECT_EQ(desk.f.store.participant("p1")->group_id, "");
    EXPECT_EQ(desk.f.store.person_log_of("p1").back().detail, "A →");
    desk.f.store.database().execute("PRAGMA wal_checkpoint(TRUNCATE)");
    EventStore target =
        EventStore::create((desk.f.dir / "merged.db").string(), desk.f.store.event());
    const MergeResult merged = merge_into(target, {kiosk_path, desk.f.path});
    ASSERT_TRUE(merged) << merged.errors.front().message;
    EXPECT_EQ(target.participant("p1")->organization, "港南市");
    EXPECT_EQ(target.person_log_of("p1").size(), 2u);
}

}  // namespace
}  // namespace uketsuke
