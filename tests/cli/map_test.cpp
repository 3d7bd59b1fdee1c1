// `uketsuke map set / show / remove`: the floor plan the kiosk lights tables on.

#include <gtest/gtest.h>
#include <stb/stb_image_write.h>

#include <string>
#include <vector>

#include "cli/cli_fixtures.hpp"

namespace uketsuke::testing::cli {
namespace {

void append_to(void* context, void* data, int size) {
    static_cast<std::string*>(context)->append(static_cast<const char*>(data),
                                               static_cast<std::size_t>(size));
}

std::string make_image(int width, int height, bool jpeg) {
    std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * height * 3, 200);
    for (std::size_t i = 0; i < pixels.size(); i += 7) pixels[i] = 40;
    std::string bytes;
    const int written =
        jpeg
            ? stbi_write_jpg_to_func(append_to, &bytes, width, height, 3, pixels.data(), 90)
            : stbi_write_png_to_func(append_to, &bytes, width, height, 3, pixels.data(), width * 3);
    EXPECT_NE(written, 0);
    return bytes;
}

class MapTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_EQ(event_.run({"groups", "create", "--count", "3"}).exit_code, 0);
    }

    std::string write(const std::string& name, const std::string& bytes) const {
        write_file(event_ / name, bytes);
        return (event_ / name).string();
    }

    std::string show() const {
        const CommandOutput output = event_.run({"map", "show"});
        EXPECT_EQ(output.exit_code, 0) << describe(output);
        return output.out;
    }

    EventFixture event_;
};

TEST_F(MapTest, NoMapYet) {
    const std::string text = show();
    EXPECT_CONTAINS(text, "No floor map yet (uketsuke map set IMAGE)");
    EXPECT_CONTAINS(text, "Not on the map: A, B, C");
}

TEST_F(MapTest, SetPngThenShowSizeFormatAndPositions) {
    const std::string plan = write("会場図.png", make_image(320, 200, false));
    const CommandOutput set = event_.run({"map", "set", plan});
    ASSERT_EQ(set.exit_code, 0) << describe(set);
    EXPECT_CONTAINS(set.out, "Floor map: 会場図.png (PNG, 320×200 pixels");

    ASSERT_EQ(event_.run({"groups", "set", "B", "--x", "0.25", "--y", "60%"}).exit_code, 0);
    const std::string text = show();
    EXPECT_CONTAINS(text, "Floor map: 会場図.png (PNG, 320×200 pixels");
    EXPECT_CONTAINS(text, "B          table 2         25.0%,  60.0%");
    EXPECT_CONTAINS(text, "Not on the map: A, C");
}

TEST_F(MapTest, JpegReplacesPng) {
    ASSERT_EQ(event_.run({"map", "set", write("a.png", make_image(64, 64, false))}).exit_code, 0);
    const CommandOutput set =
        event_.run({"map", "set", write("b.jpg", make_image(800, 600, true))});
    ASSERT_EQ(set.exit_code, 0) << describe(set);
    EXPECT_CONTAINS(show(), "Floor map: b.jpg (JPEG, 800×600 pixels");
}

TEST_F(MapTest, NotAnImageIsRefusedAndTheMapStays) {
    ASSERT_EQ(event_.run({"map", "set", write("plan.png", make_image(64, 48, false))}).exit_code,
              0);
    const std::string before = show();
    const std::string exported = event_.export_bytes();

    struct Bad {
        std::string file;
        std::string bytes;
        std::string words;
    };
    const std::string png = make_image(300, 300, false);
    const std::vector<Bad> cases{
        {"table-list.png", "name,table\nA,1\n", "not an image"},
        {"scan.pdf", "%PDF-1.4\n%...", "PDF"},
        {"anim.gif", std::string("GIF89a\x10\x00\x10\x00\x00\x00\x00", 13), "GIF"},
        {"half.png", png.substr(0, png.size() / 3), "damaged"},
        {"empty.png", "", "empty"},
    };
    for (const auto& bad : cases) {
        const CommandOutput output = event_.run({"map", "set", write(bad.file, bad.bytes)});
        EXPECT_EQ(output.exit_code, 3) << bad.file << "\n" << describe(output);
        EXPECT_CONTAINS(output.err, bad.file);
        EXPECT_CONTAINS(output.err, bad.words);
        EXPECT_CONTAINS(output.err, "Nothing was changed");
    }
    const CommandOutput missing = event_.run({"map", "set", (event_ / "nowhere.png").string()});
    EXPECT_EQ(missing.exit_code, 3) << describe(missing);
    EXPECT_CONTAINS(missing.err, "nowhere.png");

    EXPECT_EQ(show(), before);
    EXPECT_EQ(event_.export_bytes(), exported);
}

TEST_F(MapTest, RemoveKeepsTablePositions) {
    ASSERT_EQ(event_.run({"map", "set", write("plan.png", make_image(64, 48, false))}).exit_code,
              0);
    ASSERT_EQ(event_.run({"groups", "set", "A", "--x", "0.1", "--y", "0.9"}).exit_code, 0);
    const CommandOutput removed = event_.run({"map", "remove"});
    ASSERT_EQ(removed.exit_code, 0) << describe(removed);
    const std::string text = show();
    EXPECT_CONTAINS(text, "No floor map yet");
    EXPECT_CONTAINS(text, "A          table 1         10.0%,  90.0%");
}

TEST_F(MapTest, MapNeedsASubcommandAndAnImage) {
    EXPECT_EQ(event_.run({"map"}).exit_code, 2);
    EXPECT_EQ(event_.run({"map", "set"}).exit_code, 2);
}

}  // namespace
}  // namespace uketsuke::testing::cli
