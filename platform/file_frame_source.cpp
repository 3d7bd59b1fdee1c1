#include "platform/file_frame_source.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <system_error>
#include <thread>

#include "kiosk/image/image.hpp"

namespace uketsuke::platform {

namespace {

bool is_image(const std::filesystem::path& path) {
    std::string extension = path.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return extension == ".png" || extension == ".jpg" || extension == ".jpeg";
}

}  // namespace

FileFrameSource::FileFrameSource(FileFrameSourceOptions options) : options_(std::move(options)) {
    std::error_code error;
    const auto status = std::filesystem::status(options_.path, error);
    if (error || !std::filesystem::exists(status)) {
        error_ = "no such folder or image: " + options_.path.string();
        return;
    }
    if (std::filesystem::is_directory(status)) {
        for (std::filesystem::directory_iterator it(options_.path, error), end; !error && it != end;
             it.increment(error)) {
            if (it->is_regular_file(error) && is_image(it->path())) files_.push_back(it->path());
        }
        if (error) {
            error_ = "cannot list " + options_.path.string() + ": " + error.message();
            files_.clear();
            return;
        }
        std::sort(files_.begin(), files_.end());
        if (files_.empty()) error_ = "no PNG or JPEG images in " + options_.path.string();
    } else {
        files_.push_back(options_.path);
        options_.loop = true;
    }
}

FrameRead FileFrameSource::read(std::chrono::milliseconds timeout) {
    FrameRead result;
    if (!error_.empty()) {
        result.status = FrameRead::Status::Unavailable;
        result.message = error_;
        return result;
    }
    if (next_ >= files_.size()) {
        if (!options_.loop) {
            result.status = FrameRead::Status::Finished;
            result.message = "played all " + std::to_string(files_.size()) + " frames";
            return result;
        }
        next_ = 0;
    }
    const std::int64_t now = steady_now_ms();
    if (options_.fps > 0) {
        if (started_ms_ < 0) started_ms_ = now;
        const auto due = started_ms_ + static_cast<std::int64_t>(
                                           std::llround(scheduled_ * 1000.0 / options_.fps));
        if (due - now > timeout.count()) {
            std::this_thread::sleep_for(timeout);
            result.status = FrameRead::Status::NoFrameYet;
            return result;
        }
        if (due > now) std::this_thread::sleep_for(std::chrono::milliseconds(due - now));
        // A reader that fell far behind starts a fresh schedule instead of getting a burst.
        if (now - due > 1000) {
            started_ms_ = now;
            scheduled_ = 0;
        }
        ++scheduled_;
    }
    const std::filesystem::path& file = files_[next_++];
    const auto decoded = image::read_image(file, 1);
    if (!decoded) {
        // One bad file does not end the show: report it and go on with the next.
        result.status = FrameRead::Status::NoFrameYet;
        result.message = decoded.error().message;
        return result;
    }
    const auto pixels = decoded.value().pixels();
    result.status = FrameRead::Status::Frame;
    result.frame.width = decoded.value().width();
    result.frame.height = decoded.value().height();
    result.frame.pixels.assign(pixels.begin(), pixels.end());
    result.frame.captured_ms = steady_now_ms();
    result.frame.sequence = ++sequence_;
    return result;
}

std::string FileFrameSource::describe() const {
    std::string text = "files " + options_.path.string();
    if (!error_.empty()) return text + " (" + error_ + ")";
    text += " (" + std::to_string(files_.size()) + (files_.size() == 1 ? " image" : " images");
    if (options_.fps > 0) {
        const auto whole = static_cast<long long>(options_.fps);
        text += ", " +
                (static_cast<double>(whole) == options_.fps ? std::to_string(whole)
                                                            : std::to_string(options_.fps)) +
                " fps";
    }
    if (options_.loop) text += ", looping";
    return text + ")";
}

}  // namespace uketsuke::platform
