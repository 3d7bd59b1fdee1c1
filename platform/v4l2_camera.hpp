#pragma once
// A UVC webcam through V4L2: memory-mapped streaming of YUYV or MJPEG, turned into gray frames.
// What it does: finds a capture device, picks a format near 1280x720, streams with four mmap
// buffers, reports an unplugged camera as Unavailable. What it doesn't: reopen (CameraScanner
// calls its factory again), exposure or focus controls, or any other pixel format.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/file_descriptor.hpp"
#include "platform/frame_source.hpp"

namespace uketsuke::platform {

enum class CameraPixelFormat { Yuyv, Mjpeg };

struct CameraMode {
    CameraPixelFormat format = CameraPixelFormat::Yuyv;
    int width = 0, height = 0;
    double max_fps = 0;  // 0 when the driver does not say
    friend bool operator==(const CameraMode&, const CameraMode&) = default;
};

// The mode to ask for: the size nearest want_w x want_h (by area ratio, so 1920x1080 beats
// 640x480 for a 1280x720 wish; on a tie the larger); at that size a format that reaches 15 fps,
// and of those YUYV, which costs no JPEG decode and has no compression artefacts at module
// edges. Many webcams offer YUYV at 720p only at 5-10 fps over USB 2, where MJPEG does 30.
// nullopt when nothing usable is offered.
[[nodiscard]] std::optional<CameraMode> choose_format(const std::vector<CameraMode>& offered,
                                                      int want_w = 1280, int want_h = 720);

// The first /dev/video* (in numeric order) that is a streaming video capture device; "" if none.
// Several nodes belong to one UVC camera; its metadata node is skipped by this test.
[[nodiscard]] std::string find_capture_device();

struct V4l2Options {
    std::string device;  // "" = find_capture_device()
    int width = 1280, height = 720;
};

class V4l2FrameSource final : public FrameSource {
public:
    // Opens and starts streaming. Never throws for device trouble: is_open() is false and every
    // read() returns Unavailable with the reason.
    explicit V4l2FrameSource(V4l2Options options);
    ~V4l2FrameSource() override;
    V4l2FrameSource(const V4l2FrameSource&) = delete;
    V4l2FrameSource& operator=(const V4l2FrameSource&) = delete;

    [[nodiscard]] FrameRead read(std::chrono::milliseconds timeout) override;
    [[nodiscard]] std::string describe() const override;

    [[nodiscard]] bool is_open() const noexcept { return error_.empty(); }
    [[nodiscard]] const std::string& error() const noexcept { return error_; }
    [[nodiscard]] const CameraMode& mode() const noexcept { return mode_; }

private:
    struct MappedBuffer {
        void* start = nullptr;
        std::size_t length = 0;
        MappedBuffer() = default;
        MappedBuffer(void* start, std::size_t length) noexcept : start(start), length(length) {}
        ~MappedBuffer();
        MappedBuffer(MappedBuffer&& other) noexcept;
        MappedBuffer& operator=(MappedBuffer&&) = delete;
        MappedBuffer(const MappedBuffer&) = delete;
        MappedBuffer& operator=(const MappedBuffer&) = delete;
    };

    bool open_device();
    bool fail(std::string message);
    std::vector<CameraMode> offered_modes() const;

    V4l2Options options_;
    std::string device_;
    std::string card_;  // the driver's name for the camera
    FileDescriptor fd_;
    std::vector<MappedBuffer> buffers_;  // destroyed before fd_ closes (declared after it)
    bool streaming_ = false;
    CameraMode mode_;
    int stride_ = 0;
    JpegToGray jpeg_;
    std::string error_;
    std::uint64_t sequence_ = 0;
};

}  // namespace uketsuke::platform
