#pragma once
// A series' schedule from a spreadsheet: one session a row, columns by header in English or
// Japanese (name/名称/回, date/日付, start/開始, end/終了, room/会場/部屋; optional id, opens,
// grace, leave, makeup_of). Any encoding table_file.hpp reads. All rows or none: a problem
// names file:line:column and nothing changes.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kiosk/core/model/session.hpp"
#include "kiosk/core/roster/encoding.hpp"
#include "kiosk/core/store/event_store.hpp"

namespace uketsuke {

struct ScheduleImportOptions {
    Encoding encoding = Encoding::Auto;
    std::string source_name;               // for messages: the file name
    std::string changed_by = "organizer";  // the hybrid clock's node for the stamps
    std::int64_t now_ms = 0;
    bool dry_run = false;
};

struct ScheduleImportSummary {
    std::string encoding;
    std::vector<std::pair<std::string, std::string>> columns;  // field ← header
    std::vector<std::string> warnings;
    std::vector<Session> sessions;  // as written, in file order
    int added = 0, changed = 0, unchanged = 0;
    bool replaced_default = false;  // the untouched default session gave way to the schedule
};

struct [[nodiscard]] ScheduleImportResult {
    std::string error;  // located; "" when done
    ScheduleImportSummary summary;
    explicit operator bool() const { return error.empty(); }
};

// Rows with an id update that session, rows without one match a session of the same name on
// the same date, or are new (ids s1, s2, …). The event's default session (the one a new file
// or a migrated one starts with), never edited and holding no check-ins, gives way to the
// schedule: the schedule's first new session takes its id, or it is removed.
ScheduleImportResult import_schedule(EventStore& store, std::string_view bytes,
                                     const ScheduleImportOptions& options);

// The default session as create() or the migration made it, never edited and without
// check-ins: the first real schedule replaces it instead of overlapping it.
bool is_untouched_default(const EventStore& store);
// The smallest "sN" no session row uses (removed ones included), skipping `taken` too.
std::string next_session_id(EventStore& store, const std::vector<std::string>& taken = {});

// "yes"/"no" as a spreadsheet writes them: yes, y, true, 1, ○, はい, あり / no, n, false, 0, ×,
// いいえ, なし, "".
std::optional<bool> parse_yes_no(std::string_view text);

}  // namespace uketsuke
