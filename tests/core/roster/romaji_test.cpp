#include "kiosk/core/roster/romaji.hpp"

#include <gtest/gtest.h>

#include <optional>

#include "kiosk/core/roster/search_key.hpp"

using namespace uketsuke;

TEST(TextRomaji, ReadsHepburnAsHiraganaWhileTyping) {
    EXPECT_EQ(romaji_to_hiragana("suzuki"), "すずき");
    EXPECT_EQ(romaji_to_hiragana("shinchan"), search_key("しんちゃ"));  // the n may yet be な
    EXPECT_EQ(romaji_to_hiragana("yamad"), "やま");                     // the d has no vowel yet
    EXPECT_EQ(romaji_to_hiragana("kitte"), search_key("きって"));
    EXPECT_EQ(romaji_to_hiragana("a"), std::nullopt);  // one kana: too little
    EXPECT_EQ(romaji_to_hiragana("ws-01"), std::nullopt);
    EXPECT_EQ(romaji_to_hiragana("Suzuki"), std::nullopt);  // keys are case-folded first
    EXPECT_EQ(romaji_to_hiragana(""), std::nullopt);
}
