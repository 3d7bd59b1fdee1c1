// Someone flagged for the door (kiosk/core/staff/attention.hpp) as the door screens show it: the
// welcome asks them to see staff in both languages with a sound of its own, never with the
// flag's text; the attract screen's staff line counts the flags nobody has seen to.

#include <gtest/gtest.h>

#include <algorithm>

#include "kiosk/ui/screens/flow.hpp"

namespace uketsuke::ui {
namespace {

using std::chrono::milliseconds;

constexpr Instant kStart{milliseconds{1'795'912'925'000}};  // 2026-11-29 09:42:05 in Tokyo

const Strings& strings() {
    static const StringsLoad load = load_strings(source_strings_directory());
    return load.strings;
}

bool contains(const std::vector<std::string>& texts, std::string_view needle) {
    return std::any_of(texts.begin(), texts.end(), [needle](const std::string& text) {
        return text.find(needle) != std::string::npos;
    });
}

struct Door {
    FlowState state;
    std::vector<Effect> effects;

    Door() {
        FlowStep started = start_flow(FlowConfig{}, kStart);
        state = std::move(started.state);
    }
    void feed(const FlowEvent& event) {
        FlowStep next = step(state, event, kStart);
        state = std::move(next.state);
        effects = std::move(next.effects);
    }
    void scanned(const std::string& code, CheckinOutcome outcome, bool see_staff) {
        feed(ScanRead{code, CheckinMethod::Camera, kStart});
        CheckinFinished result;
        result.scan_id = state.last_scan_id;
        result.outcome = outcome;
        result.participant_id = "p1";
        result.name = "山田 花子";
        result.group_name = "A";
        result.table_label = "3";
        if (outcome == CheckinOutcome::AlreadyChecked) result.checked_in_at = "09:12";
        result.see_staff = see_staff;
        feed(result);
    }
    std::vector<Sound> sounds() const {
        std::vector<Sound> out;
        for (const Effect& effect : effects)
            if (const auto* played = std::get_if<PlaySound>(&effect)) out.push_back(played->sound);
        return out;
    }
};

TEST(FlowAttention, AFlaggedWelcomeAsksToSeeStaffInBothLanguagesWithItsOwnSound) {
    for (const CheckinOutcome outcome :
         {CheckinOutcome::CheckedIn, CheckinOutcome::AlreadyChecked}) {
        Door door;
        door.scanned("a", outcome, true);
        EXPECT_EQ(door.sounds(), std::vector<Sound>{Sound::SeeStaff});
        const ScreenView view = build_view(door.state, strings());
        ASSERT_EQ(view.see_staff.size(), 2u);
        EXPECT_EQ(view.see_staff[0], "係員にお声がけください");
        EXPECT_EQ(view.see_staff[1], "Please speak to a member of staff");
        // Still told where to go: the flag is for staff, the table for them.
        EXPECT_EQ(view.table_label, "3");
        EXPECT_TRUE(contains(all_texts(view), "係員にお声がけください"));

        door.feed(Tap{SwitchLanguage{Language::En}});
        const ScreenView english = build_view(door.state, strings());
        ASSERT_EQ(english.see_staff.size(), 2u);
        EXPECT_EQ(english.see_staff[0], "Please speak to a member of staff");
        EXPECT_EQ(english.see_staff[1], "係員にお声がけください");
    }
}

TEST(FlowAttention, APlainWelcomeHasNoBandAndItsUsualSound) {
    Door door;
    door.scanned("a", CheckinOutcome::CheckedIn, false);
    EXPECT_EQ(door.sounds(), std::vector<Sound>{Sound::Success});
    EXPECT_TRUE(build_view(door.state, strings()).see_staff.empty());
    door.scanned("b", CheckinOutcome::AlreadyChecked, false);
    EXPECT_EQ(door.sounds(), std::vector<Sound>{Sound::AlreadyIn});
    EXPECT_FALSE(contains(all_texts(build_view(door.state, strings())), "係員にお声がけ"));
}

// A problem screen never carries the see-staff band or its sound, whatever the result says.
TEST(FlowAttention, AProblemIsAProblemEvenForSomeoneFlagged) {
    Door door;
    door.scanned("a", CheckinOutcome::Cancelled, true);
    EXPECT_EQ(door.sounds(), std::vector<Sound>{Sound::Problem});
    EXPECT_TRUE(build_view(door.state, strings()).see_staff.empty());
}

TEST(FlowAttention, TheAttractStaffLineCountsFlagsNobodyHasSeenTo) {
    Door door;
    EXPECT_FALSE(contains(build_view(door.state, strings()).staff_notes, "受付への連絡"));
    door.feed(AttentionPendingChanged{2});
    EXPECT_EQ(door.state.attention_pending, 2);
    const ScreenView view = build_view(door.state, strings());
    EXPECT_TRUE(contains(view.staff_notes, "受付への連絡が2件")) << view.staff_notes.size();
    EXPECT_TRUE(std::any_of(door.effects.begin(), door.effects.end(), [](const Effect& e) {
        return std::holds_alternative<RequestRedraw>(e);
    })) << "the attract screen is redrawn";
    door.feed(AttentionPendingChanged{0});
    EXPECT_FALSE(contains(build_view(door.state, strings()).staff_notes, "受付への連絡"));
    door.feed(AttentionPendingChanged{-3});
    EXPECT_EQ(door.state.attention_pending, 0);
}

}  // namespace
}  // namespace uketsuke::ui
