#pragma once
// People for the name tag tests (short, long, variant kanji) and readers of what poppler-utils
// make of a PDF: its text, its pages, the boxes of its words, a page as a PNG.

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "paper/name_tags.hpp"
#include "support/run_command.hpp"
#include "support/temp_dir.hpp"

namespace uketsuke::testing::paper {

using uketsuke::paper::TagPerson;

inline TagPerson person(std::string id, std::string name, std::string reading,
                        std::string organization, Role role = Role::Participant,
                        std::string group = "", std::string table = "", int group_index = -1) {
    TagPerson tag;
    tag.id = std::move(id);
    tag.name = std::move(name);
    tag.reading = std::move(reading);
    tag.organization = std::move(organization);
    tag.role = role;
    tag.group_name = std::move(group);
    tag.table_label = std::move(table);
    tag.group_index = group_index;
    tag.event_line = "自治体DX研究会　2026年3月14日";
    return tag;
}

// Everyday names: each must show in full, none cut.
inline std::vector<TagPerson> everyday_people() {
    return {
        person("p1", "山田 太郎", "やまだ たろう", "青葉市 総務部", Role::Participant, "A班", "1",
               0),
        person("p2", "佐藤 花子", "さとう はなこ", "港南市", Role::Facilitator, "B班", "2", 1),
        person("p3", "髙﨑 真一", "たかさき しんいち", "桜川町 企画課", Role::Staff, "C班", "3", 2),
        person("p4", "Alice Smith", "", "Ministry of Digital Affairs", Role::Guest, "A班", "1", 0),
        person("p5", "鈴木 一郎", "すずき いちろう", "青葉市", Role::Participant),
    };
}

// The longest names the fixtures hold: 20+ characters, Japanese and Latin, with 髙 and 﨑.
inline std::vector<TagPerson> longest_people() {
    return {
        person("L1", "勘解由小路 髙﨑左衛門之丞輔太郎兵衛右京大夫",
               "かでのこうじ たかさきさえもんのじょうすけたろうべえうきょうのだいぶ",
               "独立行政法人 情報処理推進機構 デジタル基盤センター 標準化推進部 第二グループ "
               "主任研究員",
               Role::Facilitator, "第十二グループ（オンライン参加者と会場参加者の合同）",
               "テーブル 12-B", 11),
        person("L2", "Maximiliane Alexandrina Wolfeschlegelsteinhausen-Bergerdorff",
               "マクシミリアーネ アレクサンドリーナ ヴォルフェシュレーゲルシュタインハウゼン",
               "Federal Office for Information Security and Digital Government Standards",
               Role::Guest, "International Visitors", "T-99", 3),
        person("L3", "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJ", "", "", Role::Staff),
        person("L4", "髙髙髙髙髙髙髙髙髙髙﨑﨑﨑﨑﨑﨑﨑﨑﨑﨑髙﨑", "たかさき", "桜川町",
               Role::Participant, "D班", "4", 3),
    };
}

// `pdftotext -layout FILE -`: the document's text as poppler reads it.
inline std::string pdf_text(const std::filesystem::path& pdf) {
    const CommandOutput output = run_command({"/usr/bin/pdftotext", "-layout", pdf.string(), "-"});
    EXPECT_EQ(output.exit_code, 0) << output.err;
    return output.out;
}

inline int pdf_pages(const std::filesystem::path& pdf) {
    const CommandOutput output = run_command({"/usr/bin/pdfinfo", pdf.string()});
    EXPECT_EQ(output.exit_code, 0) << output.err;
    std::smatch match;
    static const std::regex pages(R"(Pages:\s+(\d+))");
    return std::regex_search(output.out, match, pages) ? std::stoi(match[1]) : -1;
}

// Every word's box (points, from the page's top left) from `pdftotext -bbox`.
struct WordBox {
    int page = 0;  // 0-based
    double x_min = 0, y_min = 0, x_max = 0, y_max = 0;
    std::string word;
};

inline std::vector<WordBox> pdf_words(const std::filesystem::path& pdf) {
    const CommandOutput output = run_command({"/usr/bin/pdftotext", "-bbox", pdf.string(), "-"});
    EXPECT_EQ(output.exit_code, 0) << output.err;
    std::vector<WordBox> words;
    int page = -1;
    static const std::regex word(
        R"re(<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>)re");
    std::size_t at = 0;
    const std::string& text = output.out;
    while (at < text.size()) {
        const std::size_t page_at = text.find("<page ", at);
        const std::size_t word_at = text.find("<word ", at);
        if (word_at == std::string::npos) break;
        if (page_at != std::string::npos && page_at < word_at) {
            ++page;
            at = page_at + 6;
            continue;
        }
        const std::size_t end = text.find("</word>", word_at);
        std::smatch match;
        const std::string one = text.substr(word_at, end + 7 - word_at);
        if (std::regex_match(one, match, word)) {
            words.push_back({page, std::stod(match[1]), std::stod(match[2]), std::stod(match[3]),
                             std::stod(match[4]), match[5]});
        }
        at = end + 7;
    }
    return words;
}

// The first page as a PNG at `dpi` (pdftoppm); the path of the PNG.
inline std::filesystem::path pdf_to_png(const std::filesystem::path& pdf,
                                        const std::filesystem::path& png, int dpi = 150) {
    std::filesystem::path stem = png;
    stem.replace_extension();
    const CommandOutput output =
        run_command({"/usr/bin/pdftoppm", "-png", "-r", std::to_string(dpi), "-singlefile",
                     pdf.string(), stem.string()});
    EXPECT_EQ(output.exit_code, 0) << output.err;
    return stem.string() + ".png";
}

}  // namespace uketsuke::testing::paper
