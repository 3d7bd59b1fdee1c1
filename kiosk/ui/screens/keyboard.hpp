#pragma once
// On-screen keyboards for staff mode, where nobody at the door has a physical keyboard:
// Latin QWERTY for names, e-mails and ids; the hiragana 50-on grid (with voicing, small
// kana and a katakana switch) for readings; a digit pad for ticket numbers, and the same
// pad without the hyphen for a PIN.
//
// The layouts, where their keys go and `press` are plain data and pure functions (no ImGui),
// so a search box or a form is tested without a window. The drawing is views/keyboard_view:
// it only draws the keys and reports the one tapped; the caller applies it with `press` and
// decides what Done means.

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace uketsuke::ui {

enum class KeyboardLayout {
    Latin,   // QWERTY with a digits row and - ' _ . @
    Kana,    // gojūon grid, あ column on the right as in the printed table
    Digits,  // 0-9 and a hyphen, for ids and ticket numbers
    Pin,     // 0-9 only, and no way out to the other layouts
};

inline constexpr std::array<KeyboardLayout, 4> kKeyboardLayouts = {
    KeyboardLayout::Latin, KeyboardLayout::Kana, KeyboardLayout::Digits, KeyboardLayout::Pin};

enum class KeyKind {
    Character,  // types `text`
    Space,
    Backspace,  // removes the last code point
    Clear,
    Shift,     // off → next letter upper case → caps lock → off
    Voicing,   // ゛゜ on the last kana: か→が→か, は→ば→ぱ→は, う→ゔ→う
    Small,     // the last kana to its small form and back: つ↔っ, や↔ゃ, あ↔ぁ
    Katakana,  // the kana keys type katakana while on
    SwitchLayout,  // to `target`
    Done,          // reported to the caller, who knows what it means
    Gap,           // an empty cell that keeps the 50-on grid a grid; never drawn
};

struct Key {
    KeyKind kind = KeyKind::Character;
    std::string_view text;  // Character only: lower-case Latin or hiragana; static storage
    KeyboardLayout target = KeyboardLayout::Latin;  // SwitchLayout only
    float width = 1;                                // in key widths of its layout

    friend bool operator==(const Key&, const Key&) = default;
};

using KeyRow = std::vector<Key>;

// The rows of a layout, top to bottom; the last row holds the control keys.
const std::vector<KeyRow>& keyboard_rows(KeyboardLayout layout);

enum class Shift { Off, Once, Locked };

// A name of 64 characters fills the search box twice over; the limit is there so a
// stuck finger or a leaning elbow cannot grow the text without end.
inline constexpr std::size_t kKeyboardMaxLength = 64;

struct KeyboardState {
    KeyboardLayout layout = KeyboardLayout::Latin;
    Shift shift = Shift::Off;
    bool katakana = false;
    std::string text;                             // UTF-8
    std::size_t max_length = kKeyboardMaxLength;  // in code points
};

struct [[nodiscard]] KeyResult {
    bool done = false;  // the Done key was pressed
    bool layout_changed = false;
    bool text_changed = false;

    friend bool operator==(const KeyResult&, const KeyResult&) = default;
};

// Applies one key. Typing past `max_length` and converting a character that has no
// voiced or small form leave the text as it was (text_changed is false).
KeyResult press(KeyboardState& state, const Key& key);

// The number of code points in UTF-8 text (what `max_length` counts).
std::size_t code_point_count(std::string_view text);

// Words on the control keys, from the caller so they can be translated ("削除" / "Delete").
// The defaults are glyphs every language reads and Noto Sans CJK holds.
struct KeyboardLabels {
    std::string backspace = "←";
    std::string clear = "C";
    std::string space = "␣";
    std::string shift = "⇧";
    std::string done = "OK";
    std::string voicing = "゛゜";
    std::string small_kana = "小";
    std::string katakana = "カナ";
    std::string latin = "ABC";
    std::string kana = "かな";
    std::string digits = "123";
};

// What a key shows in this state: the character it would type (upper case under Shift,
// katakana in katakana mode), or the label of a control key. Empty for a Gap.
std::string key_label(const Key& key, const KeyboardState& state,
                      const KeyboardLabels& labels = {});

// Every character a keyboard can type or show with the default labels, each once,
// in code point order, for the font atlas. Translated labels are the caller's to add.
std::string keyboard_glyphs();

// --- Placement -------------------------------------------------------------------------

// A point or a size on the screen, in pixels.
struct KeyPoint {
    float x = 0;
    float y = 0;
};

struct PlacedKey {
    Key key;
    KeyPoint at;
    KeyPoint size;
};

// Where each key of the layout goes in the rectangle: rows share the height equally,
// the widest row fills the width and shorter rows are centred, with a small gap between
// keys. Gaps in the grid are left out.
std::vector<PlacedKey> place_keys(KeyboardLayout layout, KeyPoint at, KeyPoint size);

}  // namespace uketsuke::ui
