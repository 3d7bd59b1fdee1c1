// The kiosk's configuration file: kiosk.mode (checkin | leave) and what a bad value does,
// kiosk.room, display.renderer.

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

TEST(KioskConfig, PrintingIsOffUnlessAPrinterAndWhenAreGiven) {
    testing::TempDir dir;
    const ConfigLoad plain = load_text(dir, "event = \"e.db\"\n");
    EXPECT_EQ(plain.config.print_on_checkin, "never");
    EXPECT_EQ(plain.config.print_layout, "ql-62");
    EXPECT_FALSE(prints_on_checkin(plain.config));
    const ConfigLoad once = load_text(
        dir,
        "event = \"e.db\"\n[print]\nprinter = \"QL\"\nlayout = \"a6\"\non_checkin = \"once\"\n");
    EXPECT_TRUE(once.warnings.empty());
    EXPECT_EQ(once.config.print_printer, "QL");
    EXPECT_EQ(once.config.print_layout, "a6");
    EXPECT_TRUE(prints_on_checkin(once.config));
    const ConfigLoad no_printer =
        load_text(dir, "event = \"e.db\"\n[print]\non_checkin = \"always\"\n");
    EXPECT_FALSE(prints_on_checkin(no_printer.config)) << "no printer, no tags";
    const ConfigLoad bad =
        load_text(dir, "event = \"e.db\"\n[print]\nprinter = \"QL\"\non_checkin = \"twice\"\n");
    ASSERT_EQ(bad.warnings.size(), 1u);
    EXPECT_NE(bad.warnings[0].find(":4:"), std::string::npos) << bad.warnings[0];
    EXPECT_NE(bad.warnings[0].find("never, once, always"), std::string::npos) << bad.warnings[0];
    EXPECT_FALSE(prints_on_checkin(bad.config)) << "the default is never";
}

TEST(KioskConfig, RoomIsReadAsWritten) {
    testing::TempDir dir;
    EXPECT_EQ(load_text(dir, "event = \"e.db\"\n").config.room, "");
    const ConfigLoad load = load_text(dir, "event = \"e.db\"\n[kiosk]\nroom = \"大ホール\"\n");
    EXPECT_TRUE(load.warnings.empty());
    EXPECT_EQ(load.config.room, "大ホール");
}

TEST(KioskConfig, RendererIsAutoUnlessSaidAndABadOneFallsBackWithAWarning) {
    testing::TempDir dir;
    EXPECT_EQ(load_text(dir, "event = \"e.db\"\n").config.renderer, "auto");
    const ConfigLoad software =
        load_text(dir, "event = \"e.db\"\n[display]\nrenderer = \"software\"\n");
    EXPECT_TRUE(software.warnings.empty());
    EXPECT_EQ(software.config.renderer, "software");
    const ConfigLoad bad = load_text(dir, "event = \"e.db\"\n[display]\nrenderer = \"vulkan\"\n");
    EXPECT_TRUE(bad.error.empty()) << bad.error;
    EXPECT_EQ(bad.config.renderer, "auto");
    ASSERT_EQ(bad.warnings.size(), 1u);
    EXPECT_NE(bad.warnings[0].find(":3:"), std::string::npos) << bad.warnings[0];
    EXPECT_NE(bad.warnings[0].find("should be one of: auto, opengl, software"), std::string::npos)
        << bad.warnings[0];
    ConfigLoad set;
    apply_override(set, "display.renderer=opengl");
    EXPECT_EQ(set.config.renderer, "opengl");
}

}  // namespace
}  // namespace uketsuke::app
