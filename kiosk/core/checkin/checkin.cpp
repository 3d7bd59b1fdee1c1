#include "kiosk/core/checkin/checkin.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <set>
#include <stdexcept>

#include "kiosk/core/checkin/session_clock.hpp"
#include "kiosk/core/model/utf8.hpp"
#include "kiosk/core/store/ids.hpp"

namespace uketsuke {

std::string_view to_string(UndoOutcome outcome) {
    switch (outcome) {
        case UndoOutcome::Undone:
            return "undone";
        case UndoOutcome::NotFound:
            return "not-found";
        case UndoOutcome::AlreadyUndone:
            return "already-undone";
        case UndoOutcome::NotACheckin:
            return "not-a-checkin";
    }
    return "?";
}

std::string_view to_string(LeaveOutcome outcome) {
    switch (outcome) {
        case LeaveOutcome::Left:
            return "left";
        case LeaveOutcome::NotRecorded:
            return "leaving-not-recorded";
        case LeaveOutcome::NotCheckedIn:
            return "not-checked-in";
        case LeaveOutcome::UnknownPerson:
            return "unknown-participant";
        case LeaveOutcome::Cancelled:
            return "cancelled";
    }
    return "?";
}

bool looks_like_other_content(std::string_view scanned) {
    if (scanned.size() > 64) return true;
    // Ticket numbers are ASCII without spaces; imported texts that are not were matched
    // exactly through `codes` before we get here.
    for (char c : scanned) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isspace(byte) || byte >= 0x80) return true;
    }
    static constexpr std::array<std::string_view, 10> kSchemes{
        "http:", "https:", "wifi:",   "mailto:", "tel:",
        "sms:",  "smsto:", "mecard:", "begin:",  "geo:"};
    std::string lower;
    for (char c : scanned.substr(0, 8))
        lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return std::any_of(kSchemes.begin(), kSchemes.end(),
                       [&](std::string_view scheme) { return lower.starts_with(scheme); });
}

CheckinService::CheckinService(EventStore& store) : store_(store) { reload(); }

void CheckinService::reload() {
    const EventInfo info = store_.event();
    event_id_ = event_id_from_hex(info.id).value_or(EventId{});
    keys_.clear();
    for (const auto& text : store_.public_keys()) {
        if (auto key = public_key_from_text(text)) keys_.push_back(*key);
    }
}

Session resolve_session(const EventStore& store, const std::string& session_id) {
    if (!session_id.empty()) {
        if (auto found = store.session(session_id)) return *found;
        throw std::invalid_argument(
            fmt::format("there is no session \"{}\" in {}", session_id, store.path()));
    }
    std::vector<Session> all = store.sessions();
    if (all.size() == 1) return std::move(all.front());
    throw std::invalid_argument(fmt::format("{} has {} sessions; say which one the check-in is for",
                                            store.path(), all.size()));
}

std::optional<Session> kiosk_session(const EventStore& store, std::int64_t now_ms,
                                     std::string_view room) {
    return session_for_checkin(store.sessions(), store.event().time_zone, now_ms, room);
}

std::int64_t arrived_now(const EventStore& store, std::int64_t now_ms, std::string_view room) {
    const auto session = kiosk_session(store, now_ms, room);
    return session ? store.arrived_count(session->id) : 0;
}

Session CheckinService::session_of(const CheckinContext& context) const {
    return resolve_session(store_, context.session_id);
}

CheckinRecord CheckinService::new_record(const std::string& participant_id, CheckinKind kind,
                                         const CheckinContext& context,
                                         const std::string& session_id) {
    CheckinRecord record;
    record.id = random_id();
    record.participant_id = participant_id;
    record.kind = kind;
    record.method = context.method;
    record.kiosk = context.kiosk;
    record.staff = context.staff;
    record.wall_ms = context.wall_ms;
    record.stamp = store_.next_stamp(context.kiosk, context.wall_ms).to_string();
    record.session_id = session_id;
    return record;
}

