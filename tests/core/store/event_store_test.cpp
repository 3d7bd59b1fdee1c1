#include "kiosk/core/store/event_store.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "kiosk/core/store/schema.hpp"
#include "support/event_fixture.hpp"

namespace uketsuke {
namespace {

using testing::EventFixture;
using testing::read_file;
using testing::TempDir;
using testing::write_file;

std::string pragma(EventStore& store, const std::string& name) {
    auto query = store.database().prepare("PRAGMA " + name);
    EXPECT_TRUE(query.step());
    return query.text(0);
}

TEST(EventStore, CreatesAFileWithTheSafetySettings) {
    EventFixture f;
    EXPECT_EQ(pragma(f.store, "journal_mode"), "wal");
    EXPECT_EQ(pragma(f.store, "synchronous"), "2");  // FULL
    EXPECT_EQ(pragma(f.store, "foreign_keys"), "1");
    EXPECT_EQ(pragma(f.store, "busy_timeout"), "5000");
    EXPECT_EQ(pragma(f.store, "user_version"), std::to_string(kSchemaVersion));
    struct stat info {};
    ASSERT_EQ(stat(f.path.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u);
    EXPECT_EQ(f.store.event().name, "Workshop");
}

TEST(EventStore, ReopensWithTheSameData) {
    EventFixture f;
    f.person("p1", "山田 花子", "青葉市");
    EventStore again = EventStore::open(f.path);
    EXPECT_EQ(again.participant("p1")->name, "山田 花子");
    EXPECT_EQ(pragma(again, "synchronous"), "2");
}

TEST(EventStore, RefusesToOverwrite) {
    EventFixture f;
    EXPECT_THROW(EventStore::create(f.path, f.store.event()), sql::DatabaseError);
}

TEST(EventStore, RefusesAFileFromANewerVersionAndLeavesItAlone) {
    EventFixture f;
    f.store.database().execute("PRAGMA user_version = 99");
    f.store.database().execute("PRAGMA wal_checkpoint(TRUNCATE)");
    const std::string before = read_file(f.path);
    try {
        EventStore::open(f.path);
        FAIL() << "opened a newer file";
    } catch (const SchemaError& error) {
        const std::string message = error.what();
        EXPECT_NE(message.find("newer version of Uketsuke"), std::string::npos) << message;
        EXPECT_NE(message.find("schema 99"), std::string::npos) << message;
    }
    EXPECT_EQ(read_file(f.path), before);
}

TEST(EventStore, RefusesAFileThatIsNotSqlite) {
    TempDir dir;
    const auto path = (dir / "notes.db").string();
    write_file(path, std::string(4096, 'x'));
    try {
        EventStore::open(path);
        FAIL() << "opened garbage";
    } catch (const SchemaError& error) {
        EXPECT_NE(std::string(error.what()).find("not an SQLite database"), std::string::npos)
            << error.what();
    }
    EXPECT_EQ(read_file(path), std::string(4096, 'x'));
}

TEST(EventStore, RefusesAnSqliteFileThatIsNotAnEvent) {
    TempDir dir;
    const auto path = (dir / "other.db").string();
    {
        sql::Database other(path, sql::Database::Mode::ReadWriteCreate);
        other.execute("CREATE TABLE photos (x)");
    }
    try {
        EventStore::open(path);
        FAIL();
    } catch (const SchemaError& error) {
        EXPECT_NE(std::string(error.what()).find("not an Uketsuke event file"), std::string::npos);
    }
}

TEST(EventStore, MissingFileIsAClearError) {
    TempDir dir;
    try {
        EventStore::open((dir / "absent.db").string());
        FAIL();
    } catch (const sql::DatabaseError& error) {
        EXPECT_NE(std::string(error.what()).find("no such event file"), std::string::npos);
    }
}

TEST(EventStore, SeatedPerGroupCountsRegisteredPeopleOnly) {
    EventFixture f;
    f.store.upsert_group(Group{"g1", "A", "1", 5, "", {}, {}}, 0);
    f.store.upsert_group(Group{"g2", "B", "2", 5, "", {}, {}}, 1);
    f.store.upsert_group(Group{"g3", "C", "3", 5, "", {}, {}}, 2);
    for (const auto& [id, group] : std::vector<std::pair<std::string, std::string>>{
             {"a", "g1"}, {"b", "g1"}, {"c", "g2"}, {"d", ""}, {"e", "g2"}}) {
        Participant p = f.person(id, "名前 " + id, "青葉市", group);
        f.add(p);
    }
    Participant cancelled = f.person("e", "名前 e", "青葉市", "g2");
    cancelled.status = RegistrationStatus::Cancelled;
    f.store.upsert_participant(cancelled, 4);

    const auto seated = f.store.seated_per_group();
    EXPECT_EQ(seated, (std::map<std::string, std::int64_t>{{"g1", 2}, {"g2", 1}}));
}

TEST(EventStore, ParticipantsKeepEveryFieldAndRosterOrder) {
    EventFixture f;
    Group g{"g1", "A", "1", 5, "佐藤", 0.25, 0.5};
    f.store.upsert_group(g, 0);
    Participant p;
    p.id = "b";
    p.name = "山田 花子";
    p.reading = "ヤマダ ハナコ";
    p.organization = "青葉市";
    p.role = Role::Facilitator;
    p.group_id = "g1";
    p.email = "h@example.jp";
    p.status = RegistrationStatus::Cancelled;
    p.notes = "車椅子";
    p.extras = {{"経験年数", "3"}, {"コメント", "よろしく"}};
    p.ticket_generation = 4;
    p.changed_stamp = "s";
    p.changed_by = "organizer";
    f.add(p);
    f.person("a", "Alice", "Org");
    auto read = f.store.participant("b");
    ASSERT_TRUE(read);
    EXPECT_EQ(read->reading, p.reading);
    EXPECT_EQ(read->role, Role::Facilitator);
    EXPECT_EQ(read->group_id, "g1");
    EXPECT_EQ(read->status, RegistrationStatus::Cancelled);
    EXPECT_EQ(read->extras, p.extras);
    EXPECT_EQ(read->ticket_generation, 4u);
    EXPECT_EQ(read->notes, "車椅子");
    auto all = f.store.participants();
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].id, "b");  // roster order, not id order
    auto group = f.store.group("g1");
    ASSERT_TRUE(group);
    EXPECT_EQ(group->map_x, 0.25);
    EXPECT_EQ(group->capacity, 5);
}

TEST(EventStore, CodesMapExactly) {
    EventFixture f;
    f.person("p1", "A", "O");
    f.store.set_code("123456", "p1", "platform");
    EXPECT_EQ(f.store.participant_for_code("123456"), "p1");
    EXPECT_EQ(f.store.participant_for_code("12345"), std::nullopt);
    EXPECT_EQ(f.store.participant_for_code("123456 "), std::nullopt);
    EXPECT_EQ(f.store.codes_of("p1"), std::vector<std::string>{"123456"});
}

TEST(EventStore, TheCheckinLogIsAppendOnly) {
    EventFixture f;
    CheckinRecord r;
    r.id = "c1";
    r.participant_id = "p1";
    r.kiosk = "A";
    r.stamp = "s1";
    EXPECT_TRUE(f.store.append_checkin(r));
    EXPECT_FALSE(f.store.append_checkin(r));  // same id: ignored, not duplicated
    EXPECT_EQ(f.store.checkins().size(), 1u);
    EXPECT_THROW(f.store.database().execute("UPDATE checkins SET kiosk = 'B'"), sql::DatabaseError);
    EXPECT_THROW(f.store.database().execute("DELETE FROM checkins"), sql::DatabaseError);
}

TEST(EventStore, StampsKeepIncreasingAcrossReopen) {
    EventFixture f;
    const std::string first = f.store.next_stamp("A", 5000).to_string();
    std::string second;
    {
        EventStore again = EventStore::open(f.path);
        second = again.next_stamp("A", 1000).to_string();  // wall clock went backwards
    }
    EXPECT_LT(first, second);
}

TEST(EventStore, RevokedTickets) {
    EventFixture f;
    f.store.revoke_ticket("p1", 1);
    EXPECT_TRUE(f.store.is_revoked("p1", 1));
    EXPECT_FALSE(f.store.is_revoked("p1", 2));
}

TEST(EventStore, ReadOnlyOpenCannotWrite) {
    EventFixture f;
    EventStore reader = EventStore::open(f.path, true);
    EXPECT_EQ(reader.event().id, to_hex(f.event_id));
    EXPECT_THROW(reader.set_setting("x", "y"), sql::DatabaseError);
}

}  // namespace
}  // namespace uketsuke
