#include "kiosk/ui/screens/keyboard.hpp"

#include <algorithm>
#include <array>
#include <set>

#include "kiosk/ui/views/widgets.hpp"

namespace uketsuke::ui {
namespace {

// --- UTF-8, just what editing the last character needs --------------------------------

bool is_continuation(char byte) { return (static_cast<unsigned char>(byte) & 0xC0) == 0x80; }

std::size_t sequence_length(char lead) {
    const auto byte = static_cast<unsigned char>(lead);
    if (byte < 0x80) return 1;
    if (byte >= 0xC0 && byte < 0xE0) return 2;
    if (byte >= 0xE0 && byte < 0xF0) return 3;
    if (byte >= 0xF0 && byte < 0xF8) return 4;
    return 0;
}

// Where the last code point starts. Text the caller filled in may be malformed: then only
// the last byte counts as a character, so backspace always makes progress.
std::size_t last_code_point_start(std::string_view text) {
    std::size_t start = text.size() - 1;
    while (start > 0 && text.size() - start < 4 && is_continuation(text[start])) --start;
    if (sequence_length(text[start]) != text.size() - start) return text.size() - 1;
    return start;
}

std::optional<char32_t> decode_one(std::string_view bytes) {
    const std::size_t length = sequence_length(bytes.front());
    if (length == 0 || length != bytes.size()) return std::nullopt;
    if (length == 1) return static_cast<char32_t>(bytes.front());
    char32_t c = static_cast<unsigned char>(bytes.front()) & (0xFFu >> (length + 1));
    for (std::size_t i = 1; i < length; ++i) {
        c = (c << 6) | (static_cast<unsigned char>(bytes[i]) & 0x3Fu);
    }
    return c;
}

std::u32string decode(std::string_view text) {
    std::u32string out;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t length = std::max<std::size_t>(1, sequence_length(text[i]));
        if (auto c = decode_one(text.substr(i, length))) out.push_back(*c);
        i += length;
    }
    return out;
}

void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out.push_back(static_cast<char>(c));
        return;
    }
    const int extra = c < 0x800 ? 1 : c < 0x10000 ? 2 : 3;  // continuation bytes
    // The lead byte: 110xxxxx, 1110xxxx or 11110xxx.
    out.push_back(static_cast<char>(((0xFF00u >> (extra + 1)) & 0xFFu) | (c >> (6 * extra))));
    for (int i = extra - 1; i >= 0; --i) {
        out.push_back(static_cast<char>(0x80u | ((c >> (6 * i)) & 0x3Fu)));
    }
}

// --- Kana ------------------------------------------------------------------------------

// Katakana sit exactly 0x60 above their hiragana, ゔ/ヴ and the small forms included.
constexpr char32_t kKatakanaOffset = 0x60;
bool is_hiragana(char32_t c) { return c >= U'ぁ' && c <= U'ゖ'; }
bool is_katakana(char32_t c) { return c >= U'ァ' && c <= U'ヶ'; }

// Each entry is a cycle: the key turns a character into the next one, the last into the first.
constexpr std::array<std::u32string_view, 21> kVoicing = {
    U"かが", U"きぎ",   U"くぐ",   U"けげ",   U"こご",   U"さざ",   U"しじ",
    U"すず", U"せぜ",   U"そぞ",   U"ただ",   U"ちぢ",   U"つづ",   U"てで",
    U"とど", U"はばぱ", U"ひびぴ", U"ふぶぷ", U"へべぺ", U"ほぼぽ", U"うゔ",
};
constexpr std::array<std::u32string_view, 10> kSmall = {
    U"あぁ", U"いぃ", U"うぅ", U"えぇ", U"おぉ", U"つっ", U"やゃ", U"ゆゅ", U"よょ", U"わゎ",
};

