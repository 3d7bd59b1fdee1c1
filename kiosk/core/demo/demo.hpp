#pragma once
// A realistic synthetic event for demos and tests: a workshop series of 30 registrants
// from 8 municipalities and one ministry, six discussion groups with a facilitator each,
// two cancellations. Its sessions are the two days of a meeting, yesterday (held: most came,
// a few late or leaving early, three missed it) and today (open at any hour the demo starts),
// and a make-up day in two weeks for day 1. Names are invented.

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>

namespace uketsuke {

// The demo's staff: a door volunteer (PIN 1111) and a supervisor (PIN 2222).
inline constexpr const char* kDemoDoorStaff = "受付 花子";
inline constexpr const char* kDemoSupervisor = "責任者 太郎";

// The registration list as a municipality's form tool would export it (UTF-8 CSV).
std::string demo_registrations_csv();

// The demo's sessions.
inline constexpr const char* kDemoDayOne = "day1";
inline constexpr const char* kDemoDayTwo = "day2";
inline constexpr const char* kDemoMakeUp = "makeup";

// Today's session of a demo made at `wall_ms`, its start and end ("HH:MM" in Tokyo): 9:30-16:30
// when the demo is made during a working day (from 8:50, so the 20-minute rush of --arrivals
// falls inside its check-in window); at any other hour it starts 10-20 minutes from now, so a
// kiosk started on the demo always has a session open (check-in opens an hour before the
// start). Near midnight it runs 23:00-23:59 (arrivals then are late).
std::pair<std::string, std::string> demo_today_window(std::int64_t wall_ms);

struct DemoOptions {
    std::filesystem::path dir;
    int arrivals = 0;  // check this many people in today, in a 20-minute rush before `wall_ms`
    std::int64_t wall_ms = 0;
};

struct [[nodiscard]] DemoResult {
    std::filesystem::path event_file;
    std::filesystem::path secret_key_file;
    std::filesystem::path registrations_file;
    std::filesystem::path tickets_dir;
    int participants = 0;
    int tickets = 0;
    int arrivals = 0;
    std::string error;
    explicit operator bool() const { return error.empty(); }
};

// Creates DIR/event.db, its secret key, DIR/registrations.csv and DIR/tickets/; an
// existing demo event in DIR is kept and reused.
DemoResult create_demo_event(const DemoOptions& options);

}  // namespace uketsuke
