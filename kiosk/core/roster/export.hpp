#pragma once
// Attendance export: the imported columns plus status, first check-in time,
// kiosk and method. CSV is UTF-8 with a byte order mark and CRLF line ends by
// default, so Excel opens Japanese text correctly; CP932 on request.

#include <string>

#include "kiosk/core/model/result.hpp"
#include "kiosk/core/roster/encoding.hpp"
#include "kiosk/core/store/event_store.hpp"

namespace uketsuke {

enum class ExportFormat { Csv, Json };

struct ExportOptions {
    ExportFormat format = ExportFormat::Csv;
    Encoding encoding = Encoding::Utf8;  // CSV only: Utf8 (with BOM) or Cp932
    // One session's attendance, with the group and table people sit at there (its own
    // seating where it draws one); "" is every session: attended at any, with the first
    // check-in of all and the session it was at (the `session` column), the event's seating,
    // and for an event of several sessions one column per session ("s2 checked_in_at") plus
    // "s2 group" and "s2 table" for a session with its own seating (JSON: "sessions").
    std::string session_id = {};
};

struct AttendanceExport {
    std::string bytes;
    int rows = 0;
};

Result<AttendanceExport, std::string> export_attendance(const EventStore& store,
                                                        const ExportOptions& options);

// One CSV field, quoted when needed. Text that Excel would run as a formula
// (=, +, -, @ at the start) gets a leading apostrophe, so a name cannot become code.
std::string csv_field(std::string_view text);

}  // namespace uketsuke
