#include "kiosk/core/checkin/report.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "kiosk/core/checkin/checkin.hpp"
#include "support/event_fixture.hpp"

namespace uketsuke {
namespace {

using testing::EventFixture;
using testing::kNineAm;

TEST(Report, CountsByOrganizationGroupAndFiveMinutes) {
    EventFixture f;
    f.store.upsert_group(Group{"g1", "A", "1", 0, "", std::nullopt, std::nullopt}, 0);
    f.store.upsert_group(Group{"g2", "B", "2", 0, "", std::nullopt, std::nullopt}, 1);
    f.person("1", "a", "青葉市", "g1");
    f.person("2", "b", "青葉市", "g2");
    f.person("3", "c", "港南市", "g1");
    Participant gone = f.person("4", "d", "北山村", "g2");
    gone.status = RegistrationStatus::Cancelled;
    f.add(gone);
    CheckinService service(f.store);
    auto at = [](std::int64_t ms) { return CheckinContext{"A", "", CheckinMethod::Camera, ms}; };
    (void)service.check_in_participant("1", at(kNineAm + 1 * 60'000));
    (void)service.check_in_participant("3", at(kNineAm + 12 * 60'000));
    (void)service.check_in_code(f.ticket("unknown-yet"), at(kNineAm + 13 * 60'000));
    (void)service.check_in_code("https://example.jp", at(kNineAm + 14 * 60'000));

    const Report report = build_report(f.store);
    EXPECT_EQ(report.registered, 3);
    EXPECT_EQ(report.cancelled, 1);
    EXPECT_EQ(report.attended, 2);
    EXPECT_EQ(report.no_shows, 1);
    EXPECT_EQ(report.pending, 1);
    EXPECT_EQ(report.rejected_scans, 1);
    EXPECT_EQ(report.organizations, 2);
    ASSERT_EQ(report.by_organization.size(), 2u);
    EXPECT_EQ(report.by_organization[0].label, "青葉市");
    EXPECT_EQ(report.by_organization[0].registered, 2);
    EXPECT_EQ(report.by_organization[0].attended, 1);
    ASSERT_EQ(report.by_group.size(), 2u);
    EXPECT_EQ(report.by_group[0].attended, 2);
    EXPECT_EQ(report.by_group[1].registered, 1);
    // 09:00, 09:05 (empty, still shown), 09:10.
    ASSERT_EQ(report.arrivals.size(), 3u);
    EXPECT_EQ(report.arrivals[0].label, "09:00");
    EXPECT_EQ(report.arrivals[1].arrivals, 0);
    EXPECT_EQ(report.arrivals[2].label, "09:10");
    EXPECT_EQ(report.no_show_names, std::vector<std::string>{"b"});

    const std::string text = format_report_text(report);
    EXPECT_NE(text.find("2 organizations, 2 attended of 3 registered"), std::string::npos) << text;
    const auto json = report_to_json(report);
    EXPECT_EQ(json["session"]["counts"]["attended"], 2);
    EXPECT_EQ(json["session"]["expected"], 3);
    EXPECT_EQ(json["session"]["summary"], "2団体2名参加（申込者3名）");
    EXPECT_EQ(json["cancelled"], 1);
    EXPECT_EQ(json["arrivals_per_5_minutes"][0]["start"], "2026-11-30 09:00:00");
}

TEST(Report, EmptyEventIsFine) {
    EventFixture f;
    const Report report = build_report(f.store);
    EXPECT_EQ(report.registered, 0);
    EXPECT_TRUE(report.arrivals.empty());
    EXPECT_NE(format_report_text(report).find("0 organizations, 0 attended of 0 registered"),
              std::string::npos);
}

}  // namespace
}  // namespace uketsuke
