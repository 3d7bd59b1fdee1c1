#include "kiosk/core/roster/roster_import.hpp"

#include <gtest/gtest.h>

#include "kiosk/core/checkin/checkin.hpp"
#include "support/event_fixture.hpp"

namespace uketsuke {
namespace {

using testing::EventFixture;
using testing::kNineAm;

ImportOptions options_for(const std::string& name, bool dry_run = false) {
    ImportOptions options;
    options.source_name = name;
    options.dry_run = dry_run;
    options.wall_ms = kNineAm;
    return options;
}

const char* kRoster =
    "受付番号,氏名,フリガナ,所属,グループ,経験年数\n"
    "1001,山田 花子,ヤマダ ハナコ,青葉市,A,3\n"
    "1002,鈴木 一郎,スズキ イチロウ,港南市,B,10\n";

TEST(RosterImport, AddsPeopleGroupsAndExtras) {
    EventFixture f;
    auto result = import_roster(f.store, kRoster, options_for("roster.csv"));
    ASSERT_TRUE(result) << result.error;
    EXPECT_EQ(result.summary.added, 2);
    EXPECT_EQ(result.summary.groups_created, 2);
    EXPECT_TRUE(result.summary.applied);
    auto p = f.store.participant("1001");
    ASSERT_TRUE(p);
    EXPECT_EQ(p->name, "山田 花子");
    EXPECT_EQ(p->reading, "ヤマダ ハナコ");
    EXPECT_EQ(p->organization, "青葉市");
    EXPECT_EQ(f.store.group(p->group_id)->name, "A");
    EXPECT_EQ(p->extras, (std::vector<std::pair<std::string, std::string>>{{"経験年数", "3"}}));
    EXPECT_FALSE(p->changed_stamp.empty());
}

TEST(RosterImport, DryRunChangesNothing) {
    EventFixture f;
    auto result = import_roster(f.store, kRoster, options_for("roster.csv", true));
    ASSERT_TRUE(result) << result.error;
    EXPECT_EQ(result.summary.added, 2);
    EXPECT_FALSE(result.summary.applied);
    EXPECT_EQ(f.store.participant_count(), 0);
    EXPECT_TRUE(f.store.groups().empty());
}

TEST(RosterImport, ReimportUpdatesByIdAndNeverTouchesCheckins) {
    EventFixture f;
    ASSERT_TRUE(import_roster(f.store, kRoster, options_for("roster.csv")));
    CheckinService service(f.store);
    ASSERT_EQ(
        service
            .check_in_participant("1001", CheckinContext{"A", "", CheckinMethod::Camera, kNineAm})
            .outcome,
        CheckinOutcome::CheckedIn);
    Participant noted = *f.store.participant("1001");
    noted.notes = "staff note";
    f.store.upsert_participant(noted, 0);

    const char* updated =
        "受付番号,氏名,フリガナ,所属,グループ,経験年数,状態\n"
        "1001,山田 花子,ヤマダ ハナコ,青葉市役所,A,3,参加\n"
        "1002,鈴木 一郎,スズキ イチロウ,港南市,B,10,キャンセル\n"
        "1003,新人 太郎,シンジン タロウ,北山村,,1,参加\n";
    auto result = import_roster(f.store, updated, options_for("roster2.csv"));
    ASSERT_TRUE(result) << result.error;
    EXPECT_EQ(result.summary.added, 1);
    EXPECT_EQ(result.summary.changed, 1);
    EXPECT_EQ(result.summary.cancelled, 1);
    EXPECT_EQ(f.store.participant("1001")->organization, "青葉市役所");
    EXPECT_EQ(f.store.participant("1001")->notes, "staff note");
    EXPECT_EQ(f.store.participant("1002")->status, RegistrationStatus::Cancelled);
    EXPECT_EQ(f.store.checkins().size(), 1u);
    EXPECT_TRUE(service.attendance("1001").checked_in);
    auto people = f.store.participants();
    ASSERT_EQ(people.size(), 3u);
    EXPECT_EQ(people[0].id, "1001");  // roster order kept across re-import
    EXPECT_EQ(people[2].id, "1003");

    auto again = import_roster(f.store, updated, options_for("roster2.csv"));
    ASSERT_TRUE(again);
    EXPECT_EQ(again.summary.unchanged, 3);
}

TEST(RosterImport, AnErrorNamesFileLineColumnAndChangesNothing) {
    EventFixture f;
    ASSERT_TRUE(import_roster(f.store, kRoster, options_for("roster.csv")));
    const auto before = f.store.participants();
    const char* broken =
        "受付番号,氏名,所属\n"
        "1001,山田 太郎,青葉市\n"
        "2001,\"佐藤 次郎,港南市\n";
    auto result = import_roster(f.store, broken, options_for("broken.csv"));
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error.rfind("broken.csv:3:", 0), 0u) << result.error;
    EXPECT_EQ(f.store.participant("1001")->name, "山田 花子");
    EXPECT_FALSE(f.store.participant("2001"));
    EXPECT_EQ(f.store.participants().size(), before.size());
}

TEST(RosterImport, DuplicateIdsAreRefused) {
    EventFixture f;
    auto result = import_roster(f.store, "ID,氏名\n7,A\n8,B\n7,C\n", options_for("dup.csv"));
    ASSERT_FALSE(result);
    EXPECT_NE(result.error.find("dup.csv:"), std::string::npos);
    EXPECT_NE(result.error.find("7"), std::string::npos);
    EXPECT_EQ(f.store.participant_count(), 0);
}

TEST(RosterImport, PlatformCodesAreMapped) {
    EventFixture f;
    const char* connpass =
        "参加枠名,ユーザー名,表示名,参加ステータス,出欠ステータス,受付番号\n"
        "一般,yamada,山田 花子,参加者,未,5551234\n"
        "一般,suzuki,鈴木 一郎,キャンセル,未,5551235\n";
    auto result = import_roster(f.store, connpass, options_for("connpass.csv"));
    ASSERT_TRUE(result) << result.error;
    EXPECT_EQ(result.summary.preset, "connpass");
    EXPECT_EQ(f.store.participant_for_code("5551234"), "5551234");
    EXPECT_EQ(f.store.participant("5551235")->status, RegistrationStatus::Cancelled);
    CheckinService service(f.store);
    EXPECT_EQ(
        service.check_in_code("5551234", CheckinContext{"A", "", CheckinMethod::Scanner, kNineAm})
            .outcome,
        CheckinOutcome::CheckedIn);
}

}  // namespace
}  // namespace uketsuke
