// checkin, undo: the check-in service from the command line, for scripts and tests.

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "kiosk/core/attendance/session_times.hpp"
#include "kiosk/core/checkin/checkin.hpp"
#include "kiosk/core/model/local_time.hpp"
#include "kiosk/core/model/utf8.hpp"
#include "kiosk/core/staff/staff.hpp"
#include "tools/uketsuke/cli.hpp"

namespace uketsuke::cli {
namespace {

struct CheckinCommand {
    std::string code;
    std::vector<std::string> ids;  // --id, as often as given
    std::string ids_file;
    std::string method;  // "" manual; paper
    std::string at;      // "YYYY-MM-DD HH:MM" or "HH:MM" (the session's date), event time zone
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

std::string who(const EventStore& store, const std::string& participant_id) {
    const auto person = store.participant(participant_id);
    return person ? fmt::format("{} ({})", person->name, participant_id) : participant_id;
}

// Where they sit at the session, as the welcome screen says it: " — group A, table 3".
std::string seat_text(const EventStore& store, const std::string& session_id,
                      const std::string& participant_id) {
    const auto group = store.seated_group(session_id, participant_id);
    if (!group) return " — no group";
    std::string text = fmt::format(" — group {}", group->name);
    if (!group->table_label.empty()) text += fmt::format(", table {}", group->table_label);
    return text;
}

// The check-in service refuses a staff ticket like any text that is nobody's ticket; a person
// holding one should hear what it is and where it works.
std::string not_a_ticket(const EventStore& store, const std::string& code) {
    const StaffTicketCheck staff = recognize_staff_ticket(store, code);
    switch (staff.status) {
        case StaffTicketStatus::Staff:
            return fmt::format(
                "a staff ticket ({} {}), not a participant's: use it at the kiosk to open staff "
                "mode",
                staff.staff->id, staff.staff->name);
        case StaffTicketStatus::UnknownStaff:
            return fmt::format(
                "a staff ticket of staff member {}, who was removed; it opens nothing, and it "
                "is not a participant's ticket",
                staff.staff_id);
        case StaffTicketStatus::NotStaff:
            break;
    }
    return "not a ticket (a URL, Wi-Fi code or other text)";
}

// A file of ids, one a line (a BOM, CRLF, blank lines and # comments allowed).
std::vector<std::string> read_ids_file(const std::string& path) {
    constexpr std::uintmax_t kMaxBytes = std::uintmax_t{16} << 20;
    std::error_code error;
    const auto size = std::filesystem::file_size(path, error);
    if (error) throw UserError(kBadInput, fmt::format("--ids-file {}: {}", path, error.message()));
    if (size > kMaxBytes)
        throw UserError(kBadInput,
                        fmt::format("--ids-file {}: over 16 MB, not a list of ids", path));
    std::ifstream in(path, std::ios::binary);
    std::vector<std::string> ids;
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (number == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
        const std::string id(utf8::trim(line));
        if (id.empty() || id.front() == '#') continue;
        if (!utf8::is_valid(id)) {
            throw UserError(kBadInput,
                            fmt::format("--ids-file {} line {}: not UTF-8 text; nothing recorded",
                                        path, number));
        }
        ids.push_back(id);
    }
    return ids;
}

// --at: the time on the paper list, in the event's time zone; HH:MM alone is on the
// session's date. Now when left out.
std::int64_t checkin_time(const std::string& at, const Session& session, const std::string& zone) {
    if (at.empty()) return now_ms();
    static const std::regex kFull(R"((\d{4}-\d{2}-\d{2})[ T](\d{1,2}:\d{2}))");
    static const std::regex kTime(R"(\d{1,2}:\d{2})");
    std::smatch match;
    std::string date = session.date;
    std::string time = at;
    if (std::regex_match(at, match, kFull)) {
        date = match[1];
        time = match[2];
    } else if (!std::regex_match(at, kTime)) {
        throw UserError(kBadInput, fmt::format("--at {}: write the time as \"YYYY-MM-DD HH:MM\" "
                                               "or HH:MM (in {}); nothing recorded",
                                               utf8::safe_text(at, utf8::Controls::Remove), zone));
    }
    if (time.size() == 4) time = "0" + time;
    const auto instant = local_instant_ms(date, time, zone);
    if (!instant) {
        throw UserError(kBadInput, fmt::format("--at {}: {}; nothing recorded",
                                               utf8::safe_text(at, utf8::Controls::Remove),
                                               instant.error().message));
    }
    if (instant.value() > now_ms() + 60'000) {
        throw UserError(kBadInput,
                        fmt::format("--at {}: that is in the future ({} is now); nothing recorded",
                                    at, local_date_time(now_ms(), zone).substr(0, 16)));
    }
    return instant.value();
}

// Many ids at once (a paper list entered afterwards): all recorded, or none.
int run_batch(const Context& context, const CheckinCommand& command) {
    if (!command.code.empty()) throw UserError(kUsage, "give a scanned CODE or --id, not both");
    if (command.leave) throw UserError(kUsage, "--leave takes one --id PARTICIPANT");
    std::vector<std::string> ids = command.ids;
    if (!command.ids_file.empty()) {
        auto more = read_ids_file(command.ids_file);
        ids.insert(ids.end(), more.begin(), more.end());
    }
    if (ids.empty()) throw UserError(kBadInput, "no ids: give --id ID or --ids-file FILE");
    EventStore store = context.open_event();
    const std::string zone = store.event().time_zone;
    const std::string session_id = session_option(store, command.session);
    const Session session = resolve_session(store, session_id);
    const CheckinMethod method =
        command.method == "paper" ? CheckinMethod::Paper : CheckinMethod::Manual;
    const std::int64_t at = checkin_time(command.at, session, zone);
    CheckinService service(store);
    const auto batch =
        service.check_in_participants(ids, {command.kiosk, command.staff, method, at, session_id});
    fmt::print("{} check-ins at {} (session {} {}):\n", to_string(method),
               local_date_time(at, zone).substr(0, 16), session.id, session.name);
    int checked = 0, already = 0, unknown = 0, cancelled = 0;
    for (const auto& result : batch.results) {
        switch (result.outcome) {
            case CheckinOutcome::CheckedIn:
                ++checked;
                fmt::print("  {}: {}{}\n", who(result),
                           batch.written ? "checked in" : "would be checked in",
                           seat_text(store, session_id, result.participant_id));
                break;
            case CheckinOutcome::AlreadyChecked:
                ++already;
                fmt::print("  {}: already checked in at {} at kiosk {}; kept as it was\n",
                           who(result), local_hour_minute(result.earlier->wall_ms, zone),
                           result.earlier->kiosk);
                break;
            case CheckinOutcome::Cancelled:
                ++cancelled;
                fmt::print("  {}: refused, the registration is cancelled\n", who(result));
                break;
            default:
                ++unknown;
                fmt::print("  {}: refused, no one with this id is registered\n",
                           utf8::safe_text(result.participant_id, utf8::Controls::Remove));
                break;
        }
    }
    if (!batch.written) {
        fmt::print(stderr,
                   "nothing recorded: {} unknown, {} cancelled; correct or remove those ids and "
                   "run it again\n",
                   unknown, cancelled);
        return kBadInput;
    }
    fmt::print("{} checked in, {} already in\n", checked, already);
    return kOk;
}

int run_checkin(const Context& context, const CheckinCommand& given) {
    if (!given.method.empty() && given.method != "paper" && given.method != "manual")
        throw UserError(kUsage, fmt::format("--method {}: use manual or paper", given.method));
    if (given.ids.size() > 1 || !given.ids_file.empty() || !given.method.empty() ||
        !given.at.empty()) {
        return run_batch(context, given);
    }
    CheckinCommand command = given;
    if (!command.ids.empty()) command.participant_id = command.ids.front();
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
            fmt::print("checked in: {}{} [{}]\n", who(result),
                       seat_text(store, checkin_context.session_id, result.participant_id),
                       result.recorded->id);
            return kOk;
        case CheckinOutcome::AlreadyChecked:
            fmt::print("already checked in: {} at {} at kiosk {}{}\n", who(result),
                       local_hour_minute(result.earlier->wall_ms, zone), result.earlier->kiosk,
                       seat_text(store, checkin_context.session_id, result.participant_id));
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
            fmt::print(stderr, "refused: {}\n", not_a_ticket(store, command.code));
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
        fmt::print("undone: the {} of {} (session {}, row {})\n",
                   command.leave ? "leave" : "check-in",
                   who(store, result.recorded->participant_id), result.recorded->session_id,
                   result.recorded->undoes);
        return kOk;
    }
    // Why, in words: the row or the person, and what the log holds for them.
    std::string why;
    const std::string session = checkin_context.session_id;
    const std::string person =
        command.participant_id.empty() ? std::string() : who(store, command.participant_id);
    if (!command.participant_id.empty() && !store.participant(command.participant_id)) {
        why = fmt::format("no one with the id \"{}\" is registered at this event",
                          command.participant_id);
    } else if (!command.participant_id.empty()) {
        why = fmt::format("{} has no {} in force at session {}", person,
                          command.leave ? "leave" : "check-in", session);
        if (result.outcome == UndoOutcome::AlreadyUndone) why += " (it was already undone)";
    } else {
        switch (result.outcome) {
            case UndoOutcome::NotFound:
                why = fmt::format("this file has no check-in with the id {}", command.checkin_id);
                break;
            case UndoOutcome::AlreadyUndone:
                why = fmt::format("check-in {} was already undone", command.checkin_id);
                break;
            case UndoOutcome::NotACheckin:
                why = fmt::format("row {} is itself an undo; check the person in again instead",
                                  command.checkin_id);
                break;
            case UndoOutcome::Undone:
                break;
        }
    }
    fmt::print(stderr, "nothing undone: {}\n", why);
    return kRefused;
}

}  // namespace

void add_checkin_commands(CLI::App& app, Context& context) {
    auto checkin = std::make_shared<CheckinCommand>();
    auto* sub = app.add_subcommand("checkin", "Check someone in by scanned code or participant id");
    sub->add_option("code", checkin->code, "Scanned text: our ticket or an imported ticket number");
    sub->add_option("--id", checkin->ids,
                    "Participant id (a manual check-in); give it again for several at once");
    sub->add_option("--ids-file", checkin->ids_file,
                    "A file of participant ids, one a line: all checked in, or none");
    sub->add_option("--method", checkin->method,
                    "manual (default) or paper: ticked on the printed list while a kiosk was "
                    "down");
    sub->add_option("--at", checkin->at,
                    "When they came, \"YYYY-MM-DD HH:MM\" or HH:MM, in the event's time zone "
                    "(default: now)");
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
