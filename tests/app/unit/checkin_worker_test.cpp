// The check-in worker on an event file that stops taking writes (read-only, a full disk) and
// then takes them again: it says why, on the result and on a store check, and resumes by
// itself, without a restart. A full disk is PRAGMA max_page_count on the worker's connection.

#include "kiosk/app/checkin_worker.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "kiosk/core/checkin/checkin.hpp"
#include "kiosk/core/store/schema.hpp"
#include "support/event_fixture.hpp"
#include "support/read_only.hpp"

namespace uketsuke::app {
namespace {

using testing::EventFixture;

#define EXPECT_CONTAINS(text, part) \
    EXPECT_NE(std::string(text).find(part), std::string::npos) << (text)

class Worker : public ::testing::Test {
protected:
    EventFixture f;
    std::atomic<bool> full{false};
    CheckinWorker worker{
        f.path, "A", "", nullptr, wall_clock_ms, [this](sql::Database& db) {
            if (!full) return;
            auto pages = db.prepare("PRAGMA page_count");
            pages.step();
            db.execute("PRAGMA max_page_count = " + std::to_string(pages.integer(0)));
        }};
    std::uint64_t scans = 0;

    void SetUp() override {
        f.person("p1", "山田 花子", "青葉市");
        f.person("p2", "鈴木 一郎", "港南市");
    }

    WorkerResult next_result() {
        const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        while (std::chrono::steady_clock::now() < until) {
            auto results = worker.take_results();
            if (!results.empty()) {
                EXPECT_EQ(results.size(), 1u);
                return results.front();
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        ADD_FAILURE() << "no answer from the worker";
        return {};
    }
    WorkerResult scan(const std::string& text) {
        worker.submit(ui::SubmitScan{++scans, text, CheckinMethod::Camera, {}});
        return next_result();
    }
    StoreHealth store_check() {
        worker.check_store();
        const WorkerResult result = next_result();
        EXPECT_FALSE(result.scan);
        return result.store.value_or(StoreHealth{true, "no answer"});
    }
};

TEST_F(Worker, AReadOnlyFileIsNamedAndCheckinsResumeOnceItIsWritable) {
    // Read-only before the worker first opens it, as when a kiosk starts on such a file.
    testing::ReadOnly guard(f.path);
    if (!guard.why_not.empty()) GTEST_SKIP() << guard.why_not;
    const StoreHealth health = store_check();
    EXPECT_FALSE(health.writable);
    EXPECT_CONTAINS(health.problem, f.path);
    EXPECT_CONTAINS(health.problem, "writable");
    const WorkerResult failed = scan(f.ticket("p1"));
    EXPECT_TRUE(failed.finished.failed);
    EXPECT_CONTAINS(failed.finished.error, f.path);
    ASSERT_TRUE(failed.store);
    EXPECT_FALSE(failed.store->writable);

    guard.undo();
    EXPECT_TRUE(store_check().writable);
    const WorkerResult checked = scan(f.ticket("p1"));
    EXPECT_FALSE(checked.finished.failed) << checked.finished.error;
    EXPECT_EQ(checked.finished.outcome, CheckinOutcome::CheckedIn);
    ASSERT_TRUE(checked.store);
    EXPECT_TRUE(checked.store->writable);
    EXPECT_EQ(f.store.checkins_of("p1").size(), 1u);
}

TEST_F(Worker, AFullDiskIsNamedAndCheckinsResumeOnceThereIsRoom) {
    full = true;
    const StoreHealth health = store_check();
    EXPECT_FALSE(health.writable);
    EXPECT_CONTAINS(health.problem, "is full");
    EXPECT_CONTAINS(health.problem, f.path);

    // Rows that fit the pages there are still go in; the next page is refused.
    WorkerResult failed;
    for (int i = 0; i < 60 && !failed.finished.failed; ++i)
        failed = scan(std::string(250, static_cast<char>('a' + i % 26)) + std::to_string(i));
    ASSERT_TRUE(failed.finished.failed);
    EXPECT_CONTAINS(failed.finished.error, "is full");
    ASSERT_TRUE(failed.store);
    EXPECT_FALSE(failed.store->writable);
    const auto rejected_before = f.store.rejected_scans().size();

    full = false;
    EXPECT_TRUE(store_check().writable);
    EXPECT_EQ(scan(f.ticket("p2")).finished.outcome, CheckinOutcome::CheckedIn);
    EXPECT_EQ(f.store.checkins_of("p2").size(), 1u);
    EXPECT_EQ(f.store.rejected_scans().size(), rejected_before) << "the refused scan is not in";
}

}  // namespace
// The live count the attract screen shows after each scan is kept, not recounted: it follows
// this kiosk's check-ins, and what another connection writes (a staff desk's walk-in or undo,
// the hub sync) is counted again.
TEST_F(Worker, TheArrivedCountFollowsThisKioskAndOtherWriters) {
    f.person("p3", "佐藤 次郎", "緑市");
    EXPECT_EQ(scan(f.ticket("p1")).arrived, 1);
    EXPECT_EQ(scan(f.ticket("p1")).arrived, 1) << "already checked in is not one more";
    EXPECT_EQ(scan("not a ticket of ours").arrived, 1);
    EXPECT_EQ(scan(f.ticket("p2")).arrived, 2);

    CheckinService desk(f.store);  // another connection to the same file
    CheckinContext staff{"A", "staff-1", CheckinMethod::Manual, wall_clock_ms()};
    ASSERT_EQ(desk.check_in_participant("p3", staff).outcome, CheckinOutcome::CheckedIn);
    EXPECT_EQ(scan(f.ticket("p2")).arrived, 3);
    ASSERT_EQ(desk.undo_participant("p1", staff).outcome, UndoOutcome::Undone);
    EXPECT_EQ(scan(f.ticket("p2")).arrived, 2);
    EXPECT_EQ(scan(f.ticket("p1")).arrived, 3) << "checked in again after the undo";
    EXPECT_EQ(f.store.arrived_count(kDefaultSessionId), 3);
}

}  // namespace uketsuke::app
