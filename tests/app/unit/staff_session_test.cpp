// Staff mode inside the kiosk (kiosk/app/staff_session.hpp) on a real event file and its worker:
// it opens in the kiosk's language, signs in over the worker, and the kiosk's settings go in and
// come out as values the loop answers and applies.

#include "kiosk/app/staff_session.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>

#include "kiosk/core/staff/staff.hpp"
#include "support/event_fixture.hpp"

namespace uketsuke::app {
namespace {

using testing::EventFixture;

const ui::Instant kNow{std::chrono::milliseconds(testing::kNineAm)};

ui::Key character(std::string_view text) {
    ui::Key key;
    key.kind = ui::KeyKind::Character;
    key.text = text;
    return key;
}

struct Session : ::testing::Test {
    EventFixture event;
    StaffMember chief =
        add_staff(event.store, "Chief Sato", StaffRole::Supervisor, "2222", test_pin_cost());
    KioskConfig config = [&] {
        KioskConfig c;
        c.event_file = event.path;
        c.kiosk_id = "K1";
        return c;
    }();
    std::mutex mutex;
    std::condition_variable woken;
    int wakes = 0;
    StaffSession session{config, [this] {
                             {
                                 std::lock_guard lock(mutex);
                                 ++wakes;
                             }
                             woken.notify_all();
                         }};

    // Waits for the worker's next answer and feeds it to staff mode.
    StaffSession::Polled answer() {
        {
            std::unique_lock lock(mutex);
            EXPECT_TRUE(woken.wait_for(lock, std::chrono::seconds(30), [&] { return wakes > 0; }));
            --wakes;
        }
        return session.poll(kNow);
    }

    void sign_in() {
        session.open_by_corner(kNow, ui::Language::En);
        (void)answer();  // the list of staff
        session.tap(ui::ChooseStaffMember{chief.id}, kNow);
        for (const char* digit : {"2", "2", "2", "2"})
            session.tap(ui::KeyTapped{character(digit)}, kNow);
        ui::Key done;
        done.kind = ui::KeyKind::Done;
        session.tap(ui::KeyTapped{done}, kNow);
        const StaffSession::Polled signed_in = answer();
        ASSERT_EQ(signed_in.log.size(), 1u);
        EXPECT_EQ(signed_in.log[0], "staff " + chief.id + " signed in (supervisor)");
        ASSERT_TRUE(session.state().signed_in);
    }
};

TEST_F(Session, OpensInTheKiosksLanguageAndSignsInOverTheWorker) {
    EXPECT_FALSE(session.open());
    EXPECT_EQ(session.screen_name(), "");
    sign_in();
    EXPECT_TRUE(session.open());
    EXPECT_EQ(session.state().language, ui::Language::En);
    EXPECT_EQ(session.state().signed_in->name, "Chief Sato");
}

TEST_F(Session, TheKiosksSettingsGoInAndOutAsValues) {
    sign_in();
    EXPECT_FALSE(session.wants_settings());
    session.tap(ui::GoTo{ui::StaffPage::Settings}, kNow);
    ASSERT_TRUE(session.wants_settings());
    EXPECT_FALSE(session.state().settings);  // the page waits for the kiosk's answer
    ui::StaffSettings kiosk;
    kiosk.language = ui::Language::En;
    kiosk.sound = false;
    kiosk.camera_device = "/dev/video7";
    session.show_settings(kiosk, kNow);
    EXPECT_FALSE(session.wants_settings());
    ASSERT_TRUE(session.state().settings);
    EXPECT_EQ(session.state().settings->language, ui::Language::En);
    EXPECT_FALSE(session.state().settings->sound);
    EXPECT_EQ(session.state().settings->camera_device, "/dev/video7");
    EXPECT_EQ(session.state().settings->cameras, capture_devices());

    EXPECT_TRUE(session.take_settings_to_apply().empty());
    ui::StaffSettings japanese = *session.state().settings;
    japanese.language = ui::Language::Ja;
    japanese.sound = true;
    session.tap(ui::ChangeSetting{japanese}, kNow);
    const auto applied = session.take_settings_to_apply();
    ASSERT_EQ(applied.size(), 1u);
    EXPECT_EQ(applied[0].language, ui::Language::Ja);
    EXPECT_TRUE(applied[0].sound);
    EXPECT_TRUE(session.take_settings_to_apply().empty());  // taken once

    EXPECT_FALSE(session.exit_requested());
    session.tap(ui::RequestExit{}, kNow);
    session.tap(ui::RequestExit{}, kNow);
    EXPECT_TRUE(session.exit_requested());
}

}  // namespace
}  // namespace uketsuke::app
