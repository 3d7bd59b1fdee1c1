// A year's series as it happens: six meetings (the third over two days, so seven sessions),
// two make-up sessions, thirty people of nine organizations plus walk-ins and a cancelled
// registration, three kiosks whose rows arrive shuffled. The test decides what each person
// did at each session first, writes the rows that tell it (scans again at another kiosk,
// mistaken check-ins undone, leaving and coming back), and checks the record against its
// own counting of those decisions: the code under test never sees the decisions.

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "attendance_fixture.hpp"
#include "kiosk/core/attendance/attendance_record.hpp"
#include "kiosk/core/attendance/completion.hpp"

namespace uketsuke {
namespace {

using namespace testing;

enum class Did { Away, UndoneAway, OnTime, Late, Early, LateAndEarly, LeftAndCameBack, RedoneLate };

struct Plan {
    std::string id;
    int day;
    std::string makeup_of;
};

const std::vector<Plan> kPlans{
    {"m1", 0, ""},   {"m2", 30, ""},    {"m3a", 60, ""}, {"m3b", 61, ""},    {"m4", 90, ""},
    {"m5", 120, ""}, {"m2x", 45, "m2"}, {"m6", 150, ""}, {"m5x", 135, "m5"},
};

struct World {
    AttendanceInput input;
    std::map<std::pair<std::string, std::string>, Did> did;  // (person, session)
    std::map<std::string, std::string> organization_of;
    std::set<std::string> cancelled;
    std::map<std::string, std::set<std::string>> expected;  // person → sessions
};

Session make_session(const Plan& plan) {
    Session s;
    s.id = plan.id;
    s.name = "研究会 " + plan.id;
    // Days since 2026-05-12, written out as a date by hand (no library in the oracle).
    static const int kMonthDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int month = 5;
    int day = 12 + plan.day;
    while (day > kMonthDays[month - 1]) day -= kMonthDays[month++ - 1];
    s.date = "2026-" + std::string(month < 10 ? "0" : "") + std::to_string(month) + "-" +
             std::string(day < 10 ? "0" : "") + std::to_string(day);
    s.starts_at = "13:00";
    s.ends_at = "17:00";
    s.late_grace_minutes = 10;
    s.records_leave = plan.day % 60 == 0;  // m1, m3a, m5 record leaving
    s.makeup_of = plan.makeup_of;
    return s;
}

World make_world(std::uint64_t seed) {
    std::mt19937_64 random(seed);
    auto chance = [&random](int percent) {
        return std::uniform_int_distribution<int>(0, 99)(random) < percent;
    };
    auto between = [&random](int low, int high) {
        return std::uniform_int_distribution<int>(low, high)(random);
    };
    World w;
    w.input.time_zone = "Asia/Tokyo";
    for (const auto& plan : kPlans) w.input.sessions.push_back(make_session(plan));
    const std::vector<std::string> organizations{"青葉市", "港南市", "北山村", "東町",  "西町",
                                                 "南区",   "髙橋町", "山﨑村", "中央市"};
    for (int i = 0; i < 34; ++i) {
        const std::string id = "p" + std::to_string(i);
        const std::string organization = organizations[i % organizations.size()];
        w.input.participants.push_back(someone(id, "氏名" + std::to_string(i),
                                               "しめい" + std::to_string(100 - i), organization));
        w.organization_of[id] = organization;
        if (i == 30) {  // cancelled, on no list, never came
            w.input.participants.back().status = RegistrationStatus::Cancelled;
            w.cancelled.insert(id);
            continue;
        }
        if (i > 30) continue;  // walk-ins: on no list
        for (const auto& plan : kPlans) {
            if (plan.makeup_of.empty() && !(i == 29 && plan.id == "m6")) {
                w.expected[id].insert(plan.id);
                w.input.expected[plan.id].push_back(id);
            }
        }
    }

    const std::vector<Did> choices{
        Did::Away, Did::UndoneAway, Did::OnTime,       Did::OnTime,          Did::OnTime,
        Did::Late, Did::Early,      Did::LateAndEarly, Did::LeftAndCameBack, Did::RedoneLate};
    int next_row = 0;
    auto add = [&](const std::string& person, const Plan& plan, int minute, CheckinKind kind,
                   const std::string& undoes = "") {
        CheckinRecord r = row("row" + std::to_string(next_row++), person, plan.id,
                              at_minute(plan.day, minute), kind, undoes);
        r.kiosk = "K" + std::to_string(between(1, 3));
        // HLC stamps sort as their wall time here: kiosks with good clocks.
        char stamp[40];
        std::snprintf(stamp, sizeof stamp, "%015lld-%s", static_cast<long long>(r.wall_ms),
                      r.kiosk.c_str());
        r.stamp = stamp;
        w.input.checkins.push_back(r);
        return r.id;
    };
    for (const auto& person : w.input.participants) {
        if (w.cancelled.contains(person.id)) continue;
        const bool walk_in = person.id > "p30" && person.id.size() == 3;
        for (const auto& plan : kPlans) {
            const Session& session = make_session(plan);
            const bool listed = w.expected[person.id].contains(plan.id);
            Did d = Did::Away;
            if (!plan.makeup_of.empty()) {
                // The make-up: some of those who missed the meeting come.
                const auto missed = w.did.find({person.id, plan.makeup_of});
                const bool away = missed != w.did.end() && (missed->second == Did::Away ||
                                                            missed->second == Did::UndoneAway);
                d = (away && chance(60)) || chance(5) ? Did::OnTime : Did::Away;
            } else if (listed) {
                d = choices[between(0, static_cast<int>(choices.size()) - 1)];
            } else if (walk_in) {
                d = chance(40) ? Did::Late : Did::Away;
            }
            if (!session.records_leave && (d == Did::Early || d == Did::LeftAndCameBack)) {
                d = Did::OnTime;  // a leave is not recorded there
            }
            if (!session.records_leave && d == Did::LateAndEarly) d = Did::Late;
            w.did[{person.id, plan.id}] = d;
            switch (d) {
                case Did::Away:
                    break;
                case Did::UndoneAway: {
                    const std::string wrong =
                        add(person.id, plan, between(-30, 60), CheckinKind::CheckIn);
                    add(person.id, plan, between(61, 90), CheckinKind::Undo, wrong);
                    break;
                }
                case Did::OnTime:
                    add(person.id, plan, between(-50, 10), CheckinKind::CheckIn);
                    if (chance(40)) add(person.id, plan, between(11, 200), CheckinKind::CheckIn);
                    break;
                case Did::Late:
                    add(person.id, plan, between(11, 150), CheckinKind::CheckIn);
                    if (chance(30)) add(person.id, plan, between(151, 200), CheckinKind::CheckIn);
                    break;
                case Did::Early:
                    add(person.id, plan, between(-50, 10), CheckinKind::CheckIn);
                    add(person.id, plan, between(20, 229), CheckinKind::Leave);
                    break;
                case Did::LateAndEarly:
                    add(person.id, plan, between(11, 100), CheckinKind::CheckIn);
                    add(person.id, plan, between(101, 229), CheckinKind::Leave);
                    break;
                case Did::LeftAndCameBack:
                    add(person.id, plan, between(-50, 10), CheckinKind::CheckIn);
                    add(person.id, plan, between(20, 100), CheckinKind::Leave);
                    add(person.id, plan, between(101, 150), CheckinKind::CheckIn);
                    if (chance(50)) add(person.id, plan, between(231, 300), CheckinKind::Leave);
                    break;
                case Did::RedoneLate: {
                    const std::string wrong =
                        add(person.id, plan, between(-50, 0), CheckinKind::CheckIn);
                    add(person.id, plan, between(1, 5), CheckinKind::Undo, wrong);
                    add(person.id, plan, between(11, 60), CheckinKind::CheckIn);
                    break;
                }
            }
        }
    }
    std::shuffle(w.input.checkins.begin(), w.input.checkins.end(), random);
    return w;
}

// What the record should show, from the decisions alone.
SessionMark expected_mark(const World& w, const std::string& person, const Plan& plan) {
    const Did d = w.did.at({person, plan.id});
    switch (d) {
        case Did::OnTime:
        case Did::LeftAndCameBack:
            return SessionMark::Present;
        case Did::Late:
        case Did::LateAndEarly:
        case Did::RedoneLate:
            return SessionMark::Late;
        case Did::Early:
            return SessionMark::EarlyLeave;
        case Did::Away:
        case Did::UndoneAway:
            break;
    }
    const bool listed = w.expected.contains(person) && w.expected.at(person).contains(plan.id);
    if (!plan.makeup_of.empty() || !listed) return SessionMark::NotExpected;
    for (const auto& other : kPlans) {
        if (other.makeup_of != plan.id) continue;
        const Did there = w.did.at({person, other.id});
        if (there != Did::Away && there != Did::UndoneAway) return SessionMark::MadeUp;
    }
    return SessionMark::Absent;
}

TEST(AttendanceSeries, EveryMarkAndRateMatchesTheDecisions) {
    for (std::uint64_t seed = 1; seed <= 25; ++seed) {
        SCOPED_TRACE("seed " + std::to_string(seed));
        const World w = make_world(seed);
        auto built = build_attendance_record(w.input);
        ASSERT_TRUE(built) << built.error().message;
        const AttendanceRecord& record = built.value();
        ASSERT_EQ(record.sessions.size(), kPlans.size());

        // Where each plan ended up among the record's columns.
        std::map<std::string, std::size_t> column_of;
        for (std::size_t s = 0; s < record.sessions.size(); ++s) {
            column_of[record.sessions[s].session.id] = s;
            if (s > 0) {
                EXPECT_LE(record.sessions[s - 1].times.starts_ms,
                          record.sessions[s].times.starts_ms);
            }
        }

        std::set<std::string> seen;
        std::map<std::string, std::pair<int, int>> by_organization;  // attended, sessions
        std::map<std::string, std::array<int, 7>> per_session;  // ○ 遅 早 × 振 walk-in expected
        std::string last_organization;
        std::set<std::string> organizations_done;
        for (const auto& person : record.people) {
            const std::string& id = person.participant.id;
            EXPECT_TRUE(seen.insert(id).second) << id << " twice";
            EXPECT_FALSE(w.cancelled.contains(id));
            // Each organization's people together.
            if (person.participant.organization != last_organization) {
                EXPECT_FALSE(organizations_done.contains(person.participant.organization));
                organizations_done.insert(last_organization);
                last_organization = person.participant.organization;
            }
            int attended = 0;
            int sessions = 0;
            for (const auto& plan : kPlans) {
                const SessionMark want = expected_mark(w, id, plan);
                const AttendanceCell& cell = person.cells[column_of.at(plan.id)];
                EXPECT_EQ(cell.mark, want)
                    << id << " at " << plan.id << ": " << static_cast<int>(w.did.at({id, plan.id}));
                const bool listed = w.expected.contains(id) && w.expected.at(id).contains(plan.id);
                auto& tally = per_session[plan.id];
                if (want == SessionMark::Present) ++tally[0];
                if (want == SessionMark::Late) ++tally[1];
                if (want == SessionMark::EarlyLeave) ++tally[2];
                if (want == SessionMark::Absent) ++tally[3];
                if (want == SessionMark::MadeUp) ++tally[4];
                const bool came = want == SessionMark::Present || want == SessionMark::Late ||
                                  want == SessionMark::EarlyLeave;
                if (came && !listed) ++tally[5];
                if (listed) ++tally[6];
                if (!plan.makeup_of.empty() || (!listed && !came)) continue;
                ++sessions;
                if (came || want == SessionMark::MadeUp) ++attended;
            }
            EXPECT_EQ(person.sessions, sessions) << id;
            if (sessions == 0) {
                EXPECT_FALSE(person.rate) << id;
            } else {
                ASSERT_TRUE(person.rate) << id;
                EXPECT_DOUBLE_EQ(*person.rate, double(attended) / sessions) << id;
            }
            auto& organization = by_organization[person.participant.organization];
            organization.first += attended;
            organization.second += sessions;
        }
        // Everyone but the cancelled one and walk-ins who never came.
        for (const auto& p : w.input.participants) {
            if (w.cancelled.contains(p.id)) continue;
            bool came_once = w.expected.contains(p.id);
            for (const auto& plan : kPlans) {
                const Did d = w.did.at({p.id, plan.id});
                came_once = came_once || (d != Did::Away && d != Did::UndoneAway);
            }
            EXPECT_EQ(seen.contains(p.id), came_once) << p.id;
        }

        for (const auto& column : record.sessions) {
            const auto& tally = per_session[column.session.id];
            const MarkCounts& c = column.totals.counts;
            EXPECT_EQ(c.present, tally[0]) << column.session.id;
            EXPECT_EQ(c.late, tally[1]) << column.session.id;
            EXPECT_EQ(c.early_leave, tally[2]) << column.session.id;
            EXPECT_EQ(c.absent, tally[3]) << column.session.id;
            EXPECT_EQ(c.made_up, tally[4]) << column.session.id;
            EXPECT_EQ(column.totals.walk_ins, tally[5]) << column.session.id;
            EXPECT_EQ(column.totals.expected, tally[6]) << column.session.id;
        }
        ASSERT_EQ(record.organizations.size(), by_organization.size());
        for (const auto& organization : record.organizations) {
            const auto [attended, sessions] = by_organization.at(organization.name);
            EXPECT_EQ(organization.attended, attended) << organization.name;
            EXPECT_EQ(organization.sessions, sessions) << organization.name;
            ASSERT_TRUE(organization.rate);
            EXPECT_DOUBLE_EQ(*organization.rate, double(attended) / sessions);
        }

        // Completion by 80%, late as half, make-ups allowed: count halves from the marks.
        CompletionRule rule;
        rule.percent = 80;
        rule.allow_makeup = true;
        rule.late = PartialCredit::Half;
        const auto completions = evaluate_completion(record, rule);
        ASSERT_EQ(completions.size(), record.people.size());
        for (std::size_t p = 0; p < record.people.size(); ++p) {
            const std::string& id = record.people[p].participant.id;
            double credit = 0;
            int sessions = 0;
            for (const auto& plan : kPlans) {
                if (!plan.makeup_of.empty()) continue;
                const SessionMark m = expected_mark(w, id, plan);
                if (m == SessionMark::NotExpected) continue;
                ++sessions;
                credit += m == SessionMark::Late ? 0.5 : (m == SessionMark::Absent ? 0.0 : 1.0);
            }
            const bool completes = sessions > 0 && credit >= 0.8 * sessions - 1e-9;
            EXPECT_EQ(completions[p].completes, completes) << id;
            EXPECT_EQ(completions[p].sessions, sessions) << id;
            if (!completes && sessions > 0) {
                // The fewest halves that reach 80%, less what they have.
                double needed = 0;
                while (needed < 0.8 * sessions - 1e-9) needed += 0.5;
                EXPECT_DOUBLE_EQ(completions[p].missing_halves / 2.0, needed - credit) << id;
                EXPECT_TRUE(completions[p].fixes.empty()) << "every session has been held";
            }
        }
    }
}

TEST(AttendanceSeries, TheOrderOfRowsDoesNotMatter) {
    World w = make_world(99);
    auto first = build_attendance_record(w.input);
    ASSERT_TRUE(first);
    std::mt19937_64 random(5);
    for (int round = 0; round < 5; ++round) {
        std::shuffle(w.input.checkins.begin(), w.input.checkins.end(), random);
        std::shuffle(w.input.participants.begin(), w.input.participants.end(), random);
        std::shuffle(w.input.sessions.begin(), w.input.sessions.end(), random);
        auto again = build_attendance_record(w.input);
        ASSERT_TRUE(again);
        ASSERT_EQ(again.value().people.size(), first.value().people.size());
        for (std::size_t p = 0; p < first.value().people.size(); ++p) {
            const auto& a = first.value().people[p];
            const auto& b = again.value().people[p];
            EXPECT_EQ(a.participant.id, b.participant.id);
            for (std::size_t s = 0; s < a.cells.size(); ++s) {
                EXPECT_EQ(a.cells[s].mark, b.cells[s].mark);
                EXPECT_EQ(a.cells[s].arrived_ms, b.cells[s].arrived_ms);
            }
        }
    }
}

}  // namespace
}  // namespace uketsuke
