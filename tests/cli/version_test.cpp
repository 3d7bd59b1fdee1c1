// `uketsuke --version`: the release and the schema versions of the files and hubs it reads,
// taken from the constants the store and the hub use.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "cli/cli_fixtures.hpp"
#include "kiosk/core/store/schema.hpp"
#include "kiosk/core/sync/hub.hpp"

namespace uketsuke::testing::cli {
namespace {

TEST(VersionTest, PrintsTheReleaseAndTheSchemasItReadsWithoutAnEventFile) {
    const CommandOutput output = uketsuke({"--version"}, {"UKETSUKE_EVENT="});
    ASSERT_EQ(output.exit_code, 0) << describe(output);
    EXPECT_EQ(output.out.rfind("uketsuke ", 0), 0u) << output.out;
    EXPECT_CONTAINS(output.out, fmt::format("event file schema {} ", kSchemaVersion));
    EXPECT_CONTAINS(output.out, fmt::format("hub schema {} (syncs with hubs of schema {}",
                                            kHubSchemaVersion, kOldestSyncedHubSchema));
    EXPECT_EQ(output.err, "");
}

TEST(VersionTest, WinsOverACommandAndItsMissingOptions) {
    const CommandOutput output = uketsuke({"--version", "import"});
    EXPECT_EQ(output.exit_code, 0) << describe(output);
    EXPECT_CONTAINS(output.out, "event file schema");
}

}  // namespace
}  // namespace uketsuke::testing::cli
