// The door screens at the kiosk's four sizes (1280×800, 1920×1080, 1024×600, portrait
// 800×1280), drawn headless with the real Japanese font at the sizes the kiosk uses for each
// (platform/window.cpp), in both languages, with and without a floor map, the recent-arrivals
// strip, the leave button and staff notes: no text clipped or out of its box, nothing on top of
// anything else, touch targets of at least 60 px (layout_check.hpp).

#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_freetype.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "kiosk/ui/views/view.hpp"
#include "kiosk/ui/views/widgets.hpp"
#include "platform/fonts.hpp"
#include "ui/views/layout_check.hpp"

namespace uketsuke::ui {
namespace {

using std::chrono::milliseconds;

constexpr Instant kNineAm{milliseconds{1'795'996'800'000}};
const ImVec2 kSizes[] = {{1280, 800}, {1920, 1080}, {1024, 600}, {800, 1280}};

CheckinFinished outcome_only(CheckinOutcome outcome) {
    CheckinFinished r;
    r.outcome = outcome;
    return r;
}

const Strings& strings() {
    static const StringsLoad load = load_strings(source_strings_directory());
    return load.strings;
}

CheckinFinished arrival(std::uint64_t scan_id, CheckinOutcome outcome, std::string id,
                        std::string name, bool long_texts) {
    CheckinFinished r;
    r.scan_id = scan_id;
    r.outcome = outcome;
    r.participant_id = std::move(id);
    r.name = std::move(name);
    r.reading = "ヤマダ ハナコ";
    r.organization = long_texts ? "横浜市役所 デジタル統括本部 デジタル・デザイン室 サービス推進課"
                                : "横浜市役所";
    r.group_name = long_texts ? "みなとみらい" : "A";
    r.table_label = "12";
    r.facilitator = "佐藤 健太";
    r.table_on_map = MapPoint{0.3, 0.4};
    r.next_session = long_texts ? "10:00 開会と趣旨説明（大会議室A）" : "10:00 開会";
    if (outcome == CheckinOutcome::AlreadyChecked) {
        r.checked_in_at = "09:12";
        r.kiosk = "east-door";
    }
    SessionNow session;
    session.several = long_texts;
    session.name = "第3回研究会 2日目 午後の部";
    session.records_leave = true;
    r.session = session;
    r.sessions_attended = 2;
    return r;
}

// Every door screen as the flow builds it: (name, state).
std::vector<std::pair<std::string, FlowState>> door_states(Language language) {
    std::vector<std::pair<std::string, FlowState>> out;
    FlowConfig config;
    config.event_name = "自治体DX推進ワークショップ 2026 — 市町村職員のための実践研修（秋の部）";
    config.default_language = language;
    const auto begin = [&] { return start_flow(config, kNineAm).state; };
    const auto feed = [](FlowState s, const FlowEvent& e) {
        return step(std::move(s), e, kNineAm).state;
    };
    const auto scanned = [&](FlowState s, const std::string& code, CheckinFinished result) {
        s = feed(std::move(s), ScanRead{code, CheckinMethod::Camera, kNineAm});
        result.scan_id = s.last_scan_id;
        return feed(std::move(s), result);
    };
    FlowState attract = begin();
    attract = feed(attract, ArrivedCountChanged{1234});
    out.emplace_back("attract", attract);
    FlowState troubled =
        feed(attract, CameraStatusChanged{false, "no camera found; retrying in 500 ms"});
    troubled =
        feed(troubled, StoreStatusChanged{false, "/var/lib/uketsuke/event.db: disk I/O error"});
    out.emplace_back("attract with notices", troubled);
    out.emplace_back("attract with notices and flags waiting",
                     feed(troubled, AttentionPendingChanged{3}));
    for (const bool long_texts : {false, true}) {
        const std::string suffix = long_texts ? " (long texts)" : "";
        FlowState s = scanned(begin(), "a",
                              arrival(0, CheckinOutcome::CheckedIn, "p1", "山田 花子", long_texts));
        out.emplace_back("welcome" + suffix, s);
        CheckinFinished flagged =
            arrival(0, CheckinOutcome::CheckedIn, "p4", "田中 一郎", long_texts);
        flagged.see_staff = true;
        flagged.name_tag = true;
        out.emplace_back("welcome, see staff, name tag" + suffix, scanned(s, "d", flagged));
        flagged.outcome = CheckinOutcome::AlreadyChecked;
        flagged.checked_in_at = "09:12";
        flagged.name_tag = false;
        out.emplace_back(
            "already checked in, see staff, with recent" + suffix,
            scanned(scanned(s, "e",
                            arrival(0, CheckinOutcome::CheckedIn, "p5", "佐藤 健太", long_texts)),
                    "d", flagged));
        s = scanned(s, "b", arrival(0, CheckinOutcome::CheckedIn, "p2", "佐藤 健太", long_texts));
        s = scanned(
            s, "c",
            arrival(0, CheckinOutcome::CheckedIn, "p3", "Alexandra Wellington-Smythe", long_texts));
        out.emplace_back("welcome with two recent" + suffix, s);
        s = scanned(s, "a",
                    arrival(0, CheckinOutcome::AlreadyChecked, "p1", "山田 花子", long_texts));
        out.emplace_back("already checked in with recent and leave" + suffix, s);
        s = scanned(s, "x", outcome_only(CheckinOutcome::UnknownCode));
        out.emplace_back("problem with recent" + suffix, s);
    }
    FlowState pending = scanned(begin(), "p", outcome_only(CheckinOutcome::DetailsPending));
    out.emplace_back("details pending", pending);
    for (const CheckinOutcome problem :
         {CheckinOutcome::UnknownCode, CheckinOutcome::OtherEvent, CheckinOutcome::Cancelled,
          CheckinOutcome::InvalidTicket, CheckinOutcome::NotATicket}) {
        out.emplace_back("problem " + std::string(to_string(problem)),
                         scanned(begin(), "q", outcome_only(problem)));
    }
    CheckinFinished failed;
    failed.failed = true;
    failed.error = "database or disk is full (/var/lib/uketsuke/event.db)";
    out.emplace_back("problem checkin_failed", scanned(begin(), "f", failed));
    FlowConfig leave_config = config;
    leave_config.leave_mode = true;
    FlowState leaving = start_flow(leave_config, kNineAm).state;
    out.emplace_back("leave attract", leaving);
    CheckinFinished left = arrival(0, CheckinOutcome::AlreadyChecked, "p1", "山田 花子", true);
    left.leave = LeaveAnswer::Left;
    left.left_at = "15:02";
    left.early_leave = true;
    left.session_ends = "17:00";
    out.emplace_back("goodbye", scanned(leaving, "a", left));
    return out;
}

// ImGui with no window, the real font at the kiosk's four sizes for `display`.
class RealFonts {
public:
    RealFonts() : context_(ImGui::CreateContext()) {
        ImGui::GetIO().IniFilename = nullptr;
        font_ = platform::find_japanese_font("Noto Sans CJK JP:lang=ja");
        std::string text =
            " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`"
            "abcdefghijklmnopqrstuvwxyz{|}~…・";
        for (const Language language : kLanguages)
            for (const auto& [name, state] : door_states(language))
                for (const auto& t : all_texts(build_view(state, strings()))) text += t;
        ImFontGlyphRangesBuilder builder;
        builder.AddText(text.c_str());
        builder.BuildRanges(&ranges_);
    }
    ~RealFonts() { ImGui::DestroyContext(context_); }
    RealFonts(const RealFonts&) = delete;
    RealFonts& operator=(const RealFonts&) = delete;