template <std::size_t N>
std::optional<char32_t> next_in_cycle(const std::array<std::u32string_view, N>& cycles,
                                      char32_t c) {
    const bool katakana = is_katakana(c);
    const char32_t hiragana = katakana ? c - kKatakanaOffset : c;
    for (std::u32string_view cycle : cycles) {
        const std::size_t at = cycle.find(hiragana);
        if (at == std::u32string_view::npos) continue;
        const char32_t next = cycle[(at + 1) % cycle.size()];
        return katakana ? next + kKatakanaOffset : next;
    }
    return std::nullopt;
}

// The character a Character key types in this state.
std::string typed_text(const Key& key, const KeyboardState& state) {
    std::string out;
    for (char32_t c : decode(key.text)) {
        if (state.shift != Shift::Off && c >= U'a' && c <= U'z') c = c - U'a' + U'A';
        if (state.katakana && is_hiragana(c)) c += kKatakanaOffset;
        append_utf8(out, c);
    }
    return out;
}

bool append_limited(KeyboardState& state, std::string_view text) {
    if (text.empty()) return false;
    if (code_point_count(state.text) + code_point_count(text) > state.max_length) return false;
    state.text += text;
    return true;
}

template <std::size_t N>
bool convert_last(KeyboardState& state, const std::array<std::u32string_view, N>& cycles) {
    if (state.text.empty()) return false;
    const std::size_t start = last_code_point_start(state.text);
    const auto last = decode_one(std::string_view(state.text).substr(start));
    if (!last) return false;
    const auto next = next_in_cycle(cycles, *last);
    if (!next) return false;
    state.text.resize(start);
    append_utf8(state.text, *next);
    return true;
}

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

// --- Drawing ---------------------------------------------------------------------------

constexpr ImU32 kControlFill = IM_COL32(226, 226, 226, 255);

// The accent washed out towards white: a key that is on but not locked.
ImU32 tint(std::uint32_t accent) {
    auto channel = [accent](int shift) {
        const unsigned value = (accent >> shift) & 0xFFu;
        return (value * 35 + 255 * 65) / 100;
    };
    return IM_COL32(channel(IM_COL32_R_SHIFT), channel(IM_COL32_G_SHIFT), channel(IM_COL32_B_SHIFT),
                    255);
}

}  // namespace

const std::vector<KeyRow>& keyboard_rows(KeyboardLayout layout) {
    // In the order of kKeyboardLayouts.
    static const std::array<std::vector<KeyRow>, 4> layouts = {latin_rows(), kana_rows(),
                                                               digit_rows(false), digit_rows(true)};
    return layouts.at(static_cast<std::size_t>(layout));
}

std::size_t code_point_count(std::string_view text) {
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return !is_continuation(c); }));
}

KeyResult press(KeyboardState& state, const Key& key) {
    KeyResult result;
    switch (key.kind) {
        case KeyKind::Character:
            result.text_changed = append_limited(state, typed_text(key, state));
            if (result.text_changed && state.shift == Shift::Once) state.shift = Shift::Off;
            break;
        case KeyKind::Space:
            result.text_changed = append_limited(state, " ");
            break;
        case KeyKind::Backspace:
            if (!state.text.empty()) {
                state.text.resize(last_code_point_start(state.text));
                result.text_changed = true;
            }
            break;
        case KeyKind::Clear:
            result.text_changed = !state.text.empty();
            state.text.clear();
            break;
        case KeyKind::Shift:
            state.shift = state.shift == Shift::Off    ? Shift::Once
                          : state.shift == Shift::Once ? Shift::Locked
                                                       : Shift::Off;
            break;
        case KeyKind::Voicing:
            result.text_changed = convert_last(state, kVoicing);
            break;
        case KeyKind::Small:
            result.text_changed = convert_last(state, kSmall);
            break;
        case KeyKind::Katakana:
            state.katakana = !state.katakana;
            break;
        case KeyKind::SwitchLayout:
            if (state.layout != key.target) {
                state.layout = key.target;
                state.shift = Shift::Off;
                result.layout_changed = true;
            }
            break;
        case KeyKind::Done:
            result.done = true;
            break;
        case KeyKind::Gap:
            break;
    }
    return result;
}

