// The kiosk soak: many scans through the check-in path as the kiosk runs it, to show that
// nothing grows and nothing slows down. The check-in worker (kiosk/app/checkin_worker.hpp, its
// own thread and connection) on a real event file takes scans one after another as at a busy
// door: distinct tickets (signed ones and imported ticket numbers), people scanning again,
// codes nobody has, and now and then staff undoing a check-in on the staff worker's desk
// (StaffDesk, on a second connection, signed in) after which that person scans again.
// Two such doors run side by side in one process, a scan at each in turn: one on an event of one
// session, one on an event of six (the same scans at both), so that whatever else the machine
// does falls on both alike. It prints a table: per door the outcomes, the p50 and the p99 of
// scan → committed (submit to the worker's result in the loop's hands) over the first and the
// last 2,000 scans and the whole run; then the process's resident memory before the first scan,
// after the first 2,000 at each door and at the end.
//
//   build/tests/bench/kiosk_soak [--scans 20000] [--seed 14]
//
// Not a ctest test: timings and memory are figures, not assertions. It checks its own counts
// (every outcome as expected, the arrived count as the scans imply) and exits 1 if they are
// wrong. Budgets: RSS growth ≤ 10 MB; p99 with six sessions within ±10 % of one session.
// What it leaves out: the camera, the decoder and the screens (the frame → decoder part has
// tests/bench/scan_bench.cpp).

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <mutex>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "kiosk/app/checkin_worker.hpp"
#include "kiosk/app/staff_worker.hpp"
#include "kiosk/core/staff/staff.hpp"
#include "kiosk/core/tickets/ticket.hpp"
#include "support/temp_dir.hpp"

namespace uketsuke {
namespace {

constexpr std::int64_t kNineAm = 1795996800000;  // 2026-11-30 09:00 Asia/Tokyo
constexpr std::size_t kWindow = 2000;            // scans at the start and at the end

double resident_mb() {
    std::ifstream statm("/proc/self/statm");
    long pages = 0;
    long resident = 0;
    statm >> pages >> resident;
    return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) / 1048576.0;
}

double percentile(std::vector<double> values, double fraction) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    const auto at = static_cast<std::size_t>(fraction * static_cast<double>(values.size() - 1));
    return values[at];
}

Session session_on(const std::string& id, const std::string& date, EventStore& store) {
    Session session;
    session.id = id;
    session.name = "第" + id.substr(1) + "回研究会";
    session.date = date;
    session.starts_at = "09:00";
    session.ends_at = "17:00";
    session.changed_stamp = store.next_stamp("organizer", kNineAm).to_string();
    session.changed_by = "organizer";
    return session;
}

struct Event {
    std::string path;
    std::vector<std::string> codes;  // one per participant, in id order
    StaffMember supervisor;
};

// An event of `people` participants in six groups, with `sessions` sessions on six days (the
// first today, 2026-11-30); a third have an imported ticket number, the rest a signed ticket.
Event make_event(const std::filesystem::path& dir, int people, int sessions) {
    Event event;
    event.path = (dir / "event.db").string();
    const KeyPair keys = generate_key_pair();
    const EventId event_id = random_event_id();
    EventStore store = EventStore::create(
        event.path, EventInfo{to_hex(event_id), "研修会", "2026-11-30", "Hall", "Asia/Tokyo"});
    store.add_public_key(public_key_to_text(keys.public_key), 0);
    for (int day = 0; day < sessions && sessions > 1; ++day) {
        const std::string date = "2026-12-0" + std::to_string(day);
        const Result<bool> put = store.put_session(
            session_on("s" + std::to_string(day + 1), day == 0 ? "2026-11-30" : date, store),
            kNineAm);
        if (!put) throw std::runtime_error("session: " + put.error().message);
    }
    sql::Transaction transaction(store.database());
    for (int g = 0; g < 6; ++g) {
        store.upsert_group(Group{"g" + std::to_string(g), "グループ" + std::to_string(g + 1),
                                 "T" + std::to_string(g + 1), 0, "ファシリテーター", 0.2, 0.3},
                           g);
    }
    for (int i = 0; i < people; ++i) {
        Participant p;
        p.id = "p" + std::to_string(i);
        p.name = "参加者 " + std::to_string(i);
        p.reading = "さんかしゃ";
        p.organization = "市役所 " + std::to_string(i % 9);
        p.group_id = "g" + std::to_string(i % 6);
        store.upsert_participant(p, i);
        if (i % 3 == 0) {
            event.codes.push_back("T-" + std::to_string(1000000 + i));
            store.set_code(event.codes.back(), p.id, "platform");
        } else {
            event.codes.push_back(issue_ticket(keys.secret_key, event_id, p.id, 1));
        }
    }
    transaction.commit();
    event.supervisor =
        add_staff(store, "受付 責任者", StaffRole::Supervisor, "246810", test_pin_cost());
    return event;
}

struct Counts {
    int checked_in = 0, again = 0, unknown = 0, undone = 0;
};

