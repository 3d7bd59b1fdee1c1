// The kiosk's print worker (kiosk/app/print_worker.hpp) without CUPS: its thread's scheduling.
// Printing itself, against a real cupsd, is tested in tests/paper/printing_test.cpp.

#include "kiosk/app/print_worker.hpp"

#include <gtest/gtest.h>
#include <sched.h>

#include <chrono>
#include <future>

#include "support/event_fixture.hpp"

namespace uketsuke::app {
namespace {

using testing::EventFixture;

// Handing a tag over wakes the print thread while the loop still has the welcome to show; a
// normal thread woken so may run at once on the loop's core (the welcome then waits 1–4 ms for
// a slice of the render, BM_ScanToWelcome). A batch thread is never a wake-up preemptor.
TEST(PrintWorker, ItsThreadIsBatchSoAHandedTagNeverPreemptsTheLoop) {
    EventFixture f;
    std::promise<int> policy;
    // The worker reads its clock on its own thread, once per job: where the policy is seen.
    PrintWorker worker(f.path, PrintSettings{"kiosk-labels"}, nullptr, [&] {
        policy.set_value(sched_getscheduler(0));
        return std::int64_t{0};
    });
    worker.submit({PrintJob::Kind::PrintedPeople});
    auto seen = policy.get_future();
    ASSERT_EQ(seen.wait_for(std::chrono::seconds(20)), std::future_status::ready);
    EXPECT_EQ(seen.get(), SCHED_BATCH);
    EXPECT_NE(sched_getscheduler(0), SCHED_BATCH) << "the test's own thread is left as it was";
}

// A batch thread still does its work: the answer comes back and wakes the loop.
TEST(PrintWorker, ABatchThreadStillAnswersAndWakesTheLoop) {
    EventFixture f;
    std::promise<void> woken;
    PrintWorker worker(f.path, PrintSettings{"kiosk-labels"}, [&] { woken.set_value(); });
    worker.submit({PrintJob::Kind::PrintedPeople});
    ASSERT_EQ(woken.get_future().wait_for(std::chrono::seconds(20)), std::future_status::ready);
    const auto results = worker.take_results();
    ASSERT_EQ(results.size(), 1u);
    ASSERT_TRUE(results[0].printed_people);
    EXPECT_TRUE(results[0].printed_people->empty());
    EXPECT_TRUE(results[0].error.empty()) << results[0].error;
}

}  // namespace
}  // namespace uketsuke::app
