// The parts of an import, each alone: decoding, CSV parsing, column mapping, search keys and
// the probable-duplicate check for 100,000 registrations. The whole import is in store_bench.

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <string>
#include <vector>

#include "kiosk/core/roster/csv.hpp"
#include "kiosk/core/roster/duplicates.hpp"
#include "kiosk/core/roster/encoding.hpp"
#include "kiosk/core/roster/roster_mapping.hpp"
#include "kiosk/core/roster/search_key.hpp"

namespace uketsuke {
namespace {

std::string connpass_roster() {
    std::string text = "受付番号,表示名,ユーザー名,参加ステータス,参加枠名,所属,コメント\n";
    for (int i = 0; i < 100'000; ++i) {
        text += std::to_string(i) + ",山田 太郎" + std::to_string(i) + ",user" + std::to_string(i) +
                (i % 10 == 0 ? ",キャンセル" : ",参加") +
                ",一般枠,\"○○市役所, 企画課\",よろしくお願いします\n";
    }
    return text;
}

void BM_DecodeUtf8_100k(benchmark::State& state) {
    const std::string text = connpass_roster();
    for (auto _ : state) benchmark::DoNotOptimize(decode_to_utf8(text, Encoding::Auto));
}
BENCHMARK(BM_DecodeUtf8_100k)->Unit(benchmark::kMillisecond);

void BM_ParseCsv_100k(benchmark::State& state) {
    const std::string text = connpass_roster();
    for (auto _ : state) benchmark::DoNotOptimize(parse_csv(text));
}
BENCHMARK(BM_ParseCsv_100k)->Unit(benchmark::kMillisecond);

void BM_MapRoster_100k(benchmark::State& state) {
    const auto parsed = parse_csv(connpass_roster());
    for (auto _ : state) benchmark::DoNotOptimize(map_roster(parsed.value()));
}
BENCHMARK(BM_MapRoster_100k)->Unit(benchmark::kMillisecond);

void BM_SearchKey_100k(benchmark::State& state) {
    for (auto _ : state) {
        std::size_t total = 0;
        for (int i = 0; i < 100'000; ++i)
            total += search_key("ﾔﾏﾀﾞ　タロウ 山田太郎 Yamada").size();
        benchmark::DoNotOptimize(total);
    }
}
BENCHMARK(BM_SearchKey_100k)->Unit(benchmark::kMillisecond);

// A name as rosters write it (kanji, a space): the shortcut, and ICU for the same text.
void BM_SearchKeyName_100k(benchmark::State& state) {
    for (auto _ : state) {
        std::size_t total = 0;
        for (int i = 0; i < 100'000; ++i) total += search_key("髙橋 健太").size();
        benchmark::DoNotOptimize(total);
    }
}
BENCHMARK(BM_SearchKeyName_100k)->Unit(benchmark::kMillisecond);

void BM_SearchKeyNameByIcu_100k(benchmark::State& state) {
    for (auto _ : state) {
        std::size_t total = 0;
        for (int i = 0; i < 100'000; ++i) total += search_key_by_icu("髙橋 健太").size();
        benchmark::DoNotOptimize(total);
    }
}
BENCHMARK(BM_SearchKeyNameByIcu_100k)->Unit(benchmark::kMillisecond);

// 100,000 people with distinct names, each with a reading, organization and e-mail.
struct People {
    std::vector<std::string> names, readings, organizations, emails;
    std::vector<DuplicateFields> fields;
    explicit People(int count, int offset = 0) {
        for (int i = offset; i < offset + count; ++i) {
            names.push_back(fmt::format("山田 太郎{}", i));
            readings.push_back(fmt::format("ヤマダ タロウ{}", i));
            organizations.push_back(fmt::format("自治体{:03d}", i % 200));
            emails.push_back(fmt::format("p{}@example.jp", i));
        }
        for (std::size_t i = 0; i < names.size(); ++i) {
            fields.push_back({names[i], readings[i], organizations[i], emails[i]});
        }
    }
};

// A first import: 100,000 new rows, no one there yet (the rows against each other).
void BM_FindDuplicates_100kRows(benchmark::State& state) {
    const People rows(100'000);
    for (auto _ : state) benchmark::DoNotOptimize(find_duplicates({}, rows.fields));
}
BENCHMARK(BM_FindDuplicates_100kRows)->Unit(benchmark::kMillisecond);

// Another list of 1,000 against 100,000 there, half of them the same people.
void BM_FindDuplicates_1000Against100k(benchmark::State& state) {
    const People existing(100'000);
    const People rows(1'000, 99'500);
    for (auto _ : state) benchmark::DoNotOptimize(find_duplicates(existing.fields, rows.fields));
}
BENCHMARK(BM_FindDuplicates_1000Against100k)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace uketsuke
