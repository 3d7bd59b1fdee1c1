#include "kiosk/core/attendance/attendance_record.hpp"

#include <fmt/format.h>
#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <climits>
#include <memory>
#include <numeric>
#include <set>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "kiosk/core/model/local_time.hpp"
#include "kiosk/core/roster/search_key.hpp"

namespace uketsuke {
namespace {

constexpr std::int64_t kMinuteMs = 60'000;

bool attended(SessionMark mark) {
    return mark == SessionMark::Present || mark == SessionMark::Late ||
           mark == SessionMark::EarlyLeave;
}

void count(MarkCounts& counts, SessionMark mark) {
    switch (mark) {
        case SessionMark::Present:
            ++counts.present;
            break;
        case SessionMark::Late:
            ++counts.late;
            break;
        case SessionMark::EarlyLeave:
            ++counts.early_leave;
            break;
        case SessionMark::Absent:
            ++counts.absent;
            break;
        case SessionMark::MadeUp:
            ++counts.made_up;
            break;
        case SessionMark::NotExpected:
            break;
    }
}

std::optional<double> rate_of(int numerator, int denominator) {
    if (denominator <= 0) return std::nullopt;
    return static_cast<double>(numerator) / denominator;
}

std::string printable(std::string_view text) {
    std::string out;
    for (char c : text.substr(0, 24)) out += (c >= 0x20 && c < 0x7F) ? c : '?';
    return out;
}

// Japanese collation of folded text: ヤマダ, やまだ and ﾔﾏﾀﾞ sort together, in 五十音順.
class SortKeys {
public:
    SortKeys() {
        UErrorCode status = U_ZERO_ERROR;
        collator_.reset(icu::Collator::createInstance(icu::Locale::getJapanese(), status));
        if (U_FAILURE(status)) collator_.reset();
    }

