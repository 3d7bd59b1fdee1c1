#include "kiosk/core/tickets/ticket.hpp"

#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <utility>
#include <vector>

#include "kiosk/core/model/utf8.hpp"
#include "kiosk/core/tickets/base41.hpp"
#include "kiosk/core/tickets/sodium_ready.hpp"

namespace uketsuke {
namespace {

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
    const std::string_view text = utf8::trim_ascii(scanned);

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
    // Bytes anyone can write until the signature says otherwise: kept out of `check` until then.
    const std::string claimed_id(participant->begin(), participant->end());

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
        signed_message(check.event_id, claimed_id, check.generation);
    const bool signed_by_us = std::any_of(keys.begin(), keys.end(), [&](const PublicKey& key) {
        return crypto_sign_verify_detached(signature->data(), message.data(), message.size(),
                                           key.bytes.data()) == 0;
    });
    if (!signed_by_us) return result(TicketStatus::BadSignature);
    check.participant_id = claimed_id;

    if (is_revoked && is_revoked(check.participant_id, check.generation))
        return result(TicketStatus::Revoked);
    return result(TicketStatus::Valid);
}

}  // namespace uketsuke
