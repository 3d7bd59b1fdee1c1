// `uketsuke tags` end to end on the demo event (30 registered, 2 cancelled, 6 groups): the PDF
// read back with poppler-utils, the filters, the QR tickets read by the kiosk's own decoder, and
// the messages for a bad layout, a missing font and wrong usage.

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "kiosk/core/store/print_log.hpp"
#include "paper/paper_fixtures.hpp"
#include "support/run_command.hpp"
#include "support/temp_dir.hpp"

#ifdef UKETSUKE_HAVE_DECODER
#include "kiosk/image/image.hpp"
#include "platform/decoder.hpp"
#endif

namespace uketsuke::testing::paper {
namespace {

struct Registered {
    std::string id, name, reading, organization, role, group;
};

// The demo's people as `uketsuke export` lists them, cancelled ones left out.
std::vector<Registered> registered(const TempDir& dir) {
    const auto csv = dir / "people.csv";
    const CommandOutput exported =
        uketsuke({"--event", (dir / "event.db").string(), "export", csv.string()});
    EXPECT_EQ(exported.exit_code, 0) << exported.err;
    std::ifstream in(csv);
    std::string line;
    std::getline(in, line);  // header: id,name,reading,organization,role,group,table,email,status,…
    std::vector<Registered> people;
    while (std::getline(in, line)) {
        std::vector<std::string> cells;
        std::stringstream row(line);
        std::string cell;
        while (std::getline(row, cell, ',')) cells.push_back(cell);
        if (cells.size() < 9 || cells[8] != "registered") continue;
        people.push_back({cells[0], cells[1], cells[2], cells[3], cells[4], cells[5]});
    }
    return people;
}

std::string without_blanks(const std::string& text) {
    std::string out;
    for (std::size_t at = 0; at < text.size();) {
        if (text[at] == ' ' || text[at] == '\n') {
            ++at;
        } else if (text.compare(at, 3, "\u3000") == 0) {
            at += 3;
        } else {
            out += text[at++];
        }
    }
    return out;
}

class TagsCommandTest : public ::testing::Test {
protected:
    void SetUp() override {
        const CommandOutput demo = uketsuke({"demo", dir_.path().string()});
        ASSERT_EQ(demo.exit_code, 0) << demo.err;
        people_ = registered(dir_);
        ASSERT_EQ(people_.size(), 28u);
    }
    CommandOutput tags(std::vector<std::string> arguments,
                       const std::vector<std::string>& environment = {}) const {
        arguments.insert(arguments.begin(), {"--event", (dir_ / "event.db").string(), "tags"});
        return uketsuke(arguments, environment);
    }
    TempDir dir_;
    std::vector<Registered> people_;
};

TEST_F(TagsCommandTest, EveryoneRegisteredOnCardsTenToAnA4Sheet) {
    const auto pdf = dir_ / "tags.pdf";
    const CommandOutput output = tags({"--out", pdf.string()});
    ASSERT_EQ(output.exit_code, 0) << output.err;
    EXPECT_NE(output.out.find("Wrote 28 name tags on 3 pages (91 × 55 mm name cards"),
              std::string::npos)
        << output.out;
    EXPECT_EQ(pdf_pages(pdf), 3);
    struct stat info {};
    ASSERT_EQ(stat(pdf.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u) << "the tags hold names";
    const std::string text = without_blanks(pdf_text(pdf));
    for (const auto& person : people_) {
        EXPECT_NE(text.find(without_blanks(person.name)), std::string::npos) << person.name;
        EXPECT_NE(text.find(without_blanks(person.reading)), std::string::npos) << person.reading;
        EXPECT_NE(text.find(without_blanks(person.organization)), std::string::npos)
            << person.organization;
    }
    EXPECT_NE(text.find("ファシリテーター"), std::string::npos);
    EXPECT_NE(text.find("グループAテーブル1"), std::string::npos);
}

TEST_F(TagsCommandTest, AGroupOrARoleAlone) {
    const auto group_pdf = dir_ / "b.pdf";
    const CommandOutput group =
        tags({"--out", group_pdf.string(), "--group", "B", "--layout", "ql-62"});
    ASSERT_EQ(group.exit_code, 0) << group.err;
    int in_b = 0;
    for (const auto& person : people_) in_b += person.group == "B";
    EXPECT_EQ(pdf_pages(group_pdf), in_b) << "one label a person";
    const std::string text = without_blanks(pdf_text(group_pdf));
    for (const auto& person : people_) {
        EXPECT_EQ(text.find(without_blanks(person.name)) != std::string::npos, person.group == "B")
            << person.name;
    }
    const auto role_pdf = dir_ / "f.pdf";
    const CommandOutput role =
        tags({"--out", role_pdf.string(), "--role", "facilitator", "--layout", "a6"});
    ASSERT_EQ(role.exit_code, 0) << role.err;
    int facilitators = 0;
    for (const auto& person : people_) facilitators += person.role == "facilitator";
    EXPECT_EQ(pdf_pages(role_pdf), facilitators);
    EXPECT_NE(
        tags({"--out", role_pdf.string(), "--group", "Z"}).err.find("there is no group \"Z\""),
        std::string::npos);
    EXPECT_EQ(tags({"--out", role_pdf.string(), "--role", "chair"}).exit_code, 2);
}

// A PDF is only a printed tag when the organizer says it was handed out (--mark-printed);
// --only-not-printed then leaves those people out.
TEST_F(TagsCommandTest, MarkedTagsAreRecordedAndLeftOutByOnlyNotPrinted) {
    const auto draft = dir_ / "draft.pdf";
    ASSERT_EQ(tags({"--out", draft.string()}).exit_code, 0);
    {
        EventStore store = EventStore::open((dir_ / "event.db").string());
        EXPECT_TRUE(print_log(store).empty()) << "a PDF alone is no printed tag";
    }
    const auto group_b = dir_ / "b.pdf";
    const CommandOutput marked =
        tags({"--out", group_b.string(), "--group", "B", "--mark-printed", "--by", "鈴木"});
    ASSERT_EQ(marked.exit_code, 0) << marked.err;
    int in_b = 0;
    for (const auto& person : people_) in_b += person.group == "B";
    EXPECT_NE(marked.out.find(fmt::format("Recorded {} tags as printed", in_b)), std::string::npos)
        << marked.out;
    {
        EventStore store = EventStore::open((dir_ / "event.db").string());
        const auto rows = print_log(store);
        ASSERT_EQ(rows.size(), static_cast<std::size_t>(in_b));
        for (const auto& row : rows) {
            EXPECT_EQ(row.layout, "card-91x55");
            EXPECT_EQ(row.reason, "batch");
            EXPECT_EQ(row.printer, "");
            EXPECT_EQ(row.kiosk, "cli");
            EXPECT_EQ(row.staff_name, "鈴木");
            EXPECT_TRUE(row.printed());
        }
    }
    const auto rest = dir_ / "rest.pdf";
    const CommandOutput others =
        tags({"--out", rest.string(), "--layout", "ql-62", "--only-not-printed"});
    ASSERT_EQ(others.exit_code, 0) << others.err;
    EXPECT_EQ(pdf_pages(rest), static_cast<int>(people_.size()) - in_b);
    const std::string text = without_blanks(pdf_text(rest));
    for (const auto& person : people_) {
        EXPECT_EQ(text.find(without_blanks(person.name)) != std::string::npos, person.group != "B")
            << person.name;
    }
    const CommandOutput none = tags({"--out", rest.string(), "--group", "B", "--only-not-printed"});
    EXPECT_EQ(none.exit_code, 3) << "bad input, as when nobody matches";
    EXPECT_NE(none.err.find("everyone who matches has a printed tag"), std::string::npos)
        << none.err;
    EXPECT_EQ(tags({"--printer", "x", "--mark-printed"}).exit_code, 2);
}

#ifdef UKETSUKE_HAVE_DECODER
TEST_F(TagsCommandTest, TheQrCodeOnATagIsATicketTheKioskReads) {
    const auto pdf = dir_ / "a6.pdf";
    const CommandOutput output = tags({"--out", pdf.string(), "--layout", "a6", "--qr"});
    ASSERT_EQ(output.exit_code, 0) << output.err;
    const auto png = pdf_to_png(pdf, dir_ / "a6.png", 150);
    auto page = image::read_image(png, 1);
    ASSERT_TRUE(page) << page.error().message;
    const platform::GrayView view{page.value().pixels().data(), page.value().width(),
                                  page.value().height(), page.value().width()};
    const auto codes = platform::decode_qr(view);
    ASSERT_EQ(codes.size(), 1u);
    EXPECT_EQ(codes[0].text.rfind("UK1:", 0), 0u) << codes[0].text;
    // The first tag is the first person's ticket: checking it in names them.
    const CommandOutput checkin =
        uketsuke({"--event", (dir_ / "event.db").string(), "checkin", codes[0].text});
    EXPECT_NE(checkin.out.find(people_.front().name), std::string::npos)
        << checkin.out << checkin.err;
}
#endif

TEST_F(TagsCommandTest, ABadLayoutFileIsNamedWithLineAndColumn) {
    const auto layout = dir_ / "mine.toml";
    write_file(layout, "[tag]\nwidth_mm = 91\nheight_mm = 5\n[name]\nbox = [0, 0, 10, 10]\n");
    const CommandOutput output =
        tags({"--out", (dir_ / "x.pdf").string(), "--layout", layout.string()});
    EXPECT_EQ(output.exit_code, 3);
    EXPECT_NE(output.err.find(layout.string() + ":3:13: tag.height_mm should be a number from 10"),
              std::string::npos)
        << output.err;
    EXPECT_FALSE(std::filesystem::exists(dir_ / "x.pdf"));
    const CommandOutput unknown = tags({"--out", (dir_ / "x.pdf").string(), "--layout", "badge"});
    EXPECT_EQ(unknown.exit_code, 3);
    EXPECT_NE(unknown.err.find("no layout \"badge\": the shipped layouts are a6, card-91x55"),
              std::string::npos)
        << unknown.err;
}

TEST_F(TagsCommandTest, AMissingFontSaysWhatToInstall) {
    // A fontconfig that knows no font folder: as on a machine without fonts-noto-cjk.
    const auto conf = dir_ / "fonts.conf";
    write_file(conf, "<?xml version=\"1.0\"?>\n<fontconfig><cachedir>" + (dir_ / "cache").string() +
                         "</cachedir></fontconfig>\n");
    const CommandOutput output =
        tags({"--out", (dir_ / "x.pdf").string()}, {"FONTCONFIG_FILE=" + conf.string()});
    EXPECT_EQ(output.exit_code, 3);
    EXPECT_NE(output.err.find("the font \"Noto Sans CJK JP\" is not installed"), std::string::npos)
        << output.err;
    EXPECT_NE(output.err.find("apt-get install fonts-noto-cjk"), std::string::npos) << output.err;
    EXPECT_FALSE(std::filesystem::exists(dir_ / "x.pdf"));
}

TEST_F(TagsCommandTest, OutOrPrinterButNotBothNorNeither) {
    EXPECT_EQ(tags({}).exit_code, 2);
    EXPECT_EQ(tags({"--out", "x.pdf", "--printer", "p"}).exit_code, 2);
    const CommandOutput list = tags({"--list-layouts"});
    EXPECT_EQ(list.exit_code, 0);
    EXPECT_NE(list.out.find("ql-62x100"), std::string::npos) << list.out;
}

}  // namespace
}  // namespace uketsuke::testing::paper
