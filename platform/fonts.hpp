#pragma once
// Finding a font through fontconfig. The kiosk needs one that covers Japanese
// (fonts-noto-cjk on Debian); collections (.ttc) need the face index too.

#include <cstddef>
#include <optional>
#include <string>

#include "platform/result.hpp"

namespace uketsuke::platform {

struct FontFile {
    std::string path;
    int face_index = 0;  // within a .ttc collection
    std::string family;
};

// The best installed font for `pattern` (a fontconfig pattern such as
// "Noto Sans CJK JP:style=Bold:lang=ja"), only if it really covers Japanese.
std::optional<FontFile> find_japanese_font(const std::string& pattern);

// A font file's bytes, mapped read-only for the length of one atlas build. Not read into memory:
// Noto Sans CJK is a 19.5 MB collection of which FreeType touches only the tables and the
// glyphs the atlas asks for, and mapped pages are the page cache's, shared and dropped again,
// so a build costs a few MB instead of a 19.5 MB copy (or more: ImGui 1.86 copies font data
// it does not own once per size, four 19.5 MB copies that stayed for the whole run).
class MappedFont {
public:
    [[nodiscard]] static Result<MappedFont> open(const std::string& path);
    MappedFont(MappedFont&& other) noexcept;
    MappedFont& operator=(MappedFont&& other) noexcept;
    MappedFont(const MappedFont&) = delete;
    MappedFont& operator=(const MappedFont&) = delete;
    ~MappedFont();

    // ImGui's font API takes a non-const pointer; neither it nor FreeType writes through it
    // (the pages are mapped read-only, so a write would fault rather than pass unseen).
    [[nodiscard]] void* data() const noexcept { return data_; }
    [[nodiscard]] std::size_t size() const noexcept { return size_; }

private:
    MappedFont(void* data, std::size_t size) noexcept : data_(data), size_(size) {}
    void* data_ = nullptr;
    std::size_t size_ = 0;
};

}  // namespace uketsuke::platform
