#include "kiosk/core/model/names.hpp"

#include <gtest/gtest.h>

namespace uketsuke {
namespace {

TEST(Names, GivenNameSplitsFamilyFirstForJapaneseAndGivenFirstForLatin) {
    EXPECT_EQ(given_name("山田 花子"), "花子");
    EXPECT_EQ(given_name("山田\u3000花子"), "花子");
    EXPECT_EQ(given_name("  山田\u3000\u3000花子 "), "花子");
    EXPECT_EQ(given_name("やまだ はなこ"), "はなこ");
    EXPECT_EQ(given_name("山田花子"), "山田花子") << "no separator: the whole name";
    EXPECT_EQ(given_name("Alice Smith"), "Alice");
    EXPECT_EQ(given_name("SMITH Alice"), "Alice");
    EXPECT_EQ(given_name("SMITH Mary Ann"), "Mary Ann");
    EXPECT_EQ(given_name("José García"), "José");
    EXPECT_EQ(given_name("Madonna"), "Madonna");
    EXPECT_EQ(given_name(""), "");
    EXPECT_EQ(given_name("\xff\xfe bad"), "\xff\xfe") << "broken UTF-8 does not crash";
    EXPECT_EQ(display_name(" 山田 花子 ", NameDisplay::FullName), "山田 花子");
    EXPECT_EQ(display_name("山田 花子", NameDisplay::None), "");
}

}  // namespace
}  // namespace uketsuke
