#include "kiosk/core/groups/floor_map.hpp"

#include <gtest/gtest.h>
#include <stb/stb_image_write.h>

#include <string>
#include <vector>

#include "support/event_fixture.hpp"

namespace uketsuke {
namespace {

using testing::EventFixture;

void append_to(void* context, void* data, int size) {
    static_cast<std::string*>(context)->append(static_cast<const char*>(data),
                                               static_cast<std::size_t>(size));
}

// A plan-like picture: light floor, a darker square per "table".
std::vector<unsigned char> floor_pixels(int width, int height) {
    std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * height * 3, 230);
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            if ((x / 16 + y / 16) % 3 == 0)
                pixels[(static_cast<std::size_t>(y) * width + x) * 3 + 2] = 90;
        }
    }
    return pixels;
}

std::string make_png(int width, int height) {
    std::string bytes;
    const auto pixels = floor_pixels(width, height);
    EXPECT_NE(stbi_write_png_to_func(append_to, &bytes, width, height, 3, pixels.data(), width * 3),
              0);
    return bytes;
}

std::string make_jpeg(int width, int height) {
    std::string bytes;
    const auto pixels = floor_pixels(width, height);
    EXPECT_NE(stbi_write_jpg_to_func(append_to, &bytes, width, height, 3, pixels.data(), 85), 0);
    return bytes;
}

// A real PNG whose header claims another size: stb reads the size without checking the CRC.
std::string png_claiming(std::uint32_t width, std::uint32_t height) {
    std::string bytes = make_png(8, 8);
    for (int i = 0; i < 4; ++i) {
        bytes[16 + i] = static_cast<char>((width >> (24 - 8 * i)) & 0xFF);
        bytes[20 + i] = static_cast<char>((height >> (24 - 8 * i)) & 0xFF);
    }
    return bytes;
}

TEST(FloorMap, PngRoundTripsThroughTheEventFile) {
    EventFixture f;
    EXPECT_FALSE(floor_map_info(f.store));
    EXPECT_FALSE(load_floor_map(f.store));

    const std::string png = make_png(320, 200);
    auto attached = attach_floor_map(f.store, png, "/tmp/somewhere/会場.png");
    ASSERT_TRUE(attached) << attached.error;
    EXPECT_EQ(attached.info.format, "png");
    EXPECT_EQ(attached.info.width, 320);
    EXPECT_EQ(attached.info.height, 200);

    // Read back from a fresh handle: it is in the file, not in memory.
    EventStore reopened = EventStore::open(f.path, true);
    auto info = floor_map_info(reopened);
    ASSERT_TRUE(info);
    EXPECT_EQ(info->format, "png");
    EXPECT_EQ(info->width, 320);
    EXPECT_EQ(info->height, 200);
    EXPECT_EQ(info->bytes, png.size());
    EXPECT_EQ(info->source_name, "会場.png");
    auto map = load_floor_map(reopened);
    ASSERT_TRUE(map);
    EXPECT_EQ(map->bytes, png);
}

TEST(FloorMap, JpegIsAcceptedAndReplacesTheEarlierMap) {
    EventFixture f;
    ASSERT_TRUE(attach_floor_map(f.store, make_png(64, 64), "old.png"));
    const std::string jpeg = make_jpeg(640, 480);
    auto attached = attach_floor_map(f.store, jpeg, "new.jpg");
    ASSERT_TRUE(attached) << attached.error;
    auto map = load_floor_map(f.store);
    ASSERT_TRUE(map);
    EXPECT_EQ(map->info.format, "jpeg");
    EXPECT_EQ(map->info.width, 640);
    EXPECT_EQ(map->info.height, 480);
    EXPECT_EQ(map->info.source_name, "new.jpg");
    EXPECT_EQ(map->bytes, jpeg);
}

struct NotAMap {
    const char* label;
    std::string bytes;
    const char* words;
};

TEST(FloorMap, RefusesWhatIsNotAUsableImageAndKeepsTheOldMap) {
    EventFixture f;
    const std::string png = make_png(100, 50);
    ASSERT_TRUE(attach_floor_map(f.store, png, "plan.png"));

    const std::string good = make_png(200, 100);
    std::vector<NotAMap> cases{
        {"text", "name,table\nA,1\n", "not an image"},
        {"empty", "", "empty"},
        {"gif", std::string("GIF89a\x01\x00\x01\x00\x00\x00\x00", 13), "GIF"},
        {"pdf", "%PDF-1.7\n...", "PDF"},
        {"truncated png", good.substr(0, good.size() / 2), "damaged"},
        {"png header only", good.substr(0, 8), "PNG"},
        {"jpeg marker only", std::string("\xFF\xD8\xFF\xE0\x00\x10JFIF", 10), "JPEG"},
        {"too wide", png_claiming(9000, 10), "9000×10"},
        {"too many pixels", png_claiming(5000, 5000), "scale it down"},
        {"too large a file", std::string(kMaxFloorMapBytes + 1, '\x89'), "20 MB"},
    };
    for (const auto& bad : cases) {
        auto result = attach_floor_map(f.store, bad.bytes, "plan-v2.png");
        ASSERT_FALSE(result) << bad.label;
        EXPECT_NE(result.error.find("plan-v2.png"), std::string::npos)
            << bad.label << ": " << result.error;
        EXPECT_NE(result.error.find(bad.words), std::string::npos)
            << bad.label << ": " << result.error;
    }
    auto kept = load_floor_map(f.store);
    ASSERT_TRUE(kept);
    EXPECT_EQ(kept->bytes, png);
    EXPECT_EQ(kept->info.width, 100);
}

TEST(FloorMap, LargestAcceptedSizes) {
    EXPECT_TRUE(inspect_floor_map(make_png(kMaxFloorMapSide, 4), "wide.png"));
    EXPECT_FALSE(inspect_floor_map(make_png(kMaxFloorMapSide + 1, 4), "wider.png"));
}

TEST(FloorMap, RemoveLeavesNoMap) {
    EventFixture f;
    ASSERT_TRUE(attach_floor_map(f.store, make_png(10, 10), "plan.png"));
    remove_floor_map(f.store);
    EXPECT_FALSE(floor_map_info(f.store));
    EXPECT_FALSE(load_floor_map(f.store));
}

}  // namespace
}  // namespace uketsuke
