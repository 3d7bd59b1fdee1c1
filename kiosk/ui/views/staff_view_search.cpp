// Staff mode's search page: the keyboard and the people found as you type.

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "kiosk/ui/views/staff_view_parts.hpp"
#include "kiosk/ui/views/widgets.hpp"

namespace uketsuke::ui::staff_view {

// ---- search ---------------------------------------------------------------------------------

namespace {

void result_row(Canvas& c, const PersonRow& row, int index, Box box) {
    if (c.tap_area("result." + std::to_string(index), box)) c.intent = OpenPerson{row.id};
    float text_right = box.max.x - c.pad;
    const ImVec2 right_center(box.max.x - c.pad, (box.min.y + box.max.y) / 2);
    if (row.cancelled || row.checked_in) {
        const std::string badge =
            c.text(row.cancelled ? "staff.search.cancelled" : "staff.search.checked_in");
        pill(c.draw, c.small, badge, right_center, c.pad, row.cancelled ? kProblem : c.accent);
        text_right -= text_width(c.small, badge) + c.pad * 2.2f;
    }
    std::string detail;
    for (const std::string* part : {&row.reading, &row.organization, &row.group_name}) {
        if (part->empty()) continue;
        if (!detail.empty()) detail += c.separator();
        detail += *part;
    }
    const float block = line_height(c.body) + (detail.empty() ? 0 : c.small->FontSize);
    const float y = box.min.y + (box.height() - block) / 2;
    const float x = box.min.x + c.pad;
    fitted_text(c.draw, c.body, ImVec2(x, y), row.cancelled ? kMuted : kInk, row.name,
                text_right - x);
    fitted_text(c.draw, c.small, ImVec2(x, y + line_height(c.body)), kMuted, detail,
                text_right - x);
}

}  // namespace

void search_page(Canvas& c, Box area) {
    const StaffState& s = c.state;
    const auto [left, keys] = split_for_keyboard(c, area, 0.42f, 0.45f);
    const Box query{left.min, ImVec2(left.max.x, left.min.y + std::round(c.side * 0.1f))};
    c.text_field(query, {}, s.keyboard.text, c.text("staff.search.hint"), true);
    const Box list{ImVec2(left.min.x, query.max.y + c.pad * 0.75f), left.max};

    if (s.keyboard.text.empty()) {
        // The field's placeholder says what to type; nothing to list yet.
    } else if (s.results.empty()) {
        const bool answered = s.results_query == s.keyboard.text;
        c.centered_note(list, c.text(answered ? "staff.search.none" : "staff.search.searching"),
                        kMuted);
    } else {
        const int count = static_cast<int>(s.results.size());
        const bool capped = s.results.size() >= static_cast<std::size_t>(kSearchLimit);
        c.scrolling("results", list, [&](ImVec2 origin, float width) {
            const float row_h = std::round(c.side * 0.115f);
            const float step = row_h + c.gap;
            // Only the rows in view are drawn.
            const int first = std::max(0, static_cast<int>(ImGui::GetScrollY() / step));
            const int last = std::min(count, first + static_cast<int>(list.height() / step) + 2);
            for (int i = first; i < last; ++i) {
                const float y = origin.y + static_cast<float>(i) * step;
                result_row(c, s.results[static_cast<std::size_t>(i)], i,
                           Box{ImVec2(origin.x, y), ImVec2(origin.x + width, y + row_h)});
            }
            float bottom = static_cast<float>(count) * step;
            if (capped) {
                bottom =
                    wrapped_text(
                        c.draw, c.small,
                        c.format("staff.search.more", {{"n", std::to_string(kSearchLimit)}}),
                        ImVec2(origin.x + c.pad, origin.y + bottom), width - c.pad * 2, kMuted, 2) -
                    origin.y;
            }
            return bottom;
        });
    }
    c.keyboard(s.keyboard, keys);
}

}  // namespace uketsuke::ui::staff_view
