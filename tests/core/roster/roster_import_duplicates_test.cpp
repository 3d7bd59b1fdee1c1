// Imports of a second list of the same people: suspects refused, merged by e-mail or name,
// or added anyway; the merged row's key found again by the next import.

#include <gtest/gtest.h>

#include "kiosk/core/checkin/checkin.hpp"
#include "kiosk/core/roster/roster_import.hpp"
#include "support/event_fixture.hpp"

namespace uketsuke {
namespace {

using testing::EventFixture;
using testing::kNineAm;

ImportOptions options_for(const std::string& name, MergeBy merge_by = MergeBy::Nobody,
                          bool allow_duplicates = false, bool dry_run = false) {
    ImportOptions options;
    options.source_name = name;
    options.wall_ms = kNineAm;
    options.merge_by = merge_by;
    options.allow_duplicates = allow_duplicates;
    options.dry_run = dry_run;
    return options;
}

const char* kConnpass =
    "受付番号,表示名,参加ステータス,参加枠名,所属自治体,メールアドレス\n"
    "5001,髙橋 健太,参加,ファシリテーター,港区,taka@example.jp\n"
    "5002,山﨑 花子,参加,一般,品川区,hana@example.jp\n"
    "5003,佐藤 一郎,参加,一般,目黒区,ichiro@example.jp\n";

// The same three from an Excel list: other keys, an e-mail in capitals, 高橋 and 山崎, and
// 佐藤 一郎 with no e-mail and another organization (not a suspect by name alone).
const char* kList =
    "番号,氏名,所属,メールアドレス,部署\n"
    "X-1,高橋 健太,港区,TAKA@Example.jp,企画課\n"
    "X-2,山崎 花子,品川区,,情報課\n"
    "X-3,佐藤 一郎,大田区,,総務課\n";

struct Imported {
    EventFixture f;
    Imported() {
        auto first = import_roster(f.store, kConnpass, options_for("connpass.csv"));
        EXPECT_TRUE(first) << first.error;
    }
};

TEST(RosterImportDuplicates, SuspectsAreRefusedAndNothingChanges) {
    Imported event;
    auto result = import_roster(event.f.store, kList, options_for("list.csv"));
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error,
              "list.csv: 2 rows look like people already in the event; nothing was imported");
    EXPECT_EQ(result.summary.refused, 2);
    ASSERT_EQ(result.summary.suspects.size(), 2u);
    const ImportSuspect& first = result.summary.suspects[0];
    EXPECT_EQ(first.line, 2u);
    EXPECT_EQ(first.id, "X-1");
    ASSERT_EQ(first.matches.size(), 1u);
    EXPECT_EQ(first.matches[0].id, "5001");
    EXPECT_EQ(first.matches[0].organization, "港区");
    EXPECT_EQ(first.matches[0].rules, kSameEmail | kSameNameAndOrganization);
    EXPECT_EQ(first.by_email.into, "5001");
    EXPECT_EQ(first.by_name.into, "5001");
    const ImportSuspect& second = result.summary.suspects[1];
    EXPECT_EQ(second.matches[0].rules, kSameNameAndOrganization);
    EXPECT_EQ(second.by_email.into, "");
    EXPECT_EQ(second.by_email.why_not, "no one in the event has the same e-mail");
    EXPECT_EQ(second.by_name.into, "5002");
    EXPECT_EQ(event.f.store.participant_count(), 3);
    EXPECT_FALSE(event.f.store.participant("X-3"));
    EXPECT_EQ(event.f.store.participant("5001")->extras.size(), 0u);
}

TEST(RosterImportDuplicates, MergeByEmailUpdatesThatPersonAndLeavesTheOthersRefused) {
    Imported event;
    auto refused = import_roster(event.f.store, kList, options_for("list.csv", MergeBy::Email));
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.summary.refused, 1);  // 山崎 花子 has no e-mail
    EXPECT_EQ(event.f.store.participant_count(), 3);

    auto result =
        import_roster(event.f.store, kList, options_for("list.csv", MergeBy::Email, true));
    ASSERT_TRUE(result) << result.error;
    EXPECT_EQ(result.summary.merged, 1);
    EXPECT_EQ(result.summary.added, 2);  // X-2 allowed, X-3 no suspect
    const auto takahashi = event.f.store.participant("5001");
    ASSERT_TRUE(takahashi);
    EXPECT_EQ(takahashi->name, "髙橋 健太");  // the same name spelled otherwise keeps its spelling
    EXPECT_EQ(takahashi->email, "taka@example.jp");
    EXPECT_EQ(takahashi->role, Role::Facilitator);  // the list has no role column
    EXPECT_EQ(takahashi->extras,
              (std::vector<std::pair<std::string, std::string>>{{"部署", "企画課"}}));
    EXPECT_FALSE(event.f.store.participant("X-1"));
    EXPECT_TRUE(event.f.store.participant("X-2"));
    const ImportChange& merged = result.summary.changes[0];
    EXPECT_EQ(merged.kind, ImportChangeKind::Merged);
    EXPECT_EQ(merged.id, "5001");
    EXPECT_EQ(merged.key, "X-1");
    EXPECT_EQ(merged.rules, kSameEmail | kSameNameAndOrganization);
    EXPECT_EQ(merged.fields, std::vector<std::string>{"extras"});

