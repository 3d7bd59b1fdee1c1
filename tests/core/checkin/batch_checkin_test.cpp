// CheckinService::check_in_participants: a paper list entered afterwards, all or nothing.

#include <gtest/gtest.h>

#include "kiosk/core/checkin/checkin.hpp"
#include "kiosk/core/checkin/report.hpp"
#include "support/event_fixture.hpp"

namespace uketsuke {
namespace {

using testing::EventFixture;
using testing::kNineAm;

TEST(BatchCheckin, AllWrittenAtTheGivenTimeAsPaperOrNoneAtAll) {
    EventFixture f;
    f.person("p1", "Aoki", "Org");
    f.person("p2", "Baba", "Org");
    Participant cancelled;
    cancelled.id = "p3";
    cancelled.name = "Chiba";
    cancelled.status = RegistrationStatus::Cancelled;
    f.add(cancelled);
    CheckinService service(f.store);
    const CheckinContext paper{"cli", "", CheckinMethod::Paper, kNineAm + 40 * 60'000};

    const auto refused = service.check_in_participants({"p1", "p3", "nobody"}, paper);
    EXPECT_FALSE(refused.written);
    ASSERT_EQ(refused.results.size(), 3u);
    EXPECT_EQ(refused.results[0].outcome, CheckinOutcome::CheckedIn);
    EXPECT_EQ(refused.results[1].outcome, CheckinOutcome::Cancelled);
    EXPECT_EQ(refused.results[2].outcome, CheckinOutcome::UnknownCode);
    EXPECT_TRUE(f.store.checkins().empty()) << "nothing written";
    EXPECT_EQ(f.store.arrived_count(), 0);

    ASSERT_EQ(
        service.check_in_participant("p2", {"K1", "", CheckinMethod::Camera, kNineAm}).outcome,
        CheckinOutcome::CheckedIn);
    const auto entered = service.check_in_participants({"p1", "p2", "p1"}, paper);
    EXPECT_TRUE(entered.written);
    ASSERT_EQ(entered.results.size(), 2u) << "p1 twice counts once";
    EXPECT_EQ(entered.results[1].outcome, CheckinOutcome::AlreadyChecked);
    const Attendance p1 = service.attendance("p1");
    ASSERT_TRUE(p1.checked_in);
    EXPECT_EQ(p1.first->method, CheckinMethod::Paper);
    EXPECT_EQ(p1.first->wall_ms, kNineAm + 40 * 60'000);
    EXPECT_EQ(service.attendance("p2").first->method, CheckinMethod::Camera);
    EXPECT_EQ(f.store.checkins().size(), 2u);
    EXPECT_EQ(build_report(f.store).attended, 2);
}

}  // namespace
}  // namespace uketsuke
