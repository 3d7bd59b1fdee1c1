#pragma once
// The live picture for staff: who has arrived out of who is expected, overall, per group,
// per organization and per kiosk; who has not come yet; arrivals per five minutes.
// Plain values, built off the UI thread and handed to the view (kiosk/ui/dashboard_view).
//
// Counting rules, the same everywhere on the dashboard:
// - expected: everyone registered and not cancelled, walk-ins included;
// - arrived: expected people with a check-in in force (undone ones do not count), and every
//   walk-in, who was registered at the door and so is here even if the log row has not
//   synced yet;
// - check-ins of cancelled people and valid tickets of people this file does not know yet
//   ("details pending") are not among the arrived; pending ones are counted apart.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/checkin/report.hpp"
#include "kiosk/core/model/dashboard.hpp"
#include "kiosk/core/store/event_store.hpp"

namespace uketsuke {

// Reads the whole event once (roster, groups, check-in log) and writes nothing. Meant for a
// worker thread, with a store no other thread is using meanwhile (one SQLite connection per
// thread). About 15 ms for 5,000 people on the 2-core reference machine, 30 ms while it was
// busy compiling (logged by tests/core/checkin/dashboard_test.cpp). `now_ms` stretches the timeline
// to the present so the chart shows the quiet minutes too; a clock behind the last arrival,
// or further ahead than the chart reaches, is ignored.
//
// Per session: expected are those EventStore::expected_at gives for `session_id` ("" is the
// event's only session; std::invalid_argument when it has several), arrived those checked in
// there. A walk-in counts as arrived there once checked in there, or while no row of theirs
// has reached this file at all.
Dashboard build_dashboard(const EventStore& store, std::int64_t now_ms,
                          std::size_t not_arrived_cap = kNotArrivedCap,
                          const std::string& session_id = "");

}  // namespace uketsuke