// One kiosk at one door: an event file, its check-in worker, the staff desk, and what was scanned.
class Door {
public:
    Door(const std::filesystem::path& dir, int people, int sessions, unsigned seed)
        : sessions_(sessions),
          people_(people),
          event_(make_event(dir, people, sessions)),
          random_(seed),
          worker_(
              event_.path, "A", "",
              [this] {
                  {
                      std::lock_guard lock(mutex_);
                      woken_ = true;
                  }
                  ready_.notify_one();
              },
              [this] {
                  std::lock_guard lock(mutex_);
                  return now_;
              }),
          staff_store_(EventStore::open(event_.path)),
          desk_(staff_store_, "A", event_.path) {
        // Undo as staff do it: the staff worker's desk on its own connection, signed in.
        desk_.restore_sign_in(event_.supervisor);
    }
    Door(const Door&) = delete;
    Door& operator=(const Door&) = delete;

    // The next thing at the door: a scan (timed), or first an undo by staff now and then.
    void next() {
        {
            std::lock_guard lock(mutex_);
            now_ += 500;
        }
        const unsigned pick = random_() % 100;
        if (pick >= 96 && !in_.empty()) {
            undo();
            return;
        }
        std::string text;
        std::string expected = "checked-in";
        int person = -1;
        if (pick < 8) {
            text = "T-" + std::to_string(9000000 + random_() % 1000000);  // nobody's
            expected = "unknown-code";
        } else if (pick < 20 && !in_.empty()) {
            text = event_.codes[static_cast<std::size_t>(in_[random_() % in_.size()])];
            expected = "already-checked-in";
        } else if (pick < 24 && !undone_.empty()) {
            person = undone_.back();
            undone_.pop_back();
        } else if (next_ < people_) {
            person = next_++;
        } else {
            text = event_.codes[0];
            expected = "already-checked-in";
        }
        if (person >= 0) text = event_.codes[static_cast<std::size_t>(person)];
        const app::WorkerResult result = scan(text);
        if (result.outcome == "checked-in") ++counts_.checked_in;
        if (result.outcome == "already-checked-in") ++counts_.again;
        if (result.outcome == "unknown-code") ++counts_.unknown;
        if (result.outcome != expected && problem_.empty()) {
            problem_ = "scan " + std::to_string(scan_id_) + ": " + result.outcome + ", expected " +
                       expected + " " + result.finished.error;
        }
        if (person >= 0 && result.outcome == "checked-in") in_.push_back(person);
    }

    // "" when every outcome and the arrived count are what the scans imply.
    std::string problem() const {
        const std::int64_t arrived = staff_store_.arrived_count();
        if (problem_.empty() && arrived != static_cast<std::int64_t>(in_.size())) {
            return "arrived " + std::to_string(arrived) + ", expected " +
                   std::to_string(in_.size());
        }
        return problem_;
    }
    // What the live count costs now: the worker runs EventStore::arrived_count for the session
    // after every scan. The median of five, on the staff connection.
    double live_count_ms() const {
        const std::string session = staff_store_.sessions().front().id;  // today's: the first
        std::vector<double> times;
        for (int i = 0; i < 5; ++i) {
            const auto start = std::chrono::steady_clock::now();
            (void)staff_store_.arrived_count(session);
            times.push_back(
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                    .count());
        }
        return percentile(times, 0.5);
    }
    int sessions() const { return sessions_; }
    const Counts& counts() const { return counts_; }
    const std::vector<double>& latency_ms() const { return latency_ms_; }
    const std::vector<double>& worker_ms() const { return worker_ms_; }

private:
    app::WorkerResult scan(const std::string& text) {
        const auto start = std::chrono::steady_clock::now();
        worker_.submit(ui::SubmitScan{++scan_id_, text, CheckinMethod::Camera, {}});
        std::vector<app::WorkerResult> results;
        while (results.empty()) {
            std::unique_lock lock(mutex_);
            ready_.wait(lock, [&] { return woken_; });
            woken_ = false;
            lock.unlock();
            results = worker_.take_results();
        }
        latency_ms_.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                .count());
        worker_ms_.push_back(results.front().commit_ms);
        return results.front();
    }

    void undo() {
        const std::size_t at = random_() % in_.size();
        const int person = in_[at];
        in_.erase(in_.begin() + static_cast<std::ptrdiff_t>(at));
        std::int64_t now = 0;
        {
            std::lock_guard lock(mutex_);
            now = now_;
        }
        const auto answer = desk_.handle(
            ui::ActOnPerson{"p" + std::to_string(person), ui::PersonAction::Undo}, now);
        const auto* done =
            answer && answer->reply ? std::get_if<ui::ActionDone>(&*answer->reply) : nullptr;
        if ((done == nullptr || !done->ok) && problem_.empty()) problem_ = "an undo was refused";
        ++counts_.undone;
        undone_.push_back(person);
    }

    int sessions_;
    int people_;
    Event event_;
    std::mt19937 random_;
    std::mutex mutex_;  // woken_ and now_: the worker's thread reads the clock
    std::condition_variable ready_;
    bool woken_ = false;
    std::int64_t now_ = kNineAm;
    app::CheckinWorker worker_;
    EventStore staff_store_;
    app::StaffDesk desk_;
    std::vector<int> in_;      // checked in now
    std::vector<int> undone_;  // undone by staff, to scan again
    int next_ = 0;
    std::uint64_t scan_id_ = 0;
    Counts counts_;
    std::string problem_;
    std::vector<double> latency_ms_;  // submit → result in hand, per scan
    std::vector<double> worker_ms_;   // the worker's own: job start → committed
};

