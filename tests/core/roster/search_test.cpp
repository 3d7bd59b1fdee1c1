#include "kiosk/core/roster/search.hpp"

#include <gtest/gtest.h>

#include "support/event_fixture.hpp"

namespace uketsuke {
namespace {

using testing::EventFixture;

std::vector<std::string> ids(const std::vector<SearchHit>& hits) {
    std::vector<std::string> out;
    for (const auto& hit : hits) out.push_back(hit.participant.id);
    return out;
}

class SearchPeople : public ::testing::Test {
protected:
    EventFixture event;

    void add(const std::string& id, const std::string& name, const std::string& reading,
             const std::string& organization,
             RegistrationStatus status = RegistrationStatus::Registered) {
        Participant p;
        p.id = id;
        p.name = name;
        p.reading = reading;
        p.organization = organization;
        p.status = status;
        event.add(p);
    }

    std::vector<std::string> find(std::string_view query, int limit = 20) {
        return ids(search_people(event.store, query, limit));
    }

    void SetUp() override {
        add("A-001", "山田 太郎", "ヤマダ タロウ", "青葉市");
        add("A-002", "中山 花子", "ナカヤマ ハナコ", "港南市");
        add("A-003", "林 一郎", "ハヤシ イチロウ", "青葉市役所");
        add("A-004", "Alice Brown", "", "ABC Corp");
        add("A-005", "山本 健", "ヤマモト ケン", "株式会社やまびこ", RegistrationStatus::Cancelled);
        add("A-006", "田中 山子", "タナカ ヤマコ", "港南市");
        event.store.set_code("1234567", "A-003", "platform");
    }
};

using Ids = std::vector<std::string>;

TEST_F(SearchPeople, KanaWidthAndCaseFoldTogether) {
    EXPECT_EQ(find("ﾔﾏﾀﾞ"), Ids{"A-001"});
    EXPECT_EQ(find("ヤマダ"), Ids{"A-001"});
    EXPECT_EQ(find("やまだ"), Ids{"A-001"});
    EXPECT_EQ(find("ＡＢＣ"), Ids{"A-004"});
    EXPECT_EQ(find("abc"), Ids{"A-004"});
    EXPECT_EQ(find("ALICE"), Ids{"A-004"});
    EXPECT_EQ(find("ａｌｉｃｅ　ｂ"), Ids{"A-004"});  // full-width, with an ideographic space
}

TEST_F(SearchPeople, RomajiFindsTheKanaReading) {
    EXPECT_EQ(find("yamada"), Ids{"A-001"});
    // While typing, the d waits for its vowel: やま so far, by word prefix, then inside a word.
    EXPECT_EQ(find("YAMAD"), (Ids{"A-001", "A-005", "A-006", "A-002"}));
    EXPECT_EQ(find("hayashi"), Ids{"A-003"});
    EXPECT_EQ(find("nakayama"), (Ids{"A-002", "A-006"}));  // ナカヤマ, then タ(ナカ ヤマ)コ
    EXPECT_EQ(find("alice"), Ids{"A-004"});  // Latin names still match their own letters
    EXPECT_EQ(find("abc"), Ids{"A-004"});    // one kana (あ) is not searched for
}

TEST_F(SearchPeople, OneKanjiFamilyNameFromTheFirstCharacter) {
    const auto hits = search_people(event.store, "林");
    ASSERT_FALSE(hits.empty());
    EXPECT_EQ(hits.front().participant.id, "A-003");
    EXPECT_EQ(hits.front().match, SearchMatch::Exact);
    EXPECT_EQ(hits.front().field, SearchField::Name);
}

TEST_F(SearchPeople, KanaPrefixOfTheReading) {
    EXPECT_EQ(find("ハ"), (Ids{"A-003", "A-002"}));  // ハヤシ (family name), then ハナコ
    EXPECT_EQ(find("やまだた"), Ids{"A-001"});       // across the space of the reading
    EXPECT_EQ(find("はやし　い"), Ids{"A-003"});
}

TEST_F(SearchPeople, OrganizationIdAndImportedTicketNumber) {
    EXPECT_EQ(find("青葉"), (Ids{"A-001", "A-003"}));
    EXPECT_EQ(find("市役所"), Ids{"A-003"});  // a substring
    EXPECT_EQ(find("a-00"), (Ids{"A-001", "A-002", "A-003", "A-004", "A-005", "A-006"}));
    EXPECT_EQ(find("Ａ－００３"), Ids{"A-003"});
    const auto code = search_people(event.store, "1234567");
    ASSERT_EQ(code.size(), 1u);
    EXPECT_EQ(code[0].participant.id, "A-003");
    EXPECT_EQ(code[0].field, SearchField::Code);
    EXPECT_EQ(find("12345"), Ids{"A-003"});
}

TEST_F(SearchPeople, ExactThenPrefixThenSubstringThenRosterOrder) {
    // 山: exact nowhere; prefix: 山田, 山本, 山子 (A-006, a word);
    // substring: 中山.
    const auto hits = search_people(event.store, "山");
    EXPECT_EQ(ids(hits), (Ids{"A-001", "A-005", "A-006", "A-002"}));
    ASSERT_EQ(hits.size(), 4u);
    EXPECT_EQ(hits[0].match, SearchMatch::Prefix);
    EXPECT_EQ(hits[3].match, SearchMatch::Substring);

    // やま: prefix of やまだ, やまもと, やまこ (a word), やまびこ (organization); substring of
    // なかやま.
    EXPECT_EQ(find("やま"), (Ids{"A-001", "A-005", "A-006", "A-002"}));

    // An exact match beats people earlier in the roster who only match a prefix.
    add("A-007", "山", "ヤマ", "");
    const auto exact = search_people(event.store, "山");
    EXPECT_EQ(ids(exact), (Ids{"A-007", "A-001", "A-005", "A-006", "A-002"}));
    EXPECT_EQ(exact[0].match, SearchMatch::Exact);

    // Both exact (a word of 山田 太郎, the whole of 山田): roster order.
    add("A-008", "山田", "ヤマダ", "");
    EXPECT_EQ(find("山田"), (Ids{"A-001", "A-008"}));
    EXPECT_EQ(find("山田太"), Ids{"A-001"});
}

TEST_F(SearchPeople, FamilyNamesRankBeforeGivenNames) {
    // Roster order puts ハセガワ タクミ first; た is the start of a family name for the others.
    EventFixture series;
    const auto person = [&](const std::string& id, const std::string& name,
                            const std::string& reading) {
        Participant p;
        p.id = id;
        p.name = name;
        p.reading = reading;
        series.add(p);
    };
    person("B-1", "長谷川 拓海", "ハセガワ タクミ");
    person("B-2", "高橋 一郎", "タカハシ イチロウ");
    person("B-3", "田中 花", "タナカ ハナ");
    const auto found = [&](std::string_view query) {
        return ids(search_people(series.store, query));
    };
    EXPECT_EQ(found("た"), (Ids{"B-2", "B-3", "B-1"}));
    EXPECT_EQ(found("たか"), (Ids{"B-2"}));
    EXPECT_EQ(found("たく"), (Ids{"B-1"}));
    EXPECT_EQ(found("たくみ"), (Ids{"B-1"}));  // a given name typed in full is still found
    EXPECT_EQ(found("taku"), (Ids{"B-1"}));
    // An exact given name still beats a family name that only starts with it.
    person("B-4", "花田 次郎", "ハナダ ジロウ");
    EXPECT_EQ(found("はな"), (Ids{"B-3", "B-4"}));
    // A Latin name has no family-name word: Smith ranks with Sara, in roster order.
    person("L-1", "Bob Smith", "");
    person("L-2", "Sara Brown", "");
    EXPECT_EQ(found("s"), (Ids{"L-1", "L-2"}));
}

TEST_F(SearchPeople, VariantKanjiAreFoundByTheCommonForm) {
    add("V-1", "髙橋 美咲", "タカハシ ミサキ", "");
    add("V-2", "山﨑 聡", "ヤマザキ サトシ", "");
    add("V-3", "渡邊 直樹", "ワタナベ ナオキ", "");
    add("V-4", "齋藤 恵", "サイトウ メグミ", "");
    add("V-5", "辻\U000E0100 誠", "ツジ マコト", "");  // 辻 with its two-dot variation selector
    EXPECT_EQ(find("高橋"), Ids{"V-1"});
    EXPECT_EQ(find("髙橋"), Ids{"V-1"});
    EXPECT_EQ(find("山崎"), Ids{"V-2"});
    EXPECT_EQ(find("渡辺"), Ids{"V-3"});
    EXPECT_EQ(find("渡邉"), Ids{"V-3"});
    EXPECT_EQ(find("斉藤"), Ids{"V-4"});
    EXPECT_EQ(find("斎藤"), Ids{"V-4"});
    EXPECT_EQ(find("辻"), Ids{"V-5"});
    const auto hit = search_people(event.store, "高橋");
    ASSERT_EQ(hit.size(), 1u);
    EXPECT_EQ(hit[0].participant.name, "髙橋 美咲");  // shown as registered, never folded
}

TEST_F(SearchPeople, LimitCutsInRankOrder) {
    EXPECT_EQ(find("a-00", 2), (Ids{"A-001", "A-002"}));
    EXPECT_EQ(find("山", 1), Ids{"A-001"});
    EXPECT_TRUE(find("山", 0).empty());
    EXPECT_TRUE(find("").empty());
    EXPECT_TRUE(find("　 ").empty());
    EXPECT_TRUE(find("存在しない").empty());
}

TEST_F(SearchPeople, CancelledPeopleAreFoundWithTheirStatus) {
    const auto hits = search_people(event.store, "山本");
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_EQ(hits[0].participant.id, "A-005");
    EXPECT_EQ(hits[0].participant.status, RegistrationStatus::Cancelled);
}

TEST_F(SearchPeople, StaleIndexIsRefreshedAfterChanges) {
    EXPECT_EQ(find("やまだ"), Ids{"A-001"});  // builds the index
    add("B-001", "山田 次郎", "ヤマダ ジロウ",
        "");  // written as import and walk-in do, index untouched
    EXPECT_EQ(find("やまだ"), (Ids{"A-001", "B-001"}));

    // An edit: the old name is gone, the new one is found.
    Participant renamed = *event.store.participant("A-001");
    renamed.name = "佐藤 太郎";
    renamed.reading = "サトウ タロウ";
    event.store.upsert_participant(renamed, 0);
    EXPECT_EQ(find("やまだ"), Ids{"B-001"});
    EXPECT_EQ(find("さとう"), Ids{"A-001"});

    // A code added later.
    event.store.set_code("TKT-9", "B-001", "platform");
    EXPECT_EQ(find("tkt9"), Ids{"B-001"});

    // A file whose index was made elsewhere and then edited without the triggers.
    event.store.database().execute("DROP TRIGGER search_dirty_participant_insert");
    add("B-002", "山田 三郎", "ヤマダ サブロウ", "");
    EXPECT_EQ(find("やまだ"), (Ids{"B-001", "B-002"}));
}

TEST_F(SearchPeople, IndexSurvivesReopenAndExplicitUpdates) {
    rebuild_search_index(event.store);
    {
        EventStore reopened = EventStore::open(event.path);
        EXPECT_EQ(ids(search_people(reopened, "ハナコ")), Ids{"A-002"});
        Participant walk_in;
        walk_in.id = "W-1";
        walk_in.name = "森 京子";
        walk_in.reading = "モリ キョウコ";
        walk_in.source = "walk-in";
        reopened.upsert_participant(walk_in, 99);
        update_search_index(reopened, "W-1");
        EXPECT_EQ(ids(search_people(reopened, "森")), Ids{"W-1"});
        reopened.database().execute("DELETE FROM participants WHERE id = 'W-1'");
        EXPECT_TRUE(ids(search_people(reopened, "森")).empty());
    }
}

TEST_F(SearchPeople, ManyChangesAtOnceRebuild) {
    EXPECT_EQ(find("やまだ"), Ids{"A-001"});
    {
        sql::Transaction transaction(event.store.database());
        for (int i = 0; i < 2100; ++i) {
            Participant p;
            p.id = "M" + std::to_string(10000 + i);
            p.name = "村上 " + std::to_string(i);
            p.reading = "ムラカミ";
            event.store.upsert_participant(p, 100 + i);
        }
        transaction.commit();
    }
    const auto hits = search_people(event.store, "むらかみ", 3);
    EXPECT_EQ(ids(hits), (Ids{"M10000", "M10001", "M10002"}));
    EXPECT_EQ(find("やまだ"), Ids{"A-001"});
}

}  // namespace
}  // namespace uketsuke
