// `uketsuke tickets` also writes a ticket page per person (A4 PDF) and tickets.pdf with them
// all: read back with poppler-utils, and the page's QR code read by the kiosk's decoder.

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstring>
#include <set>

#include "kiosk/core/tickets/qr.hpp"
#include "paper/handles.hpp"
#include "paper/paper_fixtures.hpp"
#include "paper/png.hpp"
#include "paper/ticket_page_image.hpp"
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
    // The series' dates in Japanese, the year and month said once: 2026年12月3日・4日・18日
    // (the line may wrap anywhere: read without blanks).
    std::string joined;
    for (const char c : text)
        if (c != ' ' && c != '\n') joined += c;
    EXPECT_TRUE(std::regex_search(
        joined, std::regex(R"(\d{4}年\d{1,2}月\d{1,2}日・(\d{4}年)?(\d{1,2}月)?\d{1,2}日)")))
        << text;
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

// The phone page (ID.phone.png): 1080 × 1920, the person's own ticket, read by the kiosk's
// decoder from the picture as written, and again shrunk to what a camera sees of a phone held
// up at arm's length (the QR code about 300 pixels across).
TEST(TicketPagesTest, APhonePagePerPersonThatTheKioskDecoderReads) {
    TempDir dir;
    ASSERT_EQ(uketsuke({"demo", dir.path().string()}).exit_code, 0);
    const auto out = dir / "printed";
    const CommandOutput tickets =
        uketsuke({"--event", (dir / "event.db").string(), "tickets", "--out", out.string()});
    ASSERT_EQ(tickets.exit_code, 0) << tickets.err;
    const auto phone = out / "WS-001.phone.png";
    ASSERT_TRUE(std::filesystem::exists(phone));
    struct stat info {};
    ASSERT_EQ(stat(phone.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u);
#ifdef UKETSUKE_HAVE_DECODER
    auto image = image::read_image(phone, 1);
    ASSERT_TRUE(image) << image.error().message;
    EXPECT_EQ(image.value().width(), 1080);
    EXPECT_EQ(image.value().height(), 1920);
    const platform::GrayView view{image.value().pixels().data(), image.value().width(),
                                  image.value().height(), image.value().width()};
    const auto codes = platform::decode_qr(view);
    ASSERT_EQ(codes.size(), 1u);
    const std::string csv = read_file(out / "tickets.csv");
    const std::size_t code = csv.find(codes[0].text);
    ASSERT_NE(code, std::string::npos) << "the picture holds a ticket of tickets.csv";
    const std::size_t line = csv.rfind('\n', code) + 1;
    EXPECT_EQ(csv.compare(line, std::string("佐藤 健太,").size(), "佐藤 健太,"), 0);
    // A quarter of the size in each direction (box-filtered): a QR code of ~240 pixels.
    const int width = image.value().width() / 4, height = image.value().height() / 4;
    std::vector<std::uint8_t> small(static_cast<std::size_t>(width * height));
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            int sum = 0;
            for (int dy = 0; dy < 4; ++dy)
                for (int dx = 0; dx < 4; ++dx)
                    sum += image.value().pixels()[static_cast<std::size_t>(
                        (y * 4 + dy) * image.value().width() + x * 4 + dx)];
            small[static_cast<std::size_t>(y * width + x)] = static_cast<std::uint8_t>(sum / 16);
        }
    }
    const auto far = platform::decode_qr(platform::GrayView{small.data(), width, height, width});
    ASSERT_EQ(far.size(), 1u);
    EXPECT_EQ(far[0].text, codes[0].text);
#endif
}

// The phone layout measured with Pango for the longest fixtures: no text leaves its box, with
// the same drawing code as the picture (render_tags on the phone layout keeps placements).
TEST(TicketPagesTest, PhonePageTextsStayInTheirBoxesForTheLongestNames) {
    auto layout = uketsuke::paper::phone_ticket_layout();
    ASSERT_TRUE(layout) << layout.error().message;
    uketsuke::paper::TagsOptions options;
    options.keep_placements = true;
    auto people = longest_people();
    for (auto& each : everyday_people()) people.push_back(each);
    auto pdf = uketsuke::paper::render_tags(layout.value(), people, options);
    ASSERT_TRUE(pdf) << pdf.error().message;
    ASSERT_FALSE(pdf.value().placed.empty());
    for (const auto& placed : pdf.value().placed) {
        const auto& set = placed.set;
        EXPECT_GE(set.ink.x, set.box.x - 0.01) << placed.text;
        EXPECT_GE(set.ink.y, set.box.y - 0.01) << placed.text;
        EXPECT_LE(set.ink.x + set.ink.width, set.box.x + set.box.width + 0.01) << placed.text;
        EXPECT_LE(set.ink.y + set.ink.height, set.box.y + set.box.height + 0.01) << placed.text;
    }
    for (const auto& person : everyday_people()) {
        auto image = uketsuke::paper::render_ticket_image(layout.value(), person);
        ASSERT_TRUE(image) << image.error().message;
        EXPECT_EQ(image.value().height, 1920);
        for (const auto& note : image.value().notes) EXPECT_FALSE(note.cut) << person.name;
    }
}

