#pragma once
// Frames from image files: a folder of PNG/JPEG files played in name order at a steady rate,
// or one image repeated. Lets the kiosk run its whole scan path without a camera (tests,
// demos, CI). Decoded (kiosk/image) one file at a time, so a long folder costs no memory.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "platform/frame_source.hpp"

namespace uketsuke::platform {

struct FileFrameSourceOptions {
    std::filesystem::path path;  // a folder of .png/.jpg/.jpeg, or one image file
    double fps = 10;             // <= 0: as fast as the reader asks
    bool loop = false;           // a single image always repeats
};

class FileFrameSource final : public FrameSource {
public:
    // Never throws: a missing or empty folder makes every read() Unavailable with a message.
    explicit FileFrameSource(FileFrameSourceOptions options);

    [[nodiscard]] FrameRead read(std::chrono::milliseconds timeout) override;
    [[nodiscard]] std::string describe() const override;

    [[nodiscard]] const std::vector<std::filesystem::path>& files() const noexcept {
        return files_;
    }
    [[nodiscard]] const std::string& error() const noexcept { return error_; }

private:
    FileFrameSourceOptions options_;
    std::vector<std::filesystem::path> files_;
    std::string error_;
    std::size_t next_ = 0;
    std::uint64_t sequence_ = 0;
    std::int64_t started_ms_ = -1;  // steady time of the first frame; the schedule hangs off it
    std::uint64_t scheduled_ = 0;   // frames handed out since started_ms_
};

}  // namespace uketsuke::platform
