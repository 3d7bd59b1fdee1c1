#include "kiosk/ui/screens/keyboard.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "kiosk/core/model/utf8.hpp"
#include "platform/fonts.hpp"
#include "ui/screens/keyboard_keys.hpp"

namespace uketsuke::ui {
namespace {

using testing::all_keys;
using testing::kana_state;
using testing::key_of;
using testing::key_of_kind;
using testing::switch_key;

// Decodes the test's own literals and the keyboard's output.
std::u32string code_points(std::string_view text) { return utf8::decode(text); }

// Types each character of `characters` with the keys of the current layout.
void type(KeyboardState& state, std::string_view characters) {
    for (std::size_t i = 0, next = 0; i < characters.size(); i = next) {
        next = i;
        (void)utf8::next(characters, next);
        (void)press(state,
                    key_of(state.layout, KeyKind::Character, characters.substr(i, next - i)));
    }
}

TEST(KeyboardLayouts, EveryHiraganaOfTheGridIsThereExactlyOnce) {
    const std::u32string expected =
        U"あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわ"
        U"をん";
    std::map<char32_t, int> seen;
    for (const Key& key : all_keys(KeyboardLayout::Kana)) {
        if (key.kind != KeyKind::Character) continue;
        for (char32_t c : code_points(key.text)) ++seen[c];
    }
    for (char32_t c : expected) {
        EXPECT_EQ(seen[c], 1) << "U+" << std::hex << static_cast<unsigned>(c);
    }
    EXPECT_EQ(seen[U'ー'], 1);
    EXPECT_EQ(seen.size(), expected.size() + 2) << "only the 46 kana, ー and ・";
}

TEST(KeyboardLayouts, KanaGridRunsRightToLeftWithVowelsDownTheColumns) {
    const auto& rows = keyboard_rows(KeyboardLayout::Kana);
    ASSERT_EQ(rows.size(), 6u);
    const std::array<std::string_view, 5> a_column = {"あ", "い", "う", "え", "お"};
    const std::array<std::string_view, 5> ka_column = {"か", "き", "く", "け", "こ"};
    for (std::size_t vowel = 0; vowel < 5; ++vowel) {
        ASSERT_EQ(rows[vowel].size(), 11u);
        EXPECT_EQ(rows[vowel][10].text, a_column[vowel]);
        EXPECT_EQ(rows[vowel][9].text, ka_column[vowel]);
    }
    EXPECT_EQ(rows[0][1].text, "わ");
    EXPECT_EQ(rows[2][1].text, "を");
    EXPECT_EQ(rows[4][1].text, "ん");
    EXPECT_EQ(rows[1][3].kind, KeyKind::Gap);  // no yi
    EXPECT_EQ(rows[0][0].kind, KeyKind::Voicing);
    EXPECT_EQ(rows[1][0].kind, KeyKind::Small);
}

TEST(KeyboardLayouts, LatinHasLettersDigitsAndTheSymbolsOfNamesAndAddresses) {
    std::map<std::string, int> seen;
    for (const Key& key : all_keys(KeyboardLayout::Latin)) {
        if (key.kind == KeyKind::Character) ++seen[std::string(key.text)];
    }
    const std::string expected = "abcdefghijklmnopqrstuvwxyz0123456789-.@_'";
    for (char c : expected) EXPECT_EQ(seen[std::string(1, c)], 1) << c;
    EXPECT_EQ(seen.size(), expected.size());
    EXPECT_EQ(key_of(KeyboardLayout::Latin, KeyKind::Shift).kind, KeyKind::Shift);
}

TEST(KeyboardLayouts, EveryLayoutCanEditFinishAndLeave) {
    const std::array<KeyboardLayout, 3> switchable = {KeyboardLayout::Latin, KeyboardLayout::Kana,
                                                      KeyboardLayout::Digits};
    for (KeyboardLayout layout : switchable) {
        for (KeyKind kind : {KeyKind::Backspace, KeyKind::Clear, KeyKind::Done}) {
            EXPECT_EQ(key_of(layout, kind).kind, kind) << static_cast<int>(layout);
        }
        for (KeyboardLayout other : switchable) {
            if (other != layout) {
                EXPECT_EQ(switch_key(layout, other).target, other);
            }
        }
    }
}

TEST(KeyboardLayouts, PinPadHasOnlyDigitsAndNoWayOut) {
    std::string characters;
    for (const Key& key : all_keys(KeyboardLayout::Pin)) {
        EXPECT_NE(key.kind, KeyKind::SwitchLayout);
        EXPECT_NE(key.kind, KeyKind::Space);
        if (key.kind == KeyKind::Character) characters += key.text;
    }
    std::sort(characters.begin(), characters.end());
    EXPECT_EQ(characters, "0123456789");
    EXPECT_EQ(key_of(KeyboardLayout::Pin, KeyKind::Done).kind, KeyKind::Done);
}

TEST(KeyboardPress, DigitsTypeATicketNumberAndAPin) {
    KeyboardState state;
    state.layout = KeyboardLayout::Digits;
    type(state, "2026-0042");
    EXPECT_EQ(state.text, "2026-0042");
    state.layout = KeyboardLayout::Pin;
    (void)press(state, key_of(KeyboardLayout::Pin, KeyKind::Clear));
    type(state, "0000");
    EXPECT_EQ(state.text, "0000");
}

TEST(KeyboardPress, ShiftCapitalisesOneLetterThenLocks) {
    KeyboardState state;
    const Key shift = key_of(KeyboardLayout::Latin, KeyKind::Shift);
    EXPECT_EQ(press(state, shift), KeyResult{});
    EXPECT_EQ(state.shift, Shift::Once);
    EXPECT_EQ(key_label(key_of(KeyboardLayout::Latin, KeyKind::Character, "q"), state), "Q");
    type(state, "ya");
    EXPECT_EQ(state.text, "Ya");
    EXPECT_EQ(state.shift, Shift::Off);
    (void)press(state, shift);
    (void)press(state, shift);
    EXPECT_EQ(state.shift, Shift::Locked);
    type(state, "id-7");
    EXPECT_EQ(state.text, "YaID-7");
    EXPECT_EQ(state.shift, Shift::Locked);
    (void)press(state, shift);
    EXPECT_EQ(state.shift, Shift::Off);
    type(state, "x");
    EXPECT_EQ(state.text, "YaID-7x");
}

TEST(KeyboardPress, VoicingCyclesTheLastKana) {
    struct Case {
        std::string_view before;
        int presses;
        std::string_view after;
    };
    const Key voicing = key_of(KeyboardLayout::Kana, KeyKind::Voicing);
    for (const Case& test :
         {Case{"か", 1, "が"}, Case{"か", 2, "か"}, Case{"は", 1, "ば"}, Case{"は", 2, "ぱ"},
          Case{"は", 3, "は"}, Case{"う", 1, "ゔ"}, Case{"う", 2, "う"}, Case{"つ", 1, "づ"},
          Case{"ホ", 2, "ポ"}, Case{"はは", 1, "はば"}}) {  // only the last character changes
        KeyboardState state = kana_state(std::string(test.before));
        for (int i = 0; i < test.presses; ++i) EXPECT_TRUE(press(state, voicing).text_changed);
        EXPECT_EQ(state.text, test.after) << test.before << " ×" << test.presses;
    }
    for (std::string_view unchanged : {"", "ん", "a", "ー", "ぁ"}) {
        KeyboardState state = kana_state(std::string(unchanged));
        EXPECT_FALSE(press(state, voicing).text_changed) << unchanged;
        EXPECT_EQ(state.text, unchanged);
    }
}

TEST(KeyboardPress, SmallKanaToggles) {
    KeyboardState state = kana_state();
    const Key small = key_of(KeyboardLayout::Kana, KeyKind::Small);
    const std::map<std::string, std::string> pairs = {{"つ", "っ"}, {"や", "ゃ"}, {"ゆ", "ゅ"},
                                                      {"よ", "ょ"}, {"あ", "ぁ"}, {"お", "ぉ"},
                                                      {"わ", "ゎ"}, {"ツ", "ッ"}, {"ヨ", "ョ"}};
    for (const auto& [full, small_form] : pairs) {
        state.text = "き" + full;
        EXPECT_TRUE(press(state, small).text_changed);
        EXPECT_EQ(state.text, "き" + small_form);
        (void)press(state, small);
        EXPECT_EQ(state.text, "き" + full);
    }
    state.text = "か";
    EXPECT_FALSE(press(state, small).text_changed);
    EXPECT_EQ(state.text, "か");
}

TEST(KeyboardPress, TypesAReadingWithVoicingAndSmallKana) {
    KeyboardState state = kana_state();
    type(state, "か");
    (void)press(state, key_of(KeyboardLayout::Kana, KeyKind::Voicing));
    type(state, "つ");
    (void)press(state, key_of(KeyboardLayout::Kana, KeyKind::Small));
    type(state, "こう");
    EXPECT_EQ(state.text, "がっこう");
}

TEST(KeyboardPress, KatakanaModeTypesKatakana) {
    KeyboardState state = kana_state();
    (void)press(state, key_of(KeyboardLayout::Kana, KeyKind::Katakana));
    EXPECT_TRUE(state.katakana);
    EXPECT_EQ(key_label(key_of(KeyboardLayout::Kana, KeyKind::Character, "す"), state), "ス");
    type(state, "すみす");
    (void)press(state, key_of(KeyboardLayout::Kana, KeyKind::Character, "ー"));
    EXPECT_EQ(state.text, "スミスー");
    (void)press(state, key_of(KeyboardLayout::Kana, KeyKind::Katakana));
    type(state, "さん");
    EXPECT_EQ(state.text, "スミスーさん");
}

TEST(KeyboardPress, BackspaceRemovesOneWholeCodePoint) {
    KeyboardState state;
    state.text = "aéがー😀";
    const Key backspace = key_of(KeyboardLayout::Latin, KeyKind::Backspace);
    for (std::string_view expected : {"aéがー", "aéが", "aé", "a", ""}) {
        EXPECT_TRUE(press(state, backspace).text_changed);
        EXPECT_EQ(state.text, expected);
    }
    EXPECT_FALSE(press(state, backspace).text_changed);
    EXPECT_EQ(state.text, "");
    // Malformed text from elsewhere still shrinks, one byte at a time, never below zero.
    state.text = std::string("ab\xE3\x81");
    (void)press(state, backspace);
    EXPECT_EQ(state.text, std::string("ab\xE3"));
    (void)press(state, backspace);
    EXPECT_EQ(state.text, "ab");
}

TEST(KeyboardPress, StopsAtTheMaximumLength) {
    KeyboardState state = kana_state();
    state.max_length = 3;
    type(state, "やまたはなこ");
    EXPECT_EQ(state.text, "やまた");
    EXPECT_EQ(code_point_count(state.text), 3u);
    EXPECT_FALSE(press(state, key_of(KeyboardLayout::Kana, KeyKind::Space)).text_changed);
    EXPECT_FALSE(press(state, key_of(KeyboardLayout::Kana, KeyKind::Character, "は")).text_changed);
    // Converting the last character does not lengthen the text.
    EXPECT_TRUE(press(state, key_of(KeyboardLayout::Kana, KeyKind::Voicing)).text_changed);
    EXPECT_EQ(state.text, "やまだ");
    (void)press(state, key_of(KeyboardLayout::Kana, KeyKind::Backspace));
    type(state, "み");
    EXPECT_EQ(state.text, "やまみ");

    KeyboardState latin;
    for (int i = 0; i < 1000; ++i) type(latin, "x");  // a stuck finger
    EXPECT_EQ(latin.text, std::string(kKeyboardMaxLength, 'x'));
}

TEST(KeyboardPress, SpaceClearAndDone) {
    KeyboardState state;
    type(state, "ab");
    EXPECT_TRUE(press(state, key_of(KeyboardLayout::Latin, KeyKind::Space)).text_changed);
    type(state, "c");
    EXPECT_EQ(state.text, "ab c");
    const KeyResult done = press(state, key_of(KeyboardLayout::Latin, KeyKind::Done));
    EXPECT_TRUE(done.done);
    EXPECT_FALSE(done.text_changed);
    EXPECT_EQ(state.text, "ab c");
    const Key clear = key_of(KeyboardLayout::Latin, KeyKind::Clear);
    EXPECT_TRUE(press(state, clear).text_changed);
    EXPECT_EQ(state.text, "");
    EXPECT_FALSE(press(state, clear).text_changed);
}

TEST(KeyboardPress, SwitchesLayoutAndDropsShift) {
    KeyboardState state;
    (void)press(state, key_of(KeyboardLayout::Latin, KeyKind::Shift));
    type(state, "a");
    (void)press(state, key_of(KeyboardLayout::Latin, KeyKind::Shift));
    const KeyResult result = press(state, switch_key(KeyboardLayout::Latin, KeyboardLayout::Kana));
    EXPECT_TRUE(result.layout_changed);
    EXPECT_FALSE(result.text_changed);
    EXPECT_EQ(state.layout, KeyboardLayout::Kana);
    EXPECT_EQ(state.shift, Shift::Off);
    type(state, "あ");
    EXPECT_TRUE(
        press(state, switch_key(KeyboardLayout::Kana, KeyboardLayout::Digits)).layout_changed);
    type(state, "1");
    EXPECT_EQ(state.text, "Aあ1");
    Key to_digits = key_of_kind(KeyKind::SwitchLayout);
    to_digits.target = KeyboardLayout::Digits;
    EXPECT_FALSE(press(state, to_digits).layout_changed);
}

TEST(KeyboardGlyphs, CoverEveryLabelAndEveryConversion) {
    const std::u32string glyphs = code_points(keyboard_glyphs());
    EXPECT_TRUE(std::is_sorted(glyphs.begin(), glyphs.end()));
    EXPECT_EQ(std::adjacent_find(glyphs.begin(), glyphs.end()), glyphs.end()) << "each glyph once";
    auto expect_covered = [&glyphs](const std::string& text) {
        for (char32_t c : code_points(text)) {
            EXPECT_TRUE(std::binary_search(glyphs.begin(), glyphs.end(), c))
                << text << " U+" << std::hex << static_cast<unsigned>(c);
        }
    };
    for (KeyboardLayout layout : kKeyboardLayouts) {
        for (auto [shift, katakana] :
             {std::pair{Shift::Off, false}, std::pair{Shift::Locked, false},
              std::pair{Shift::Off, true}}) {
            KeyboardState state;
            state.shift = shift;
            state.katakana = katakana;
            state.layout = layout;
            for (const Key& key : all_keys(layout)) {
                const std::string label = key_label(key, state);
                EXPECT_EQ(label.empty(), key.kind == KeyKind::Gap) << static_cast<int>(key.kind);
                expect_covered(label);
                if (key.kind != KeyKind::Character) continue;
                // Whatever voicing and small kana make of this character.
                for (KeyKind conversion : {KeyKind::Voicing, KeyKind::Small}) {
                    state.text = label;
                    for (int i = 0; i < 3; ++i) {
                        (void)press(state, key_of_kind(conversion));
                        expect_covered(state.text);
                    }
                }
            }
        }
    }
    expect_covered(" がぱゔっゃぁゎガパヴッャァヮ");
}

TEST(KeyboardGlyphs, AreAllInTheKiosksJapaneseFont) {
    const auto font = platform::find_japanese_font("Noto Sans CJK JP:lang=ja");
    if (!font) GTEST_SKIP() << "no Japanese font installed";
    FT_Library library = nullptr;
    ASSERT_EQ(FT_Init_FreeType(&library), 0);
    FT_Face face = nullptr;
    ASSERT_EQ(FT_New_Face(library, font->path.c_str(), font->face_index, &face), 0) << font->path;
    for (char32_t c : code_points(keyboard_glyphs())) {
        EXPECT_NE(FT_Get_Char_Index(face, c), 0u) << "U+" << std::hex << static_cast<unsigned>(c);
    }
    FT_Done_Face(face);
    FT_Done_FreeType(library);
}

TEST(KeyboardPlacement, KeysFillTheRectangleWithoutOverlapping) {
    const KeyPoint at{0, 360};
    const KeyPoint size{1280, 360};
    for (KeyboardLayout layout : kKeyboardLayouts) {
        const std::vector<PlacedKey> keys = place_keys(layout, at, size);
        std::size_t drawn = 0;
        for (const Key& key : all_keys(layout)) drawn += key.kind != KeyKind::Gap;
        ASSERT_EQ(keys.size(), drawn);
        float lowest = 0;
        float rightmost = 0;
        for (std::size_t i = 0; i < keys.size(); ++i) {
            const PlacedKey& key = keys[i];
            EXPECT_GE(key.at.x, at.x);
            EXPECT_GE(key.at.y, at.y);
            EXPECT_LE(key.at.x + key.size.x, at.x + size.x + 0.01f);
            EXPECT_LE(key.at.y + key.size.y, at.y + size.y + 0.01f);
            // Big enough for a fingertip on a 1280×720 screen.
            EXPECT_GE(key.size.y, 50.0f);
            EXPECT_GE(key.size.x, 90.0f);
            lowest = std::max(lowest, key.at.y + key.size.y);
            rightmost = std::max(rightmost, key.at.x + key.size.x);
            for (std::size_t j = i + 1; j < keys.size(); ++j) {
                const PlacedKey& other = keys[j];
                const bool apart =
                    key.at.x + key.size.x <= other.at.x || other.at.x + other.size.x <= key.at.x ||
                    key.at.y + key.size.y <= other.at.y || other.at.y + other.size.y <= key.at.y;
                EXPECT_TRUE(apart) << "keys " << i << " and " << j << " overlap";
            }
        }
        EXPECT_GT(lowest, at.y + size.y - 10);
        EXPECT_GT(rightmost, at.x + size.x - 10);
    }
}

}  // namespace
}  // namespace uketsuke::ui
