// `uketsuke search` end to end on an imported roster.

#include <gtest/gtest.h>

#include "cli_fixtures.hpp"

namespace uketsuke::testing::cli {
namespace {

// The first column (participant id) of each output line.
std::vector<std::string> first_column(const std::string& out) {
    std::vector<std::string> ids;
    std::size_t start = 0;
    while (start < out.size()) {
        const auto end = out.find('\n', start);
        const std::string line = out.substr(start, end - start);
        if (!line.empty()) ids.push_back(line.substr(0, line.find('\t')));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return ids;
}

using Ids = std::vector<std::string>;

TEST(SearchCommand, FindsByKanaNameOrganizationAndTicketNumber) {
    EventFixture event;
    event.import_ok("roster.csv", generic_roster());

    const auto kana = event.run({"search", "ﾔﾏﾀﾞ"});
    ASSERT_EQ(kana.exit_code, 0) << describe(kana);
    EXPECT_EQ(first_column(kana.out), Ids{"1"});
    EXPECT_CONTAINS(
        kana.out, "1\t山田 太郎\tヤマダ タロウ\t青葉市\tregistered\tnot checked in\texact reading");

    EXPECT_EQ(first_column(event.run({"search", "青葉"}).out), (Ids{"1", "3"}));
    EXPECT_EQ(first_column(event.run({"search", "鈴"}).out), Ids{"3"});
    EXPECT_EQ(first_column(event.run({"search", "青葉", "--limit", "1"}).out), Ids{"1"});

    const auto nobody = event.run({"search", "存在しない"});
    EXPECT_EQ(nobody.exit_code, 0);
    EXPECT_TRUE(nobody.out.empty()) << nobody.out;
    EXPECT_CONTAINS(nobody.err, "nobody matches");
}

TEST(SearchCommand, ImportedTicketNumbersAndCancelledPeople) {
    EventFixture event;
    event.import_ok("connpass.csv", connpass_roster());
    const auto by_number = event.run({"search", "3456789"});
    ASSERT_EQ(by_number.exit_code, 0) << describe(by_number);
    ASSERT_EQ(first_column(by_number.out).size(), 1u) << by_number.out;
    EXPECT_CONTAINS(by_number.out, "鈴木 一郎");
    EXPECT_CONTAINS(by_number.out, "cancelled");

    // A second import after a search: the index notices the new people.
    event.import_ok("more.csv", generic_roster());
    EXPECT_CONTAINS(event.run({"search", "はなこ"}).out, "サトウ ハナコ");
}

TEST(SearchCommand, ResultsSayWhoHasArrived) {
    EventFixture event;
    event.import_ok("roster.csv", generic_roster());
    const CommandOutput checked = event.run({"checkin", "--id", "1"});
    ASSERT_EQ(checked.exit_code, 0) << describe(checked);

    const auto found = event.run({"search", "青葉"});
    ASSERT_EQ(found.exit_code, 0) << describe(found);
    EXPECT_CONTAINS(found.out, "1\t山田 太郎\tヤマダ タロウ\t青葉市\tregistered\tchecked in ");
    EXPECT_CONTAINS(found.out, "\tregistered\tnot checked in\t");

    // Of several sessions with none on now, the search still answers and says how to see
    // arrivals; --session names one.
    ASSERT_EQ(event
                  .run({"sessions", "add", "--id", "d2", "--name", "2日目", "--date", "2020-01-02",
                        "--start", "10:00", "--end", "16:00"})
                  .exit_code,
              0);
    ASSERT_EQ(event
                  .run({"sessions", "add", "--id", "d3", "--name", "3日目", "--date", "2020-01-03",
                        "--start", "10:00", "--end", "16:00"})
                  .exit_code,
              0);
    const auto several = event.run({"search", "山田"});
    ASSERT_EQ(several.exit_code, 0) << describe(several);
    EXPECT_CONTAINS(several.out, "\tregistered\t-\t");
    EXPECT_CONTAINS(several.err, "--session");
    const auto at_d2 = event.run({"search", "山田", "--session", "d2"});
    ASSERT_EQ(at_d2.exit_code, 0) << describe(at_d2);
    EXPECT_CONTAINS(at_d2.out, "\tregistered\tnot checked in\t");
}

}  // namespace
}  // namespace uketsuke::testing::cli
