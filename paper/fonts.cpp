#include "paper/fonts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "paper/handles.hpp"

namespace uketsuke::paper {
namespace {

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

std::string package_for(const std::string& family) {
    const std::string name = lower(family);
    if (name.find("noto") != std::string::npos && name.find("cjk") != std::string::npos)
        return "fonts-noto-cjk";
    if (name.find("ipaex") != std::string::npos) return "fonts-ipaexfont";
    if (name.find("ipa") != std::string::npos) return "fonts-ipafont";
    if (name.find("takao") != std::string::npos) return "fonts-takao";
    return "fonts-noto-cjk";
}

}  // namespace

PaperResult<std::string> check_font(const std::string& family) {
    const std::string install = fmt::format(
        "install it (apt-get install {}) or name another font in the layout's font = \"…\"",
        package_for(family));
    if (!FcInit())
        return PaperError{
            fmt::format("fontconfig could not start, so no font for \"{}\": {}", family, install)};
    Pattern pattern(FcNameParse(reinterpret_cast<const FcChar8*>(family.c_str())));
    if (!pattern)
        return PaperError{fmt::format("\"{}\" is not a font name fontconfig understands", family)};
    FcConfigSubstitute(nullptr, pattern.get(), FcMatchPattern);
    FcDefaultSubstitute(pattern.get());
    FcResult result = FcResultNoMatch;
    Pattern match(FcFontMatch(nullptr, pattern.get(), &result));
    FcChar8* found_family = nullptr;
    if (!match || FcPatternGetString(match.get(), FC_FAMILY, 0, &found_family) != FcResultMatch) {
        return PaperError{fmt::format("the font \"{}\" is not installed, and no other font is: {}",
                                      family, install)};
    }
    const std::string found(reinterpret_cast<const char*>(found_family));
    // Aliases like "sans-serif" resolve to whatever the system prefers: fine if it is Japanese.
    bool same = lower(found) == lower(family);
    for (int i = 1; !same; ++i) {
        FcChar8* other = nullptr;
        if (FcPatternGetString(match.get(), FC_FAMILY, i, &other) != FcResultMatch) break;
        same = lower(reinterpret_cast<const char*>(other)) == lower(family);
    }
    FcCharSet* characters = nullptr;
    const bool japanese =
        FcPatternGetCharSet(match.get(), FC_CHARSET, 0, &characters) == FcResultMatch &&
        FcCharSetHasChar(characters, 0x3042) && FcCharSetHasChar(characters, 0x6F22);
    const bool generic = lower(family) == "sans-serif" || lower(family) == "serif" ||
                         lower(family) == "sans" || lower(family) == "monospace";
    if ((!same && !generic) || !japanese) {
        return PaperError{
            fmt::format("the font \"{}\" is not installed (fontconfig would use \"{}\"{}): {}",
                        family, found, japanese ? "" : ", which has no Japanese", install)};
    }
    return found;
}

}  // namespace uketsuke::paper
