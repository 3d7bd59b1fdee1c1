#include "kiosk/core/tickets/qr.hpp"

#include <gtest/gtest.h>

#include <regex>

#include "kiosk/image/image.hpp"
#include "support/temp_dir.hpp"

namespace uketsuke {
namespace {

QrMatrix hello() {
    auto qr = make_qr("HELLO KIOSK", QrLevel::M);
    EXPECT_TRUE(qr);
    return qr.value_or(QrMatrix{});
}

// Each finder pattern is a dark 7x7 ring, a light ring, and a dark 3x3 centre.
void expect_finder_at(const QrMatrix& qr, int left, int top) {
    for (int y = 0; y < 7; ++y) {
        for (int x = 0; x < 7; ++x) {
            const bool ring = x == 0 || y == 0 || x == 6 || y == 6;
            const bool centre = x >= 2 && x <= 4 && y >= 2 && y <= 4;
            EXPECT_EQ(qr.is_dark(left + x, top + y), ring || centre) << left + x << "," << top + y;
        }
    }
}

TEST(Qr, ShortTextIsVersionOneWithFinderPatterns) {
    const QrMatrix qr = hello();
    EXPECT_EQ(qr.version, 1);
    EXPECT_EQ(qr.size, 21);
    EXPECT_EQ(qr.dark.size(), 21u * 21u);
    expect_finder_at(qr, 0, 0);
    expect_finder_at(qr, qr.size - 7, 0);
    expect_finder_at(qr, 0, qr.size - 7);
}

TEST(Qr, AlphanumericTextIsPackedTighterThanBytes) {
    // 60 alphanumeric characters fit version 3-M (capacity 61); as bytes they would need version 4.
    const auto upper = make_qr(std::string(60, 'A'), QrLevel::M);
    const auto lower = make_qr(std::string(60, 'a'), QrLevel::M);
    ASSERT_TRUE(upper && lower);
    EXPECT_EQ(upper->version, 3);
    EXPECT_EQ(lower->version, 4);
}

TEST(Qr, HigherLevelNeedsAtLeastAsBigASymbol) {
    const std::string text = "UK1:SOMETHING-OF-A-REASONABLE-LENGTH/123";
    const auto low = make_qr(text, QrLevel::L);
    const auto high = make_qr(text, QrLevel::H);
    ASSERT_TRUE(low && high);
    EXPECT_GT(high->version, low->version);
    EXPECT_EQ(high->size, 17 + 4 * high->version);
}

TEST(Qr, EmptyAndOversizedTextAreRefused) {
    EXPECT_FALSE(make_qr(""));
    EXPECT_FALSE(make_qr(std::string(3000, 'x'), QrLevel::L));  // version 40-L holds 2953 bytes
    EXPECT_FALSE(make_qr(std::string(100000, '1')));
}

TEST(Qr, BytesWithNulAreEncodedWhole) {
    const std::string with_nul("a\0b", 3);
    const auto qr = make_qr(with_nul);
    ASSERT_TRUE(qr);
    EXPECT_EQ(qr->version, 1);
}

TEST(Qr, GrayImageHasQuietZoneAndModules) {
    const QrMatrix qr = hello();
    int width = 0;
    const auto pixels = render_gray(qr, 3, 4, &width);
    ASSERT_EQ(width, (21 + 8) * 3);
    ASSERT_EQ(pixels.size(), static_cast<std::size_t>(width * width));
    EXPECT_EQ(pixels[0], 255);
    EXPECT_EQ(pixels[static_cast<std::size_t>(4 * 3 * width + 4 * 3)],
              0);  // top-left finder corner
    EXPECT_EQ(pixels[static_cast<std::size_t>(4 * 3 * width + 4 * 3 - 1)], 255);
}

TEST(Qr, GrayImageRefusesNonsense) {
    const QrMatrix qr = hello();
    int width = 7;
    EXPECT_TRUE(render_gray(qr, 0, 4, &width).empty());
    EXPECT_EQ(width, 0);
    EXPECT_TRUE(render_gray(qr, 4, -1, nullptr).empty());
    EXPECT_TRUE(render_gray(qr, 1000, 4, nullptr).empty());
    EXPECT_TRUE(render_gray(QrMatrix{}, 4, 4, nullptr).empty());
}

TEST(Qr, PngReadsBackWithModulesInPlace) {
    testing::TempDir dir;
    const QrMatrix qr = hello();
    const auto path = dir / "ticket.png";
    const auto written = write_png(qr, path, 8, 4);
    ASSERT_TRUE(written) << written.error();

    const auto read = image::read_image(path, 1);
    ASSERT_TRUE(read) << read.error().message;
    const int width = read.value().width();
    const int height = read.value().height();
    const std::uint8_t* pixels = read.value().pixels().data();
    EXPECT_EQ(read.value().channels_in_file(), 1);
    ASSERT_EQ(width, (qr.size + 8) * 8);
    ASSERT_EQ(height, width);
    for (int y = -4; y < qr.size + 4; ++y) {
        for (int x = -4; x < qr.size + 4; ++x) {
            const bool inside = x >= 0 && y >= 0 && x < qr.size && y < qr.size;
            const bool dark = inside && qr.is_dark(x, y);
            const int px = (x + 4) * 8 + 4;
            const int py = (y + 4) * 8 + 4;
            EXPECT_EQ(pixels[py * width + px], dark ? 0 : 255) << x << "," << y;
        }
    }
}

TEST(Qr, PngToMissingDirectorySaysWhy) {
    testing::TempDir dir;
    const auto written = write_png(hello(), dir / "no-such-dir" / "x.png", 8, 4);
    EXPECT_FALSE(written);
    EXPECT_NE(written.error().find("no-such-dir"), std::string::npos) << written.error();
    EXPECT_FALSE(write_png(hello(), dir / "x.png", 0));
}

TEST(Qr, SvgIsOnePathCoveringEveryDarkModule) {
    const QrMatrix qr = hello();
    const std::string svg = to_svg(qr, 4);
    EXPECT_NE(svg.find("viewBox=\"0 0 29 29\""), std::string::npos);
    EXPECT_NE(svg.find("crispEdges"), std::string::npos);
    const std::string open_tag = svg.substr(0, svg.find('>'));
    EXPECT_EQ(open_tag.find("width"), std::string::npos);  // no fixed size: it scales
    const std::size_t first_path = svg.find("<path");
    ASSERT_NE(first_path, std::string::npos);
    EXPECT_EQ(svg.find("<path", first_path + 1), std::string::npos);

    std::vector<bool> covered(qr.dark.size(), false);
    const std::regex run(R"(M(\d+) (\d+)h(\d+)v1h-(\d+)z)");
    for (auto it = std::sregex_iterator(svg.begin(), svg.end(), run); it != std::sregex_iterator();
         ++it) {
        const int x = std::stoi((*it)[1]) - 4;
        const int y = std::stoi((*it)[2]) - 4;
        const int length = std::stoi((*it)[3]);
        EXPECT_EQ(length, std::stoi((*it)[4]));
        for (int i = 0; i < length; ++i) {
            ASSERT_TRUE(x + i >= 0 && x + i < qr.size && y >= 0 && y < qr.size);
            covered[static_cast<std::size_t>(y * qr.size + x + i)] = true;
        }
    }
    EXPECT_EQ(covered, qr.dark);
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

TEST(Qr, TerminalUsesTwoModuleRowsPerLine) {
    const QrMatrix qr = hello();
    const std::string text = to_terminal(qr, 2);
    ASSERT_EQ(text.back(), '\n');
    const auto lines = lines_of(text);
    ASSERT_EQ(lines.size(), 13u);  // 21 + 2 * 2 = 25 module rows
    const std::string full_block = "\u2588";
    const std::string upper_half = "\u2580";
    // Dark background: the light quiet zone is drawn, so the first line is solid blocks.
    std::string solid;
    for (int i = 0; i < 25; ++i) solid += full_block;
    EXPECT_EQ(lines.front(), solid);
    // The 25th row is the last; below it the terminal background shows.
    std::string top_only;
    for (int i = 0; i < 25; ++i) top_only += upper_half;
    EXPECT_EQ(lines.back(), top_only);
    // Module rows 2 and 3 start with two light quiet-zone columns, drawn as full blocks.
    EXPECT_EQ(lines[1].substr(0, 2 * full_block.size()), full_block + full_block);
}

TEST(Qr, TerminalForLightBackgroundDrawsDarkModules) {
    const QrMatrix qr = hello();
    const auto lines = lines_of(to_terminal(qr, 2, TerminalBackground::Light));
    ASSERT_EQ(lines.size(), 13u);
    EXPECT_EQ(lines.front(), std::string(25, ' '));
    EXPECT_EQ(lines.back(), std::string(25, ' '));
    // Line 1 holds module rows 2 and 3: the finder's top edge (all dark) above its second row
    // (dark only at its ends), so the first finder cell is a full block, the next an upper half.
    const std::string full_block = "\u2588";
    const std::string upper_half = "\u2580";
    EXPECT_EQ(lines[1].substr(0, 2), "  ");
    EXPECT_EQ(lines[1].substr(2, full_block.size() + upper_half.size()), full_block + upper_half);
    EXPECT_EQ(lines_of(to_terminal(qr, 0, TerminalBackground::Light)).size(), 11u);
}

}  // namespace
}  // namespace uketsuke
