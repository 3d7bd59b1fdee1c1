#include "platform/file_frame_source.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "platform/test_frames.hpp"
#include "support/temp_dir.hpp"

namespace uketsuke::platform {
namespace {

using namespace std::chrono_literals;
using uketsuke::testing::TempDir;

GrayFrame flat(std::uint8_t value, int width = 32, int height = 16) {
    GrayFrame frame;
    frame.width = width;
    frame.height = height;
    frame.pixels.assign(static_cast<std::size_t>(width) * height, value);
    return frame;
}

// Writes frames named b, a, c (values 20, 10, 30) and a stray text file.
void write_folder(const TempDir& dir) {
    ASSERT_TRUE(testing::write_png(dir / "frame-b.png", flat(20)));
    ASSERT_TRUE(testing::write_png(dir / "frame-a.png", flat(10)));
    ASSERT_TRUE(testing::write_png(dir / "frame-c.PNG", flat(30)));
    uketsuke::testing::write_file(dir / "notes.txt", "not a frame");
}

TEST(FileSource, PlaysAFolderInNameOrderThenFinishes) {
    TempDir dir;
    write_folder(dir);
    FileFrameSource source({dir.path(), 0, false});
    ASSERT_TRUE(source.error().empty()) << source.error();
    EXPECT_EQ(source.files().size(), 3u);
    std::vector<int> values;
    std::vector<std::uint64_t> sequences;
    for (int i = 0; i < 3; ++i) {
        FrameRead read = source.read(100ms);
        ASSERT_EQ(read.status, FrameRead::Status::Frame) << read.message;
        EXPECT_EQ(read.frame.width, 32);
        EXPECT_EQ(read.frame.height, 16);
        values.push_back(read.frame.pixels[0]);
        sequences.push_back(read.frame.sequence);
    }
    EXPECT_EQ(values, (std::vector<int>{10, 20, 30}));
    EXPECT_EQ(sequences, (std::vector<std::uint64_t>{1, 2, 3}));
    EXPECT_EQ(source.read(100ms).status, FrameRead::Status::Finished);
    EXPECT_EQ(source.read(100ms).status, FrameRead::Status::Finished);
    EXPECT_NE(source.describe().find("3 images"), std::string::npos) << source.describe();
}

TEST(FileSource, LoopsWhenAsked) {
    TempDir dir;
    write_folder(dir);
    FileFrameSource source({dir.path(), 0, true});
    std::vector<int> values;
    for (int i = 0; i < 7; ++i) values.push_back(source.read(100ms).frame.pixels.at(0));
    EXPECT_EQ(values, (std::vector<int>{10, 20, 30, 10, 20, 30, 10}));
}

TEST(FileSource, PacesFramesAtTheGivenRate) {
    TempDir dir;
    write_folder(dir);
    FileFrameSource source({dir.path(), 20, true});  // one frame every 50 ms
    const auto start = std::chrono::steady_clock::now();
    int frames = 0;
    while (frames < 6) {
        if (source.read(200ms).status == FrameRead::Status::Frame) ++frames;
    }
    const auto elapsed = std::chrono::steady_clock::now() - start;
    EXPECT_GE(elapsed, 230ms);  // five intervals after the first frame, with a little slack
    EXPECT_LT(elapsed, 1000ms);
}

TEST(FileSource, SaysNoFrameYetWhenTheTimeoutIsShorterThanTheInterval) {
    TempDir dir;
    write_folder(dir);
    FileFrameSource source({dir.path(), 2, false});  // every 500 ms
    ASSERT_EQ(source.read(10ms).status, FrameRead::Status::Frame);
    const auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(source.read(20ms).status, FrameRead::Status::NoFrameYet);
    EXPECT_LT(std::chrono::steady_clock::now() - start, 300ms);
}

TEST(FileSource, RepeatsASingleImage) {
    TempDir dir;
    ASSERT_TRUE(testing::write_png(dir / "ticket.png", flat(55, 40, 20)));
    FileFrameSource source({dir / "ticket.png", 0, false});
    for (int i = 0; i < 4; ++i) {
        const FrameRead read = source.read(50ms);
        ASSERT_EQ(read.status, FrameRead::Status::Frame);
        EXPECT_EQ(read.frame.width, 40);
        EXPECT_EQ(read.frame.pixels[0], 55);
    }
}

TEST(FileSource, ConvertsColourImagesToGray) {
    TempDir dir;
    const std::vector<std::uint8_t> red = {255, 0, 0, 255, 0, 0};  // 2x1 RGB
    ASSERT_NE(stbi_write_png((dir / "red.png").c_str(), 2, 1, 3, red.data(), 6), 0);
    FileFrameSource source({dir / "red.png", 0, false});
    const FrameRead read = source.read(50ms);
    ASSERT_EQ(read.status, FrameRead::Status::Frame);
    ASSERT_EQ(read.frame.pixels.size(), 2u);
    EXPECT_NEAR(read.frame.pixels[0], 76, 2);  // stb's luma of pure red
}

TEST(FileSource, MissingFolderIsUnavailableWithAMessage) {
    FileFrameSource source({"/nonexistent/uketsuke-frames", 10, false});
    const FrameRead read = source.read(50ms);
    EXPECT_EQ(read.status, FrameRead::Status::Unavailable);
    EXPECT_NE(read.message.find("/nonexistent/uketsuke-frames"), std::string::npos) << read.message;
    EXPECT_NE(source.describe().find("no such folder"), std::string::npos);
}

TEST(FileSource, EmptyFolderAndBadImagesAreReported) {
    TempDir empty;
    FileFrameSource nothing({empty.path(), 10, false});
    EXPECT_EQ(nothing.read(10ms).status, FrameRead::Status::Unavailable);
    EXPECT_NE(nothing.error().find("no PNG or JPEG"), std::string::npos);

    TempDir dir;
    uketsuke::testing::write_file(dir / "a-broken.png", "not a png at all");
    ASSERT_TRUE(testing::write_png(dir / "b-good.png", flat(90)));
    FileFrameSource source({dir.path(), 0, false});
    const FrameRead broken = source.read(10ms);
    EXPECT_EQ(broken.status, FrameRead::Status::NoFrameYet);
    EXPECT_NE(broken.message.find("a-broken.png"), std::string::npos) << broken.message;
    const FrameRead good = source.read(10ms);
    ASSERT_EQ(good.status, FrameRead::Status::Frame);
    EXPECT_EQ(good.frame.pixels[0], 90);
}

}  // namespace
}  // namespace uketsuke::platform
