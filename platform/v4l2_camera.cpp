#include "platform/v4l2_camera.hpp"

#include <fcntl.h>
#include <linux/videodev2.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/select.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <system_error>

namespace uketsuke::platform {

namespace {

constexpr double enough_fps = 15;  // below this a held-up code feels sluggish
constexpr unsigned buffer_count = 4;

int xioctl(int fd, unsigned long request, void* argument) {
    int result;
    do {
        result = ::ioctl(fd, request, argument);
    } while (result < 0 && errno == EINTR);
    return result;
}

std::string errno_text() { return std::strerror(errno); }

bool device_gone(int error) { return error == ENODEV || error == EIO || error == ENXIO; }

const char* format_name(CameraPixelFormat format) {
    return format == CameraPixelFormat::Yuyv ? "YUYV" : "MJPEG";
}

}  // namespace

std::optional<CameraMode> choose_format(const std::vector<CameraMode>& offered, int want_w,
                                        int want_h) {
    if (want_w <= 0 || want_h <= 0) return std::nullopt;
    const double want_area = static_cast<double>(want_w) * want_h;
    const auto size_distance = [&](const CameraMode& mode) {
        return std::abs(std::log(static_cast<double>(mode.width) * mode.height / want_area));
    };
    const CameraMode* best_size = nullptr;
    for (const CameraMode& mode : offered) {
        if (mode.width <= 0 || mode.height <= 0) continue;
        if (best_size == nullptr) {
            best_size = &mode;
            continue;
        }
        const double distance = size_distance(mode), best = size_distance(*best_size);
        const bool larger = static_cast<long long>(mode.width) * mode.height >
                            static_cast<long long>(best_size->width) * best_size->height;
        if (distance < best - 1e-9 || (std::abs(distance - best) <= 1e-9 && larger))
            best_size = &mode;
    }
    if (best_size == nullptr) return std::nullopt;
    const int width = best_size->width, height = best_size->height;

    std::optional<CameraMode> chosen;
    const auto rank = [](const CameraMode& mode) {
        const bool fast = mode.max_fps <= 0 || mode.max_fps >= enough_fps;
        return (fast ? 2 : 0) + (mode.format == CameraPixelFormat::Yuyv ? 1 : 0);
    };
    for (const CameraMode& mode : offered) {
        if (mode.width != width || mode.height != height) continue;
        if (!chosen || rank(mode) > rank(*chosen) ||
            (rank(mode) == rank(*chosen) && mode.max_fps > chosen->max_fps)) {
            chosen = mode;
        }
    }
    return chosen;
}

std::string find_capture_device() {
    std::vector<std::pair<int, std::string>> candidates;
    std::error_code error;
    for (std::filesystem::directory_iterator it("/dev", error), end; !error && it != end;
         it.increment(error)) {
        const std::string name = it->path().filename().string();
        if (name.rfind("video", 0) != 0 || name.size() == 5) continue;
        const std::string number = name.substr(5);
        if (!std::all_of(number.begin(), number.end(), [](char c) { return c >= '0' && c <= '9'; }))
            continue;
        if (number.size() > 6) continue;
        candidates.emplace_back(std::stoi(number), it->path().string());
    }
    std::sort(candidates.begin(), candidates.end());
    for (const auto& candidate : candidates) {
        FileDescriptor fd(::open(candidate.second.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC));
        if (!fd) continue;
        v4l2_capability capability{};
        if (xioctl(fd.get(), VIDIOC_QUERYCAP, &capability) != 0) continue;
        const std::uint32_t caps = (capability.capabilities & V4L2_CAP_DEVICE_CAPS)
                                       ? capability.device_caps
                                       : capability.capabilities;
        if ((caps & V4L2_CAP_VIDEO_CAPTURE) && (caps & V4L2_CAP_STREAMING)) return candidate.second;
    }
    return {};
}

V4l2FrameSource::MappedBuffer::~MappedBuffer() {
    if (start != nullptr && start != MAP_FAILED) ::munmap(start, length);
}

V4l2FrameSource::MappedBuffer::MappedBuffer(MappedBuffer&& other) noexcept
    : start(std::exchange(other.start, nullptr)), length(std::exchange(other.length, 0)) {}

V4l2FrameSource::V4l2FrameSource(V4l2Options options) : options_(std::move(options)) {
    try {
        open_device();
    } catch (const std::exception& error) {  // only running out of memory gets here
        fail(std::string("cannot open the camera: ") + error.what());
    }
}

V4l2FrameSource::~V4l2FrameSource() {
    if (streaming_ && fd_) {
        v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        xioctl(fd_.get(), VIDIOC_STREAMOFF, &type);
    }
}

bool V4l2FrameSource::fail(std::string message) {
    error_ = std::move(message);
    buffers_.clear();
    fd_.reset();
    streaming_ = false;
    return false;
}

std::vector<CameraMode> V4l2FrameSource::offered_modes() const {
    std::vector<CameraMode> modes;
    for (std::uint32_t format_index = 0;; ++format_index) {
        v4l2_fmtdesc description{};
        description.index = format_index;
        description.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        if (xioctl(fd_.get(), VIDIOC_ENUM_FMT, &description) != 0) break;
        CameraPixelFormat format;
        if (description.pixelformat == V4L2_PIX_FMT_YUYV) {
            format = CameraPixelFormat::Yuyv;
        } else if (description.pixelformat == V4L2_PIX_FMT_MJPEG ||
                   description.pixelformat == V4L2_PIX_FMT_JPEG) {
            format = CameraPixelFormat::Mjpeg;
        } else {
            continue;
        }
        const auto add = [&](int width, int height) {
            CameraMode mode{format, width, height, 0};
            for (std::uint32_t interval_index = 0;; ++interval_index) {
                v4l2_frmivalenum interval{};
                interval.index = interval_index;
                interval.pixel_format = description.pixelformat;
                interval.width = static_cast<std::uint32_t>(width);
                interval.height = static_cast<std::uint32_t>(height);
                if (xioctl(fd_.get(), VIDIOC_ENUM_FRAMEINTERVALS, &interval) != 0) break;
                // Stepwise intervals: the shortest is the fastest.
                const v4l2_fract fastest = interval.type == V4L2_FRMIVAL_TYPE_DISCRETE
                                               ? interval.discrete
                                               : interval.stepwise.min;
                if (fastest.numerator > 0)
                    mode.max_fps =
                        std::max(mode.max_fps, double(fastest.denominator) / fastest.numerator);
                if (interval.type != V4L2_FRMIVAL_TYPE_DISCRETE) break;
            }
            modes.push_back(mode);
        };
        for (std::uint32_t size_index = 0;; ++size_index) {
            v4l2_frmsizeenum size{};
            size.index = size_index;
            size.pixel_format = description.pixelformat;
            if (xioctl(fd_.get(), VIDIOC_ENUM_FRAMESIZES, &size) != 0) break;
            if (size.type == V4L2_FRMSIZE_TYPE_DISCRETE) {
                add(static_cast<int>(size.discrete.width), static_cast<int>(size.discrete.height));
            } else {
                // Continuous or stepwise: ask for the wanted size, clamped into the range.
                const auto& range = size.stepwise;
                add(std::clamp(options_.width, static_cast<int>(range.min_width),
                               static_cast<int>(range.max_width)),
                    std::clamp(options_.height, static_cast<int>(range.min_height),
                               static_cast<int>(range.max_height)));
                break;
            }
        }
    }
    return modes;
}

bool V4l2FrameSource::open_device() {
    device_ = options_.device.empty() ? find_capture_device() : options_.device;
    if (device_.empty()) return fail("no camera found (no /dev/video* capture device)");
    fd_ = FileDescriptor(::open(device_.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC));
    if (!fd_) return fail("cannot open camera " + device_ + ": " + errno_text());

    v4l2_capability capability{};
    if (xioctl(fd_.get(), VIDIOC_QUERYCAP, &capability) != 0) {
        return fail(device_ + " is not a V4L2 device: " + errno_text());
    }
    card_ = reinterpret_cast<const char*>(capability.card);
    const std::uint32_t caps = (capability.capabilities & V4L2_CAP_DEVICE_CAPS)
                                   ? capability.device_caps
                                   : capability.capabilities;
    if (!(caps & V4L2_CAP_VIDEO_CAPTURE))
        return fail(device_ + " (" + card_ + ") cannot capture video");
    if (!(caps & V4L2_CAP_STREAMING)) return fail(device_ + " (" + card_ + ") cannot stream");

    const auto chosen = choose_format(offered_modes(), options_.width, options_.height);
    if (!chosen) return fail(device_ + " (" + card_ + ") offers neither YUYV nor MJPEG");

    v4l2_format format{};
    format.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    format.fmt.pix.width = static_cast<std::uint32_t>(chosen->width);
    format.fmt.pix.height = static_cast<std::uint32_t>(chosen->height);
    format.fmt.pix.pixelformat =
        chosen->format == CameraPixelFormat::Yuyv ? V4L2_PIX_FMT_YUYV : V4L2_PIX_FMT_MJPEG;
    format.fmt.pix.field = V4L2_FIELD_NONE;
    if (xioctl(fd_.get(), VIDIOC_S_FMT, &format) != 0) {
        return fail("cannot set " + std::string(format_name(chosen->format)) + " on " + device_ +
                    ": " + errno_text());
    }
    // The driver may adjust what we asked for; trust what it says it set.
    mode_ = *chosen;
    mode_.width = static_cast<int>(format.fmt.pix.width);
    mode_.height = static_cast<int>(format.fmt.pix.height);
    if (format.fmt.pix.pixelformat == V4L2_PIX_FMT_YUYV) {
        mode_.format = CameraPixelFormat::Yuyv;
    } else if (format.fmt.pix.pixelformat == V4L2_PIX_FMT_MJPEG ||
               format.fmt.pix.pixelformat == V4L2_PIX_FMT_JPEG) {
        mode_.format = CameraPixelFormat::Mjpeg;
    } else {
        return fail(device_ + " switched to a pixel format we cannot read");
    }
    stride_ = static_cast<int>(format.fmt.pix.bytesperline);
    if (mode_.format == CameraPixelFormat::Yuyv && stride_ < 2 * mode_.width)
        stride_ = 2 * mode_.width;

    v4l2_requestbuffers request{};
    request.count = buffer_count;
    request.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    request.memory = V4L2_MEMORY_MMAP;
    if (xioctl(fd_.get(), VIDIOC_REQBUFS, &request) != 0 || request.count < 2) {
        return fail("cannot get capture buffers from " + device_ + ": " + errno_text());
    }
    buffers_.reserve(request.count);
    for (std::uint32_t index = 0; index < request.count; ++index) {
        v4l2_buffer buffer{};
        buffer.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        buffer.memory = V4L2_MEMORY_MMAP;
        buffer.index = index;
        if (xioctl(fd_.get(), VIDIOC_QUERYBUF, &buffer) != 0)
            return fail("cannot query buffer: " + errno_text());
        void* start = ::mmap(nullptr, buffer.length, PROT_READ | PROT_WRITE, MAP_SHARED, fd_.get(),
                             buffer.m.offset);
        if (start == MAP_FAILED) return fail("cannot map capture buffer: " + errno_text());
        buffers_.emplace_back(start, buffer.length);
        if (xioctl(fd_.get(), VIDIOC_QBUF, &buffer) != 0)
            return fail("cannot queue buffer: " + errno_text());
    }
    v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    if (xioctl(fd_.get(), VIDIOC_STREAMON, &type) != 0) {
        return fail("cannot start streaming from " + device_ + ": " + errno_text());
    }
    streaming_ = true;
    return true;
}

FrameRead V4l2FrameSource::read(std::chrono::milliseconds timeout) {
    FrameRead result;
    const auto unavailable = [&](std::string message) {
        fail(message);
        result.status = FrameRead::Status::Unavailable;
        result.message = std::move(message);
        return std::move(result);
    };
    if (!error_.empty()) {
        result.status = FrameRead::Status::Unavailable;
        result.message = error_;
        return result;
    }
    fd_set readable;
    FD_ZERO(&readable);
    FD_SET(fd_.get(), &readable);
    timeval wait{};
    wait.tv_sec = static_cast<time_t>(timeout.count() / 1000);
    wait.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
    const int ready = ::select(fd_.get() + 1, &readable, nullptr, nullptr, &wait);
    if (ready < 0) {
        if (errno == EINTR) return result;
        return unavailable("camera " + device_ + " failed: " + errno_text());
    }
    if (ready == 0) return result;

    v4l2_buffer buffer{};
    buffer.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    buffer.memory = V4L2_MEMORY_MMAP;
    if (xioctl(fd_.get(), VIDIOC_DQBUF, &buffer) != 0) {
        if (errno == EAGAIN) return result;
        if (device_gone(errno))
            return unavailable("camera " + device_ + " (" + card_ + ") was unplugged");
        return unavailable("camera " + device_ + " stopped: " + errno_text());
    }
    if (buffer.index >= buffers_.size())
        return unavailable("camera " + device_ + " returned a bad buffer");
    const auto* data = static_cast<const std::uint8_t*>(buffers_[buffer.index].start);
    const std::size_t bytes =
        std::min<std::size_t>(buffer.bytesused, buffers_[buffer.index].length);
    const std::int64_t captured = steady_now_ms();
    Result<> converted;
    if (buffer.flags & V4L2_BUF_FLAG_ERROR) {
        converted = Failure{"the driver marked the frame as damaged"};
    } else if (mode_.format == CameraPixelFormat::Yuyv) {
        converted = yuyv_to_gray(data, bytes, mode_.width, mode_.height, stride_, result.frame);
    } else {
        converted = jpeg_.convert(data, bytes, result.frame);
    }
    // The buffer goes back to the driver before anything else, converted or not.
    if (xioctl(fd_.get(), VIDIOC_QBUF, &buffer) != 0) {
        if (device_gone(errno))
            return unavailable("camera " + device_ + " (" + card_ + ") was unplugged");
        return unavailable("camera " + device_ + " stopped: " + errno_text());
    }
    if (!converted) {
        result.status = FrameRead::Status::NoFrameYet;  // one bad frame; the next will do
        result.message = converted.error().message;
        result.frame = {};
        return result;
    }
    result.status = FrameRead::Status::Frame;
    result.frame.captured_ms = captured;
    result.frame.sequence = ++sequence_;
    return result;
}

std::string V4l2FrameSource::describe() const {
    if (!error_.empty())
        return "camera " + (device_.empty() ? options_.device : device_) + " (" + error_ + ")";
    std::string text = device_ + " (" + card_ + ") " + std::to_string(mode_.width) + "x" +
                       std::to_string(mode_.height) + " " + format_name(mode_.format);
    if (mode_.max_fps > 0)
        text += " up to " + std::to_string(static_cast<int>(std::lround(mode_.max_fps))) + " fps";
    return text;
}

}  // namespace uketsuke::platform
