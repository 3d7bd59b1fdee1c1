// Blackbox test over real photographs (zxing-cpp's own qrcode-1, -3 and -5 sets): each folder
// must read at least as many as plain ZXing 1.4 with default settings does.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "kiosk/image/image.hpp"
#include "platform/decoder.hpp"

namespace uketsuke::platform {
namespace {

std::filesystem::path photos_dir() {
    return std::filesystem::path(UKETSUKE_SHARED_DIR) / "samples" / "qr-photos";
}

bool running_in_ci() {
    const char* ci = std::getenv("CI");
    return ci != nullptr && std::string(ci) == "true";
}

struct PhotoSet {
    std::string folder;
    int threshold;  // what ZXing 1.4 with default hints reads (its README says so, and we measured)
};

class QrPhotos : public ::testing::TestWithParam<PhotoSet> {};

TEST_P(QrPhotos, ReadsAtLeastAsManyAsZxingDefaults) {
    const PhotoSet& set = GetParam();
    const std::filesystem::path folder = photos_dir() / set.folder;
    if (!std::filesystem::is_directory(folder)) {
        if (running_in_ci()) FAIL() << "photo set missing: " << folder;
        GTEST_SKIP() << "photo set missing: " << folder;
    }
    std::vector<std::filesystem::path> images;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        if (entry.path().extension() == ".png") images.push_back(entry.path());
    }
    std::sort(images.begin(), images.end());
    int ours = 0, defaults = 0, total = 0;
    for (const auto& image : images) {
        std::filesystem::path text_file = image;
        text_file.replace_extension(".txt");
        std::ifstream in(text_file, std::ios::binary);
        if (!in) continue;
        std::stringstream expected;
        expected << in.rdbuf();
        const auto gray = uketsuke::image::read_image(image, 1);
        ASSERT_TRUE(gray) << gray.error().message;
        const GrayView view{gray.value().pixels().data(), gray.value().width(),
                            gray.value().height(), gray.value().width()};
        const auto read = [&](const std::vector<DecodedCode>& codes) {
            return std::any_of(codes.begin(), codes.end(), [&](const DecodedCode& code) {
                return code.text == expected.str();
            });
        };
        ++total;
        const bool ours_read = read(decode_qr(view));
        ours += ours_read;
        defaults += read(decode_with_zxing_defaults(view));
        if (!ours_read)
            std::cout << "[ photos    ] not read: " << image.filename().string() << "\n";
    }
    std::cout << "[ photos    ] " << set.folder << ": decode_qr " << ours << "/" << total
              << ", ZXing defaults " << defaults << "/" << total << "\n";
    EXPECT_GE(ours, set.threshold);
    EXPECT_GE(ours, defaults);
}

INSTANTIATE_TEST_SUITE_P(Photos, QrPhotos,
                         ::testing::Values(PhotoSet{"qrcode-1", 16}, PhotoSet{"qrcode-3", 25},
                                           PhotoSet{"qrcode-5", 16}),
                         [](const ::testing::TestParamInfo<PhotoSet>& info) {
                             std::string name = info.param.folder;
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });

}  // namespace
}  // namespace uketsuke::platform
