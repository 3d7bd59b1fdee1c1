#include "kiosk/ui/screens/strings.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

namespace uketsuke::ui {
namespace {

const std::filesystem::path kI18n = std::filesystem::path(UKETSUKE_SOURCE_DIR) / "assets" / "i18n";

std::string joined(const std::vector<std::string>& lines) {
    std::string out;
    for (const std::string& line : lines) out += line + "\n";
    return out;
}

TEST(StringsTranslations, BothLanguagesLoadCleanly) {
    const StringsLoad load = load_strings(kI18n);
    EXPECT_TRUE(load.ok()) << joined(load.problems);
}

TEST(StringsTranslations, EveryKeyTheCodeUsesExistsInBothLanguagesAndNoOthers) {
    const StringsLoad load = load_strings(kI18n);
    for (const Language language : kLanguages) {
        SCOPED_TRACE(std::string(language_code(language)));
        for (const std::string_view key : kStringKeys) {
            EXPECT_TRUE(load.strings.has(language, key)) << "missing " << key;
            EXPECT_FALSE(load.strings.get(language, key).empty()) << "empty " << key;
        }
        for (const auto& entry : load.strings.table(language)) {
            EXPECT_TRUE(is_known_key(entry.first)) << "unknown key " << entry.first;
        }
        EXPECT_EQ(load.strings.table(language).size(), kStringKeys.size());
    }
}

TEST(StringsTranslations, TheKeyListHasNoDuplicates) {
    const std::set<std::string_view> unique(kStringKeys.begin(), kStringKeys.end());
    EXPECT_EQ(unique.size(), kStringKeys.size());
}

TEST(StringsTranslations, PlaceholdersMatchBetweenLanguages) {
    const StringsLoad load = load_strings(kI18n);
    for (const std::string_view key : kStringKeys) {
        EXPECT_EQ(placeholders(load.strings.get(Language::Ja, key)),
                  placeholders(load.strings.get(Language::En, key)))
            << key;
    }
}

TEST(StringsTranslations, JapaneseIsTranslatedNotCopied) {
    const StringsLoad load = load_strings(kI18n);
    for (const std::string_view key : kStringKeys) {
        const std::string_view ja = load.strings.get(Language::Ja, key);
        const bool has_non_ascii = std::any_of(
            ja.begin(), ja.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
        EXPECT_TRUE(has_non_ascii) << key << " = " << ja;
    }
}

TEST(StringsTranslations, ExamplesReadAsIntended) {
    const StringsLoad load = load_strings(kI18n);
    const Strings& s = load.strings;
    EXPECT_EQ(s.get(Language::Ja, "attract.prompt"), "QRコードをカメラにかざしてください");
    EXPECT_EQ(s.format(Language::Ja, "welcome.greeting", {{"name", "山田 花子"}}),
              "ようこそ、山田 花子 さん");
    EXPECT_EQ(s.format(Language::En, "welcome.greeting", {{"name", "Alice Smith"}}),
              "Welcome, Alice Smith");
    EXPECT_EQ(s.format(Language::Ja, "already.checked_in_at", {{"time", "09:42"}, {"kiosk", "B"}}),
              "受付済みです（09:42・受付B）");
    EXPECT_EQ(s.get(Language::Ja, "problem.unknown_code.next"), "受付でスタッフにお声がけください");
    EXPECT_EQ(s.format(Language::En, "attract.arrived", {{"n", "12"}}), "12 arrived");
    EXPECT_EQ(s.format(Language::Ja, "attract.arrived", {{"n", "12"}}), "12名 受付済み");
    EXPECT_EQ(s.get(Language::Ja, "language.self_name"), "日本語");
    EXPECT_EQ(s.get(Language::En, "language.self_name"), "English");
}

TEST(StringsFormat, ReplacesKnownPlaceholdersAndLeavesTheRest) {
    EXPECT_EQ(format_text("{a} and {b}", {{"a", "1"}, {"b", "2"}}), "1 and 2");
    EXPECT_EQ(format_text("{a}{a}", {{"a", "x"}}), "xx");
    EXPECT_EQ(format_text("{missing} {a}", {{"a", "x"}}), "{missing} x");
    EXPECT_EQ(format_text("{ a } {} {a", {{"a", "x"}}), "{ a } {} {a");
    EXPECT_EQ(format_text("{a}", {{"a", "{a}"}}), "{a}") << "values are not expanded again";
    EXPECT_EQ(format_text("", {}), "");
}

TEST(StringsFormat, PlaceholdersAreSortedAndUnique) {
    EXPECT_EQ(placeholders("{time} {kiosk} {time}"), (std::vector<std::string>{"kiosk", "time"}));
    EXPECT_TRUE(placeholders("no { placeholders }").empty());
}

TEST(StringsFormat, GroupDigits) {
    EXPECT_EQ(group_digits(0), "0");
    EXPECT_EQ(group_digits(999), "999");
    EXPECT_EQ(group_digits(1000), "1,000");
    EXPECT_EQ(group_digits(20000), "20,000");
    EXPECT_EQ(group_digits(1234567), "1,234,567");
    EXPECT_EQ(group_digits(-1234), "-1,234");
    EXPECT_EQ(group_digits(INT64_MIN), "-9,223,372,036,854,775,808");
}

TEST(StringsLookup, FallsBackToTheOtherLanguageThenTheKey) {
    Strings s;
    s.set(Language::Ja, "attract.prompt", "かざしてください");
    EXPECT_EQ(s.get(Language::Ja, "attract.prompt"), "かざしてください");
    EXPECT_EQ(s.get(Language::En, "attract.prompt"), "かざしてください");
    EXPECT_FALSE(s.has(Language::En, "attract.prompt"));
    EXPECT_EQ(s.get(Language::En, "attract.checking"), "attract.checking");
}

TEST(StringsLookup, TomlProblemsAreReportedAndGoodStringsKept) {
    Strings s;
    auto problems =
        s.add_toml(Language::En, "[attract]\nprompt = \"Hold it up\"\nextra = \"?\"\ncount = 3\n",
                   "test.toml");
    ASSERT_EQ(problems.size(), 2u);
    std::sort(problems.begin(), problems.end(), [](const std::string& a, const std::string& b) {
        return a.find("unknown") != std::string::npos && b.find("unknown") == std::string::npos;
    });
    EXPECT_NE(problems[0].find("unknown key attract.extra"), std::string::npos) << problems[0];
    EXPECT_NE(problems[1].find("attract.count is not a string"), std::string::npos) << problems[1];
    EXPECT_EQ(s.get(Language::En, "attract.prompt"), "Hold it up");

    const auto broken = s.add_toml(Language::Ja, "[attract\nprompt = ", "broken.toml");
    ASSERT_EQ(broken.size(), 1u);
    EXPECT_NE(broken[0].find("broken.toml"), std::string::npos);
}

TEST(StringsLookup, MissingFilesAndKeysAreReported) {
    const StringsLoad load = load_strings(kI18n / "no-such-folder");
    EXPECT_FALSE(load.ok());
    EXPECT_EQ(load.problems.size(), 2u) << joined(load.problems);
}

TEST(StringsLanguages, CodesRoundTrip) {
    for (const Language language : kLanguages) {
        EXPECT_EQ(language_from_code(language_code(language)), language);
        EXPECT_NE(other_language(language), language);
    }
    EXPECT_FALSE(language_from_code("fr"));
    EXPECT_EQ(source_strings_directory(), std::filesystem::path(UKETSUKE_ASSETS_DIR) / "i18n");
}

}  // namespace
}  // namespace uketsuke::ui
