// Staff mode on the real kiosk window under Xvfb, driven by tap scripts (--script): a
// supervisor's tour of every staff screen on the demo event, and door staff getting in with a
// staff ticket. Checks the events log, the event file's records (who, which kiosk, how) and
// that every screenshot is a real picture.

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "app/e2e_support.hpp"
#include "kiosk/core/demo/demo.hpp"
#include "kiosk/core/staff/attention.hpp"
#include "kiosk/core/staff/session_pin.hpp"
#include "kiosk/core/staff/staff.hpp"
#include "kiosk/core/store/event_store.hpp"
#include "kiosk/core/tickets/ticket_issuer.hpp"
#include "support/run_command.hpp"
#include "support/temp_dir.hpp"

namespace uketsuke {
namespace {

using testing::TempDir;

class KioskStaff : public ::testing::Test {
protected:
    TempDir dir;
    std::string event_path;

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
    }

    testing::CommandOutput run_script(const std::filesystem::path& script,
                                      const std::vector<std::string>& extra = {}) {
        std::vector<std::string> argv = testing::xvfb_run();
        argv.insert(argv.end(),
                    {UKETSUKE_KIOSK_BIN, "--windowed", "1280x720", "--set", "event=" + event_path,
                     "--set", "camera.enabled=false", "--set", "kiosk.id=E2E", "--events-out",
                     (dir / "events.jsonl").string(), "--screenshot-dir", (dir / "shots").string(),
                     "--script", script.string(), "--exit-after", "120"});
        argv.insert(argv.end(), extra.begin(), extra.end());
        return testing::run_command(argv, testing::kiosk_environment());
    }

    std::vector<std::string> screens() {
        std::vector<std::string> names;
        for (const auto& e : testing::read_events(dir / "events.jsonl")) {
            if (e["type"] == "screen") names.push_back(e["screen"]);
        }
        return names;
    }
};

TEST_F(KioskStaff, ASupervisorsTourOfEveryStaffScreenIsRecorded) {
    const auto output = run_script(std::filesystem::path(UKETSUKE_SOURCE_DIR) / "tests" / "app" /
                                   "staff_tour.script");
    ASSERT_EQ(output.exit_code, 0) << output.err;
    const auto shown = screens();
    const std::set<std::string> seen(shown.begin(), shown.end());
    for (const char* screen :
         {"staff.choose_staff", "staff.pin", "staff.search", "staff.person", "staff.walk_in",
          "staff.dashboard", "staff.rebalance", "staff.settings", "staff.closed"}) {
        EXPECT_TRUE(seen.contains(screen)) << screen;
    }

    EventStore store = EventStore::open(event_path, true);
    std::string chief_id;
    for (const auto& m : list_staff(store)) {
        if (m.role == StaffRole::Supervisor) chief_id = m.id;
    }
    ASSERT_FALSE(chief_id.empty());
    // 山田 花子: today's camera check-in undone and a manual one by the supervisor at this kiosk
    // (yesterday's, day 1 of the demo's meeting, is another session's and untouched).
    std::string yamada;
    for (const auto& p : store.participants()) {
        if (p.name == "山田 花子") yamada = p.id;
    }
    ASSERT_FALSE(yamada.empty());
    ASSERT_EQ(store.checkins_of(yamada, kDemoDayOne).size(), 1u);
    const auto rows = store.checkins_of(yamada, kDemoDayTwo);
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[1].kind, CheckinKind::Undo);
    EXPECT_EQ(rows[1].staff, chief_id);
    EXPECT_EQ(rows[2].kind, CheckinKind::CheckIn);
    EXPECT_EQ(rows[2].method, CheckinMethod::Manual);
    EXPECT_EQ(rows[2].staff, chief_id);
    EXPECT_EQ(rows[2].kiosk, "E2E");
    EXPECT_TRUE(fold_attendance(rows).checked_in);

    // The walk-in typed on the kana keyboard, their organization a button of the event's own:
    // registered, seated, checked in, logged.
    std::optional<Participant> walk_in;
    for (const auto& p : store.participants()) {
        if (p.source == "walk-in") walk_in = p;
    }
    ASSERT_TRUE(walk_in);
    EXPECT_EQ(walk_in->name, "たなか");
    EXPECT_EQ(walk_in->reading, "たなか");
    EXPECT_EQ(walk_in->organization, "青葉市") << "not a kana spelling beside the roster's";
    EXPECT_FALSE(walk_in->group_id.empty());
    EXPECT_TRUE(fold_attendance(store.checkins_of(walk_in->id)).checked_in);
    const auto log = store.person_log_of(walk_in->id);
    ASSERT_EQ(log.size(), 1u);
    EXPECT_EQ(log[0].action, "walk-in");
    EXPECT_EQ(log[0].staff, chief_id);
    EXPECT_EQ(log[0].kiosk, "E2E");

