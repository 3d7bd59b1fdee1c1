#include "platform/device_list.hpp"

#include <fcntl.h>
#include <linux/input.h>
#include <linux/videodev2.h>
#include <sys/ioctl.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <system_error>
#include <utility>

#include "platform/file_descriptor.hpp"
#include "platform/v4l2_camera.hpp"

namespace uketsuke::platform {
namespace {

// A driver that answers every index would make the enumeration loops endless.
constexpr std::uint32_t kMaxEntries = 64;

int xioctl(int fd, unsigned long request, void* argument) {
    int result;
    do {
        result = ::ioctl(fd, request, argument);
    } while (result == -1 && errno == EINTR);
    return result;
}

std::string errno_text() { return std::strerror(errno); }

// A driver's fixed-size, maybe unterminated, maybe not printable name.
template <std::size_t N>
std::string driver_text(const unsigned char (&bytes)[N]) {
    std::string text;
    for (std::size_t i = 0; i < N && bytes[i] != 0; ++i)
        text += (bytes[i] >= 0x20 && bytes[i] != 0x7f) ? static_cast<char>(bytes[i]) : '?';
    return text;
}

std::string printable(std::string text) {
    for (char& c : text)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
    return text;
}

// `prefix`N nodes under `dir`, in numeric order (video2 before video10).
std::vector<std::filesystem::path> numbered_nodes(const std::filesystem::path& dir,
                                                  const std::string& prefix) {
    std::vector<std::pair<long, std::filesystem::path>> found;
    std::error_code error;
    for (std::filesystem::directory_iterator it(dir, error), end; !error && it != end;
         it.increment(error)) {
        const std::string name = it->path().filename().string();
        if (name.size() <= prefix.size() || name.size() > prefix.size() + 6 ||
            name.compare(0, prefix.size(), prefix) != 0)
            continue;
        const std::string number = name.substr(prefix.size());
        if (!std::all_of(number.begin(), number.end(),
                         [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
            continue;
        found.emplace_back(std::stol(number), it->path());
    }
    std::sort(found.begin(), found.end());
    std::vector<std::filesystem::path> nodes;
    for (auto& entry : found) nodes.push_back(std::move(entry.second));
    return nodes;
}

// The stable name udev made for `node` in `by_id_dir` (the one to put in a configuration:
// /dev/videoN numbers change with the order devices are plugged in).
std::string stable_name(const std::filesystem::path& by_id_dir, const std::filesystem::path& node) {
    std::error_code error;
    const auto target = std::filesystem::canonical(node, error);
    if (error) return {};
    std::vector<std::string> names;
    for (std::filesystem::directory_iterator it(by_id_dir, error), end; !error && it != end;
         it.increment(error)) {
        std::error_code resolve_error;
        if (std::filesystem::canonical(it->path(), resolve_error) == target && !resolve_error)
            names.push_back(it->path().string());
    }
    if (names.empty()) return {};
    // A keyboard-mode scanner has an -event-kbd and sometimes an -if01-event-kbd name; the
    // shortest is the device's main one.
    std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
        return a.size() != b.size() ? a.size() < b.size() : a < b;
    });
    return printable(names.front());
}

std::vector<double> frame_rates(int fd, std::uint32_t fourcc, int width, int height) {
    std::vector<double> rates;
    v4l2_frmivalenum interval{};
    interval.pixel_format = fourcc;
    interval.width = static_cast<std::uint32_t>(width);
    interval.height = static_cast<std::uint32_t>(height);
    for (interval.index = 0; interval.index < kMaxEntries; ++interval.index) {
        if (xioctl(fd, VIDIOC_ENUM_FRAMEINTERVALS, &interval) != 0) break;
        if (interval.type != V4L2_FRMIVAL_TYPE_DISCRETE) break;
        if (interval.discrete.numerator != 0)
            rates.push_back(static_cast<double>(interval.discrete.denominator) /
                            interval.discrete.numerator);
    }
    return rates;
}

std::vector<VideoFormat> video_formats(int fd) {
    std::vector<VideoFormat> formats;
    v4l2_fmtdesc description{};
    description.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    for (description.index = 0; description.index < kMaxEntries; ++description.index) {
        if (xioctl(fd, VIDIOC_ENUM_FMT, &description) != 0) break;
        VideoFormat format;
        format.fourcc = description.pixelformat;
        format.description = driver_text(description.description);
        v4l2_frmsizeenum size{};
        size.pixel_format = description.pixelformat;
        for (size.index = 0; size.index < kMaxEntries; ++size.index) {
            if (xioctl(fd, VIDIOC_ENUM_FRAMESIZES, &size) != 0) break;
            if (size.type != V4L2_FRMSIZE_TYPE_DISCRETE) break;
            VideoFormat::Size entry;
            entry.width = static_cast<int>(size.discrete.width);
            entry.height = static_cast<int>(size.discrete.height);
            entry.fps = frame_rates(fd, description.pixelformat, entry.width, entry.height);
            format.sizes.push_back(std::move(entry));
        }
        formats.push_back(std::move(format));
    }
    return formats;
}

template <std::size_t Bits>
std::bitset<Bits> capability_bits(int fd, unsigned type) {
    std::array<unsigned char, (Bits + 7) / 8> bytes{};
    std::bitset<Bits> bits;
    if (xioctl(fd, EVIOCGBIT(type, bytes.size()), bytes.data()) < 0) return bits;
    for (std::size_t i = 0; i < Bits; ++i)
        if (bytes[i / 8] & (1u << (i % 8))) bits.set(i);
    return bits;
}

std::string lower(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

std::string fps_text(double fps) {
    const double rounded = static_cast<double>(static_cast<long>(fps * 10 + 0.5)) / 10;
    std::string text = std::to_string(rounded);
    text.erase(text.find_last_not_of('0') + 1);
    if (!text.empty() && text.back() == '.') text.pop_back();
    return text;
}

}  // namespace

std::string fourcc_text(std::uint32_t fourcc) {
    std::string text;
    for (int shift = 0; shift < 32; shift += 8) {
        const auto c = static_cast<unsigned char>((fourcc >> shift) & 0xff);
        text += (c >= 0x20 && c < 0x7f) ? static_cast<char>(c) : '.';
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    return text;
}

InputClassification classify_input(const std::string& name, const InputCapabilities& capabilities) {
    const auto& keys = capabilities.keys;
    bool digits = true;
    for (unsigned key = KEY_1; key <= KEY_0; ++key) digits = digits && keys.test(key);
    const bool letters =
        keys.test(KEY_A) && keys.test(KEY_Z) && keys.test(KEY_Q) && keys.test(KEY_M);
    const bool enter = keys.test(KEY_ENTER) || keys.test(KEY_KPENTER);
    if (!(digits && letters && enter))
        return {InputKind::Other, "does not type letters and digits"};
    if (capabilities.events.test(EV_REL) || capabilities.events.test(EV_ABS))
        return {InputKind::Pointer, "has axes: a mouse, touchpad or touchscreen"};

    const std::string lowered = lower(name);
    for (const char* hint : {"barcode", "bar code", "scanner", "scan", "qr", "symbol", "honeywell",
                             "zebra", "datalogic", "newland", "netum", "metrologic", "inateck",
                             "eyoyo", "tera", "opticon", "code corp"}) {
        if (lowered.find(hint) != std::string::npos)
            return {InputKind::LikelyScanner, std::string("its name says so (\"") + hint + "\")"};
    }
    if (capabilities.leds.none())
        return {InputKind::LikelyScanner, "types, but has no Caps Lock or Num Lock light"};
    return {InputKind::Keyboard,
            "a keyboard, or a scanner that looks like one: scan a code and see which types"};
}

std::vector<VideoDevice> list_video_devices(const std::filesystem::path& dev) {
    std::vector<VideoDevice> devices;
    for (const auto& node : numbered_nodes(dev, "video")) {
        VideoDevice device;
        device.path = printable(node.string());
        device.by_id = stable_name(dev / "v4l" / "by-id", node);
        FileDescriptor fd(::open(node.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC));
        if (!fd) {
            device.error = "cannot open: " + errno_text();
            if (errno == EACCES) device.error += " (not in the video group?)";
            devices.push_back(std::move(device));
            continue;
        }
        v4l2_capability capability{};
        if (xioctl(fd.get(), VIDIOC_QUERYCAP, &capability) != 0) {
            device.error = "not a V4L2 device: " + errno_text();
            devices.push_back(std::move(device));
            continue;
        }
        device.card = driver_text(capability.card);
        device.driver = driver_text(capability.driver);
        device.bus = driver_text(capability.bus_info);
        const std::uint32_t caps = (capability.capabilities & V4L2_CAP_DEVICE_CAPS)
                                       ? capability.device_caps
                                       : capability.capabilities;
        device.capture = (caps & V4L2_CAP_VIDEO_CAPTURE) && (caps & V4L2_CAP_STREAMING);
        if (device.capture) device.formats = video_formats(fd.get());
        devices.push_back(std::move(device));
    }
    return devices;
}

std::vector<InputDevice> list_input_devices(const std::filesystem::path& dev) {
    std::vector<InputDevice> devices;
    for (const auto& node : numbered_nodes(dev / "input", "event")) {
        InputDevice device;
        device.path = printable(node.string());
        device.by_id = stable_name(dev / "input" / "by-id", node);
        FileDescriptor fd(::open(node.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
        if (!fd) {
            device.error = "cannot open: " + errno_text();
            if (errno == EACCES) device.error += " (not in the input group?)";
            devices.push_back(std::move(device));
            continue;
        }
        std::array<char, 256> name{};
        if (xioctl(fd.get(), EVIOCGNAME(name.size() - 1), name.data()) < 0) {
            device.error = "not an input device: " + errno_text();
            devices.push_back(std::move(device));
            continue;
        }
        device.name = printable(name.data());
        InputCapabilities capabilities;
        capabilities.events = capability_bits<0x20>(fd.get(), 0);
        capabilities.keys = capability_bits<0x300>(fd.get(), EV_KEY);
        capabilities.leds = capability_bits<0x10>(fd.get(), EV_LED);
        device.classification = classify_input(device.name, capabilities);
        devices.push_back(std::move(device));
    }
    return devices;
}

std::string format_device_list(const std::vector<VideoDevice>& video,
                               const std::vector<InputDevice>& input) {
    std::string out = "Cameras (V4L2):\n";
    bool any_camera = false;
    for (const auto& device : video) {
        out += "  " + device.path;
        if (!device.error.empty()) {
            out += ": " + device.error + "\n";
            continue;
        }
        out += "  " + device.card + " (" + device.driver +
               (device.bus.empty() ? "" : ", " + device.bus) + ")";
        if (!device.capture) {
            out += ": not a capture device (a camera's metadata node)\n";
            continue;
        }
        any_camera = true;
        out += "\n";
        std::vector<CameraMode> usable;
        for (const auto& format : device.formats) {
            out += "    " + fourcc_text(format.fourcc) + " (" + format.description + "):";
            if (format.sizes.empty()) out += " sizes given as a range";
            for (std::size_t i = 0; i < format.sizes.size(); ++i) {
                const auto& size = format.sizes[i];
                out += (i == 0 ? " " : ", ") + std::to_string(size.width) + "x" +
                       std::to_string(size.height);
                for (std::size_t j = 0; j < size.fps.size(); ++j)
                    out += (j == 0 ? " @" : "/") + fps_text(size.fps[j]);
                if (!size.fps.empty()) out += " fps";
                const bool yuyv = format.fourcc == V4L2_PIX_FMT_YUYV;
                if (yuyv || format.fourcc == V4L2_PIX_FMT_MJPEG) {
                    CameraMode mode;
                    mode.format = yuyv ? CameraPixelFormat::Yuyv : CameraPixelFormat::Mjpeg;
                    mode.width = size.width;
                    mode.height = size.height;
                    if (!size.fps.empty())
                        mode.max_fps = *std::max_element(size.fps.begin(), size.fps.end());
                    usable.push_back(mode);
                }
            }
            out += "\n";
        }
        if (const auto chosen = choose_format(usable)) {
            out += "    the kiosk would read " + std::to_string(chosen->width) + "x" +
                   std::to_string(chosen->height) + " " +
                   (chosen->format == CameraPixelFormat::Yuyv ? "YUYV" : "MJPG") + "\n";
        } else {
            out += "    the kiosk cannot read it: it reads YUYV or MJPG only\n";
        }
        out += "    [camera] device = \"" + (device.by_id.empty() ? device.path : device.by_id) +
               "\"\n";
    }
    if (!any_camera) out += "  none: no /dev/video* capture device\n";

    std::size_t others = 0;
    std::string scanners, keyboards;
    for (const auto& device : input) {
        if (!device.error.empty()) {
            keyboards += "  " + device.path + ": " + device.error + "\n";
            continue;
        }
        const auto kind = device.classification.kind;
        if (kind == InputKind::Other || kind == InputKind::Pointer) {
            ++others;
            continue;
        }
        std::string entry = "  " + device.path + "  " + device.name + ": " +
                            device.classification.reason + "\n    [scanner] device = \"" +
                            (device.by_id.empty() ? device.path : device.by_id) + "\"\n";
        (kind == InputKind::LikelyScanner ? scanners : keyboards) += entry;
    }
    out += "Barcode scanners (evdev, keyboard mode):\n";
    out += scanners.empty() ? "  none recognised (see the keyboards below)\n" : scanners;
    out += "Keyboards (a scanner in keyboard mode may be one of them):\n";
    out += keyboards.empty() ? "  none\n" : keyboards;
    if (others > 0)
        out +=
            "(" + std::to_string(others) + " other input devices: mice, touchscreens, buttons)\n";
    return out;
}

}  // namespace uketsuke::platform
