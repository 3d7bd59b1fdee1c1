// Printing through CUPS, against a real cupsd started from a temporary folder
// (cups_server.sh): jobs arrive in the queue's capture folder and their pages are read back; a
// stopped or rejecting queue, a missing printer and a CUPS that is not running are refused at
// once with what to do. Without cupsd the tests skip, except on CI (CI=true), where they fail.

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <regex>
#include <set>
#include <thread>

#include "kiosk/core/store/print_log.hpp"
#ifdef UKETSUKE_HAVE_APP
#include "kiosk/app/checkin_worker.hpp"
#include "kiosk/app/print_worker.hpp"
#endif
#include "paper/paper_fixtures.hpp"
#include "support/run_command.hpp"
#include "support/temp_dir.hpp"

namespace uketsuke::testing::paper {
namespace {

const std::string kScript = std::string(UKETSUKE_SOURCE_DIR) + "/tests/paper/cups_server.sh";

class PrintingTest : public ::testing::Test {
protected:
    static inline std::string server_dir;
    static inline std::string skip_reason;
    static inline std::unique_ptr<TempDir> event_dir;

    static void SetUpTestSuite() {
        if (!std::filesystem::exists("/usr/sbin/cupsd") ||
            !std::filesystem::exists("/usr/sbin/lpadmin")) {
            skip_reason = "CUPS is not installed (apt-get install cups-daemon cups-client)";
            return;
        }
        const CommandOutput started = run_command({"/bin/bash", kScript, "start"});
        std::smatch match;
        static const std::regex dir(R"(dir=(\S+))");
        if (started.exit_code != 0 || !std::regex_search(started.out, match, dir)) {
            skip_reason = "could not start cupsd: " + started.out + started.err;
            return;
        }
        server_dir = match[1];
        event_dir = std::make_unique<TempDir>();
        const CommandOutput demo = uketsuke({"demo", event_dir->path().string()});
        if (demo.exit_code != 0) skip_reason = "uketsuke demo failed: " + demo.err;
    }
    static void TearDownTestSuite() {
        if (!server_dir.empty()) (void)run_command({"/bin/bash", kScript, "stop", server_dir});
        server_dir.clear();
        event_dir.reset();
    }

    void SetUp() override {
        if (!skip_reason.empty()) {
            const char* ci = std::getenv("CI");
            if (ci && std::string(ci) == "true") FAIL() << skip_reason;
            GTEST_SKIP() << skip_reason;
        }
    }

    static std::string socket() { return server_dir + "/cups.sock"; }

    // A queue whose jobs land in a folder of their own; gives that folder.
    static std::filesystem::path add_queue(const std::string& name) {
        const std::filesystem::path out = std::filesystem::path(server_dir) / ("out-" + name);
        std::filesystem::create_directories(out);
        const CommandOutput added = run_command({"/usr/sbin/lpadmin", "-h", socket(), "-p", name,
                                                 "-v", "capture:" + out.string(), "-E"});
        EXPECT_EQ(added.exit_code, 0) << added.out << added.err;
        return out;
    }

