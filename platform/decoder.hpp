#pragma once
// QR decoding of a gray frame with ZXing-cpp 1.4. Nothing else on the scan path knows ZXing.

#include <array>
#include <string>
#include <vector>

#include "platform/frame.hpp"

namespace uketsuke::platform {

struct FramePoint {
    int x = 0, y = 0;
    friend bool operator==(const FramePoint&, const FramePoint&) = default;
};

struct DecodedCode {
    std::string text;                  // UTF-8
    std::array<FramePoint, 4> corners;  // top-left, top-right, bottom-right, bottom-left of the code, in frame pixels
};

struct DecodeOptions {
    // ZXing's own defaults are all on; see decoder.cpp for what each costs and buys on our frames.
    bool try_harder = true;
    bool try_rotate = true;
    bool try_downscale = true;
};

// QR codes only; every readable code in the frame, none for an empty or unreadable frame.
// Never throws for any pixel content.
[[nodiscard]] std::vector<DecodedCode> decode_qr(GrayView frame, const DecodeOptions& options = {});

// ZXing's ReadBarcodes with default hints (all formats), QR results only. The yardstick
// decode_qr is measured against in the tests.
[[nodiscard]] std::vector<DecodedCode> decode_with_zxing_defaults(GrayView frame);

}  // namespace uketsuke::platform
