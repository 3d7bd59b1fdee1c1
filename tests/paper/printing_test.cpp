// Printing through CUPS, against a real cupsd started from a temporary folder
// (cups_server.sh): jobs arrive in the queue's capture folder and their pages are read back; a
// stopped or rejecting queue, a missing printer and a CUPS that is not running are refused at
// once with what to do. Without cupsd the tests skip, except on CI (CI=true), where they fail.

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <regex>
#include <thread>

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

}  // namespace
}  // namespace uketsuke::testing::paper
