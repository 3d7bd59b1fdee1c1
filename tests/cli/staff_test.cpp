// `uketsuke staff add|remove|list|ticket` end to end. run_command gives the tool /dev/null as
// stdin, so PINs are piped in through /bin/sh.

#include <gtest/gtest.h>

#include "cli_fixtures.hpp"

namespace uketsuke::testing::cli {
namespace {

std::string quoted(const std::string& text) {
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

// Runs `printf PIN | uketsuke --event DB args...`.
CommandOutput with_pin(const EventFixture& event, const std::string& pin,
                       const std::vector<std::string>& args) {
    std::string command = "printf '%s\\n' " + quoted(pin) + " | " + quoted(UKETSUKE_BIN) +
                          " --event " + quoted(event.db().string());
    for (const auto& arg : args) command += " " + quoted(arg);
    return run_command({"/bin/sh", "-c", command});
}

// The id from "added staff <id> ...".
std::string added_id(const CommandOutput& output) {
    const std::string marker = "added staff ";
    const auto at = output.out.find(marker);
    if (at == std::string::npos) return {};
    const auto start = at + marker.size();
    return output.out.substr(start, output.out.find(' ', start) - start);
}

TEST(StaffCommand, AddListRemove) {
    EventFixture event;
    const auto door =
        with_pin(event, "1234", {"staff", "add", "受付 花子", "--role", "door", "--pin-stdin"});
    ASSERT_EQ(door.exit_code, 0) << describe(door);
    const std::string door_id = added_id(door);
    ASSERT_EQ(door_id.size(), 8u) << door.out;
    const auto boss = with_pin(event, "87654321",
                               {"staff", "add", "Aoki", "--role", "supervisor", "--pin-stdin"});
    ASSERT_EQ(boss.exit_code, 0) << describe(boss);

    const auto list = event.run({"staff", "list"});
    ASSERT_EQ(list.exit_code, 0) << describe(list);
    EXPECT_CONTAINS(list.out, door_id + "\tdoor\t受付 花子");
    EXPECT_CONTAINS(list.out, added_id(boss) + "\tsupervisor\tAoki");
    EXPECT_LACKS(list.out, "argon2");
    EXPECT_LACKS(list.out, "1234");

    const auto removed = event.run({"staff", "remove", door_id});
    EXPECT_EQ(removed.exit_code, 0) << describe(removed);
    EXPECT_LACKS(event.run({"staff", "list"}).out, door_id);
    EXPECT_EQ(event.run({"staff", "remove", door_id}).exit_code, 3);
}

TEST(StaffCommand, PinIsNeverAnArgumentAndMustBeDigits) {
    EventFixture event;
    // Without --pin-stdin and without a terminal, the tool refuses rather than guessing.
    const auto no_terminal = event.run({"staff", "add", "A", "--role", "door"});
    EXPECT_EQ(no_terminal.exit_code, 2) << describe(no_terminal);
    EXPECT_CONTAINS(no_terminal.err, "--pin-stdin");
    EXPECT_NE(event.run({"staff", "add", "A", "--pin", "1234"}).exit_code, 0);

    const auto short_pin = with_pin(event, "12", {"staff", "add", "A", "--pin-stdin"});
    EXPECT_EQ(short_pin.exit_code, 3) << describe(short_pin);
    const auto letters = with_pin(event, "12ab", {"staff", "add", "A", "--pin-stdin"});
    EXPECT_EQ(letters.exit_code, 3) << describe(letters);
    const auto bad_role =
        with_pin(event, "1234", {"staff", "add", "A", "--role", "admin", "--pin-stdin"});
    EXPECT_EQ(bad_role.exit_code, 2) << describe(bad_role);
    EXPECT_CONTAINS(event.run({"staff", "list"}).out, "no staff yet");
}

TEST(StaffCommand, TicketPrintsAStaffQrCode) {
    EventFixture event;
    const auto added = with_pin(event, "2468", {"staff", "add", "Door", "--pin-stdin"});
    ASSERT_EQ(added.exit_code, 0) << describe(added);
    const auto ticket = event.run({"staff", "ticket", added_id(added)});
    ASSERT_EQ(ticket.exit_code, 0) << describe(ticket);
    EXPECT_CONTAINS(ticket.out, "\xE2\x96\x88");  // a block of the QR code
    EXPECT_CONTAINS(ticket.out, "staff " + added_id(added) + " Door (door)");
    EXPECT_CONTAINS(ticket.out, "\nUK1:");
    EXPECT_EQ(event.run({"staff", "ticket", "nobody00"}).exit_code, 3);
}

// A staff ticket held up at `uketsuke checkin` was called "not a ticket (a URL, Wi-Fi code or
// other text)": say what it is and where it works.
TEST(StaffCommand, CheckinSaysAStaffTicketIsOne) {
    EventFixture event;
    const auto added = with_pin(event, "246813", {"staff", "add", "Door", "--pin-stdin"});
    ASSERT_EQ(added.exit_code, 0) << describe(added);
    const auto ticket = event.run({"staff", "ticket", added_id(added)});
    ASSERT_EQ(ticket.exit_code, 0) << describe(ticket);
    const auto at = ticket.out.find("\nUK1:");
    ASSERT_NE(at, std::string::npos) << ticket.out;
    std::string code = ticket.out.substr(at + 1);
    while (!code.empty() && code.back() == '\n') code.pop_back();

    const auto checkin = event.run({"checkin", code});
    EXPECT_EQ(checkin.exit_code, 1) << describe(checkin);
    EXPECT_CONTAINS(checkin.err, "staff ticket");
    EXPECT_CONTAINS(checkin.err, "Door");
    EXPECT_CONTAINS(checkin.err, "staff mode");
    EXPECT_LACKS(checkin.err, "Wi-Fi");

    // A removed member's ticket is still named for what it is.
    ASSERT_EQ(event.run({"staff", "remove", added_id(added)}).exit_code, 0);
    const auto removed = event.run({"checkin", code});
    EXPECT_EQ(removed.exit_code, 1) << describe(removed);
    EXPECT_CONTAINS(removed.err, "staff ticket");
    EXPECT_CONTAINS(removed.err, "removed");
}

}  // namespace
}  // namespace uketsuke::testing::cli
