// The screen of a kiosk that cannot run, as plain data: both languages, what to do, the file,
// and the technical detail without control characters.

#include "kiosk/ui/screens/start_problem.hpp"

#include <gtest/gtest.h>

#include <set>

namespace uketsuke::ui {
namespace {

class StartProblemScreen : public ::testing::Test {
protected:
    StringsLoad strings = load_strings(source_strings_directory());
};

TEST_F(StartProblemScreen, SaysWhatIsWrongAndWhatToDoInBothLanguages) {
    ASSERT_TRUE(strings.ok()) << strings.problems.front();
    const StartProblemView view = build_start_problem_view(
        StartProblem{StartProblemKind::Damaged, "/var/lib/uketsuke/event.db",
                     "/var/lib/uketsuke/event.db is damaged (…)"},
        strings.strings);
    ASSERT_EQ(view.languages.size(), 2u);
    EXPECT_EQ(view.languages[0].title, "このイベントファイルは壊れています");
    EXPECT_EQ(view.languages[1].title, "This event file is damaged");
    EXPECT_NE(view.languages[1].next.find("fresh copy"), std::string::npos);
    EXPECT_NE(view.file.find("イベントファイル: /var/lib/uketsuke/event.db"), std::string::npos);
    EXPECT_NE(view.file.find("Event file: /var/lib/uketsuke/event.db"), std::string::npos);
    EXPECT_NE(view.retrying.find("by itself"), std::string::npos);
}

TEST_F(StartProblemScreen, EveryKindHasItsOwnWordsInBothLanguages) {
    std::set<std::string> titles;
    for (const auto kind :
         {StartProblemKind::Missing, StartProblemKind::Damaged, StartProblemKind::NotAnEvent,
          StartProblemKind::CannotOpen, StartProblemKind::DiskError, StartProblemKind::Other}) {
        const StartProblemView view =
            build_start_problem_view(StartProblem{kind, "e.db", "detail"}, strings.strings);
        for (const Language language : kLanguages) {
            const std::string key = "start_problem." + std::string(to_string(kind));
            EXPECT_TRUE(strings.strings.has(language, key + ".title")) << key;
            EXPECT_TRUE(strings.strings.has(language, key + ".next")) << key;
        }
        for (const auto& text : view.languages) titles.insert(text.title);
    }
    EXPECT_EQ(titles.size(), 12u);
}

TEST_F(StartProblemScreen, TheDetailShowsNoControlCharacters) {
    const StartProblemView view = build_start_problem_view(
        StartProblem{StartProblemKind::Other, "e\x1B[2J.db", "bad\r\n\x07 thing \xFF"},
        strings.strings);
    EXPECT_EQ(view.detail, "bad thing \uFFFD");
    EXPECT_EQ(view.file.find('\x1B'), std::string::npos);
}

}  // namespace
}  // namespace uketsuke::ui
