#pragma once
// The kiosk's decoder: plain ZXing first, and only on a frame where it read nothing but our
// finder-pattern gate located a code, a retry on that region: upscaled 2x, then 3x, then zbar
// as a second opinion. A region located but unread is remembered for the next frames, which
// retry there even when the gate misses it (motion blur comes and goes). Retries are capped per
// second so a scene that keeps the gate firing (a poster of codes, a checkerboard shirt) cannot
// take the camera-on CPU with it.
//
// One QrReader per thread (it holds zbar's scanner and the memory of the last frames).

#include <cstdint>
#include <optional>
#include <vector>

#include "platform/decoder.hpp"
#include "platform/finder_gate.hpp"
#include "platform/zbar_reader.hpp"

namespace uketsuke::platform {

struct RetryOptions {
    DecodeOptions zxing;  // the first, plain pass
    bool upscale = true;  // 2x then 3x on the located region
    bool zbar = true;     // the second opinion
    int max_regions = 2;  // per frame
    // Regions with fewer finders are neither retried nor remembered. Every photo the retry gained
    // (zxing-cpp's sets) had three; on its false-positive photos regions of one or two finders
    // were most of the gate's firings, and a retry on a cluttered frame costs ~40 ms.
    int min_finders = 2;
    int retries_per_second = 8;  // frames that may get a retry; <= 0: every frame (still images)
    std::int64_t remember_ms = 1000;  // how long an unread region is retried in later frames
};

struct ReadReport {
    bool gate_fired = false;  // a finder pattern was located and plain ZXing read nothing
    bool retried = false;     // the budget allowed a retry and one ran
    int regions = 0;          // regions tried (located now or remembered)
};

class QrReader {
public:
    explicit QrReader(RetryOptions options = {});

    // `now_ms` is any monotonic clock in milliseconds (the budget and the memory run on it).
    [[nodiscard]] std::vector<DecodedCode> read(GrayView frame, std::int64_t now_ms,
                                                ReadReport* report = nullptr);

    [[nodiscard]] const RetryOptions& options() const noexcept { return options_; }

private:
    std::vector<DecodedCode> retry_region(GrayView frame, const CodeRegion& region);

    struct Remembered {
        CodeRegion region;
        std::int64_t until_ms = 0;
    };

    RetryOptions options_;
    std::optional<ZbarReader> zbar_;
    std::vector<Remembered> remembered_;
    double tokens_ = 0;  // retry budget, refilled at retries_per_second
    std::int64_t last_refill_ms_ = 0;
    bool started_ = false;
};

// Every pass on one still image, no budget, no memory: the photo tests and the benchmark.
[[nodiscard]] std::vector<DecodedCode> decode_qr_with_retry(GrayView frame,
                                                            const RetryOptions& options = {});

}  // namespace uketsuke::platform
