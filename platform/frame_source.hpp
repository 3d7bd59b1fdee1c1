#pragma once
// Where gray frames come from: a V4L2 camera (v4l2_camera.hpp) or a folder of images
// (file_frame_source.hpp, for tests and demos). A source is used by one thread at a time.

#include <chrono>
#include <string>

#include "platform/frame.hpp"

namespace uketsuke::platform {

struct FrameRead {
    enum class Status {
        Frame,        // `frame` holds a new picture
        NoFrameYet,   // nothing within the timeout (or a frame was dropped); ask again
        Unavailable,  // the device is gone or never opened; `message` says why. Reopen to retry.
        Finished,     // a file source played through and does not loop
    };
    Status status = Status::NoFrameYet;
    GrayFrame frame;
    std::string message;
};

class FrameSource {
public:
    virtual ~FrameSource();
    // Waits at most `timeout`. Never throws for a device or file problem: that is a status.
    [[nodiscard]] virtual FrameRead read(std::chrono::milliseconds timeout) = 0;
    // For logs and the staff screen: "/dev/video0 (USB Camera) 1280x720 MJPEG".
    [[nodiscard]] virtual std::string describe() const = 0;
};

}  // namespace uketsuke::platform
