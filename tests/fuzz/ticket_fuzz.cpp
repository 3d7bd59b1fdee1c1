// verify_ticket on arbitrary bytes must never crash, hang or read out of bounds. Besides the raw
// input, the bytes are also tried behind the "UK1:" prefix and spliced into a real ticket, so
// the fuzzer reaches the field parsing and signature checks without needing a seed corpus.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "kiosk/core/tickets/ticket.hpp"

namespace {

using namespace uketsuke;

struct Fixture {
    KeyPair keys = key_pair_from_seed({42});
    EventId event{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    PublicKey public_key = keys.public_key;
    std::string ticket = issue_ticket(keys.secret_key, event, "P-0001", 3);
};

const Fixture& fixture() {
    static const Fixture instance;
    return instance;
}

bool revoked_below_two(std::string_view participant_id, std::uint32_t generation) {
    return !participant_id.empty() && generation < 2;
}

void check(std::string_view scanned) {
    const Fixture& f = fixture();
    const TicketCheck result =
        verify_ticket(scanned, f.event, {&f.public_key, 1}, revoked_below_two);
    (void)describe(result.status);
    // Only an exact copy of a real ticket (up to case and surrounding whitespace) can pass.
    if (result.status == TicketStatus::Valid && result.participant_id != "P-0001") __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    check(input);
    check("UK1:" + std::string(input));

    // Overwrite part of a real ticket, at a position chosen by the first byte.
    if (size > 1) {
        std::string spliced = fixture().ticket;
        const std::size_t at = data[0] % spliced.size();
        spliced.replace(at, std::min(size - 1, spliced.size() - at), input.substr(1));
        check(spliced);
    }
    return 0;
}
