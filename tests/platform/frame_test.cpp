#include "platform/frame.hpp"

#include <gtest/gtest.h>
#include <turbojpeg.h>

#include <cstdlib>
#include <memory>
#include <vector>

namespace uketsuke::platform {
namespace {

TEST(Yuyv, TakesTheLumaBytes) {
    const int width = 4, height = 2, stride = 2 * width;
    std::vector<std::uint8_t> data;
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; x += 2) {
            const auto y0 = static_cast<std::uint8_t>(10 * y + x),
                       y1 = static_cast<std::uint8_t>(10 * y + x + 1);
            data.insert(data.end(), {y0, 200, y1, 50});  // Y0 U Y1 V
        }
    }
    GrayFrame out;
    ASSERT_TRUE(yuyv_to_gray(data.data(), data.size(), width, height, stride, out));
    EXPECT_EQ(out.width, 4);
    EXPECT_EQ(out.height, 2);
    EXPECT_EQ(out.pixels, (std::vector<std::uint8_t>{0, 1, 2, 3, 10, 11, 12, 13}));
}

TEST(Yuyv, SkipsRowPadding) {
    const int width = 2, height = 3, stride = 8;  // 4 bytes of pixels, 4 of padding a row
    std::vector<std::uint8_t> data(static_cast<std::size_t>(stride) * height, 99);
    for (int y = 0; y < height; ++y) {
        data[static_cast<std::size_t>(y) * stride] = static_cast<std::uint8_t>(y);
        data[static_cast<std::size_t>(y) * stride + 2] = static_cast<std::uint8_t>(100 + y);
    }
    GrayFrame out;
    ASSERT_TRUE(yuyv_to_gray(data.data(), data.size(), width, height, stride, out));
    EXPECT_EQ(out.pixels, (std::vector<std::uint8_t>{0, 100, 1, 101, 2, 102}));
}

TEST(Yuyv, RejectsShortOrOddFrames) {
    std::vector<std::uint8_t> data(2 * 640 * 480 - 1);
    GrayFrame out;
    const Result<> short_frame = yuyv_to_gray(data.data(), data.size(), 640, 480, 1280, out);
    EXPECT_FALSE(short_frame);
    EXPECT_NE(short_frame.error().message.find("bytes"), std::string::npos);
    EXPECT_FALSE(yuyv_to_gray(data.data(), data.size(), 3, 2, 6, out));
    EXPECT_FALSE(yuyv_to_gray(data.data(), data.size(), 4, 2, 4, out));
    EXPECT_FALSE(yuyv_to_gray(nullptr, 0, 4, 2, 8, out));
}

// A JPEG made the way a webcam makes MJPEG frames (colour, 4:2:2), with turbojpeg's compressor.
std::vector<std::uint8_t> compress(const std::vector<std::uint8_t>& pixels, int width, int height,
                                   int pixel_format, int subsampling) {
    const std::unique_ptr<void, int (*)(void*)> compressor(tjInitCompress(), tjDestroy);
    unsigned char* jpeg = nullptr;
    unsigned long size = 0;
    EXPECT_EQ(tjCompress2(compressor.get(), pixels.data(), width, 0, height, pixel_format, &jpeg,
                          &size, subsampling, 95, 0),
              0)
        << tjGetErrorStr2(compressor.get());
    std::vector<std::uint8_t> bytes(jpeg, jpeg + size);
    tjFree(jpeg);
    return bytes;
}

TEST(Mjpeg, DecodesColourFramesToTheirLuminance) {
    const int width = 320, height = 240;
    std::vector<std::uint8_t> rgb(static_cast<std::size_t>(width) * height * 3);
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            std::uint8_t* pixel = &rgb[(static_cast<std::size_t>(y) * width + x) * 3];
            pixel[0] = static_cast<std::uint8_t>(x * 255 / width);
            pixel[1] = static_cast<std::uint8_t>(y * 255 / height);
            pixel[2] = 128;
        }
    }
    const auto jpeg = compress(rgb, width, height, TJPF_RGB, TJSAMP_422);
    GrayFrame out;
    const Result<> result = mjpeg_to_gray(jpeg.data(), jpeg.size(), out);
    ASSERT_TRUE(result) << result.error().message;
    ASSERT_EQ(out.width, width);
    ASSERT_EQ(out.height, height);
    int worst = 0;
    for (std::size_t i = 0; i < out.pixels.size(); ++i) {
        const int luma =
            (306 * rgb[3 * i] + 601 * rgb[3 * i + 1] + 117 * rgb[3 * i + 2] + 512) >> 10;
        worst = std::max(worst, std::abs(luma - out.pixels[i]));
    }
    EXPECT_LE(worst, 4);
}

