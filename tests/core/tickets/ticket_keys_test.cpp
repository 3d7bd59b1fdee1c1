// The key half of ticket.hpp, defined in kiosk/core/tickets/ticket_keys.cpp.
#include <gtest/gtest.h>

#include <array>
#include <string>
#include <string_view>
#include <utility>

#include "kiosk/core/tickets/ticket.hpp"

namespace uketsuke {
namespace {

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

TEST(TicketKeys, PublicKeyTextRoundTrip) {
    const KeyPair pair = generate_key_pair();
    const std::string text = public_key_to_text(pair.public_key);
    EXPECT_EQ(text.size(), 44u);
    EXPECT_EQ(public_key_from_text(text), pair.public_key);
    EXPECT_EQ(public_key_from_text(" " + text + "\n"), pair.public_key);
    EXPECT_EQ(public_key_of(pair.secret_key), pair.public_key);
    EXPECT_FALSE(public_key_from_text(""));
    EXPECT_FALSE(public_key_from_text(text.substr(0, 40)));
    EXPECT_FALSE(public_key_from_text(text + "AAAA"));
    EXPECT_FALSE(public_key_from_text("not base64 at all!!"));
}

TEST(TicketKeys, MovedFromSecretKeyIsWiped) {
    KeyPair pair = key_pair_from_seed(seed(5));
    const SecretKey copy = pair.secret_key;
    SecretKey moved = std::move(pair.secret_key);
    EXPECT_EQ(moved.bytes, copy.bytes);
    EXPECT_EQ(pair.secret_key.bytes,
              SecretKey{}.bytes);  // NOLINT(bugprone-use-after-move): that is the point
}

TEST(TicketKeyFile, RoundTrip) {
    const KeyPair pair = generate_key_pair();
    const EventId id = random_event_id();
    const std::string text = secret_key_file_text(pair.secret_key, id);
    EXPECT_NE(text.find("organizer"), std::string::npos);
    EXPECT_NE(text.find(to_hex(id)), std::string::npos);
    EXPECT_NE(text.find(public_key_to_text(pair.public_key)), std::string::npos);

    const SecretKeyFileResult result = parse_secret_key_file(text);
    ASSERT_TRUE(result) << result.error;
    EXPECT_EQ(result.secret_key.bytes, pair.secret_key.bytes);
    EXPECT_EQ(result.public_key, pair.public_key);
    EXPECT_EQ(result.event_id, id);
}

TEST(TicketKeyFile, WindowsLineEndingsAndCommentsAreFine) {
    const KeyPair pair = key_pair_from_seed(seed(6));
    std::string text = secret_key_file_text(pair.secret_key, event(1));
    text += "# a note added by hand\n\n";
    std::string crlf;
    for (char c : text) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    const SecretKeyFileResult result = parse_secret_key_file(crlf);
    ASSERT_TRUE(result) << result.error;
    EXPECT_EQ(result.secret_key.bytes, pair.secret_key.bytes);
}

std::string replace_line(std::string text, std::string_view prefix, std::string_view replacement) {
    const std::size_t start = text.find(prefix);
    const std::size_t end = text.find('\n', start);
    return text.replace(start, end - start, replacement);
}

TEST(TicketKeyFile, BadFilesSayWhatIsWrong) {
    const KeyPair pair = key_pair_from_seed(seed(7));
    const KeyPair other = key_pair_from_seed(seed(8));
    const std::string good = secret_key_file_text(pair.secret_key, event(1));
    const std::string other_secret = secret_key_file_text(other.secret_key, event(1));
    const std::string other_secret_line = other_secret.substr(other_secret.find("secret-key:"));

    SecretKey damaged = pair.secret_key;
    damaged.bytes[40] ^= 1;  // the public half no longer matches the seed
    const std::string damaged_file = secret_key_file_text(damaged, event(1));

    struct Case {
        std::string text;
        std::string_view expected_words;
    };
    const std::vector<Case> cases = {
        {"", "empty"},
        {"hello\n", "not an Uketsuke"},
        {"event: 00\n", "not an Uketsuke"},
        {replace_line(good, "secret-key:", ""), "no secret key"},
        {replace_line(good, "event:", ""), "no event id"},
        {replace_line(good, "event:", "event: xyz"), "event id"},
        {replace_line(good, "secret-key:", "secret-key: AAAA"), "64 bytes"},
        {replace_line(good, "public-key:", "public-key: !!"), "public key"},
        {replace_line(good,
                      "secret-key:", other_secret_line.substr(0, other_secret_line.size() - 1)),
         "does not belong"},
        {damaged_file, "damaged"},
        {good + "colour: blue\n", "unknown entry"},
        {good + "event: " + to_hex(event(2)) + "\n", "twice"},
        {good + "just words\n", "line"},
    };
    for (const Case& c : cases) {
        const SecretKeyFileResult result = parse_secret_key_file(c.text);
        EXPECT_FALSE(result) << c.text;
        EXPECT_NE(result.error.find(c.expected_words), std::string::npos) << result.error;
    }
}

}  // namespace
}  // namespace uketsuke
