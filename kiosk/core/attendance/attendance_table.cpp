#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "kiosk/core/attendance/attendance_output.hpp"
#include "kiosk/core/attendance/display_width.hpp"

namespace uketsuke {
namespace {

// Long organization names and names are cut (with …) so a row fits a terminal; the CSV
// keeps them whole.
constexpr std::size_t kMaxNameColumns = 20;

std::size_t widest(const std::vector<std::string>& texts, std::size_t at_least) {
    std::size_t width = at_least;
    for (const auto& text : texts) width = std::max(width, display_width(terminal_text(text)));
    return std::min(width, kMaxNameColumns);
}

std::string credit_text(PartialCredit credit) {
    switch (credit) {
        case PartialCredit::Present:
            return "出席";
        case PartialCredit::Half:
            return "半分";
        case PartialCredit::Absent:
            return "欠席";
    }
    return "出席";
}

std::string completion_text(const Completion& completion, const AttendanceRecord& record) {
    if (!completion.applicable) return "—";
    if (completion.completes) return "修了";
    std::string out = fmt::format("未了 あと{}回", completion.sessions_missing);
    if (!completion.fixes.empty()) {
        std::vector<std::string> fixes;
        for (const auto& fix : completion.fixes) {
            const std::string id = terminal_text(record.sessions[fix.session].session.id);
            fixes.push_back(fix.makes_up.empty()
                                ? id
                                : fmt::format("{}({}の振替)", id, terminal_text(fix.makes_up)));
        }
        out += fmt::format(" 今後: {}", fmt::join(fixes, ", "));
    }
    if (!completion.fixes.empty() && !completion.can_still_complete) {
        out += "（今後の回では足りない）";
    }
    return out;
}

}  // namespace

std::string rate_text(const std::optional<double>& rate) {
    return rate ? fmt::format("{:.1f}%", *rate * 100.0) : std::string();
}

std::string halves_text(int halves) {
    return halves % 2 == 0 ? fmt::format("{}", halves / 2) : fmt::format("{}.5", halves / 2);
}

std::string attendance_table(const AttendanceRecord& record,
                             const std::optional<CompletionRule>& rule) {
    std::string out;
    const auto& columns = record.sessions;

    // The sessions, one a line, with the summary organizers copy into their reports.
    std::vector<std::string> ids;
    std::vector<std::string> names;
    for (const auto& column : columns) {
        ids.push_back(column.session.id);
        names.push_back(column.session.name);
    }
    const std::size_t id_width = widest(ids, 2);
    const std::size_t name_width = widest(names, 4);
    out += "回 / Sessions\n";
    for (const auto& column : columns) {
        const Session& s = column.session;
        const MarkCounts& c = column.totals.counts;
        out += fmt::format("  {}  {} {}–{}  {}  ", fit_columns(s.id, id_width),
                           terminal_text(s.date), terminal_text(s.starts_at),
                           terminal_text(s.ends_at), fit_columns(s.name, name_width));
        if (!column.held) {
            out += "これから";
            if (c.attended() > 0) out += fmt::format("（受付済み{}名）", c.attended());
        } else {
            out += column.totals.summary;
            out += fmt::format("  ○{} 遅{} 早{} ×{} 振{}", c.present, c.late, c.early_leave,
                               c.absent, c.made_up);
            if (column.totals.walk_ins > 0) {
                out += fmt::format(" 当日参加{}", column.totals.walk_ins);
            }
        }
        if (column.makeup) out += fmt::format("  ({}の振替)", terminal_text(s.makeup_of));
        out += "\n";
    }

    if (rule) {
        out += fmt::format(
            "\n修了の条件: {}、遅刻は{}、早退は{}、振替は{}\n",
            rule->percent >= 100 ? std::string("全回出席") : fmt::format("{}%以上", rule->percent),
            credit_text(rule->late), credit_text(rule->early_leave),
            rule->allow_makeup ? "出席とみなす" : "数えない");
    }

    // The record: a row per person, a mark per session.
    std::vector<std::string> organizations;
    std::vector<std::string> people;
    for (const auto& person : record.people) {
        organizations.push_back(person.participant.organization);
        people.push_back(person.participant.name);
    }
    const std::size_t organization_width = widest(organizations, display_width("所属"));
    const std::size_t person_width = widest(people, display_width("氏名"));
    std::vector<std::size_t> mark_widths;
    for (const auto& column : columns) {
        mark_widths.push_back(
            std::max<std::size_t>(2, display_width(terminal_text(column.session.id))));
    }
    std::vector<Completion> completions;
    if (rule) completions = evaluate_completion(record, *rule);

    out +=
        "\n" + fit_columns("所属", organization_width) + "  " + fit_columns("氏名", person_width);
    for (std::size_t s = 0; s < columns.size(); ++s) {
        out += " " + fit_columns(columns[s].session.id, mark_widths[s]);
    }
    out += "  出席率";
    if (rule) out += "          修了";
    out += "\n";
    for (std::size_t p = 0; p < record.people.size(); ++p) {
        const PersonAttendance& person = record.people[p];
        std::string line = fit_columns(person.participant.organization, organization_width) + "  " +
                           fit_columns(person.participant.name, person_width);
        for (std::size_t s = 0; s < columns.size(); ++s) {
            line += " " + fit_columns(session_mark_symbol(person.cells[s].mark), mark_widths[s]);
        }
        const std::string rate =
            person.rate ? fmt::format("{}/{} {}", person.counts.attended() + person.counts.made_up,
                                      person.sessions, rate_text(person.rate))
                        : std::string("—");
        line += "  " + fit_columns(rate, 14, rule.has_value());
        if (rule) line += "  " + completion_text(completions[p], record);
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out += line + "\n";
    }

    if (!record.organizations.empty()) {
        out += "\n所属別出席率\n";
        std::vector<std::string> names_of;
        for (const auto& organization : record.organizations) {
            names_of.push_back(organization.name.empty() ? "(所属なし)" : organization.name);
        }
        const std::size_t width = widest(names_of, 4);
        for (std::size_t i = 0; i < record.organizations.size(); ++i) {
            const auto& organization = record.organizations[i];
            out += fmt::format("  {}  {:>3}名  {:>4}/{:<4} {}\n", fit_columns(names_of[i], width),
                               organization.people, organization.attended, organization.sessions,
                               organization.rate ? rate_text(organization.rate) : "—");
        }
    }
    if (rule) {
        int completing = 0;
        int applicable = 0;
        for (const auto& completion : completions) {
            completing += completion.completes ? 1 : 0;
            applicable += completion.applicable ? 1 : 0;
        }
        out += fmt::format("\n修了 {}名 / {}名\n", completing, applicable);
    }
    if (record.rows_of_unknown_sessions > 0) {
        out += fmt::format(
            "\nnote: {} check-in rows of sessions this file does not have were left out\n",
            record.rows_of_unknown_sessions);
    }
    if (record.people_not_in_roster > 0) {
        out += fmt::format("note: {} people checked in with tickets this file has no details of\n",
                           record.people_not_in_roster);
    }
    return out;
}

}  // namespace uketsuke
