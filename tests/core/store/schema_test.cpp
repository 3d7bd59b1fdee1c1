#include "kiosk/core/store/schema.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/store/old_schema.hpp"
#include "kiosk/core/store/event_store.hpp"
#include "support/event_fixture.hpp"

namespace uketsuke {
namespace {

using testing::EventFixture;
using testing::kNineAm;

bool has_column(EventStore& store, const std::string& table, const std::string& column) {
    auto query = store.database().prepare("SELECT 1 FROM pragma_table_info(?) WHERE name = ?");
    query.bind_all(table, column);
    return query.step();
}

// A schema-2 file with a bit of everything the participants table touches: a group, people
// placed and not, extras, a note, a second ticket generation, codes and a check-in.
struct SchemaTwoFile {
    EventFixture f;
    std::vector<Participant> people;

    SchemaTwoFile() {
        f.store.upsert_group(Group{"g1", "Group A", "T1", 6, "Fujita", 0.25, 0.5}, 0);
        Participant placed = f.person("p1", "山田 花子", "青葉市", "g1");
        placed.reading = "やまだ はなこ";
        placed.email = "hanako@example.org";
        placed.notes = "wheelchair";
        placed.extras = {{"Diet", "vegetarian"}, {"Shirt", "M"}};
        placed.ticket_generation = 2;
        placed.role = Role::Facilitator;
        placed.changed_stamp = f.store.next_stamp("organizer", kNineAm).to_string();
        placed.changed_by = "organizer";
        f.add(placed);
        Participant walk_in = f.person("p2", "John Smith", "");
        walk_in.source = "walk-in";
        walk_in.status = RegistrationStatus::Cancelled;
        f.add(walk_in);
        f.store.set_code("C-P1", "p1", "platform");
        f.store.set_code("C-P2", "p2", "ticket");
        EXPECT_TRUE(f.store.append_checkin(CheckinRecord{"c1", "p1", CheckinKind::CheckIn, "",
                                                         CheckinMethod::Camera, "K1", "", kNineAm,
                                                         "stamp-1", ""}));
        people = f.store.participants();
        // Let go of the file, then rewrite it as schema 2 wrote it.
        f.store = EventStore::create((f.dir / "other.db").string(), f.store.event());
        testing::make_schema_2(f.path);
    }
};

void expect_same_people(const std::vector<Participant>& got, const std::vector<Participant>& want) {
    ASSERT_EQ(got.size(), want.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
        EXPECT_EQ(got[i].id, want[i].id);
        EXPECT_EQ(got[i].name, want[i].name);
        EXPECT_EQ(got[i].reading, want[i].reading);
        EXPECT_EQ(got[i].organization, want[i].organization);
        EXPECT_EQ(got[i].role, want[i].role);
        EXPECT_EQ(got[i].group_id, want[i].group_id);
        EXPECT_EQ(got[i].email, want[i].email);
        EXPECT_EQ(got[i].status, want[i].status);
        EXPECT_EQ(got[i].notes, want[i].notes);
        EXPECT_EQ(got[i].extras, want[i].extras);
        EXPECT_EQ(got[i].ticket_generation, want[i].ticket_generation);
        EXPECT_EQ(got[i].source, want[i].source);
        EXPECT_EQ(got[i].changed_stamp, want[i].changed_stamp);
        EXPECT_EQ(got[i].changed_by, want[i].changed_by);
    }
}

TEST(Schema, AVersionTwoFileLosesSearchKeyAndKeepsEveryRow) {
    SchemaTwoFile old;
    EventStore store = EventStore::open(old.f.path);
    EXPECT_EQ(store.schema_version(), kSchemaVersion);
    EXPECT_FALSE(has_column(store, "participants", "search_key"));
    EXPECT_TRUE(has_column(store, "participants", "changed_by"));
    expect_same_people(store.participants(), old.people);
    EXPECT_EQ(store.codes_of("p1"), std::vector<std::string>{"C-P1"});
    EXPECT_EQ(store.participant_for_code("C-P2"), "p2");
    EXPECT_EQ(store.arrived_count(), 1);
    ASSERT_EQ(store.groups().size(), 1u);
    EXPECT_EQ(store.groups()[0].facilitator, "Fujita");
    auto integrity = store.database().prepare("PRAGMA integrity_check");
    ASSERT_TRUE(integrity.step());
    EXPECT_EQ(integrity.text(0), "ok");
    auto foreign_keys = store.database().prepare("PRAGMA foreign_key_check");
    EXPECT_FALSE(foreign_keys.step()) << "every code still points at its person";
    // The indexes came through the rebuild.
    auto indexes = store.database().prepare(
        "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'participants' "
        "AND name IN ('participants_group', 'participants_changed')");
    ASSERT_TRUE(indexes.step());
    EXPECT_EQ(indexes.integer(0), 2);
    // Still writable as a current file.
    Participant more = store.participant("p2").value();
    more.notes = "after the migration";
    store.upsert_participant(more, 9);
    EXPECT_EQ(store.participant("p2")->notes, "after the migration");
}

TEST(Schema, AVersionTwoFileOpenedReadOnlyIsReadAsItIs) {
    SchemaTwoFile old;
    EventStore store = EventStore::open(old.f.path, /*read_only=*/true);
    EXPECT_EQ(store.schema_version(), 2);
    EXPECT_TRUE(has_column(store, "participants", "search_key")) << "a read never migrates";
    expect_same_people(store.participants(), old.people);
}

TEST(Schema, OpeningAMigratedFileAgainChangesNothing) {
    SchemaTwoFile old;
    { EventStore first = EventStore::open(old.f.path); }
    EventStore second = EventStore::open(old.f.path);
    EXPECT_EQ(second.schema_version(), kSchemaVersion);
    expect_same_people(second.participants(), old.people);
}

}  // namespace
}  // namespace uketsuke
