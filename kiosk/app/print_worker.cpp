#include "kiosk/app/print_worker.hpp"

#include <fmt/format.h>
#include <sched.h>

#include <chrono>
#include <cstdio>

#include "kiosk/core/store/print_log.hpp"
#include "paper/name_tags.hpp"
#include "paper/printer.hpp"

namespace uketsuke::app {
namespace {

double ms_since(std::chrono::steady_clock::time_point began) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - began)
        .count();
}

// 2026-03-14 → 2026年3月14日, as `uketsuke tags` prints it.
std::string japanese_date(const std::string& date) {
    int year = 0, month = 0, day = 0;
    if (date.size() == 10 && std::sscanf(date.c_str(), "%4d-%2d-%2d", &year, &month, &day) == 3)
        return fmt::format("{}年{}月{}日", year, month, day);
    return date;
}

// CUPS's reasons that mean no tag will come out, as printer-state-reasons names them.
bool blocking(const std::string& reasons) {
    for (const char* reason : {"media-empty", "media-needed", "media-jam", "offline", "paused",
                               "door-open", "cover-open", "shutdown", "connecting-to-device"}) {
        if (reasons.find(reason) != std::string::npos) return true;
    }
    return false;
}

// The print thread never preempts the thread that woke it. Handing a tag over wakes this thread
// while the loop is still putting the welcome on screen; a normal thread that slept the last
// 150 ms has lag to spend, and the scheduler (EEVDF, as CFS before it) then often runs it at
// once on the loop's core, so the welcome waited for a slice of the render: 1–4 ms at p50 in
// paper_bench's BM_ScanToWelcome, and a nice value does not change that decision. A SCHED_BATCH
// thread is never a wake-up preemptor (the kernel's "batch tasks do not preempt"): it starts
// when a core is free or at the next tick, and keeps its fair share of the CPU (unlike
// SCHED_IDLE, which a busy kiosk could starve). Refused (a sandbox) it stays a normal thread.
void never_preempt_on_wake() {
    sched_param param{};
    param.sched_priority = 0;
    (void)sched_setscheduler(0, SCHED_BATCH, &param);  // 0: this thread
}

}  // namespace

PrintDesk::PrintDesk(EventStore& store, PrintSettings settings)
    : store_(store), settings_(std::move(settings)) {}

PrintResult PrintDesk::handle(const PrintJob& job, std::int64_t now_ms) {
    switch (job.kind) {
        case PrintJob::Kind::Status:
            return status();
        case PrintJob::Kind::PrintedPeople: {
            PrintResult result;
            result.kind = job.kind;
            result.printed_people = people_with_printed_tag(store_);
            return result;
        }
        case PrintJob::Kind::Tag:
            break;
    }
    return print_tag(job, now_ms);
}

PrintResult PrintDesk::status() {
    PrintResult result;
    result.kind = PrintJob::Kind::Status;
    auto state = paper::printer_status(settings_.printer);
    if (!state) {
        result.printer_ok = false;
        result.printer_problem = state.error().message;
        return result;
    }
    const paper::PrinterStatus& printer = state.value();
    if (printer.state == paper::PrinterState::Stopped || !printer.accepting ||
        blocking(printer.reasons)) {
        result.printer_ok = false;
        result.printer_problem = fmt::format(
            "the printer \"{}\" {}{}{}", printer.name,
            printer.state == paper::PrinterState::Stopped ? "is stopped"
            : !printer.accepting                          ? "is rejecting jobs"
                                                          : "cannot print",
            printer.reasons.empty() || printer.reasons == "none" ? ""
                                                                 : " (" + printer.reasons + ")",
            printer.message.empty() ? "" : ": " + printer.message);
    }
    return result;
}

