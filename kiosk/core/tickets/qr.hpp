#pragma once
// QR codes for tickets and kiosk set-up codes: encoding with libqrencode, then drawing the
// module matrix as gray pixels, PNG, SVG or terminal text. Decoding lives with the scanner.

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/model/qr_matrix.hpp"
#include "kiosk/core/model/result.hpp"

namespace uketsuke {

enum class QrLevel { L, M, Q, H };

// The smallest version that holds `text` at `level`. Runs of digits and of upper-case
// alphanumerics get their compact modes; everything else is bytes, as given (UTF-8 stays UTF-8).
// nullopt for empty text or text too long for version 40.
[[nodiscard]] std::optional<QrMatrix> make_qr(std::string_view text, QrLevel level = QrLevel::M);

// 8-bit gray, 0 dark / 255 light, a square of *out_width pixels (out_width may be null).
// Empty (and width 0) if module_pixels < 1, quiet_zone_modules < 0 or the image would be
// wider than 16384 pixels.
[[nodiscard]] std::vector<unsigned char> render_gray(const QrMatrix& matrix, int module_pixels,
                                                     int quiet_zone_modules, int* out_width);

// Gray PNG, square, written 0600 like any file with personal data (files.hpp): gives its side
// in pixels, or says why it could not be written.
Result<int, std::string> write_png(const QrMatrix& matrix, const std::filesystem::path& path,
                                   int module_pixels = 8, int quiet_zone = 4);
// The same PNG's bytes, for a caller that writes the file itself (staged_files.hpp); empty
// when the code cannot be drawn at this size.
[[nodiscard]] std::string encode_png(const QrMatrix& matrix, int module_pixels = 8,
                                     int quiet_zone = 4, int* out_width = nullptr);

// A standalone SVG, viewBox in modules and no width/height, so it scales to whatever holds it;
// a white background rect and one black <path> made of horizontal runs, crispEdges.
[[nodiscard]] std::string to_svg(const QrMatrix& matrix, int quiet_zone = 4);

enum class TerminalBackground { Dark, Light };

// Unicode half blocks (▀ ▄ █ and space), two module rows per line, every line ending in '\n'.
// Blocks show in the terminal's text colour and spaces in its background, so:
//   Dark background (light text, the default in most terminals and the Linux console):
//     light modules and the quiet zone are drawn as blocks (the picture is inverted in text terms);
//   Light background (dark text): dark modules are drawn as blocks.
// Either way the code appears dark-on-light, as scanners expect.
[[nodiscard]] std::string to_terminal(const QrMatrix& matrix, int quiet_zone = 2,
                                      TerminalBackground background = TerminalBackground::Dark);

}  // namespace uketsuke
