#pragma once
// A word for the door about one person (来賓, 講師, 要配慮, 「資料Bをお渡しください」): set by the
// organizer (`uketsuke attention`) or a supervisor on the person card, shown to staff until one
// of them acknowledges it, and never shown to the participant, whose welcome only asks them to
// see staff.
//
// Kept in the person log, not in a column of its own, so no schema change is needed and merges
// and the hub carry it as they carry every person_log row (a union by row id):
// - action "attention", detail = the text ("" clears the flag);
// - action "attention_ack", detail = the id of the "attention" row acknowledged, so an
//   acknowledgment made at one kiosk never silences a newer flag set at another before they
//   synced.
// The flag in force is the latest "attention" row by hybrid-clock stamp.
//
// The text is untrusted (it comes from the event file, which a hub or a merge may have filled):
// it is cleaned (utf8::safe_text, controls and bidi overrides removed) and capped whenever it
// is read, as well as when it is written.

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "kiosk/core/staff/staff_actions.hpp"
#include "kiosk/core/store/event_store.hpp"

namespace uketsuke {

// In code points: a line for staff to read at a glance, not a letter.
inline constexpr std::size_t kAttentionMaxChars = 120;

struct Attention {
    std::string text;         // cleaned, never empty
    std::string set_by;       // staff name, "" for the organizer's tools
    std::int64_t set_ms = 0;  // wall time of the kiosk or desk that set it
    std::string row_id;       // the "attention" row: what an acknowledgment names
    bool acknowledged = false;
    std::string acknowledged_by;  // staff name
    std::string acknowledged_by_id;
    std::int64_t acknowledged_ms = 0;
};

// The flag in force for one person (none: never set, or cleared).
[[nodiscard]] std::optional<Attention> attention_of(const EventStore& store,
                                                    const std::string& participant_id);
// Every person with a flag in force, by participant id.
[[nodiscard]] std::map<std::string, Attention> attention_all(const EventStore& store);
// Only the flags nobody has acknowledged yet (for the attract screen's staff badge).
[[nodiscard]] int pending_attention_count(const EventStore& store);

// The text as it will be stored and shown: trimmed, cleaned, capped at kAttentionMaxChars.
[[nodiscard]] std::string clean_attention_text(std::string_view text);

// Sets (or with "" clears) the flag. The organizer's tools (staff_id "") or a supervisor.
// Refused: unknown person, the same text already in force, clearing when there is no flag.
// One transaction: a refusal writes nothing.
ActionResult set_attention(EventStore& store, const std::string& participant_id,
                           const std::string& text, const StaffContext& context);
// Any staff member on the list. Refused: no flag in force, already acknowledged.
ActionResult acknowledge_attention(EventStore& store, const std::string& participant_id,
                                   const StaffContext& context);

}  // namespace uketsuke
