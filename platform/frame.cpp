#include "platform/frame.hpp"

#include <turbojpeg.h>

#include <algorithm>
#include <chrono>
#include <cstring>

namespace uketsuke::platform {

std::int64_t steady_now_ms() noexcept {
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

Result<> yuyv_to_gray(const std::uint8_t* data, std::size_t bytes, int width, int height,
                      int stride, GrayFrame& out) {
    if (data == nullptr || width <= 0 || height <= 0) return Failure{"YUYV frame has no pixels"};
    if (width % 2 != 0)
        return Failure{"YUYV frame width must be even, got " + std::to_string(width)};
    if (stride < 2 * width)
        return Failure{"YUYV row stride " + std::to_string(stride) + " is shorter than a row"};
    const std::size_t needed =
        static_cast<std::size_t>(stride) * (height - 1) + 2 * static_cast<std::size_t>(width);
    if (bytes < needed) {
        return Failure{"YUYV frame is " + std::to_string(bytes) + " bytes, expected " +
                       std::to_string(needed)};
    }
    out.width = width;
    out.height = height;
    out.pixels.resize(static_cast<std::size_t>(width) * height);
    std::uint8_t* target = out.pixels.data();
    for (int y = 0; y < height; ++y) {
        const std::uint8_t* row = data + static_cast<std::size_t>(y) * stride;
        for (int x = 0; x < width; ++x) *target++ = row[2 * x];
    }
    return {};
}

void JpegToGray::HandleCloser::operator()(void* handle) const noexcept { tjDestroy(handle); }

JpegToGray::JpegToGray() : handle_(tjInitDecompress()) {}
JpegToGray::~JpegToGray() = default;
JpegToGray::JpegToGray(JpegToGray&&) noexcept = default;
JpegToGray& JpegToGray::operator=(JpegToGray&&) noexcept = default;

Result<> JpegToGray::convert(const std::uint8_t* data, std::size_t bytes, GrayFrame& out) {
    if (!handle_) return Failure{"turbojpeg could not start"};
    if (data == nullptr || bytes == 0) return Failure{"JPEG frame is empty"};
    int width = 0, height = 0, subsampling = 0, colorspace = 0;
    // turbojpeg's API takes non-const buffers but does not write to them.
    auto* jpeg = const_cast<unsigned char*>(data);
    if (tjDecompressHeader3(handle_.get(), jpeg, static_cast<unsigned long>(bytes), &width, &height,
                            &subsampling, &colorspace) != 0) {
        return Failure{std::string("JPEG header unreadable: ") + tjGetErrorStr2(handle_.get())};
    }
    // A corrupt header can claim any size; a camera frame is never near this.
    if (width <= 0 || height <= 0 || width > 8192 || height > 8192) {
        return Failure{"JPEG frame claims an implausible size " + std::to_string(width) + "x" +
                       std::to_string(height)};
    }
    out.width = width;
    out.height = height;
    out.pixels.resize(static_cast<std::size_t>(width) * height);
    // Warnings (a truncated frame, bad data in one scan) count as failures too: at 30 frames a
    // second it is cheaper to drop one frame than to decode a half-gray picture.
    if (tjDecompress2(handle_.get(), jpeg, static_cast<unsigned long>(bytes), out.pixels.data(),
                      width, width, height, TJPF_GRAY,
                      TJFLAG_STOPONWARNING | TJFLAG_LIMITSCANS) != 0) {
        return Failure{std::string("JPEG frame is corrupt: ") + tjGetErrorStr2(handle_.get())};
    }
    return {};
}

Result<> mjpeg_to_gray(const std::uint8_t* data, std::size_t bytes, GrayFrame& out) {
    JpegToGray converter;
    return converter.convert(data, bytes, out);
}

GrayFrame downscale(GrayView source, int max_width) {
    GrayFrame out;
    if (source.empty() || max_width <= 0) return out;
    if (source.width <= max_width) {
        out.width = source.width;
        out.height = source.height;
        out.pixels.resize(static_cast<std::size_t>(source.width) * source.height);
        for (int y = 0; y < source.height; ++y) {
            std::memcpy(out.pixels.data() + static_cast<std::size_t>(y) * source.width,
                        source.pixels + static_cast<std::ptrdiff_t>(y) * source.stride,
                        static_cast<std::size_t>(source.width));
        }
        return out;
    }
    out.width = max_width;
    out.height = std::max(
        1, static_cast<int>(static_cast<std::int64_t>(source.height) * max_width / source.width));
    out.pixels.resize(static_cast<std::size_t>(out.width) * out.height);
    // Each output pixel averages the source box it covers, so thin QR modules blur to gray in the
    // preview instead of aliasing into moiré.
    std::vector<int> x_begin(static_cast<std::size_t>(out.width) + 1);
    for (int x = 0; x <= out.width; ++x) {
        x_begin[x] = static_cast<int>(static_cast<std::int64_t>(x) * source.width / out.width);
    }
    std::vector<std::uint32_t> column_sums(static_cast<std::size_t>(source.width));
    for (int y = 0; y < out.height; ++y) {
        const int y0 = static_cast<int>(static_cast<std::int64_t>(y) * source.height / out.height);
        const int y1 = std::max(y0 + 1, static_cast<int>(static_cast<std::int64_t>(y + 1) *
                                                         source.height / out.height));
        std::fill(column_sums.begin(), column_sums.end(), 0u);
        for (int sy = y0; sy < y1; ++sy) {
            const std::uint8_t* row =
                source.pixels + static_cast<std::ptrdiff_t>(sy) * source.stride;
            for (int sx = 0; sx < source.width; ++sx) column_sums[sx] += row[sx];
        }
        std::uint8_t* target = out.pixels.data() + static_cast<std::size_t>(y) * out.width;
        for (int x = 0; x < out.width; ++x) {
            const int x0 = x_begin[x];
            const int x1 = std::max(x0 + 1, x_begin[x + 1]);
            std::uint32_t sum = 0;
            for (int sx = x0; sx < x1; ++sx) sum += column_sums[sx];
            const std::uint32_t count = static_cast<std::uint32_t>((x1 - x0) * (y1 - y0));
            target[x] = static_cast<std::uint8_t>((sum + count / 2) / count);
        }
    }
    return out;
}

}  // namespace uketsuke::platform
