// `uketsuke staff add|remove|list|ticket` end to end. run_command gives the tool /dev/null as
// stdin, so PINs are piped in through /bin/sh.

#include "kiosk/core/staff/staff.hpp"

#include <gtest/gtest.h>

#include "cli_fixtures.hpp"
#include "kiosk/core/store/event_store.hpp"

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
        with_pin(event, "123456", {"staff", "add", "受付 花子", "--role", "door", "--pin-stdin"});
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
    EXPECT_LACKS(list.out, "123456");

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

    const auto short_pin =
        with_pin(event, "12", {"staff", "add", "A", "--role", "door", "--pin-stdin"});
    EXPECT_EQ(short_pin.exit_code, 3) << describe(short_pin);
    const auto letters =
        with_pin(event, "12ab", {"staff", "add", "A", "--role", "door", "--pin-stdin"});
    EXPECT_EQ(letters.exit_code, 3) << describe(letters);
    const auto bad_role =
        with_pin(event, "1234", {"staff", "add", "A", "--role", "admin", "--pin-stdin"});
    EXPECT_EQ(bad_role.exit_code, 2) << describe(bad_role);
    EXPECT_CONTAINS(event.run({"staff", "list"}).out, "no staff yet");
}

// A supervisor opens everything: the role is never guessed. Tests have no terminal, so the
// question cannot be asked here and the tool refuses, saying what to give.
TEST(StaffCommand, AddWithoutRoleRefusesWhenItCannotAsk) {
    EventFixture event;
    const auto added = with_pin(event, "246813", {"staff", "add", "Door", "--pin-stdin"});
    EXPECT_EQ(added.exit_code, 2) << describe(added);
    EXPECT_CONTAINS(added.err, "--role door");
    EXPECT_CONTAINS(added.err, "--role supervisor");
    EXPECT_CONTAINS(added.err, "not a terminal");
    EXPECT_CONTAINS(event.run({"staff", "list"}).out, "no staff yet");
}

TEST(StaffCommand, TicketPrintsAStaffQrCode) {
    EventFixture event;
    const auto added =
        with_pin(event, "246813", {"staff", "add", "Door", "--role", "door", "--pin-stdin"});
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
    const auto added =
        with_pin(event, "246813", {"staff", "add", "Door", "--role", "door", "--pin-stdin"});
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

// New PINs: 6 to 8 digits, hashed with the event's staff key, which `staff add` makes beside
// the event file (0600) the first time and never puts into it. Older PINs keep working and
// `staff list` names them for replacing with `staff pin`.
TEST(StaffCommand, NewPinsAreLongAndKeyedOldOnesAreNamed) {
    EventFixture event;
    const auto four =
        with_pin(event, "1234", {"staff", "add", "A", "--role", "door", "--pin-stdin"});
    EXPECT_EQ(four.exit_code, 3) << describe(four);
    EXPECT_CONTAINS(four.err, "6 to 8 digits");
    EXPECT_FALSE(std::filesystem::exists(event / "event.staff-key"));

    const auto added =
        with_pin(event, "48291357", {"staff", "add", "受付 花子", "--role", "door", "--pin-stdin"});
    ASSERT_EQ(added.exit_code, 0) << describe(added);
    EXPECT_CONTAINS(added.err, "event.staff-key");
    EXPECT_EQ(file_mode(event / "event.staff-key"), 0600u);
    const std::string key_file = read_file(event / "event.staff-key");
    {
        EventStore store = EventStore::open(event.db().string());
        auto row = store.database().prepare("SELECT pin_hash FROM staff");
        ASSERT_TRUE(row.step());
        EXPECT_TRUE(row.text(0).starts_with("uk1:")) << row.text(0);
        // A member from before staff keys, as an older file holds them.
        (void)add_staff(store, "Old Door", StaffRole::Door, "1111", test_pin_cost());
    }
    const auto second =
        with_pin(event, "13572468", {"staff", "add", "B", "--role", "door", "--pin-stdin"});
    ASSERT_EQ(second.exit_code, 0) << describe(second);
    EXPECT_EQ(read_file(event / "event.staff-key"), key_file) << "the key was replaced";

    const auto list = event.run({"staff", "list"});
    ASSERT_EQ(list.exit_code, 0) << describe(list);
    EXPECT_CONTAINS(list.err, "warning: staff ");
    EXPECT_CONTAINS(list.err, "Old Door");
    EXPECT_LACKS(list.err, "受付 花子");
    const std::string marker = "uketsuke staff pin ";
    const auto at = list.err.find(marker);
    ASSERT_NE(at, std::string::npos) << list.err;
    const std::string old_id = list.err.substr(at + marker.size(), 8);

    const auto still_short = with_pin(event, "2222", {"staff", "pin", old_id, "--pin-stdin"});
    EXPECT_EQ(still_short.exit_code, 3) << describe(still_short);
    const auto replaced = with_pin(event, "97531864", {"staff", "pin", old_id, "--pin-stdin"});
    EXPECT_EQ(replaced.exit_code, 0) << describe(replaced);
    EXPECT_LACKS(event.run({"staff", "list"}).err, "warning");
    EXPECT_EQ(with_pin(event, "97531864", {"staff", "pin", "nobody00", "--pin-stdin"}).exit_code,
              3);
}

}  // namespace
}  // namespace uketsuke::testing::cli