PrintResult PrintDesk::print_tag(const PrintJob& job, std::int64_t now_ms) {
    PrintResult result;
    result.participant_id = job.participant_id;
    const bool reprint = job.reason == kPrintReprint;
    if (settings_.once && !reprint && has_printed_tag(store_, job.participant_id)) {
        result.skipped = true;
        return result;
    }
    PrintLogEntry row;
    row.participant_id = job.participant_id;
    row.layout = settings_.layout;
    row.reason = job.reason;
    row.printer = settings_.printer;
    row.kiosk = settings_.kiosk_id;
    row.staff = job.staff;
    row.staff_name = job.staff_name;
    row.wall_ms = now_ms;
    const auto fail = [&](std::string why) {
        result.error = why;
        row.error = std::move(why);
        (void)append_print(store_, row);
        const PrintResult now = status();
        result.printer_ok = now.printer_ok;
        result.printer_problem = now.printer_ok ? result.error : now.printer_problem;
        return result;
    };

    const auto began = std::chrono::steady_clock::now();
    auto layout = paper::find_tag_layout(settings_.layout);
    if (!layout) return fail(layout.error().message);
    row.layout = layout.value().name;
    const auto person = store_.participant(job.participant_id);
    if (!person) return fail("the person " + job.participant_id + " is not in the event file");
    const EventInfo event = store_.event();
    paper::TagPerson tag;
    tag.id = person->id;
    tag.name = person->name;
    tag.reading = person->reading;
    tag.organization = person->organization;
    tag.role = person->role;
    const std::vector<Group> groups = store_.groups();
    for (std::size_t i = 0; i < groups.size(); ++i) {
        // The seat of the welcome when the job has one (its group's band by name), else the
        // event's group.
        if (job.seat ? groups[i].name != job.seat->group_name : groups[i].id != person->group_id)
            continue;
        tag.group_name = groups[i].name;
        tag.table_label = groups[i].table_label;
        tag.group_index = static_cast<int>(i);
    }
    if (job.seat) {
        tag.group_name = job.seat->group_name;
        tag.table_label = job.seat->table_label;
    }
    tag.event_line = event.name + (event.date.empty() ? "" : "　" + japanese_date(event.date));
    paper::TagsOptions options;
    options.title = event.name + " 名札";
    auto rendered = paper::render_tags(layout.value(), {tag}, options);
    if (!rendered) return fail(rendered.error().message);
    result.render_ms = ms_since(began);

    const auto spooling = std::chrono::steady_clock::now();
    paper::PrintRequest request;
    request.printer = settings_.printer;
    request.title = options.title;
    request.document = "name-tag.pdf";
    request.media = layout.value().media;
    auto queued = paper::print_pdf(request, rendered.value().pdf);
    result.spool_ms = ms_since(spooling);
    if (!queued) return fail(queued.error().message);
    result.printed = true;
    result.job_id = queued.value();
    row.job_id = queued.value();
    (void)append_print(store_, row);
    return result;
}

PrintWorker::PrintWorker(std::string event_path, PrintSettings settings, std::function<void()> wake,
                         std::function<std::int64_t()> clock)
    : event_path_(std::move(event_path)),
      settings_(std::move(settings)),
      clock_(std::move(clock)),
      jobs_({[this](const PrintJob& job) { return handle(job); }, std::move(wake),
             never_preempt_on_wake,
             // Of several status checks waiting, only the newest is worth asking CUPS.
             [](const PrintJob& waiting, const PrintJob& taken) {
                 return waiting.kind == PrintJob::Kind::Status &&
                        taken.kind == PrintJob::Kind::Status;
             }}) {}

std::optional<PrintResult> PrintWorker::handle(const PrintJob& job) {
    try {
        if (!store_) store_.emplace(EventStore::open(event_path_));
        PrintDesk desk(*store_, settings_);
        return desk.handle(job, clock_());
    } catch (const std::exception& error) {
        store_.reset();
        PrintResult result;
        result.kind = job.kind;
        result.participant_id = job.participant_id;
        result.error = error.what();
        // The tag did not print and the log could not say so; the printer itself may be fine.
        return result;
    }
}

}  // namespace uketsuke::app
