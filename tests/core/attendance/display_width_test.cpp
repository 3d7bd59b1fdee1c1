#include "kiosk/core/attendance/display_width.hpp"

#include <gtest/gtest.h>

namespace uketsuke {
namespace {

TEST(DisplayWidth, WideNarrowAndInvisible) {
    EXPECT_EQ(display_width("abc"), 3u);
    EXPECT_EQ(display_width("青葉市"), 6u);
    EXPECT_EQ(display_width("ｱｵﾊﾞ"), 4u) << "half-width katakana, the voiced mark is its own";
    EXPECT_EQ(display_width("ＡＢ"), 4u) << "full-width Latin";
    EXPECT_EQ(display_width("○×"), 2u) << "ambiguous width counts one";
    EXPECT_EQ(display_width("遅早振"), 6u);
    EXPECT_EQ(display_width("e\xCC\x81"), 1u) << "a combining accent takes no column";
    EXPECT_EQ(display_width("\xE2\x80\x8B"), 0u) << "zero-width space";
    EXPECT_EQ(display_width("\xFF\xFE"), 2u) << "each malformed byte reads as one U+FFFD";
    EXPECT_EQ(display_width(""), 0u);
}

TEST(DisplayWidth, TerminalTextDefusesControls) {
    EXPECT_EQ(terminal_text("a\x1b[2Jb"), "a\uFFFD[2Jb");
    EXPECT_EQ(terminal_text("\xC2\x9B"
                            "31m"),
              "\uFFFD31m")
        << "C1 CSI";
    EXPECT_EQ(terminal_text("山\xE5"), "山\uFFFD");
    EXPECT_EQ(terminal_text("髙橋 﨑"), "髙橋 﨑");
}

TEST(DisplayWidth, FitCutsAndPadsByColumns) {
    EXPECT_EQ(fit_columns("青葉", 6), "青葉  ");
    EXPECT_EQ(fit_columns("青葉市役所", 6), "青葉… ") << "市 would not fit with the …";
    EXPECT_EQ(fit_columns("青葉市役所", 6, false), "青葉…");
    EXPECT_EQ(fit_columns("abcdef", 4), "abc…");
    EXPECT_EQ(fit_columns("ab", 4, false), "ab");
    EXPECT_EQ(fit_columns("abc", 0), "");
}

}  // namespace
}  // namespace uketsuke