CheckinResult CheckinService::reject(CheckinOutcome outcome, std::string_view scanned,
                                     std::string_view reason, const CheckinContext& context) {
    sql::Transaction transaction(store_.database());
    RejectedScan scan;
    scan.id = random_id();
    scan.code = std::string(scanned);
    scan.reason = std::string(reason);
    scan.kiosk = context.kiosk;
    scan.wall_ms = context.wall_ms;
    scan.stamp = store_.next_stamp(context.kiosk, context.wall_ms).to_string();
    scan.session_id = session_of(context).id;
    store_.record_rejected_scan(scan);
    transaction.commit();
    CheckinResult result;
    result.outcome = outcome;
    return result;
}

CheckinResult CheckinService::check_in_code(std::string_view raw, const CheckinContext& context) {
    const std::string session_id = session_of(context).id;
    // USB scanners end with Enter; some phones add spaces.
    const std::string_view scanned = utf8::trim_ascii(raw);
    if (scanned.empty()) return reject(CheckinOutcome::NotATicket, raw, "empty", context);
    if (scanned.size() <= 1024) {
        if (auto id = store_.participant_for_code(std::string(scanned)))
            return check_in_known(*id, context, session_id);
    }
    const TicketCheck check =
        verify_ticket(scanned, event_id_, keys_,
                      [this](std::string_view participant_id, std::uint32_t generation) {
                          return store_.is_revoked(std::string(participant_id), generation);
                      });
    switch (check.status) {
        case TicketStatus::Valid: {
            // Staff tickets (kiosk/core/staff/staff.hpp) open staff mode; they are nobody's
            // attendance.
            if (check.participant_id.starts_with("staff:")) {
                return reject(CheckinOutcome::NotATicket, scanned, "staff-ticket", context);
            }
            if (store_.participant(check.participant_id)) {
                CheckinResult result = check_in_known(check.participant_id, context, session_id);
                result.ticket_status = check.status;
                return result;
            }
            // Signed by us for this event, but the person reached this kiosk after its last
            // sync: let them in and record it; the details arrive with the next roster.
            sql::Transaction transaction(store_.database());
            CheckinResult result;
            result.participant_id = check.participant_id;
            result.ticket_status = check.status;
            const Attendance before =
                fold_attendance(store_.checkins_of(check.participant_id, session_id));
            if (before.checked_in && !before.left) {
                result.outcome = CheckinOutcome::AlreadyChecked;
                result.earlier = before.first;
                return result;
            }
            CheckinRecord record =
                new_record(check.participant_id, CheckinKind::CheckIn, context, session_id);
            store_.append_checkin(record);
            transaction.commit();
            result.outcome = CheckinOutcome::DetailsPending;
            result.recorded = record;
            return result;
        }
        case TicketStatus::NotATicket: {
            const auto outcome = looks_like_other_content(scanned) ? CheckinOutcome::NotATicket
                                                                   : CheckinOutcome::UnknownCode;
            return reject(outcome, scanned, to_string(outcome), context);
        }
        case TicketStatus::OtherEvent: {
            CheckinResult result =
                reject(CheckinOutcome::OtherEvent, scanned, "other-event", context);
            result.ticket_status = check.status;
            return result;
        }
        default: {
            CheckinResult result =
                reject(CheckinOutcome::InvalidTicket, scanned, describe(check.status), context);
            result.ticket_status = check.status;
            result.participant_id = check.participant_id;
            return result;
        }
    }
}

CheckinResult CheckinService::check_in_participant(const std::string& participant_id,
                                                   const CheckinContext& context) {
    const std::string session_id = session_of(context).id;
    if (!store_.participant(participant_id)) {
        CheckinResult result;
        result.outcome = CheckinOutcome::UnknownCode;
        result.participant_id = participant_id;
        return result;
    }
    return check_in_known(participant_id, context, session_id);
}

CheckinResult CheckinService::check_in_known(const std::string& participant_id,
                                             const CheckinContext& context,
                                             const std::string& session_id) {
    // IMMEDIATE: two kiosks (or a kiosk and the CLI) on one file cannot both see
    // "not yet checked in" and both write a first check-in.
    sql::Transaction transaction(store_.database());
    CheckinResult result = check_in_held(participant_id, context, session_id);
    if (result.outcome == CheckinOutcome::CheckedIn)
        transaction.commit();  // synchronous=FULL: on disk before the screen says welcome
    return result;
}