    static CommandOutput tags(std::vector<std::string> arguments,
                              const std::string& server = socket()) {
        arguments.insert(arguments.begin(),
                         {"--event", (event_dir->path() / "event.db").string(), "tags"});
        return uketsuke(arguments, {"CUPS_SERVER=" + server});
    }
};

int job_of(const std::string& out) {
    std::smatch match;
    static const std::regex job(R"(as job (\d+))");
    return std::regex_search(out, match, job) ? std::stoi(match[1]) : 0;
}

// The job's document once the capture backend has written it (cupsd runs jobs in the background).
std::filesystem::path wait_for_job(const std::filesystem::path& out, int job) {
    const auto file = out / ("job-" + std::to_string(job) + ".pdf");
    for (int i = 0; i < 300 && !std::filesystem::exists(file); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    return file;
}

TEST_F(PrintingTest, TagsArriveAtTheQueueAndTheirPagesAreThere) {
    const auto out = add_queue("labels");
    const CommandOutput printed =
        tags({"--printer", "labels", "--layout", "ql-62x100", "--group", "A"});
    ASSERT_EQ(printed.exit_code, 0) << printed.out << printed.err;
    const int job = job_of(printed.out);
    ASSERT_GT(job, 0) << printed.out;
    const auto file = wait_for_job(out, job);
    ASSERT_TRUE(std::filesystem::exists(file)) << "job " << job << " never reached the backend";
    EXPECT_EQ(pdf_pages(file), 5) << "group A: five people, a label each";
    const std::string text = pdf_text(file);
    EXPECT_NE(text.find("佐藤"), std::string::npos) << text;  // 佐藤 健太, A's facilitator
    EXPECT_NE(text.find("ファシリテーター"), std::string::npos);

    // A second job is a second document: one A4 sheet of cards.
    const CommandOutput cards = tags({"--printer", "labels", "--group", "B"});
    ASSERT_EQ(cards.exit_code, 0) << cards.err;
    const auto second = wait_for_job(out, job_of(cards.out));
    ASSERT_TRUE(std::filesystem::exists(second));
    EXPECT_EQ(pdf_pages(second), 1);
}

TEST_F(PrintingTest, APrintedJobIsRecordedPerPersonWithItsJob) {
    const auto out = add_queue("recorded");
    const CommandOutput printed =
        tags({"--printer", "recorded", "--layout", "ql-62", "--group", "C", "--by", "田中"});
    ASSERT_EQ(printed.exit_code, 0) << printed.out << printed.err;
    const int job = job_of(printed.out);
    EventStore store = EventStore::open((event_dir->path() / "event.db").string());
    int rows = 0;
    for (const auto& row : print_log(store)) {
        if (row.printer != "recorded") continue;
        ++rows;
        EXPECT_EQ(row.job_id, job);
        EXPECT_EQ(row.layout, "ql-62");
        EXPECT_EQ(row.staff_name, "田中");
        EXPECT_TRUE(row.printed());
    }
    const auto file = wait_for_job(out, job);
    ASSERT_TRUE(std::filesystem::exists(file));
    EXPECT_GT(rows, 0);
    EXPECT_EQ(rows, pdf_pages(file)) << "a row a person, a label a person";
    // A refused job records nothing: nothing was printed.
    const auto before = print_log(store).size();
    EXPECT_EQ(tags({"--printer", "nowhere"}).exit_code, 1);
    EXPECT_EQ(print_log(store).size(), before);
}

TEST_F(PrintingTest, AStoppedQueueIsRefusedWithWhatToDo) {
    const auto out = add_queue("stopped");
    ASSERT_EQ(
        run_command({"/usr/sbin/cupsdisable", "-h", socket(), "-r", "out of labels", "stopped"})
            .exit_code,
        0);
    const auto started = std::chrono::steady_clock::now();
    const CommandOutput printed = tags({"--printer", "stopped"});
    EXPECT_EQ(printed.exit_code, 1);
    EXPECT_NE(printed.err.find("the printer \"stopped\" is stopped"), std::string::npos)
        << printed.err;
    EXPECT_NE(printed.err.find("out of labels"), std::string::npos) << printed.err;
    EXPECT_NE(printed.err.find("cupsenable stopped"), std::string::npos) << printed.err;
    // Refused, not queued to wait: nothing arrives once the queue is started again.
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(20)) << "no hang";
    const CommandOutput jobs = run_command({"/usr/bin/lpstat", "-h", socket(), "-o", "stopped"});
    EXPECT_EQ(jobs.out, "") << "no job waits in the stopped queue";
    EXPECT_TRUE(std::filesystem::is_empty(out));
}

TEST_F(PrintingTest, ARejectingQueueIsRefused) {
    add_queue("closed");
    ASSERT_EQ(run_command({"/usr/sbin/cupsreject", "-h", socket(), "closed"}).exit_code, 0);
    const CommandOutput printed = tags({"--printer", "closed", "--layout", "ql-62"});
    EXPECT_EQ(printed.exit_code, 1);
    EXPECT_NE(printed.err.find("is rejecting jobs"), std::string::npos) << printed.err;
    EXPECT_NE(printed.err.find("cupsaccept closed"), std::string::npos) << printed.err;
}

TEST_F(PrintingTest, AMissingPrinterIsNamed) {
    const CommandOutput printed = tags({"--printer", "nowhere"});
    EXPECT_EQ(printed.exit_code, 1);
    EXPECT_NE(printed.err.find("there is no printer \"nowhere\" in CUPS at " + socket()),
              std::string::npos)
        << printed.err;
    EXPECT_NE(printed.err.find("lpstat -p"), std::string::npos);
}

TEST_F(PrintingTest, ACupsThatIsNotRunningIsSaidAtOnce) {
    const std::string nothing = server_dir + "/no-such.sock";
    const auto started = std::chrono::steady_clock::now();
    const CommandOutput printed = tags({"--printer", "labels"}, nothing);
    EXPECT_EQ(printed.exit_code, 1);
    EXPECT_NE(printed.err.find("CUPS is not running or cannot be reached at " + nothing),
              std::string::npos)
        << printed.err;
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(20)) << "no hang";
}

#ifdef UKETSUKE_HAVE_APP
// The kiosk's print worker (kiosk/app/print_worker.hpp) against the same cupsd: on a thread of its
// own, as at the kiosk, with its own connection to the event file.
class PrintWorkerTest : public PrintingTest {
protected:
    void SetUp() override {
        PrintingTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        // libcups reads CUPS_SERVER on each new thread: the worker's finds this cupsd.
        setenv("CUPS_SERVER", socket().c_str(), 1);
        // People with no printed tag yet (the `tags --printer` tests above printed some).
        EventStore store = EventStore::open(event_path());
        const std::set<std::string> printed = people_with_printed_tag(store);
        for (const auto& person : store.participants()) {
            if (person.status == RegistrationStatus::Registered && !printed.contains(person.id))
                people.push_back(person);
        }
        ASSERT_GE(people.size(), 3u);
    }
    void TearDown() override { unsetenv("CUPS_SERVER"); }

