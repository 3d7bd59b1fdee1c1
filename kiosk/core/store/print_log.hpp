#pragma once
// The print log (schema 8): one row per name tag printed, or tried, at a kiosk or by the
// organizer's tool. Append-only, merged and synced as a union by id like the check-in log, so
// "has this person a printed tag?" has the same answer at every kiosk once they have met.
// kiosk/core knows nothing of cairo or CUPS: the printing code fills these rows in.

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "kiosk/core/store/event_store.hpp"

namespace uketsuke {

// Why a tag was printed.
inline constexpr const char* kPrintOnCheckin = "checkin";  // the kiosk, at a check-in
inline constexpr const char* kPrintReprint = "reprint";    // staff, from the person card
inline constexpr const char* kPrintBatch = "batch";        // `uketsuke tags`

struct PrintLogEntry {
    std::string id;  // random 128-bit hex; a row already present is ignored
    std::string participant_id;
    std::string layout;       // the layout's name (card-91x55, ql-62, …)
    std::string reason;       // kPrintOnCheckin, kPrintReprint, kPrintBatch
    std::string printer;      // the CUPS queue; "" for a PDF the organizer marked as handed out
    std::int64_t job_id = 0;  // CUPS's job id; 0 when there was none
    std::string error;        // why it did not print; "" when the tag went to the queue
    std::string kiosk;        // where: the kiosk's id, or "cli"
    std::string staff;        // the staff member who asked (a reprint); "" otherwise
    std::string staff_name;   // as it was then
    std::int64_t wall_ms = 0;
    std::string stamp;  // hybrid logical clock; filled by append_print when empty

    bool printed() const { return error.empty(); }
    friend bool operator==(const PrintLogEntry&, const PrintLogEntry&) = default;
};

// Appends the row (its id and stamp are made when empty, the stamp from `entry.kiosk`'s clock).
// Text is cut and cleaned before it is stored: an error from CUPS or a printer's name is outside
// text. Gives whether the row was new.
bool append_print(EventStore& store, PrintLogEntry entry);

// Every row, in stamp order; the rows of one person. A file older than schema 8 opened read-only
// has no print log: nothing.
std::vector<PrintLogEntry> print_log(EventStore& store);
std::vector<PrintLogEntry> print_log_of(EventStore& store, const std::string& participant_id);

// Whether the person has a printed tag (a row without an error), anywhere this file has heard of.
bool has_printed_tag(EventStore& store, const std::string& participant_id);
// Everyone with a printed tag.
std::set<std::string> people_with_printed_tag(EventStore& store);

}  // namespace uketsuke
