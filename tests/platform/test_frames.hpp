#pragma once
// Synthetic camera frames for the platform tests: our own tickets drawn as QR codes onto a
// textured background, then rotated, blurred, faded. Header-only: the test CMake compiles only
// *_test.cpp files here.

#include <stb_image_write.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "kiosk/core/tickets/qr.hpp"
#include "kiosk/core/tickets/ticket.hpp"
#include "platform/frame.hpp"

namespace uketsuke::platform::testing {

// A signed ticket of a fixed test event, like the ones the organizer prints.
inline std::string ticket_text(const std::string& participant_id, std::uint32_t generation = 1) {
    std::array<unsigned char, 32> seed{};
    seed[0] = 42;
    static const KeyPair keys = key_pair_from_seed(seed);
    EventId event{};
    for (std::size_t i = 0; i < event.size(); ++i) event[i] = static_cast<unsigned char>(i * 7 + 3);
    return issue_ticket(keys.secret_key, event, participant_id, generation);
}

// A mid-gray background with a soft gradient and fixed pseudo-random speckle, closer to a camera
// picture of a kiosk's surroundings than a flat fill.
inline GrayFrame background(int width = 1280, int height = 720, unsigned seed = 1) {
    GrayFrame frame;
    frame.width = width;
    frame.height = height;
    frame.pixels.resize(static_cast<std::size_t>(width) * height);
    unsigned state = seed * 2654435761u + 1;
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            state = state * 1664525u + 1013904223u;
            const int noise = static_cast<int>((state >> 24) % 21) - 10;
            const int base = 110 + (x * 40) / width + (y * 30) / height;
            frame.pixels[static_cast<std::size_t>(y) * width + x] =
                static_cast<std::uint8_t>(std::clamp(base + noise, 0, 255));
        }
    }
    return frame;
}

struct Placement {
    int module_pixels = 6;
    double center_x = 640, center_y = 360;
    double degrees = 0;
    std::uint8_t dark = 20, light = 235;  // the printed code's ink and paper
};

// Draws `text` as a QR code (level M, 4-module quiet zone) with bilinear sampling.
// Returns false if the text does not fit a QR code.
inline bool paste_code(GrayFrame& frame, const std::string& text, const Placement& placement) {
    const auto qr = make_qr(text, QrLevel::M);
    if (!qr) return false;
    int side = 0;
    const std::vector<unsigned char> code = render_gray(*qr, placement.module_pixels, 4, &side);
    if (side == 0) return false;
    const double radians = placement.degrees * 3.14159265358979323846 / 180.0;
    const double cosine = std::cos(radians), sine = std::sin(radians);
    const double half = side / 2.0;
    const int reach = static_cast<int>(std::ceil(half * 1.5)) + 2;
    const auto sample = [&](int x, int y) {
        return code[static_cast<std::size_t>(y) * side + x] / 255.0;
    };
    for (int y = static_cast<int>(placement.center_y) - reach;
         y <= static_cast<int>(placement.center_y) + reach; ++y) {
        if (y < 0 || y >= frame.height) continue;
        for (int x = static_cast<int>(placement.center_x) - reach;
             x <= static_cast<int>(placement.center_x) + reach; ++x) {
            if (x < 0 || x >= frame.width) continue;
            const double dx = x + 0.5 - placement.center_x, dy = y + 0.5 - placement.center_y;
            const double u = cosine * dx + sine * dy + half - 0.5;
            const double v = -sine * dx + cosine * dy + half - 0.5;
            if (u < 0 || v < 0 || u > side - 1 || v > side - 1) continue;
            const int u0 = static_cast<int>(u), v0 = static_cast<int>(v);
            const int u1 = std::min(u0 + 1, side - 1), v1 = std::min(v0 + 1, side - 1);
            const double fu = u - u0, fv = v - v0;
            const double lightness = (sample(u0, v0) * (1 - fu) + sample(u1, v0) * fu) * (1 - fv) +
                                     (sample(u0, v1) * (1 - fu) + sample(u1, v1) * fu) * fv;
            const double value = placement.dark + (placement.light - placement.dark) * lightness;
            frame.pixels[static_cast<std::size_t>(y) * frame.width + x] =
                static_cast<std::uint8_t>(std::lround(value));
        }
    }
    return true;
}

// A (2 * radius + 1)^2 box blur, like a slightly out-of-focus webcam.
inline void box_blur(GrayFrame& frame, int radius) {
    const int width = frame.width, height = frame.height;
    std::vector<std::uint8_t> row_pass(frame.pixels.size());
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            int sum = 0, count = 0;
            for (int k = std::max(0, x - radius); k <= std::min(width - 1, x + radius);
                 ++k, ++count) {
                sum += frame.pixels[static_cast<std::size_t>(y) * width + k];
            }
            row_pass[static_cast<std::size_t>(y) * width + x] =
                static_cast<std::uint8_t>(sum / count);
        }
    }
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            int sum = 0, count = 0;
            for (int k = std::max(0, y - radius); k <= std::min(height - 1, y + radius);
                 ++k, ++count) {
                sum += row_pass[static_cast<std::size_t>(k) * width + x];
            }
            frame.pixels[static_cast<std::size_t>(y) * width + x] =
                static_cast<std::uint8_t>(sum / count);
        }
    }
}

inline GrayFrame frame_with_code(const std::string& text, const Placement& placement = {},
                                 unsigned seed = 1) {
    GrayFrame frame = background(1280, 720, seed);
    paste_code(frame, text, placement);
    return frame;
}

inline bool write_png(const std::filesystem::path& path, const GrayFrame& frame) {
    return stbi_write_png(path.c_str(), frame.width, frame.height, 1, frame.pixels.data(),
                          frame.width) != 0;
}

}  // namespace uketsuke::platform::testing