TEST(Mjpeg, ConverterIsReusedAcrossFrames) {
    JpegToGray converter;
    for (int size : {64, 128, 96}) {
        std::vector<std::uint8_t> gray(static_cast<std::size_t>(size) * size, 77);
        const auto jpeg = compress(gray, size, size, TJPF_GRAY, TJSAMP_GRAY);
        GrayFrame out;
        ASSERT_TRUE(converter.convert(jpeg.data(), jpeg.size(), out));
        EXPECT_EQ(out.width, size);
        EXPECT_NEAR(out.pixels[static_cast<std::size_t>(size) * size / 2], 77, 2);
    }
}

TEST(Mjpeg, CorruptFramesAreErrorsNotCrashes) {
    std::vector<std::uint8_t> gray(256u * 256u);
    for (std::size_t i = 0; i < gray.size(); ++i) gray[i] = static_cast<std::uint8_t>(i * 31 % 251);
    const auto jpeg = compress(gray, 256, 256, TJPF_GRAY, TJSAMP_GRAY);
    GrayFrame out;

    EXPECT_FALSE(mjpeg_to_gray(nullptr, 0, out));
    const std::vector<std::uint8_t> noise = {0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0};
    const Result<> not_jpeg = mjpeg_to_gray(noise.data(), noise.size(), out);
    EXPECT_FALSE(not_jpeg);
    EXPECT_FALSE(not_jpeg.error().message.empty());

    // Cut off halfway, as a frame torn by a USB hiccup.
    EXPECT_FALSE(mjpeg_to_gray(jpeg.data(), jpeg.size() / 2, out));

    // The header intact, the entropy-coded data scrambled.
    std::vector<std::uint8_t> scrambled = jpeg;
    std::srand(7);
    for (std::size_t i = scrambled.size() / 3; i + 2 < scrambled.size(); i += 5) {
        scrambled[i] = static_cast<std::uint8_t>(std::rand());
    }
    JpegToGray converter;
    [[maybe_unused]] const Result<> scrambled_result =
        converter.convert(scrambled.data(), scrambled.size(), out);
    // Whatever it said, the same converter still decodes the next good frame.
    EXPECT_TRUE(converter.convert(jpeg.data(), jpeg.size(), out));
    EXPECT_EQ(out.width, 256);
}

TEST(Frame, DownscaleAveragesBlocks) {
    GrayFrame big;
    big.width = 1280;
    big.height = 720;
    big.pixels.resize(1280u * 720u);
    for (int y = 0; y < 720; ++y) {
        for (int x = 0; x < 1280; ++x)
            big.pixels[static_cast<std::size_t>(y) * 1280 + x] = (x + y) % 2 ? 200 : 100;
    }
    const GrayFrame small = downscale(big.view(), 640);
    EXPECT_EQ(small.width, 640);
    EXPECT_EQ(small.height, 360);
    for (std::uint8_t pixel : small.pixels) ASSERT_EQ(pixel, 150);

    const GrayFrame odd = downscale(big.view(), 333);
    EXPECT_EQ(odd.width, 333);
    EXPECT_EQ(odd.height, 187);
}

TEST(Frame, DownscaleCopiesWhatAlreadyFits) {
    std::vector<std::uint8_t> pixels = {1, 2, 0, 3, 4, 0};  // 2x2 with a 3-byte stride
    const GrayFrame copy = downscale(GrayView{pixels.data(), 2, 2, 3}, 640);
    EXPECT_EQ(copy.width, 2);
    EXPECT_EQ(copy.pixels, (std::vector<std::uint8_t>{1, 2, 3, 4}));
    EXPECT_TRUE(downscale(GrayView{}, 640).pixels.empty());
}

TEST(Frame, ViewBorrowsThePixels) {
    GrayFrame frame;
    frame.width = 3;
    frame.height = 2;
    frame.pixels = {1, 2, 3, 4, 5, 6};
    const GrayView view = frame.view();
    EXPECT_EQ(view.pixels, frame.pixels.data());
    EXPECT_EQ(view.stride, 3);
    EXPECT_FALSE(view.empty());
}

}  // namespace
}  // namespace uketsuke::platform
