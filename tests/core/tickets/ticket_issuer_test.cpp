#include "kiosk/core/tickets/ticket_issuer.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cctype>
#include <set>

#include "kiosk/core/checkin/checkin.hpp"
#include "support/event_fixture.hpp"

namespace uketsuke {
namespace {

using testing::EventFixture;
using testing::kNineAm;

class TicketIssuerTest : public ::testing::Test {
protected:
    EventFixture f;
    std::filesystem::path secret = f.dir / "event.secret-key";
    void SetUp() override {
        ASSERT_EQ(create_event_keys(f.store, secret, kNineAm), "");
        f.person("p1", "山田 花子", "青葉市");
        Participant gone = f.person("p2", "鈴木", "港南市");
        gone.status = RegistrationStatus::Cancelled;
        f.add(gone);
    }
};

TEST_F(TicketIssuerTest, SecretKeyFileIsPrivateAndNeverOverwritten) {
    struct stat info {};
    ASSERT_EQ(stat(secret.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u);
    EXPECT_NE(create_event_keys(f.store, secret, kNineAm).find("already exists"),
              std::string::npos);
    // The event file holds only public keys.
    for (const auto& key : f.store.public_keys()) EXPECT_EQ(key.size(), 44u);
}

TEST_F(TicketIssuerTest, IssuedTicketsCheckIn) {
    auto key = load_secret_key(f.store, secret);
    ASSERT_TRUE(key) << key.error;
    CheckinService service(f.store);
    const std::string ticket = ticket_for(f.store, *key.key, *f.store.participant("p1"));
    EXPECT_EQ(service.check_in_code(ticket, CheckinContext{"A", "", CheckinMethod::Camera, kNineAm})
                  .outcome,
              CheckinOutcome::CheckedIn);
}

TEST_F(TicketIssuerTest, KeyOfAnotherEventIsRefused) {
    EventFixture other;
    const auto other_secret = other.dir / "other.secret-key";
    ASSERT_EQ(create_event_keys(other.store, other_secret, kNineAm), "");
    auto key = load_secret_key(f.store, other_secret);
    EXPECT_FALSE(key);
    EXPECT_NE(key.error.find("another event"), std::string::npos);
}

TEST_F(TicketIssuerTest, ReissueRevokesTheOldTicket) {
    auto key = load_secret_key(f.store, secret);
    ASSERT_TRUE(key);
    const std::string old_ticket = ticket_for(f.store, *key.key, *f.store.participant("p1"));
    const std::string new_ticket = reissue_ticket(f.store, *key.key, "p1", "organizer", kNineAm);
    EXPECT_NE(old_ticket, new_ticket);
    EXPECT_EQ(f.store.participant("p1")->ticket_generation, 2u);
    CheckinService service(f.store);
    CheckinContext context{"A", "", CheckinMethod::Camera, kNineAm};
    auto refused = service.check_in_code(old_ticket, context);
    EXPECT_EQ(refused.outcome, CheckinOutcome::InvalidTicket);
    EXPECT_EQ(refused.ticket_status, TicketStatus::Revoked);
    EXPECT_EQ(service.check_in_code(new_ticket, context).outcome, CheckinOutcome::CheckedIn);
}

TEST_F(TicketIssuerTest, RotationKeepsOldTicketsValid) {
    auto old_key = load_secret_key(f.store, secret);
    ASSERT_TRUE(old_key);
    const std::string old_ticket = ticket_for(f.store, *old_key.key, *f.store.participant("p1"));
    ASSERT_EQ(rotate_event_keys(f.store, secret, kNineAm + 1), "");
    EXPECT_TRUE(std::filesystem::exists(secret.string() + ".previous"));
    auto new_key = load_secret_key(f.store, secret);
    ASSERT_TRUE(new_key) << new_key.error;
    EXPECT_EQ(f.store.public_keys().size(), 3u);  // the fixture's, init's, the rotated one
    CheckinService service(f.store);
    EXPECT_EQ(
        service.check_in_code(old_ticket, CheckinContext{"A", "", CheckinMethod::Camera, kNineAm})
            .outcome,
        CheckinOutcome::CheckedIn);
}

TEST_F(TicketIssuerTest, WritesImagesAndMailMergeList) {
    auto key = load_secret_key(f.store, secret);
    ASSERT_TRUE(key);
    TicketFilesOptions options;
    options.out_dir = f.dir / "tickets";
    auto result = write_ticket_files(f.store, *key.key, options);
    ASSERT_TRUE(result) << result.error();
    ASSERT_EQ(result.value().tickets.size(), 1u);  // the cancelled person gets none
    EXPECT_TRUE(std::filesystem::exists(options.out_dir / "p1.png"));
    EXPECT_TRUE(std::filesystem::exists(options.out_dir / "p1.svg"));
    const std::string merge = testing::read_file(options.out_dir / "tickets.csv");
    // The first six columns stay first and in order (mail merges name them by place); id, group,
    // table and the page files come after, the pages empty unless the caller draws them.
    EXPECT_EQ(merge.rfind("\xEF\xBB\xBFname,email,organization,code,image_file,svg_file,id,group,"
                          "table,page_pdf,page_png\r\n",
                          0),
              0u);
    EXPECT_NE(merge.find(",p1.png,p1.svg,p1,"), std::string::npos) << merge;
    EXPECT_EQ(result.value().tickets[0].page_pdf_file, "");
    EXPECT_NE(merge.find("山田 花子"), std::string::npos);
    EXPECT_NE(merge.find(result.value().tickets[0].payload), std::string::npos);
}

// The attacker's case: before, "a/b" was escaped to "a_b-0d0f158b" (FNV-1a of the id), which is
// itself a valid id; the second image overwrote the first and tickets.csv mailed both people
// one QR code. "Ab" and "aB" are one file on FAT/exFAT sticks and on macOS.
TEST_F(TicketIssuerTest, EveryPersonGetsAFileOfTheirOwnAlsoIgnoringCase) {
    auto key = load_secret_key(f.store, secret);
    ASSERT_TRUE(key);
    for (const char* id : {"a/b", "a_b-0d0f158b", "Ab", "aB"}) {
        f.person(id, std::string("person ") + id, "青葉市");
    }
    TicketFilesOptions options;
    options.out_dir = f.dir / "tickets";
    auto result = write_ticket_files(f.store, *key.key, options);
    ASSERT_TRUE(result) << result.error();
    ASSERT_EQ(result.value().tickets.size(), 5u);
    std::set<std::string> folded;
    std::set<std::string> images;
    for (const auto& ticket : result.value().tickets) {
        std::string lower = ticket.png_file;
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        EXPECT_TRUE(folded.insert(lower).second)
            << ticket.participant_id << " shares " << ticket.png_file << " with someone";
        EXPECT_EQ(ticket.png_file.find('/'), std::string::npos) << ticket.png_file;
        images.insert(testing::read_file(options.out_dir / ticket.png_file));
    }
    EXPECT_EQ(images.size(), 5u) << "two people's image files hold the same QR code";
    int files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(options.out_dir)) {
        if (entry.path().extension() == ".png") ++files;
    }
    EXPECT_EQ(files, 5);
    // Ids that are already portable and unique keep their own name.
    EXPECT_TRUE(std::filesystem::exists(options.out_dir / "p1.png"));
    EXPECT_TRUE(std::filesystem::exists(options.out_dir / "a_b-0d0f158b.png"));
}

// A file written before imports checked the id's length may hold someone whose id no ticket
// can carry: `tickets` names them and writes everyone else's, never stopping half-way.
TEST_F(TicketIssuerTest, AnIdNoTicketHoldsIsNamedAndTheRestAreWritten) {
    auto key = load_secret_key(f.store, secret);
    ASSERT_TRUE(key);
    const std::string long_id(300, 'x');
    f.person("a0", "最初", "青葉市");
    f.person(long_id, "長い 番号", "青葉市");
    f.person("z9", "最後", "青葉市");
    TicketFilesOptions options;
    options.out_dir = f.dir / "tickets";
    auto result = write_ticket_files(f.store, *key.key, options);
    ASSERT_TRUE(result) << result.error();
    EXPECT_EQ(result.value().tickets.size(), 3u);  // p1, a0, z9
    ASSERT_EQ(result.value().problems.size(), 1u);
    EXPECT_NE(result.value().problems[0].find("長い 番号"), std::string::npos)
        << result.value().problems[0];
    EXPECT_NE(result.value().problems[0].find("300 bytes"), std::string::npos)
        << result.value().problems[0];
    EXPECT_TRUE(std::filesystem::exists(options.out_dir / "z9.png"));
    const std::string merge = testing::read_file(options.out_dir / "tickets.csv");
    EXPECT_NE(merge.find("最後"), std::string::npos);
    EXPECT_EQ(merge.find("長い 番号"), std::string::npos);
}

// A ticket image is a bearer credential: whoever holds the picture checks in as that person.
TEST_F(TicketIssuerTest, TicketImagesArePrivateAndPlantedLinksAreNotFollowed) {
    auto key = load_secret_key(f.store, secret);
    ASSERT_TRUE(key);
    TicketFilesOptions options;
    options.out_dir = f.dir / "tickets";
    std::filesystem::create_directory(options.out_dir);
    const auto victim = f.dir / "victim";
    testing::write_file(victim, "precious");
    std::filesystem::create_symlink(victim, options.out_dir / "p1.png");
    std::filesystem::create_symlink(victim, options.out_dir / "p1.svg.partial");
    auto result = write_ticket_files(f.store, *key.key, options);
    ASSERT_TRUE(result) << result.error();
    EXPECT_EQ(testing::read_file(victim), "precious");
    for (const char* name : {"p1.png", "p1.svg", "tickets.csv"}) {
        struct stat info {};
        ASSERT_EQ(lstat((options.out_dir / name).c_str(), &info), 0) << name;
        EXPECT_TRUE(S_ISREG(info.st_mode)) << name;
        EXPECT_EQ(info.st_mode & 0777, 0600u) << name;
    }
    // A folder the tool creates itself is private from the start (one the organizer made is
    // theirs to set).
    options.out_dir = f.dir / "fresh" / "tickets";
    ASSERT_TRUE(write_ticket_files(f.store, *key.key, options));
    struct stat folder {};
    ASSERT_EQ(stat(options.out_dir.c_str(), &folder), 0);
    EXPECT_EQ(folder.st_mode & 0777, 0700u);
}

}  // namespace
}  // namespace uketsuke
