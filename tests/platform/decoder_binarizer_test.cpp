// Our binarizer and pyramid must make exactly ZXing's bits: decode_qr with them and with ZXing's
// own (DecodeOptions::zxing_binarizer) read the same codes at the same corners, on frames of every
// kind the kiosk sees, odd sizes (ZXing's overlapping last blocks), strides and the shared photos.

#include "platform/decoder_binarizer.hpp"

#include <gtest/gtest.h>

#include <iostream>
#include <string>
#include <vector>

#include "platform/decoder.hpp"
#include "platform/photo_sets.hpp"
#include "platform/test_frames.hpp"

namespace uketsuke::platform {
namespace {

using testing::background;
using testing::paste_code;
using testing::Placement;
using testing::ticket_text;

// The same codes, texts and corners, in the same order.
void expect_same_reads(GrayView frame, const std::string& what) {
    DecodeOptions zxing;
    zxing.zxing_binarizer = true;
    const std::vector<DecodedCode> theirs = decode_qr(frame, zxing);
    const std::vector<DecodedCode> ours = decode_qr(frame);
    ASSERT_EQ(ours.size(), theirs.size()) << what;
    for (std::size_t i = 0; i < ours.size(); ++i) {
        EXPECT_EQ(ours[i].text, theirs[i].text) << what;
        EXPECT_EQ(ours[i].corners, theirs[i].corners) << what;
    }
}

TEST(DecoderBinarizer, ReadsWhatZxingsOwnReadsOnGeneratedFrames) {
    int read = 0;
    for (unsigned seed = 1; seed <= 24; ++seed) {
        GrayFrame frame = background(1280, 720, seed);
        Placement placement;
        placement.module_pixels = 2 + static_cast<int>(seed % 12);
        placement.degrees = seed * 7.0;
        placement.center_x = 300 + seed * 25.0;
        placement.dark = static_cast<std::uint8_t>(20 + seed * 3);
        paste_code(frame, ticket_text("P" + std::to_string(seed)), placement);
        if (seed % 4 == 0) testing::box_blur(frame, 1 + static_cast<int>(seed % 3));
        expect_same_reads(frame.view(), "seed " + std::to_string(seed));
        read += decode_qr(frame.view()).empty() ? 0 : 1;
    }
    // Not a test of reading, but frames nobody reads would prove nothing.
    EXPECT_GT(read, 12);
}

TEST(DecoderBinarizer, ReadsWhatZxingsOwnReadsAtOddSizesAndStrides) {
    for (int step = 0; step < 8; ++step) {
        // Sizes that are not multiples of 8 (the last block overlaps) or of 3 (the pyramid), some
        // over the pyramid's 500 px side and some under, and the binarizer's 40 px minimum.
        const int width = step < 2 ? 39 + step * 30 : 645 + step * 181;
        const int height = step < 2 ? 41 + step * 20 : 505 + step * 77;
        GrayFrame frame = background(width, height, static_cast<unsigned>(step + 3));
        Placement placement;
        placement.module_pixels = step < 2 ? 1 : 3 + step;
        placement.center_x = width / 2.0;
        placement.center_y = height / 2.0;
        placement.degrees = step * 11.0;
        paste_code(frame, ticket_text("S" + std::to_string(step)), placement);
        expect_same_reads(frame.view(), std::to_string(width) + "x" + std::to_string(height));
        // The same picture in a wider buffer.
        const int stride = width + 13;
        std::vector<std::uint8_t> padded(static_cast<std::size_t>(stride) * height, 255);
        for (int y = 0; y < height; ++y) {
            std::copy_n(frame.pixels.begin() + static_cast<std::ptrdiff_t>(y) * width, width,
                        padded.begin() + static_cast<std::ptrdiff_t>(y) * stride);
        }
        expect_same_reads(GrayView{padded.data(), width, height, stride},
                          "stride " + std::to_string(stride));
    }
}

TEST(DecoderBinarizer, ReadsWhatZxingsOwnReadsOnTheSharedPhotos) {
    int photos = 0;
    for (const char* set : {"qrcode-1", "qrcode-3", "qrcode-5"}) {
        const auto folder = testing::find_photo_set(set);
        if (folder.empty()) continue;  // photos_test.cpp fails for a missing shared set in CI
        for (const testing::Photo& photo : testing::load_photo_set(folder)) {
            for (int turn = 0; turn < 4; ++turn) {
                expect_same_reads(testing::rotated(photo.frame, turn).view(),
                                  std::string(set) + "/" + photo.name);
                ++photos;
            }
        }
    }
    std::cout << "[ binarizer ] " << photos << " photo turns compared\n";
}

TEST(DecoderBinarizer, BlackIsZeroAndDownscaleAveragesBlocks) {
    GrayFrame frame;
    frame.width = 48;
    frame.height = 48;
    frame.pixels.assign(48 * 48, 200);
    for (int y = 16; y < 32; ++y) {
        for (int x = 16; x < 32; ++x) frame.pixels[static_cast<std::size_t>(y) * 48 + x] = 20;
    }
    GrayFrame black;
    ASSERT_TRUE(hybrid_binarize(frame.view(), black));
    EXPECT_EQ(black.pixels[20 * 48 + 20], 0);
    EXPECT_EQ(black.pixels[2 * 48 + 2], 255);
    GrayFrame small;
    EXPECT_FALSE(hybrid_binarize(GrayView{frame.pixels.data(), 39, 48, 48}, small));
    ASSERT_TRUE(downscale_by(frame.view(), 3, small));
    EXPECT_EQ(small.width, 16);
    EXPECT_EQ(small.pixels[0], 200);
    EXPECT_EQ(small.pixels[6 * 16 + 6], 20);
    // Rows 15-17 of columns 18-20: one light row, two dark: (200 * 3 + 20 * 6 + 4) / 9 = 80.
    EXPECT_EQ(small.pixels[5 * 16 + 6], 80);
}

}  // namespace
}  // namespace uketsuke::platform
