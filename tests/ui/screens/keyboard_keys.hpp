#pragma once
// Finding a layout's keys by kind and text, for the keyboard's tests and its view's.

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "kiosk/ui/screens/keyboard.hpp"

namespace uketsuke::ui::testing {

inline Key key_of_kind(KeyKind kind) {
    Key key;
    key.kind = kind;
    return key;
}

inline std::vector<Key> all_keys(KeyboardLayout layout) {
    std::vector<Key> keys;
    for (const KeyRow& row : keyboard_rows(layout)) keys.insert(keys.end(), row.begin(), row.end());
    return keys;
}

// The layout's key of this kind (with this text or target); fails the test when missing.
inline Key key_of(KeyboardLayout layout, KeyKind kind, std::string_view text = {},
                  KeyboardLayout target = KeyboardLayout::Latin) {
    for (const Key& key : all_keys(layout)) {
        if (key.kind == kind && key.text == text &&
            (kind != KeyKind::SwitchLayout || key.target == target)) {
            return key;
        }
    }
    ADD_FAILURE() << "layout " << static_cast<int>(layout) << " has no key "
                  << static_cast<int>(kind) << " '" << text << "' to " << static_cast<int>(target);
    return key_of_kind(KeyKind::Gap);
}

inline Key switch_key(KeyboardLayout from, KeyboardLayout to) {
    return key_of(from, KeyKind::SwitchLayout, {}, to);
}

inline KeyboardState kana_state(std::string text = {}) {
    KeyboardState state;
    state.layout = KeyboardLayout::Kana;
    state.text = std::move(text);
    return state;
}

}  // namespace uketsuke::ui::testing