    static std::string event_path() { return (event_dir->path() / "event.db").string(); }

    std::unique_ptr<app::PrintWorker> worker(const std::string& printer, bool once = false) {
        app::PrintSettings settings;
        settings.printer = printer;
        settings.layout = "ql-62";
        settings.once = once;
        settings.kiosk_id = "K9";
        return std::make_unique<app::PrintWorker>(event_path(), settings, [] {});
    }

    // The next result, or nullopt after 20 s: a hang fails the test, it does not stop the run.
    static std::optional<app::PrintResult> next(app::PrintWorker& worker) {
        for (int i = 0; i < 400; ++i) {
            auto results = worker.take_results();
            if (!results.empty()) return results.front();
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        return std::nullopt;
    }

    // The rows this kiosk wrote for the person.
    static std::vector<PrintLogEntry> rows_of(const std::string& participant) {
        EventStore store = EventStore::open(event_path());
        std::vector<PrintLogEntry> rows;
        for (auto& row : print_log_of(store, participant)) {
            if (row.kiosk == "K9") rows.push_back(std::move(row));
        }
        return rows;
    }

    std::vector<Participant> people;
};

TEST_F(PrintWorkerTest, ATagPrintedAtCheckinArrivesAndIsLogged) {
    const auto out = add_queue("kiosk-labels");
    auto printing = worker("kiosk-labels");
    const Participant& person = people[0];
    printing->submit({app::PrintJob::Kind::Tag, person.id, kPrintOnCheckin});
    const auto result = next(*printing);
    ASSERT_TRUE(result) << "no answer from the print worker";
    ASSERT_TRUE(result->printed) << result->error;
    ASSERT_GT(result->job_id, 0);
    EXPECT_TRUE(result->printer_ok);
    const auto file = wait_for_job(out, result->job_id);
    ASSERT_TRUE(std::filesystem::exists(file)) << "job " << result->job_id << " never arrived";
    EXPECT_EQ(pdf_pages(file), 1);
    std::string family = person.name.substr(0, person.name.find(' '));
    EXPECT_NE(pdf_text(file).find(family), std::string::npos) << pdf_text(file);
    const auto rows = rows_of(person.id);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].job_id, result->job_id);
    EXPECT_EQ(rows[0].printer, "kiosk-labels");
    EXPECT_EQ(rows[0].layout, "ql-62");
    EXPECT_EQ(rows[0].reason, "checkin");
    EXPECT_EQ(rows[0].kiosk, "K9");
    EXPECT_TRUE(rows[0].printed());
}

// A session with a seating of its own seats people elsewhere: the tag says what the welcome said.
TEST_F(PrintWorkerTest, ATagAtCheckinNamesTheSeatTheWelcomeShowed) {
    const auto out = add_queue("kiosk-seat");
    auto printing = worker("kiosk-seat");
    const Participant& person = people[2];
    // The session seats them in another of the event's groups, at a table of its own.
    std::string other;
    for (const auto& group : EventStore::open(event_path()).groups()) {
        if (group.id != person.group_id) other = group.name;
    }
    ASSERT_FALSE(other.empty());
    app::PrintJob job{app::PrintJob::Kind::Tag, person.id, kPrintOnCheckin};
    job.seat = app::TagSeat{other, "T-77"};
    printing->submit(job);
    const auto result = next(*printing);
    ASSERT_TRUE(result) << "no answer from the print worker";
    ASSERT_TRUE(result->printed) << result->error;
    const auto file = wait_for_job(out, result->job_id);
    ASSERT_TRUE(std::filesystem::exists(file)) << "job " << result->job_id << " never arrived";
    const std::string text = pdf_text(file);
    EXPECT_NE(text.find("T-77"), std::string::npos) << text;
    EXPECT_NE(text.find(other), std::string::npos) << text;
}

