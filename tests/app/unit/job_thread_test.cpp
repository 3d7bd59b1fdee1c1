// The workers' job thread (kiosk/app/job_thread.hpp): order, wake-ups, newest-wins, the
// preparation before the first job, and stopping with jobs still queued.

#include "kiosk/app/job_thread.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace uketsuke::app {
namespace {

struct Job {
    int id = 0;
    bool search = false;  // a newer search makes a waiting one pointless
};

// Counts wake-ups and lets the test wait for them (the loop's Window::wake in the kiosk).
class Wakes {
public:
    void wake() {
        {
            std::lock_guard lock(mutex_);
            ++count_;
        }
        changed_.notify_all();
    }
    bool wait_for(int count) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, std::chrono::seconds(10), [&] { return count_ >= count; });
    }
    int count() {
        std::lock_guard lock(mutex_);
        return count_;
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    int count_ = 0;
};

// Work that runs job 1 only once the test opens the gate, and records what ran.
struct GatedWork {
    std::promise<void> started;
    std::promise<void> gate;
    std::shared_future<void> opened = gate.get_future().share();
    std::mutex mutex;
    std::vector<int> ran;

    std::optional<int> operator()(const Job& job) {
        if (job.id == 1) {
            started.set_value();
            opened.wait();
        }
        std::lock_guard lock(mutex);
        ran.push_back(job.id);
        return job.id;
    }
};

using Thread = JobThread<Job, int>;

TEST(JobThread, ResultsComeBackInTheOrderSubmittedAndEachOneWakesTheLoop) {
    Wakes wakes;
    Thread thread({[](const Job& job) { return std::optional<int>(job.id * 10); },
                   [&] { wakes.wake(); },
                   {},
                   {}});
    for (int id = 1; id <= 5; ++id) thread.submit(Job{id});
    ASSERT_TRUE(wakes.wait_for(5));
    EXPECT_EQ(thread.take_results(), (std::vector<int>{10, 20, 30, 40, 50}));
    EXPECT_TRUE(thread.take_results().empty());  // taken once
    EXPECT_EQ(wakes.count(), 5);
}

TEST(JobThread, WorkWithNothingToSayPostsNothingAndWakesNobody) {
    Wakes wakes;
    Thread thread(
        {[](const Job& job) { return job.id % 2 == 0 ? std::optional<int>(job.id) : std::nullopt; },
         [&] { wakes.wake(); },
         {},
         {}});
    for (int id = 1; id <= 4; ++id) thread.submit(Job{id});
    ASSERT_TRUE(wakes.wait_for(2));
    thread.submit(Job{6});  // the jobs before it are done once its result is in
    ASSERT_TRUE(wakes.wait_for(3));
    EXPECT_EQ(thread.take_results(), (std::vector<int>{2, 4, 6}));
    EXPECT_EQ(wakes.count(), 3);
}

TEST(JobThread, PreparationRunsOnTheThreadBeforeTheFirstJob) {
    Wakes wakes;
    std::optional<std::thread::id> prepared_on;
    bool prepared_first = false;
    Thread thread({[&](const Job&) {
                       prepared_first = prepared_on == std::this_thread::get_id();
                       return std::optional<int>(0);
                   },
                   [&] { wakes.wake(); },
                   [&] { prepared_on = std::this_thread::get_id(); },
                   {}});
    thread.submit(Job{1});
    ASSERT_TRUE(wakes.wait_for(1));
    EXPECT_TRUE(prepared_first);
    EXPECT_NE(prepared_on, std::this_thread::get_id());
}

TEST(JobThread, AWaitingSearchGivesWayToTheNewerOneBehindIt) {
    Wakes wakes;
    GatedWork work;
    Thread thread(
        {[&](const Job& job) { return work(job); },
         [&] { wakes.wake(); },
         {},
         [](const Job& waiting, const Job& taken) { return waiting.search && taken.search; }});
    thread.submit(Job{1});
    work.started.get_future().wait();  // the thread is busy: the rest queue up behind
    thread.submit(Job{2, true});
    thread.submit(Job{3, true});
    thread.submit(Job{4});
    thread.submit(Job{5, true});
    thread.submit(Job{6, true});
    thread.submit(Job{7});
    work.gate.set_value();
    ASSERT_TRUE(wakes.wait_for(5));
    // 2 and 5 were overtaken by the searches typed after them; 4 and 7 are not searches.
    EXPECT_EQ(thread.take_results(), (std::vector<int>{1, 3, 4, 6, 7}));
}

TEST(JobThread, StoppingDropsTheWaitingJobsAndFinishesTheOneInHand) {
    Wakes wakes;
    GatedWork work;
    auto thread = std::make_unique<Thread>(
        Thread::Tasks{[&](const Job& job) { return work(job); }, [&] { wakes.wake(); }, {}, {}});
    thread->submit(Job{1});
    work.started.get_future().wait();
    thread->submit(Job{2});
    thread->submit(Job{3});
    thread->stop();
    thread->submit(Job{4});  // too late: nobody will run it
    work.gate.set_value();
    ASSERT_TRUE(wakes.wait_for(1));  // the job in hand still posts its result
    EXPECT_EQ(thread->take_results(), std::vector<int>{1});
    thread.reset();  // joins
    EXPECT_EQ(work.ran, std::vector<int>{1});
    EXPECT_EQ(wakes.count(), 1);
}

}  // namespace
}  // namespace uketsuke::app
