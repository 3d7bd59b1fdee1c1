#include "kiosk/core/attendance/completion.hpp"

#include <fmt/format.h>

#include <charconv>
#include <set>

namespace uketsuke {
namespace {

int halves(PartialCredit credit) {
    switch (credit) {
        case PartialCredit::Present:
            return 2;
        case PartialCredit::Half:
            return 1;
        case PartialCredit::Absent:
            return 0;
    }
    return 0;
}

int credit_halves(SessionMark mark, const CompletionRule& rule) {
    switch (mark) {
        case SessionMark::Present:
            return 2;
        case SessionMark::Late:
            return halves(rule.late);
        case SessionMark::EarlyLeave:
            return halves(rule.early_leave);
        case SessionMark::MadeUp:
            return rule.allow_makeup ? 2 : 0;
        case SessionMark::Absent:
        case SessionMark::NotExpected:
            return 0;
    }
    return 0;
}

bool attended(SessionMark mark) {
    return mark == SessionMark::Present || mark == SessionMark::Late ||
           mark == SessionMark::EarlyLeave;
}

}  // namespace

Result<int, std::string> parse_required_percent(std::string_view text) {
    if (text == "all") return 100;
    std::string_view number = text;
    if (!number.empty() && number.back() == '%') number.remove_suffix(1);
    int percent = 0;
    const auto [end, error] =
        std::from_chars(number.data(), number.data() + number.size(), percent);
    if (number.empty() || error != std::errc() || end != number.data() + number.size() ||
        percent < 1 || percent > 100) {
        return std::string("give a whole percentage from 1% to 100%, such as 80%, or all");
    }
    return percent;
}

Result<PartialCredit, std::string> parse_partial_credit(std::string_view text) {
    if (text == "present") return PartialCredit::Present;
    if (text == "half") return PartialCredit::Half;
    if (text == "absent") return PartialCredit::Absent;
    return std::string("use present, half or absent");
}

std::string_view to_string(PartialCredit credit) {
    switch (credit) {
        case PartialCredit::Present:
            return "present";
        case PartialCredit::Half:
            return "half";
        case PartialCredit::Absent:
            return "absent";
    }
    return "present";
}

std::string required_text(int percent) {
    return percent >= 100 ? std::string("all") : fmt::format("{}%", percent);
}

std::vector<Completion> evaluate_completion(const AttendanceRecord& record,
                                            const CompletionRule& rule) {
    const auto& columns = record.sessions;
    std::vector<Completion> result;
    result.reserve(record.people.size());
    for (const auto& person : record.people) {
        Completion completion;
        std::vector<std::size_t> absent_at;
        for (std::size_t s = 0; s < columns.size(); ++s) {
            const SessionColumn& column = columns[s];
            const AttendanceCell& cell = person.cells[s];
            if (column.makeup || (!cell.expected && !attended(cell.mark))) continue;
            ++completion.sessions;
            const int credit = credit_halves(cell.mark, rule);
            completion.credit_halves += credit;
            if (column.held && credit < 2) completion.short_at.push_back(s);
            if (cell.mark == SessionMark::Absent) absent_at.push_back(s);
        }
        completion.applicable = completion.sessions > 0;
        // The smallest number of halves h with h / (2 × sessions) ≥ percent / 100.
        completion.needed_halves = (rule.percent * completion.sessions * 2 + 99) / 100;
        completion.completes =
            completion.applicable && completion.credit_halves >= completion.needed_halves;
        if (completion.applicable && !completion.completes) {
            completion.missing_halves = completion.needed_halves - completion.credit_halves;
            completion.sessions_missing = (completion.missing_halves + 1) / 2;
            int available = 0;
            std::set<std::size_t> can_make_up;
            for (std::size_t s = 0; s < columns.size(); ++s) {
                const SessionColumn& column = columns[s];
                if (column.held) continue;
                const AttendanceCell& cell = person.cells[s];
                if (!column.makeup) {
                    // Still to come and not attended yet (the kiosk may already have them).
                    if (cell.expected && !attended(cell.mark)) {
                        completion.fixes.push_back(CompletionFix{s, ""});
                        available += 2;
                    }
                    continue;
                }
                if (!rule.allow_makeup) continue;
                for (const std::size_t missed : absent_at) {
                    if (columns[missed].session.id != column.session.makeup_of) continue;
                    completion.fixes.push_back(CompletionFix{s, column.session.makeup_of});
                    // Two make-ups of one session are one way to earn it, not two.
                    if (can_make_up.insert(missed).second) available += 2;
                }
            }
            completion.can_still_complete =
                completion.credit_halves + available >= completion.needed_halves;
        }
        result.push_back(std::move(completion));
    }
    return result;
}

}  // namespace uketsuke
