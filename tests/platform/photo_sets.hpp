#pragma once
// Folders of real photos with their expected text (zxing-cpp's blackbox layout: N.png or N.jpg
// beside N.txt; a folder with no .txt files is a false-positive set), loaded once and turned by
// 0, 90, 180 and 270 degrees as zxing's own blackbox runner does. Header-only, shared by
// photos_test.cpp and tests/bench/scan_bench.cpp.
//
// Where the photos are:
//   ../shared/samples/qr-photos       qrcode-1, -3, -5 (beside the clone; CI has it)
//   $UKETSUKE_ZXING_SAMPLES/<set>     any other blackbox set, for measuring only: point it at
//                                     test/samples of a zxing-cpp v1.4.0 checkout (never in the
//                                     repo)

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "kiosk/image/image.hpp"
#include "platform/decoder.hpp"
#include "platform/frame.hpp"

namespace uketsuke::platform::testing {

struct Photo {
    std::string name;
    std::optional<std::string> expected;  // none: no code in the picture
    GrayFrame frame;
};

inline std::filesystem::path shared_photos_dir() {
#ifdef UKETSUKE_SHARED_DIR
    return std::filesystem::path(UKETSUKE_SHARED_DIR) / "samples" / "qr-photos";
#else
    return {};
#endif
}

inline std::filesystem::path zxing_samples_dir() {
    const char* dir = std::getenv("UKETSUKE_ZXING_SAMPLES");
    return dir != nullptr ? std::filesystem::path(dir) : std::filesystem::path();
}

// The folder of a set: the shared samples first, then $UKETSUKE_ZXING_SAMPLES; empty if neither.
inline std::filesystem::path find_photo_set(const std::string& set) {
    for (const auto& root : {shared_photos_dir(), zxing_samples_dir()}) {
        if (!root.empty() && std::filesystem::is_directory(root / set)) return root / set;
    }
    return {};
}

// Photos whose .txt is one text (zxing's sets also hold .bin and multi-code files: skipped).
// In a folder without any .txt every image is a false-positive picture.
inline std::vector<Photo> load_photo_set(const std::filesystem::path& folder) {
    std::vector<std::filesystem::path> images;
    bool any_text = false;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        const auto extension = entry.path().extension();
        if (extension == ".png" || extension == ".jpg") images.push_back(entry.path());
        if (extension == ".txt") any_text = true;
    }
    std::sort(images.begin(), images.end());
    std::vector<Photo> photos;
    for (const auto& image : images) {
        Photo photo;
        photo.name = image.filename().string();
        if (any_text) {
            std::filesystem::path text_file = image;
            text_file.replace_extension(".txt");
            std::ifstream in(text_file, std::ios::binary);
            if (!in) continue;
            std::stringstream text;
            text << in.rdbuf();
            photo.expected = text.str();
        }
        const auto gray = uketsuke::image::read_image(image, 1);
        if (!gray) continue;
        photo.frame.width = gray.value().width();
        photo.frame.height = gray.value().height();
        photo.frame.pixels.assign(gray.value().pixels().begin(), gray.value().pixels().end());
        photos.push_back(std::move(photo));
    }
    return photos;
}

// Turned clockwise by 90 * quarter_turns degrees.
inline GrayFrame rotated(const GrayFrame& in, int quarter_turns) {
    quarter_turns = ((quarter_turns % 4) + 4) % 4;
    if (quarter_turns == 0) return in;
    GrayFrame out;
    const bool swap = quarter_turns % 2 == 1;
    out.width = swap ? in.height : in.width;
    out.height = swap ? in.width : in.height;
    out.pixels.resize(in.pixels.size());
    for (int y = 0; y < in.height; ++y) {
        for (int x = 0; x < in.width; ++x) {
            int tx = x, ty = y;
            if (quarter_turns == 1) tx = in.height - 1 - y, ty = x;
            if (quarter_turns == 2) tx = in.width - 1 - x, ty = in.height - 1 - y;
            if (quarter_turns == 3) tx = y, ty = in.width - 1 - x;
            out.pixels[static_cast<std::size_t>(ty) * out.width + tx] =
                in.pixels[static_cast<std::size_t>(y) * in.width + x];
        }
    }
    return out;
}

struct PhotoScore {
    int total = 0, read = 0, misread = 0, false_positive = 0;
};

// A photo with a code: read if any code has the expected text, a misread if a code has another
// text. A photo without one: a false positive if anything was decoded.
template <typename Decode>
void score(const Photo& photo, const GrayFrame& frame, Decode&& decode, PhotoScore& out) {
    const std::vector<DecodedCode> codes = decode(frame.view());
    ++out.total;
    if (!photo.expected) {
        out.false_positive += codes.empty() ? 0 : 1;
        return;
    }
    bool read = false, wrong = false;
    for (const DecodedCode& code : codes) (code.text == *photo.expected ? read : wrong) = true;
    out.read += read;
    out.misread += wrong;
}

}  // namespace uketsuke::platform::testing
