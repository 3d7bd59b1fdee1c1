#include "platform/scanner.hpp"

#include <algorithm>
#include <exception>
#include <utility>

#include "platform/debouncer.hpp"
#include "platform/qr_reader.hpp"

namespace uketsuke::platform {

CameraScanner::CameraScanner(FrameSourceFactory factory, CameraScannerOptions options)
    : factory_(std::move(factory)), options_(std::move(options)), scans_([this] { wake(); }) {
    if (!options_.decoder) {
        // The retry pipeline; only the decode thread calls it, so one reader is enough.
        auto reader = std::make_shared<QrReader>();
        options_.decoder = [reader](GrayView frame) {
            return reader->read(frame, steady_now_ms());
        };
    }
    capture_thread_ = std::thread([this] { capture_loop(); });
    try {
        decode_thread_ = std::thread([this] { decode_loop(); });
    } catch (...) {
        stop();
        throw;
    }
}

CameraScanner::~CameraScanner() { stop(); }

void CameraScanner::stop() noexcept {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    // A thread cannot join itself; stop() from inside `wake` or the decoder would be a caller bug.
    if (capture_thread_.joinable() && capture_thread_.get_id() != std::this_thread::get_id()) {
        capture_thread_.join();
    }
    if (decode_thread_.joinable() && decode_thread_.get_id() != std::this_thread::get_id()) {
        decode_thread_.join();
    }
}

std::vector<ScanEvent> CameraScanner::take_scans() { return scans_.take_all(); }

std::optional<GrayFrame> CameraScanner::take_preview() {
    std::lock_guard lock(mutex_);
    return std::exchange(preview_, std::nullopt);
}

ScannerStatus CameraScanner::status() const {
    std::lock_guard lock(mutex_);
    return status_;
}

CodeSighting CameraScanner::sighting() const {
    std::lock_guard lock(mutex_);
    CodeSighting sighting = sighting_;
    sighting.seen =
        last_code_ms_ >= 0 && steady_now_ms() - last_code_ms_ < options_.sighting_window.count();
    if (!sighting.seen) sighting.corners.clear();
    return sighting;
}

ScannerStats CameraScanner::stats() const {
    std::lock_guard lock(mutex_);
    return stats_;
}

void CameraScanner::wake() const {
    if (!options_.wake) return;
    try {
        options_.wake();
    } catch (...) {
        // The app's callback failing must not take the camera down with it.
    }
}

void CameraScanner::set_status(ScannerStatus::State state, std::string message) {
    {
        std::lock_guard lock(mutex_);
        if (status_.state == state && status_.message == message) return;
        status_ = {state, std::move(message)};
    }
    wake();
}

bool CameraScanner::wait_or_stop(std::chrono::milliseconds delay) {
    std::unique_lock lock(mutex_);
    return !changed_.wait_for(lock, delay, [this] { return stopping_; });
}

void CameraScanner::capture_loop() {
    std::unique_ptr<FrameSource> source;
    auto backoff = options_.reconnect_first;
    bool first_attempt = true;
    const auto give_up_on_source = [&](ScannerStatus::State state, std::string message) {
        source.reset();
        set_status(state, message + "; retrying in " + std::to_string(backoff.count()) + " ms");
        const bool go_on = wait_or_stop(backoff);
        backoff = std::min(backoff * 2, options_.reconnect_max);
        return go_on;
    };

    for (;;) {
        {
            std::lock_guard lock(mutex_);
            if (stopping_) break;
        }
        if (!source) {
            if (!first_attempt) {
                std::lock_guard lock(mutex_);
                ++stats_.reconnects;
            }
            first_attempt = false;
            std::string failure;
            try {
                source = factory_();
            } catch (const std::exception& error) {
                failure = error.what();
            } catch (...) {
                failure = "the camera could not be opened";
            }
            if (!source) {
                const bool none = failure.empty();
                if (!give_up_on_source(
                        none ? ScannerStatus::State::NoCamera : ScannerStatus::State::Reconnecting,
                        none ? "no camera found" : failure)) {
                    break;
                }
                continue;
            }
        }

        FrameRead read;
        try {
            read = source->read(options_.read_timeout);
        } catch (const std::exception& error) {
            read.status = FrameRead::Status::Unavailable;
            read.message = error.what();
        } catch (...) {
            read.status = FrameRead::Status::Unavailable;
            read.message = "the camera failed";
        }
        switch (read.status) {
            case FrameRead::Status::Frame:
                backoff = options_.reconnect_first;
                set_status(ScannerStatus::State::Running, source->describe());
                publish_frame(std::move(read));
                break;
            case FrameRead::Status::NoFrameYet:
                break;
            case FrameRead::Status::Unavailable:
                if (!give_up_on_source(
                        ScannerStatus::State::Reconnecting,
                        read.message.empty() ? "the camera stopped answering" : read.message)) {
                    source.reset();
                    return;
                }
                break;
            case FrameRead::Status::Finished: {
                set_status(ScannerStatus::State::Finished, read.message);
                std::unique_lock lock(mutex_);
                changed_.wait(lock, [this] { return stopping_; });
                break;
            }
        }
    }
    source.reset();
}

void CameraScanner::publish_frame(FrameRead&& read) {
    GrayFrame& frame = read.frame;
    std::optional<GrayFrame> preview;
    const std::int64_t now = steady_now_ms();
    bool preview_due = false;
    if (options_.preview_max_width > 0) {
        std::lock_guard lock(mutex_);
        const double interval = options_.preview_fps > 0 ? 1000.0 / options_.preview_fps : 0.0;
        preview_due = static_cast<double>(now - last_preview_ms_) >= interval;
        if (preview_due) last_preview_ms_ = now;
    }
    if (preview_due) {
        // Downscaled here, outside the lock and off the UI thread.
        preview = downscale(frame.view(), options_.preview_max_width);
        preview->captured_ms = frame.captured_ms;
        preview->sequence = frame.sequence;
    }
    {
        std::unique_lock lock(mutex_);
        if (options_.every_frame) {
            changed_.wait(lock, [this] { return stopping_ || !newest_.has_value(); });
        }
        ++stats_.frames_read;
        if (newest_) ++stats_.frames_skipped;
        newest_ = std::move(frame);
        if (preview) preview_ = std::move(preview);
    }
    changed_.notify_all();
    if (preview_due) wake();
}

void CameraScanner::decode_loop() {
    Debouncer debouncer(options_.debounce);
    Agreement agreement;
    std::uint64_t frame_number = 0;
    for (;;) {
        GrayFrame frame;
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [this] { return stopping_ || newest_.has_value(); });
            if (stopping_) return;
            frame = std::move(*newest_);
            newest_.reset();
        }
        changed_.notify_all();  // a capture waiting to hand over the next frame (every_frame)
        const auto started = std::chrono::steady_clock::now();
        std::vector<DecodedCode> codes;
        try {
            codes = options_.decoder(frame.view());
        } catch (...) {
            codes.clear();  // a decoder failure costs this frame only
        }
        const auto finished = std::chrono::steady_clock::now();
        const auto decode_time =
            std::chrono::duration_cast<std::chrono::microseconds>(finished - started);
        const std::int64_t now = steady_now_ms();

