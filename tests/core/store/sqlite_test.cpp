#include "kiosk/core/store/sqlite.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "support/read_only.hpp"
#include "support/temp_dir.hpp"

namespace uketsuke::sql {
namespace {

TEST(Sqlite, BindsAndReadsEveryType) {
    Database db(":memory:", Database::Mode::ReadWriteCreate);
    db.execute("CREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB, n TEXT)");
    const unsigned char blob[] = {0, 1, 2, 255};
    auto insert = db.prepare("INSERT INTO t VALUES (?, ?, ?, ?, ?)");
    insert.bind(1, std::int64_t{1} << 40)
        .bind(2, 2.5)
        .bind(3, "名前")
        .bind_blob(4, blob, sizeof blob)
        .bind_null(5);
    insert.run();
    auto query = db.prepare("SELECT i, r, s, b, n FROM t");
    ASSERT_TRUE(query.step());
    EXPECT_EQ(query.integer(0), std::int64_t{1} << 40);
    EXPECT_DOUBLE_EQ(query.real(1), 2.5);
    EXPECT_EQ(query.text(2), "名前");
    EXPECT_EQ(query.blob(3), (std::vector<unsigned char>{0, 1, 2, 255}));
    EXPECT_TRUE(query.is_null(4));
    EXPECT_EQ(query.optional_text(4), std::nullopt);
    EXPECT_FALSE(query.step());
}

TEST(Sqlite, TransactionRollsBackUnlessCommitted) {
    Database db(":memory:", Database::Mode::ReadWriteCreate);
    db.execute("CREATE TABLE t (x INTEGER)");
    {
        Transaction transaction(db);
        db.execute("INSERT INTO t VALUES (1)");
    }
    {
        Transaction transaction(db);
        db.execute("INSERT INTO t VALUES (2)");
        transaction.commit();
    }
    auto query = db.prepare("SELECT group_concat(x) FROM t");
    ASSERT_TRUE(query.step());
    EXPECT_EQ(query.text(0), "2");
}

TEST(Sqlite, CachedStatementCanBeUsedTwiceAtOnce) {
    Database db(":memory:", Database::Mode::ReadWriteCreate);
    db.execute("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1), (2)");
    const char* sql = "SELECT x FROM t ORDER BY x";
    auto outer = db.prepare(sql);
    ASSERT_TRUE(outer.step());
    {
        auto inner = db.prepare(sql);  // same SQL while the first is mid-iteration
        ASSERT_TRUE(inner.step());
        EXPECT_EQ(inner.integer(0), 1);
    }
    ASSERT_TRUE(outer.step());
    EXPECT_EQ(outer.integer(0), 2);
    {
        auto again = db.prepare(sql);  // back from the cache, reset
        ASSERT_TRUE(again.step());
        EXPECT_EQ(again.integer(0), 1);
    }
}

TEST(Sqlite, BadSqlThrowsWithTheReason) {
    Database db(":memory:", Database::Mode::ReadWriteCreate);
    try {
        db.prepare("SELEC nonsense");
        FAIL() << "no exception";
    } catch (const DatabaseError& error) {
        EXPECT_NE(std::string(error.what()).find("syntax error"), std::string::npos)
            << error.what();
    }
    // A failed prepare must not poison the cache.
    EXPECT_THROW(db.prepare("SELEC nonsense"), DatabaseError);
}

TEST(Sqlite, NewFilesAreOwnerOnly) {
    testing::TempDir dir;
    const auto path = (dir / "private.db").string();
    {
        Database db(path, Database::Mode::ReadWriteCreate);
        db.execute("CREATE TABLE t (x)");
    }
    struct stat info {};
    ASSERT_EQ(stat(path.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u);
}

TEST(Sqlite, MissingFileWithoutCreateFails) {
    testing::TempDir dir;
    EXPECT_THROW(Database((dir / "absent.db").string(), Database::Mode::ReadWrite), DatabaseError);
}

// The failures people meet at a venue name the file, say what happened and what to do.
class SqliteTrouble : public ::testing::Test {
protected:
    testing::TempDir dir;

    // A WAL file of `rows` rows of 200 bytes, closed (its -wal and -shm gone with it).
    std::string event_file(const std::string& name, int rows = 10) {
        const auto path = (dir / name).string();
        Database db(path, Database::Mode::ReadWriteCreate);
        db.execute("PRAGMA journal_mode = WAL");
        db.execute("CREATE TABLE t (x TEXT)");
        for (int i = 0; i < rows; ++i)
            db.prepare("INSERT INTO t VALUES (?)").bind(1, std::string(200, 'a' + i % 26)).run();
        return path;
    }

    Problem problem = Problem::Other;  // of the last message_of

    // The message of what `write` throws, "" (and a failure) if it does not throw.
    template <typename Write>
    std::string message_of(Write write) {
        try {
            write();
        } catch (const DatabaseError& error) {
            problem = error.problem();
            return error.what();
        }
        ADD_FAILURE() << "no DatabaseError";
        return "";
    }
};

#define EXPECT_CONTAINS(text, part) \
    EXPECT_NE(std::string(text).find(part), std::string::npos) << (text)

TEST_F(SqliteTrouble, AFolderWhereTheWalCannotBeCreated) {
    std::filesystem::create_directories(dir / "ro");
    const std::string path = event_file("ro/event.db");
    testing::ReadOnly guard(dir / "ro");
    if (!guard.why_not.empty()) GTEST_SKIP() << guard.why_not;
    const std::string message = message_of([&] {
        Database db(path, Database::Mode::ReadWrite);
        db.prepare("INSERT INTO t VALUES ('x')").run();
    });
    EXPECT_CONTAINS(message, path);
    EXPECT_CONTAINS(message, path + "-wal");
    EXPECT_CONTAINS(message, "writable");
    EXPECT_TRUE(problem == Problem::CannotOpen || problem == Problem::ReadOnly)
        << to_string(problem);
}

TEST_F(SqliteTrouble, AReadOnlyFile) {
    const std::string path = event_file("event.db");
    testing::ReadOnly guard(path);
    if (!guard.why_not.empty()) GTEST_SKIP() << guard.why_not;
    const std::string message = message_of([&] {
        Database db(path, Database::Mode::ReadWrite);
        db.prepare("INSERT INTO t VALUES ('x')").run();
    });
    EXPECT_CONTAINS(message, path);
    EXPECT_CONTAINS(message, "writable");
    EXPECT_EQ(problem, Problem::ReadOnly) << to_string(problem);
}

TEST_F(SqliteTrouble, AFileThatIsNotADatabase) {
    const auto path = (dir / "event.db").string();
    std::ofstream(path) << std::string(8192, 'x');
    const std::string message = message_of([&] {
        Database db(path, Database::Mode::ReadWrite);
        db.prepare("SELECT count(*) FROM sqlite_master").step();
    });
    EXPECT_CONTAINS(message, path + " is damaged or is not an SQLite database");
    EXPECT_CONTAINS(message, "fresh copy");
    EXPECT_EQ(problem, Problem::Damaged);
}

TEST_F(SqliteTrouble, ATruncatedFile) {
    const std::string path = event_file("event.db", 2000);
    std::filesystem::resize_file(path, std::filesystem::file_size(path) / 2);
    const std::string message = message_of([&] {
        Database db(path, Database::Mode::ReadWrite);
        auto count = db.prepare("SELECT count(*), sum(length(x)) FROM t");
        count.step();
    });
    EXPECT_CONTAINS(message, path + " is damaged");
    EXPECT_CONTAINS(message, "fresh copy");
    EXPECT_EQ(problem, Problem::Damaged);
}

// PRAGMA max_page_count gives the SQLITE_FULL of a full disk without filling one.
TEST_F(SqliteTrouble, AFullDisk) {
    const std::string path = event_file("event.db");
    Database db(path, Database::Mode::ReadWrite);
    auto pages = db.prepare("PRAGMA page_count");
    ASSERT_TRUE(pages.step());
    db.execute("PRAGMA max_page_count = " + std::to_string(pages.integer(0)));
    pages.reset();
    const std::string message = message_of(
        [&] { db.prepare("INSERT INTO t VALUES (?)").bind(1, std::string(20000, 'z')).run(); });
    EXPECT_CONTAINS(message, "the disk holding " + path + " is full");
    EXPECT_CONTAINS(message, "Free some space");
    EXPECT_EQ(problem, Problem::DiskFull);
}

TEST(Sqlite, EachResultCodeHasItsKind) {
    EXPECT_EQ(problem_of(SQLITE_CORRUPT), Problem::Damaged);
    EXPECT_EQ(problem_of(SQLITE_NOTADB), Problem::Damaged);
    EXPECT_EQ(problem_of(SQLITE_CANTOPEN), Problem::CannotOpen);
    EXPECT_EQ(problem_of(SQLITE_READONLY_DBMOVED), Problem::ReadOnly);
    EXPECT_EQ(problem_of(SQLITE_IOERR_FSYNC), Problem::DiskError);
    EXPECT_EQ(problem_of(SQLITE_FULL), Problem::DiskFull);
    EXPECT_EQ(problem_of(SQLITE_BUSY), Problem::Other);
    // No I/O error can be made here on demand: the message is checked as written.
    const std::string message = describe_problem(Problem::DiskError, "/media/usb/event.db",
                                                 "statement failed", "disk I/O error");
    EXPECT_NE(message.find("reading or writing /media/usb/event.db failed"), std::string::npos);
    EXPECT_NE(message.find("disk I/O error"), std::string::npos);
}

TEST_F(SqliteTrouble, AFileCutShortIsFoundBeforeAnyPageIsMissed) {
    const std::string path = event_file("event.db", 2000);
    EXPECT_NO_THROW(check_not_cut_short(path));
    std::filesystem::resize_file(path, std::filesystem::file_size(path) - 4096);
    try {
        check_not_cut_short(path);
        FAIL() << "not noticed";
    } catch (const DatabaseError& error) {
        EXPECT_EQ(error.problem(), Problem::Damaged);
        EXPECT_CONTAINS(error.what(), path + " is damaged");
        EXPECT_CONTAINS(error.what(), "cut short");
    }
    // Whatever is not an SQLite file is left for SQLite to name.
    std::ofstream(dir / "text.db") << "hello";
    EXPECT_NO_THROW(check_not_cut_short((dir / "text.db").string()));
    EXPECT_NO_THROW(check_not_cut_short((dir / "absent.db").string()));
}

}  // namespace
}  // namespace uketsuke::sql