    int pictures = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir / "shots")) {
        const testing::Luminance l = testing::luminance_of(entry.path());
        EXPECT_GT(l.deviation, 10.0) << entry.path();
        EXPECT_GT(l.mean, 30.0) << entry.path();
        ++pictures;
    }
    EXPECT_GE(pictures, 10);
}

TEST_F(KioskStaff, DoorStaffGetInWithTheirTicketAndStaffModeClosesWhenIdle) {
    std::string ticket;
    {
        EventStore store = EventStore::open(event_path, true);
        StaffMember door;
        for (const auto& m : list_staff(store)) {
            if (m.role == StaffRole::Door) door = m;
        }
        auto key = load_secret_key(store, secret_key_path_for(event_path));
        ASSERT_TRUE(key) << key.error;
        ticket = staff_ticket_code(*key.key, *event_id_from_hex(store.event().id), door.id);
    }
    const auto script = dir / "door.script";
    std::ofstream(script)
        << "wait 1\nscan " << ticket
        << "\nwait 1\ntype 0000\ntap サインイン\nwait 1\nshot door-wrong-pin\n"
           "type 1111\ntap サインイン\nwait 1\ntype すずき\nwait 1\ntap result.0\nwait 1\n"
           "shot door-person\nwait 13\nshot door-idle\nexit\n";
    const auto output = run_script(script, {"--set", "staff.idle_seconds=10"});
    ASSERT_EQ(output.exit_code, 0) << output.err;
    const auto shown = screens();
    // Straight to the PIN pad: no list of names for a staff ticket.
    const auto pin = std::find(shown.begin(), shown.end(), "staff.pin");
    ASSERT_NE(pin, shown.end());
    EXPECT_EQ(std::find(shown.begin(), shown.end(), "staff.choose_staff"), shown.end());
    EXPECT_NE(std::find(pin, shown.end(), "staff.person"), shown.end());
    EXPECT_EQ(shown.back(), "staff.closed");  // by itself, after 10 s untouched
    bool refused = false, signed_in = false;
    for (const auto& e : testing::read_events(dir / "events.jsonl")) {
        if (e["type"] != "staff") continue;
        const std::string what = e["what"];
        refused = refused || what.find("PIN refused") != std::string::npos;
        signed_in = signed_in || what.find("signed in (door)") != std::string::npos;
        EXPECT_EQ(what.find("1111"), std::string::npos);  // no PIN in the log
    }
    EXPECT_TRUE(refused);
    EXPECT_TRUE(signed_in);
    // The staff ticket is nobody's attendance.
    EventStore store = EventStore::open(event_path, true);
    for (const auto& row : store.checkins()) EXPECT_NE(row.participant_id.rfind("staff:", 0), 0u);
}

// A supervisor pins day 1 on day 2 (tests/app/staff_sessions.script): on record with who and
// where, the attract screen names it; then corrects 山田 花子's day 1 to late on her card.
TEST_F(KioskStaff, ASupervisorPinsASessionAndCorrectsOneOnThePersonCard) {
    const auto output = run_script(std::filesystem::path(UKETSUKE_SOURCE_DIR) / "tests" / "app" /
                                   "staff_sessions.script");
    ASSERT_EQ(output.exit_code, 0) << output.err;
    EventStore store = EventStore::open(event_path, true);
    std::string chief_id;
    for (const auto& m : list_staff(store))
        if (m.role == StaffRole::Supervisor) chief_id = m.id;
    const auto pins = store.person_log_of("");
    ASSERT_EQ(pins.size(), 1u);
    EXPECT_EQ(pins[0].action, kPinSessionAction);
    EXPECT_EQ(pins[0].detail, kDemoDayOne);
    EXPECT_EQ(pins[0].staff, chief_id);
    EXPECT_EQ(pins[0].kiosk, "E2E");
    const auto pin = session_pin(store, "E2E", pins[0].wall_ms, store.event().time_zone);
    ASSERT_TRUE(pin);
    EXPECT_EQ(pin->session.id, kDemoDayOne);
    // The events log has the pin with the staff member, and the attract screen was shot with it.
    bool logged = false;
    for (const auto& e : testing::read_events(dir / "events.jsonl")) {
        if (e["type"] == "staff" &&
            e["what"].get<std::string>().find("pinned session " + std::string(kDemoDayOne)) !=
                std::string::npos)
            logged = true;
    }
    EXPECT_TRUE(logged);
    EXPECT_TRUE(std::filesystem::exists(dir / "shots" / "attract-pinned.png"));

    std::string yamada;
    for (const auto& p : store.participants())
        if (p.name == "山田 花子") yamada = p.id;
    const auto log = store.person_log_of(yamada);
    ASSERT_FALSE(log.empty());
    EXPECT_EQ(log.back().action, "session_correction");
    EXPECT_EQ(log.back().staff, chief_id);
    EXPECT_NE(log.back().detail.find("遅"), std::string::npos) << log.back().detail;
    // Day 1: her check-in undone and a late one by the supervisor, in that session only.
    const auto rows = store.checkins_of(yamada, kDemoDayOne);
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[1].kind, CheckinKind::Undo);
    EXPECT_EQ(rows[2].kind, CheckinKind::CheckIn);
    EXPECT_EQ(rows[2].staff, chief_id);
    const auto day_one = store.session(kDemoDayOne);
    ASSERT_TRUE(day_one);
    EXPECT_TRUE(fold_attendance(rows).checked_in);
}

