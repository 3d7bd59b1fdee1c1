#pragma once
// A realistic synthetic event for demos and tests: a one-day workshop of 30
// registrants from 8 municipalities and one ministry, six discussion groups with
// a facilitator each, two cancellations. Names are invented.

#include <cstdint>
#include <filesystem>
#include <string>

namespace uketsuke {

// The demo's staff: a door volunteer (PIN 1111) and a supervisor (PIN 2222).
inline constexpr const char* kDemoDoorStaff = "受付 花子";
inline constexpr const char* kDemoSupervisor = "責任者 太郎";

// The registration list as a municipality's form tool would export it (UTF-8 CSV).
std::string demo_registrations_csv();

struct DemoOptions {
    std::filesystem::path dir;
    int arrivals = 0;  // check this many people in, spread over a 20-minute rush before `wall_ms`
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
