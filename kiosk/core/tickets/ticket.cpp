#include "kiosk/core/tickets/ticket.hpp"

#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <utility>
#include <vector>

namespace uketsuke {
namespace {

void ensure_sodium() {
    // A function-local static runs sodium_init() exactly once, even with threads racing here.
    static const bool ready = sodium_init() >= 0;
    if (!ready) throw std::runtime_error("libsodium could not be initialised");
}

// ---- base41: 2 bytes -> 3 characters, least significant digit first, as RFC 9285 does.

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

constexpr std::size_t base41_length(std::size_t bytes) { return bytes / 2 * 3 + bytes % 2 * 2; }

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

// Refuses groups that overflow their byte count, so each byte string has one spelling
// (apart from letter case).
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

// ---- the signed message

constexpr std::string_view ticket_prefix = "UK1:";
constexpr unsigned char format_version = 1;
constexpr std::size_t event_chars = base41_length(sizeof(EventId));
constexpr std::size_t signature_chars = base41_length(crypto_sign_BYTES);
constexpr std::size_t max_generation_digits = 10;  // 4294967295

std::vector<unsigned char> signed_message(const EventId& event_id, std::string_view participant_id,
                                          std::uint32_t generation) {
    constexpr std::string_view domain = "uketsuke ticket";
    // Sized up front and filled by offset: GCC 12 warns falsely (-Wstringop-overflow) about
    // reserve() followed by insert().
    std::vector<unsigned char> message(domain.size() + 2 + event_id.size() + 4 +
                                       participant_id.size());
    unsigned char* out = message.data();
    std::memcpy(out, domain.data(), domain.size());
    out += domain.size();
    *out++ = 0;
    *out++ = format_version;
    std::memcpy(out, event_id.data(), event_id.size());
    out += event_id.size();
    for (int shift = 24; shift >= 0; shift -= 8)
        *out++ = static_cast<unsigned char>(generation >> shift);
    // The participant id is last, so its length is implied and needs no prefix.
    if (!participant_id.empty()) std::memcpy(out, participant_id.data(), participant_id.size());
    return message;
}

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::optional<std::uint32_t> parse_generation(std::string_view text) {
    if (text.empty() || text.size() > max_generation_digits) return std::nullopt;
    if (!std::all_of(text.begin(), text.end(), is_digit)) return std::nullopt;
    if (text.size() > 1 && text.front() == '0') return std::nullopt;  // one spelling per ticket
    std::uint64_t value = 0;
    for (char c : text) value = value * 10 + static_cast<unsigned>(c - '0');
    if (value > UINT32_MAX) return std::nullopt;
    return static_cast<std::uint32_t>(value);
}

// ---- text forms of keys

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

// ---- event ids

EventId random_event_id() {
    ensure_sodium();
    EventId id;
    randombytes_buf(id.data(), id.size());
    return id;
}

std::string to_hex(const EventId& id) {
    std::string text(id.size() * 2 + 1, '\0');
    sodium_bin2hex(text.data(), text.size(), id.data(), id.size());
    text.pop_back();
    return text;
}

std::optional<EventId> event_id_from_hex(std::string_view text) {
    if (text.size() != 32) return std::nullopt;
    EventId id;
    std::size_t length = 0;
    const char* end = nullptr;
    if (sodium_hex2bin(id.data(), id.size(), text.data(), text.size(), nullptr, &length, &end) !=
            0 ||
        length != id.size() || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return id;
}

// ---- keys

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
    if (!from_base64(trim(text), key.bytes)) return std::nullopt;
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
        line = trim(line);
        if (line.empty() || line.front() == '#') continue;

        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos) {
            return fail("line " + std::to_string(line_number) + " is not \"name: value\"");
        }
        const std::string_view name = trim(line.substr(0, colon));
        const std::string_view value = trim(line.substr(colon + 1));
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

// ---- tickets

std::string issue_ticket(const SecretKey& secret_key, const EventId& event_id,
                         std::string_view participant_id, std::uint32_t generation) {
    if (participant_id.empty()) throw std::invalid_argument("issue_ticket: empty participant id");
    if (participant_id.size() > max_participant_id_bytes) {
        throw std::invalid_argument("issue_ticket: participant id longer than " +
                                    std::to_string(max_participant_id_bytes) + " bytes");
    }
    ensure_sodium();
    const std::vector<unsigned char> message = signed_message(event_id, participant_id, generation);
    std::array<unsigned char, crypto_sign_BYTES> signature{};
    crypto_sign_detached(signature.data(), nullptr, message.data(), message.size(),
                         secret_key.bytes.data());

    std::string ticket(ticket_prefix);
    append_base41(ticket, event_id);
    ticket += ':';
    append_base41(ticket, std::span(reinterpret_cast<const unsigned char*>(participant_id.data()),
                                    participant_id.size()));
    ticket += ':';
    ticket += std::to_string(generation);
    ticket += ':';
    append_base41(ticket, signature);
    return ticket;
}

TicketCheck verify_ticket(std::string_view scanned, const EventId& expected_event,
                          std::span<const PublicKey> keys,
                          const std::function<bool(std::string_view participant_id,
                                                   std::uint32_t generation)>& is_revoked) {
    TicketCheck check;
    auto result = [&](TicketStatus status) {
        check.status = status;
        return std::move(check);
    };
    // A camera can read a QR holding kilobytes of anything; refuse before touching it.
    if (scanned.size() > max_scanned_bytes) return result(TicketStatus::NotATicket);
    const std::string_view text = trim(scanned);

    // "UK", a version number, then ':'. Case-insensitive: Caps Lock inverts a scanner's letters.
    if (text.size() < 3 || (text[0] != 'U' && text[0] != 'u') ||
        (text[1] != 'K' && text[1] != 'k') || !is_digit(text[2])) {
        return result(TicketStatus::NotATicket);
    }
    std::size_t version_end = 2;
    while (version_end < text.size() && is_digit(text[version_end])) ++version_end;
    const bool is_version_1 = text.substr(2, version_end - 2) == "1";
    if (version_end < text.size() && text[version_end] != ':') {
        return result(TicketStatus::NotATicket);  // "UK2024 tour" and the like: ordinary text
    }
    if (!is_version_1) return result(TicketStatus::UnknownVersion);
    if (version_end == text.size()) return result(TicketStatus::Truncated);

    // Up to five fields, so that a fifth one shows up as an error rather than being ignored.
    std::array<std::string_view, 5> fields;
    std::size_t field_count = 0;
    std::string_view rest = text.substr(version_end + 1);
    while (field_count < fields.size()) {
        const std::size_t colon = rest.find(':');
        fields[field_count++] = rest.substr(0, colon);
        if (colon == std::string_view::npos) break;
        rest.remove_prefix(colon + 1);
    }
    if (field_count > 4) return result(TicketStatus::BadEncoding);
    // The last field present may have been cut short; earlier ones ended at a ':' and are whole.
    auto cut_short = [&](std::size_t index) { return index + 1 == field_count && field_count < 4; };

    // Event id.
    if (cut_short(0))
        return result(all_base41(fields[0]) ? TicketStatus::Truncated : TicketStatus::BadEncoding);
    if (fields[0].size() != event_chars) return result(TicketStatus::BadEncoding);
    auto event_bytes = decode_base41(fields[0]);
    if (!event_bytes) return result(TicketStatus::BadEncoding);
    std::copy(event_bytes->begin(), event_bytes->end(), check.event_id.begin());

    // Participant id.
    if (cut_short(1))
        return result(all_base41(fields[1]) ? TicketStatus::Truncated : TicketStatus::BadEncoding);
    auto participant = decode_base41(fields[1]);
    if (!participant || participant->empty() || participant->size() > max_participant_id_bytes) {
        return result(TicketStatus::BadEncoding);
    }
    check.participant_id.assign(participant->begin(), participant->end());

    // Generation.
    if (cut_short(2)) {
        const bool digits = std::all_of(fields[2].begin(), fields[2].end(), is_digit);
        return result(digits ? TicketStatus::Truncated : TicketStatus::BadEncoding);
    }
    auto generation = parse_generation(fields[2]);
    if (!generation) return result(TicketStatus::BadEncoding);
    check.generation = *generation;

    // Signature: a short one is a partial read unless it holds characters that cannot be there.
    const std::string_view signature_text = fields[3];
    if (!all_base41(signature_text)) return result(TicketStatus::BadEncoding);
    if (signature_text.size() < signature_chars) return result(TicketStatus::Truncated);
    if (signature_text.size() > signature_chars) return result(TicketStatus::BadEncoding);
    auto signature = decode_base41(signature_text);
    if (!signature || signature->size() != crypto_sign_BYTES)
        return result(TicketStatus::BadEncoding);

    if (check.event_id != expected_event) return result(TicketStatus::OtherEvent);

    ensure_sodium();
    const std::vector<unsigned char> message =
        signed_message(check.event_id, check.participant_id, check.generation);
    const bool signed_by_us = std::any_of(keys.begin(), keys.end(), [&](const PublicKey& key) {
        return crypto_sign_verify_detached(signature->data(), message.data(), message.size(),
                                           key.bytes.data()) == 0;
    });
    if (!signed_by_us) return result(TicketStatus::BadSignature);

    if (is_revoked && is_revoked(check.participant_id, check.generation))
        return result(TicketStatus::Revoked);
    return result(TicketStatus::Valid);
}

}  // namespace uketsuke
