// Every character the kiosk's own strings use must be in the Japanese font the kiosk
// finds, or it would draw a fallback box in front of participants.

#include "platform/fonts.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "kiosk/ui/screens/strings.hpp"

namespace uketsuke::platform {
namespace {

bool in_ci() {
    const char* ci = std::getenv("CI");
    return ci != nullptr && std::string(ci) == "true";
}

// Decodes UTF-8 (valid input: the translation files are checked elsewhere).
std::u32string code_points(std::string_view text) {
    std::u32string out;
    for (std::size_t i = 0; i < text.size();) {
        const auto byte = static_cast<unsigned char>(text[i]);
        const int length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4;
        char32_t c = length == 1 ? byte : byte & (0xFF >> (length + 1));
        for (int k = 1; k < length && i + static_cast<std::size_t>(k) < text.size(); ++k) {
            c = (c << 6) |
                (static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]) & 0x3F);
        }
        out.push_back(c);
        i += static_cast<std::size_t>(length);
    }
    return out;
}

TEST(Fonts, FindsAJapaneseFontThatCoversEveryUiString) {
    const auto font = find_japanese_font("Noto Sans CJK JP:lang=ja");
    if (!font) {
        if (in_ci()) FAIL() << "no Japanese font (fonts-noto-cjk is installed by tools/setup.sh)";
        GTEST_SKIP() << "no Japanese font installed";
    }
    FT_Library library = nullptr;
    ASSERT_EQ(FT_Init_FreeType(&library), 0);
    FT_Face face = nullptr;
    ASSERT_EQ(FT_New_Face(library, font->path.c_str(), font->face_index, &face), 0) << font->path;

    const auto load = ui::load_strings(ui::source_strings_directory());
    ASSERT_TRUE(load.ok());
    for (auto language : ui::kLanguages) {
        for (const auto& [key, text] : load.strings.table(language)) {
            for (char32_t c : code_points(text)) {
                if (c == U'{' || c == U'}') continue;  // placeholders
                EXPECT_NE(FT_Get_Char_Index(face, c), 0u)
                    << ui::language_code(language) << " " << key << ": U+" << std::hex
                    << static_cast<unsigned>(c) << " is not in " << font->family;
            }
        }
    }
    FT_Done_Face(face);
    FT_Done_FreeType(library);
}

TEST(Fonts, ALatinOnlyPatternStillGivesAJapaneseFont) {
    // The kiosk asks for Japanese coverage, so a Latin font is never accepted.
    const auto font = find_japanese_font("DejaVu Sans");
    if (!font) {
        if (in_ci()) FAIL() << "no Japanese font installed";
        GTEST_SKIP();
    }
    EXPECT_NE(font->path.find("CJK"), std::string::npos) << font->path;
}

// The atlas builds from a mapping of the font file, which FreeType reads as it would the file.
TEST(Fonts, AMappedFontIsTheWholeFileAndFreeTypeReadsIt) {
    const auto font = find_japanese_font("Noto Sans CJK JP:lang=ja");
    if (!font) {
        if (in_ci()) FAIL() << "no Japanese font installed";
        GTEST_SKIP();
    }
    auto mapped = MappedFont::open(font->path);
    ASSERT_TRUE(mapped) << mapped.error().message;
    EXPECT_EQ(mapped.value().size(), std::filesystem::file_size(font->path));
    FT_Library library = nullptr;
    ASSERT_EQ(FT_Init_FreeType(&library), 0);
    FT_Face face = nullptr;
    ASSERT_EQ(
        FT_New_Memory_Face(library, static_cast<const FT_Byte*>(mapped.value().data()),
                           static_cast<FT_Long>(mapped.value().size()), font->face_index, &face),
        0);
    EXPECT_NE(FT_Get_Char_Index(face, U'受'), 0u);
    FT_Done_Face(face);
    FT_Done_FreeType(library);

    MappedFont moved = std::move(mapped).value();  // one owner: the mapping moves with it
    EXPECT_EQ(moved.size(), std::filesystem::file_size(font->path));
}

TEST(Fonts, AFontThatIsNotThereSaysWhich) {
    const auto mapped = MappedFont::open("/nonexistent/NotoSansCJK.ttc");
    ASSERT_FALSE(mapped);
    EXPECT_NE(mapped.error().message.find("/nonexistent/NotoSansCJK.ttc"), std::string::npos)
        << mapped.error().message;
    EXPECT_FALSE(MappedFont::open("/tmp"));  // a folder is not a font
}

}  // namespace
}  // namespace uketsuke::platform
