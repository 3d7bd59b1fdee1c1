#include "platform/fonts.hpp"

#include <fcntl.h>
#include <fontconfig/fontconfig.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <utility>

#include "platform/file_descriptor.hpp"

namespace uketsuke::platform {
namespace {

struct PatternDeleter {
    void operator()(FcPattern* pattern) const { FcPatternDestroy(pattern); }
};
struct CharSetDeleter {
    void operator()(FcCharSet* set) const { FcCharSetDestroy(set); }
};
using Pattern = std::unique_ptr<FcPattern, PatternDeleter>;

}  // namespace

std::optional<FontFile> find_japanese_font(const std::string& pattern_text) {
    if (!FcInit()) return std::nullopt;
    Pattern pattern(FcNameParse(reinterpret_cast<const FcChar8*>(pattern_text.c_str())));
    if (!pattern) return std::nullopt;
    // Ask for the characters we must draw, so a Latin-only match is not accepted.
    std::unique_ptr<FcCharSet, CharSetDeleter> needed(FcCharSetCreate());
    for (FcChar32 c : {U'あ', U'ア', U'受', U'付', U'様'}) FcCharSetAddChar(needed.get(), c);
    FcPatternAddCharSet(pattern.get(), FC_CHARSET, needed.get());
    FcConfigSubstitute(nullptr, pattern.get(), FcMatchPattern);
    FcDefaultSubstitute(pattern.get());
    FcResult result = FcResultNoMatch;
    Pattern match(FcFontMatch(nullptr, pattern.get(), &result));
    if (!match) return std::nullopt;
    FcChar8* file = nullptr;
    FcCharSet* coverage = nullptr;
    if (FcPatternGetString(match.get(), FC_FILE, 0, &file) != FcResultMatch) return std::nullopt;
    if (FcPatternGetCharSet(match.get(), FC_CHARSET, 0, &coverage) != FcResultMatch ||
        !FcCharSetIsSubset(needed.get(), coverage)) {
        return std::nullopt;
    }
    FontFile font;
    font.path = reinterpret_cast<const char*>(file);
    int index = 0;
    if (FcPatternGetInteger(match.get(), FC_INDEX, 0, &index) == FcResultMatch)
        font.face_index = index;
    FcChar8* family = nullptr;
    if (FcPatternGetString(match.get(), FC_FAMILY, 0, &family) == FcResultMatch) {
        font.family = reinterpret_cast<const char*>(family);
    }
    return font;
}

Result<MappedFont> MappedFont::open(const std::string& path) {
    FileDescriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!file) return Failure{"cannot open the font " + path + ": " + std::strerror(errno)};
    struct stat info {};
    if (::fstat(file.get(), &info) != 0 || !S_ISREG(info.st_mode) || info.st_size <= 0) {
        return Failure{"the font " + path + " is not a readable font file"};
    }
    const auto size = static_cast<std::size_t>(info.st_size);
    void* data = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, file.get(), 0);
    if (data == MAP_FAILED) {
        return Failure{"cannot read the font " + path + ": " + std::strerror(errno)};
    }
    return MappedFont(data, size);  // the mapping outlives the descriptor
}

MappedFont::MappedFont(MappedFont&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}

MappedFont& MappedFont::operator=(MappedFont&& other) noexcept {
    if (this != &other) {
        if (data_ != nullptr) ::munmap(data_, size_);
        data_ = std::exchange(other.data_, nullptr);
        size_ = std::exchange(other.size_, 0);
    }
    return *this;
}

MappedFont::~MappedFont() {
    if (data_ != nullptr) ::munmap(data_, size_);
}

}  // namespace uketsuke::platform
