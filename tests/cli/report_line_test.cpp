// `uketsuke report`: the line organizers paste, role-aware, in Japanese or English, and the
// no-show list to follow people up; `info`'s attended and cancelled counts.

#include <gtest/gtest.h>

#include "cli/cli_fixtures.hpp"

namespace uketsuke::testing::cli {
namespace {

class ReportLineTest : public ::testing::Test {
protected:
    void SetUp() override {
        event_.import_ok("r.csv", crlf_lines({
                                      "ID,氏名,所属,メールアドレス,状態",
                                      "1,山田 太郎,青葉市,taro@example.jp,参加",
                                      "2,佐藤 花子,港南市,hanako@example.jp,参加",
                                      "3,鈴木 一郎,青葉市,ichiro@example.jp,参加",
                                      "4,高橋 次郎,桜川町,jiro@example.jp,参加",
                                      "5,田中 三郎,桜川町,saburo@example.jp,参加",
                                      "6,伊藤 健太,北山村,kenta@example.jp,参加",
                                      "7,渡辺 恵,運営事務局,megumi@example.jp,参加",
                                      "8,小林 誠,青葉市,makoto@example.jp,キャンセル",
                                  }));
        ASSERT_EQ(event_.run({"person", "set", "6", "--role", "facilitator"}).exit_code, 0);
        ASSERT_EQ(event_.run({"person", "set", "7", "--role", "staff"}).exit_code, 0);
        for (const std::string id : {"1", "2", "3", "6", "7"}) {
            const CommandOutput checkin = event_.run({"checkin", "--id", id});
            ASSERT_EQ(checkin.exit_code, 0) << describe(checkin);
        }
    }
    EventFixture event_;
};

TEST_F(ReportLineTest, JapaneseByDefaultCountsParticipantsApartFromFacilitatorsAndStaff) {
    const CommandOutput line = event_.run({"report", "--line"});
    ASSERT_EQ(line.exit_code, 0) << describe(line);
    EXPECT_EQ(line.out,
              "2団体3名参加（申込者5名）、ほかファシリテーター1名・スタッフ1名。キャンセル1名、"
              "欠席2名\n");
    const CommandOutput text = event_.run({"report"});
    ASSERT_EQ(text.exit_code, 0) << describe(text);
    EXPECT_EQ(text.out.substr(0, line.out.size()), line.out) << "the report opens with it";
    EXPECT_CONTAINS(text.out, "participants 3 / 5, facilitators 1 / 1, staff 1 / 1");
    EXPECT_CONTAINS(text.out, "Not arrived (id, name, organization, e-mail)");
    EXPECT_CONTAINS(text.out, "4\t高橋 次郎\t桜川町\tjiro@example.jp");
    EXPECT_CONTAINS(text.out, "5\t田中 三郎\t桜川町\tsaburo@example.jp");
    EXPECT_LACKS(text.out, "小林 誠") << "a cancellation is not a no-show";
}

TEST_F(ReportLineTest, EnglishWithLangEnAndSingularsWhereOne) {
    const CommandOutput line = event_.run({"report", "--line", "--lang", "en"});
    ASSERT_EQ(line.exit_code, 0) << describe(line);
    EXPECT_EQ(line.out,
              "2 organizations, 3 participants attended of 5 registered, with 1 facilitator, 1 "
              "staff; 1 cancelled, 2 no-shows\n");
    ASSERT_EQ(event_.run({"undo", "--id", "2"}).exit_code, 0);
    const CommandOutput one = event_.run({"report", "--lang", "en"});
    EXPECT_CONTAINS(one.out, "1 organization, 2 participants attended of 5 registered");
    EXPECT_CONTAINS(one.out, "3 organizations, 4 attended of 7 registered (3 no-shows");
    EXPECT_EQ(event_.run({"report", "--lang", "fr"}).exit_code, 2);
}

TEST_F(ReportLineTest, JsonKeepsItsKeysAndAddsRolesLineAndNoShows) {
    const auto report = event_.report_json();
    for (const std::string key :
         {"event", "session", "sessions_in_event", "cancelled", "details_pending", "rejected_scans",
          "by_organization", "by_group", "arrivals_per_5_minutes", "not_arrived"}) {
        EXPECT_TRUE(report.contains(key)) << key;
    }
    EXPECT_EQ(report["by_role"]["participant"]["expected"], 5);
    EXPECT_EQ(report["by_role"]["participant"]["attended"], 3);
    EXPECT_EQ(report["by_role"]["participant"]["no_shows"], 2);
    EXPECT_EQ(report["by_role"]["facilitator"]["attended"], 1);
    EXPECT_EQ(report["by_role"]["staff"]["attended"], 1);
    EXPECT_EQ(report["participant_organizations"], 2);
    EXPECT_EQ(report["line"]["ja"].get<std::string>().substr(0, 36), "2団体3名参加（申込者5名）");
    ASSERT_EQ(report["not_arrived_people"].size(), 2u);
    EXPECT_EQ(report["not_arrived_people"][0]["id"], "4");
    EXPECT_EQ(report["not_arrived_people"][0]["organization"], "桜川町");
    EXPECT_EQ(report["not_arrived_people"][0]["email"], "jiro@example.jp");
}

TEST_F(ReportLineTest, InfoShowsAttendedAndCancelled) {
    const CommandOutput info = event_.run({"info"});
    ASSERT_EQ(info.exit_code, 0) << describe(info);
    EXPECT_CONTAINS(info.out, "people:     8 (1 cancelled)");
    EXPECT_CONTAINS(info.out, "attended:   5\n");
}

}  // namespace
}  // namespace uketsuke::testing::cli
