// The keyboards' layouts and where their keys go on the screen.

#include <algorithm>
#include <array>

#include "kiosk/ui/screens/keyboard.hpp"

namespace uketsuke::ui {
namespace {

// --- Layouts ---------------------------------------------------------------------------

Key character(std::string_view text, float width = 1) {
    Key key;
    key.text = text;
    key.width = width;
    return key;
}
Key control(KeyKind kind, float width = 1) {
    Key key;
    key.kind = kind;
    key.width = width;
    return key;
}
Key switch_to(KeyboardLayout target, float width = 1) {
    Key key = control(KeyKind::SwitchLayout, width);
    key.target = target;
    return key;
}

void add_characters(KeyRow& row, std::string_view characters, float width = 1) {
    // One byte per key: only for ASCII rows.
    for (std::size_t i = 0; i < characters.size(); ++i) {
        row.push_back(character(characters.substr(i, 1), width));
    }
}

std::vector<KeyRow> latin_rows() {
    std::vector<KeyRow> rows(5);
    add_characters(rows[0], "1234567890", 1.1f);
    add_characters(rows[1], "qwertyuiop-");
    add_characters(rows[2], "asdfghjkl'_");
    rows[3].push_back(control(KeyKind::Shift, 1.5f));
    add_characters(rows[3], "zxcvbnm.");
    rows[3].push_back(character("@", 1.5f));
    rows[4] = {switch_to(KeyboardLayout::Kana),   switch_to(KeyboardLayout::Digits),
               control(KeyKind::Clear, 1.5f),     control(KeyKind::Space, 3),
               control(KeyKind::Backspace, 1.5f), control(KeyKind::Done, 3)};
    return rows;
}

// The printed 50-on table: each consonant's kana run down a column (あいうえお), and the
// columns run right to left from あ to わ. や and わ have holes where the kana fell out of
// use, kept as gaps so every vowel stays on its row.
std::vector<KeyRow> kana_rows() {
    constexpr std::array<std::array<std::string_view, 5>, 10> columns = {{
        {"あ", "い", "う", "え", "お"},
        {"か", "き", "く", "け", "こ"},
        {"さ", "し", "す", "せ", "そ"},
        {"た", "ち", "つ", "て", "と"},
        {"な", "に", "ぬ", "ね", "の"},
        {"は", "ひ", "ふ", "へ", "ほ"},
        {"ま", "み", "む", "め", "も"},
        {"や", "", "ゆ", "", "よ"},
        {"ら", "り", "る", "れ", "ろ"},
        {"わ", "", "を", "", "ん"},
    }};
    // Left of わ, the keys that change or extend what was typed.
    const std::array<Key, 5> extras = {control(KeyKind::Voicing), control(KeyKind::Small),
                                       character("ー"), character("・"), control(KeyKind::Gap)};
    std::vector<KeyRow> rows(6);
    for (std::size_t vowel = 0; vowel < 5; ++vowel) {
        rows[vowel].push_back(extras[vowel]);
        for (auto column = columns.rbegin(); column != columns.rend(); ++column) {
            const std::string_view kana = (*column)[vowel];
            rows[vowel].push_back(kana.empty() ? control(KeyKind::Gap) : character(kana));
        }
    }
    rows[5] = {switch_to(KeyboardLayout::Latin), switch_to(KeyboardLayout::Digits),
               control(KeyKind::Katakana),       control(KeyKind::Clear, 1.5f),
               control(KeyKind::Space, 2),       control(KeyKind::Backspace, 1.5f),
               control(KeyKind::Done, 3)};
    return rows;
}

// A phone pad (1 2 3 on top, as on PIN pads), each key two widths wide.
std::vector<KeyRow> digit_rows(bool pin) {
    std::vector<KeyRow> rows(5);
    add_characters(rows[0], "123", 2);
    add_characters(rows[1], "456", 2);
    add_characters(rows[2], "789", 2);
    if (pin) {
        rows[3] = {control(KeyKind::Clear, 2), character("0", 2), control(KeyKind::Backspace, 2)};
        rows[4] = {control(KeyKind::Done, 6)};
    } else {
        rows[3] = {character("0", 4), character("-", 2)};
        rows[4] = {switch_to(KeyboardLayout::Latin), switch_to(KeyboardLayout::Kana),
                   control(KeyKind::Clear, 1.5f), control(KeyKind::Backspace, 1.5f),
                   control(KeyKind::Done, 3)};
    }
    return rows;
}

}  // namespace

const std::vector<KeyRow>& keyboard_rows(KeyboardLayout layout) {
    // In the order of kKeyboardLayouts.
    static const std::array<std::vector<KeyRow>, 4> layouts = {latin_rows(), kana_rows(),
                                                               digit_rows(false), digit_rows(true)};
    return layouts.at(static_cast<std::size_t>(layout));
}

std::vector<PlacedKey> place_keys(KeyboardLayout layout, KeyPoint at, KeyPoint size) {
    const std::vector<KeyRow>& rows = keyboard_rows(layout);
    std::vector<float> row_widths;
    for (const KeyRow& row : rows) {
        float width = 0;
        for (const Key& key : row) width += key.width;
        row_widths.push_back(width);
    }
    const float widest = *std::max_element(row_widths.begin(), row_widths.end());
    const float unit = size.x / widest;
    const float row_height = size.y / static_cast<float>(rows.size());
    // Wide enough that two neighbours never read as one key, narrow enough not to waste
    // touch area.
    const float gap = std::min(unit, row_height) * 0.08f;
    std::vector<PlacedKey> placed;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        float x = at.x + (size.x - row_widths[r] * unit) / 2;
        const float y = at.y + row_height * static_cast<float>(r);
        for (const Key& key : rows[r]) {
            const float width = key.width * unit;
            if (key.kind != KeyKind::Gap) {
                placed.push_back({key, KeyPoint{x + gap / 2, y + gap / 2},
                                  KeyPoint{width - gap, row_height - gap}});
            }
            x += width;
        }
    }
    return placed;
}

}  // namespace uketsuke::ui
