// The check-in log's kept arrival counts (schema 7): always what the log folds to, whatever order
// rows come in, and read with the same work at any size of the log.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <random>
#include <vector>

#include "core/store/old_schema.hpp"
#include "kiosk/core/store/event_store.hpp"
#include "kiosk/core/store/schema.hpp"
#include "support/event_fixture.hpp"

namespace uketsuke {
namespace {

using testing::EventFixture;
using testing::kNineAm;

// The count as the log folds to, from the rows themselves ("" session: any session).
std::int64_t counted(EventStore& store, const std::string& session_id) {
    auto query = store.database().prepare(
        "SELECT count(DISTINCT c.participant_id) FROM checkins c WHERE (? = '' OR c.session_id = "
        "?) AND c.kind = 'checkin' AND NOT EXISTS (SELECT 1 FROM checkins u WHERE u.kind = 'undo' "
        "AND u.undoes = c.id)");
    query.bind_all(session_id, session_id);
    query.step();
    return query.integer(0);
}

void expect_counts_as_folded(EventStore& store) {
    EXPECT_EQ(store.arrived_count("s1"), counted(store, "s1"));
    EXPECT_EQ(store.arrived_count("s2"), counted(store, "s2"));
    EXPECT_EQ(store.arrived_count(), counted(store, ""));
}

CheckinRecord row(int n, const std::string& participant, CheckinKind kind,
                  const std::string& undoes, const std::string& session) {
    return CheckinRecord{"r" + std::to_string(n),
                         participant,
                         kind,
                         undoes,
                         CheckinMethod::Camera,
                         "K",
                         "",
                         kNineAm + n,
                         "stamp-" + std::to_string(100000 + n),
                         session};
}

// Check-ins, leaves and undos of 30 people at two sessions, some undone twice (two kiosks
// undoing one row), some checked in again after an undo, one row appended twice.
std::vector<CheckinRecord> random_log(std::mt19937& random) {
    std::vector<CheckinRecord> log;
    std::vector<CheckinRecord> undoable;
    for (int n = 0; n < 600; ++n) {
        const std::string person = "p" + std::to_string(random() % 30);
        const std::string session = random() % 2 ? "s1" : "s2";
        const unsigned roll = random() % 10;
        if (roll < 5 || undoable.empty()) {
            log.push_back(
                row(n, person, roll == 0 ? CheckinKind::Leave : CheckinKind::CheckIn, "", session));
            undoable.push_back(log.back());
        } else {
            const CheckinRecord& target = undoable[random() % undoable.size()];
            log.push_back(
                row(n, target.participant_id, CheckinKind::Undo, target.id, target.session_id));
        }
    }
    log.push_back(log[log.size() / 2]);
    return log;
}

TEST(CheckinLog, KeptCountsAreWhatTheLogFoldsToInAnyOrder) {
    std::mt19937 random(7);
    const std::vector<CheckinRecord> log = random_log(random);
    EventFixture in_order;
    for (const auto& record : log) {
        (void)in_order.store.append_checkin(record);
        expect_counts_as_folded(in_order.store);
        if (::testing::Test::HasFailure()) FAIL() << "after row " << record.id;
    }
    EXPECT_GT(in_order.store.arrived_count("s1"), 0);
    EXPECT_GT(in_order.store.arrived_count("s2"), 0);

    // As a merge or the hub may bring them: undos before the rows they undo.
    for (int round = 0; round < 5; ++round) {
        std::vector<CheckinRecord> shuffled = log;
        std::shuffle(shuffled.begin(), shuffled.end(), random);
        EventFixture other;
        for (const auto& record : shuffled) (void)other.store.append_checkin(record);
        expect_counts_as_folded(other.store);
        EXPECT_EQ(other.store.arrived_count("s1"), in_order.store.arrived_count("s1"));
        EXPECT_EQ(other.store.arrived_count("s2"), in_order.store.arrived_count("s2"));
    }
}

struct VmSteps {
    int last = 0;
};

// SQLite's own count of the virtual machine's steps for the statement that just finished.
int record_steps(unsigned, void* context, void* statement, void*) {
    static_cast<VmSteps*>(context)->last = sqlite3_stmt_status(
        static_cast<sqlite3_stmt*>(statement), SQLITE_STMTSTATUS_VM_STEP, /*reset=*/1);
    return 0;
}

// The kiosk reads the count after every scan: counting the log took 2 ms at 2,000 rows and
// 22-36 ms at 16,000 (the soak). The kept count is one row, the same work at 10 rows or 8,000.
TEST(CheckinLog, TheLiveCountTakesTheSameWorkAtAnySize) {
    EventFixture f;
    VmSteps steps;
    sqlite3_trace_v2(f.store.database().handle(), SQLITE_TRACE_PROFILE, record_steps, &steps);
    int n = 0;
    auto add = [&](int count) {
        sql::Transaction transaction(f.store.database());
        for (int i = 0; i < count; ++i, ++n) {
            const std::string person = "p" + std::to_string(n);
            ASSERT_TRUE(f.store.append_checkin(row(n, person, CheckinKind::CheckIn, "", "s1")));
            if (n % 20 == 0) {
                ASSERT_TRUE(f.store.append_checkin(
                    row(1'000'000 + n, person, CheckinKind::Undo, "r" + std::to_string(n), "s1")));
            }
        }
        transaction.commit();
    };
    add(10);
    EXPECT_EQ(f.store.arrived_count("s1"), 9);
    const int small = steps.last;
    ASSERT_GT(small, 0);
    add(8'000);
    EXPECT_EQ(f.store.arrived_count("s1"), 8'010 - 401);
    EXPECT_EQ(steps.last, small) << "the count reads the log";
    sqlite3_trace_v2(f.store.database().handle(), 0, nullptr, nullptr);
}

TEST(CheckinLog, ASchemaSixFileGetsItsCountsAndKeepsThemCurrent) {
    EventFixture f;
    const std::vector<CheckinRecord> rows{
        row(1, "p1", CheckinKind::CheckIn, "", "s1"), row(2, "p2", CheckinKind::CheckIn, "", "s1"),
        row(3, "p2", CheckinKind::Undo, "r2", "s1"),  row(4, "p3", CheckinKind::CheckIn, "", "s1"),
        row(5, "p3", CheckinKind::CheckIn, "", "s1"), row(6, "p1", CheckinKind::CheckIn, "", "s2"),
        row(7, "p4", CheckinKind::Leave, "", "s2")};
    for (const auto& record : rows) ASSERT_TRUE(f.store.append_checkin(record));
    f.store = EventStore::create((f.dir / "other.db").string(), f.store.event());
    testing::make_schema_6(f.path);
    {
        EventStore old = EventStore::open(f.path, /*read_only=*/true);
        ASSERT_EQ(old.schema_version(), 6);
        EXPECT_EQ(old.arrived_count("s1"), 2) << "an older file is counted from its log";
        EXPECT_EQ(old.arrived_count("s2"), 1);
        EXPECT_EQ(old.arrived_count(), 2);
    }
    EventStore store = EventStore::open(f.path);
    EXPECT_EQ(store.schema_version(), kSchemaVersion);
    EXPECT_EQ(store.checkins().size(), rows.size());
    EXPECT_EQ(store.arrived_count("s1"), 2);
    EXPECT_EQ(store.arrived_count("s2"), 1);
    EXPECT_EQ(store.arrived_count(), 2);
    // Kept current from here on: p3 checked in twice stays until both rows are undone.
    ASSERT_TRUE(store.append_checkin(row(8, "p3", CheckinKind::Undo, "r4", "s1")));
    EXPECT_EQ(store.arrived_count("s1"), 2);
    ASSERT_TRUE(store.append_checkin(row(9, "p3", CheckinKind::Undo, "r5", "s1")));
    EXPECT_EQ(store.arrived_count("s1"), 1);
    ASSERT_TRUE(store.append_checkin(row(10, "p2", CheckinKind::CheckIn, "", "s1")));
    EXPECT_EQ(store.arrived_count("s1"), 2);
    expect_counts_as_folded(store);
    auto integrity = store.database().prepare("PRAGMA integrity_check");
    ASSERT_TRUE(integrity.step());
    EXPECT_EQ(integrity.text(0), "ok");
}

}  // namespace
}  // namespace uketsuke
