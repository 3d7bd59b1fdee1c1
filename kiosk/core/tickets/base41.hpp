#pragma once
// base41, the ticket payload's code for bytes (ticket.hpp says why not base32): 2 bytes -> 3
// characters over 0-9 A-Z $ % - . /, least significant digit first, as RFC 9285 does; a lone
// last byte -> 2 characters. Lowercase reads like uppercase.

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace uketsuke {

inline constexpr std::size_t base41_length(std::size_t bytes) {
    return bytes / 2 * 3 + bytes % 2 * 2;
}

void append_base41(std::string& out, std::span<const unsigned char> bytes);
// Whether every character is in the alphabet (either case).
bool all_base41(std::string_view text);
// Refuses groups that overflow their byte count, so each byte string has one spelling
// (apart from letter case).
std::optional<std::vector<unsigned char>> decode_base41(std::string_view text);

}  // namespace uketsuke
