#pragma once
// Merging event files: every kiosk's copy of the event into one attendance record.
//
// What each table does in a merge (the why is in merge.cpp):
// - checkins, rejected_scans, person_log, staff_attempts, print_log, revoked_tickets,
//   ticket_keys: union by key (staff_attempts folds to each member's PIN lockout, so it counts
//   every kiosk; print_log says who has a printed name tag anywhere). The
//   logs are append-only and keyed by random ids, so the merge is idempotent, commutative
//   and associative; an undo is a row naming the row it undoes and travels like any other.
// - participants: last writer wins per person, by (changed_stamp, changed_by, content);
//   ticket_generation is the greatest seen, so a re-issued ticket never goes back.
// - sessions and their expected lists (schema 4): last writer wins per session by
//   (changed_stamp, changed_by, content), a removal being a write like an edit. An input of
//   an older schema has none: its check-in rows belong to the one session it had (s1).
// - codes: union; one code claimed by two people goes to the greatest (participant, kind).
// - groups and staff: union by id; one id with two contents keeps the greatest content.
// - settings: kiosk-local, not merged, except the hybrid clocks (hlc.*), kept at the max
//   and moved past every stamp in the file, so the next edit here wins over all merged ones.
//
// Inputs are opened read-only and read through one snapshot each (a kiosk may still be
// writing them). An input of an older schema (a kiosk not yet updated) is read as it is,
// without the tables it does not have yet. Every input is checked before anything is
// written, and the whole merge is one transaction on the target: a refused or damaged
// input leaves the target as it was.

#include <string>
#include <vector>

#include "kiosk/core/store/event_store.hpp"

namespace uketsuke {

struct MergeCounts {
    int checkins = 0;        // new check-in rows
    int undos = 0;           // new undo rows
    int leaves = 0;          // new leave rows
    int sessions = 0;        // sessions new to the target or changed by a newer edit
                             // (their expected lists included)
    int seats = 0;           // seating rows of a session new to the target or newer there
    int rejected_scans = 0;  // new rejected scans
    int person_log = 0;      // new rows of the person log (staff moves, cancels, notes, walk-ins)
    int participants = 0;    // people new to the target, walk-ins included
    int walk_ins = 0;        // of those, registered at a kiosk (source "walk-in")
    int edits = 0;           // a newer version of someone the target already had
    int conflicts = 0;       // of all differing versions: both sides changed the person
                             // without seeing the other's change; the older change lost

    MergeCounts& operator+=(const MergeCounts& other);
    bool operator==(const MergeCounts&) const = default;
};

struct MergedFile {
    std::string path;
    MergeCounts counts;
};

// A refused input: the file and what is wrong with it, in words an organizer can act on.
struct MergeError {
    std::string path;
    std::string message;
};

struct MergeResult {
    std::vector<MergedFile> files;  // in the order given
    MergeCounts total;
    std::vector<MergeError> errors;  // not empty: nothing was written to the target

    bool ok() const { return errors.empty(); }
    explicit operator bool() const { return ok(); }
};

struct MergeOptions {
    bool dry_run = false;  // count what would be merged, then roll back
};

// Merges the inputs into `target` in one transaction. Routine problems with an input
// (missing, not SQLite, damaged, another event, a newer schema, the target itself) come
// back as errors naming the file; a failure of the target itself throws DatabaseError.
[[nodiscard]] MergeResult merge_into(EventStore& target,
                                     const std::vector<std::string>& input_paths,
                                     const MergeOptions& options = {});

}  // namespace uketsuke
