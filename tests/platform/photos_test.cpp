// Blackbox test over real photographs, data-driven as zxing-cpp's own: a folder, its expected
// texts, and per turn (0, 90, 180, 270 degrees) how many the kiosk's decoder must read, with no
// misread and, on folders without codes, no false positive. Plain ZXing 1.4 (decode_qr, what the
// kiosk ran before the retry) is scored beside it and printed, so a run shows the baseline.
//
// The shared sets (../shared/samples/qr-photos, CI has them) always run; the other blackbox sets
// of zxing-cpp v1.4.0 run when $UKETSUKE_ZXING_SAMPLES points at its test/samples (photo_sets.hpp).

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <iostream>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "platform/photo_sets.hpp"
#include "platform/qr_reader.hpp"

namespace uketsuke::platform {
namespace {

using testing::Photo;
using testing::PhotoScore;

bool running_in_ci() {
    const char* ci = std::getenv("CI");
    return ci != nullptr && std::string(ci) == "true";
}

struct PhotoSetCase {
    std::string folder;
    bool shared;                     // in ../shared/samples/qr-photos: missing is a failure in CI
    std::array<int, 4> must_read;    // at 0, 90, 180, 270 degrees, with the retry
    std::array<int, 4> plain_reads;  // what plain ZXing 1.4 read here (measured), for the record
    std::set<std::string> other_symbol;  // photos holding a second, different code (not misreads)
};

// gtest names a failing case by its parameter: the folder, not the struct's raw bytes.
void PrintTo(const PhotoSetCase& set, std::ostream* out) { *out << set.folder; }

class QrPhotos : public ::testing::TestWithParam<PhotoSetCase> {};

TEST_P(QrPhotos, ReadsItsThresholdWithNoMisreadOrFalsePositive) {
    const PhotoSetCase& set = GetParam();
    const auto folder = testing::find_photo_set(set.folder);
    if (folder.empty()) {
        // A zxing-cpp set is a case only when UKETSUKE_ZXING_SAMPLES names its folder (see
        // photo_sets()), so missing it is always a mistake; a shared set is missing for real
        // only in CI, which must have ../shared beside the clone.
        if (!set.shared || running_in_ci()) {
            FAIL() << "photo set missing: " << set.folder << " (looked in "
                   << testing::shared_photos_dir()
                   << " and $UKETSUKE_ZXING_SAMPLES=" << testing::zxing_samples_dir() << ")";
        }
        GTEST_SKIP() << "photo set not here: " << set.folder << " (not in "
                     << testing::shared_photos_dir() << ")";
    }
    const std::vector<Photo> photos = testing::load_photo_set(folder);
    ASSERT_FALSE(photos.empty()) << folder;
    for (int turn = 0; turn < 4; ++turn) {
        PhotoScore retry, plain;
        std::vector<std::string> unread, misread;
        for (const Photo& photo : photos) {
            const GrayFrame frame = testing::rotated(photo.frame, turn);
            const PhotoScore before = retry;
            testing::score(
                photo, frame, [](GrayView v) { return decode_qr_with_retry(v); }, retry);
            testing::score(
                photo, frame, [](GrayView v) { return decode_qr(v); }, plain);
            if (photo.expected && retry.read == before.read) unread.push_back(photo.name);
            if (retry.misread > before.misread || retry.false_positive > before.false_positive) {
                if (set.other_symbol.count(photo.name) != 0) {
                    --retry.misread;
                    --plain.misread;
                } else {
                    misread.push_back(photo.name);
                }
            }
        }
        std::cout << "[ photos    ] " << set.folder << " at " << turn * 90 << "°: with retry "
                  << retry.read << "/" << retry.total << ", plain ZXing " << plain.read << "/"
                  << plain.total << "; misreads " << retry.misread << ", false positives "
                  << retry.false_positive << "\n";
        for (const auto& name : unread) std::cout << "[ photos    ]   not read: " << name << "\n";
        EXPECT_GE(retry.read, set.must_read[static_cast<std::size_t>(turn)])
            << set.folder << " at " << turn * 90 << "°";
        EXPECT_GE(retry.read, plain.read) << set.folder << " at " << turn * 90 << "°";
        EXPECT_TRUE(misread.empty()) << set.folder << " at " << turn * 90
                                     << "°, first: " << (misread.empty() ? "" : misread.front());
        EXPECT_EQ(retry.false_positive, 0);
    }
}

// Measured 2026-12-03 (decode_qr_with_retry against decode_qr on the same build). The shared
// sets always run (missing in CI: a failure). zxing-cpp's sets are not the project's and not in
// CI; they are cases only when $UKETSUKE_ZXING_SAMPLES is set, so a run without them says so
// instead of reporting skipped tests, and a run with them fails if one is missing.
std::vector<PhotoSetCase> photo_sets() {
    std::vector<PhotoSetCase> sets{
        PhotoSetCase{"qrcode-1", true, {16, 16, 16, 16}, {16, 16, 16, 16}, {}},
        PhotoSetCase{"qrcode-3", true, {28, 28, 28, 28}, {25, 25, 25, 24}, {}},
        PhotoSetCase{"qrcode-5", true, {16, 16, 16, 16}, {16, 16, 16, 16}, {}},
    };
    if (testing::zxing_samples_dir().empty()) {
        std::cout << "[ photos    ] zxing-cpp's blackbox sets not measured: "
                     "UKETSUKE_ZXING_SAMPLES is not set\n";
        return sets;
    }
    const std::vector<PhotoSetCase> zxing{
        // zxing-cpp's own runner expects the outer symbol of 16.png's code-in-a-code as well.
        PhotoSetCase{"qrcode-2", false, {44, 44, 44, 44}, {44, 44, 44, 44}, {"16.png"}},
        PhotoSetCase{"qrcode-4", false, {33, 30, 32, 33}, {29, 29, 29, 29}, {}},
        PhotoSetCase{"qrcode-6", false, {15, 15, 15, 15}, {15, 15, 15, 15}, {}},
        PhotoSetCase{"falsepositives-1", false, {0, 0, 0, 0}, {0, 0, 0, 0}, {}},
        PhotoSetCase{"falsepositives-2", false, {0, 0, 0, 0}, {0, 0, 0, 0}, {}},
    };
    sets.insert(sets.end(), zxing.begin(), zxing.end());
    return sets;
}

INSTANTIATE_TEST_SUITE_P(Photos, QrPhotos, ::testing::ValuesIn(photo_sets()),
                         [](const ::testing::TestParamInfo<PhotoSetCase>& info) {
                             std::string name = info.param.folder;
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });

}  // namespace
}  // namespace uketsuke::platform
