#pragma once
// A QR code's modules (tickets/qr.hpp makes them): what a view draws a ticket from.

#include <cstddef>
#include <vector>

namespace uketsuke {

struct QrMatrix {
    int size = 0;            // modules per side, without quiet zone
    std::vector<bool> dark;  // size * size, row-major
    int version = 0;         // 1..40

    [[nodiscard]] bool is_dark(int x, int y) const {
        return dark[static_cast<std::size_t>(y) * size + x];
    }
};

}  // namespace uketsuke
