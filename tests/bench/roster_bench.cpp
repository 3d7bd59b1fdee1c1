// The parts of an import, each alone: decoding, CSV parsing, column mapping and
// search keys for 100,000 registrations. The whole import is in store_bench.

#include <benchmark/benchmark.h>

#include <string>

#include "kiosk/core/roster/csv.hpp"
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

}  // namespace
}  // namespace uketsuke