TEST_F(PrintWorkerTest, OncePrintsNoSecondTagButAReprintDoes) {
    add_queue("kiosk-once");
    auto printing = worker("kiosk-once", /*once=*/true);
    const Participant& person = people[1];
    printing->submit({app::PrintJob::Kind::Tag, person.id, kPrintOnCheckin});
    const auto first = next(*printing);
    ASSERT_TRUE(first && first->printed) << (first ? first->error : "no answer");
    printing->submit({app::PrintJob::Kind::Tag, person.id, kPrintOnCheckin});
    const auto second = next(*printing);
    ASSERT_TRUE(second);
    EXPECT_TRUE(second->skipped);
    EXPECT_FALSE(second->printed);
    printing->submit({app::PrintJob::Kind::Tag, person.id, kPrintReprint, "st1", "佐藤"});
    const auto reprint = next(*printing);
    ASSERT_TRUE(reprint && reprint->printed) << (reprint ? reprint->error : "no answer");
    const auto rows = rows_of(person.id);
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[1].reason, "reprint");
    EXPECT_EQ(rows[1].staff_name, "佐藤");
    printing->submit({app::PrintJob::Kind::PrintedPeople});
    const auto known = next(*printing);
    ASSERT_TRUE(known && known->printed_people);
    EXPECT_TRUE(known->printed_people->contains(person.id));
}

// Out of labels: the queue stopped with its reason. Said at once, logged, and check-ins go on.
TEST_F(PrintWorkerTest, AStoppedQueueGivesItsReasonAndCheckinsGoOn) {
    add_queue("kiosk-stopped");
    ASSERT_EQ(
        run_command({"/usr/sbin/cupsdisable", "-h", socket(), "-r", "media-empty", "kiosk-stopped"})
            .exit_code,
        0);
    auto printing = worker("kiosk-stopped");
    printing->submit({app::PrintJob::Kind::Status});
    const auto status = next(*printing);
    ASSERT_TRUE(status) << "no answer: a hang";
    EXPECT_FALSE(status->printer_ok);
    EXPECT_NE(status->printer_problem.find("is stopped"), std::string::npos)
        << status->printer_problem;
    EXPECT_NE(status->printer_problem.find("media-empty"), std::string::npos)
        << status->printer_problem;

    const Participant& person = people[2];
    app::CheckinWorker checkins(event_path(), "K9", "", [] {});
    printing->submit({app::PrintJob::Kind::Tag, person.id, kPrintOnCheckin});
    checkins.submit(ui::SubmitScan{1, "C-NONE", CheckinMethod::Camera, {}});
    bool answered = false;
    for (int i = 0; i < 400 && !answered; ++i) {
        for (const auto& result : checkins.take_results()) answered = answered || result.scan;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_TRUE(answered) << "the check-in worker answers whatever the printer does";
    const auto tag = next(*printing);
    ASSERT_TRUE(tag) << "no answer: a hang";
    EXPECT_FALSE(tag->printed);
    EXPECT_FALSE(tag->printer_ok);
    EXPECT_NE(tag->error.find("is stopped"), std::string::npos) << tag->error;
    const auto rows = rows_of(person.id);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_FALSE(rows[0].printed());
    EXPECT_EQ(rows[0].error, tag->error);
}

TEST_F(PrintWorkerTest, AMissingPrinterIsSaidAndNothingHangs) {
    auto printing = worker("not-here");
    const auto started = std::chrono::steady_clock::now();
    printing->submit({app::PrintJob::Kind::Status});
    const auto status = next(*printing);
    ASSERT_TRUE(status) << "no answer: a hang";
    EXPECT_FALSE(status->printer_ok);
    EXPECT_NE(status->printer_problem.find("there is no printer \"not-here\""), std::string::npos)
        << status->printer_problem;
    printing->submit({app::PrintJob::Kind::Tag, people[0].id, kPrintOnCheckin});
    const auto tag = next(*printing);
    ASSERT_TRUE(tag);
    EXPECT_FALSE(tag->printed);
    EXPECT_NE(tag->error.find("not-here"), std::string::npos) << tag->error;
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(20));
}
#endif

}  // namespace
}  // namespace uketsuke::testing::paper
