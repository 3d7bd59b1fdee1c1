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

// Which pass read a code. Only a plain ZXing read is handed out from one frame: the others read
// what plain ZXing could not, and a misread imported platform number (not signed) would check in
// the wrong person, so the camera stream waits for a second frame to agree (scanner.hpp).
enum class ReadBy { Zxing, ZxingUpscaled2, ZxingUpscaled3, Zbar };

struct DecodedCode {
    std::string text;  // UTF-8
    std::array<FramePoint, 4>
        corners;  // top-left, top-right, bottom-right, bottom-left of the code, in frame pixels
    ReadBy read_by = ReadBy::Zxing;

    [[nodiscard]] bool needs_agreement() const noexcept { return read_by != ReadBy::Zxing; }
};

// Measured with ZXing 1.4 on 1280x720 frames (thread CPU time, median; 2-core machine), on 280
// generated ticket frames (rotated 0-45 degrees, modules 2-15 px, blurred, faded), 120 large
// blurred ones (modules 10-16 px, box blur radius 3-7) and the 60 photos:
//   try_harder     reads 8 more of the 280 for ~0.3 ms;
//   try_downscale  reads 5 more of the 120 (big codes held close, out of focus) for ~0.8 ms;
//                  empty frame 2.9 ms with it, 2.1 ms without;
//   try_rotate     changes nothing for QR codes (ZXing rotates only for 1D symbologies).
// The photos read the same (16/16, 25/28, 16/16) with every combination.
struct DecodeOptions {
    bool try_harder = true;
    bool try_downscale = true;
    bool try_rotate = false;
    // ZXing's own binarizer and pyramid instead of ours (decoder_binarizer.hpp): the same codes
    // read, at the cost measured before (the yardstick in scan_bench and the tests).
    bool zxing_binarizer = false;
};

// QR codes only; every readable code in the frame, none for an empty or unreadable frame.
// Never throws for any pixel content.
[[nodiscard]] std::vector<DecodedCode> decode_qr(GrayView frame, const DecodeOptions& options = {});

// ZXing's ReadBarcodes with default hints (all formats), QR results only. The yardstick
// decode_qr is measured against in the tests.
[[nodiscard]] std::vector<DecodedCode> decode_with_zxing_defaults(GrayView frame);

}  // namespace uketsuke::platform