// A flag for the door end to end: the organizer flags 松本 悠斗 with `uketsuke attention`; his
// scan's welcome asks him to see staff (logged, counted on the attract screen's staff line);
// door staff find him, read the flag and mark it seen to (logged with who); his next scan is a
// plain welcome and nothing is left waiting.
TEST_F(KioskStaff, AFlagForTheDoorIsShownUntilDoorStaffSeeToIt) {
    std::string matsumoto;
    std::string ticket;
    std::string staff_ticket;
    StaffMember door;
    {
        EventStore store = EventStore::open(event_path, true);
        for (const auto& p : store.participants())
            if (p.name == "松本 悠斗") matsumoto = p.id;
        for (const auto& m : list_staff(store))
            if (m.role == StaffRole::Door) door = m;
        auto key = load_secret_key(store, secret_key_path_for(event_path));
        ASSERT_TRUE(key) << key.error;
        staff_ticket = staff_ticket_code(*key.key, *event_id_from_hex(store.event().id), door.id);
    }
    ASSERT_FALSE(matsumoto.empty());
    std::ifstream csv(dir / "demo" / "tickets" / "tickets.csv");
    for (std::string line; std::getline(csv, line) && ticket.empty();) {
        if (line.rfind("松本 悠斗,", 0) != 0) continue;
        std::stringstream fields(line);
        for (int column = 0; column < 4; ++column) std::getline(fields, ticket, ',');
    }
    ASSERT_EQ(ticket.rfind("UK1:", 0), 0u);
    const auto flagged = testing::run_command({UKETSUKE_BIN, "--event", event_path, "attention",
                                               matsumoto, "来賓：控室へご案内ください"});
    ASSERT_EQ(flagged.exit_code, 0) << flagged.err;

    const auto script = dir / "attention.script";
    std::ofstream(script) << "wait 1\nscan " << ticket
                          << "\nwait 1.5\nshot attention-welcome\ntap close\nwait 1\n"
                             "shot attention-attract\nscan "
                          << staff_ticket
                          << "\nwait 1\ntype 1111\ntap サインイン\nwait 1\ntype まつもと\nwait 1\n"
                             "tap result.0\nwait 1\nshot attention-person\n"
                             "tap action.acknowledge\nwait 1\nshot attention-seen-to\n"
                             "tap close\nwait 1\nscan "
                          << ticket << "\nwait 1.5\nshot attention-again\nexit\n";
    const auto output = run_script(script);
    ASSERT_EQ(output.exit_code, 0) << output.err;

    std::vector<bool> asked_to_see_staff;
    std::vector<int> waiting;
    for (const auto& e : testing::read_events(dir / "events.jsonl")) {
        if (e["type"] == "result" && e.value("participant", "") == matsumoto)
            asked_to_see_staff.push_back(e.value("see_staff", false));
        if (e["type"] == "attention") waiting.push_back(e["waiting"].get<int>());
    }
    EXPECT_EQ(asked_to_see_staff, (std::vector<bool>{true, false}));
    EXPECT_EQ(waiting, (std::vector<int>{1, 0})) << "the attract screen's count of flags";
    const auto shown = screens();
    EXPECT_NE(std::find(shown.begin(), shown.end(), "staff.person"), shown.end());

    EventStore store = EventStore::open(event_path, true);
    const auto flag = attention_of(store, matsumoto);
    ASSERT_TRUE(flag);
    EXPECT_EQ(flag->text, "来賓：控室へご案内ください");
    EXPECT_TRUE(flag->acknowledged);
    EXPECT_EQ(flag->acknowledged_by_id, door.id);
    EXPECT_EQ(pending_attention_count(store), 0);
    const auto log = store.person_log_of(matsumoto);
    ASSERT_FALSE(log.empty());
    EXPECT_EQ(log.back().action, "attention_ack");
    EXPECT_EQ(log.back().kiosk, "E2E");
    for (const char* shot : {"attention-welcome", "attention-person", "attention-again"}) {
        const auto path = dir / "shots" / (std::string(shot) + ".png");
        ASSERT_TRUE(std::filesystem::exists(path)) << path;
        EXPECT_GT(testing::luminance_of(path).deviation, 10.0) << path;
    }
}

}  // namespace
}  // namespace uketsuke
