// The real uketsuke-kiosk under its own Xvfb: a folder of 1280×720 frames holding
// tickets the test issued (turned, blurred, faint, small, large, two at once, none),
// then the events log, the database and the screenshots are checked.

#include <gtest/gtest.h>
#include <stb_image.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "app/e2e_support.hpp"
#include "kiosk/core/checkin/report.hpp"
#include "kiosk/core/groups/floor_map.hpp"
#include "kiosk/core/store/event_store.hpp"
#include "kiosk/core/sync/hub.hpp"
#include "kiosk/core/tickets/ticket_issuer.hpp"
#include "platform/test_frames.hpp"
#include "support/pg_cluster.hpp"
#include "support/run_command.hpp"
#include "support/temp_dir.hpp"

namespace uketsuke {
namespace {

using platform::GrayFrame;
using platform::testing::background;
using platform::testing::box_blur;
using platform::testing::paste_code;
using platform::testing::Placement;
using testing::have_xvfb;
using testing::kiosk_environment;
using testing::Luminance;
using testing::luminance_of;
using testing::read_events;
using testing::TempDir;
using testing::with_xvfb;

class KioskEndToEnd : public ::testing::Test {
protected:
    TempDir dir;
    std::string event_path = (dir / "event.db").string();
    std::map<std::string, std::string> tickets;  // participant → payload

    void SetUp() override {
        if (!have_xvfb()) {
            if (const char* ci = std::getenv("CI"); ci != nullptr && std::string(ci) == "true") {
                FAIL() << "Xvfb is missing (install xvfb: tools/setup.sh does)";
            }
            GTEST_SKIP() << "Xvfb is not installed";
        }
        EventStore store = EventStore::create(
            event_path, EventInfo{to_hex(random_event_id()), "E2E ワークショップ", "2026-11-30",
                                  "Hall", "Asia/Tokyo"});
        ASSERT_EQ(create_event_keys(store, secret_key_path_for(event_path), 0), "");
        Group group{"g1", "A", "7", 0, "進行 太郎", 0.3, 0.6};
        store.upsert_group(group, 0);
        const char* names[] = {"山田 花子", "鈴木 一郎",    "高橋 美咲", "田中 翔",   "伊藤 由美",
                               "渡辺 誠",   "Alice Martin", "中村 恵",   "小林 拓也", "加藤 直子"};
        for (int i = 0; i < 10; ++i) {
            Participant p;
            p.id = "P" + std::to_string(i + 1);
            p.name = names[i];
            p.reading = "よみ";
            p.organization = i % 2 == 0 ? "青葉市" : "港南市";
            p.group_id = "g1";
            if (i == 9) p.status = RegistrationStatus::Cancelled;
            store.upsert_participant(p, i);
        }
        // A floor plan so the welcome screen can light table 7.
        std::vector<unsigned char> plan(400 * 300 * 3, 235);
        for (int x = 0; x < 400; ++x) plan[static_cast<std::size_t>(150 * 400 + x) * 3] = 40;
        std::string png;
        stbi_write_png_to_func(
            [](void* context, void* data, int size) {
                static_cast<std::string*>(context)->append(static_cast<const char*>(data),
                                                           static_cast<std::size_t>(size));
            },
            &png, 400, 300, 3, plan.data(), 400 * 3);
        ASSERT_TRUE(attach_floor_map(store, png, "plan.png"));
        auto key = load_secret_key(store, secret_key_path_for(event_path));
        ASSERT_TRUE(key) << key.error;
        for (const auto& person : store.participants())
            tickets[person.id] = ticket_for(store, *key.key, person);
    }

    std::filesystem::path write_frames(
        const std::vector<std::vector<std::pair<std::string, Placement>>>& shots,
        std::vector<int> blur = {}) {
        const auto frames = dir / "frames";
        std::filesystem::create_directories(frames);
        int index = 0;
        auto emit = [&](const GrayFrame& frame) {
            char name[32];
            std::snprintf(name, sizeof name, "f%04d.png", index++);
            EXPECT_TRUE(platform::testing::write_png(frames / name, frame));
        };
        for (std::size_t i = 0; i < shots.size(); ++i) {
            GrayFrame frame = background(1280, 720, static_cast<unsigned>(i + 1));
            for (const auto& [text, placement] : shots[i])
                EXPECT_TRUE(paste_code(frame, text, placement));
            if (i < blur.size() && blur[i] > 0) box_blur(frame, blur[i]);
            // Each ticket is held up for two frames between empty ones, like a person would.
            for (int k = 0; k < 2; ++k) emit(frame);
            for (int k = 0; k < 3; ++k)
                emit(background(1280, 720, static_cast<unsigned>(100 + i * 3 + k)));
        }
        return frames;
    }

