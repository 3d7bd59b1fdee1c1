#pragma once
// One thread working through a queue of jobs, in the order they were submitted, for the
// kiosk's workers (check-in, staff): the loop submits and takes results without ever waiting
// on the work, and is woken when a result is ready.
// Does: the queue, the thread, the wake, newest-wins for jobs a later one makes pointless,
// stopping. Doesn't: catch what the work throws (each worker turns its failures into results).
//
// Stopping drops the jobs still waiting and lets the one in hand finish: a scan queued behind
// the kiosk's closing was never shown as checked in, and nobody is left to read its answer.

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace uketsuke::app {

template <class Job, class Result>
class JobThread {
public:
    struct Tasks {
        // On the thread, one job at a time; nullopt posts nothing.
        std::function<std::optional<Result>(const Job&)> work;
        // After a result is posted, from the thread: the loop's wake-up.
        std::function<void()> wake;
        // On the thread, once, before the first job (opening a connection, warming a cache).
        std::function<void()> prepare;
        // Whether `waiting`, next in the queue, makes `taken` pointless: then it runs instead.
        std::function<bool(const Job& waiting, const Job& taken)> supersedes;
    };

    // The thread starts here: whatever `tasks` touch must already exist and outlive this.
    explicit JobThread(Tasks tasks) : tasks_(std::move(tasks)), thread_([this] { run(); }) {}
    ~JobThread() {
        stop();
        if (thread_.joinable()) thread_.join();
    }
    JobThread(const JobThread&) = delete;
    JobThread& operator=(const JobThread&) = delete;

    void submit(Job job) {
        {
            std::lock_guard lock(mutex_);
            if (stopping_) return;
            jobs_.push_back(std::move(job));
        }
        changed_.notify_all();
    }

    std::vector<Result> take_results() {
        std::lock_guard lock(mutex_);
        return std::exchange(results_, {});
    }

    // Returns at once; the destructor waits for the job in hand.
    void stop() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
            jobs_.clear();
        }
        changed_.notify_all();
    }

private:
    void run() {
        if (tasks_.prepare) tasks_.prepare();
        for (;;) {
            Job job;
            {
                std::unique_lock lock(mutex_);
                changed_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
                if (stopping_) return;
                job = std::move(jobs_.front());
                jobs_.pop_front();
                while (tasks_.supersedes && !jobs_.empty() &&
                       tasks_.supersedes(jobs_.front(), job)) {
                    job = std::move(jobs_.front());
                    jobs_.pop_front();
                }
            }
            std::optional<Result> result = tasks_.work(job);
            if (!result) continue;
            {
                std::lock_guard lock(mutex_);
                results_.push_back(std::move(*result));
            }
            if (tasks_.wake) tasks_.wake();
        }
    }

    Tasks tasks_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<Job> jobs_;
    std::vector<Result> results_;
    bool stopping_ = false;
    std::thread thread_;  // last: started once everything above exists
};

}  // namespace uketsuke::app
