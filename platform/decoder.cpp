// ZXing-cpp 1.4 without ZX_USE_UTF8 returns std::wstring from Result::text() and prints a
// deprecation #pragma message (a warning under clang); ask for the UTF-8 API it will switch to.
#define ZX_USE_UTF8 1
#include "platform/decoder.hpp"

#include <ZXing/ReadBarcode.h>
#include <ZXing/ZXAlgorithms.h>

#include <algorithm>

#include "platform/decoder_binarizer.hpp"

namespace uketsuke::platform {

namespace {

// The valid QR codes of ZXing's results, with their text and corners, added to `codes`.
void append_qr_codes(const ZXing::Results& results, std::vector<DecodedCode>& codes) {
    for (const ZXing::Result& result : results) {
        if (!result.isValid() || result.format() != ZXing::BarcodeFormat::QRCode) continue;
        DecodedCode code;
        code.text = result.text();
        const ZXing::Position& position = result.position();
        for (std::size_t i = 0; i < 4; ++i) code.corners[i] = {position[i].x, position[i].y};
        codes.push_back(std::move(code));
    }
}

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
    append_qr_codes(results, codes);
    return codes;
}

// What ZXing's ReadBarcodes does with the LocalAverage binarizer and tryDownscale (ReadBarcode.cpp
// in 1.4): read the frame, then each layer of a pyramid of 1/3 averages while its smaller side
// is over the threshold, positions scaled back, a symbol already read not added again. The
// binarizing and the averaging are ours (decoder_binarizer.hpp), the finding and decoding ZXing's.
std::vector<DecodedCode> read_own_binarized(GrayView frame, ZXing::DecodeHints hints) {
    std::vector<DecodedCode> codes;
    if (frame.empty() || frame.stride < frame.width) return codes;
    const bool downscale = hints.tryDownscale();
    const int threshold = hints.downscaleThreshold(), factor = hints.downscaleFactor();
    hints.setTryDownscale(false).setBinarizer(ZXing::Binarizer::BoolCast);
    ZXing::Results results;
    // Kept from frame to frame on the decoding thread (see hybrid_binarize).
    thread_local GrayFrame black, layer, next_layer;
    GrayView view = frame;
    try {
        for (;;) {
            if (!hybrid_binarize(view, black)) {
                // Too small for the hybrid binarizer: ZXing's own fallback.
                ZXing::DecodeHints own = hints;
                own.setBinarizer(ZXing::Binarizer::LocalAverage);
                for (ZXing::Result& r :
                     ZXing::ReadBarcodes(ZXing::ImageView(view.pixels, view.width, view.height,
                                                          ZXing::ImageFormat::Lum, view.stride),
                                         own)) {
                    if (view.width != frame.width) {
                        r.setPosition(ZXing::Scale(r.position(), frame.width / view.width));
                    }
                    if (!ZXing::Contains(results, r)) results.push_back(std::move(r));
                }
            } else {
                for (ZXing::Result& r :
                     ZXing::ReadBarcodes(ZXing::ImageView(black.pixels.data(), black.width,
                                                          black.height, ZXing::ImageFormat::Lum),
                                         hints)) {
                    if (view.width != frame.width) {
                        r.setPosition(ZXing::Scale(r.position(), frame.width / view.width));
                    }
                    if (!ZXing::Contains(results, r)) results.push_back(std::move(r));
                }
            }
            if (!downscale || factor < 2 || std::min(view.width, view.height) <= threshold) break;
            if (!downscale_by(view, factor, next_layer)) break;
            std::swap(layer, next_layer);
            view = layer.view();
        }
    } catch (...) {
        // As in read(): a bug in ZXing costs one frame, not the scanner thread.
        return codes;
    }
    append_qr_codes(results, codes);
    return codes;
}

}  // namespace

std::vector<DecodedCode> decode_qr(GrayView frame, const DecodeOptions& options) {
    ZXing::DecodeHints hints;
    hints.setFormats(ZXing::BarcodeFormat::QRCode)
        .setTryHarder(options.try_harder)
        .setTryRotate(options.try_rotate)
        .setTryDownscale(options.try_downscale);
    return options.zxing_binarizer ? read(frame, hints) : read_own_binarized(frame, hints);
}

std::vector<DecodedCode> decode_with_zxing_defaults(GrayView frame) {
    return read(frame, ZXing::DecodeHints{});
}

}  // namespace uketsuke::platform
