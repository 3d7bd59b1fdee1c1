// checkin, undo: the check-in service from the command line, for scripts and tests.

#include <fmt/format.h>

#include "kiosk/core/checkin/checkin.hpp"
#include "kiosk/core/model/local_time.hpp"
#include "tools/uketsuke/cli.hpp"

namespace uketsuke::cli {
namespace {

struct CheckinCommand {
    std::string code;
    std::string participant_id;
    std::string kiosk = "cli";
    std::string staff;
    std::string session;
    bool leave = false;
};

int run_leave(EventStore& store, const CheckinCommand& command,
              const CheckinContext& checkin_context) {
    if (command.participant_id.empty()) throw UserError(kUsage, "--leave takes --id PARTICIPANT");
    CheckinService service(store);
    const LeaveResult result = service.leave(command.participant_id, checkin_context);
    const std::string session = checkin_context.session_id;
    switch (result.outcome) {
        case LeaveOutcome::Left:
            fmt::print("left: {} from session {} [{}]\n", command.participant_id, session,
                       result.recorded->id);
            return kOk;
        case LeaveOutcome::NotRecorded:
            fmt::print(stderr,
                       "refused: session {} does not record leaving (set it with `uketsuke "
                       "sessions set {} --leave yes`)\n",
                       session, session);
            return kRefused;
        case LeaveOutcome::NotCheckedIn:
            fmt::print(stderr, "refused: {} is not checked in at session {}{}\n",
                       command.participant_id, session, result.earlier ? " (already left)" : "");
            return kRefused;
        case LeaveOutcome::UnknownPerson:
            fmt::print(stderr, "refused: unknown participant\n");
            return kRefused;
        case LeaveOutcome::Cancelled:
            fmt::print(stderr, "refused: the registration of {} is cancelled\n",
                       command.participant_id);
            return kRefused;
    }
    return kUnexpected;
}

std::string who(const CheckinResult& result) {
    if (result.participant)
        return fmt::format("{} ({})", result.participant->name, result.participant_id);
    return result.participant_id;
}

int run_checkin(const Context& context, const CheckinCommand& command) {
    if (command.code.empty() == command.participant_id.empty()) {
        throw UserError(kUsage, "give either a scanned CODE or --id PARTICIPANT");
    }
    EventStore store = context.open_event();
    const std::string zone = store.event().time_zone;
    CheckinContext checkin_context{
        command.kiosk, command.staff,
        command.code.empty() ? CheckinMethod::Manual : CheckinMethod::Command, now_ms(),
        session_option(store, command.session)};
    if (command.leave) return run_leave(store, command, checkin_context);
    CheckinService service(store);
    const CheckinResult result =
        command.code.empty() ? service.check_in_participant(command.participant_id, checkin_context)
                             : service.check_in_code(command.code, checkin_context);
    switch (result.outcome) {
        case CheckinOutcome::CheckedIn:
            fmt::print("checked in: {} [{}]\n", who(result), result.recorded->id);
            return kOk;
        case CheckinOutcome::AlreadyChecked:
            fmt::print("already checked in: {} at {} at kiosk {}\n", who(result),
                       local_hour_minute(result.earlier->wall_ms, zone), result.earlier->kiosk);
            return kOk;
        case CheckinOutcome::DetailsPending:
            fmt::print(
                "checked in, details pending: valid ticket for {} who is not in this file yet "
                "[{}]\n",
                result.participant_id, result.recorded->id);
            return kOk;
        case CheckinOutcome::Cancelled:
            fmt::print(stderr, "refused: the registration of {} is cancelled\n", who(result));
            return kRefused;
        case CheckinOutcome::UnknownCode:
            fmt::print(stderr, "refused: unknown code or participant\n");
            return kRefused;
        case CheckinOutcome::NotATicket:
            fmt::print(stderr, "refused: not a ticket (a URL, Wi-Fi code or other text)\n");
            return kRefused;
        case CheckinOutcome::OtherEvent:
            fmt::print(stderr, "refused: a ticket for another event\n");
            return kRefused;
        case CheckinOutcome::InvalidTicket:
            fmt::print(stderr, "refused: invalid ticket: {}\n", describe(result.ticket_status));
            return kRefused;
    }
    return kUnexpected;
}

struct UndoCommand {
    std::string checkin_id;
    std::string participant_id;
    std::string kiosk = "cli";
    std::string staff;
    std::string session;
    bool leave = false;
};

int run_undo(const Context& context, const UndoCommand& command) {
    if (command.checkin_id.empty() == command.participant_id.empty()) {
        throw UserError(kUsage, "give either a CHECKIN_ID or --id PARTICIPANT");
    }
    EventStore store = context.open_event();
    CheckinService service(store);
    // Undoing a row by its id needs no session: the undo goes to the row's own.
    CheckinContext checkin_context{
        command.kiosk, command.staff, CheckinMethod::Manual, now_ms(),
        command.checkin_id.empty() ? session_option(store, command.session) : std::string()};
    if (command.leave && command.participant_id.empty())
        throw UserError(kUsage, "--leave takes --id PARTICIPANT");
    const UndoResult result =
        !command.checkin_id.empty() ? service.undo(command.checkin_id, checkin_context)
        : command.leave             ? service.undo_leave(command.participant_id, checkin_context)
                        : service.undo_participant(command.participant_id, checkin_context);
    if (result.outcome == UndoOutcome::Undone) {
        fmt::print("undone: row {} of {} (session {})\n", result.recorded->undoes,
                   result.recorded->participant_id, result.recorded->session_id);
        return kOk;
    }
    fmt::print(stderr, "nothing undone: {}\n", to_string(result.outcome));
    return kRefused;
}

}  // namespace

void add_checkin_commands(CLI::App& app, Context& context) {
    auto checkin = std::make_shared<CheckinCommand>();
    auto* sub = app.add_subcommand("checkin", "Check someone in by scanned code or participant id");
    sub->add_option("code", checkin->code, "Scanned text: our ticket or an imported ticket number");
    sub->add_option("--id", checkin->participant_id, "Participant id (a manual check-in)");
    sub->add_option("--kiosk", checkin->kiosk,
                    "Kiosk name recorded with the check-in (default: cli)");
    sub->add_option("--staff", checkin->staff, "Staff member recorded with the check-in");
    sub->add_option("--session", checkin->session,
                    "Session id (`uketsuke sessions list`); needed when the event has several");
    sub->add_flag("--leave", checkin->leave,
                  "Record that --id PARTICIPANT left the session (where it records leaving)");
    on_run(sub, context, [&context, checkin] { return run_checkin(context, *checkin); });

    auto undo = std::make_shared<UndoCommand>();
    auto* undo_sub = app.add_subcommand("undo", "Undo a check-in (the log keeps both rows)");
    undo_sub->add_option("checkin", undo->checkin_id, "Check-in id printed by `checkin`");
    undo_sub->add_option("--id", undo->participant_id, "Undo the check-in of this participant");
    undo_sub->add_option("--kiosk", undo->kiosk,
                         "Kiosk name recorded with the undo (default: cli)");
    undo_sub->add_option("--staff", undo->staff, "Staff member recorded with the undo");
    undo_sub->add_option("--session", undo->session,
                         "Session of the check-in to undo with --id (needed with several)");
    undo_sub->add_flag("--leave", undo->leave, "Undo the leave of --id PARTICIPANT instead");
    on_run(undo_sub, context, [&context, undo] { return run_undo(context, *undo); });
}

}  // namespace uketsuke::cli