    testing::CommandOutput run_kiosk(const std::filesystem::path& frames,
                                     const std::vector<std::string>& extra = {},
                                     const std::string& events = "events.jsonl") {
        std::filesystem::create_directories(dir / "shots");
        std::vector<std::string> argv = testing::xvfb_run();
        argv.insert(argv.end(), {UKETSUKE_KIOSK_BIN,
                                 "--windowed",
                                 "1280x720",
                                 "--set",
                                 "event=" + event_path,
                                 "--set",
                                 "camera.frames=" + frames.string(),
                                 "--set",
                                 "camera.frames_fps=6",
                                 "--set",
                                 "camera.frames_loop=false",
                                 "--set",
                                 "timeouts.welcome_seconds=2",
                                 "--set",
                                 "timeouts.problem_seconds=2",
                                 "--set",
                                 "kiosk.id=E2E",
                                 "--events-out",
                                 (dir / events).string(),
                                 "--screenshot-dir",
                                 (dir / "shots").string(),
                                 "--exit-when-idle",
                                 "3",
                                 "--exit-after",
                                 "120"});
        argv.insert(argv.end(), extra.begin(), extra.end());
        return testing::run_command(argv, kiosk_environment());
    }
};

TEST_F(KioskEndToEnd, ChecksInTicketsFromCameraFramesAndShowsEveryScreen) {
    auto at = [](double degrees, int module_pixels = 6) {
        Placement p;
        p.degrees = degrees;
        p.module_pixels = module_pixels;
        return p;
    };
    Placement faint = at(0);
    faint.dark = 110;
    faint.light = 165;
    Placement left = at(5, 5);
    left.center_x = 330;
    Placement right = at(-5, 5);
    right.center_x = 950;
    const auto frames = write_frames(
        {
            {{tickets["P1"], at(0)}},
            {{tickets["P2"], at(15)}},
            {{tickets["P3"], at(30)}},
            {{tickets["P4"], at(8)}},                         // blurred below
            {{tickets["P5"], faint}},                         // low contrast
            {{tickets["P6"], at(0, 3)}},                      // small
            {{tickets["P7"], at(0, 11)}},                     // large
            {{tickets["P8"], left}, {tickets["P9"], right}},  // two people at once
            {{tickets["P1"], at(3)}},                         // scanning again to find the table
            {{tickets["P10"], at(0)}},                        // cancelled
            {{"https://example.jp/welcome", at(0)}},
        },
        {0, 0, 0, 2});
    const auto output = run_kiosk(frames);
    ASSERT_EQ(output.exit_code, 0) << output.err;

    const auto events = read_events(dir / "events.jsonl");
    std::map<std::string, std::string> outcome_of;
    std::vector<std::string> screens;
    std::vector<std::string> not_tickets;
    bool ready = false;
    for (const auto& e : events) {
        if (e["type"] == "ready") {
            ready = true;
            // The Japanese font was found and its atlas built (not ImGui's ASCII fallback).
            EXPECT_GT(e.value("atlas_height", 0), 0);
            EXPECT_GT(e.value("glyph_text_bytes", 0), 100);
        }
        if (e["type"] == "screen") screens.push_back(e["screen"]);
        if (e["type"] == "result") {
            const std::string participant = e["participant"];
            if (participant.empty()) {
                not_tickets.push_back(e["outcome"]);
            } else if (!outcome_of.contains(participant)) {
                outcome_of[participant] = e["outcome"];
            } else {
                outcome_of[participant + "#again"] = e["outcome"];
            }
        }
    }
    EXPECT_TRUE(ready);
    for (const char* id : {"P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9"}) {
        EXPECT_EQ(outcome_of[id], "checked-in") << id;
    }
    EXPECT_EQ(outcome_of["P1#again"], "already-checked-in");
    EXPECT_EQ(outcome_of["P10"], "cancelled");
    EXPECT_EQ(not_tickets, std::vector<std::string>{"not-a-ticket"});
    const std::set<std::string> shown(screens.begin(), screens.end());
    for (const char* screen : {"attract", "welcome", "already_checked_in", "problem.cancelled",
                               "problem.not_a_ticket"}) {
        EXPECT_TRUE(shown.contains(screen)) << screen;
    }
    EXPECT_EQ(screens.back(), "attract");

    // What the screen confirmed is on disk, once per person.
    EventStore store = EventStore::open(event_path, true);
    const auto attendance = load_attendance(store);
    int checked_in = 0;
    for (const auto& [id, state] : attendance) checked_in += state.checked_in ? 1 : 0;
    EXPECT_EQ(checked_in, 9);
    EXPECT_EQ(store.checkins().size(), 9u);
    for (const auto& row : store.checkins()) {
        EXPECT_EQ(row.kiosk, "E2E");
        EXPECT_EQ(row.method, CheckinMethod::Camera);
    }

    // Every screenshot is a real picture, not a blank or black window.
    int pictures = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir / "shots")) {
        const Luminance l = luminance_of(entry.path());
        EXPECT_GT(l.deviation, 10.0) << entry.path();
        EXPECT_GT(l.mean, 30.0) << entry.path();
        ++pictures;
    }
    EXPECT_GE(pictures, 5);
}

