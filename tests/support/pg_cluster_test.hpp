#pragma once
// A GoogleTest fixture on one throwaway PostgreSQL cluster (pg_cluster.hpp) per test suite:
// every test gets a fresh database, `database`, reached at `hub`. Without PostgreSQL the tests
// skip, except on CI (CI=true), where they fail.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "support/pg_cluster.hpp"

namespace uketsuke::testing {

class PgClusterTest : public ::testing::Test {
protected:
    static inline std::unique_ptr<PgCluster> cluster;
    static inline std::string skip_reason;
    static inline int databases = 0;

    static void SetUpTestSuite() {
        cluster = std::make_unique<PgCluster>(std::filesystem::path(UKETSUKE_SOURCE_DIR) / "tools" /
                                              "pg_cluster.sh");
        skip_reason = cluster->start();
    }
    static void TearDownTestSuite() { cluster.reset(); }

    // Derived fixtures call this first and return if IsSkipped() or HasFatalFailure().
    void SetUp() override {
        if (!skip_reason.empty()) {
            const char* ci = std::getenv("CI");
            if (ci && std::string(ci) == "true") FAIL() << skip_reason;
            GTEST_SKIP() << skip_reason;
        }
        database = "db" + std::to_string(++databases);
        hub = cluster->new_database(database);
        ASSERT_FALSE(hub.empty()) << "could not create the database " << database;
    }

    static ShellOutput psql(const std::string& sql, const std::string& db = "postgres") {
        return cluster->psql(sql, db);
    }

    std::string database;
    std::string hub;  // its connection string
};

}  // namespace uketsuke::testing
