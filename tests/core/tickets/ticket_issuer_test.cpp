#include "kiosk/core/tickets/ticket_issuer.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

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
    ASSERT_EQ(result.value().size(), 1u);  // the cancelled person gets none
    EXPECT_TRUE(std::filesystem::exists(options.out_dir / "p1.png"));
    EXPECT_TRUE(std::filesystem::exists(options.out_dir / "p1.svg"));
    const std::string merge = testing::read_file(options.out_dir / "tickets.csv");
    EXPECT_EQ(merge.rfind("\xEF\xBB\xBFname,email,organization,code,image_file,svg_file\r\n", 0),
              0u);
    EXPECT_NE(merge.find("山田 花子"), std::string::npos);
    EXPECT_NE(merge.find(result.value()[0].payload), std::string::npos);
}

}  // namespace
}  // namespace uketsuke