    bool found() const { return font_.has_value(); }

    ViewFonts build(ImVec2 display) {
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = display;
        io.DeltaTime = 1.0f / 60;
        ImFontAtlas& atlas = *io.Fonts;
        atlas.Clear();
        atlas.FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
        atlas.TexDesiredWidth = 4096;
        ImFontConfig config;
        config.FontNo = font_->face_index;
        config.OversampleH = 1;
        config.OversampleV = 1;
        const float side = std::min(display.x, display.y);
        const auto load = [&](float pixels) {
            return atlas.AddFontFromFileTTF(font_->path.c_str(), pixels, &config, ranges_.Data);
        };
        ViewFonts fonts;
        fonts.body = load(std::max(18.0f, side * 0.045f));
        fonts.small = load(std::max(14.0f, side * 0.030f));
        fonts.large = load(std::max(24.0f, side * 0.075f));
        fonts.huge = load(std::max(32.0f, side * 0.14f));
        unsigned char* pixels = nullptr;
        int width = 0;
        int height = 0;
        atlas.GetTexDataAsAlpha8(&pixels, &width, &height);
        return fonts;
    }

private:
    ImGuiContext* context_;
    std::optional<platform::FontFile> font_;
    ImVector<ImWchar> ranges_;
};

std::string size_name(ImVec2 display) {
    return std::to_string(static_cast<int>(display.x)) + "x" +
           std::to_string(static_cast<int>(display.y));
}

int draw_every_door_screen() {
    RealFonts fonts;
    if (!fonts.found()) {
        std::fprintf(stderr, "no Japanese font (fonts-noto-cjk)\n");
        return 1;
    }
    int failures = 0;
    int screens = 0;
    for (const ImVec2 display : kSizes) {
        ViewInputs inputs;
        inputs.fonts = fonts.build(display);
        DrawnButtons buttons;
        DrawnTexts texts;
        inputs.drawn = &buttons;
        inputs.texts = &texts;
        for (const bool map : {false, true}) {
            inputs.floor_map = map ? Picture{reinterpret_cast<void*>(1), 1600, 1000} : Picture{};
            for (const Language language : kLanguages) {
                for (const auto& [name, state] : door_states(language)) {
                    ImGui::NewFrame();
                    draw_screen(build_view(state, strings()), inputs);
                    const std::vector<DrawnButton> drawn = buttons.buttons();
                    ImGui::Render();
                    ++screens;
                    const std::string what = name + " (" + std::string(language_code(language)) +
                                             ", " + size_name(display) + (map ? ", map" : "") + ")";
                    if (texts.empty()) {
                        std::fprintf(stderr, "%s: no text drawn\n", what.c_str());
                        ++failures;
                    }
                    for (const std::string& problem :
                         testing::layout_problems(texts, drawn, display, 60)) {
                        std::fprintf(stderr, "%s: %s\n", what.c_str(), problem.c_str());
                        ++failures;
                    }
                }
            }
        }
    }
    std::fprintf(stderr, "%d screens drawn, %d problems\n", screens, failures);
    return failures;
}

// Debian's ImGui aborts on a misuse assertion: drawn in a child process.
TEST(ViewLayout, EveryDoorScreenFitsAtEverySize) {
    EXPECT_EXIT(std::exit(draw_every_door_screen() == 0 ? 0 : 1), ::testing::ExitedWithCode(0), "");
}

// The checker fails where it should: text out of the screen and out of its box, texts on each
// other, a text on a button it does not label, buttons too small, off the screen, overlapping.
TEST(ViewLayout, TheCheckerCatchesBadLayouts) {
    const Box column{ImVec2(0, 0), ImVec2(500, 800)};
    const std::vector<DrawnText> texts = {
        {"fine", Box{ImVec2(10, 10), ImVec2(100, 40)}, column},
        {"too wide", Box{ImVec2(400, 100), ImVec2(600, 130)}, column},
        {"off screen", Box{ImVec2(1200, 100), ImVec2(1400, 130)}, Box{}},
        {"on fine", Box{ImVec2(50, 20), ImVec2(150, 50)}, column},
        {"on a button", Box{ImVec2(10, 700), ImVec2(100, 730)}, column},
        {"close", Box{ImVec2(610, 700), ImVec2(640, 720)}, Box{ImVec2(600, 690), ImVec2(700, 760)}},
    };
    const std::vector<DrawnButton> buttons = {
        {"x", ImVec2(0, 690), ImVec2(120, 760), "big"},
        {"close", ImVec2(600, 690), ImVec2(700, 760), "close"},
        {"s", ImVec2(900, 100), ImVec2(1000, 140), "small"},
        {"o", ImVec2(1250, 700), ImVec2(1350, 790), "off"},
        {"p", ImVec2(650, 720), ImVec2(750, 790), "onclose"},
    };
    const auto said = testing::layout_problems(texts, buttons, ImVec2(1280, 800), 60);
    std::string all;
    for (const auto& line : said) all += line + "\n";
    for (const char* expected :
         {"\"too wide\" leaves its box", "\"off screen\" leaves the screen",
          "\"fine\" overlaps \"on fine\"", "\"on a button\" lies on button big",
          "button small is too small", "button off leaves the screen",
          "button close overlaps button onclose"}) {
        EXPECT_NE(all.find(expected), std::string::npos) << expected << "\n" << all;
    }
    EXPECT_EQ(all.find("\"close\" lies on"), std::string::npos) << "a label is on its button\n"
                                                                << all;
    EXPECT_EQ(
        testing::layout_problems({texts[0], texts[5]}, {buttons[1]}, ImVec2(1280, 800), 60).size(),
        0u);
}

}  // namespace
}  // namespace uketsuke::ui
