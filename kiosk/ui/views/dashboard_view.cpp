#include "kiosk/ui/views/dashboard_view.hpp"

#include <algorithm>
#include <cmath>
#include <string_view>

#include "kiosk/ui/screens/strings.hpp"
#include "kiosk/ui/views/widgets.hpp"

namespace uketsuke::ui {
namespace {

constexpr ImU32 kTrack = IM_COL32(226, 226, 226, 255);
constexpr ImU32 kRule = IM_COL32(214, 214, 214, 255);

// What every part of the dashboard draws with.
struct Canvas {
    const Dashboard& data;
    const DashboardLabels& labels;
    ImFont* small;
    ImFont* body;
    ImFont* large;
    ImU32 accent;
    float pad;   // the gap between parts, from the shorter side
    float side;  // the shorter side of the dashboard's box
};

ImVec2 text_size(ImFont* font, std::string_view text) {
    return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, text.data(),
                               text.data() + text.size());
}

// Right-aligned at `right`; returns where it starts.
float right_text(ImDrawList* draw, ImFont* font, float right, float y, ImU32 colour,
                 std::string_view text) {
    const float x = right - text_size(font, text).x;
    draw->AddText(font, font->FontSize, ImVec2(x, y), colour, text.data(),
                  text.data() + text.size());
    return x;
}

// Where text of `width` centred on `center` starts, kept inside the box where it fits.
float centered_in(float center, float width, const Box& box) {
    return std::max(box.min.x, std::min(center - width / 2, box.max.x - width));
}

std::string of(int arrived, int expected) {
    return group_digits(arrived) + " / " + group_digits(expected);
}

void progress_bar(ImDrawList* draw, ImVec2 min, ImVec2 max, int arrived, int expected, ImU32 fill) {
    const float radius = (max.y - min.y) / 2;
    draw->AddRectFilled(min, max, kTrack, radius);
    if (expected <= 0 || arrived <= 0) return;
    const float fraction =
        std::min(1.0f, static_cast<float>(arrived) / static_cast<float>(expected));
    const float end = min.x + std::max(radius * 2, (max.x - min.x) * fraction);
    draw->AddRectFilled(min, ImVec2(std::min(end, max.x), max.y), fill, radius);
}

// A section's title, and a figure at its right; returns the y below.
float header(ImDrawList* draw, const Canvas& c, Box box, const std::string& title,
             const std::string& figure) {
    fitted_text(draw, c.body, box.min, kMuted, title,
                box.width() - text_size(c.body, figure).x - c.pad);
    if (!figure.empty()) right_text(draw, c.body, box.max.x, box.min.y, kInk, figure);
    return box.min.y + c.body->FontSize * 1.2f;
}

// A child window of `rows` rows that scrolls. Only the rows in view are drawn, so a frame costs
// the same with 5 people still to come or 5,000. A list longer than its box shows whole rows
// only: the box is cut to a whole number of rows and, once the finger is lifted, the list
// settles on a row's edge, so no row is ever shown cut through its text.
template <typename DrawRow>
void scrolling_rows(const char* id, Box box, int rows, float row_height, DrawRow draw_row) {
    if (box.width() < 1 || box.height() < 1 || row_height < 1) return;
    const bool scrolls = static_cast<float>(rows) * row_height > box.height();
    if (scrolls) box.max.y = box.min.y + whole_rows_height(box.height(), row_height);
    ImGui::SetCursorScreenPos(box.min);
    if (ImGui::BeginChild(id, ImVec2(box.width(), box.height()), false, ImGuiWindowFlags_NoNav)) {
        scroll_by_drag(box);
        if (scrolls && !ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
            ImGui::SetScrollY(settled_scroll(ImGui::GetScrollY(), row_height));
        }
        ImDrawList* draw = ImGui::GetWindowDrawList();
        const ImVec2 origin = ImGui::GetCursorScreenPos();
        const float width = ImGui::GetContentRegionAvail().x;
        const int first = std::max(0, static_cast<int>(ImGui::GetScrollY() / row_height));
        const int last = std::min(rows, first + static_cast<int>(box.height() / row_height) + 2);
        for (int row = first; row < last; ++row) {
            draw_row(draw, row, ImVec2(origin.x, origin.y + static_cast<float>(row) * row_height),
                     width);
        }
        ImGui::Dummy(ImVec2(width, static_cast<float>(rows) * row_height));
    }
    ImGui::EndChild();
}

float summary_height(const Canvas& c) {
    const bool extra = c.data.walk_ins > 0 || c.data.details_pending > 0;
    return c.body->FontSize * 1.2f + c.large->FontSize * 1.1f + c.body->FontSize * 1.3f +
           c.small->FontSize * 1.2f * (extra ? 2.0f : 1.0f);
}

void draw_summary(ImDrawList* draw, const Canvas& c, Box box) {
    const Dashboard& d = c.data;
    float y = header(draw, c, box, c.labels.arrived, c.labels.session);
    // The figure staff look for first. The expected part drops to the body font when the
    // numbers grow too wide for the box (20,000 people on a portrait screen).
    const std::string arrived = group_digits(d.overall.arrived);
    const std::string expected = " / " + group_digits(d.overall.expected);
    const float arrived_w = text_size(c.large, arrived).x;
    ImFont* rest = arrived_w + text_size(c.large, expected).x <= box.width() ? c.large : c.body;
    draw->AddText(c.large, c.large->FontSize, ImVec2(box.min.x, y), c.accent, arrived.c_str());
    draw->AddText(rest, rest->FontSize,
                  ImVec2(box.min.x + arrived_w, y + c.large->FontSize - rest->FontSize), kInk,
                  expected.c_str());
    y += c.large->FontSize * 1.1f;

    const int percent = d.overall.expected > 0 ? d.overall.arrived * 100 / d.overall.expected : 0;
    const std::string percent_text = std::to_string(percent) + "%";
    const float bar_right = box.max.x - text_size(c.body, "100%").x - c.pad / 2;
    const float bar_h = c.body->FontSize * 0.45f;
    const float bar_y = y + (c.body->FontSize - bar_h) / 2;
    progress_bar(draw, ImVec2(box.min.x, bar_y), ImVec2(bar_right, bar_y + bar_h),
                 d.overall.arrived, d.overall.expected, c.accent);
    right_text(draw, c.body, box.max.x, y, kInk, percent_text);
    y += c.body->FontSize * 1.3f;

    if (!d.latest_arrival.empty()) {
        fitted_text(draw, c.small, ImVec2(box.min.x, y), kMuted,
                    c.labels.latest_arrival + " " + d.latest_arrival, box.width());
    }
    y += c.small->FontSize * 1.2f;
    std::string extra;
    if (d.walk_ins > 0) extra += c.labels.walk_ins + " " + group_digits(d.walk_ins) + "   ";
    if (d.details_pending > 0)
        extra += c.labels.details_pending + " " + group_digits(d.details_pending);
    fitted_text(draw, c.small, ImVec2(box.min.x, y), kMuted, extra, box.width());
}

void draw_kiosks(ImDrawList* draw, const Canvas& c, Box box) {
    const auto& kiosks = c.data.kiosks;
    box.min.y = header(draw, c, box, c.labels.kiosks, "");
    const float row_h = c.body->FontSize * 1.15f + c.small->FontSize * 1.35f;
    scrolling_rows(
        "##dashboard_kiosks", box, static_cast<int>(kiosks.size()), row_h,
        [&](ImDrawList* list, int row, ImVec2 at, float width) {
            const KioskCheckins& k = kiosks[static_cast<std::size_t>(row)];
            const std::string count = group_digits(k.arrivals);
            const float count_x = right_text(list, c.body, at.x + width, at.y, kInk, count);
            fitted_text(list, c.body, at, kInk, k.kiosk.empty() ? c.labels.unnamed_kiosk : k.kiosk,
                        count_x - at.x - c.pad);
            const std::string split = c.labels.self_checkin + " " + group_digits(k.self) + "   " +
                                      c.labels.staff_checkin + " " + group_digits(k.by_staff);
            fitted_text(list, c.small, ImVec2(at.x, at.y + c.body->FontSize * 1.1f), kMuted, split,
                        width);
        });
}

void draw_organizations(ImDrawList* draw, const Canvas& c, Box box) {
    const auto& organizations = c.data.organizations;
    box.min.y = header(draw, c, box, c.labels.organizations,
                       group_digits(static_cast<int>(organizations.size())));
    const float row_h = c.body->FontSize * 1.45f;
    scrolling_rows(
        "##dashboard_organizations", box, static_cast<int>(organizations.size()), row_h,
        [&](ImDrawList* list, int row, ImVec2 at, float width) {
            const OrganizationTurnout& o = organizations[static_cast<std::size_t>(row)];
            const ImU32 ink = o.arrived < o.expected ? kInk : kMuted;  // done ones step back
            const float count_x =
                right_text(list, c.body, at.x + width, at.y, ink, of(o.arrived, o.expected));
            fitted_text(list, c.body, at, ink, o.name.empty() ? c.labels.no_organization : o.name,
                        count_x - at.x - c.pad);
            const float bar_y = at.y + c.body->FontSize * 1.1f;
            progress_bar(list, ImVec2(at.x, bar_y), ImVec2(at.x + width, bar_y + c.side * 0.006f),
                         o.arrived, o.expected, c.accent);
        });
}

void draw_group_tile(ImDrawList* draw, const Canvas& c, ImVec2 at, ImVec2 size,
                     const GroupTurnout& g) {
    const bool full = g.expected > 0 && g.arrived >= g.expected;
    const float rounding = c.side * 0.01f;
    draw->AddRectFilled(at, ImVec2(at.x + size.x, at.y + size.y), full ? kWelcomeBack : kPaper,
                        rounding);
    draw->AddRect(at, ImVec2(at.x + size.x, at.y + size.y), kRule, rounding, 0, 1.5f);
    const float inset = c.pad * 0.6f;
    const float inner = size.x - inset * 2;
    float name_w = inner;
    if (!g.table.empty()) {
        const float table_x =
            right_text(draw, c.body, at.x + size.x - inset, at.y + inset, c.accent, g.table);
        name_w = table_x - (at.x + inset) - c.pad / 2;
    }
    fitted_text(draw, c.body, ImVec2(at.x + inset, at.y + inset), kInk, g.name, name_w);
    // More people at the table than it seats: the count turns the warning colour.
    const ImU32 count_ink = g.capacity > 0 && g.arrived > g.capacity ? kNotice : kInk;
    const std::string count = of(g.arrived, g.expected);
    const float line_y = at.y + inset + c.body->FontSize * 1.15f;
    draw->AddText(c.body, c.body->FontSize, ImVec2(at.x + inset, line_y), count_ink, count.c_str());
    const float bar_x = at.x + inset + text_size(c.body, count).x + c.pad / 2;
    const float bar_h = c.body->FontSize * 0.3f;
    const float bar_y = line_y + (c.body->FontSize - bar_h) / 2;
    if (at.x + size.x - inset - bar_x > c.pad) {
        progress_bar(draw, ImVec2(bar_x, bar_y), ImVec2(at.x + size.x - inset, bar_y + bar_h),
                     g.arrived, g.expected, c.accent);
    }
}

void draw_groups(ImDrawList* draw, const Canvas& c, Box box) {
    const auto& groups = c.data.groups;
    const Turnout& none = c.data.ungrouped;
    const GroupTurnout ungrouped{"", c.labels.no_group, "", none.arrived, none.expected, 0};
    const int tiles = static_cast<int>(groups.size()) + (none.expected > 0 ? 1 : 0);
    box.min.y = header(draw, c, box, c.labels.groups, "");
    const float gap = c.pad * 0.6f;
    const float tile_min_w = c.body->FontSize * 6.5f;
    const int columns = std::max(1, static_cast<int>((box.width() + gap) / (tile_min_w + gap)));
    const int rows = (tiles + columns - 1) / columns;
    const float tile_h = c.body->FontSize * 2.3f + c.pad * 1.2f;
    scrolling_rows(
        "##dashboard_groups", box, rows, tile_h + gap,
        [&](ImDrawList* list, int row, ImVec2 at, float width) {
            const float tile_w =
                (width - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
            for (int column = 0; column < columns; ++column) {
                const int index = row * columns + column;
                if (index >= tiles) break;
                const ImVec2 corner(at.x + static_cast<float>(column) * (tile_w + gap), at.y);
                const bool placed = index < static_cast<int>(groups.size());
                draw_group_tile(list, c, corner, ImVec2(tile_w, tile_h),
                                placed ? groups[static_cast<std::size_t>(index)] : ungrouped);
            }
        });
}

void draw_chart(ImDrawList* draw, const Canvas& c, Box box) {
    const auto& buckets = c.data.arrivals;
    const float top = header(draw, c, box, c.labels.arrivals_per_5_minutes, "");
    const float label_h = c.small->FontSize * 1.25f;
    // Room above for the peak's number, below for the times.
    const Box plot{ImVec2(box.min.x, top + label_h), ImVec2(box.max.x, box.max.y - label_h)};
    if (plot.height() < c.small->FontSize || plot.width() < c.pad) return;
    draw->AddLine(ImVec2(plot.min.x, plot.max.y), ImVec2(plot.max.x, plot.max.y), kMuted, 1.5f);
    if (buckets.empty()) return;
    // The latest buckets that fit at a bar width still readable across the room.
    const float min_slot = std::max(3.0f, c.side * 0.012f);
    const std::size_t fits =
        std::max<std::size_t>(1, static_cast<std::size_t>(plot.width() / min_slot));
    const std::size_t shown = std::min(buckets.size(), fits);
    const std::size_t first = buckets.size() - shown;
    const float slot = std::min(plot.width() / static_cast<float>(shown), c.side * 0.06f);
    int peak = 0;
    std::size_t peak_at = first;
    for (std::size_t i = first; i < buckets.size(); ++i) {
        if (buckets[i].arrivals >= peak) {
            peak = buckets[i].arrivals;
            peak_at = i;
        }
    }
    const float unit = plot.height() / static_cast<float>(std::max(1, peak));
    // Time labels on whole steps of 5, 10, 15, 30 minutes or hours, so they stay put as the
    // chart moves on.
    const float label_w = text_size(c.small, "00:00").x + c.pad;
    std::int64_t step = 1;
    for (const std::int64_t candidate : {1, 2, 3, 6, 12, 24, 48, 96}) {
        step = candidate;
        if (slot * static_cast<float>(candidate) >= label_w) break;
    }
    const float rounding = std::min(slot * 0.15f, c.side * 0.004f);
    for (std::size_t i = first; i < buckets.size(); ++i) {
        const float x0 = plot.min.x + static_cast<float>(i - first) * slot;
        const float h = static_cast<float>(buckets[i].arrivals) * unit;
        if (h > 0) {
            draw->AddRectFilled(ImVec2(x0 + slot * 0.12f, plot.max.y - h),
                                ImVec2(x0 + slot * 0.88f, plot.max.y), c.accent, rounding,
                                ImDrawFlags_RoundCornersTop);
        }
        const std::int64_t index = buckets[i].start_ms / kArrivalBucketMs;
        if (((index % step) + step) % step != 0) continue;
        const float center = x0 + slot / 2;
        draw->AddLine(ImVec2(center, plot.max.y),
                      ImVec2(center, plot.max.y + c.small->FontSize * 0.2f), kMuted, 1.5f);
        const float x = centered_in(center, text_size(c.small, buckets[i].label).x, box);
        draw->AddText(c.small, c.small->FontSize, ImVec2(x, plot.max.y + c.small->FontSize * 0.2f),
                      kMuted, buckets[i].label.c_str());
    }
    if (peak > 0) {
        const std::string value = group_digits(peak);
        const float center = plot.min.x + (static_cast<float>(peak_at - first) + 0.5f) * slot;
        const float peak_y = plot.max.y - static_cast<float>(peak) * unit;
        const float x = centered_in(center, text_size(c.body, value).x, box);
        draw->AddLine(ImVec2(plot.min.x, peak_y), ImVec2(plot.max.x, peak_y), kRule, 1.0f);
        draw->AddText(c.body, c.body->FontSize, ImVec2(x, peak_y - c.body->FontSize), kInk,
                      value.c_str());
    }
}

void draw_not_arrived(ImDrawList* draw, const Canvas& c, Box box) {
    const Dashboard& d = c.data;
    box.min.y = header(draw, c, box, c.labels.not_arrived, group_digits(d.not_arrived_total));
    const int shown = static_cast<int>(d.not_arrived.size());
    const int hidden = d.not_arrived_total - shown;
    const float row_h = c.body->FontSize * 1.15f + c.small->FontSize * 1.45f;
    scrolling_rows(
        "##dashboard_not_arrived", box, shown + (hidden > 0 ? 1 : 0), row_h,
        [&](ImDrawList* list, int row, ImVec2 at, float width) {
            if (row >= shown) {
                fitted_text(list, c.body, at, kMuted,
                            format_text(c.labels.more, {{"count", group_digits(hidden)}}), width);
                return;
            }
            const NotArrivedPerson& p = d.not_arrived[static_cast<std::size_t>(row)];
            float name_w = width;
            if (!p.group_name.empty()) {
                const float group_w = std::min(width * 0.4f, text_size(c.small, p.group_name).x);
                fitted_text(
                    list, c.small,
                    ImVec2(at.x + width - group_w, at.y + c.body->FontSize - c.small->FontSize),
                    c.accent, p.group_name, group_w);
                name_w = width - group_w - c.pad / 2;
            }
            fitted_text(list, c.body, at, kInk, p.name, name_w);
            std::string detail = p.reading;
            if (!p.organization.empty()) detail += (detail.empty() ? "" : "   ") + p.organization;
            fitted_text(list, c.small, ImVec2(at.x, at.y + c.body->FontSize * 1.1f), kMuted, detail,
                        width);
            const float rule_y = at.y + row_h - c.small->FontSize * 0.2f;
            list->AddLine(ImVec2(at.x, rule_y), ImVec2(at.x + width, rule_y), kRule, 1.0f);
        });
}

struct Layout {
    Box summary, kiosks, organizations, groups, chart, not_arrived;
};

Layout lay_out(const Canvas& c, ImVec2 at, ImVec2 size) {
    const float gap = c.pad;
    const float kiosk_row = c.body->FontSize * 1.15f + c.small->FontSize * 1.35f;
    const int kiosk_rows = std::clamp(static_cast<int>(c.data.kiosks.size()), 1, 3);
    const float kiosks_h = c.body->FontSize * 1.2f + kiosk_row * static_cast<float>(kiosk_rows);
    const ImVec2 end(at.x + size.x, at.y + size.y);
    Layout l;
    if (size.x >= size.y) {
        // Three columns: the figures, the groups over the chart, the people still to come.
        const float left = at.x + size.x * 0.27f;
        const float right = at.x + size.x * 0.72f;
        const float summary_end = at.y + summary_height(c);
        const float kiosks_end = summary_end + gap + kiosks_h;
        l.summary = {at, ImVec2(left - gap, summary_end)};
        l.kiosks = {ImVec2(at.x, summary_end + gap), ImVec2(left - gap, kiosks_end)};
        l.organizations = {ImVec2(at.x, kiosks_end + gap), ImVec2(left - gap, end.y)};
        const float split = at.y + size.y * 0.56f;
        l.groups = {ImVec2(left + gap, at.y), ImVec2(right - gap, split)};
        l.chart = {ImVec2(left + gap, split + gap), ImVec2(right - gap, end.y)};
        l.not_arrived = {ImVec2(right + gap, at.y), end};
    } else {
        // Stacked: figures and kiosks side by side, groups, chart, then the two lists.
        const float middle = at.x + size.x * 0.5f;
        const float top_end = at.y + std::max(summary_height(c), kiosks_h);
        const float groups_end = top_end + gap + (end.y - top_end) * 0.32f;
        const float chart_end = groups_end + gap + (end.y - top_end) * 0.22f;
        l.summary = {at, ImVec2(middle - gap, top_end)};
        l.kiosks = {ImVec2(middle + gap, at.y), ImVec2(end.x, top_end)};
        l.groups = {ImVec2(at.x, top_end + gap), ImVec2(end.x, groups_end)};
        l.chart = {ImVec2(at.x, groups_end + gap), ImVec2(end.x, chart_end)};
        l.organizations = {ImVec2(at.x, chart_end + gap),
                           ImVec2(at.x + size.x * 0.45f - gap, end.y)};
        l.not_arrived = {ImVec2(at.x + size.x * 0.45f + gap, chart_end + gap), end};
    }
    return l;
}

}  // namespace

void draw_dashboard(const Dashboard& data, const DashboardLabels& labels, ImVec2 at, ImVec2 size,
                    const DashboardStyle& style) {
    if (size.x < 1 || size.y < 1) return;
    ImFont* fallback = ImGui::GetFont();
    ImFont* body = style.body != nullptr ? style.body : fallback;
    const float side = std::min(size.x, size.y);
    const Canvas c{data,
                   labels,
                   style.small != nullptr ? style.small : body,
                   body,
                   style.large != nullptr ? style.large : body,
                   style.accent,
                   std::round(side * 0.02f),
                   side};
    const Layout l = lay_out(c, at, size);
    ImGui::PushID("dashboard");
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->PushClipRect(at, ImVec2(at.x + size.x, at.y + size.y), true);
    draw_summary(draw, c, l.summary);
    draw_chart(draw, c, l.chart);
    draw_kiosks(draw, c, l.kiosks);
    draw_organizations(draw, c, l.organizations);
    draw_groups(draw, c, l.groups);
    draw_not_arrived(draw, c, l.not_arrived);
    draw->PopClipRect();
    ImGui::PopID();
}

}  // namespace uketsuke::ui