        bool cue_changed = false;
        {
            std::lock_guard lock(mutex_);
            ++stats_.frames_decoded;
            if (!codes.empty()) {
                cue_changed = !sighting_announced_;
                sighting_announced_ = true;
                last_code_ms_ = now;
                sighting_.frame_width = frame.width;
                sighting_.frame_height = frame.height;
                sighting_.corners.clear();
                for (const DecodedCode& code : codes) sighting_.corners.push_back(code.corners);
            } else if (sighting_announced_ &&
                       now - last_code_ms_ >= options_.sighting_window.count()) {
                sighting_announced_ = false;
                cue_changed = true;
            }
        }
        ++frame_number;
        for (DecodedCode& code : codes) {
            if (!agreement.agree(code.text, code.needs_agreement(), frame_number,
                                 std::chrono::milliseconds(now))) {
                continue;  // a retry's read waits for a second frame to agree
            }
            if (!debouncer.accept(code.text, std::chrono::milliseconds(now))) continue;
            ScanEvent event;
            event.text = std::move(code.text);
            event.source = ScanSource::Camera;
            event.wall_ms = wall_now_ms();
            event.steady_ms = now;
            event.decode_time = decode_time;
            event.decode_latency = std::chrono::microseconds((now - frame.captured_ms) * 1000);
            if (event.decode_latency < decode_time) event.decode_latency = decode_time;
            scans_.push(std::move(event));  // wakes
        }
        if (cue_changed) wake();
    }
}

}  // namespace uketsuke::platform
