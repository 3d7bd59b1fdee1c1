#pragma once
// Gray frames on the scan path: the camera's pixel formats (YUYV, MJPEG) turned into 8-bit
// luminance, which is all the QR decoder looks at, and a small copy for the on-screen preview.
// Conversions report a bad frame as a value (a webcam hands over a corrupt MJPEG frame now and
// then); none of them throws for bad input.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "platform/result.hpp"

namespace uketsuke::platform {

// Borrowed pixels: 8-bit gray, 0 black, rows `stride` bytes apart.
struct GrayView {
    const std::uint8_t* pixels = nullptr;
    int width = 0, height = 0, stride = 0;

    [[nodiscard]] bool empty() const noexcept {
        return pixels == nullptr || width <= 0 || height <= 0;
    }
};

struct GrayFrame {
    std::vector<std::uint8_t> pixels;  // width * height, tightly packed
    int width = 0, height = 0;
    std::int64_t captured_ms = 0;  // steady clock (see steady_now_ms), not wall time
    std::uint64_t sequence = 0;    // counts up per source, so a reader can tell a new frame

    [[nodiscard]] GrayView view() const noexcept { return {pixels.data(), width, height, width}; }
};

[[nodiscard]] std::int64_t steady_now_ms() noexcept;

// Packed 4:2:2 (Y0 U Y1 V): the Y bytes are the gray image. `stride` is bytes per row, at
// least 2 * width; `bytes` is what the driver filled and must cover every row.
[[nodiscard]] Result<> yuyv_to_gray(const std::uint8_t* data, std::size_t bytes, int width,
                                    int height, int stride, GrayFrame& out);

// Decodes JPEG (also the Motion-JPEG frames of UVC webcams) straight to gray, which skips the
// colour conversion. Holds one turbojpeg handle; make one per thread.
class JpegToGray {
public:
    JpegToGray();
    ~JpegToGray();
    JpegToGray(JpegToGray&&) noexcept;
    JpegToGray& operator=(JpegToGray&&) noexcept;
    JpegToGray(const JpegToGray&) = delete;
    JpegToGray& operator=(const JpegToGray&) = delete;

    // On failure `out` keeps its size but its pixels are unspecified.
    [[nodiscard]] Result<> convert(const std::uint8_t* data, std::size_t bytes, GrayFrame& out);

private:
    struct HandleCloser {
        void operator()(void* handle) const noexcept;
    };
    std::unique_ptr<void, HandleCloser> handle_;
};

// One-off convenience over JpegToGray (creates a handle each call).
[[nodiscard]] Result<> mjpeg_to_gray(const std::uint8_t* data, std::size_t bytes, GrayFrame& out);

// Area-averaged copy no wider than max_width (aspect kept); a plain copy when it already fits.
// captured_ms and sequence are left at zero for the caller to carry over.
[[nodiscard]] GrayFrame downscale(GrayView source, int max_width);

}  // namespace uketsuke::platform
