#include "kiosk/core/tickets/base41.hpp"

#include <algorithm>

namespace uketsuke {
namespace {

constexpr std::string_view base41_alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ$%-./";
static_assert(base41_alphabet.size() == 41);

// -1 for characters outside the alphabet; lowercase letters map like uppercase.
int base41_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    switch (c) {
        case '$':
            return 36;
        case '%':
            return 37;
        case '-':
            return 38;
        case '.':
            return 39;
        case '/':
            return 40;
        default:
            return -1;
    }
}

}  // namespace

void append_base41(std::string& out, std::span<const unsigned char> bytes) {
    std::size_t i = 0;
    for (; i + 1 < bytes.size(); i += 2) {
        unsigned n = bytes[i] * 256u + bytes[i + 1];
        out += base41_alphabet[n % 41];
        out += base41_alphabet[n / 41 % 41];
        out += base41_alphabet[n / (41 * 41)];
    }
    if (i < bytes.size()) {
        unsigned n = bytes[i];
        out += base41_alphabet[n % 41];
        out += base41_alphabet[n / 41];
    }
}

bool all_base41(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return base41_value(c) >= 0; });
}

std::optional<std::vector<unsigned char>> decode_base41(std::string_view text) {
    if (text.size() % 3 == 1) return std::nullopt;
    std::vector<unsigned char> bytes;
    bytes.reserve(text.size() / 3 * 2 + 1);
    for (std::size_t i = 0; i < text.size(); i += 3) {
        const std::size_t group = std::min<std::size_t>(3, text.size() - i);
        unsigned n = 0;
        unsigned scale = 1;
        for (std::size_t k = 0; k < group; ++k) {
            const int v = base41_value(text[i + k]);
            if (v < 0) return std::nullopt;
            n += static_cast<unsigned>(v) * scale;
            scale *= 41;
        }
        if (group == 3) {
            if (n > 0xFFFF) return std::nullopt;
            bytes.push_back(static_cast<unsigned char>(n >> 8));
            bytes.push_back(static_cast<unsigned char>(n & 0xFF));
        } else {
            if (n > 0xFF) return std::nullopt;
            bytes.push_back(static_cast<unsigned char>(n));
        }
    }
    return bytes;
}

}  // namespace uketsuke
