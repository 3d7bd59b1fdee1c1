#include "kiosk/core/staff/attention.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "kiosk/core/model/utf8.hpp"
#include "kiosk/core/staff/staff.hpp"
#include "kiosk/core/sync/merge.hpp"
#include "support/event_fixture.hpp"

namespace uketsuke {
namespace {

using testing::EventFixture;
using testing::kNineAm;

struct Desk {
    EventFixture f;
    StaffMember boss, door;
    Desk() {
        f.person("p1", "青木 花子", "青葉市");
        f.person("p2", "馬場 一郎", "港南市");
        boss = add_staff(f.store, "Sato", StaffRole::Supervisor, "123456", test_pin_cost());
        door = add_staff(f.store, "Suzuki", StaffRole::Door, "567890", test_pin_cost());
    }
    static StaffContext organizer(std::int64_t minute = 0) {
        return StaffContext{"desk", "", "", kNineAm + minute * 60'000};
    }
    static StaffContext by(const StaffMember& who, std::int64_t minute = 0,
                           const std::string& kiosk = "K1") {
        return StaffContext{kiosk, who.id, "", kNineAm + minute * 60'000};
    }
    std::size_t log_rows() const { return f.store.person_log().size(); }
};

TEST(Attention, SetShownAcknowledgedAndLoggedWithWho) {
    Desk desk;
    EXPECT_FALSE(attention_of(desk.f.store, "p1"));
    const ActionResult set =
        set_attention(desk.f.store, "p1", "  資料Bをお渡しください \n", Desk::organizer());
    ASSERT_TRUE(set) << set.error;
    auto flag = attention_of(desk.f.store, "p1");
    ASSERT_TRUE(flag);
    EXPECT_EQ(flag->text, "資料Bをお渡しください");
    EXPECT_FALSE(flag->acknowledged);
    EXPECT_EQ(pending_attention_count(desk.f.store), 1);
    EXPECT_FALSE(attention_of(desk.f.store, "p2"));

    const ActionResult ack = acknowledge_attention(desk.f.store, "p1", Desk::by(desk.door, 3));
    ASSERT_TRUE(ack) << ack.error;
    flag = attention_of(desk.f.store, "p1");
    ASSERT_TRUE(flag);
    EXPECT_TRUE(flag->acknowledged);
    EXPECT_EQ(flag->acknowledged_by, "Suzuki");
    EXPECT_EQ(flag->acknowledged_by_id, desk.door.id);
    EXPECT_EQ(flag->acknowledged_ms, kNineAm + 3 * 60'000);
    EXPECT_EQ(flag->text, "資料Bをお渡しください") << "staff can still read what it was";
    EXPECT_EQ(pending_attention_count(desk.f.store), 0);

    const auto log = desk.f.store.person_log_of("p1");
    ASSERT_EQ(log.size(), 2u);
    EXPECT_EQ(log[0].action, "attention");
    EXPECT_EQ(log[0].detail, "資料Bをお渡しください");
    EXPECT_EQ(log[1].action, "attention_ack");
    EXPECT_EQ(log[1].detail, log[0].id);
    EXPECT_EQ(log[1].staff_name, "Suzuki");
    EXPECT_EQ(log[1].kiosk, "K1");
}

TEST(Attention, ANewTextNeedsANewAcknowledgmentAndClearingEndsIt) {
    Desk desk;
    ASSERT_TRUE(set_attention(desk.f.store, "p1", "来賓", Desk::organizer()));
    ASSERT_TRUE(acknowledge_attention(desk.f.store, "p1", Desk::by(desk.door, 1)));
    ASSERT_TRUE(set_attention(desk.f.store, "p1", "来賓・挨拶あり", Desk::by(desk.boss, 2)));
    auto flag = attention_of(desk.f.store, "p1");
    ASSERT_TRUE(flag);
    EXPECT_EQ(flag->text, "来賓・挨拶あり");
    EXPECT_EQ(flag->set_by, "Sato");
    EXPECT_FALSE(flag->acknowledged);
    ASSERT_TRUE(set_attention(desk.f.store, "p1", "", Desk::organizer(3)));
    EXPECT_FALSE(attention_of(desk.f.store, "p1"));
    EXPECT_TRUE(attention_all(desk.f.store).empty());
}

TEST(Attention, RefusalsSayWhyAndWriteNothing) {
    Desk desk;
    const auto before = desk.log_rows();
    EXPECT_EQ(set_attention(desk.f.store, "nobody", "講師", Desk::organizer()).error,
              "no one with the id \"nobody\" is registered at this event");
    EXPECT_EQ(set_attention(desk.f.store, "p1", " ", Desk::organizer()).error,
              "青木 花子 has no attention flag to clear");
    EXPECT_EQ(set_attention(desk.f.store, "p1", "講師", Desk::by(desk.door)).error,
              "Suzuki is door staff; ask a supervisor to do this");
    EXPECT_EQ(acknowledge_attention(desk.f.store, "p1", Desk::by(desk.door)).error,
              "青木 花子 has no attention flag");
    EXPECT_EQ(desk.log_rows(), before);
    ASSERT_TRUE(set_attention(desk.f.store, "p1", "講師", Desk::organizer()));
    EXPECT_EQ(set_attention(desk.f.store, "p1", "講師", Desk::organizer()).error,
              "青木 花子's attention flag already says that");
    ASSERT_TRUE(acknowledge_attention(desk.f.store, "p1", Desk::by(desk.door)));
    EXPECT_EQ(acknowledge_attention(desk.f.store, "p1", Desk::by(desk.boss)).error,
              "青木 花子's attention flag was already acknowledged by Suzuki");
    EXPECT_EQ(desk.log_rows(), before + 2);
}

TEST(Attention, UntrustedTextIsCleanedAndCappedWhenRead) {
    Desk desk;
    // A row as a hub or another tool may have written it: controls, a bidi override, a
    // malformed byte, and far too long.
    std::string raw = "要配慮\x1b[31m\xe2\x80\xae\xff";
    for (int i = 0; i < 300; ++i) raw += "あ";
    ASSERT_TRUE(
        desk.f.store.append_person_log(PersonLogEntry{"r1", "p2", "attention", raw, "K9", "",
                                                      "\xe2\x80\xae"
                                                      "Evil",
                                                      kNineAm, "1"}));
    const auto flag = attention_of(desk.f.store, "p2");
    ASSERT_TRUE(flag);
    EXPECT_EQ(flag->text.rfind("要配慮[31m\xef\xbf\xbd", 0), 0u) << flag->text;
    EXPECT_EQ(utf8::length(flag->text), kAttentionMaxChars);
    EXPECT_EQ(flag->set_by, "Evil");
    EXPECT_EQ(clean_attention_text("two\nlines"), "two lines");
}

// Merges and the hub carry every person_log row whatever its action; the acknowledgment names
// the flag it saw, so one made at a kiosk does not silence a newer flag set at the desk meanwhile.
TEST(Attention, TravelsThroughAMergeAndAnAcknowledgmentKeepsToItsFlag) {
    Desk desk;
    ASSERT_TRUE(set_attention(desk.f.store, "p1", "来賓", Desk::organizer()));
    ASSERT_TRUE(set_attention(desk.f.store, "p2", "講師", Desk::organizer()));
    desk.f.store.database().execute("PRAGMA wal_checkpoint(TRUNCATE)");
    const std::string kiosk_path = (desk.f.dir / "kiosk.db").string();
    std::filesystem::copy_file(desk.f.path, kiosk_path);
    {
        EventStore kiosk = EventStore::open(kiosk_path);
        ASSERT_TRUE(attention_of(kiosk, "p1"));
        ASSERT_TRUE(acknowledge_attention(kiosk, "p1", Desk::by(desk.door, 5)));
        ASSERT_TRUE(acknowledge_attention(kiosk, "p2", Desk::by(desk.door, 5)));
    }
    // Meanwhile the desk gives p2 a new word for the door.
    ASSERT_TRUE(set_attention(desk.f.store, "p2", "講師・控室へ", Desk::organizer(6)));
    const MergeResult merged = merge_into(desk.f.store, {kiosk_path});
    ASSERT_TRUE(merged) << merged.errors.front().message;
    EXPECT_EQ(merged.total.person_log, 2);
    const auto p1 = attention_of(desk.f.store, "p1");
    ASSERT_TRUE(p1);
    EXPECT_TRUE(p1->acknowledged);
    EXPECT_EQ(p1->acknowledged_by, "Suzuki");
    const auto p2 = attention_of(desk.f.store, "p2");
    ASSERT_TRUE(p2);
    EXPECT_EQ(p2->text, "講師・控室へ");
    EXPECT_FALSE(p2->acknowledged);
    EXPECT_EQ(pending_attention_count(desk.f.store), 1);
}

}  // namespace
}  // namespace uketsuke
