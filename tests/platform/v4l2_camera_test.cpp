#include "platform/v4l2_camera.hpp"

#include <gtest/gtest.h>

namespace uketsuke::platform {
namespace {

using namespace std::chrono_literals;
using Format = CameraPixelFormat;

TEST(V4l2ChooseFormat, PrefersYuyvAtTheWantedSizeWhenItIsFastEnough) {
    const std::vector<CameraMode> offered = {{Format::Mjpeg, 1280, 720, 30},
                                             {Format::Yuyv, 1280, 720, 30},
                                             {Format::Yuyv, 640, 480, 30}};
    EXPECT_EQ(choose_format(offered, 1280, 720), (CameraMode{Format::Yuyv, 1280, 720, 30}));
}

TEST(V4l2ChooseFormat, TakesMjpegWhenYuyvIsTooSlowAtThatSize) {
    // The usual USB 2 webcam: uncompressed 720p only at 10 fps.
    const std::vector<CameraMode> offered = {{Format::Yuyv, 640, 480, 30},
                                             {Format::Yuyv, 1280, 720, 10},
                                             {Format::Mjpeg, 1280, 720, 30},
                                             {Format::Mjpeg, 1920, 1080, 30}};
    EXPECT_EQ(choose_format(offered, 1280, 720), (CameraMode{Format::Mjpeg, 1280, 720, 30}));
}

TEST(V4l2ChooseFormat, SlowYuyvStillBeatsNothing) {
    EXPECT_EQ(choose_format({{Format::Yuyv, 1280, 720, 5}}, 1280, 720),
              (CameraMode{Format::Yuyv, 1280, 720, 5}));
}

TEST(V4l2ChooseFormat, NearestSizeByAreaRatio) {
    // 1920x1080 is 2.25 times the area, 640x480 a third: the larger one is nearer.
    const std::vector<CameraMode> offered = {{Format::Yuyv, 640, 480, 30},
                                             {Format::Mjpeg, 1920, 1080, 30}};
    EXPECT_EQ(choose_format(offered, 1280, 720)->width, 1920);
    // 1024x576 (0.64x) beats 1920x1080.
    const std::vector<CameraMode> more = {{Format::Mjpeg, 1920, 1080, 30},
                                          {Format::Mjpeg, 1024, 576, 30}};
    EXPECT_EQ(choose_format(more, 1280, 720)->width, 1024);
    // A quarter and four times the area are equally far: the larger wins.
    const std::vector<CameraMode> tie = {{Format::Yuyv, 640, 360, 30},
                                         {Format::Yuyv, 2560, 1440, 30}};
    EXPECT_EQ(choose_format(tie, 1280, 720)->width, 2560);
}

TEST(V4l2ChooseFormat, UnknownFrameRateCountsAsFastEnough) {
    const std::vector<CameraMode> offered = {{Format::Mjpeg, 1280, 720, 30},
                                             {Format::Yuyv, 1280, 720, 0}};
    EXPECT_EQ(choose_format(offered, 1280, 720)->format, Format::Yuyv);
}

TEST(V4l2ChooseFormat, NothingUsable) {
    EXPECT_FALSE(choose_format({}, 1280, 720));
    EXPECT_FALSE(choose_format({{Format::Yuyv, 0, 0, 30}}, 1280, 720));
    EXPECT_FALSE(choose_format({{Format::Yuyv, 640, 480, 30}}, 0, 720));
}

TEST(V4l2Camera, MissingDeviceIsUnavailableWithAMessage) {
    V4l2FrameSource camera({"/dev/video-uketsuke-missing", 1280, 720});
    EXPECT_FALSE(camera.is_open());
    const FrameRead read = camera.read(10ms);
    EXPECT_EQ(read.status, FrameRead::Status::Unavailable);
    EXPECT_NE(read.message.find("/dev/video-uketsuke-missing"), std::string::npos) << read.message;
    EXPECT_NE(camera.describe().find("/dev/video-uketsuke-missing"), std::string::npos);
}

TEST(V4l2Camera, NonCameraFileIsUnavailableWithAMessage) {
    V4l2FrameSource camera({"/dev/null", 1280, 720});
    EXPECT_FALSE(camera.is_open());
    const FrameRead read = camera.read(10ms);
    EXPECT_EQ(read.status, FrameRead::Status::Unavailable);
    EXPECT_NE(read.message.find("not a V4L2 device"), std::string::npos) << read.message;
}

TEST(V4l2Camera, FindingADeviceNeverThrows) {
    const std::string device = find_capture_device();
    if (device.empty()) {
        V4l2FrameSource camera({"", 1280, 720});
        EXPECT_EQ(camera.read(10ms).status, FrameRead::Status::Unavailable);
        EXPECT_NE(camera.error().find("no camera"), std::string::npos) << camera.error();
    } else {
        EXPECT_EQ(device.rfind("/dev/video", 0), 0u);
    }
}

}  // namespace
}  // namespace uketsuke::platform
