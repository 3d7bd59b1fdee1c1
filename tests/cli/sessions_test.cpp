// `uketsuke sessions`: a series' schedule, per-session check-ins and leaves, a session's own
// list, and every refusal with its message and nothing changed.

#include <gtest/gtest.h>

#include "cli/cli_fixtures.hpp"

namespace uketsuke::testing::cli {
namespace {

class SessionsTest : public ::testing::Test {
protected:
    void SetUp() override { event_.import_ok("roster.csv", generic_roster()); }

    std::string list() const {
        const CommandOutput listed = event_.run({"sessions", "list"});
        EXPECT_EQ(listed.exit_code, 0) << describe(listed);
        return listed.out;
    }

    // Refused as bad input, with `message` in what it says, and the sessions as they were.
    void expect_refused(const std::vector<std::string>& arguments, const std::string& message) {
        const std::string before = list();
        const CommandOutput refused = event_.run(arguments);
        EXPECT_EQ(refused.exit_code, 3) << describe(refused);
        EXPECT_CONTAINS(refused.err, message);
        EXPECT_EQ(list(), before) << "nothing changed";
    }

    std::filesystem::path schedule(const std::string& name, std::string_view bytes) const {
        const auto path = event_ / name;
        write_file(path, bytes);
        return path;
    }

