#include "kiosk/core/store/print_log.hpp"

#include <gtest/gtest.h>

#include "core/store/old_schema.hpp"
#include "kiosk/core/store/schema.hpp"
#include "support/event_fixture.hpp"

namespace uketsuke {
namespace {

using testing::EventFixture;
using testing::kNineAm;

PrintLogEntry printed(const std::string& participant, const std::string& kiosk = "A") {
    PrintLogEntry row;
    row.participant_id = participant;
    row.layout = "ql-62";
    row.reason = kPrintOnCheckin;
    row.printer = "QL-820NWB";
    row.job_id = 17;
    row.kiosk = kiosk;
    row.wall_ms = kNineAm;
    return row;
}

TEST(PrintLog, ARowIsKeptWithWhoWhatWhereAndWhen) {
    EventFixture f;
    f.person("p1", "山田 花子", "青葉市");
    PrintLogEntry row = printed("p1");
    row.reason = kPrintReprint;
    row.staff = "st1";
    row.staff_name = "佐藤";
    ASSERT_TRUE(append_print(f.store, row));
    const auto rows = print_log_of(f.store, "p1");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].layout, "ql-62");
    EXPECT_EQ(rows[0].reason, "reprint");
    EXPECT_EQ(rows[0].printer, "QL-820NWB");
    EXPECT_EQ(rows[0].job_id, 17);
    EXPECT_EQ(rows[0].kiosk, "A");
    EXPECT_EQ(rows[0].staff, "st1");
    EXPECT_EQ(rows[0].staff_name, "佐藤");
    EXPECT_EQ(rows[0].wall_ms, kNineAm);
    EXPECT_EQ(rows[0].id.size(), 32u) << "a random id was made";
    EXPECT_TRUE(HlcStamp::parse(rows[0].stamp)) << "stamped by the kiosk's clock";
    EXPECT_TRUE(has_printed_tag(f.store, "p1"));
    EXPECT_FALSE(has_printed_tag(f.store, "p2"));
}

TEST(PrintLog, AFailedPrintIsRecordedButIsNoPrintedTag) {
    EventFixture f;
    PrintLogEntry row = printed("p1");
    row.job_id = 0;
    row.error = "the printer \"QL\" is stopped";
    ASSERT_TRUE(append_print(f.store, row));
    EXPECT_EQ(print_log(f.store).size(), 1u);
    EXPECT_FALSE(has_printed_tag(f.store, "p1"));
    EXPECT_TRUE(people_with_printed_tag(f.store).empty());
    ASSERT_TRUE(append_print(f.store, printed("p1")));
    EXPECT_TRUE(has_printed_tag(f.store, "p1"));
    EXPECT_EQ(people_with_printed_tag(f.store), std::set<std::string>{"p1"});
}

TEST(PrintLog, TheSameRowTwiceIsOneRowAndTheLogIsAppendOnly) {
    EventFixture f;
    PrintLogEntry row = printed("p1");
    row.id = "r1";
    ASSERT_TRUE(append_print(f.store, row));
    EXPECT_FALSE(append_print(f.store, row));
    EXPECT_EQ(print_log(f.store).size(), 1u);
    EXPECT_THROW(f.store.database().execute("DELETE FROM print_log"), std::exception);
    EXPECT_THROW(f.store.database().execute("UPDATE print_log SET error = 'x'"), std::exception);
    EXPECT_EQ(print_log(f.store).size(), 1u);
}

TEST(PrintLog, OutsideTextIsCleanedAndCutBeforeItIsStored) {
    EventFixture f;
    PrintLogEntry row = printed("p1");
    row.printer = std::string("Q\xff\xfeL", 4);
    row.error = std::string(5000, 'x');
    ASSERT_TRUE(append_print(f.store, row));
    const auto stored = print_log(f.store).at(0);
    EXPECT_EQ(stored.printer.find('\xff'), std::string::npos);
    EXPECT_LE(stored.error.size(), 500u);
}

TEST(PrintLog, ASchemaSevenFileWithDataIsMigratedInPlace) {
    EventFixture f;
    f.person("p1", "山田 花子", "青葉市");
    f.person("p2", "John Smith", "");
    ASSERT_TRUE(f.store.append_checkin(CheckinRecord{"c1", "p1", CheckinKind::CheckIn, "",
                                                     CheckinMethod::Camera, "K1", "", kNineAm,
                                                     "stamp-1", ""}));
    ASSERT_TRUE(f.store.append_person_log(
        PersonLogEntry{"l1", "p2", "note", "late", "K1", "st1", "佐藤", kNineAm, "stamp-2"}));
    f.store = EventStore::create((f.dir / "other.db").string(), f.store.event());
    testing::make_schema_7(f.path);
    {
        EventStore old = EventStore::open(f.path, /*read_only=*/true);
        ASSERT_EQ(old.schema_version(), 7);
        EXPECT_TRUE(print_log(old).empty()) << "an older file read as it is has no print log";
        EXPECT_FALSE(has_printed_tag(old, "p1"));
    }
    EventStore store = EventStore::open(f.path);
    EXPECT_EQ(store.schema_version(), 8);
    EXPECT_EQ(kSchemaVersion, 8);
    EXPECT_EQ(store.participants().size(), 2u);
    EXPECT_EQ(store.checkins().size(), 1u);
    EXPECT_EQ(store.person_log().size(), 1u);
    EXPECT_EQ(store.arrived_count(), 1);
    EXPECT_TRUE(print_log(store).empty());
    ASSERT_TRUE(append_print(store, printed("p1")));
    EXPECT_TRUE(has_printed_tag(store, "p1"));
    EXPECT_THROW(store.database().execute("DELETE FROM print_log"), std::exception);
    auto integrity = store.database().prepare("PRAGMA integrity_check");
    ASSERT_TRUE(integrity.step());
    EXPECT_EQ(integrity.text(0), "ok");
}

}  // namespace
}  // namespace uketsuke
