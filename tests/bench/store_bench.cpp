// Event store budgets (DESIGN.md): import of 100,000 registrations (≤ 1 s),
// one check-in committed with fsync (median, p99), report over 100,000 people.
// Run: tools/setup.sh bench  (or build-release/tests/bench/store_bench)

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <vector>

#include "kiosk/core/checkin/checkin.hpp"
#include "kiosk/core/checkin/report.hpp"
#include "kiosk/core/roster/roster_import.hpp"
#include "kiosk/core/store/event_store.hpp"
#include "kiosk/core/store/ids.hpp"
#include "kiosk/core/tickets/ticket.hpp"
#include "support/temp_dir.hpp"

namespace uketsuke {
namespace {

constexpr std::int64_t kMorning = 1795996800000;

// A name and reading for person i, every one different up to 100,000: 100 family names
// (two kanji) by 1,000 given names (two kanji), as a real roster has few true namesakes. The
// import refuses rows that look like one another, so a roster of 80 names repeated would
// stop there.
std::pair<std::string, std::string> person_name(int i) {
    static const char* family_first[] = {"佐", "鈴", "高", "田", "伊", "渡", "山",
                                         "中", "小", "加", "吉", "松", "井", "木",
                                         "林", "清", "斎", "森", "池", "橋"};
    static const char* family_first_kana[] = {
        "サ",   "スズ", "タカ", "タ", "イ",     "ワタ", "ヤマ", "ナカ", "コ",   "カ",
        "ヨシ", "マツ", "イ",   "キ", "ハヤシ", "キヨ", "サイ", "モリ", "イケ", "ハシ"};
    static const char* family_second[] = {"藤", "木", "田", "村", "川"};
    static const char* family_second_kana[] = {"トウ", "キ", "タ", "ムラ", "カワ"};
    static const char* given_first[] = {"健", "陽", "大", "美", "翔", "由", "誠", "恵", "一", "二",
                                        "三", "正", "明", "和", "直", "幸", "春", "夏", "秋", "冬",
                                        "光", "真", "智", "優", "愛", "友", "信", "博", "裕", "浩",
                                        "達", "雅", "英", "秀", "勇", "剛", "純", "静", "花", "雪"};
    static const char* given_first_kana[] = {
        "ケン", "ヨウ", "ダイ", "ミ",     "ショウ", "ユ",   "マコ",   "メグ", "イチ", "ジ",
        "サン", "マサ", "アキ", "カズ",   "ナオ",   "ユキ", "ハル",   "ナツ", "アキ", "フユ",
        "ヒカ", "マ",   "トモ", "ユウ",   "アイ",   "トモ", "ノブ",   "ヒロ", "ユウ", "コウ",
        "タツ", "マサ", "ヒデ", "シュウ", "イサ",   "ツヨ", "ジュン", "シズ", "ハナ", "ユキ"};
    static const char* given_second[] = {"太", "子", "輔", "咲", "介", "美", "人", "也", "郎",
                                         "樹", "斗", "菜", "香", "代", "男", "夫", "恵", "平",
                                         "吾", "彦", "乃", "枝", "実", "司", "成"};
    static const char* given_second_kana[] = {
        "タ", "コ", "スケ", "サキ", "スケ", "ミ", "ト",   "ヤ", "ロウ", "キ", "ト", "ナ",  "カ",
        "ヨ", "オ", "オ",   "エ",   "ヘイ", "ゴ", "ヒコ", "ノ", "エ",   "ミ", "ジ", "ナリ"};
    const int a = i % 20, b = (i / 20) % 5, c = (i / 100) % 40, d = (i / 4000) % 25;
    return {fmt::format("{}{} {}{}", family_first[a], family_second[b], given_first[c],
                        given_second[d]),
            fmt::format("{}{} {}{}", family_first_kana[a], family_second_kana[b],
                        given_first_kana[c], given_second_kana[d])};
}

// `with_codes`: a チケット番号 column T<id>, the code people scan (the ids are not codes).
std::string roster_csv(int people, bool with_codes = false) {
    std::string csv = with_codes
                          ? "受付番号,チケット番号,氏名,フリガナ,所属,メールアドレス,経験年数\r\n"
                          : "受付番号,氏名,フリガナ,所属,メールアドレス,経験年数\r\n";
    csv.reserve(static_cast<std::size_t>(people) * 96);
    for (int i = 0; i < people; ++i) {
        csv += with_codes ? fmt::format("{},T{},", 100000 + i, 100000 + i)
                          : fmt::format("{},", 100000 + i);
        const auto [name, reading] = person_name(i);
        csv += fmt::format("{},{},自治体{:03d},p{}@example.jp,{}\r\n", name, reading, i % 200, i,
                           i % 30);
    }
    return csv;
}

EventStore fresh_event(const testing::TempDir& dir, const std::string& name) {
    return EventStore::create((dir / name).string(), EventInfo{to_hex(random_event_id()), "Bench",
                                                               "2026-11-30", "Hall", "Asia/Tokyo"});
}

void BM_Import100k(benchmark::State& state) {
    const std::string csv = roster_csv(100'000);
    int round = 0;
    for (auto _ : state) {
        state.PauseTiming();
        testing::TempDir dir;
        EventStore store = fresh_event(dir, fmt::format("import{}.db", round++));
        ImportOptions options;
        options.source_name = "roster.csv";
        state.ResumeTiming();
        auto result = import_roster(store, csv, options);
        if (!result || result.summary.added != 100'000) state.SkipWithError("import failed");
    }
    state.counters["people"] = 100'000;
}
BENCHMARK(BM_Import100k)->Unit(benchmark::kMillisecond)->Iterations(3);

// Another list of 1,000 of the same people (their own keys, e-mails in capitals) into an event
// of 100,000, merged by e-mail: the duplicate check against everyone already there.
void BM_AnotherList1000Into100k(benchmark::State& state) {
    const std::string csv = roster_csv(100'000);
    std::string list = "番号,氏名,所属,メールアドレス\r\n";
    for (int i = 0; i < 1'000; ++i) {
        const int j = i * 97 % 100'000;
        list += fmt::format("X-{},{},自治体{:03d},P{}@EXAMPLE.JP\r\n", i, person_name(j).first,
                            j % 200, j);
    }
    int round = 0;
    for (auto _ : state) {
        state.PauseTiming();
        testing::TempDir dir;
        EventStore store = fresh_event(dir, fmt::format("list{}.db", round++));
        ImportOptions options;
        options.source_name = "roster.csv";
        if (!import_roster(store, csv, options)) state.SkipWithError("import failed");
        options.source_name = "list.csv";
        options.merge_by = MergeBy::Email;
        state.ResumeTiming();
        auto result = import_roster(store, list, options);
        if (!result) state.SkipWithError(result.error.c_str());
    }
}
BENCHMARK(BM_AnotherList1000Into100k)->Unit(benchmark::kMillisecond)->Iterations(3);

// Each check-in is its own committed transaction with synchronous=FULL, as at the door: the
// codes of 2,000 people in turn, the second pass finding them in (each then undone, so the
// third pass checks in again). Any other outcome (an unknown code) stops the benchmark.
void BM_CheckinWithFsync(benchmark::State& state) {
    testing::TempDir dir;
    EventStore store = fresh_event(dir, "checkin.db");
    ImportOptions options;
    options.source_name = "roster.csv";
    (void)import_roster(store, roster_csv(2'000, true), options);
    CheckinService service(store);
    std::vector<double> micros;
    int next = 0;
    for (auto _ : state) {
        const auto start = std::chrono::steady_clock::now();
        auto result =
            service.check_in_code(fmt::format("T{}", 100000 + next % 2000),
                                  CheckinContext{"A", "", CheckinMethod::Scanner, kMorning + next});
        const auto end = std::chrono::steady_clock::now();
        if (result.outcome != CheckinOutcome::CheckedIn &&
            result.outcome != CheckinOutcome::AlreadyChecked) {
            state.SkipWithError(
                fmt::format("scan {}: {}", next, to_string(result.outcome)).c_str());
            break;
        }
        if (result.outcome == CheckinOutcome::AlreadyChecked) {
            (void)service.undo_participant(result.participant_id,
                                           CheckinContext{"A", "", CheckinMethod::Manual, 0});
        }
        micros.push_back(std::chrono::duration<double, std::micro>(end - start).count());
        ++next;
    }
    std::sort(micros.begin(), micros.end());
    state.counters["p50_us"] = micros[micros.size() / 2];
    state.counters["p99_us"] = micros[std::min(micros.size() - 1, micros.size() * 99 / 100)];
}
BENCHMARK(BM_CheckinWithFsync)->Unit(benchmark::kMicrosecond)->Iterations(4'500);

void BM_Report100k(benchmark::State& state) {
    testing::TempDir dir;
    EventStore store = fresh_event(dir, "report.db");
    ImportOptions options;
    options.source_name = "roster.csv";
    (void)import_roster(store, roster_csv(100'000), options);
    {
        // 80,000 arrivals over an hour, written in one transaction to set up quickly.
        sql::Transaction transaction(store.database());
        for (int i = 0; i < 80'000; ++i) {
            CheckinRecord record;
            record.id = random_id();
            record.participant_id = std::to_string(100000 + i);
            record.kiosk = "A";
            record.method = CheckinMethod::Camera;
            record.wall_ms = kMorning + i * 45;
            record.stamp = HlcStamp{record.wall_ms, 0, "A"}.to_string();
            store.append_checkin(record);
        }
        transaction.commit();
    }
    for (auto _ : state) {
        Report report = build_report(store);
        benchmark::DoNotOptimize(report);
        if (report.attended != 80'000) state.SkipWithError("wrong count");
    }
}
BENCHMARK(BM_Report100k)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace
}  // namespace uketsuke
