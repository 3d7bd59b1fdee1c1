#include "kiosk/core/store/sqlite.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

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

}  // namespace
}  // namespace uketsuke::sql
