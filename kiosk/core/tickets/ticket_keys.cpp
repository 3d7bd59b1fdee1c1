// The keys of ticket.hpp: Ed25519 key pairs, their text forms and the organizer's key file.

#include <sodium.h>

#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "kiosk/core/model/utf8.hpp"
#include "kiosk/core/tickets/sodium_ready.hpp"
#include "kiosk/core/tickets/ticket.hpp"

namespace uketsuke {
namespace {

std::string to_base64(std::span<const unsigned char> bytes) {
    std::string text(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(text.data(), text.size(), bytes.data(), bytes.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    text.resize(text.size() - 1);  // the encoder's terminating NUL
    return text;
}

// Exactly `out.size()` bytes or nothing.
bool from_base64(std::string_view text, std::span<unsigned char> out) {
    std::size_t length = 0;
    const char* end = nullptr;
    if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &length, &end,
                          sodium_base64_VARIANT_ORIGINAL) != 0) {
        return false;
    }
    return length == out.size() && end == text.data() + text.size();
}

// The first line starts with the marker; parsing looks only at the marker.
constexpr std::string_view key_file_marker = "# Uketsuke ticket signing key";

}  // namespace

SecretKey::SecretKey(SecretKey&& other) noexcept : bytes(other.bytes) {
    sodium_memzero(other.bytes.data(), other.bytes.size());
}

SecretKey& SecretKey::operator=(SecretKey&& other) noexcept {
    if (this != &other) {
        bytes = other.bytes;
        sodium_memzero(other.bytes.data(), other.bytes.size());
    }
    return *this;
}

SecretKey::~SecretKey() { sodium_memzero(bytes.data(), bytes.size()); }

KeyPair generate_key_pair() {
    ensure_sodium();
    KeyPair pair;
    crypto_sign_keypair(pair.public_key.bytes.data(), pair.secret_key.bytes.data());
    return pair;
}

KeyPair key_pair_from_seed(const std::array<unsigned char, 32>& seed) {
    ensure_sodium();
    KeyPair pair;
    crypto_sign_seed_keypair(pair.public_key.bytes.data(), pair.secret_key.bytes.data(),
                             seed.data());
    return pair;
}

PublicKey public_key_of(const SecretKey& secret_key) {
    ensure_sodium();
    PublicKey key;
    crypto_sign_ed25519_sk_to_pk(key.bytes.data(), secret_key.bytes.data());
    return key;
}

std::string public_key_to_text(const PublicKey& key) {
    ensure_sodium();
    return to_base64(key.bytes);
}

std::optional<PublicKey> public_key_from_text(std::string_view text) {
    ensure_sodium();
    PublicKey key;
    if (!from_base64(utf8::trim_ascii(text), key.bytes)) return std::nullopt;
    return key;
}

std::string secret_key_file_text(const SecretKey& secret_key, const EventId& event_id) {
    ensure_sodium();
    std::string text;
    text += key_file_marker;
    text +=
        " (Ed25519 secret key). Keep this file with the organizer:\n# anyone who has it can issue "
        "valid tickets. Never copy it to a kiosk: kiosks need only\n"
        "# the public key below.\n";
    text += "event: " + to_hex(event_id) + "\n";
    text += "public-key: " + public_key_to_text(public_key_of(secret_key)) + "\n";
    std::string secret = to_base64(secret_key.bytes);
    text += "secret-key: " + secret + "\n";
    sodium_memzero(secret.data(), secret.size());
    return text;
}

SecretKeyFileResult parse_secret_key_file(std::string_view text) {
    ensure_sodium();
    SecretKeyFileResult result;
    auto fail = [&](std::string message) {
        result.error = std::move(message);
        sodium_memzero(result.secret_key.bytes.data(), result.secret_key.bytes.size());
        return std::move(result);
    };
    if (text.size() > 64 * 1024) return fail("not an Uketsuke key file: far too large");

    bool header_seen = false;
    bool event_seen = false;
    bool public_seen = false;
    bool secret_seen = false;
    int line_number = 0;
    while (!text.empty()) {
        const std::size_t newline = text.find('\n');
        std::string_view line = text.substr(0, newline);
        text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
        ++line_number;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);  // edited on Windows

        if (line_number == 1) {
            if (!line.starts_with(key_file_marker)) {
                return fail(
                    "not an Uketsuke ticket signing key file (the first line is not its header)");
            }
            header_seen = true;
            continue;
        }
        line = utf8::trim_ascii(line);
        if (line.empty() || line.front() == '#') continue;

        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos) {
            return fail("line " + std::to_string(line_number) + " is not \"name: value\"");
        }
        const std::string_view name = utf8::trim_ascii(line.substr(0, colon));
        const std::string_view value = utf8::trim_ascii(line.substr(colon + 1));
        const std::string where = " on line " + std::to_string(line_number);
        if (name == "event") {
            if (event_seen) return fail("the event id appears twice" + where);
            auto id = event_id_from_hex(value);
            if (!id) return fail("the event id is not 32 hex digits" + where);
            result.event_id = *id;
            event_seen = true;
        } else if (name == "public-key") {
            if (public_seen) return fail("the public key appears twice" + where);
            auto key = public_key_from_text(value);
            if (!key) return fail("the public key is not 32 bytes of base64" + where);
            result.public_key = *key;
            public_seen = true;
        } else if (name == "secret-key") {
            if (secret_seen) return fail("the secret key appears twice" + where);
            if (!from_base64(value, result.secret_key.bytes)) {
                return fail("the secret key is not 64 bytes of base64" + where);
            }
            secret_seen = true;
        } else {
            return fail("unknown entry \"" + std::string(name.substr(0, 40)) + "\"" + where);
        }
    }
    if (!header_seen) return fail("the key file is empty");
    if (!event_seen) return fail("the key file has no event id");
    if (!secret_seen) return fail("the key file has no secret key");

    // The secret key carries its seed and its public half; both must agree, or the file was
    // damaged or hand-edited and would sign tickets no kiosk accepts.
    KeyPair derived;
    crypto_sign_seed_keypair(derived.public_key.bytes.data(), derived.secret_key.bytes.data(),
                             result.secret_key.bytes.data());
    if (sodium_memcmp(derived.secret_key.bytes.data(), result.secret_key.bytes.data(),
                      result.secret_key.bytes.size()) != 0) {
        return fail("the secret key is damaged (its two halves do not match)");
    }
    if (public_seen && result.public_key != derived.public_key) {
        return fail("the public key line does not belong to the secret key");
    }
    result.public_key = derived.public_key;
    return result;
}

}  // namespace uketsuke
