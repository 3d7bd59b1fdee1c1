// The attendance record (出席簿) of a large series: 2,000 people × 20 sessions (two of them
// make-ups), about 40,000 check-in rows from four kiosks in shuffled order, with re-scans,
// undone check-ins and leaves. Budget: the record in ≤ 200 ms on the 2-core machine.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <random>
#include <string>

#include "kiosk/core/attendance/attendance_output.hpp"
#include "kiosk/core/attendance/attendance_record.hpp"
#include "kiosk/core/attendance/completion.hpp"

namespace {

using namespace uketsuke;

constexpr int kPeople = 2000;
constexpr int kSessions = 20;
constexpr std::int64_t kMinute = 60'000;
constexpr std::int64_t kFirstStart = 1778560200000;  // 2026-05-12 13:30 in Asia/Tokyo

const AttendanceInput& series() {
    static const AttendanceInput input = [] {
        AttendanceInput in;
        in.time_zone = "Asia/Tokyo";
        std::mt19937_64 random(11);
        for (int s = 0; s < kSessions; ++s) {
            Session session;
            session.id = "s" + std::to_string(s + 1);
            session.name = "第" + std::to_string(s + 1) + "回研修";
            char date[16];
            std::snprintf(date, sizeof date, "2026-%02d-%02d", 5 + s / 3, 2 + (s % 3) * 9);
            session.date = date;
            session.starts_at = "13:30";
            session.ends_at = "17:00";
            session.records_leave = s % 2 == 0;
            if (s == 9) session.makeup_of = "s3";
            if (s == 19) session.makeup_of = "s12";
            in.sessions.push_back(session);
        }
        const char* organizations[] = {"青葉市", "港南市", "北山村", "東町",   "西町",
                                       "南区",   "髙橋町", "山﨑村", "中央市", "川辺町"};
        for (int p = 0; p < kPeople; ++p) {
            Participant person;
            person.id = "p" + std::to_string(p);
            person.name = "参加者 " + std::to_string(p);
            person.reading = "さんかしゃ " + std::to_string((p * 7919) % kPeople);
            person.organization = organizations[p % 10] + std::to_string(p % 37);
            in.participants.push_back(person);
            for (const auto& session : in.sessions) {
                if (session.makeup_of.empty()) in.expected[session.id].push_back(person.id);
            }
        }
        int row = 0;
        auto add = [&](const std::string& person, int s, std::int64_t minute, CheckinKind kind,
                       std::string undoes = "") {
            CheckinRecord r;
            r.id = "r" + std::to_string(row++);
            r.participant_id = person;
            r.session_id = in.sessions[s].id;
            r.kind = kind;
            r.undoes = std::move(undoes);
            r.kiosk = "K" + std::to_string(random() % 4);
            r.wall_ms = kFirstStart + std::int64_t{s} * 20 * 86'400'000 + minute * kMinute;
            char stamp[40];
            std::snprintf(stamp, sizeof stamp, "%015lld-%s", static_cast<long long>(r.wall_ms),
                          r.kiosk.c_str());
            r.stamp = stamp;
            in.checkins.push_back(std::move(r));
            return in.checkins.back().id;
        };
        for (int p = 0; p < kPeople; ++p) {
            const std::string id = "p" + std::to_string(p);
            for (int s = 0; s < kSessions; ++s) {
                const int roll = static_cast<int>(random() % 100);
                if (roll < 12) continue;  // away
                const std::int64_t arrival = roll < 20 ? 11 + roll : -40 + roll % 45;
                const std::string first = add(id, s, arrival, CheckinKind::CheckIn);
                if (roll % 9 == 0) add(id, s, arrival + 1, CheckinKind::Undo, first);
                if (roll % 5 == 0) add(id, s, arrival + 30, CheckinKind::CheckIn);
                if (in.sessions[s].records_leave && roll % 7 == 0) {
                    add(id, s, 120, CheckinKind::Leave);
                }
            }
        }
        std::shuffle(in.checkins.begin(), in.checkins.end(), random);
        return in;
    }();
    return input;
}

void BM_AttendanceRecord(benchmark::State& state) {
    const AttendanceInput& input = series();
    for (auto _ : state) {
        auto record = build_attendance_record(input);
        if (!record) state.SkipWithError(record.error().message.c_str());
        benchmark::DoNotOptimize(record);
    }
    state.counters["people"] = kPeople;
    state.counters["sessions"] = kSessions;
    state.counters["rows"] = static_cast<double>(input.checkins.size());
}
BENCHMARK(BM_AttendanceRecord)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_CompletionOfTheRecord(benchmark::State& state) {
    auto record = build_attendance_record(series());
    CompletionRule rule;
    rule.percent = 80;
    rule.allow_makeup = true;
    rule.late = PartialCredit::Half;
    for (auto _ : state) benchmark::DoNotOptimize(evaluate_completion(record.value(), rule));
}
BENCHMARK(BM_CompletionOfTheRecord)->Unit(benchmark::kMillisecond);

void BM_AttendanceCsv(benchmark::State& state) {
    auto record = build_attendance_record(series());
    CompletionRule rule;
    for (auto _ : state) benchmark::DoNotOptimize(attendance_csv(record.value(), rule));
}
BENCHMARK(BM_AttendanceCsv)->Unit(benchmark::kMillisecond);

}  // namespace
