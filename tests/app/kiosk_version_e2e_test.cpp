// `uketsuke-kiosk --version` and `--list-devices`: neither needs a display, a configuration or
// an event file (they are what someone setting up a mini-PC runs first).

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "kiosk/core/store/schema.hpp"
#include "kiosk/core/sync/hub.hpp"
#include "support/run_command.hpp"

namespace uketsuke::testing {
namespace {

TEST(KioskVersion, PrintsTheReleaseAndTheSchemasItReads) {
    const CommandOutput output = run_command({UKETSUKE_KIOSK_BIN, "--version"}, {"DISPLAY="});
    ASSERT_EQ(output.exit_code, 0) << output.err;
    EXPECT_EQ(output.out.rfind("uketsuke-kiosk ", 0), 0u) << output.out;
    EXPECT_NE(output.out.find(fmt::format("event file schema {} ", kSchemaVersion)),
              std::string::npos)
        << output.out;
    EXPECT_NE(output.out.find(fmt::format("hub schema {} ", kHubSchemaVersion)), std::string::npos)
        << output.out;
}

TEST(KioskListDevices, ListsCamerasAndScannersWithoutADisplayOrAConfiguration) {
    const CommandOutput output =
        run_command({UKETSUKE_KIOSK_BIN, "--list-devices"}, {"DISPLAY=", "WAYLAND_DISPLAY="});
    ASSERT_EQ(output.exit_code, 0) << output.err;
    EXPECT_NE(output.out.find("Cameras (V4L2):\n"), std::string::npos) << output.out;
    EXPECT_NE(output.out.find("Barcode scanners (evdev, keyboard mode):\n"), std::string::npos)
        << output.out;
}

}  // namespace
}  // namespace uketsuke::testing