// The phone page's own PNG writer (paper/png.hpp, faster than cairo's) keeps every pixel: a page
// drawn with colour bands and antialiased text, written, read back by cairo's PNG reader, equals
// the surface it was written from, and cairo's own writer's file reads back the same.
TEST(TicketPagesTest, ThePhonePagePngHoldsExactlyThePixelsDrawn) {
    namespace paper = uketsuke::paper;
    auto layout = paper::phone_ticket_layout();
    ASSERT_TRUE(layout) << layout.error().message;
    auto person = everyday_people().front();
    person.group_name = "A";
    person.table_label = "1";
    person.group_index = 2;
    person.ticket = make_qr("UK1:TEST-PAYLOAD-0123456789", QrLevel::M);
    const int width = 541, height = 962;  // odd sizes: a stride wider than the row
    paper::Surface surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height));
    {
        paper::Cairo cairo(cairo_create(surface.get()));
        cairo_set_source_rgb(cairo.get(), 1, 1, 1);
        cairo_paint(cairo.get());
        const double scale = width / paper::points(layout.value().tag_width);
        cairo_scale(cairo.get(), scale, scale);
        ASSERT_TRUE(paper::draw_one_tag(cairo.get(), layout.value(), person));
    }
    cairo_surface_flush(surface.get());
    auto png = paper::encode_png(surface.get());
    ASSERT_TRUE(png) << png.error().message;
    ASSERT_EQ(png.value().compare(0, 8, "\x89PNG\r\n\x1a\n"), 0);

    struct Reader {
        const std::string* bytes;
        std::size_t at = 0;
    };
    const auto read_back = [](const std::string& bytes) {
        Reader reader{&bytes};
        return paper::Surface(cairo_image_surface_create_from_png_stream(
            [](void* closure, unsigned char* data, unsigned int length) {
                auto* r = static_cast<Reader*>(closure);
                if (r->at + length > r->bytes->size()) return CAIRO_STATUS_READ_ERROR;
                std::memcpy(data, r->bytes->data() + r->at, length);
                r->at += length;
                return CAIRO_STATUS_SUCCESS;
            },
            &reader));
    };
    std::string cairo_png;
    ASSERT_EQ(cairo_surface_write_to_png_stream(
                  surface.get(),
                  [](void* closure, const unsigned char* data, unsigned int length) {
                      static_cast<std::string*>(closure)->append(
                          reinterpret_cast<const char*>(data), length);
                      return CAIRO_STATUS_SUCCESS;
                  },
                  &cairo_png),
              CAIRO_STATUS_SUCCESS);
    const auto pixels_of = [&](cairo_surface_t* image) {
        std::vector<std::uint32_t> pixels;
        const int stride = cairo_image_surface_get_stride(image);
        const unsigned char* data = cairo_image_surface_get_data(image);
        for (int y = 0; y < cairo_image_surface_get_height(image); ++y) {
            for (int x = 0; x < cairo_image_surface_get_width(image); ++x) {
                std::uint32_t pixel;
                std::memcpy(&pixel, data + y * stride + 4 * x, 4);
                pixels.push_back(pixel & 0xFFFFFFu);
            }
        }
        return pixels;
    };
    const auto drawn = pixels_of(surface.get());
    for (const std::string* bytes : {&png.value(), &cairo_png}) {
        const paper::Surface back = read_back(*bytes);
        ASSERT_EQ(cairo_surface_status(back.get()), CAIRO_STATUS_SUCCESS);
        ASSERT_EQ(cairo_image_surface_get_width(back.get()), width);
        ASSERT_EQ(cairo_image_surface_get_height(back.get()), height);
        const auto read = pixels_of(back.get());
        std::size_t differing = 0;
        for (std::size_t i = 0; i < drawn.size(); ++i) differing += read[i] != drawn[i];
        EXPECT_EQ(differing, 0u) << (bytes == &cairo_png ? "cairo's writer" : "ours");
    }
    // Not a blank page: text, the band's colour and the code are there.
    std::set<std::uint32_t> colours(drawn.begin(), drawn.end());
    EXPECT_GT(colours.size(), 20u);
}

}  // namespace
}  // namespace uketsuke::testing::paper
