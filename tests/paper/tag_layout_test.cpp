// paper/tag_layout: the shipped layouts read, and every bad layout file is refused with the
// file, line and column of what is wrong.

#include "paper/tag_layout.hpp"

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"

namespace uketsuke::paper {
namespace {

const char* kSmall = R"(description = "small"
[tag]
width_mm = 60
height_mm = 40
[name]
box = [2, 10, 56, 20]
)";

std::string error_of(const std::string& text) {
    auto layout = parse_tag_layout(text, "bad.toml");
    EXPECT_FALSE(layout) << "accepted:\n" << text;
    return layout ? std::string() : layout.error().message;
}

TEST(TagLayoutTest, EveryShippedLayoutReadsAndIsOneOfTheFourAsked) {
    const auto names = shipped_layout_names();
    EXPECT_EQ(names, (std::vector<std::string>{"a6", "card-91x55", "ql-62", "ql-62x100"}));
    for (const auto& name : names) {
        auto layout = find_tag_layout(name);
        ASSERT_TRUE(layout) << layout.error().message;
        EXPECT_EQ(layout.value().name, name);
        EXPECT_TRUE(layout.value().name_text.has_value());
    }
}

TEST(TagLayoutTest, TheCardSheetIsTenNinetyOneByFiftyFiveOnA4) {
    auto layout = find_tag_layout("card-91x55");
    ASSERT_TRUE(layout) << layout.error().message;
    const TagLayout& card = layout.value();
    EXPECT_EQ(card.tags_per_page(), 10);
    EXPECT_EQ(card.columns, 2);
    EXPECT_DOUBLE_EQ(card.tag_width, 91);
    EXPECT_DOUBLE_EQ(card.tag_height, 55);
    EXPECT_DOUBLE_EQ(card.page_width, 210);
    EXPECT_DOUBLE_EQ(card.page_height, 297);
    auto label = find_tag_layout("ql-62x100");
    ASSERT_TRUE(label);
    EXPECT_EQ(label.value().tags_per_page(), 1);
    EXPECT_DOUBLE_EQ(label.value().page_width, 62);  // a page is the label
    EXPECT_DOUBLE_EQ(label.value().page_height, 100);
    EXPECT_TRUE(label.value().qr.has_value());
}

TEST(TagLayoutTest, PitchAndMarginsAreData) {
    auto layout = parse_tag_layout(std::string(kSmall) + R"(
[page]
width_mm = 210
height_mm = 297
[sheet]
columns = 3
rows = 6
left_mm = 7.5
top_mm = 12
pitch_x_mm = 65
pitch_y_mm = 45
)",
                                   "mine.toml");
    ASSERT_TRUE(layout) << layout.error().message;
    EXPECT_EQ(layout.value().tags_per_page(), 18);
    EXPECT_DOUBLE_EQ(layout.value().pitch_x, 65);
    EXPECT_DOUBLE_EQ(layout.value().left, 7.5);
}

TEST(TagLayoutTest, ABadSizeIsNamedWithFileLineAndColumn) {
    const std::string error = error_of(R"(description = "x"
[tag]
width_mm = -5
height_mm = 40
)");
    EXPECT_NE(error.find("bad.toml:3:12"), std::string::npos) << error;
    EXPECT_NE(error.find("tag.width_mm should be a number from 10 to 1000 (mm)"), std::string::npos)
        << error;
    EXPECT_NE(error_of("[tag]\nwidth_mm = \"wide\"\nheight_mm = 40\n").find("bad.toml:2:12"),
              std::string::npos);
}

TEST(TagLayoutTest, AnUnknownFieldOrTableIsNamedWithItsPlace) {
    const std::string key = error_of(std::string(kSmall) + "colour = \"red\"\n");
    EXPECT_NE(key.find("bad.toml:7:10: unknown key \"name.colour\""), std::string::npos) << key;
    const std::string table = error_of(std::string(kSmall) + "[signature]\nbox = [1, 1, 2, 2]\n");
    EXPECT_NE(table.find("bad.toml:7:1: unknown table [signature]"), std::string::npos) << table;
    const std::string misspelt = error_of(std::string(kSmall) + "max_tp = 20\n");
    EXPECT_NE(misspelt.find("bad.toml:7:10: unknown key \"name.max_tp\""), std::string::npos)
        << misspelt;
}

TEST(TagLayoutTest, ABoxOffTheTagOrTagsOffThePageAreRefused) {
    const std::string off = error_of(R"([tag]
width_mm = 60
height_mm = 40
[name]
box = [2, 30, 56, 20]
)");
    EXPECT_NE(off.find("bad.toml:5:7: name.box [2, 30, 56, 20] leaves the 60 × 40 mm tag"),
              std::string::npos)
        << off;
    const std::string page = error_of(std::string(kSmall) + R"(
[page]
width_mm = 100
height_mm = 100
[sheet]
columns = 2
rows = 2
)");
    EXPECT_NE(page.find("past the 100 × 100 mm page"), std::string::npos) << page;
    EXPECT_NE(page.find("bad.toml:12:11"), std::string::npos) << page;
    const std::string overlap = error_of(std::string(kSmall) + R"(
[page]
width_mm = 200
height_mm = 100
[sheet]
columns = 2
pitch_x_mm = 50
)");
    EXPECT_NE(overlap.find("tags would overlap"), std::string::npos) << overlap;
}

TEST(TagLayoutTest, SizesAndShapesAreChecked) {
    EXPECT_NE(error_of(std::string(kSmall) + "max_pt = 10\nmin_pt = 12\n")
                  .find("name.min_pt 12 is larger than max_pt 10"),
              std::string::npos);
    EXPECT_NE(error_of("[tag]\nwidth_mm = 60\nheight_mm = 40\n[name]\nbox = [1, 2, 3]\n")
                  .find("bad.toml:5:7: name.box should be [x, y, width, height]"),
              std::string::npos);
    EXPECT_NE(error_of("[tag]\nwidth_mm = 60\nheight_mm = 40\n").find("needs a [name] box"),
              std::string::npos);
    EXPECT_NE(error_of("[tag]\nheight_mm = 40\n").find("[tag] needs width_mm"), std::string::npos);
    EXPECT_NE(error_of(std::string(kSmall) + "[colours]\ngroups = [\"red\"]\n")
                  .find("bad.toml:8:10: colours.groups should be a list of colours"),
              std::string::npos);
}

TEST(TagLayoutTest, ASyntaxErrorHasItsPlace) {
    const std::string error = error_of("[tag]\nwidth_mm = = 3\n");
    EXPECT_EQ(error.rfind("bad.toml:2:", 0), 0u) << error;
}

TEST(TagLayoutTest, LayoutFilesAndNames) {
    testing::TempDir dir;
    testing::write_file(dir / "mine.toml", kSmall);
    auto from_file = find_tag_layout((dir / "mine.toml").string());
    ASSERT_TRUE(from_file) << from_file.error().message;
    EXPECT_EQ(from_file.value().name, "mine");
    const auto missing = find_tag_layout("badge-3000");
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().message.find("no layout \"badge-3000\": the shipped layouts are a6, "
                                           "card-91x55, ql-62, ql-62x100"),
              std::string::npos)
        << missing.error().message;
    const auto no_file = find_tag_layout((dir / "nope.toml").string());
    ASSERT_FALSE(no_file);
    EXPECT_NE(no_file.error().message.find("nope.toml: no such layout file"), std::string::npos);
}

}  // namespace
}  // namespace uketsuke::paper
