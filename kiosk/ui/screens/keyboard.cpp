#include "kiosk/ui/screens/keyboard.hpp"

#include <set>

#include "kiosk/core/model/utf8.hpp"
#include "kiosk/ui/screens/kana.hpp"

namespace uketsuke::ui {
namespace {

// The character a Character key types in this state.
std::string typed_text(const Key& key, const KeyboardState& state) {
    std::string out;
    for (char32_t c : utf8::decode(key.text)) {
        if (state.shift != Shift::Off && c >= U'a' && c <= U'z') c = c - U'a' + U'A';
        if (state.katakana && kana::is_hiragana(c)) c += kana::kKatakanaOffset;
        utf8::append(out, c);
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
    const std::size_t start = utf8::last_start(state.text);
    std::size_t end = start;
    const char32_t last = utf8::next(state.text, end);
    if (last == utf8::kReplacement) return false;  // malformed: nothing to convert
    const auto next = kana::next_in_cycle(cycles, last);
    if (!next) return false;
    state.text.resize(start);
    utf8::append(state.text, *next);
    return true;
}

}  // namespace

std::size_t code_point_count(std::string_view text) { return utf8::length(text); }

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
                utf8::pop_back(state.text);
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
            result.text_changed = convert_last(state, kana::kVoicing);
            break;
        case KeyKind::Small:
            result.text_changed = convert_last(state, kana::kSmall);
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
                        for (char32_t c : utf8::decode(key_label(key, state, labels)))
                            glyphs.insert(c);
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
                glyphs.insert(c + kana::kKatakanaOffset);
            }
        }
    };
    add_cycles(kana::kVoicing);
    add_cycles(kana::kSmall);
    std::string out;
    for (char32_t c : glyphs) utf8::append(out, c);
    return out;
}

}  // namespace uketsuke::ui