TEST_F(KioskEndToEnd, EmptyFramesChangeNothing) {
    const auto frames = write_frames({{}, {}, {}});
    const auto output = run_kiosk(frames);
    ASSERT_EQ(output.exit_code, 0) << output.err;
    for (const auto& e : read_events(dir / "events.jsonl")) {
        EXPECT_NE(e["type"], "scan");
        EXPECT_NE(e["type"], "result");
    }
    EventStore store = EventStore::open(event_path, true);
    EXPECT_TRUE(store.checkins().empty());
    EXPECT_TRUE(store.rejected_scans().empty());
}

TEST_F(KioskEndToEnd, MissingEventFileIsAClearMessage) {
    const auto output = testing::run_command(
        with_xvfb({UKETSUKE_KIOSK_BIN, "--windowed", "640x480", "--set",
                   "event=" + (dir / "absent.db").string(), "--exit-after", "5"}),
        kiosk_environment());
    EXPECT_NE(output.exit_code, 0);
    EXPECT_NE(output.err.find("absent.db"), std::string::npos) << output.err;
}

TEST_F(KioskEndToEnd, BadConfigValuesAreNamedAndTheKioskStillStarts) {
    const auto config = dir / "kiosk.toml";
    std::ofstream(config) << "event = \"" << event_path
                          << "\"\n[display]\nlanguage = \"fr\"\n[sound]\nvolume = 7\n"
                          << "[camera]\nenabled = false\nbogus = 1\n";
    const auto output = testing::run_command(
        with_xvfb({UKETSUKE_KIOSK_BIN, "--config", config.string(), "--windowed", "640x480",
                   "--events-out", (dir / "events.jsonl").string(), "--exit-after", "3"}),
        kiosk_environment());
    EXPECT_EQ(output.exit_code, 0) << output.err;
    EXPECT_NE(output.err.find("kiosk.toml:3:12: \"display.language\" should be one of: ja, en"),
              std::string::npos)
        << output.err;
    EXPECT_NE(output.err.find("\"sound.volume\" should be a number from 0 to 1"), std::string::npos)
        << output.err;
    EXPECT_NE(output.err.find("unknown setting \"camera.bogus\""), std::string::npos) << output.err;
    bool ready = false;
    for (const auto& e : read_events(dir / "events.jsonl")) ready = ready || e["type"] == "ready";
    EXPECT_TRUE(ready);
}

// Two doors on one hub: a ticket used at door A shows as "already checked in" at door B.
TEST_F(KioskEndToEnd, ATicketUsedAtOneDoorIsAlreadyCheckedInAtTheOtherThroughTheHub) {
    testing::PgCluster cluster(std::filesystem::path(UKETSUKE_SOURCE_DIR) / "tools" /
                               "pg_cluster.sh");
    if (const std::string why = cluster.start(); !why.empty()) {
        if (const char* ci = std::getenv("CI"); ci != nullptr && std::string(ci) == "true")
            FAIL() << why;
        GTEST_SKIP() << why;
    }
    const std::string hub = cluster.new_database("doors");
    ASSERT_FALSE(hub.empty());
    ASSERT_TRUE(hub_init(hub));
    {
        EventStore organizer = EventStore::open(event_path);
        ASSERT_TRUE(hub_publish(organizer, hub));
        organizer.database().execute("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    const std::string door_b = (dir / "door-b.db").string();
    std::filesystem::copy_file(event_path, door_b);

    // Door A: P1 checks in. Empty frames first, so the first sync has happened.
    const auto frames = write_frames({{}, {}, {}, {{tickets["P1"], Placement{}}}});
    const auto at_a = run_kiosk(frames, {"--set", "hub=" + hub, "--set", "kiosk.id=A"}, "a.jsonl");
    ASSERT_EQ(at_a.exit_code, 0) << at_a.err;
    bool connected = false;
    for (const auto& e : read_events(dir / "a.jsonl")) {
        if (e["type"] == "sync" && e.contains("connected"))
            connected = connected || e["connected"].get<bool>();
    }
    EXPECT_TRUE(connected);

    // Door B, its own file: the same ticket is already in, at A.
    event_path = door_b;
    const auto at_b = run_kiosk(frames, {"--set", "hub=" + hub, "--set", "kiosk.id=B"}, "b.jsonl");
    ASSERT_EQ(at_b.exit_code, 0) << at_b.err;
    std::vector<std::string> outcomes;
    for (const auto& e : read_events(dir / "b.jsonl")) {
        if (e["type"] == "result") outcomes.push_back(e["outcome"]);
    }
    EXPECT_EQ(outcomes, std::vector<std::string>{"already-checked-in"});
    EventStore b = EventStore::open(door_b, true);
    const auto rows = b.checkins_of("P1");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].kiosk, "A");
}

}  // namespace
}  // namespace uketsuke