    EventFixture event_;
};

TEST_F(SessionsTest, ANewEventHasOneWholeDaySessionThatTheFirstScheduleReplaces) {
    EXPECT_CONTAINS(list(), "s1     2026-03-14 00:00–23:59");
    const auto file =
        schedule("schedule.csv", crlf_lines({"名称,日付,開始,終了,会場,退出記録",
                                             "第1回 1日目,2026-03-14,9:30,17:00,会議室A,いいえ",
                                             "第1回 2日目,2026/3/15,09:00,12:00,会議室A,はい",
                                             "第2回,2026-06-20,13時,16時30分,,"}));
    const CommandOutput imported = event_.run({"sessions", "import", file.string()});
    ASSERT_EQ(imported.exit_code, 0) << describe(imported);
    EXPECT_CONTAINS(imported.out, "3 sessions added");
    const std::string listed = list();
    EXPECT_CONTAINS(listed, "s1     2026-03-14 09:30–17:00 会議室A");
    EXPECT_CONTAINS(listed, "s2     2026-03-15 09:00–12:00");
    EXPECT_CONTAINS(listed, "s3     2026-06-20 13:00–16:30");
    EXPECT_LACKS(listed, "00:00–23:59");
    // Importing it again changes nothing.
    const CommandOutput again = event_.run({"sessions", "import", file.string()});
    ASSERT_EQ(again.exit_code, 0) << describe(again);
    EXPECT_CONTAINS(again.out, "0 sessions added, 0 changed, 3 unchanged");
}

TEST_F(SessionsTest, CheckInsAreOfOneSessionAndLeavesWhereTheSessionRecordsThem) {
    // The first session added takes the default's place (s1), the second is s2.
    ASSERT_EQ(event_
                  .run({"sessions", "add", "--name", "一日目", "--date", "2026-03-14", "--start",
                        "09:00", "--end", "17:00"})
                  .exit_code,
              0);
    ASSERT_EQ(event_
                  .run({"sessions", "add", "--name", "二日目", "--date", "2026-03-15", "--start",
                        "09:00", "--end", "17:00", "--leave", "yes"})
                  .exit_code,
              0);
    EXPECT_CONTAINS(list(), "s1");
    const CommandOutput no_session = event_.run({"checkin", "--id", "1"});
    EXPECT_EQ(no_session.exit_code, 3) << describe(no_session);
    EXPECT_CONTAINS(no_session.err, "give --session");
    ASSERT_EQ(event_.run({"checkin", "--id", "1", "--session", "s1"}).exit_code, 0);
    const CommandOutput again = event_.run({"checkin", "--id", "1", "--session", "s1"});
    EXPECT_CONTAINS(again.out, "already checked in");
    const CommandOutput day_two = event_.run({"checkin", "--id", "1", "--session", "s2"});
    EXPECT_EQ(day_two.exit_code, 0);
    EXPECT_CONTAINS(day_two.out, "checked in:");
    const CommandOutput no_leave =
        event_.run({"checkin", "--id", "1", "--session", "s1", "--leave"});
    EXPECT_EQ(no_leave.exit_code, 1) << describe(no_leave);
    EXPECT_CONTAINS(no_leave.err, "does not record leaving");
    const CommandOutput not_in = event_.run({"checkin", "--id", "2", "--session", "s2", "--leave"});
    EXPECT_EQ(not_in.exit_code, 1);
    EXPECT_CONTAINS(not_in.err, "not checked in");
    EXPECT_EQ(event_.run({"checkin", "--id", "1", "--session", "s2", "--leave"}).exit_code, 0);
    const CommandOutput undone = event_.run({"undo", "--id", "1", "--session", "s2", "--leave"});
    EXPECT_EQ(undone.exit_code, 0) << describe(undone);
    const CommandOutput report = event_.run({"report", "--json", "--session", "s2"});
    ASSERT_EQ(report.exit_code, 0) << describe(report);
    const auto json = nlohmann::json::parse(report.out);
    EXPECT_EQ(json["session"]["counts"]["attended"], 1);
    EXPECT_EQ(json["session"]["id"], "s2");
    // The export keeps one row per person, with the session of the check-in shown.
    const CsvDocument exported = parse_csv_document(event_.export_bytes());
    EXPECT_EQ(exported.value("id", "1", "attended"), "yes");
    EXPECT_EQ(exported.value("id", "1", "session"), "s1");
    EXPECT_EQ(exported.value("id", "2", "session"), "");
    const CsvDocument day_two_only =
        parse_csv_document(event_.export_bytes("two.csv", {"--session", "s2"}));
    EXPECT_EQ(day_two_only.value("id", "1", "session"), "s2");
}

TEST_F(SessionsTest, ASessionsOwnListByOrganizationAndByFile) {
    ASSERT_EQ(event_
                  .run({"sessions", "add", "--name", "全体会", "--date", "2026-03-14", "--start",
                        "09:00", "--end", "12:00"})
                  .exit_code,
              0);
    ASSERT_EQ(event_
                  .run({"sessions", "add", "--name", "青葉市の回", "--date", "2026-03-15",
                        "--start", "09:00", "--end", "12:00"})
                  .exit_code,
              0);
    const CommandOutput set =
        event_.run({"sessions", "expected", "s2", "--organization", "青葉市"});
    ASSERT_EQ(set.exit_code, 0) << describe(set);
    EXPECT_CONTAINS(set.out, "2 people are expected");
    const CommandOutput report = event_.run({"report", "--json", "--session", "s2"});
    EXPECT_EQ(nlohmann::json::parse(report.out)["session"]["expected"], 2);
    const auto ids = schedule("ids.csv", crlf_lines({"id", "2", "3"}));
    ASSERT_EQ(event_
                  .run({"sessions", "expected", "s2", "--import", ids.string(),
                        "--exclude-organization", "青葉市"})
                  .exit_code,
              0);
    EXPECT_EQ(nlohmann::json::parse(
                  event_.run({"report", "--json", "--session", "s2"}).out)["session"]["expected"],
              1);
    const auto bad = schedule("bad-ids.csv", crlf_lines({"id", "2", "99"}));
    const CommandOutput refused =
        event_.run({"sessions", "expected", "s2", "--import", bad.string()});
    EXPECT_EQ(refused.exit_code, 3);
    EXPECT_CONTAINS(refused.err, "bad-ids.csv:3:1: \"99\" is no registered participant");
    ASSERT_EQ(event_.run({"sessions", "expected", "s2", "--everyone"}).exit_code, 0);
    EXPECT_EQ(nlohmann::json::parse(
                  event_.run({"report", "--json", "--session", "s2"}).out)["session"]["expected"],
              3);
}

TEST_F(SessionsTest, BadSessionsAreRefusedWithTheirPlaceAndChangeNothing) {
    ASSERT_EQ(event_
                  .run({"sessions", "add", "--name", "午前", "--date", "2026-03-14", "--start",
                        "09:00", "--end", "12:00", "--room", "A"})
                  .exit_code,
              0);
    expect_refused({"sessions", "add", "--name", "x", "--date", "2026-03-20", "--start", "12:00",
                    "--end", "09:00"},
                   "ends at 09:00, not after it starts at 12:00");
    expect_refused({"sessions", "add", "--name", "x", "--date", "2026-03-14", "--start", "11:00",
                    "--end", "13:00", "--room", "A"},
                   "overlaps 午前");
    expect_refused({"sessions", "add", "--name", "x", "--date", "1999-03-14", "--start", "11:00",
                    "--end", "13:00"},
                   "outside 2000-01-01");
    expect_refused({"sessions", "add", "--name", "x", "--date", "2099-03-14", "--start", "11:00",
                    "--end", "13:00"},
                   "outside 2000-01-01");
    expect_refused({"sessions", "add", "--name", "x", "--date", "2026-03-20", "--start", "11:00",
                    "--end", "13:00", "--makeup-of", "s9"},
                   "makes up for \"s9\", which is not a session");
    expect_refused(
        {"sessions", "import",
         schedule("bad-time.csv", crlf_lines({"name,date,start,end", "ok,2026-03-20,09:00,10:00",
                                              "bad,2026-03-21,9.30,10:00"}))
             .string()},
        "bad-time.csv:3:16: \"9.30\" is not a time");
    expect_refused({"sessions", "import",
                    schedule("bad-leave.tsv",
                             "name\tdate\tstart\tend\tleave\r\n"
                             "x\t2026-03-20\t09:00\t10:00\tmaybe\r\n")
                        .string()},
                   "bad-leave.tsv:2:26: \"maybe\" is not yes or no");
    expect_refused({"sessions", "import",
                    schedule("bad-makeup.csv", crlf_lines({"id,name,date,start,end,makeup_of",
                                                           "m1,x,2026-03-20,09:00,10:00,zz"}))
                        .string()},
                   "bad-makeup.csv:2:29: session m1 makes up for \"zz\"");
    // A session holding check-ins is removed only with --force.
    ASSERT_EQ(event_
                  .run({"sessions", "add", "--name", "午後", "--date", "2026-03-14", "--start",
                        "13:00", "--end", "16:00", "--room", "A"})
                  .exit_code,
              0);
    ASSERT_EQ(event_.run({"checkin", "--id", "1", "--session", "s1"}).exit_code, 0);
    expect_refused({"sessions", "remove", "s1"}, "holds 1 check-in row");
    const CommandOutput forced = event_.run({"sessions", "remove", "s1", "--force"});
    EXPECT_EQ(forced.exit_code, 0) << describe(forced);
    EXPECT_LACKS(list(), "午前");
}

}  // namespace
}  // namespace uketsuke::testing::cli
