#include "kiosk/core/store/files.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "support/temp_dir.hpp"

namespace uketsuke {
namespace {

using testing::TempDir;

TEST(Files, AtomicWriteIsPrivateAndReplaces) {
    TempDir dir;
    const auto path = dir / "out.csv";
    ASSERT_EQ(write_file_atomically(path, "first"), "");
    ASSERT_EQ(write_file_atomically(path, "second"), "");
    EXPECT_EQ(testing::read_file(path), "second");
    struct stat info {};
    ASSERT_EQ(stat(path.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u);
    EXPECT_FALSE(std::filesystem::exists(path.string() + ".partial"));
}

TEST(Files, WriteIntoMissingFolderSaysWhere) {
    TempDir dir;
    const auto error = write_file_atomically(dir / "no" / "such" / "x.csv", "x");
    EXPECT_NE(error.find("x.csv"), std::string::npos) << error;
}

TEST(Files, ReadRefusesTooLargeAndFolders) {
    TempDir dir;
    testing::write_file(dir / "big", std::string(3 << 20, 'a'));
    auto big = read_whole_file(dir / "big", 1 << 20);
    EXPECT_FALSE(big);
    EXPECT_NE(big.error.find("larger than 1 MB"), std::string::npos);
    EXPECT_TRUE(big.bytes.empty());
    EXPECT_FALSE(read_whole_file(dir.path(), 1 << 20));
    EXPECT_FALSE(read_whole_file(dir / "absent", 1 << 20));
    auto fine = read_whole_file(dir / "big", 4 << 20);
    ASSERT_TRUE(fine);
    EXPECT_EQ(fine.bytes.size(), 3u << 20);
}

// An attacker who can write into the output folder plants symlinks where the writer will
// open: at the old fixed temporary name and at the target itself. Neither may lead the write
// (or a truncation) into the file the link points at.
TEST(Files, SymlinkPlantedAtTheTemporaryNameIsNotFollowed) {
    TempDir dir;
    const auto victim = dir / "victim";
    testing::write_file(victim, "precious");
    const auto path = dir / "out.csv";
    std::filesystem::create_symlink(victim, path.string() + ".partial");
    ASSERT_EQ(write_file_atomically(path, "new"), "");
    EXPECT_EQ(testing::read_file(victim), "precious");
    EXPECT_EQ(testing::read_file(path), "new");
    struct stat info {};
    ASSERT_EQ(lstat(path.c_str(), &info), 0);
    EXPECT_TRUE(S_ISREG(info.st_mode));
    // Nothing else was left behind: the victim, the planted link and the new file.
    int entries = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path()))
        ++entries;
    EXPECT_EQ(entries, 3);
}

TEST(Files, SymlinkPlantedAtTheTargetIsReplacedNotFollowed) {
    TempDir dir;
    const auto victim = dir / "victim";
    testing::write_file(victim, "precious");
    const auto path = dir / "ticket.png";
    std::filesystem::create_symlink(victim, path);
    ASSERT_EQ(write_file_atomically(path, "new"), "");
    EXPECT_EQ(testing::read_file(victim), "precious");
    struct stat info {};
    ASSERT_EQ(lstat(path.c_str(), &info), 0);
    EXPECT_TRUE(S_ISREG(info.st_mode));
    EXPECT_EQ(info.st_mode & 0777, 0600u);
    EXPECT_EQ(testing::read_file(path), "new");
}

// Two writes of the same file at once (two processes) must not share one temporary file.
TEST(Files, TemporaryNamesAreNotReused) {
    TempDir dir;
    const auto path = dir / "out.csv";
    testing::write_file(path.string() + ".partial", "someone else's half-written file");
    ASSERT_EQ(write_file_atomically(path, "mine"), "");
    EXPECT_EQ(testing::read_file(path.string() + ".partial"), "someone else's half-written file");
}

}  // namespace
}  // namespace uketsuke
