#pragma once
// Finding a font through fontconfig. The kiosk needs one that covers Japanese
// (fonts-noto-cjk on Debian); collections (.ttc) need the face index too.

#include <optional>
#include <string>

namespace uketsuke::platform {

struct FontFile {
    std::string path;
    int face_index = 0;  // within a .ttc collection
    std::string family;
};

// The best installed font for `pattern` (a fontconfig pattern such as
// "Noto Sans CJK JP:style=Bold:lang=ja"), only if it really covers Japanese.
std::optional<FontFile> find_japanese_font(const std::string& pattern);

}  // namespace uketsuke::platform