CheckinService::Batch CheckinService::check_in_participants(
    const std::vector<std::string>& participant_ids, const CheckinContext& context) {
    const std::string session_id = session_of(context).id;
    Batch batch;
    sql::Transaction transaction(store_.database());
    std::set<std::string> seen;
    bool refused = false;
    for (const auto& id : participant_ids) {
        if (!seen.insert(id).second) continue;
        if (!store_.participant(id)) {
            CheckinResult unknown;
            unknown.outcome = CheckinOutcome::UnknownCode;
            unknown.participant_id = id;
            batch.results.push_back(std::move(unknown));
            refused = true;
            continue;
        }
        batch.results.push_back(check_in_held(id, context, session_id));
        refused = refused || batch.results.back().outcome == CheckinOutcome::Cancelled;
    }
    if (!refused) {
        transaction.commit();
        batch.written = true;
    }
    return batch;
}

CheckinResult CheckinService::check_in_held(const std::string& participant_id,
                                            const CheckinContext& context,
                                            const std::string& session_id) {
    CheckinResult result;
    result.participant_id = participant_id;
    result.participant = store_.participant(participant_id);
    if (result.participant && result.participant->status == RegistrationStatus::Cancelled) {
        result.outcome = CheckinOutcome::Cancelled;
        return result;
    }
    result.group = store_.seated_group(session_id, participant_id);
    // A screen that looks the group up by the person's group_id finds this session's group.
    if (result.participant && store_.has_own_seating(session_id))
        result.participant->group_id = result.group ? result.group->id : std::string();
    const Attendance before = fold_attendance(store_.checkins_of(participant_id, session_id));
    // Someone who left and comes back checks in again: the new row ends the leave.
    if (before.checked_in && !before.left) {
        result.outcome = CheckinOutcome::AlreadyChecked;
        result.earlier = before.first;
        return result;
    }
    CheckinRecord record = new_record(participant_id, CheckinKind::CheckIn, context, session_id);
    store_.append_checkin(record);
    result.outcome = CheckinOutcome::CheckedIn;
    result.recorded = record;
    return result;
}

UndoResult CheckinService::undo(const std::string& checkin_id, const CheckinContext& context) {
    sql::Transaction transaction(store_.database());
    UndoResult result;
    const auto target = store_.checkin(checkin_id);
    if (!target) return result;
    if (target->kind == CheckinKind::Undo) {
        result.outcome = UndoOutcome::NotACheckin;
        return result;
    }
    for (const auto& row : store_.checkins_of(target->participant_id, target->session_id)) {
        if (row.kind == CheckinKind::Undo && row.undoes == checkin_id) {
            result.outcome = UndoOutcome::AlreadyUndone;
            return result;
        }
    }
    // In the session of the row it undoes, wherever the undo is made from.
    CheckinRecord record =
        new_record(target->participant_id, CheckinKind::Undo, context, target->session_id);
    record.undoes = checkin_id;
    store_.append_checkin(record);
    transaction.commit();
    result.outcome = UndoOutcome::Undone;
    result.recorded = record;
    return result;
}

UndoResult CheckinService::undo_participant(const std::string& participant_id,
                                            const CheckinContext& context) {
    const std::string session_id = session_of(context).id;
    const Attendance now = attendance(participant_id, session_id);
    if (!now.checked_in) return UndoResult{};
    // Undo every check-in in force, so the person is out even when two kiosks
    // checked them in at once before syncing.
    UndoResult last;
    for (const auto& row : store_.checkins_of(participant_id, session_id)) {
        if (row.kind != CheckinKind::CheckIn) continue;
        UndoResult step = undo(row.id, context);
        if (step.outcome == UndoOutcome::Undone) last = step;
    }
    return last;
}

