// The kiosk's --events-out log takes whatever a scan or a ticket brought without throwing: a
// forged QR code once reached nlohmann::json::dump with bytes that were not UTF-8, which threw
// and, uncaught, aborted the kiosk.

#include "kiosk/app/events_log.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "kiosk/core/model/utf8.hpp"
#include "support/temp_dir.hpp"

namespace uketsuke::app {
namespace {

std::vector<std::string> lines_of(const std::filesystem::path& path) {
    std::vector<std::string> lines;
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

TEST(EventsLog, ArbitraryBytesBecomeValidJsonLines) {
    testing::TempDir dir;
    const auto path = dir / "events.jsonl";
    {
        EventsLog log(path.string());
        ASSERT_TRUE(log.is_open());
        const std::string bytes("\xFF\xFE\x00\x80 P-1\xE3\x81", 10);
        EXPECT_NO_THROW(log.write(
            {{"type", "result"}, {"participant", bytes}, {"nested", {{"list", {bytes, "山田"}}}}}));
        EXPECT_NO_THROW(log.write({{"type", "exit"}}));
    }
    const auto lines = lines_of(path);
    ASSERT_EQ(lines.size(), 2u);
    for (const auto& line : lines) EXPECT_TRUE(utf8::is_valid(line));
    const auto first = nlohmann::json::parse(lines[0]);
    const std::string participant = first["participant"];
    EXPECT_EQ(participant, utf8::safe_text(std::string("\xFF\xFE\x00\x80 P-1\xE3\x81", 10)));
    EXPECT_NE(participant.find(" P-1"), std::string::npos);
    EXPECT_EQ(first["nested"]["list"][1], "山田");
    EXPECT_EQ(nlohmann::json::parse(lines[1])["type"], "exit");
}

std::filesystem::perms permissions_of(const std::filesystem::path& path) {
    return std::filesystem::status(path).permissions() & std::filesystem::perms::mask;
}

// Participants' ids and what their codes said: personal data, like the event file.
TEST(EventsLog, IsCreatedReadableByItsOwnerOnlyWhateverTheUmask) {
    testing::TempDir dir;
    const auto path = dir / "events.jsonl";
    const mode_t old_mask = umask(0);
    {
        EventsLog log(path.string());
        umask(old_mask);
        ASSERT_TRUE(log.is_open());
        log.write({{"type", "result"}, {"participant", "p1"}});
    }
    EXPECT_EQ(permissions_of(path),
              std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    EXPECT_EQ(lines_of(path).size(), 1u);
}

TEST(EventsLog, ALogLeftOpenToOthersIsClosedToThemAndKept) {
    testing::TempDir dir;
    const auto path = dir / "events.jsonl";
    testing::write_file(path, "{\"type\":\"exit\"}\n");
    std::filesystem::permissions(path, std::filesystem::perms(0644));
    {
        EventsLog log(path.string());
        ASSERT_TRUE(log.is_open());
        log.write({{"type", "start"}});
    }
    EXPECT_EQ(permissions_of(path),
              std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    const auto lines = lines_of(path);
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(nlohmann::json::parse(lines[1])["type"], "start");
}

}  // namespace
}  // namespace uketsuke::app
