// The kiosk's configuration file: kiosk.mode (checkin | leave) and what a bad value does,
// kiosk.room.

#include "kiosk/app/config.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "support/temp_dir.hpp"

namespace uketsuke::app {
namespace {

ConfigLoad load_text(const testing::TempDir& dir, const std::string& text) {
    const auto path = dir / "kiosk.toml";
    std::ofstream(path) << text;
    return load_config(path.string());
}

TEST(KioskConfig, ModeIsCheckinUnlessSaid) {
    testing::TempDir dir;
    const ConfigLoad plain = load_text(dir, "event = \"e.db\"\n");
    EXPECT_TRUE(plain.error.empty()) << plain.error;
    EXPECT_EQ(plain.config.mode, "checkin");
    EXPECT_FALSE(leave_mode(plain.config));
    const ConfigLoad exit = load_text(dir, "event = \"e.db\"\n[kiosk]\nmode = \"leave\"\n");
    EXPECT_TRUE(exit.error.empty()) << exit.error;
    EXPECT_TRUE(leave_mode(exit.config));
}

TEST(KioskConfig, AnUnknownModeIsAnErrorNamingTheFileAndKey) {
    testing::TempDir dir;
    const ConfigLoad load = load_text(dir, "event = \"e.db\"\n[kiosk]\nmode = \"exit\"\n");
    EXPECT_NE(load.error.find((dir / "kiosk.toml").string() + ":3:"), std::string::npos)
        << load.error;
    EXPECT_NE(load.error.find("\"kiosk.mode\" should be one of: checkin, leave"), std::string::npos)
        << load.error;

    ConfigLoad set;
    apply_override(set, "kiosk.mode=exit");
    EXPECT_NE(set.error.find("kiosk.mode"), std::string::npos) << set.error;
    ConfigLoad fine;
    apply_override(fine, "kiosk.mode=leave");
    EXPECT_TRUE(fine.error.empty());
    EXPECT_TRUE(leave_mode(fine.config));
}

TEST(KioskConfig, RoomIsReadAsWritten) {
    testing::TempDir dir;
    EXPECT_EQ(load_text(dir, "event = \"e.db\"\n").config.room, "");
    const ConfigLoad load = load_text(dir, "event = \"e.db\"\n[kiosk]\nroom = \"大ホール\"\n");
    EXPECT_TRUE(load.warnings.empty());
    EXPECT_EQ(load.config.room, "大ホール");
}

}  // namespace
}  // namespace uketsuke::app
