// Certificates (修了証, 参加証明書): the wording templates (shipped and bad ones, reported as
// file:line:column), the texts measured against their boxes, and `uketsuke certificates`
// giving one page to each person the completion rule passes, read back with pdftotext.

#include "paper/certificates.hpp"

#include <gtest/gtest.h>

#include "paper/paper_fixtures.hpp"

namespace uketsuke::testing::paper {
namespace {

using uketsuke::paper::parse_certificate_template;

TEST(CertificateTemplateTest, TheShippedTemplatesLoad) {
    for (const char* name : {"completion", "participation"}) {
        auto wording = uketsuke::paper::find_certificate_template(name);
        ASSERT_TRUE(wording) << wording.error().message;
        EXPECT_FALSE(wording.value().body.empty()) << name;
    }
    auto missing = uketsuke::paper::find_certificate_template("diploma");
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().message.find("completion (修了証) and participation"),
              std::string::npos);
}

TEST(CertificateTemplateTest, ABadTemplateSaysFileLineAndColumn) {
    struct Case {
        const char* text;
        const char* expected;
    };
    const Case cases[] = {
        {"title = \"修了証\"\nbody = \"x\"\ncolour = \"red\"\n",
         "c.toml:3:1: unknown key \"colour\""},
        {"body = \"{name}さんは{grade}を\"\n", "c.toml:1:8: body has {grade}"},
        {"body = \"x\"\nserial_digits = 12\n", "c.toml:2:17: serial_digits should be"},
        {"body = 3\n", "c.toml:1:8: body should be text in quotes"},
        {"title = \"x\"\n", "c.toml: the template needs a body"},
        {"body = \"x\n", "c.toml:1:"},
    };
    for (const auto& each : cases) {
        auto parsed = parse_certificate_template(each.text, "c.toml");
        ASSERT_FALSE(parsed) << each.text;
        EXPECT_EQ(parsed.error().message.rfind(each.expected, 0), 0u)
            << parsed.error().message << " (wanted " << each.expected << ")";
    }
}

TEST(CertificatesTest, LongestNamesStayInTheirBoxes) {
    auto wording = uketsuke::paper::find_certificate_template("completion");
    ASSERT_TRUE(wording) << wording.error().message;
    std::vector<uketsuke::paper::CertificatePerson> people;
    for (const auto& person : longest_people()) {
        uketsuke::paper::CertificatePerson one;
        one.name = person.name;
        one.organization = person.organization;
        for (int i = 1; i <= 12; ++i)
            one.sessions.push_back("3月" + std::to_string(i) + "日　第" + std::to_string(i) +
                                   "回 自治体DX研究会 オンライン・会場同時開催の回");
        one.attended = 12;
        one.of_sessions = 12;
        people.push_back(one);
    }
    uketsuke::paper::CertificateRun run;
    run.event = "自治体DX研究会";
    run.date = "2026年3月14日";
    auto pdf = uketsuke::paper::render_certificates(wording.value(), run, people, true);
    ASSERT_TRUE(pdf) << pdf.error().message;
    EXPECT_EQ(pdf.value().pages, 4);
    for (const auto& placed : pdf.value().placed) {
        const auto& set = placed.set;
        EXPECT_GE(set.ink.x, set.box.x - 0.01) << placed.text;
        EXPECT_GE(set.ink.y, set.box.y - 0.01) << placed.text;
        EXPECT_LE(set.ink.x + set.ink.width, set.box.x + set.box.width + 0.01) << placed.text;
        EXPECT_LE(set.ink.y + set.ink.height, set.box.y + set.box.height + 0.01) << placed.text;
    }
    EXPECT_EQ(pdf.value().serials.front(), "第 001 号");
    EXPECT_EQ(pdf.value().serials.back(), "第 004 号");
}

// In the demo, 25 of 28 came to day 1 and day 2 is still to come: with --require 50% those 25
// complete, the three who missed day 1 do not.
TEST(CertificatesCommandTest, OnePageForEachPersonWhoMeetsTheRule) {
    TempDir dir;
    ASSERT_EQ(uketsuke({"demo", dir.path().string()}).exit_code, 0);
    const std::string event = (dir / "event.db").string();
    const auto out = dir / "certs.pdf";
    const CommandOutput made = uketsuke({"--event", event, "certificates", "--out", out.string(),
                                         "--require", "50%", "--date", "2026-07-21"});
    ASSERT_EQ(made.exit_code, 0) << made.err;
    EXPECT_NE(made.out.find("Wrote 25 certificates"), std::string::npos) << made.out;
    EXPECT_EQ(pdf_pages(out), 25);
    const std::string text = pdf_text(out);
    for (const char* expected : {"修", "佐藤", "健太", "青葉市", "自治体DX推進ワークショップ",
                                 "2026年7月21日", "第 001 号", "第 025 号", "第3回研究会 1日目"})
        EXPECT_NE(text.find(expected), std::string::npos) << expected;
    // Who missed day 1, as the desk roster of day 1 lists them: on no certificate.
    const auto missing = dir / "missing.pdf";
    ASSERT_EQ(uketsuke({"--event", event, "roster-pdf", "--out", missing.string(), "--session",
                        "day1", "--only-not-arrived"})
                  .exit_code,
              0);
    // Names are spaced with U+3000, which std::regex's \s does not know: plain spaces here.
    auto plain = [](std::string text) {
        for (std::size_t at = text.find("\u3000"); at != std::string::npos;
             at = text.find("\u3000", at))
            text.replace(at, 3, " ");
        return text;
    };
    const std::string roster = plain(pdf_text(missing));
    const std::string pages = plain(text);
    static const std::regex row(R"((WS-\d+)\s+(\S+)\s+(\S+))");
    int absent = 0;
    for (auto it = std::sregex_iterator(roster.begin(), roster.end(), row);
         it != std::sregex_iterator(); ++it) {
        ++absent;
        const std::regex name((*it)[2].str() + R"(\s+)" + (*it)[3].str());
        EXPECT_FALSE(std::regex_search(pages, name)) << (*it)[0] << " missed day 1";
        EXPECT_TRUE(std::regex_search(roster, name));
    }
    EXPECT_EQ(absent, 3) << roster;
    // The same search finds someone who came: the names above were read as names.
    EXPECT_TRUE(std::regex_search(pages, std::regex(R"(佐藤\s+健太)")));

    const auto participation = dir / "participation.pdf";
    const CommandOutput other =
        uketsuke({"--event", event, "certificates", "--out", participation.string(), "--require",
                  "50%", "--template", "participation", "--first-serial", "101"});
    ASSERT_EQ(other.exit_code, 0) << other.err;
    const std::string second = pdf_text(participation);
    EXPECT_NE(second.find("No. 101"), std::string::npos);
    EXPECT_NE(second.find("参加され"), std::string::npos) << second;
    EXPECT_NE(second.find("証明します"), std::string::npos) << second;

    const CommandOutput nobody =
        uketsuke({"--event", event, "certificates", "--out", out.string(), "--require", "all"});
    EXPECT_EQ(nobody.exit_code, 3) << nobody.out;
    EXPECT_NE(nobody.err.find("nobody meets the rule"), std::string::npos) << nobody.err;

    const auto bad = dir / "bad.toml";
    {
        std::FILE* file = std::fopen(bad.c_str(), "wb");
        const std::string wording = "title = \"修了証\"\nbody = \"{nom}\"\n";
        std::fwrite(wording.data(), 1, wording.size(), file);
        std::fclose(file);
    }
    const CommandOutput refused = uketsuke(
        {"--event", event, "certificates", "--out", out.string(), "--template", bad.string()});
    EXPECT_EQ(refused.exit_code, 3);
    EXPECT_NE(refused.err.find("bad.toml:2:8: body has {nom}"), std::string::npos) << refused.err;
}

}  // namespace
}  // namespace uketsuke::testing::paper
