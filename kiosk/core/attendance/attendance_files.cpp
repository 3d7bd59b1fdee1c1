#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <vector>

#include "kiosk/core/attendance/attendance_output.hpp"
#include "kiosk/core/model/local_time.hpp"
#include "kiosk/core/model/utf8.hpp"
#include "kiosk/core/roster/export.hpp"

namespace uketsuke {
namespace {

// A CSV that says it is UTF-8 must be: a malformed name is written with U+FFFD.
std::string well_formed(std::string_view text) {
    return utf8::is_valid(text) ? std::string(text) : utf8::encode(utf8::decode(text));
}

void add_line(std::string& csv, const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) csv += ',';
        csv += csv_field(well_formed(fields[i]));
    }
    csv += "\r\n";
}

std::string fixes_text(const Completion& completion, const AttendanceRecord& record) {
    std::string out;
    for (const auto& fix : completion.fixes) {
        if (!out.empty()) out += " ";
        const Session& session = record.sessions[fix.session].session;
        out += session.id;
        if (!fix.makes_up.empty()) out += fmt::format("({}の振替)", fix.makes_up);
    }
    return out;
}

nlohmann::json optional_time(const std::optional<std::int64_t>& ms, const std::string& zone) {
    return ms ? nlohmann::json(local_date_time(*ms, zone)) : nlohmann::json(nullptr);
}

nlohmann::json optional_rate(const std::optional<double>& rate) {
    return rate ? nlohmann::json(*rate) : nlohmann::json(nullptr);
}

nlohmann::json counts_json(const MarkCounts& c) {
    return {{"present", c.present}, {"late", c.late},       {"early_leave", c.early_leave},
            {"absent", c.absent},   {"made_up", c.made_up}, {"attended", c.attended()}};
}

}  // namespace

nlohmann::json session_json(const SessionColumn& column) {
    const Session& s = column.session;
    const SessionTotals& t = column.totals;
    return {
        {"id", s.id},
        {"name", s.name},
        {"date", s.date},
        {"starts_at", s.starts_at},
        {"ends_at", s.ends_at},
        {"room", s.room},
        {"late_grace_minutes", s.late_grace_minutes},
        {"records_leave", s.records_leave},
        {"makeup_of", s.makeup_of.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.makeup_of)},
        {"held", column.held},
        {"expected", t.expected},
        {"counts", counts_json(t.counts)},
        {"walk_ins", t.walk_ins},
        {"organizations", t.organizations},
        {"summary", t.summary}};
}

std::string attendance_csv(const AttendanceRecord& record,
                           const std::optional<CompletionRule>& rule) {
    const auto& columns = record.sessions;
    std::vector<Completion> completions;
    if (rule) completions = evaluate_completion(record, *rule);
    std::string csv = "\xEF\xBB\xBF";  // the BOM tells Excel this is UTF-8

    std::vector<std::string> header{"所属", "氏名", "ふりがな", "ID"};
    for (const auto& column : columns) {
        const Session& s = column.session;
        header.push_back(fmt::format("{} {}", s.name.empty() ? s.id : s.name, s.date));
    }
    for (const char* title : {"出席", "遅刻", "早退", "欠席", "振替", "対象回数", "出席率"}) {
        header.emplace_back(title);
    }
    if (rule) {
        header.insert(header.end(), {"修了", "不足回数", "今後の回"});
    }
    add_line(csv, header);
    for (std::size_t p = 0; p < record.people.size(); ++p) {
        const PersonAttendance& person = record.people[p];
        const Participant& who = person.participant;
        std::vector<std::string> fields{who.organization, who.name, who.reading, who.id};
        for (const auto& cell : person.cells) {
            fields.emplace_back(session_mark_symbol(cell.mark));
        }
        const MarkCounts& c = person.counts;
        for (int n : {c.present, c.late, c.early_leave, c.absent, c.made_up, person.sessions}) {
            fields.push_back(std::to_string(n));
        }
        fields.push_back(rate_text(person.rate));
        if (rule) {
            const Completion& completion = completions[p];
            fields.push_back(!completion.applicable ? "" : completion.completes ? "修了" : "未了");
            fields.push_back(completion.applicable ? halves_text(completion.missing_halves) : "");
            fields.push_back(fixes_text(completion, record));
        }
        add_line(csv, fields);
    }

    // Per-session totals under the marks, so each lines up with its column in Excel.
    csv += "\r\n";
    auto totals_line = [&](const std::string& label, auto value) {
        std::vector<std::string> fields{label, "", "", ""};
        for (const auto& column : columns) fields.push_back(value(column));
        add_line(csv, fields);
    };
    totals_line("申込者", [](const SessionColumn& c) { return std::to_string(c.totals.expected); });
    totals_line("参加",
                [](const SessionColumn& c) { return std::to_string(c.totals.counts.attended()); });
    totals_line("遅刻",
                [](const SessionColumn& c) { return std::to_string(c.totals.counts.late); });
    totals_line("早退",
                [](const SessionColumn& c) { return std::to_string(c.totals.counts.early_leave); });
    totals_line("欠席",
                [](const SessionColumn& c) { return std::to_string(c.totals.counts.absent); });
    totals_line("振替",
                [](const SessionColumn& c) { return std::to_string(c.totals.counts.made_up); });
    totals_line("当日参加",
                [](const SessionColumn& c) { return std::to_string(c.totals.walk_ins); });
    totals_line("団体数",
                [](const SessionColumn& c) { return std::to_string(c.totals.organizations); });
    totals_line("概要", [](const SessionColumn& c) { return c.totals.summary; });

    csv += "\r\n";
    add_line(csv, {"所属", "人数", "対象回数", "出席回数", "出席率"});
    for (const auto& organization : record.organizations) {
        add_line(csv, {organization.name, std::to_string(organization.people),
                       std::to_string(organization.sessions), std::to_string(organization.attended),
                       rate_text(organization.rate)});
    }
    return csv;
}

