#include "kiosk/core/tickets/ticket.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <chrono>
#include <set>
#include <vector>

#include "kiosk/core/tickets/qr.hpp"

namespace uketsuke {
namespace {

constexpr std::string_view alphanumeric_mode = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

std::array<unsigned char, 32> seed(unsigned char fill) {
    std::array<unsigned char, 32> bytes;
    bytes.fill(fill);
    return bytes;
}

EventId event(unsigned char fill) {
    EventId id;
    id.fill(fill);
    return id;
}

bool never_revoked(std::string_view, std::uint32_t) { return false; }

class TicketTest : public ::testing::Test {
protected:
    KeyPair keys = key_pair_from_seed(seed(1));
    EventId our_event = event(0xA5);
    std::vector<PublicKey> our_keys{keys.public_key};

    TicketCheck check(std::string_view scanned) {
        return verify_ticket(scanned, our_event, our_keys, never_revoked);
    }
    std::string ticket(std::string_view participant = "P-0001", std::uint32_t generation = 1) {
        return issue_ticket(keys.secret_key, our_event, participant, generation);
    }
};

TEST_F(TicketTest, IssuedTicketVerifies) {
    const TicketCheck result = check(ticket("P-0001", 3));
    EXPECT_EQ(result.status, TicketStatus::Valid);
    EXPECT_TRUE(result.valid());
    EXPECT_EQ(result.participant_id, "P-0001");
    EXPECT_EQ(result.generation, 3u);
    EXPECT_EQ(result.event_id, our_event);
}

TEST_F(TicketTest, UnicodeParticipantIdRoundTrips) {
    const std::string id = "受付-らくだ";
    const TicketCheck result = check(ticket(id));
    EXPECT_EQ(result.status, TicketStatus::Valid);
    EXPECT_EQ(result.participant_id, id);
}

TEST_F(TicketTest, SignaturesAreDeterministic) { EXPECT_EQ(ticket("A", 1), ticket("A", 1)); }

TEST_F(TicketTest, ExtremeGenerationsRoundTrip) {
    for (std::uint32_t generation : {0u, 9u, 10u, 4294967295u}) {
        const TicketCheck result = check(ticket("P", generation));
        EXPECT_EQ(result.status, TicketStatus::Valid) << generation;
        EXPECT_EQ(result.generation, generation);
    }
}

TEST_F(TicketTest, ScannerEnterAndSurroundingWhitespaceAreIgnored) {
    const std::string payload = ticket();
    for (const std::string& scanned :
         {payload + "\r\n", payload + "\n", payload + " \t", "  " + payload + "\r"}) {
        EXPECT_EQ(check(scanned).status, TicketStatus::Valid);
    }
}

TEST_F(TicketTest, LowercaseFromCapsLockIsAccepted) {
    std::string payload = ticket();
    for (char& c : payload) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    EXPECT_EQ(check(payload).status, TicketStatus::Valid);
}

TEST_F(TicketTest, PayloadUsesOnlyAlphanumericModeCharacters) {
    for (std::string_view id : {"P-0001", "alice@example.com", "受付", "\x01\xff\x7f",
                                "ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ"}) {
        const std::string payload = ticket(id, 4294967295u);
        for (char c : payload) {
            EXPECT_NE(alphanumeric_mode.find(c), std::string_view::npos)
                << "'" << c << "' in " << payload;
        }
    }
}

TEST_F(TicketTest, PayloadLengths) {
    // 4 prefix + 24 event + 1 + 18 id + 1 + 1 generation + 1 + 96 signature.
    EXPECT_EQ(ticket("ABCDEFGHIJKL", 1).size(), 146u);
    EXPECT_EQ(ticket(std::string(32, 'x'), 1).size(), 176u);
    EXPECT_LE(ticket(std::string(max_participant_id_bytes, 'x'), 4294967295u).size(),
              max_scanned_bytes);
}

TEST_F(TicketTest, QrVersionIsAtMostSixForTwelveCharacterIds) {
    for (std::uint32_t generation : {1u, 99u}) {
        const auto qr = make_qr(ticket("ABCDEFGHIJKL", generation), QrLevel::M);
        ASSERT_TRUE(qr);
        EXPECT_LE(qr->version, 6) << "generation " << generation;
    }
    // Lowercase and UTF-8 ids are bytes to base41, so they cost the same as any other.
    const auto qr = make_qr(ticket("abcdefghijkl", 1), QrLevel::M);
    ASSERT_TRUE(qr);
    EXPECT_LE(qr->version, 6);
}

TEST_F(TicketTest, QrVersionIsAtMostEightForThirtyTwoByteIds) {
    const auto qr = make_qr(ticket(std::string(32, 'x'), 4294967295u), QrLevel::M);
    ASSERT_TRUE(qr);
    EXPECT_LE(qr->version, 8);
}

TEST_F(TicketTest, OtherTextIsNotATicket) {
    for (std::string_view scanned :
         {"https://example.com/ticket/123", "WIFI:S:x;;", "", "   \r\n", "hello", "UK",
          "UKX1:", "UK2024 tour", "MECARD:N:Doe,John;;", "\x00\x01\x02", "ＵＫ1:"}) {
        EXPECT_EQ(check(scanned).status, TicketStatus::NotATicket) << scanned;
    }
}

TEST_F(TicketTest, HundredKilobytesIsRejected) {
    std::string huge = ticket();
    huge.resize(100 * 1024, 'A');
    // Refused on its length before any parsing (ticket.cpp checks max_scanned_bytes first).
    EXPECT_EQ(check(huge).status, TicketStatus::NotATicket);

    std::string just_too_long(max_scanned_bytes + 1, ' ');
    EXPECT_EQ(check(just_too_long).status, TicketStatus::NotATicket);
}

TEST_F(TicketTest, NewerFormatsAreUnknownVersions) {
    std::string payload = ticket();
    payload[2] = '2';
    EXPECT_EQ(check(payload).status, TicketStatus::UnknownVersion);
    for (std::string_view scanned : {"UK2:ANYTHING", "UK10:X", "UK0:X", "UK01:X", "UK2", "uk3:"}) {
        EXPECT_EQ(check(scanned).status, TicketStatus::UnknownVersion) << scanned;
    }
}

TEST_F(TicketTest, EveryCutPointIsTruncated) {
    const std::string payload = ticket("P-0001", 12);
    for (std::size_t length = 3; length < payload.size(); ++length) {
        const TicketCheck result = check(std::string_view(payload).substr(0, length));
        EXPECT_EQ(result.status, TicketStatus::Truncated) << "cut at " << length;
    }
}

TEST_F(TicketTest, TruncatedTicketStillReportsWhatWasRead) {
    const std::string payload = ticket("P-0001", 12);
    const TicketCheck result = check(std::string_view(payload).substr(0, payload.size() - 10));
    EXPECT_EQ(result.status, TicketStatus::Truncated);
    EXPECT_EQ(result.participant_id, "") << "unverified: not somebody's id";
    EXPECT_EQ(result.generation, 12u);
    EXPECT_EQ(result.event_id, our_event);
}

// Replaces the field at `index` (0 = event id, 3 = signature) of a version-1 payload.
std::string with_field(const std::string& payload, int index, std::string_view value) {
    std::vector<std::string> fields;
    std::size_t start = 4;
    while (true) {
        const std::size_t colon = payload.find(':', start);
        fields.push_back(payload.substr(start, colon - start));
        if (colon == std::string::npos) break;
        start = colon + 1;
    }
    fields.at(static_cast<std::size_t>(index)) = value;
    std::string result = "UK1";
    for (const std::string& field : fields) result += ":" + field;
    return result;
}

std::string field(const std::string& payload, int index) {
    std::size_t start = 4;
    for (int i = 0; i < index; ++i) start = payload.find(':', start) + 1;
    return payload.substr(start, payload.find(':', start) - start);
}

TEST_F(TicketTest, MalformedPartsAreBadEncoding) {
    const std::string payload = ticket();
    std::string bad_char = payload;
    bad_char[10] = '*';  // an alphanumeric-mode character that base41 does not use
    std::string bad_signature_char = payload;
    bad_signature_char[payload.size() - 5] = '+';
    for (const std::string& scanned : {
             bad_char, bad_signature_char, payload + ":EXTRA",
             with_field(payload, 0, field(payload, 0) + "00"),  // event id too long
             with_field(payload, 0, "0000"),                    // event id too short
             with_field(payload, 1, ""),                        // empty participant
             with_field(payload, 1, "0"),                       // one character cannot be base41
             with_field(payload, 1, "///"),                     // group above 65535
             with_field(payload, 2, ""),
             with_field(payload, 2, "01"),  // one spelling per generation
             with_field(payload, 2, "1A"), with_field(payload, 2, "4294967296"),
             with_field(payload, 2, "-1"),
             with_field(payload, 3, field(payload, 3) + "000"),  // signature too long
             with_field(payload, 3, std::string(96, '/')),       // right length, not bytes
         }) {
        EXPECT_EQ(check(scanned).status, TicketStatus::BadEncoding) << scanned;
    }
}

TEST_F(TicketTest, TamperedTicketsAreBadSignature) {
    const std::string payload = ticket("P-0001", 2);
    const std::string other = ticket("P-0002", 5);

    std::string flipped = payload;
    char& c = flipped[payload.size() - 3];
    c = c == 'A' ? 'B' : 'A';
    EXPECT_EQ(check(flipped).status, TicketStatus::BadSignature);

    // Someone else's id or a different generation under this ticket's signature.
    EXPECT_EQ(check(with_field(payload, 1, field(other, 1))).status, TicketStatus::BadSignature);
    EXPECT_EQ(check(with_field(payload, 2, "3")).status, TicketStatus::BadSignature);

    // A key that is not ours, for our event id: a forgery.
    const KeyPair stranger = key_pair_from_seed(seed(9));
    const TicketCheck forged = check(issue_ticket(stranger.secret_key, our_event, "P-0001", 1));
    EXPECT_EQ(forged.status, TicketStatus::BadSignature);
    EXPECT_EQ(forged.participant_id, "") << "a forger's bytes are nobody's id";
}

TEST_F(TicketTest, AForgedIdOfArbitraryBytesIsNeverHandedOut) {
    const KeyPair stranger = key_pair_from_seed(seed(9));
    const TicketCheck forged =
        check(issue_ticket(stranger.secret_key, our_event, "\xFF\xFE\x80\x1B[2J", 1));
    EXPECT_EQ(forged.status, TicketStatus::BadSignature);
    EXPECT_TRUE(forged.participant_id.empty());
}

TEST_F(TicketTest, NoSingleCharacterChangeIsValid) {
    const std::string payload = ticket("P-0001", 7);
    std::set<TicketStatus> seen;
    for (std::size_t i = 0; i < payload.size(); ++i) {
        std::string changed = payload;
        changed[i] = payload[i] == '7' ? '8' : '7';
        const TicketStatus status = check(changed).status;
        EXPECT_NE(status, TicketStatus::Valid) << "position " << i;
        seen.insert(status);
    }
    EXPECT_TRUE(seen.contains(TicketStatus::BadSignature));
}

TEST_F(TicketTest, TicketOfAnotherEventIsOtherEventEvenWithoutItsKey) {
    const KeyPair other_keys = key_pair_from_seed(seed(2));
    const EventId other_event = event(0x11);
    const TicketCheck result = check(issue_ticket(other_keys.secret_key, other_event, "P-0001", 1));
    EXPECT_EQ(result.status, TicketStatus::OtherEvent);
    EXPECT_EQ(result.event_id, other_event);
    EXPECT_EQ(result.participant_id, "") << "without that event's key it is unverified";
}

TEST_F(TicketTest, RevokedGenerationIsRevoked) {
    std::string asked_participant;
    auto older_than_two = [&](std::string_view participant, std::uint32_t generation) {
        asked_participant = participant;
        return generation < 2;
    };
    const TicketCheck old_ticket =
        verify_ticket(ticket("P-0001", 1), our_event, our_keys, older_than_two);
    EXPECT_EQ(old_ticket.status, TicketStatus::Revoked);
    EXPECT_EQ(old_ticket.participant_id, "P-0001");
    EXPECT_EQ(asked_participant, "P-0001");
    EXPECT_EQ(verify_ticket(ticket("P-0001", 2), our_event, our_keys, older_than_two).status,
              TicketStatus::Valid);
}

TEST_F(TicketTest, RevocationIsNotAskedAboutForgeries) {
    bool asked = false;
    auto record = [&](std::string_view, std::uint32_t) { return asked = true; };
    const KeyPair stranger = key_pair_from_seed(seed(9));
    const auto result = verify_ticket(issue_ticket(stranger.secret_key, our_event, "P", 1),
                                      our_event, our_keys, record);
    EXPECT_EQ(result.status, TicketStatus::BadSignature);
    EXPECT_FALSE(asked);
}

TEST_F(TicketTest, EmptyRevocationCheckMeansNoneRevoked) {
    EXPECT_EQ(verify_ticket(ticket(), our_event, our_keys, {}).status, TicketStatus::Valid);
}

TEST_F(TicketTest, AnyCurrentKeyMaySign) {
    const KeyPair old_keys = key_pair_from_seed(seed(3));
    const KeyPair new_keys = key_pair_from_seed(seed(4));
    const std::vector<PublicKey> rotated{new_keys.public_key, old_keys.public_key};
    const std::string old_ticket = issue_ticket(old_keys.secret_key, our_event, "P-0001", 1);
    const std::string new_ticket = issue_ticket(new_keys.secret_key, our_event, "P-0002", 1);
    EXPECT_EQ(verify_ticket(old_ticket, our_event, rotated, never_revoked).status,
              TicketStatus::Valid);
    EXPECT_EQ(verify_ticket(new_ticket, our_event, rotated, never_revoked).status,
              TicketStatus::Valid);
    // Once the old key is retired its tickets no longer pass.
    const std::vector<PublicKey> retired{new_keys.public_key};
    EXPECT_EQ(verify_ticket(old_ticket, our_event, retired, never_revoked).status,
              TicketStatus::BadSignature);
    EXPECT_EQ(verify_ticket(old_ticket, our_event, {}, never_revoked).status,
              TicketStatus::BadSignature);
}

TEST_F(TicketTest, IssuingRefusesEmptyAndOverlongIds) {
    EXPECT_THROW((void)ticket(""), std::invalid_argument);
    EXPECT_THROW((void)ticket(std::string(max_participant_id_bytes + 1, 'x')),
                 std::invalid_argument);
    EXPECT_EQ(check(ticket(std::string(max_participant_id_bytes, 'x'))).status,
              TicketStatus::Valid);
}

TEST(TicketDescribe, EveryStatusHasItsOwnDescription) {
    std::set<std::string_view> descriptions;
    for (TicketStatus status :
         {TicketStatus::Valid, TicketStatus::NotATicket, TicketStatus::UnknownVersion,
          TicketStatus::Truncated, TicketStatus::BadEncoding, TicketStatus::BadSignature,
          TicketStatus::OtherEvent, TicketStatus::Revoked}) {
        EXPECT_FALSE(describe(status).empty());
        descriptions.insert(describe(status));
    }
    EXPECT_EQ(descriptions.size(), 8u);
}

TEST(TicketEventId, HexRoundTrip) {
    const EventId id = random_event_id();
    const std::string hex = to_hex(id);
    EXPECT_EQ(hex.size(), 32u);
    EXPECT_EQ(event_id_from_hex(hex), id);
    std::string upper = hex;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    EXPECT_EQ(event_id_from_hex(upper), id);
    EXPECT_NE(random_event_id(), id);
}

TEST(TicketEventId, BadHexIsRefused) {
    for (std::string_view text :
         {"", "00", "0123456789abcdef0123456789abcde", "0123456789abcdef0123456789abcdef0",
          "0123456789abcdef0123456789abcdeg", " 0123456789abcdef0123456789abcde"}) {
        EXPECT_FALSE(event_id_from_hex(text)) << text;
    }
}

}  // namespace
}  // namespace uketsuke
