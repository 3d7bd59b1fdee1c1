// `uketsuke tickets` also writes a ticket page per person (A4 PDF) and tickets.pdf with them
// all: read back with poppler-utils, and the page's QR code read by the kiosk's decoder.

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "paper/paper_fixtures.hpp"
#include "support/run_command.hpp"
#include "support/temp_dir.hpp"

#ifdef UKETSUKE_HAVE_DECODER
#include "kiosk/image/image.hpp"
#include "platform/decoder.hpp"
#endif

namespace uketsuke::testing::paper {
namespace {

TEST(TicketPagesTest, APagePerPersonAndOneDocumentOfAll) {
    TempDir dir;
    ASSERT_EQ(uketsuke({"demo", dir.path().string()}).exit_code, 0);
    const auto out = dir / "printed";
    const CommandOutput tickets =
        uketsuke({"--event", (dir / "event.db").string(), "tickets", "--out", out.string()});
    ASSERT_EQ(tickets.exit_code, 0) << tickets.err;
    EXPECT_NE(tickets.out.find("tickets.pdf with all 28 pages"), std::string::npos)
        << tickets.out << tickets.err;
    EXPECT_EQ(pdf_pages(out / "tickets.pdf"), 28);
    const auto page = out / "WS-001.pdf";
    ASSERT_TRUE(std::filesystem::exists(page));
    EXPECT_EQ(pdf_pages(page), 1);
    struct stat info {};
    ASSERT_EQ(stat(page.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u);
    const std::string text = pdf_text(page);
    for (const char* expected : {"佐藤", "健太", "サトウ", "青葉市", "自治体DX推進ワークショップ",
                                 "グループ A", "テーブル 1"}) {
        EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
    }
#ifdef UKETSUKE_HAVE_DECODER
    auto image = image::read_image(pdf_to_png(page, dir / "page.png", 60), 1);
    ASSERT_TRUE(image) << image.error().message;
    const platform::GrayView view{image.value().pixels().data(), image.value().width(),
                                  image.value().height(), image.value().width()};
    const auto codes = platform::decode_qr(view);
    ASSERT_EQ(codes.size(), 1u);
    const std::string csv = read_file(out / "tickets.csv");
    const std::size_t code = csv.find(codes[0].text);
    ASSERT_NE(code, std::string::npos) << "the page holds a ticket of tickets.csv";
    const std::size_t line = csv.rfind('\n', code) + 1;
    EXPECT_EQ(csv.compare(line, std::string("佐藤 健太,").size(), "佐藤 健太,"), 0)
        << "and it is the ticket of the person named on the page";
#endif
}

}  // namespace
}  // namespace uketsuke::testing::paper