std::vector<double> slice(const std::vector<double>& values, bool last) {
    const std::size_t n = std::min(kWindow, values.size());
    return last ? std::vector<double>(values.end() - static_cast<std::ptrdiff_t>(n), values.end())
                : std::vector<double>(values.begin(),
                                      values.begin() + static_cast<std::ptrdiff_t>(n));
}

}  // namespace
}  // namespace uketsuke

int main(int argc, char** argv) {
    std::size_t scans = 20000;
    unsigned seed = 14;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string option = argv[i];
        if (option == "--scans") {
            scans = std::stoul(argv[i + 1]);
        } else if (option == "--seed") {
            seed = static_cast<unsigned>(std::stoul(argv[i + 1]));
        } else {
            std::fprintf(stderr, "usage: kiosk_soak [--scans N] [--seed S]\n");
            return 2;
        }
    }
    using namespace uketsuke;
    // Both doors in one run, a scan at each in turn: whatever else the machine does then falls
    // on both alike, so the two p99s compare.
    testing::TempDir one_dir;
    testing::TempDir six_dir;
    const int people = static_cast<int>(scans * 8 / 10) + 10;
    std::fprintf(stderr, "kiosk_soak: two events of %d people, %zu scans at each...\n", people,
                 scans);
    std::vector<std::unique_ptr<Door>> doors;
    doors.push_back(std::make_unique<Door>(one_dir.path(), people, 1, seed));
    doors.push_back(std::make_unique<Door>(six_dir.path(), people, 6, seed));
    const double rss_start = resident_mb();
    double rss_warm = rss_start;
    std::size_t reported = 0;  // scans at each door when progress was last said
    double count_warm_ms[2] = {0, 0};
    while (doors[0]->latency_ms().size() < scans || doors[1]->latency_ms().size() < scans) {
        for (auto& door : doors) {
            if (door->latency_ms().size() < scans) door->next();
        }
        const std::size_t done = doors[0]->latency_ms().size();
        if (done == doors[1]->latency_ms().size() && done % kWindow == 0 && done > reported) {
            reported = done;
            if (done == kWindow) {
                rss_warm = resident_mb();
                for (std::size_t d = 0; d < doors.size(); ++d)
                    count_warm_ms[d] = doors[d]->live_count_ms();
            }
            // Progress, and the drift as it happens: the p99 of the last 2,000 at each door.
            std::fprintf(stderr,
                         "kiosk_soak: %zu scans at each door, p99 of the last %zu: %.2f / %.2f ms, "
                         "RSS %.1f MB\n",
                         done, kWindow, percentile(slice(doors[0]->latency_ms(), true), 0.99),
                         percentile(slice(doors[1]->latency_ms(), true), 0.99), resident_mb());
        }
    }
    const double rss_end = resident_mb();

    std::printf(
        "sessions  scans  checked-in  again  unknown  undone | p50 ms  p99 first 2k  "
        "p99 last 2k  p99 run  p99 worker | live count ms after 2k  end\n");
    bool right = true;
    for (std::size_t d = 0; d < doors.size(); ++d) {
        const auto& door = doors[d];
        const Counts& c = door->counts();
        const auto& latency = door->latency_ms();
        std::printf(
            "%8d  %5zu  %10d  %5d  %7d  %6d | %6.2f  %12.2f  %11.2f  %7.2f  %10.2f | "
            "%21.2f  %4.2f\n",
            door->sessions(), latency.size(), c.checked_in, c.again, c.unknown, c.undone,
            percentile(latency, 0.5), percentile(slice(latency, false), 0.99),
            percentile(slice(latency, true), 0.99), percentile(latency, 0.99),
            percentile(door->worker_ms(), 0.99), count_warm_ms[d], door->live_count_ms());
        if (const std::string problem = door->problem(); !problem.empty()) {
            std::fprintf(stderr, "kiosk_soak: %d session(s): %s\n", door->sessions(),
                         problem.c_str());
            right = false;
        }
    }
    const double one = percentile(doors[0]->latency_ms(), 0.99);
    const double six = percentile(doors[1]->latency_ms(), 0.99);
    std::printf("p99 scan -> committed over the run: six sessions %+.1f %% against one\n",
                one > 0 ? (six / one - 1) * 100 : 0.0);
    std::printf(
        "RSS (both kiosks, one process): %.1f MB before the first scan, %.1f MB after "
        "%zu at each, %.1f MB at the end: %+.1f MB over the run, %+.1f MB after the "
        "first %zu\n",
        rss_start, rss_warm, kWindow, rss_end, rss_end - rss_start, rss_end - rss_warm, kWindow);
    return right ? 0 : 1;
}