std::string key_label(const Key& key, const KeyboardState& state, const KeyboardLabels& labels) {
    switch (key.kind) {
        case KeyKind::Character:
            return typed_text(key, state);
        case KeyKind::Space:
            return labels.space;
        case KeyKind::Backspace:
            return labels.backspace;
        case KeyKind::Clear:
            return labels.clear;
        case KeyKind::Shift:
            return labels.shift;
        case KeyKind::Voicing:
            return labels.voicing;
        case KeyKind::Small:
            return labels.small_kana;
        case KeyKind::Katakana:
            return labels.katakana;
        case KeyKind::SwitchLayout:
            return key.target == KeyboardLayout::Latin  ? labels.latin
                   : key.target == KeyboardLayout::Kana ? labels.kana
                                                        : labels.digits;
        case KeyKind::Done:
            return labels.done;
        case KeyKind::Gap:
            return {};
    }
    return {};
}

std::string keyboard_glyphs() {
    std::set<char32_t> glyphs = {U' '};
    const KeyboardLabels labels;
    for (KeyboardLayout layout : kKeyboardLayouts) {
        for (Shift shift : {Shift::Off, Shift::Once}) {
            for (bool katakana : {false, true}) {
                KeyboardState state;
                state.layout = layout;
                state.shift = shift;
                state.katakana = katakana;
                for (const KeyRow& row : keyboard_rows(layout)) {
                    for (const Key& key : row) {
                        for (char32_t c : decode(key_label(key, state, labels))) glyphs.insert(c);
                    }
                }
            }
        }
    }
    // What voicing and small conversions make, in both scripts.
    auto add_cycles = [&glyphs](const auto& cycles) {
        for (std::u32string_view cycle : cycles) {
            for (char32_t c : cycle) {
                glyphs.insert(c);
                glyphs.insert(c + kKatakanaOffset);
            }
        }
    };
    add_cycles(kVoicing);
    add_cycles(kSmall);
    std::string out;
    for (char32_t c : glyphs) append_utf8(out, c);
    return out;
}

std::vector<PlacedKey> place_keys(KeyboardLayout layout, ImVec2 at, ImVec2 size) {
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
                placed.push_back(
                    {key, ImVec2(x + gap / 2, y + gap / 2), ImVec2(width - gap, row_height - gap)});
            }
            x += width;
        }
    }
    return placed;
}

std::optional<Key> draw_keyboard(const KeyboardState& state, ImVec2 at, ImVec2 size,
                                 const KeyboardStyle& style) {
    ImFont* font = style.font != nullptr ? style.font : ImGui::GetFont();
    const ImU32 accent = style.accent;
    std::optional<Key> tapped;
    // Per layout too: a key held while the layout switches must not become another key.
    ImGui::PushID("keyboard");
    ImGui::PushID(static_cast<int>(state.layout));
    const std::vector<PlacedKey> keys = place_keys(state.layout, at, size);
    for (std::size_t i = 0; i < keys.size(); ++i) {
        const Key& key = keys[i].key;
        const bool locked = key.kind == KeyKind::Shift && state.shift == Shift::Locked;
        const bool on = (key.kind == KeyKind::Shift && state.shift == Shift::Once) ||
                        (key.kind == KeyKind::Katakana && state.katakana);
        ImU32 fill = key.kind == KeyKind::Character ? kPaper : kControlFill;
        ImU32 ink = kInk;
        if (key.kind == KeyKind::Done || locked) {
            fill = accent;
            ink = kPaper;
        } else if (on) {
            fill = tint(accent);
        }
        ImGui::PushID(static_cast<int>(i));
        if (touch_button("key", key_label(key, state, style.labels), keys[i].at, keys[i].size, font,
                         fill, ink)) {
            tapped = key;
        }
        ImGui::PopID();
    }
    ImGui::PopID();
    ImGui::PopID();
    return tapped;
}

}  // namespace uketsuke::ui