    // The key found them again: nothing more, nothing asked.
    auto again = import_roster(event.f.store, kList, options_for("list.csv"));
    ASSERT_TRUE(again) << again.error;
    EXPECT_EQ(again.summary.added, 0);
    EXPECT_EQ(again.summary.unchanged, 3);
    EXPECT_TRUE(again.summary.suspects.empty());
    EXPECT_EQ(event.f.store.participant_count(), 5);

    // The key is not a ticket: the door does not take it.
    EXPECT_FALSE(event.f.store.participant_for_code("X-1"));
    EXPECT_EQ(event.f.store.codes_of("5001"), std::vector<std::string>{"5001"});
    CheckinService service(event.f.store);
    EXPECT_NE(service.check_in_code("X-1", CheckinContext{"A", "", CheckinMethod::Scanner, kNineAm})
                  .outcome,
              CheckinOutcome::CheckedIn);
}

TEST(RosterImportDuplicates, MergeByNameTakesVariantKanjiAndTheReimportOfTheFirstSourceToo) {
    Imported event;
    auto result = import_roster(event.f.store, kList, options_for("list.csv", MergeBy::Name));
    ASSERT_TRUE(result) << result.error;
    EXPECT_EQ(result.summary.merged, 2);
    EXPECT_EQ(result.summary.added, 1);
    EXPECT_EQ(event.f.store.participant("5002")->name, "山﨑 花子");
    EXPECT_EQ(event.f.store.participant("5002")->extras,
              (std::vector<std::pair<std::string, std::string>>{{"部署", "情報課"}}));
    EXPECT_EQ(event.f.store.participant("X-3")->organization, "大田区");
    // The connpass export again: matched by its own numbers, nothing asked.
    auto connpass = import_roster(event.f.store, kConnpass, options_for("connpass.csv"));
    ASSERT_TRUE(connpass) << connpass.error;
    EXPECT_TRUE(connpass.summary.suspects.empty());
    EXPECT_EQ(connpass.summary.added, 0);
}

TEST(RosterImportDuplicates, AllowDuplicatesAddsThem) {
    Imported event;
    auto result =
        import_roster(event.f.store, kList, options_for("list.csv", MergeBy::Nobody, true));
    ASSERT_TRUE(result) << result.error;
    EXPECT_EQ(result.summary.added, 3);
    EXPECT_EQ(result.summary.suspects.size(), 2u);
    EXPECT_EQ(result.summary.suspects[0].outcome, ImportSuspect::Outcome::Added);
    EXPECT_EQ(event.f.store.participant_count(), 6);
}

TEST(RosterImportDuplicates, ADryRunOfAMergeChangesNothing) {
    Imported event;
    auto result =
        import_roster(event.f.store, kList, options_for("list.csv", MergeBy::Name, false, true));
    ASSERT_TRUE(result) << result.error;
    EXPECT_EQ(result.summary.merged, 2);
    EXPECT_FALSE(result.summary.applied);
    EXPECT_TRUE(event.f.store.participant("5002")->extras.empty());
    auto again = import_roster(event.f.store, kList, options_for("list.csv"));
    EXPECT_FALSE(again);  // no key was kept
}

TEST(RosterImportDuplicates, TwoRowsForOnePersonAreNotMerged) {
    Imported event;
    const char* list =
        "番号,氏名,所属,メールアドレス\n"
        "X-1,高橋 健太,港区,taka@example.jp\n"
        "X-9,タカハシ,,TAKA@example.jp\n";
    auto result = import_roster(event.f.store, list, options_for("list.csv", MergeBy::Email));
    ASSERT_FALSE(result);
    EXPECT_EQ(result.summary.refused, 2);
    EXPECT_EQ(result.summary.suspects[0].by_email.why_not, "lines 2, 3 all look like 5001");
    // Within the file the e-mail alone does not join them: the names differ.
    EXPECT_TRUE(result.summary.suspects[0].same_file_lines.empty());
}

TEST(RosterImportDuplicates, RowsOfOneFileThatAreEachOtherAreRefused) {
    EventFixture f;
    const char* list =
        "番号,氏名,フリガナ,所属\n"
        "1,田中 次郎,タナカ ジロウ,港区\n"
        "2,田中　次郎,たなか じろう,目黒区\n"
        "3,田中 次郎,,大田区\n";
    auto result = import_roster(f.store, list, options_for("list.csv"));
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error,
              "list.csv: 2 rows look like people already in the event or like another row of "
              "the file; nothing was imported");
    ASSERT_EQ(result.summary.suspects.size(), 2u);
    EXPECT_EQ(result.summary.suspects[0].same_file_lines, std::vector<std::size_t>{3});
    EXPECT_EQ(result.summary.suspects[0].same_file_rules, kSameNameAndReading);
    EXPECT_EQ(f.store.participant_count(), 0);
    EXPECT_TRUE(import_roster(f.store, list, options_for("list.csv", MergeBy::Nobody, true)));
    EXPECT_EQ(f.store.participant_count(), 3);
}

}  // namespace
}  // namespace uketsuke
