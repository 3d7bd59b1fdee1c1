#pragma once
// The layout rules a kiosk screen keeps, checked on a frame drawn headless: every text inside
// the screen and inside the box it was given (so nothing is clipped or runs out of its
// column), no text on another text or on a button it is not the label of, touch targets inside
// the screen, not on each other and at least `min_target` pixels tall. Reusable: a view notes
// its texts (widgets.hpp, DrawnText) and its buttons (DrawnButtons); a test passes both here and
// prints what comes back.

#include <algorithm>
#include <string>
#include <vector>

#include "kiosk/ui/views/widgets.hpp"

namespace uketsuke::ui::testing {

inline bool inside(const Box& inner, const Box& outer, float slack = 0.5f) {
    return inner.min.x >= outer.min.x - slack && inner.min.y >= outer.min.y - slack &&
           inner.max.x <= outer.max.x + slack && inner.max.y <= outer.max.y + slack;
}

inline bool overlap(const Box& a, const Box& b, float slack = 1.0f) {
    const float x = std::min(a.max.x, b.max.x) - std::max(a.min.x, b.min.x);
    const float y = std::min(a.max.y, b.max.y) - std::max(a.min.y, b.min.y);
    return x > slack && y > slack;
}

inline bool same_box(const Box& a, const Box& b) { return inside(a, b) && inside(b, a); }

inline std::string quoted(const std::string& text) {
    return "\"" + (text.size() > 40 ? text.substr(0, 40) + "..." : text) + "\"";
}

// What breaks the rules, one sentence each; empty when the frame is fine.
inline std::vector<std::string> layout_problems(const std::vector<DrawnText>& texts,
                                                const std::vector<DrawnButton>& buttons,
                                                ImVec2 display, float min_target) {
    std::vector<std::string> said;
    const Box screen{ImVec2(0, 0), display};
    for (const DrawnText& text : texts) {
        if (!inside(text.rect, screen)) {
            said.push_back(quoted(text.text) + " leaves the screen");
        } else if (text.bounds.width() > 0 && !inside(text.rect, text.bounds)) {
            said.push_back(quoted(text.text) + " leaves its box");
        }
    }
    for (std::size_t i = 0; i < texts.size(); ++i)
        for (std::size_t j = i + 1; j < texts.size(); ++j)
            if (overlap(texts[i].rect, texts[j].rect))
                said.push_back(quoted(texts[i].text) + " overlaps " + quoted(texts[j].text));
    for (const DrawnButton& button : buttons) {
        const Box box{button.min, button.max};
        if (!inside(box, screen)) said.push_back("button " + button.id + " leaves the screen");
        if (box.height() < min_target - 0.5f || box.width() < min_target - 0.5f)
            said.push_back("button " + button.id + " is too small to touch");
        for (const DrawnText& text : texts)
            if (!same_box(text.bounds, box) && overlap(text.rect, box))
                said.push_back(quoted(text.text) + " lies on button " + button.id);
    }
    for (std::size_t i = 0; i < buttons.size(); ++i)
        for (std::size_t j = i + 1; j < buttons.size(); ++j)
            if (overlap(Box{buttons[i].min, buttons[i].max}, Box{buttons[j].min, buttons[j].max}))
                said.push_back("button " + buttons[i].id + " overlaps button " + buttons[j].id);
    return said;
}

}  // namespace uketsuke::ui::testing
