// Leaving on the real kiosk window under Xvfb (--script scans and taps): a kiosk at the exit
// (kiosk.mode = "leave") records a leave for someone checked in and says goodbye, and records
// nothing for someone who is not; a kiosk in check-in mode offers 退出する on "already checked
// in" and records the leave when it is tapped. The demo event's session, made to record leaving.

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "app/e2e_support.hpp"
#include "kiosk/core/checkin/checkin.hpp"
#include "kiosk/core/store/event_store.hpp"
#include "kiosk/core/tickets/ticket_issuer.hpp"
#include "support/run_command.hpp"
#include "support/temp_dir.hpp"

namespace uketsuke {
namespace {

using testing::TempDir;

class KioskLeave : public ::testing::Test {
protected:
    TempDir dir;
    std::string event_path;
    Participant in;   // checked in by the demo's arrivals
    Participant out;  // not checked in
    std::string in_ticket;
    std::string out_ticket;

    void SetUp() override {
        if (!testing::have_xvfb()) {
            if (const char* ci = std::getenv("CI"); ci != nullptr && std::string(ci) == "true") {
                FAIL() << "Xvfb is missing (install xvfb: tools/setup.sh does)";
            }
            GTEST_SKIP() << "Xvfb is not installed";
        }
        const auto made = testing::run_command(
            {UKETSUKE_BIN, "demo", (dir / "demo").string(), "--arrivals", "18"});
        ASSERT_EQ(made.exit_code, 0) << made.err;
        event_path = (dir / "demo" / "event.db").string();
        std::filesystem::create_directories(dir / "shots");
        EventStore store = EventStore::open(event_path);
        const std::vector<Session> sessions = store.sessions();
        ASSERT_FALSE(sessions.empty());
        // The session the kiosk takes now (the demo's day 2), made to record leaving.
        const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
        const std::optional<Session> open = kiosk_session(store, now);
        ASSERT_TRUE(open) << "the demo has a session open now";
        const std::string current = open->id;
        const auto set = testing::run_command(
            {UKETSUKE_BIN, "--event", event_path, "sessions", "set", current, "--leave", "yes"});
        ASSERT_EQ(set.exit_code, 0) << set.err;
        auto key = load_secret_key(store, secret_key_path_for(event_path));
        ASSERT_TRUE(key) << key.error;
        for (const auto& p : store.participants()) {
            if (p.role != Role::Participant) continue;
            const bool arrived = fold_attendance(store.checkins_of(p.id, current)).checked_in;
            if (arrived && in.id.empty()) in = p;
            if (!arrived && out.id.empty()) out = p;
        }
        ASSERT_FALSE(in.id.empty());
        ASSERT_FALSE(out.id.empty());
        in_ticket = ticket_for(store, *key.key, in);
        out_ticket = ticket_for(store, *key.key, out);
        session_id = current;
    }

    testing::CommandOutput run_script(const std::string& script, const std::string& mode,
                                      const std::string& screen = "1280x800") {
        const auto path = dir / "leave.script";
        std::ofstream(path) << script;
        std::vector<std::string> argv = testing::xvfb_run(screen + "x24");
        argv.insert(
            argv.end(),
            {UKETSUKE_KIOSK_BIN, "--windowed", screen, "--set", "event=" + event_path, "--set",
             "camera.enabled=false", "--set", "kiosk.id=EXIT", "--set", "kiosk.mode=" + mode,
             "--events-out", (dir / "events.jsonl").string(), "--screenshot-dir",
             (dir / "shots").string(), "--script", path.string(), "--exit-after", "90"});
        return testing::run_command(argv, testing::kiosk_environment());
    }

    std::vector<std::string> screens() {
        std::vector<std::string> names;
        for (const auto& e : testing::read_events(dir / "events.jsonl")) {
            if (e["type"] == "screen") names.push_back(e["screen"]);
        }
        return names;
    }

    void expect_pictures(int at_least) {
        int pictures = 0;
        for (const auto& entry : std::filesystem::directory_iterator(dir / "shots")) {
            const testing::Luminance l = testing::luminance_of(entry.path());
            EXPECT_GT(l.deviation, 10.0) << entry.path();
            ++pictures;
        }
        EXPECT_GE(pictures, at_least);
    }

    std::string session_id;
};

TEST_F(KioskLeave, AtTheExitALeaveIsRecordedAndSomeoneNotInIsToldSo) {
    const auto output =
        run_script("wait 1\nshot leave-attract\nscan " + in_ticket +
                       "\nwait 1.5\nshot leave-goodbye\ntap 閉じる\nwait 0.5\nscan " + out_ticket +
                       "\nwait 1.5\nshot leave-not-checked-in\nexit\n",
                   "leave");
    ASSERT_EQ(output.exit_code, 0) << output.err;
    const auto shown = screens();
    const std::set<std::string> seen(shown.begin(), shown.end());
    EXPECT_TRUE(seen.contains("goodbye"));
    EXPECT_TRUE(seen.contains("problem.not_checked_in"));
    EXPECT_FALSE(seen.contains("welcome"));

    EventStore store = EventStore::open(event_path, true);
    const Attendance left = fold_attendance(store.checkins_of(in.id, session_id));
    ASSERT_TRUE(left.left);
    EXPECT_EQ(left.left->kiosk, "EXIT");
    EXPECT_TRUE(store.checkins_of(out.id, session_id).empty()) << "nothing recorded";
    expect_pictures(3);
}

TEST_F(KioskLeave, AnUnknownModeStopsTheKioskNamingTheKey) {
    const auto output = run_script("exit\n", "exit");
    EXPECT_EQ(output.exit_code, 2);
    EXPECT_NE(output.err.find("kiosk.mode"), std::string::npos) << output.err;
    EXPECT_NE(output.err.find("checkin, leave"), std::string::npos) << output.err;
}

TEST_F(KioskLeave, TheLeavingButtonOnAlreadyCheckedInRecordsALeave) {
    const auto output = run_script("wait 1\nscan " + in_ticket +
                                       "\nwait 1.5\nshot already-leave-button\ntap 退出する / "
                                       "Leaving\nwait 1.5\nshot already-goodbye\nexit\n",
                                   "checkin");
    ASSERT_EQ(output.exit_code, 0) << output.err;
    const auto shown = screens();
    const std::set<std::string> seen(shown.begin(), shown.end());
    EXPECT_TRUE(seen.contains("already_checked_in"));
    EXPECT_TRUE(seen.contains("goodbye"));
    EventStore store = EventStore::open(event_path, true);
    const Attendance left = fold_attendance(store.checkins_of(in.id, session_id));
    ASSERT_TRUE(left.left);
    EXPECT_EQ(left.left->method, CheckinMethod::Manual);
    expect_pictures(2);
}

}  // namespace
}  // namespace uketsuke
