#include "kiosk/core/tickets/qr.hpp"

#include <qrencode.h>
#include <stb_image_write.h>

#include <cstring>
#include <memory>

#include "kiosk/core/store/files.hpp"

namespace uketsuke {
namespace {

struct QrCodeFree {
    void operator()(QRcode* code) const noexcept { QRcode_free(code); }
};
using QrCodeOwner = std::unique_ptr<QRcode, QrCodeFree>;

QRecLevel to_qrencode(QrLevel level) {
    switch (level) {
        case QrLevel::L:
            return QR_ECLEVEL_L;
        case QrLevel::M:
            return QR_ECLEVEL_M;
        case QrLevel::Q:
            return QR_ECLEVEL_Q;
        case QrLevel::H:
            return QR_ECLEVEL_H;
    }
    return QR_ECLEVEL_M;
}

constexpr long max_image_width = 16384;

}  // namespace

std::optional<QrMatrix> make_qr(std::string_view text, QrLevel level) {
    // Version 40 holds at most 7089 digits; anything longer cannot fit and is refused before
    // libqrencode spends time trying.
    if (text.empty() || text.size() > 7089) return std::nullopt;
    QrCodeOwner code;
    if (text.find('\0') == std::string_view::npos) {
        // QR_MODE_8 as the hint with case sensitivity on lets libqrencode split the text into
        // numeric, alphanumeric and byte segments, picking the shortest; a ticket payload is all
        // alphanumeric-mode characters and costs 5.5 bits per character instead of 8.
        const std::string terminated(text);
        code.reset(QRcode_encodeString(terminated.c_str(), 0, to_qrencode(level), QR_MODE_8, 1));
    } else {
        // The string API stops at NUL; raw bytes go in whole, in byte mode.
        code.reset(QRcode_encodeData(static_cast<int>(text.size()),
                                     reinterpret_cast<const unsigned char*>(text.data()), 0,
                                     to_qrencode(level)));
    }
    if (!code) return std::nullopt;

    QrMatrix matrix;
    matrix.size = code->width;
    matrix.version = code->version;
    const std::size_t count =
        static_cast<std::size_t>(code->width) * static_cast<std::size_t>(code->width);
    matrix.dark.resize(count);
    // Bit 0 of each byte is the module's colour; the other bits describe what the module is for.
    for (std::size_t i = 0; i < count; ++i) matrix.dark[i] = (code->data[i] & 1) != 0;
    return matrix;
}

std::vector<unsigned char> render_gray(const QrMatrix& matrix, int module_pixels,
                                       int quiet_zone_modules, int* out_width) {
    if (out_width != nullptr) *out_width = 0;
    if (module_pixels < 1 || quiet_zone_modules < 0 || matrix.size < 1) return {};
    const long modules = static_cast<long>(matrix.size) + 2L * quiet_zone_modules;
    if (modules > max_image_width || modules * module_pixels > max_image_width) return {};
    const int width = static_cast<int>(modules * module_pixels);

    std::vector<unsigned char> pixels(
        static_cast<std::size_t>(width) * static_cast<std::size_t>(width), 255);
    for (int y = 0; y < matrix.size; ++y) {
        for (int x = 0; x < matrix.size; ++x) {
            if (!matrix.is_dark(x, y)) continue;
            const int left = (x + quiet_zone_modules) * module_pixels;
            const int top = (y + quiet_zone_modules) * module_pixels;
            for (int row = top; row < top + module_pixels; ++row) {
                std::memset(&pixels[static_cast<std::size_t>(row) * width + left], 0,
                            static_cast<std::size_t>(module_pixels));
            }
        }
    }
    if (out_width != nullptr) *out_width = width;
    return pixels;
}

std::string encode_png(const QrMatrix& matrix, int module_pixels, int quiet_zone, int* out_width) {
    int width = 0;
    if (out_width != nullptr) *out_width = 0;
    const std::vector<unsigned char> pixels =
        render_gray(matrix, module_pixels, quiet_zone, &width);
    if (pixels.empty()) return {};
    // Encoded in memory and written like every file with personal data: a ticket image is a
    // bearer credential, so 0600 and never through a planted symlink (stb's own writer uses
    // fopen, which follows one and leaves the mode to the umask).
    std::string png;
    const auto append = [](void* context, void* data, int size) {
        static_cast<std::string*>(context)->append(static_cast<const char*>(data),
                                                   static_cast<std::size_t>(size));
    };
    if (stbi_write_png_to_func(append, &png, width, width, 1, pixels.data(), width) == 0) return {};
    if (out_width != nullptr) *out_width = width;
    return png;
}

Result<int, std::string> write_png(const QrMatrix& matrix, const std::filesystem::path& path,
                                   int module_pixels, int quiet_zone) {
    int width = 0;
    const std::string png = encode_png(matrix, module_pixels, quiet_zone, &width);
    if (png.empty()) return "cannot draw or encode the QR code for " + path.string();
    if (auto error = write_file_atomically(path, png); !error.empty()) return error;
    return width;
}

std::string to_svg(const QrMatrix& matrix, int quiet_zone) {
    if (quiet_zone < 0) quiet_zone = 0;
    const int total = matrix.size + 2 * quiet_zone;
    const std::string side = std::to_string(total);
    std::string svg;
    svg.reserve(256 +
                static_cast<std::size_t>(matrix.size) * static_cast<std::size_t>(matrix.size) * 3);
    svg += "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + side + " " + side +
           "\" shape-rendering=\"crispEdges\">\n";
    svg += "<rect width=\"" + side + "\" height=\"" + side + "\" fill=\"#fff\"/>\n";
    svg += "<path fill=\"#000\" d=\"";
    // One rectangle per horizontal run of dark modules: a fraction of the size of one per module.
    for (int y = 0; y < matrix.size; ++y) {
        int x = 0;
        while (x < matrix.size) {
            if (!matrix.is_dark(x, y)) {
                ++x;
                continue;
            }
            const int start = x;
            while (x < matrix.size && matrix.is_dark(x, y)) ++x;
            const std::string run = std::to_string(x - start);
            svg += "M" + std::to_string(start + quiet_zone) + " " + std::to_string(y + quiet_zone) +
                   "h" + run + "v1h-" + run + "z";
        }
    }
    svg += "\"/>\n</svg>\n";
    return svg;
}

std::string to_terminal(const QrMatrix& matrix, int quiet_zone, TerminalBackground background) {
    if (quiet_zone < 0) quiet_zone = 0;
    const int total = matrix.size + 2 * quiet_zone;
    const bool draw_light = background == TerminalBackground::Dark;
    // Rows past the bottom edge (when the row count is odd) are left undrawn: terminal background.
    auto drawn = [&](int x, int y) {
        if (y >= total) return false;
        const int mx = x - quiet_zone;
        const int my = y - quiet_zone;
        const bool inside = mx >= 0 && my >= 0 && mx < matrix.size && my < matrix.size;
        const bool dark = inside && matrix.is_dark(mx, my);
        return dark != draw_light;
    };
    std::string text;
    for (int y = 0; y < total; y += 2) {
        for (int x = 0; x < total; ++x) {
            const bool top = drawn(x, y);
            const bool bottom = drawn(x, y + 1);
            if (top && bottom) {
                text += "\u2588";  // █
            } else if (top) {
                text += "\u2580";  // ▀
            } else if (bottom) {
                text += "\u2584";  // ▄
            } else {
                text += ' ';
            }
        }
        text += '\n';
    }
    return text;
}

}  // namespace uketsuke
