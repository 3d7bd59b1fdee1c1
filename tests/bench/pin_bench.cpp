// What a staff PIN costs to check: the kiosk's wait after the last digit, and the price of one
// guess for someone holding a copy of the event file. A guess is one Argon2id verify at the
// cost stored in the hash, so guesses per second per core are 1 / (CPU time of a verify), and
// the time to try every PIN is that many verifies. With the staff key (staff_key.hpp) a guess
// also needs the 32-byte key, which the event file does not hold: without the key file the
// PIN space is not searchable at all. Run: build-release/tests/bench/pin_bench.
//
// guesses_per_s is per core: Google Benchmark divides rates by the CPU time.

#include <benchmark/benchmark.h>
#include <sodium.h>

#include "kiosk/core/staff/staff.hpp"
#include "kiosk/core/staff/staff_key.hpp"

namespace uketsuke {
namespace {

// Argon2id of the PIN itself: hashes made before staff keys, t = opslimit, 32 MiB.
void BM_VerifyWithoutKey(benchmark::State& state) {
    const PinHashCost cost{static_cast<unsigned long long>(state.range(0)), kDefaultPinMemlimit};
    const std::string hash = hash_pin("482913", cost);
    for (auto _ : state) {
        benchmark::DoNotOptimize(check_pin(hash, "000000", nullptr));
    }
    state.counters["guesses_per_s"] =
        benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_VerifyWithoutKey)
    ->Arg(12)
    ->Arg(static_cast<long>(kDefaultPinOpslimit))
    ->Unit(benchmark::kMillisecond)
    ->MinTime(3.0);

// What the kiosk does for a PIN set now: BLAKE2b with the staff key, then Argon2id.
void BM_VerifyWithKey(benchmark::State& state) {
    if (sodium_init() < 0) {
        state.SkipWithError("libsodium failed to initialise");
        return;
    }
    StaffKey key;
    randombytes_buf(key.bytes.data(), key.bytes.size());
    const std::string hash = hash_pin("482913", {}, &key);
    for (auto _ : state) {
        benchmark::DoNotOptimize(check_pin(hash, "000000", &key));
    }
    state.counters["guesses_per_s"] =
        benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_VerifyWithKey)->Unit(benchmark::kMillisecond)->MinTime(3.0);

}  // namespace
}  // namespace uketsuke
