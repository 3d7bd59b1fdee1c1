#pragma once
// The check-in service: what happens when a code is scanned or staff check
// someone in by hand. Routine outcomes (unknown code, cancelled, forged ticket)
// are values, never exceptions; every outcome is written to disk before it returns.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/model/checkin_outcome.hpp"
#include "kiosk/core/model/model.hpp"
#include "kiosk/core/store/event_store.hpp"
#include "kiosk/core/tickets/ticket.hpp"

namespace uketsuke {

struct CheckinContext {
    std::string kiosk;
    std::string staff;  // "" for self check-in
    CheckinMethod method = CheckinMethod::Camera;
    std::int64_t wall_ms = 0;
};

enum class UndoOutcome { Undone, NotFound, AlreadyUndone, NotACheckin };
std::string_view to_string(UndoOutcome outcome);

struct UndoResult {
    UndoOutcome outcome = UndoOutcome::NotFound;
    std::optional<CheckinRecord> recorded;
};

class CheckinService {
public:
    explicit CheckinService(EventStore& store);

    // Re-reads the event id, ticket keys: call after the roster or keys change.
    void reload();

    [[nodiscard]] CheckinResult check_in_code(std::string_view scanned,
                                              const CheckinContext& context);
    [[nodiscard]] CheckinResult check_in_participant(const std::string& participant_id,
                                                     const CheckinContext& context);
    // Undoes one check-in row (by its id); the log only grows.
    [[nodiscard]] UndoResult undo(const std::string& checkin_id, const CheckinContext& context);
    // Undoes the check-in currently in force for a participant.
    [[nodiscard]] UndoResult undo_participant(const std::string& participant_id,
                                              const CheckinContext& context);

    Attendance attendance(const std::string& participant_id) const;

private:
    CheckinResult check_in_known(const std::string& participant_id, const CheckinContext& context);
    CheckinResult reject(CheckinOutcome outcome, std::string_view scanned, std::string_view reason,
                         const CheckinContext& context);
    CheckinRecord new_record(const std::string& participant_id, CheckinKind kind,
                             const CheckinContext& context);

    EventStore& store_;
    EventId event_id_{};
    std::vector<PublicKey> keys_;
};

// True for scans that cannot be a ticket number: URLs, Wi-Fi and contact codes, prose.
bool looks_like_other_content(std::string_view scanned);

}  // namespace uketsuke
