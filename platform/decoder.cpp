// ZXing-cpp 1.4 without ZX_USE_UTF8 returns std::wstring from Result::text() and prints a
// deprecation #pragma message (a warning under clang); ask for the UTF-8 API it will switch to.
#define ZX_USE_UTF8 1
#include "platform/decoder.hpp"

#include <ZXing/ReadBarcode.h>

namespace uketsuke::platform {

namespace {

std::vector<DecodedCode> read(GrayView frame, const ZXing::DecodeHints& hints) {
    std::vector<DecodedCode> codes;
    if (frame.empty() || frame.stride < frame.width) return codes;
    const ZXing::ImageView image(frame.pixels, frame.width, frame.height, ZXing::ImageFormat::Lum,
                                 frame.stride);
    ZXing::Results results;
    try {
        results = ZXing::ReadBarcodes(image, hints);
    } catch (...) {
        // ZXing is written to report errors as values; this is a last guard so that a bug in it
        // costs one frame, not the scanner thread.
        return codes;
    }
    for (const ZXing::Result& result : results) {
        if (!result.isValid() || result.format() != ZXing::BarcodeFormat::QRCode) continue;
        DecodedCode code;
        code.text = result.text();
        const ZXing::Position& position = result.position();
        for (std::size_t i = 0; i < 4; ++i) code.corners[i] = {position[i].x, position[i].y};
        codes.push_back(std::move(code));
    }
    return codes;
}

}  // namespace

std::vector<DecodedCode> decode_qr(GrayView frame, const DecodeOptions& options) {
    ZXing::DecodeHints hints;
    hints.setFormats(ZXing::BarcodeFormat::QRCode)
        .setTryHarder(options.try_harder)
        .setTryRotate(options.try_rotate)
        .setTryDownscale(options.try_downscale);
    return read(frame, hints);
}

std::vector<DecodedCode> decode_with_zxing_defaults(GrayView frame) {
    return read(frame, ZXing::DecodeHints{});
}

}  // namespace uketsuke::platform
