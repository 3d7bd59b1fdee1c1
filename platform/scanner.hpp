#pragma once
// The camera half of scanning: a worker that reads frames, decodes the newest one, debounces,
// and publishes scans, a preview and its status for the UI thread to pick up without waiting.
//
//   capture thread: source.read() -> newest-frame slot (a frame still waiting there is
//                   replaced, never queued) -> preview (downscaled, rate-capped)
//   decode thread:  slot -> decode -> debounce -> scan queue, "reading" cue
//
// Two threads so a slow decode never stalls the camera (a V4L2 driver drops or stalls when its
// buffers are not returned) and the decoder always sees the latest picture. When the source
// reports Unavailable (camera unplugged) or the factory fails, the capture thread calls the
// factory again after 0.5 s, doubling up to 5 s, until it gets a working source.
//
// Every public member may be called from any thread. `wake` is called from the worker threads
// whenever there is something new to take (a scan, a preview, a status or cue change); the
// app turns it into an event for its loop, so the loop can sleep otherwise.

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "platform/decoder.hpp"
#include "platform/frame_source.hpp"
#include "platform/scan_event.hpp"

namespace uketsuke::platform {

struct ScannerStatus {
    enum class State {
        Starting,      // the first source is being opened
        Running,       // frames are arriving
        NoCamera,      // the factory found nothing to open (returned null); it keeps looking
        Reconnecting,  // the source failed or went away; `message` says why, retrying
        Finished,      // a file source played through
    };
    State state = State::Starting;
    std::string message;
};

struct CodeSighting {
    bool seen = false;  // a code was decoded within CameraScannerOptions::sighting_window
    std::vector<std::array<FramePoint, 4>> corners;  // of each code, in frame pixels
    int frame_width = 0, frame_height = 0;           // to map corners onto the preview
};

struct ScannerStats {
    std::uint64_t frames_read = 0;
    std::uint64_t frames_decoded = 0;
    std::uint64_t frames_skipped = 0;  // replaced by a newer frame before the decoder got to them
    std::uint64_t reconnects = 0;      // factory calls after the first
};

using Decoder = std::function<std::vector<DecodedCode>(GrayView)>;
using FrameSourceFactory = std::function<std::unique_ptr<FrameSource>()>;

struct CameraScannerOptions {
    std::chrono::milliseconds debounce{3000};
    std::chrono::milliseconds sighting_window{300};
    int preview_max_width = 640;  // 0: no preview
    double preview_fps = 15;      // cap; <= 0: every frame
    std::chrono::milliseconds read_timeout{100};
    std::chrono::milliseconds reconnect_first{500};
    std::chrono::milliseconds reconnect_max{5000};
    // empty: QrReader (plain ZXing, then the gated retry; tests put a slow one here). Codes read
    // only by a retry (needs_agreement) are scans once a second frame reads the same text.
    Decoder decoder;
    std::function<void()> wake;
    // A live camera's old frame is worth nothing once a newer one exists, so a busy decoder
    // skips frames. A folder of frames (demos, tests) is a recording: every frame is decoded,
    // the capture waiting for the decoder, so what it reads does not depend on machine load.
    bool every_frame = false;
};

class CameraScanner {
public:
    // Starts the worker threads at once. The factory is called on the capture thread; it may
    // return null (no camera: status NoCamera) or throw (status Reconnecting with its message).
    explicit CameraScanner(FrameSourceFactory factory, CameraScannerOptions options = {});
    ~CameraScanner();
    CameraScanner(const CameraScanner&) = delete;
    CameraScanner& operator=(const CameraScanner&) = delete;

    // Joins both threads; the source is closed on the capture thread before it ends. Idempotent.
    void stop() noexcept;

    [[nodiscard]] std::vector<ScanEvent> take_scans();
    [[nodiscard]] std::optional<GrayFrame> take_preview();  // only when there is a new one
    [[nodiscard]] ScannerStatus status() const;
    [[nodiscard]] CodeSighting sighting() const;
    [[nodiscard]] ScannerStats stats() const;

private:
    void capture_loop();
    void decode_loop();
    void publish_frame(FrameRead&& read);
    void set_status(ScannerStatus::State state, std::string message);
    bool wait_or_stop(std::chrono::milliseconds delay);
    void wake() const;

    FrameSourceFactory factory_;
    CameraScannerOptions options_;
    ScanQueue scans_;

    mutable std::mutex mutex_;  // guards everything below up to the threads
    std::condition_variable changed_;
    bool stopping_ = false;
    std::optional<GrayFrame> newest_;   // waiting for the decoder
    std::optional<GrayFrame> preview_;  // waiting for the UI
    std::int64_t last_preview_ms_ = 0;
    ScannerStatus status_;
    CodeSighting sighting_;
    std::int64_t last_code_ms_ = -1;  // steady time of the last decoded code
    bool sighting_announced_ = false;
    ScannerStats stats_;

    std::thread capture_thread_;
    std::thread decode_thread_;
};

}  // namespace uketsuke::platform