std::string attendance_json(const AttendanceRecord& record,
                            const std::optional<CompletionRule>& rule) {
    const std::string& zone = record.time_zone;
    std::vector<Completion> completions;
    if (rule) completions = evaluate_completion(record, *rule);

    nlohmann::json sessions = nlohmann::json::array();
    for (const auto& column : record.sessions) sessions.push_back(session_json(column));
    nlohmann::json people = nlohmann::json::array();
    for (std::size_t p = 0; p < record.people.size(); ++p) {
        const PersonAttendance& person = record.people[p];
        const Participant& who = person.participant;
        nlohmann::json cells = nlohmann::json::array();
        for (std::size_t s = 0; s < person.cells.size(); ++s) {
            const AttendanceCell& cell = person.cells[s];
            nlohmann::json entry = {{"session", record.sessions[s].session.id},
                                    {"mark", to_string(cell.mark)},
                                    {"symbol", session_mark_symbol(cell.mark)},
                                    {"expected", cell.expected},
                                    {"arrived_at", optional_time(cell.arrived_ms, zone)},
                                    {"left_at", optional_time(cell.left_ms, zone)}};
            if (!cell.made_up_at.empty()) entry["made_up_at"] = cell.made_up_at;
            cells.push_back(std::move(entry));
        }
        nlohmann::json row = {{"id", who.id},
                              {"name", who.name},
                              {"reading", who.reading},
                              {"organization", who.organization},
                              {"role", to_string(who.role)},
                              {"registration", to_string(who.status)},
                              {"sessions", person.sessions},
                              {"counts", counts_json(person.counts)},
                              {"rate", optional_rate(person.rate)},
                              {"marks", cells}};
        if (rule) {
            const Completion& c = completions[p];
            nlohmann::json fixes = nlohmann::json::array();
            for (const auto& fix : c.fixes) {
                fixes.push_back(
                    {{"session", record.sessions[fix.session].session.id},
                     {"makes_up", fix.makes_up.empty() ? nlohmann::json(nullptr)
                                                       : nlohmann::json(fix.makes_up)}});
            }
            nlohmann::json short_at = nlohmann::json::array();
            for (const std::size_t s : c.short_at)
                short_at.push_back(record.sessions[s].session.id);
            row["completion"] = {{"applicable", c.applicable},
                                 {"completes", c.completes},
                                 {"sessions", c.sessions},
                                 {"credit", c.credit_halves / 2.0},
                                 {"needed", c.needed_halves / 2.0},
                                 {"missing", c.missing_halves / 2.0},
                                 {"sessions_missing", c.sessions_missing},
                                 {"short_at", short_at},
                                 {"fixes", fixes},
                                 {"can_still_complete", c.completes || c.can_still_complete}};
        }
        people.push_back(std::move(row));
    }
    nlohmann::json organizations = nlohmann::json::array();
    for (const auto& organization : record.organizations) {
        organizations.push_back({{"name", organization.name},
                                 {"people", organization.people},
                                 {"sessions", organization.sessions},
                                 {"attended", organization.attended},
                                 {"rate", optional_rate(organization.rate)}});
    }
    nlohmann::json document = {{"time_zone", zone},
                               {"sessions", sessions},
                               {"people", people},
                               {"organizations", organizations},
                               {"rows_of_unknown_sessions", record.rows_of_unknown_sessions},
                               {"people_not_in_roster", record.people_not_in_roster},
                               {"cancelled", record.cancelled}};
    if (rule) {
        document["completion_rule"] = {{"require", required_text(rule->percent)},
                                       {"allow_makeup", rule->allow_makeup},
                                       {"late", to_string(rule->late)},
                                       {"early_leave", to_string(rule->early_leave)}};
    }
    // Names are whatever bytes the roster held: the strict default would throw on malformed
    // UTF-8 in the middle of an export; replace writes U+FFFD and keeps the rest.
    return document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace uketsuke
