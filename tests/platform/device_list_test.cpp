#include "platform/device_list.hpp"

#include <gtest/gtest.h>
#include <linux/input.h>
#include <linux/videodev2.h>

#include "support/temp_dir.hpp"

namespace uketsuke::platform {
namespace {

using uketsuke::testing::TempDir;

InputCapabilities typing_keys() {
    InputCapabilities capabilities;
    capabilities.events.set(EV_KEY);
    for (unsigned key = KEY_1; key <= KEY_0; ++key) capabilities.keys.set(key);
    for (unsigned key : {KEY_A, KEY_Z, KEY_Q, KEY_M, KEY_ENTER, KEY_LEFTSHIFT})
        capabilities.keys.set(key);
    return capabilities;
}

TEST(DeviceList, NamesPixelFormatsByTheirFourCharacters) {
    EXPECT_EQ(fourcc_text(V4L2_PIX_FMT_YUYV), "YUYV");
    EXPECT_EQ(fourcc_text(V4L2_PIX_FMT_MJPEG), "MJPG");
    EXPECT_EQ(fourcc_text(V4L2_PIX_FMT_GREY), "GREY");
    EXPECT_EQ(fourcc_text(0x0a000141u), "A...");  // a driver's bytes never reach a terminal raw
}

TEST(DeviceList, AKeyboardWithoutLightsIsLikelyAScanner) {
    const auto seen = classify_input("USB HID 1234:5678", typing_keys());
    EXPECT_EQ(seen.kind, InputKind::LikelyScanner);
    EXPECT_NE(seen.reason.find("light"), std::string::npos);
}

TEST(DeviceList, AKeyboardWithCapsLockIsAKeyboardUnlessItsNameSaysScanner) {
    auto capabilities = typing_keys();
    capabilities.events.set(EV_LED);
    capabilities.leds.set(LED_CAPSL);
    EXPECT_EQ(classify_input("AT Translated Set 2 keyboard", capabilities).kind,
              InputKind::Keyboard);
    const auto named = classify_input("Honeywell Imaging 1470g", capabilities);
    EXPECT_EQ(named.kind, InputKind::LikelyScanner);
    EXPECT_NE(named.reason.find("honeywell"), std::string::npos);
    EXPECT_EQ(classify_input("NETUM Barcode Scanner Keyboard", capabilities).kind,
              InputKind::LikelyScanner);
}

TEST(DeviceList, PointersAndButtonsAreNotScanners) {
    auto touch = typing_keys();
    touch.events.set(EV_ABS);
    EXPECT_EQ(classify_input("ILITEK Multi-Touch scanner", touch).kind, InputKind::Pointer);

    InputCapabilities power_button;
    power_button.events.set(EV_KEY);
    power_button.keys.set(KEY_POWER);
    EXPECT_EQ(classify_input("Power Button", power_button).kind, InputKind::Other);

    auto no_enter = typing_keys();
    no_enter.keys.reset(KEY_ENTER);
    EXPECT_EQ(classify_input("barcode", no_enter).kind, InputKind::Other);
}

TEST(DeviceList, NodesThatAreNotDevicesAreListedInNumericOrderWithTheirError) {
    TempDir dev;
    std::filesystem::create_directories(dev / "input" / "by-id");
    std::filesystem::create_directories(dev / "v4l" / "by-id");
    std::filesystem::create_symlink("/dev/null", dev / "video10");
    std::filesystem::create_symlink("/dev/null", dev / "video2");
    std::filesystem::create_directory(dev / "video3");
    uketsuke::testing::write_file(dev / "videoX", "");      // not video<number>
    uketsuke::testing::write_file(dev / "video-meta", "");  // nor this
    std::filesystem::create_symlink("/dev/null", dev / "input" / "event4");
    std::filesystem::create_symlink("../../video2", dev / "v4l" / "by-id" / "usb-Cam-video-index0");
    std::filesystem::create_symlink("../event4", dev / "input" / "by-id" / "usb-Scan-event-kbd");

    const auto video = list_video_devices(dev.path());
    ASSERT_EQ(video.size(), 3u);
    EXPECT_EQ(video[0].path, (dev / "video2").string());
    EXPECT_EQ(video[1].path, (dev / "video3").string());
    EXPECT_EQ(video[2].path, (dev / "video10").string());
    EXPECT_NE(video[0].error.find("not a V4L2 device"), std::string::npos);
    EXPECT_NE(video[1].error.find("cannot open"), std::string::npos);
    EXPECT_EQ(video[0].by_id, (dev / "v4l" / "by-id" / "usb-Cam-video-index0").string());
    EXPECT_EQ(video[1].by_id, "");

    const auto input = list_input_devices(dev.path());
    ASSERT_EQ(input.size(), 1u);
    EXPECT_NE(input[0].error.find("not an input device"), std::string::npos);
    EXPECT_EQ(input[0].by_id, (dev / "input" / "by-id" / "usb-Scan-event-kbd").string());

    const std::string text = format_device_list(video, input);
    EXPECT_NE(text.find("none: no /dev/video* capture device"), std::string::npos) << text;
    EXPECT_NE(text.find("not an input device"), std::string::npos) << text;
}

TEST(DeviceList, ShowsACameraWithTheModeTheKioskWouldReadAndTheConfigurationLines) {
    VideoDevice camera;
    camera.path = "/dev/video0";
    camera.by_id = "/dev/v4l/by-id/usb-Logitech_C270-video-index0";
    camera.card = "HD Webcam C270";
    camera.driver = "uvcvideo";
    camera.bus = "usb-0000:00:14.0-1";
    camera.capture = true;
    camera.formats.push_back(
        {V4L2_PIX_FMT_YUYV, "YUYV 4:2:2", {{640, 480, {30, 15}}, {1280, 720, {7.5}}}});
    camera.formats.push_back({V4L2_PIX_FMT_MJPEG, "Motion-JPEG", {{1280, 720, {30}}}});
    VideoDevice metadata;
    metadata.path = "/dev/video1";
    metadata.card = "HD Webcam C270";
    metadata.driver = "uvcvideo";

    InputDevice scanner;
    scanner.path = "/dev/input/event5";
    scanner.by_id = "/dev/input/by-id/usb-NETUM-event-kbd";
    scanner.name = "NETUM Barcode Scanner";
    scanner.classification = {InputKind::LikelyScanner, "its name says so (\"barcode\")"};
    InputDevice mouse;
    mouse.path = "/dev/input/event6";
    mouse.name = "Logitech USB Mouse";
    mouse.classification = {InputKind::Pointer, "has axes"};

    const std::string text = format_device_list({camera, metadata}, {scanner, mouse});
    EXPECT_NE(text.find("YUYV (YUYV 4:2:2): 640x480 @30/15 fps, 1280x720 @7.5 fps"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("MJPG (Motion-JPEG): 1280x720 @30 fps"), std::string::npos) << text;
    // YUYV at 7.5 fps is too slow for a queue at the door: the kiosk takes MJPEG at 30.
    EXPECT_NE(text.find("the kiosk would read 1280x720 MJPG"), std::string::npos) << text;
    EXPECT_NE(text.find("[camera] device = \"/dev/v4l/by-id/usb-Logitech_C270-video-index0\""),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("/dev/video1  HD Webcam C270 (uvcvideo): not a capture device"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("[scanner] device = \"/dev/input/by-id/usb-NETUM-event-kbd\""),
              std::string::npos)
        << text;
    EXPECT_EQ(text.find("Logitech USB Mouse"), std::string::npos) << text;
    EXPECT_NE(text.find("(1 other input devices"), std::string::npos) << text;
}

}  // namespace
}  // namespace uketsuke::platform