    std::string key(std::string_view text) const {
        if (!collator_ || text.size() > static_cast<std::size_t>(INT32_MAX)) {
            return std::string(text);
        }
        const icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(
            icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
        std::string out(64, '\0');
        for (;;) {
            const int32_t needed = collator_->getSortKey(
                unicode, reinterpret_cast<uint8_t*>(out.data()), static_cast<int32_t>(out.size()));
            if (needed <= static_cast<int32_t>(out.size())) {
                out.resize(needed > 0 ? static_cast<std::size_t>(needed - 1) : 0);  // the NUL
                return out;
            }
            out.resize(static_cast<std::size_t>(needed));
        }
    }

private:
    std::unique_ptr<icu::Collator> collator_;
};

struct Ordered {
    bool no_organization = false;
    std::string organization;
    std::string reading;
    std::string name;
    std::size_t index = 0;  // into the unsorted people
};

// Counts, rates and totals from the cells, which are the record's facts.
void tally(AttendanceRecord& record) {
    const std::size_t session_count = record.sessions.size();
    for (auto& person : record.people) {
        person.counts = MarkCounts{};
        person.sessions = 0;
        for (std::size_t s = 0; s < session_count; ++s) {
            const SessionColumn& column = record.sessions[s];
            const AttendanceCell& cell = person.cells[s];
            if (column.makeup || !column.held) continue;
            if (!cell.expected && !attended(cell.mark)) continue;
            ++person.sessions;
            count(person.counts, cell.mark);
        }
        person.rate = rate_of(person.counts.attended() + person.counts.made_up, person.sessions);
    }
    // Totals per session and per organization.
    for (std::size_t s = 0; s < session_count; ++s) {
        SessionTotals& totals = record.sessions[s].totals;
        totals = SessionTotals{};
        std::set<std::string> organizations;
        for (const auto& person : record.people) {
            const AttendanceCell& cell = person.cells[s];
            if (cell.expected) ++totals.expected;
            count(totals.counts, cell.mark);
            if (!attended(cell.mark)) continue;
            if (!cell.expected || cell.walked_in) ++totals.walk_ins;
            if (!person.participant.organization.empty()) {
                organizations.insert(person.participant.organization);
            }
        }
        totals.organizations = static_cast<int>(organizations.size());
        totals.summary =
            attendance_summary(totals.organizations, totals.counts.attended(), totals.expected);
    }
    record.organizations.clear();
    for (const auto& person : record.people) {
        const std::string& name = person.participant.organization;
        if (record.organizations.empty() || record.organizations.back().name != name) {
            OrganizationAttendance organization;
            organization.name = name;
            record.organizations.push_back(std::move(organization));
        }
        OrganizationAttendance& organization = record.organizations.back();
        ++organization.people;
        organization.sessions += person.sessions;
        organization.attended += person.counts.attended() + person.counts.made_up;
    }
    for (auto& organization : record.organizations) {
        organization.rate = rate_of(organization.attended, organization.sessions);
    }
}

}  // namespace

std::string attendance_summary(int organizations, int attendees, int expected) {
    return fmt::format("{}団体{}名参加（申込者{}名）", organizations, attendees, expected);
}

Result<AttendanceRecord> build_attendance_record(const AttendanceInput& input) {
    AttendanceRecord record;
    record.time_zone = input.time_zone;
    if (!is_known_time_zone(input.time_zone)) {
        return SourceError{
            fmt::format("the event's time zone \"{}\" is not known", printable(input.time_zone))};
    }

    // Sessions, checked, in calendar order.
    for (const auto& session : input.sessions) {
        auto times = session_times(session, input.time_zone);
        if (!times) return times.error();
        if (session.late_grace_minutes < 0) {
            return SourceError{fmt::format("session {}: late grace {} minutes is negative",
                                           printable(session.id), session.late_grace_minutes)};
        }
        SessionColumn column;
        column.session = session;
        column.times = times.value();
        column.makeup = !session.makeup_of.empty();
        column.held = !input.now_ms || *input.now_ms >= column.times.starts_ms;
        record.sessions.push_back(std::move(column));
    }
    std::stable_sort(record.sessions.begin(), record.sessions.end(),
                     [](const SessionColumn& a, const SessionColumn& b) {
                         return std::tie(a.times.starts_ms, a.session.id) <
                                std::tie(b.times.starts_ms, b.session.id);
                     });
    std::unordered_map<std::string, std::size_t> session_index;
    for (std::size_t s = 0; s < record.sessions.size(); ++s) {
        if (!session_index.emplace(record.sessions[s].session.id, s).second) {
            return SourceError{
                fmt::format("session {} is given twice", printable(record.sessions[s].session.id))};
        }
    }
    const std::size_t session_count = record.sessions.size();
    std::vector<std::vector<std::size_t>> makeups_of(session_count);
    for (std::size_t s = 0; s < session_count; ++s) {
        const Session& session = record.sessions[s].session;
        if (session.makeup_of.empty()) continue;
        const auto target = session_index.find(session.makeup_of);
        if (target == session_index.end() || target->second == s) {
            return SourceError{fmt::format("session {}: makeup_of \"{}\" is not another session",
                                           printable(session.id), printable(session.makeup_of))};
        }
        makeups_of[target->second].push_back(s);
    }

    // People, and who is expected where.
    const auto& participants = input.participants;
    std::unordered_map<std::string, std::size_t> person_index;
    for (std::size_t p = 0; p < participants.size(); ++p) {
        person_index.emplace(participants[p].id, p);  // a repeated id keeps its first row
    }
    const std::size_t people = participants.size();
    std::vector<char> expected(session_count * people, 0);
    for (const auto& [session_id, ids] : input.expected) {
        const auto s = session_index.find(session_id);
        if (s == session_index.end()) continue;
        for (const auto& id : ids) {
            const auto p = person_index.find(id);
            if (p == person_index.end()) continue;
            if (participants[p->second].status == RegistrationStatus::Cancelled) continue;
            expected[s->second * people + p->second] = 1;
        }
    }

    // Each person's rows at each session, as one array of row numbers grouped by cell (a
    // counting sort): copying 50,000 rows into 40,000 little vectors cost more than the rest.
    const std::size_t cells = session_count * people;
    std::vector<std::size_t> cell_of(input.checkins.size(), cells);
    std::vector<std::size_t> cell_start(cells + 1, 0);
    std::set<std::string> strangers;
    for (std::size_t r = 0; r < input.checkins.size(); ++r) {
        const CheckinRecord& row = input.checkins[r];
        const auto s = session_index.find(row.session_id);
        if (s == session_index.end()) {
            ++record.rows_of_unknown_sessions;
            continue;
        }
        const auto p = person_index.find(row.participant_id);
        if (p == person_index.end()) {
            strangers.insert(row.participant_id);
            continue;
        }
        cell_of[r] = s->second * people + p->second;
        ++cell_start[cell_of[r] + 1];
    }
    for (std::size_t c = 0; c < cells; ++c) cell_start[c + 1] += cell_start[c];
    std::vector<std::size_t> rows_by_cell(cell_start[cells]);
    {
        std::vector<std::size_t> next(cell_start.begin(), cell_start.end() - 1);
        for (std::size_t r = 0; r < input.checkins.size(); ++r) {
            if (cell_of[r] != cells) rows_by_cell[next[cell_of[r]]++] = r;
        }
    }
    std::vector<CheckinRecord> log;
    auto fold_cell = [&](std::size_t c) {
        const std::size_t begin = cell_start[c];
        const std::size_t end = cell_start[c + 1];
        if (begin == end) return Attendance{};
        log.clear();
        for (std::size_t i = begin; i < end; ++i) log.push_back(input.checkins[rows_by_cell[i]]);
        return fold_attendance(log);
    };
    record.people_not_in_roster = strangers.size();
    for (std::size_t p = 0; p < people; ++p) {
        if (participants[p].status == RegistrationStatus::Cancelled &&
            person_index.at(participants[p].id) == p) {
            ++record.cancelled;
        }
    }

    std::vector<PersonAttendance> everyone;
    everyone.reserve(people);
    for (std::size_t p = 0; p < people; ++p) {
        PersonAttendance person;
        person.cells.resize(session_count);
        bool attended_any = false;
        for (std::size_t s = 0; s < session_count; ++s) {
            const SessionColumn& column = record.sessions[s];
            AttendanceCell& cell = person.cells[s];
            cell.expected = expected[s * people + p] != 0;
            const Attendance attendance = fold_cell(s * people + p);
            if (!attendance.checked_in) {
                const bool required = cell.expected && column.held && !column.makeup;
                cell.mark = required ? SessionMark::Absent : SessionMark::NotExpected;
                continue;
            }
            attended_any = true;
            const std::int64_t grace_ms = column.session.late_grace_minutes * kMinuteMs;
            cell.arrived_ms = attendance.first->wall_ms;
            cell.walked_in = attendance.first->method == CheckinMethod::WalkIn;
            const bool late = *cell.arrived_ms > column.times.starts_ms + grace_ms;
            bool early = false;
            if (column.session.records_leave && attendance.left) {
                cell.left_ms = attendance.left->wall_ms;
                early = *cell.left_ms < column.times.ends_ms - grace_ms;
            }
            cell.mark = late    ? SessionMark::Late
                        : early ? SessionMark::EarlyLeave
                                : SessionMark::Present;
        }
        const Participant& participant = participants[p];
        if (participant.status == RegistrationStatus::Cancelled && !attended_any) continue;
        if (person_index.at(participant.id) != p) continue;  // a repeated id
        for (std::size_t s = 0; s < session_count; ++s) {
            AttendanceCell& cell = person.cells[s];
            if (cell.mark != SessionMark::Absent) continue;
            for (const std::size_t makeup : makeups_of[s]) {
                if (attended(person.cells[makeup].mark)) {
                    cell.mark = SessionMark::MadeUp;
                    cell.made_up_at = record.sessions[makeup].session.id;
                    break;
                }
            }
        }
        person.participant = participant;
        everyone.push_back(std::move(person));
    }

    if (!input.collated_order) {
        std::sort(everyone.begin(), everyone.end(),
                  [](const PersonAttendance& a, const PersonAttendance& b) {
                      return std::tie(a.participant.organization, a.participant.id) <
                             std::tie(b.participant.organization, b.participant.id);
                  });
        record.people = std::move(everyone);
        tally(record);
        return record;
    }
    // 五十音順 within each organization.
    const SortKeys keys;
    std::vector<Ordered> order;
    order.reserve(everyone.size());
    for (std::size_t i = 0; i < everyone.size(); ++i) {
        const Participant& who = everyone[i].participant;
        order.push_back(Ordered{who.organization.empty(), keys.key(nfkc(who.organization)),
                                keys.key(search_key(who.reading.empty() ? who.name : who.reading)),
                                keys.key(nfkc(who.name)), i});
    }
    // The organization's own text right after its key keeps two spellings that collate
    // alike (ＡＢＣ, ABC) apart, so each organization's people stay together.
    std::sort(order.begin(), order.end(), [&everyone](const Ordered& a, const Ordered& b) {
        const Participant& x = everyone[a.index].participant;
        const Participant& y = everyone[b.index].participant;
        return std::tie(a.no_organization, a.organization, x.organization, a.reading, a.name,
                        x.id) <
               std::tie(b.no_organization, b.organization, y.organization, b.reading, b.name, y.id);
    });
    record.people.reserve(order.size());
    for (const auto& entry : order) record.people.push_back(std::move(everyone[entry.index]));

    tally(record);
    return record;
}

Result<AttendanceRecord> only_session(const AttendanceRecord& record, std::string_view session_id) {
    std::size_t s = 0;
    while (s < record.sessions.size() && record.sessions[s].session.id != session_id) ++s;
    if (s == record.sessions.size()) {
        return SourceError{fmt::format("there is no session {}", printable(session_id))};
    }
    AttendanceRecord one;
    one.time_zone = record.time_zone;
    one.sessions.push_back(record.sessions[s]);
    one.rows_of_unknown_sessions = record.rows_of_unknown_sessions;
    one.people_not_in_roster = record.people_not_in_roster;
    one.cancelled = record.cancelled;
    for (const auto& person : record.people) {
        const AttendanceCell& cell = person.cells[s];
        if (!cell.expected && !attended(cell.mark)) continue;
        PersonAttendance kept;
        kept.participant = person.participant;
        kept.cells.push_back(cell);
        one.people.push_back(std::move(kept));
    }
    tally(one);
    return one;
}

}  // namespace uketsuke
