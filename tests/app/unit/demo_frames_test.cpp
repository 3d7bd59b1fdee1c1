// The demo's camera frames show real tickets of the demo event, bearer credentials like the
// ticket files: they were written with stb's fopen, so the umask set their mode (0644 under the
// usual 022) and a symlink planted at a frame's name was followed.

#include "kiosk/app/demo_frames.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <string>

#include "support/temp_dir.hpp"

namespace uketsuke::app {
namespace {

unsigned mode_of(const std::filesystem::path& path) {
    struct stat info {};
    EXPECT_EQ(::lstat(path.c_str(), &info), 0) << path;
    return info.st_mode & 07777;
}

// Whatever umask the kiosk was started with, even none.
class OpenUmask {
public:
    OpenUmask() : saved_(::umask(0)) {}
    ~OpenUmask() { ::umask(saved_); }

private:
    mode_t saved_;
};

const std::vector<std::string> kPayloads{"UK1-first-ticket", "UK1-second-ticket"};

TEST(DemoFrames, FramesAreOwnerOnlyInAPrivateFolder) {
    testing::TempDir dir;
    const auto frames = dir / "demo-event" / "frames";
    {
        OpenUmask open;
        ASSERT_EQ(write_demo_frames(frames, kPayloads), "");
    }
    EXPECT_EQ(mode_of(frames), 0700u);
    int written = 0;
    for (const auto& entry : std::filesystem::directory_iterator(frames)) {
        EXPECT_EQ(entry.path().extension(), ".png") << "no temporary file is left";
        EXPECT_EQ(mode_of(entry.path()), 0600u) << entry.path();
        EXPECT_EQ(testing::read_file(entry.path()).substr(1, 3), "PNG");
        ++written;
    }
    EXPECT_EQ(written, 2 * 6 + 12 + 3 + 12 + 3 + 12);
}

TEST(DemoFrames, APlantedSymlinkIsReplacedNotWrittenThrough) {
    testing::TempDir dir;
    const auto frames = dir / "frames";
    std::filesystem::create_directory(frames);
    const auto victim = dir / "victim.txt";
    testing::write_file(victim, "keep me");
    std::filesystem::create_symlink(victim, frames / "frame-004.png");
    ASSERT_EQ(write_demo_frames(frames, kPayloads), "");
    EXPECT_EQ(testing::read_file(victim), "keep me");
    EXPECT_FALSE(std::filesystem::is_symlink(frames / "frame-004.png"));
    EXPECT_EQ(mode_of(frames / "frame-004.png"), 0600u);
}

TEST(DemoFrames, FramesAnOlderBuildLeftOpenAreClosed) {
    testing::TempDir dir;
    const auto frames = dir / "frames";
    ASSERT_EQ(write_demo_frames(frames, kPayloads), "");
    ASSERT_EQ(::chmod(frames.c_str(), 0755), 0);
    ASSERT_EQ(::chmod((frames / "frame-003.png").c_str(), 0644), 0);
    ASSERT_EQ(write_demo_frames(frames, kPayloads), "") << "kept, not written again";
    EXPECT_EQ(mode_of(frames), 0700u);
    EXPECT_EQ(mode_of(frames / "frame-003.png"), 0600u);
}

}  // namespace
}  // namespace uketsuke::app
