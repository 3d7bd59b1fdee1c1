#include "kiosk/image/image.hpp"

#include <gtest/gtest.h>
#include <stb/stb_image_write.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "support/temp_dir.hpp"

namespace uketsuke::image {
namespace {

using testing::TempDir;

void append_to(void* context, void* data, int size) {
    static_cast<std::string*>(context)->append(static_cast<const char*>(data),
                                               static_cast<std::size_t>(size));
}

// One PNG in memory, RGB, `width` x `height` of a pattern that does not compress to nothing.
std::string png_bytes(int width, int height) {
    std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * height * 3);
    for (std::size_t i = 0; i < pixels.size(); ++i)
        pixels[i] = static_cast<unsigned char>((i * 7919u) >> 3);
    std::string bytes;
    EXPECT_NE(stbi_write_png_to_func(append_to, &bytes, width, height, 3, pixels.data(), width * 3),
              0);
    return bytes;
}

std::string one_pixel_png(unsigned char r, unsigned char g, unsigned char b) {
    const unsigned char pixel[3] = {r, g, b};
    std::string bytes;
    EXPECT_NE(stbi_write_png_to_func(append_to, &bytes, 1, 1, 3, pixel, 3), 0);
    return bytes;
}

TEST(Image, OnePixelPngKeepsItsOwnChannels) {
    TempDir dir;
    testing::write_file(dir / "pixel.png", one_pixel_png(200, 100, 50));
    const ImageResult<Image> read = read_image(dir / "pixel.png");
    ASSERT_TRUE(read) << read.error().message;
    const Image& image = read.value();
    EXPECT_EQ(image.width(), 1);
    EXPECT_EQ(image.height(), 1);
    EXPECT_EQ(image.channels(), 3);
    EXPECT_EQ(image.channels_in_file(), 3);
    EXPECT_EQ(std::vector<std::uint8_t>(image.pixels().begin(), image.pixels().end()),
              (std::vector<std::uint8_t>{200, 100, 50}));
}

TEST(Image, ConvertsToGreyWithStbsLumaWeights) {
    TempDir dir;
    testing::write_file(dir / "red.png", one_pixel_png(255, 0, 0));
    const auto red = read_image(dir / "red.png", 1);
    ASSERT_TRUE(red) << red.error().message;
    EXPECT_EQ(red.value().channels(), 1);
    EXPECT_EQ(red.value().channels_in_file(), 3);
    ASSERT_EQ(red.value().pixels().size(), 1u);
    EXPECT_EQ(red.value().pixels()[0], 76);  // (77 r + 150 g + 29 b) >> 8

    const auto mixed = decode_image(one_pixel_png(200, 100, 50), "mixed.png", 1);
    ASSERT_TRUE(mixed) << mixed.error().message;
    EXPECT_EQ(mixed.value().pixels()[0], (77 * 200 + 150 * 100 + 29 * 50) >> 8);
}

TEST(Image, BytesDecodeLikeTheFileAndTheSizeComesFromTheHeader) {
    const std::string bytes = png_bytes(37, 21);
    const auto size = read_image_size(bytes, "plan.png");
    ASSERT_TRUE(size) << size.error().message;
    EXPECT_EQ(size.value().width, 37);
    EXPECT_EQ(size.value().height, 21);
    EXPECT_EQ(size.value().channels_in_file, 3);

    TempDir dir;
    testing::write_file(dir / "plan.png", bytes);
    const auto from_file = read_image(dir / "plan.png", 4);
    const auto from_bytes = decode_image(bytes, "plan.png", 4);
    ASSERT_TRUE(from_file && from_bytes);
    ASSERT_EQ(from_bytes.value().pixels().size(), 37u * 21u * 4u);
    EXPECT_TRUE(std::equal(from_file.value().pixels().begin(), from_file.value().pixels().end(),
                           from_bytes.value().pixels().begin(), from_bytes.value().pixels().end()));
}

TEST(Image, TruncatedFileNamesTheFileAndStbsReason) {
    const std::string whole = png_bytes(64, 64);
    const std::string half = whole.substr(0, whole.size() / 2);
    TempDir dir;
    testing::write_file(dir / "cut.png", half);
    const auto read = read_image(dir / "cut.png");
    ASSERT_FALSE(read);
    EXPECT_FALSE(read.error().reason.empty());
    EXPECT_NE(read.error().message.find((dir / "cut.png").string()), std::string::npos)
        << read.error().message;
    EXPECT_NE(read.error().message.find(read.error().reason), std::string::npos)
        << read.error().message;
    // The header survived the cut: only a full decode tells a damaged file.
    EXPECT_TRUE(read_image_size(half, "cut.png"));
    EXPECT_FALSE(decode_image(half, "cut.png"));
}

TEST(Image, NotAnImageIsAFailureThatSaysSo) {
    TempDir dir;
    testing::write_file(dir / "notes.png", "these are meeting notes, not a picture");
    const auto read = read_image(dir / "notes.png");
    ASSERT_FALSE(read);
    EXPECT_EQ(read.error().message,
              "cannot read image " + (dir / "notes.png").string() + ": " + read.error().reason);
    EXPECT_FALSE(read_image_size("these are meeting notes", "notes.png"));
    EXPECT_FALSE(decode_image("", "empty.png"));
}

TEST(Image, MissingFileIsAFailureNamingIt) {
    const auto read = read_image("/nonexistent/uketsuke/logo.png");
    ASSERT_FALSE(read);
    EXPECT_NE(read.error().message.find("/nonexistent/uketsuke/logo.png"), std::string::npos)
        << read.error().message;
}

TEST(Image, MovingHandsOnThePixels) {
    auto read = decode_image(png_bytes(4, 4), "small.png");
    ASSERT_TRUE(read);
    const std::uint8_t* pixels = read.value().pixels().data();
    Image moved = std::move(read).value();
    EXPECT_EQ(moved.pixels().data(), pixels);
    EXPECT_EQ(moved.pixels().size(), 4u * 4u * 3u);
    EXPECT_EQ(read.value().width(), 0);
    EXPECT_TRUE(read.value().pixels().empty());
}

}  // namespace
}  // namespace uketsuke::image
