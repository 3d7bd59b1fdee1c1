#pragma once
// Signed QR tickets: Ed25519 keys (libsodium), the ticket payload, and its verification.
//
// Payload, version 1 (all of it QR alphanumeric-mode characters, so the QR stays small):
//
//     UK1:<event id>:<participant id>:<generation>:<signature>
//
// - event id: the 16 bytes in base41 (24 characters); participant id: its UTF-8 bytes in
//   base41; generation: decimal, no leading zeros; signature: 64 bytes in base41 (96 characters).
// - base41 is our own RFC 9285-style code (2 bytes -> 3 characters, a lone last byte -> 2)
//   over 0-9 A-Z $ % - . /. Base32 would be the obvious choice, but it makes a 12-character
//   participant id 157 characters long, past the 154 that fit a version-6 QR at level M;
//   base41 makes it 146. Space and ':' are left out so ':' can separate the parts and trailing
//   whitespace added by a scanner can be trimmed. The five symbols are typed by the same keys on
//   US and JIS keyboards, so a keyboard-wedge scanner set to the wrong layout still types them.
// - The signature covers a domain-separated message: "uketsuke ticket" NUL, format version,
//   event id, generation and participant id, so a ticket cannot be re-read as anything else.
// - Lowercase is accepted everywhere (a scanner typing with Caps Lock on inverts letters).
//
// Kiosks hold only public keys; the secret key stays with the organizer.
//
// Defined in ticket.cpp (event ids, payload, verification), ticket_keys.cpp (keys and the key
// file) and base41.cpp (the payload's byte code).

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "kiosk/core/model/ticket_status.hpp"

namespace uketsuke {

using EventId = std::array<unsigned char, 16>;

[[nodiscard]] EventId random_event_id();
[[nodiscard]] std::string to_hex(const EventId& id);  // 32 lowercase hex digits
// Exactly 32 hex digits, either case; nothing else (no whitespace).
[[nodiscard]] std::optional<EventId> event_id_from_hex(std::string_view text);

struct PublicKey {
    std::array<unsigned char, 32> bytes{};
    friend bool operator==(const PublicKey&, const PublicKey&) = default;
};

// libsodium's 64-byte Ed25519 secret key (seed followed by the public key).
// Every copy wipes itself when destroyed; a moved-from key is wiped at once.
struct SecretKey {
    std::array<unsigned char, 64> bytes{};

    SecretKey() = default;
    SecretKey(const SecretKey&) = default;
    SecretKey& operator=(const SecretKey&) = default;
    SecretKey(SecretKey&& other) noexcept;
    SecretKey& operator=(SecretKey&& other) noexcept;
    ~SecretKey();
};

struct KeyPair {
    PublicKey public_key;
    SecretKey secret_key;
};

[[nodiscard]] KeyPair generate_key_pair();
// Deterministic, for tests and fixtures only: a real event uses generate_key_pair().
[[nodiscard]] KeyPair key_pair_from_seed(const std::array<unsigned char, 32>& seed);
[[nodiscard]] PublicKey public_key_of(const SecretKey& secret_key);

// Standard base64 of the 32 bytes (44 characters). Parsing ignores surrounding whitespace.
[[nodiscard]] std::string public_key_to_text(const PublicKey& key);
[[nodiscard]] std::optional<PublicKey> public_key_from_text(std::string_view text);

// The organizer's key file: a header line saying what the file is and that it must stay with
// the organizer, then "event:", "public-key:" and "secret-key:" lines (hex, base64, base64).
[[nodiscard]] std::string secret_key_file_text(const SecretKey& secret_key,
                                               const EventId& event_id);

struct SecretKeyFileResult {
    SecretKey secret_key;
    PublicKey public_key;
    EventId event_id{};
    std::string error;  // empty when the file was read; otherwise says what is wrong with it

    explicit operator bool() const noexcept { return error.empty(); }
};
[[nodiscard]] SecretKeyFileResult parse_secret_key_file(std::string_view text);

// Participant ids longer than this are refused by issue_ticket (std::invalid_argument): the
// payload must stay far below the 1024 bytes verify_ticket is willing to look at.
inline constexpr std::size_t max_participant_id_bytes = 256;
// Anything longer is not a ticket and is rejected before any parsing.
inline constexpr std::size_t max_scanned_bytes = 1024;

// Throws std::invalid_argument for an empty or over-long participant id (a caller's bug).
[[nodiscard]] std::string issue_ticket(const SecretKey& secret_key, const EventId& event_id,
                                       std::string_view participant_id, std::uint32_t generation);

struct TicketCheck {
    TicketStatus status = TicketStatus::NotATicket;
    // Only once our signature is verified (Valid, Revoked): before that it is whatever bytes a
    // forger chose, and nothing may show, log or store it as somebody's id.
    std::string participant_id;
    std::uint32_t generation = 0;  // filled whenever it could be parsed, even if rejected
    EventId event_id{};            // likewise; zero when not parsed

    [[nodiscard]] bool valid() const noexcept { return status == TicketStatus::Valid; }
};

// Checks a scanned text. Order: size and prefix, version, structure and encoding, event,
// signature, revocation. The event is checked before the signature so a ticket for another
// of our events says "other event" even though we lack that event's key.
// Any key in `keys` may have signed it (keys are rotated). `is_revoked` may be empty.
// Leading and trailing whitespace (a scanner's Enter) is ignored. No input makes it throw; only
// `is_revoked` itself, running out of memory, or libsodium failing to start can.
[[nodiscard]] TicketCheck verify_ticket(
    std::string_view scanned, const EventId& expected_event, std::span<const PublicKey> keys,
    const std::function<bool(std::string_view participant_id, std::uint32_t generation)>&
        is_revoked);

}  // namespace uketsuke
