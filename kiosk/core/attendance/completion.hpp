#pragma once
// Who completes a series (修了), by a rule the organizer sets: a share of their sessions
// (--require 80%) or all of them, whether a make-up (振) stands in for the session it makes
// up for, and what a late arrival or an early leave is worth. Computed over the record.
//
// Credit is counted in halves so "late counts as half" stays exact. A person's sessions here
// are the non-make-up sessions they were expected at or attended, held or still to come:
// completion is about the whole programme, so an upcoming session is one they have not
// attended yet, and attending it is one way to close the gap. What falls short says by how
// much and which later sessions would count: those still to come that they are expected at,
// and (when make-ups are allowed) make-ups not yet held of sessions they were absent from.
// A make-up cannot lift a 遅 or 早: it replaces an absence only, as the record's 振 does.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/attendance/attendance_record.hpp"
#include "kiosk/core/model/result.hpp"

namespace uketsuke {

enum class PartialCredit { Present, Half, Absent };

struct CompletionRule {
    int percent = 100;  // of the person's sessions; 100 is "all"
    bool allow_makeup = false;
    PartialCredit late = PartialCredit::Present;
    PartialCredit early_leave = PartialCredit::Present;
};

// "80%", "80" or "all" (1% to 100%, whole numbers).
Result<int, std::string> parse_required_percent(std::string_view text);
// "present", "half" or "absent".
Result<PartialCredit, std::string> parse_partial_credit(std::string_view text);
std::string_view to_string(PartialCredit credit);
// "80%" or "all", as parse_required_percent reads it.
std::string required_text(int percent);

struct CompletionFix {
    std::size_t session = 0;  // index into the record's sessions
    std::string makes_up;     // the session it makes up for; "" for a session of their own
};

struct Completion {
    bool applicable = false;  // the person has sessions at all
    bool completes = false;
    int sessions = 0;                   // held or to come
    int credit_halves = 0;              // earned so far
    int needed_halves = 0;              // the rule's share of `sessions`, rounded up to a half
    int missing_halves = 0;             // needed - credit, 0 when they complete
    int sessions_missing = 0;           // whole sessions still to attend: missing, rounded up
    std::vector<std::size_t> short_at;  // held sessions that earned less than a whole
    std::vector<CompletionFix> fixes;   // later sessions that would count, in order
    bool can_still_complete = false;    // the fixes together would be enough
};

// One per person of the record, in its order.
std::vector<Completion> evaluate_completion(const AttendanceRecord& record,
                                            const CompletionRule& rule);

}  // namespace uketsuke
