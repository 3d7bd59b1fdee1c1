#include "platform/qr_reader.hpp"

#include <algorithm>
#include <new>

#include "platform/upscale.hpp"

namespace uketsuke::platform {

namespace {

// The retry reads a smaller picture; ZXing's downscaling would undo the upscale.
DecodeOptions retry_hints(const DecodeOptions& plain) {
    DecodeOptions hints = plain;
    hints.try_downscale = false;
    return hints;
}

void to_frame(std::vector<DecodedCode>& codes, const FrameRegion& region, int factor) {
    for (DecodedCode& code : codes) {
        for (FramePoint& point : code.corners) {
            point = {region.x + point.x / factor, region.y + point.y / factor};
        }
    }
}

bool overlaps(const FrameRegion& a, const FrameRegion& b) {
    return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height &&
           b.y < a.y + a.height;
}

// A region widened by a quarter a side: next frame the code has moved a little.
FrameRegion widened(const FrameRegion& r, int frame_width, int frame_height) {
    const int dx = r.width / 4, dy = r.height / 4;
    const int x0 = std::max(0, r.x - dx), y0 = std::max(0, r.y - dy);
    const int x1 = std::min(frame_width, r.x + r.width + dx);
    const int y1 = std::min(frame_height, r.y + r.height + dy);
    return {x0, y0, x1 - x0, y1 - y0};
}

}  // namespace

QrReader::QrReader(RetryOptions options) : options_(options) {
    if (options_.zbar) {
        try {
            zbar_.emplace();
        } catch (const std::bad_alloc&) {
            // Without zbar the retry still upscales; a second opinion is not worth a failed start.
        }
    }
}

std::vector<DecodedCode> QrReader::retry_region(GrayView frame, const CodeRegion& located) {
    const FrameRegion& region = located.region;
    std::vector<DecodedCode> codes;
    const DecodeOptions hints = retry_hints(options_.zxing);
    const long area = static_cast<long>(region.width) * region.height;
    if (options_.upscale) {
        // Upscaling helps small or soft modules; a code of 8 px modules is not small, and a
        // region the size of the frame would cost a full decode four or nine times over (every
        // photo gained was under 700x700 upscaled; cluttered scenes locate far larger ones).
        for (const int factor : {2, 3}) {
            if (located.module * factor > 24 || area * factor * factor > 1000L * 1000L) break;
            GrayFrame bigger = upscale_region(frame, region, factor);
            codes = decode_qr(bigger.view(), hints);
            if (!codes.empty()) {
                to_frame(codes, region, factor);
                for (DecodedCode& code : codes) {
                    code.read_by = factor == 2 ? ReadBy::ZxingUpscaled2 : ReadBy::ZxingUpscaled3;
                }
                return codes;
            }
        }
    }
    // zbar only where three finders make a code's corner: every photo it gained had them, and
    // on cluttered scenes it was the larger half of a retry's cost (perf on scan_bench).
    if (zbar_ && located.finders >= 3) {
        const GrayView view{
            frame.pixels + static_cast<std::size_t>(region.y) * frame.stride + region.x,
            region.width, region.height, frame.stride};
        codes = zbar_->read(view);
        to_frame(codes, region, 1);
    }
    return codes;
}

std::vector<DecodedCode> QrReader::read(GrayView frame, std::int64_t now_ms, ReadReport* report) {
    ReadReport local;
    ReadReport& out = report != nullptr ? *report : local;
    out = {};
    std::vector<DecodedCode> codes = decode_qr(frame, options_.zxing);
    std::erase_if(remembered_, [&](const Remembered& r) { return r.until_ms <= now_ms; });
    if (!codes.empty() || frame.empty()) {
        remembered_.clear();  // read: nothing left to try harder on
        return codes;
    }

    std::vector<CodeRegion> regions = locate_code_regions(frame, options_.max_regions);
    std::erase_if(regions, [&](const CodeRegion& r) { return r.finders < options_.min_finders; });
    out.gate_fired = !regions.empty();
    // Remembered regions first (they were located before and are still unread), then newly
    // located ones that do not overlap them.
    std::vector<CodeRegion> to_try;
    for (const Remembered& r : remembered_) {
        CodeRegion wider = r.region;
        wider.region = widened(r.region.region, frame.width, frame.height);
        to_try.push_back(wider);
    }
    for (const CodeRegion& region : regions) {
        const bool known = std::any_of(to_try.begin(), to_try.end(), [&](const CodeRegion& t) {
            return overlaps(t.region, region.region);
        });
        if (!known) to_try.push_back(region);
        // A fresh sighting keeps the region in memory, at its current place.
        auto same = std::find_if(remembered_.begin(), remembered_.end(), [&](const Remembered& r) {
            return overlaps(r.region.region, region.region);
        });
        if (same != remembered_.end()) {
            same->region = region;
            same->until_ms = now_ms + options_.remember_ms;
        } else {
            remembered_.push_back({region, now_ms + options_.remember_ms});
        }
    }
    if (to_try.empty()) return codes;
    if (static_cast<int>(to_try.size()) > options_.max_regions) to_try.resize(options_.max_regions);
    if (static_cast<int>(remembered_.size()) > options_.max_regions) {
        remembered_.resize(options_.max_regions);
    }

    if (options_.retries_per_second > 0) {
        const double cap = options_.retries_per_second;
        if (!started_) {
            tokens_ = cap;
            started_ = true;
        } else {
            tokens_ = std::min(cap, tokens_ + (now_ms - last_refill_ms_) * cap / 1000.0);
        }
        last_refill_ms_ = now_ms;
        if (tokens_ < 1) return codes;
        tokens_ -= 1;
    }
    out.retried = true;
    out.regions = static_cast<int>(to_try.size());
    for (const CodeRegion& region : to_try) {
        std::vector<DecodedCode> found = retry_region(frame, region);
        for (DecodedCode& code : found) {
            const bool duplicate =
                std::any_of(codes.begin(), codes.end(),
                            [&](const DecodedCode& c) { return c.text == code.text; });
            if (!duplicate) codes.push_back(std::move(code));
        }
    }
    if (!codes.empty()) remembered_.clear();
    return codes;
}

std::vector<DecodedCode> decode_qr_with_retry(GrayView frame, const RetryOptions& options) {
    RetryOptions still = options;
    still.retries_per_second = 0;
    still.remember_ms = 0;
    QrReader reader(still);
    return reader.read(frame, 0);
}

}  // namespace uketsuke::platform
