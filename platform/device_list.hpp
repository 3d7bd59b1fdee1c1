#pragma once
// What `uketsuke-kiosk --list-devices` shows when a kiosk is set up: the cameras (V4L2) with
// every format, size and frame rate they offer, and the input devices (evdev) that could be a
// USB barcode scanner in keyboard mode, each with the name to put in the configuration.
// What it doesn't: open a stream, grab a device, or change anything.
//
// The device-independent parts (naming a pixel format, telling a scanner from a keyboard by
// its capabilities) are functions of plain data, tested without devices.

#include <bitset>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace uketsuke::platform {

// "YUYV", "MJPG": the four characters of a V4L2 pixel format, with anything unprintable as '.'.
[[nodiscard]] std::string fourcc_text(std::uint32_t fourcc);

struct VideoFormat {
    std::uint32_t fourcc = 0;
    std::string description;  // the driver's, e.g. "Motion-JPEG"
    struct Size {
        int width = 0, height = 0;
        std::vector<double> fps;  // empty when the driver gives a range or nothing
    };
    std::vector<Size> sizes;  // empty when the driver gives a continuous or stepped range
};

struct VideoDevice {
    std::string path;      // /dev/video0
    std::string by_id;     // /dev/v4l/by-id/… naming the same node, "" if none
    std::string card;      // the driver's name for the camera
    std::string driver;    // uvcvideo
    std::string bus;       // usb-0000:00:14.0-1
    bool capture = false;  // a streaming capture node (a UVC camera's metadata node is not)
    std::string error;     // why it could not be read ("" when it could)
    std::vector<VideoFormat> formats;
};

// Key, event type and LED capability bits as EVIOCGBIT reports them.
struct InputCapabilities {
    std::bitset<0x300> keys;  // KEY_CNT is 0x300
    std::bitset<0x20> events;
    std::bitset<0x10> leds;
};

enum class InputKind {
    Other,          // no letters and digits with Enter: not something that types a code
    Pointer,        // a mouse or a touchscreen (it has axes), even if it has keys
    Keyboard,       // types letters and digits: a keyboard, or a scanner that says nothing
    LikelyScanner,  // types, and has no LEDs (keyboards have Caps Lock) or a scanner's name
};

struct InputClassification {
    InputKind kind = InputKind::Other;
    std::string reason;  // what the guess rests on, shown beside the device
};

[[nodiscard]] InputClassification classify_input(const std::string& name,
                                                 const InputCapabilities& capabilities);

struct InputDevice {
    std::string path;   // /dev/input/event3
    std::string by_id;  // /dev/input/by-id/usb-…-event-kbd, "" if none
    std::string name;
    std::string error;  // why it could not be read ("" when it could)
    InputClassification classification;
};

// Every /dev/videoN and /dev/input/eventN under `dev`, in numeric order; a node that cannot be
// opened is listed with its error (no permission: not in the video or input group).
[[nodiscard]] std::vector<VideoDevice> list_video_devices(
    const std::filesystem::path& dev = "/dev");
[[nodiscard]] std::vector<InputDevice> list_input_devices(
    const std::filesystem::path& dev = "/dev");

// The listing as people read it, with the configuration lines to use.
[[nodiscard]] std::string format_device_list(const std::vector<VideoDevice>& video,
                                             const std::vector<InputDevice>& input);

}  // namespace uketsuke::platform
