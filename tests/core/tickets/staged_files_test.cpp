// StagedFiles: nothing visible before commit, 0600 files, no symlink followed, a failure names
// the file and leaves no temporary behind.

#include "kiosk/core/tickets/staged_files.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "support/temp_dir.hpp"

namespace uketsuke {
namespace {

using testing::read_file;
using testing::TempDir;
using testing::write_file;

std::vector<std::string> names_in(const std::filesystem::path& folder) {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(folder))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

unsigned mode_of(const std::filesystem::path& path) {
    struct stat info {};
    return ::lstat(path.c_str(), &info) == 0 ? info.st_mode & 0777 : 0;
}

TEST(StagedFilesTest, NothingIsVisibleUntilCommitThenEveryFileIsWhole) {
    TempDir dir;
    write_file(dir / "a.png", "old");
    {
        StagedFiles staging(dir.path());
        ASSERT_EQ(staging.write("a.png", "new a"), "");
        ASSERT_EQ(staging.write("b.svg", "new b"), "");
        EXPECT_EQ(read_file(dir / "a.png"), "old");
        EXPECT_FALSE(std::filesystem::exists(dir / "b.svg"));
        ASSERT_EQ(staging.commit(), "");
    }
    EXPECT_EQ(read_file(dir / "a.png"), "new a");
    EXPECT_EQ(read_file(dir / "b.svg"), "new b");
    EXPECT_EQ(mode_of(dir / "b.svg"), 0600u);
    EXPECT_EQ(names_in(dir.path()), (std::vector<std::string>{"a.png", "b.svg"}));
}

TEST(StagedFilesTest, UncommittedFilesAreRemoved) {
    TempDir dir;
    {
        StagedFiles staging(dir.path());
        ASSERT_EQ(staging.write("a.png", "a"), "");
    }
    EXPECT_TRUE(names_in(dir.path()).empty());
}

TEST(StagedFilesTest, APlantedSymlinkIsReplacedNotFollowed) {
    TempDir dir;
    write_file(dir / "elsewhere", "keep me");
    ASSERT_EQ(::symlink((dir / "elsewhere").c_str(), (dir / "a.png").c_str()), 0);
    StagedFiles staging(dir.path());
    ASSERT_EQ(staging.write("a.png", "ticket"), "");
    ASSERT_EQ(staging.commit(), "");
    EXPECT_EQ(read_file(dir / "elsewhere"), "keep me");
    EXPECT_FALSE(std::filesystem::is_symlink(dir / "a.png"));
    EXPECT_EQ(read_file(dir / "a.png"), "ticket");
}

TEST(StagedFilesTest, AFailedRenameNamesTheFileAndLeavesNoTemporary) {
    TempDir dir;
    std::filesystem::create_directory(dir / "b.pdf");  // a folder where a file must go
    write_file(dir / "b.pdf" / "inside", "x");
    StagedFiles staging(dir.path());
    ASSERT_EQ(staging.write("a.png", "a"), "");
    ASSERT_EQ(staging.write("b.pdf", "b"), "");
    ASSERT_EQ(staging.write("c.svg", "c"), "");
    const std::string error = staging.commit();
    EXPECT_NE(error.find((dir / "b.pdf").string()), std::string::npos) << error;
    EXPECT_EQ(names_in(dir.path()), (std::vector<std::string>{"a.png", "b.pdf"}))
        << "a.png was renamed before the failure, c.svg never was, and no temporary is left";
}

}  // namespace
}  // namespace uketsuke
