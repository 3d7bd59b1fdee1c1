// `uketsuke demo DIR`: a realistic workshop to try everything on.

#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "cli/cli_fixtures.hpp"

namespace uketsuke::testing::cli {
namespace {

std::string info_line(const std::string& info, const std::string& label) {
    std::istringstream lines(info);
    std::string line;
    while (std::getline(lines, line)) {
        if (line.rfind(label, 0) == 0) return line;
    }
    return {};
}

TEST(DemoTest, CreatesAWorkshopOfThirtyPeopleNineOrganizationsSixGroups) {
    TempDir dir;
    const auto demo = dir / "demo";
    const CommandOutput output = uketsuke({"demo", demo.string()});
    ASSERT_EQ(output.exit_code, 0) << describe(output);
    const auto db = demo / "event.db";
    EXPECT_TRUE(std::filesystem::exists(db));
    EXPECT_TRUE(std::filesystem::exists(demo / "registrations.csv"));
    EXPECT_TRUE(std::filesystem::is_directory(demo / "tickets"));
    EXPECT_TRUE(std::filesystem::exists(demo / "tickets" / "tickets.csv"));

    const CommandOutput report_output = on_event(db, {"report", "--json"});
    ASSERT_EQ(report_output.exit_code, 0) << describe(report_output);
    const auto report = nlohmann::json::parse(report_output.out);
    EXPECT_EQ(report["session"]["expected"].get<int>() + report["cancelled"].get<int>(), 30);
    EXPECT_EQ(report["cancelled"], 2);
    EXPECT_EQ(report["by_organization"].size(), 9u);
    EXPECT_EQ(report["by_group"].size(), 6u);
    int seated = 0;
    for (const auto& group : report["by_group"]) seated += group["expected"].get<int>();
    EXPECT_EQ(seated, 28) << "everyone registered sits in a group";

    const CommandOutput list = on_event(db, {"groups", "list"});
    ASSERT_EQ(list.exit_code, 0) << describe(list);
    std::istringstream lines(list.out);
    std::string line;
    std::getline(lines, line);
    std::set<std::string> facilitators;
    int groups = 0;
    while (std::getline(lines, line)) {
        std::istringstream fields(line);
        std::string name, table, people, capacity, facilitator;
        if (!(fields >> name >> table >> people >> capacity)) continue;
        ++groups;
        std::getline(fields, facilitator);
        EXPECT_NE(facilitator.find_first_not_of(' '), std::string::npos)
            << "group " << name << " has no facilitator";
        facilitators.insert(facilitator);
    }
    EXPECT_EQ(groups, 6);
    EXPECT_EQ(facilitators.size(), 6u) << "six different facilitators";

    // Tickets for the 28 who did not cancel, and one of them checks in.
    const CsvDocument tickets = parse_csv_document(read_file(demo / "tickets" / "tickets.csv"));
    ASSERT_EQ(tickets.rows.size(), 28u);
    const std::string code = tickets.rows.front()[static_cast<std::size_t>(tickets.column("code"))];
    const CommandOutput checkin = on_event(db, {"checkin", code});
    EXPECT_EQ(checkin.exit_code, 0) << describe(checkin);
}

TEST(DemoTest, RunningTwiceReusesTheEvent) {
    TempDir dir;
    const auto demo = dir / "demo";
    ASSERT_EQ(uketsuke({"demo", demo.string()}).exit_code, 0);
    const auto db = demo / "event.db";
    const std::string first_id = info_line(on_event(db, {"info"}).out, "id:");
    ASSERT_FALSE(first_id.empty());
    ASSERT_EQ(on_event(db, {"checkin", "--id", "WS-002"}).exit_code, 0);

    const CommandOutput again = uketsuke({"demo", demo.string()});
    ASSERT_EQ(again.exit_code, 0) << describe(again);
    const CommandOutput info = on_event(db, {"info"});
    EXPECT_EQ(info_line(info.out, "id:"), first_id) << "the same event, not a new one";
    EXPECT_CONTAINS(info_line(info.out, "people:"), "30");
    const auto report = nlohmann::json::parse(on_event(db, {"report", "--json"}).out);
    EXPECT_EQ(report["session"]["counts"]["attended"], 1) << "the earlier check-in is kept";
    EXPECT_EQ(report["session"]["expected"], 28);
}

TEST(DemoTest, ArrivalsSimulateARush) {
    TempDir dir;
    const CommandOutput output = uketsuke({"demo", (dir / "demo").string(), "--arrivals", "20"});
    ASSERT_EQ(output.exit_code, 0) << describe(output);
    const auto report =
        nlohmann::json::parse(on_event(dir / "demo" / "event.db", {"report", "--json"}).out);
    EXPECT_EQ(report["session"]["counts"]["attended"], 20);
}

// The demo is a series: day 1 (yesterday, held), day 2 (today), a make-up day for day 1.
TEST(DemoTest, IsASeriesWhoseFirstDayWasHeld) {
    TempDir dir;
    ASSERT_EQ(uketsuke({"demo", (dir / "demo").string()}).exit_code, 0);
    const auto db = dir / "demo" / "event.db";
    const CommandOutput output = on_event(db, {"attendance", "--format", "json"});
    ASSERT_EQ(output.exit_code, 0) << describe(output);
    const auto record = nlohmann::json::parse(output.out);
    const auto& sessions = record["sessions"];
    ASSERT_EQ(sessions.size(), 3u);
    EXPECT_EQ(sessions[0]["id"], "day1");
    EXPECT_EQ(sessions[0]["name"], "第3回研究会 1日目");
    EXPECT_TRUE(sessions[0]["held"].get<bool>());
    EXPECT_EQ(sessions[0]["expected"], 28);
    const auto& day1 = sessions[0]["counts"];
    EXPECT_EQ(day1["present"], 20);
    EXPECT_EQ(day1["late"], 4);
    EXPECT_EQ(day1["early_leave"], 1);
    EXPECT_EQ(day1["absent"], 3);
    EXPECT_EQ(sessions[1]["id"], "day2");
    EXPECT_EQ(sessions[2]["makeup_of"], "day1");
    EXPECT_FALSE(sessions[2]["held"].get<bool>());

    // Those who missed day 1 can still complete by coming to the make-up day.
    const CommandOutput completion =
        on_event(db, {"attendance", "--require", "all", "--allow-makeup", "--format", "json"});
    ASSERT_EQ(completion.exit_code, 0) << describe(completion);
    const auto completions = nlohmann::json::parse(completion.out);
    int fixable_by_makeup = 0;
    for (const auto& person : completions["people"]) {
        for (const auto& fix : person["completion"]["fixes"])
            if (fix["session"] == "makeup" && fix["makes_up"] == "day1") ++fixable_by_makeup;
    }
    EXPECT_EQ(fixable_by_makeup, 3);
}

// `report --json` and `attendance --format json` say the same figures under the same names,
// for each session of the demo's series (README, "One vocabulary").
TEST(DemoTest, ReportAndAttendanceAgreeOnEverySession) {
    TempDir dir;
    ASSERT_EQ(uketsuke({"demo", (dir / "demo").string()}).exit_code, 0);
    const auto db = dir / "demo" / "event.db";
    const CommandOutput output = on_event(db, {"attendance", "--format", "json"});
    ASSERT_EQ(output.exit_code, 0) << describe(output);
    const auto record = nlohmann::json::parse(output.out);
    ASSERT_EQ(record["sessions"].size(), 3u);
    for (const auto& session : record["sessions"]) {
        const std::string id = session["id"];
        const CommandOutput report = on_event(db, {"report", "--json", "--session", id});
        ASSERT_EQ(report.exit_code, 0) << describe(report);
        const auto parsed = nlohmann::json::parse(report.out);
        EXPECT_EQ(parsed["session"], session) << id;
        EXPECT_EQ(parsed["cancelled"], record["cancelled"]) << id;
        const CommandOutput one = on_event(db, {"attendance", "--format", "json", "--session", id});
        ASSERT_EQ(one.exit_code, 0) << describe(one);
        EXPECT_EQ(nlohmann::json::parse(one.out)["sessions"][0], session) << id;
        // The text says the summary line too.
        const CommandOutput text = on_event(db, {"report", "--session", id});
        EXPECT_CONTAINS(text.out, session["summary"].get<std::string>()) << id;
    }
    // Day 1's walk-ins and absences as the 出席簿 counts them.
    const auto day1 = nlohmann::json::parse(
        on_event(db, {"report", "--json", "--session", "day1"}).out)["session"];
    EXPECT_EQ(day1["counts"]["absent"], 3);
    EXPECT_EQ(day1["counts"]["attended"], 25);
}

}  // namespace
}  // namespace uketsuke::testing::cli
