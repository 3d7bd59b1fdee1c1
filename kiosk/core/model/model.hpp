#pragma once
// The event's data as plain values: what the store reads and writes, what the
// check-in service, exports and reports work on. No behaviour here.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace uketsuke {

struct EventInfo {
    std::string id;  // 128-bit random, lower-case hex
    std::string name;
    std::string date;  // YYYY-MM-DD
    std::string venue;
    std::string time_zone;  // IANA name, e.g. Asia/Tokyo
};

struct Group {
    std::string id;
    std::string name;
    std::string table_label;
    int capacity = 0;  // 0: no limit
    std::string facilitator;
    std::optional<double> map_x;  // 0..1 across the floor map
    std::optional<double> map_y;
};

enum class Role { Participant, Facilitator, Staff, Guest };
enum class RegistrationStatus { Registered, Cancelled };

struct Participant {
    std::string id;
    std::string name;
    std::string reading;
    std::string organization;
    Role role = Role::Participant;
    std::string group_id;  // "" when not placed
    std::string email;
    RegistrationStatus status = RegistrationStatus::Registered;
    std::string notes;
    std::vector<std::pair<std::string, std::string>> extras;  // imported columns we do not model
    std::uint32_t ticket_generation = 1;
    std::string source = "import";  // import | walk-in
    std::string changed_stamp;      // hybrid logical clock of the last edit
    std::string changed_by;         // kiosk or tool that made it
};

// Leave: the person left the session (recorded only where the session records leaving).
// Undo cancels a check-in or a leave.
enum class CheckinKind { CheckIn, Undo, Leave };
// Paper: ticked on the printed list while a kiosk was down, entered afterwards by staff.
enum class CheckinMethod { Camera, Scanner, Manual, WalkIn, Command, Paper };

struct CheckinRecord {
    std::string id;  // random 128-bit hex; the merge key
    std::string participant_id;
    CheckinKind kind = CheckinKind::CheckIn;
    std::string undoes;  // for Undo: the id of the check-in or leave it cancels
    CheckinMethod method = CheckinMethod::Manual;
    std::string kiosk;
    std::string staff;
    std::int64_t wall_ms = 0;  // the kiosk's own clock, may be wrong
    std::string stamp;         // hybrid logical clock, orders rows across kiosks
    std::string session_id;    // the session this row belongs to
};

// A participant's attendance at one session, folded from that session's rows of the log.
struct Attendance {
    bool checked_in = false;
    std::optional<CheckinRecord> first;  // earliest check-in still in force
    std::optional<CheckinRecord> left;   // latest leave still in force, if any
};

std::string_view to_string(Role role);
std::optional<Role> role_from_string(std::string_view text);
std::string_view to_string(RegistrationStatus status);
std::optional<RegistrationStatus> status_from_string(std::string_view text);
std::string_view to_string(CheckinKind kind);
std::optional<CheckinKind> checkin_kind_from_string(std::string_view text);
std::string_view to_string(CheckinMethod method);
std::optional<CheckinMethod> checkin_method_from_string(std::string_view text);

// Folds one participant's rows of one session into their attendance. Rows may come in any
// order: undo rows cancel the row they name wherever it appears. A leave counts only once
// the person has checked in; a check-in after the latest leave (they came back) clears it.
Attendance fold_attendance(const std::vector<CheckinRecord>& rows_of_one_participant);

}  // namespace uketsuke