LeaveResult CheckinService::leave(const std::string& participant_id,
                                  const CheckinContext& context) {
    const Session session = session_of(context);
    sql::Transaction transaction(store_.database());
    LeaveResult result;
    const auto person = store_.participant(participant_id);
    if (!person) return result;
    if (person->status == RegistrationStatus::Cancelled) {
        result.outcome = LeaveOutcome::Cancelled;
        return result;
    }
    result = leave_in(participant_id, session, context);
    if (result.outcome == LeaveOutcome::Left) transaction.commit();
    return result;
}

// Inside the caller's transaction; the caller commits when a leave was recorded.
LeaveResult CheckinService::leave_in(const std::string& participant_id, const Session& session,
                                     const CheckinContext& context) {
    LeaveResult result;
    if (!session.records_leave) {
        result.outcome = LeaveOutcome::NotRecorded;
        return result;
    }
    const Attendance now = fold_attendance(store_.checkins_of(participant_id, session.id));
    if (!now.checked_in || now.left) {
        result.outcome = LeaveOutcome::NotCheckedIn;
        result.earlier = now.left;
        return result;
    }
    CheckinRecord record = new_record(participant_id, CheckinKind::Leave, context, session.id);
    store_.append_checkin(record);
    result.outcome = LeaveOutcome::Left;
    result.recorded = record;
    return result;
}

LeaveScanResult CheckinService::leave_code(std::string_view raw, const CheckinContext& context) {
    const Session session = session_of(context);
    const std::string_view scanned = utf8::trim_ascii(raw);
    LeaveScanResult result;
    const auto refuse = [&](CheckinOutcome outcome, std::string_view reason, TicketStatus status) {
        (void)reject(outcome, scanned, reason, context);
        result.problem = outcome;
        result.ticket_status = status;
        return result;
    };
    if (scanned.empty())
        return refuse(CheckinOutcome::NotATicket, "empty", TicketStatus::NotATicket);
    std::optional<std::string> id;
    if (scanned.size() <= 1024) id = store_.participant_for_code(std::string(scanned));
    if (!id) {
        const TicketCheck check =
            verify_ticket(scanned, event_id_, keys_,
                          [this](std::string_view participant_id, std::uint32_t generation) {
                              return store_.is_revoked(std::string(participant_id), generation);
                          });
        result.ticket_status = check.status;
        switch (check.status) {
            case TicketStatus::Valid:
                if (check.participant_id.starts_with("staff:"))
                    return refuse(CheckinOutcome::NotATicket, "staff-ticket", check.status);
                id = check.participant_id;
                break;
            case TicketStatus::NotATicket: {
                const auto outcome = looks_like_other_content(scanned)
                                         ? CheckinOutcome::NotATicket
                                         : CheckinOutcome::UnknownCode;
                return refuse(outcome, to_string(outcome), check.status);
            }
            case TicketStatus::OtherEvent:
                return refuse(CheckinOutcome::OtherEvent, "other-event", check.status);
            default:
                return refuse(CheckinOutcome::InvalidTicket, describe(check.status), check.status);
        }
    }
    sql::Transaction transaction(store_.database());
    result.participant_id = *id;
    result.participant = store_.participant(*id);
    if (result.participant && result.participant->status == RegistrationStatus::Cancelled) {
        result.problem = CheckinOutcome::Cancelled;
        return result;
    }
    // A valid ticket of someone this file does not know yet may still have checked in here
    // ("details pending"): their leave counts the same.
    result.leave = leave_in(*id, session, context);
    if (result.leave.outcome == LeaveOutcome::Left) transaction.commit();
    return result;
}

UndoResult CheckinService::undo_leave(const std::string& participant_id,
                                      const CheckinContext& context) {
    const Attendance now = attendance(participant_id, session_of(context).id);
    if (!now.left) return UndoResult{};
    return undo(now.left->id, context);
}

Attendance CheckinService::attendance(const std::string& participant_id,
                                      const std::string& session_id) const {
    CheckinContext context;
    context.session_id = session_id;
    return fold_attendance(store_.checkins_of(participant_id, session_of(context).id));
}

}  // namespace uketsuke
