#pragma once
// Name tags printed at the kiosk (print.* in kiosk.toml), on a thread of their own with their own
// connection to the event file: rendering a tag (cairo + Pango) and handing it to CUPS takes tens
// of milliseconds and a printer that is off can take seconds to say so, and a scan must never
// wait for either. Every tag tried is written to the print log (kiosk/core/store/print_log.hpp):
// its CUPS job, or why it did not print. The worker also reads the printer's state for the
// staff (off, stopped, out of labels, missing), so the kiosk can say it before anyone scans.
// Its thread is SCHED_BATCH: handing it a tag never delays the welcome (print_worker.cpp says why).
// kiosk/core stays free of cairo and CUPS: this is the app, linking paper/.

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "kiosk/app/job_thread.hpp"
#include "kiosk/core/store/event_store.hpp"

namespace uketsuke::app {

struct PrintSettings {
    std::string printer;           // the CUPS queue
    std::string layout = "ql-62";  // a shipped layout's name or a layout file
    bool once = false;             // print only for someone with no printed tag yet
    std::string kiosk_id = "A";
};

// Where the tag says the person sits: what their welcome said (a session with a seating of its
// own seats people elsewhere than the event's groups). Without it, the event's group.
struct TagSeat {
    std::string group_name;
    std::string table_label;
};

struct PrintJob {
    enum class Kind { Tag, Status, PrintedPeople };
    Kind kind = Kind::Tag;
    std::string participant_id = {};
    std::string reason = {};  // kPrintOnCheckin or kPrintReprint
    std::string staff = {};   // a reprint: who asked
    std::string staff_name = {};
    std::optional<TagSeat> seat = {};
};

struct PrintResult {
    PrintJob::Kind kind = PrintJob::Kind::Tag;
    // A tag: whether it went to the queue, its job, or why not; `skipped` when "once" found a
    // printed tag already (nothing tried, nothing logged).
    std::string participant_id;
    bool printed = false;
    bool skipped = false;
    int job_id = 0;
    std::string error;
    double render_ms = 0;  // the PDF made
    double spool_ms = 0;   // handed to CUPS until it took the job
    // Status (after every tag too): whether the printer can take a tag now, and if not, why, in
    // words for staff ("the printer "QL" is stopped (media-empty-error) …").
    bool printer_ok = true;
    std::string printer_problem;
    // PrintedPeople: everyone with a printed tag in the file, for the loop's "once" decision.
    std::optional<std::set<std::string>> printed_people;
};

// The work itself, on a store, for tests.
class PrintDesk {
public:
    PrintDesk(EventStore& store, PrintSettings settings);
    PrintResult handle(const PrintJob& job, std::int64_t now_ms);

private:
    PrintResult print_tag(const PrintJob& job, std::int64_t now_ms);
    PrintResult status();

    EventStore& store_;
    PrintSettings settings_;
};

class PrintWorker {
public:
    PrintWorker(std::string event_path, PrintSettings settings, std::function<void()> wake,
                std::function<std::int64_t()> clock = wall_clock_ms);
    PrintWorker(const PrintWorker&) = delete;
    PrintWorker& operator=(const PrintWorker&) = delete;

    void submit(PrintJob job) { jobs_.submit(std::move(job)); }
    std::vector<PrintResult> take_results() { return jobs_.take_results(); }

private:
    std::optional<PrintResult> handle(const PrintJob& job);  // on the job thread

    std::string event_path_;
    PrintSettings settings_;
    std::function<std::int64_t()> clock_;
    std::optional<EventStore> store_;        // the job thread's own; opened again after a failure
    JobThread<PrintJob, PrintResult> jobs_;  // last: its thread uses everything above
};

}  // namespace uketsuke::app
