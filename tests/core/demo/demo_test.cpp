#include "kiosk/core/demo/demo.hpp"

#include <gtest/gtest.h>

#include <set>

#include "kiosk/core/checkin/report.hpp"
#include "kiosk/core/store/event_store.hpp"
#include "support/event_fixture.hpp"

namespace uketsuke {
namespace {

TEST(Demo, IsTheWorkshopTheReadmePromises) {
    testing::TempDir dir;
    DemoOptions options;
    options.dir = dir.path();
    options.arrivals = 20;
    options.wall_ms = testing::kNineAm + 30 * 60'000;
    const DemoResult result = create_demo_event(options);
    ASSERT_TRUE(result) << result.error;
    EXPECT_EQ(result.participants, 30);
    EXPECT_EQ(result.tickets, 28);
    EXPECT_EQ(result.arrivals, 20);

    EventStore store = EventStore::open(result.event_file.string(), true);
    const Report report = build_report(store);
    EXPECT_EQ(report.registered, 28);
    EXPECT_EQ(report.cancelled, 2);
    EXPECT_EQ(report.organizations, 9);
    EXPECT_EQ(report.attended, 20);
    const auto groups = store.groups();
    ASSERT_EQ(groups.size(), 6u);
    for (const auto& group : groups) EXPECT_FALSE(group.facilitator.empty()) << group.name;
    std::set<std::string> readings;
    for (const auto& person : store.participants()) {
        EXPECT_FALSE(person.reading.empty());
        readings.insert(person.reading);
    }
    EXPECT_EQ(readings.size(), 30u);

    // A second run keeps the event and its check-ins.
    options.arrivals = 0;
    const DemoResult again = create_demo_event(options);
    ASSERT_TRUE(again) << again.error;
    EventStore reopened = EventStore::open(result.event_file.string(), true);
    EXPECT_EQ(build_report(reopened).attended, 20);
}

}  // namespace
}  // namespace uketsuke
