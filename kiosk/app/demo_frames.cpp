#include "kiosk/app/demo_frames.hpp"

#include <fmt/format.h>
#include <stb_image_write.h>
#include <sys/stat.h>

#include <cmath>
#include <system_error>

#include "kiosk/core/store/files.hpp"
#include "kiosk/core/tickets/qr.hpp"

namespace uketsuke::app {
namespace {

constexpr int kWidth = 1280;
constexpr int kHeight = 720;

// A desk-like gray background with a ticket pasted in, turned by `degrees`.
std::vector<std::uint8_t> frame_with(const std::string& payload, double degrees, int center_x,
                                     int center_y) {
    std::vector<std::uint8_t> frame(static_cast<std::size_t>(kWidth) * kHeight);
    for (int y = 0; y < kHeight; ++y) {
        for (int x = 0; x < kWidth; ++x) {
            frame[static_cast<std::size_t>(y) * kWidth + x] =
                static_cast<std::uint8_t>(90 + (x + y) % 40 / 4);
        }
    }
    if (payload.empty()) return frame;
    const auto matrix = make_qr(payload, QrLevel::M);
    if (!matrix) return frame;
    int width = 0;
    const std::vector<unsigned char> ticket = render_gray(*matrix, 7, 4, &width);
    const double angle = degrees * 3.14159265358979 / 180.0;
    const double c = std::cos(angle);
    const double s = std::sin(angle);
    const int half = width / 2;
    const int reach = static_cast<int>(half * 1.5);
    for (int y = -reach; y <= reach; ++y) {
        for (int x = -reach; x <= reach; ++x) {
            // Inverse rotation: which ticket pixel lands here.
            const int u = static_cast<int>(std::lround(c * x + s * y)) + half;
            const int v = static_cast<int>(std::lround(-s * x + c * y)) + half;
            const int fx = center_x + x;
            const int fy = center_y + y;
            if (u < 0 || v < 0 || u >= width || v >= width || fx < 0 || fy < 0 || fx >= kWidth ||
                fy >= kHeight)
                continue;
            frame[static_cast<std::size_t>(fy) * kWidth + fx] =
                ticket[static_cast<std::size_t>(v) * width + u];
        }
    }
    return frame;
}

}  // namespace

std::string write_demo_frames(const std::filesystem::path& dir,
                              const std::vector<std::string>& payloads) {
    // The frames show real tickets of the demo event (bearer credentials like the ticket files):
    // a private folder, each frame 0600. Frames an older build left open to others are closed.
    if (auto error = create_private_folder(dir, /*tighten=*/true); !error.empty()) return error;
    if (std::filesystem::exists(dir / "frame-000.png")) {
        std::error_code error;
        for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
            if (entry.path().extension() == ".png" && !entry.is_symlink() &&
                ::chmod(entry.path().c_str(), 0600) != 0) {
                return fmt::format("{}: cannot make the frame private", entry.path().string());
            }
        }
        return {};
    }
    // Each arrival: 3 empty frames, then the ticket for 3 frames (the kiosk counts it once).
    std::vector<std::string> sequence;
    for (const auto& payload : payloads) {
        sequence.insert(sequence.end(), 3, std::string());
        sequence.insert(sequence.end(), 3, payload);
    }
    // Someone scans again to find their table, and someone holds up a Wi-Fi code.
    if (!payloads.empty()) {
        sequence.insert(sequence.end(), 12, std::string());
        sequence.insert(sequence.end(), 3, payloads.front());
    }
    sequence.insert(sequence.end(), 12, std::string());
    sequence.insert(sequence.end(), 3, std::string("WIFI:S:venue-guest;T:WPA;P:welcome2026;;"));
    sequence.insert(sequence.end(), 12, std::string());
    const auto append = [](void* context, void* data, int size) {
        static_cast<std::string*>(context)->append(static_cast<const char*>(data),
                                                   static_cast<std::size_t>(size));
    };
    for (std::size_t i = 0; i < sequence.size(); ++i) {
        const double degrees = static_cast<double>(i % 7) * 4.0 - 12.0;
        const auto frame =
            frame_with(sequence[i], degrees, 640 + static_cast<int>(i % 5) * 20 - 40, 360);
        const auto path = dir / fmt::format("frame-{:03d}.png", i);
        // Encoded in memory and written through files.hpp: stb's own writer uses fopen, which
        // leaves the mode to the umask and follows a symlink planted at the name.
        std::string png;
        if (stbi_write_png_to_func(append, &png, kWidth, kHeight, 1, frame.data(), kWidth) == 0)
            return fmt::format("cannot encode {}", path.string());
        if (auto error = write_file_atomically(path, png); !error.empty()) return error;
    }
    return {};
}

}  // namespace uketsuke::app
