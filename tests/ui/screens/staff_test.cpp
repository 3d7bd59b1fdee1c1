// Staff mode's state machine (kiosk/ui/screens/staff.hpp) on a fake clock: getting in, the PIN and
// its lockout, idling out, what each role may do, and the request each action sends.

#include "kiosk/ui/screens/staff.hpp"

#include <gtest/gtest.h>

namespace uketsuke::ui {
namespace {

const Instant kStart{std::chrono::milliseconds(1795996800000)};

Key character(std::string_view text) {
    Key key;
    key.kind = KeyKind::Character;
    key.text = text;
    return key;
}
Key special(KeyKind kind) {
    Key key;
    key.kind = kind;
    return key;
}

StaffMember member(const std::string& id, const std::string& name, StaffRole role) {
    StaffMember m;
    m.id = id;
    m.name = name;
    m.role = role;
    return m;
}

template <typename T>
std::vector<T> requests_of(const StaffStep& step) {
    std::vector<T> found;
    for (const auto& request : step.requests) {
        if (const auto* r = std::get_if<T>(&request)) found.push_back(*r);
    }
    return found;
}

struct Staff {
    StaffState state;
    Instant now = kStart;
    StaffStep last;

    StaffStep send(const StaffEvent& event) {
        last = staff_step(state, event, now);
        state = last.state;
        return last;
    }
    StaffStep tap(StaffIntent intent) { return send(StaffTap{std::move(intent)}); }
    StaffStep reply(StaffReply reply) { return send(StaffEvent{std::move(reply)}); }
    void type(std::string_view digits) {  // ASCII only
        for (std::size_t i = 0; i < digits.size(); ++i)
            tap(KeyTapped{character(digits.substr(i, 1))});
    }

    // Opens staff mode by the corner and signs in as `who`.
    void sign_in(const StaffMember& who) {
        send(OpenStaff{});
        reply(StaffListLoaded{{who}});
        tap(ChooseStaffMember{who.id});
        type("1234");
        tap(KeyTapped{special(KeyKind::Done)});
        reply(PinChecked{PinOk{who}});
    }
};

const StaffMember kDoor = member("d1", "Door Dan", StaffRole::Door);
const StaffMember kChief = member("s1", "Chief Sato", StaffRole::Supervisor);

PersonLoaded person(const std::string& id, bool checked_in) {
    PersonLoaded loaded;
    loaded.card.person.id = id;
    loaded.card.person.name = "山田 花子";
    loaded.card.person.group_id = "g1";
    loaded.card.checked_in = checked_in;
    loaded.groups = {{"g1", "A"}, {"g2", "B"}};
    return loaded;
}

TEST(StaffFlow, ACornerPressListsStaffThenThePinIsCheckedByTheWorker) {
    Staff s;
    const StaffStep opened = s.send(OpenStaff{});
    EXPECT_TRUE(s.state.open);
    EXPECT_EQ(s.state.page, StaffPage::ChooseStaff);
    EXPECT_EQ(requests_of<LoadStaffList>(opened).size(), 1u);
    s.reply(StaffListLoaded{{kDoor, kChief}});
    s.tap(ChooseStaffMember{"s1"});
    EXPECT_EQ(s.state.page, StaffPage::Pin);
    EXPECT_EQ(s.state.candidate_name, "Chief Sato");
    s.type("12");
    // Too short: Done does nothing.
    EXPECT_TRUE(requests_of<VerifyPin>(s.tap(KeyTapped{special(KeyKind::Done)})).empty());
    s.type("34");
    const auto verify = requests_of<VerifyPin>(s.tap(KeyTapped{special(KeyKind::Done)}));
    ASSERT_EQ(verify.size(), 1u);
    EXPECT_EQ(verify[0].staff_id, "s1");
    EXPECT_EQ(verify[0].pin, "1234");
    EXPECT_TRUE(s.state.verifying);
    s.type("9");  // ignored while the worker checks
    s.reply(PinChecked{PinOk{kChief}});
    EXPECT_TRUE(s.state.pin_pad.text.empty());  // the PIN does not linger in memory
    ASSERT_TRUE(s.state.signed_in);
    EXPECT_EQ(s.state.signed_in->name, "Chief Sato");
    EXPECT_EQ(s.state.page, StaffPage::Search);
    EXPECT_EQ(s.state.keyboard.layout, KeyboardLayout::Kana);  // Japanese staff look up readings
}

TEST(StaffFlow, AStaffTicketGoesStraightToItsOwnersPin) {
    Staff s;
    const StaffStep opened = s.send(OpenStaff{kDoor});
    EXPECT_EQ(s.state.page, StaffPage::Pin);
    EXPECT_EQ(s.state.candidate_id, "d1");
    EXPECT_TRUE(requests_of<LoadStaffList>(opened).empty());
    // A second staff ticket while open changes nothing.
    s.send(OpenStaff{kChief});
    EXPECT_EQ(s.state.candidate_id, "d1");
}

TEST(StaffFlow, WrongPinsCountDownThenTheLockoutIgnoresTheKeys) {
    Staff s;
    s.send(OpenStaff{kDoor});
    s.type("0000");
    s.tap(KeyTapped{special(KeyKind::Done)});
    s.reply(PinChecked{PinWrong{2, 0}});
    EXPECT_EQ(s.state.attempts_left, 2);
    EXPECT_EQ(s.state.message_key, "pin_wrong");
    EXPECT_TRUE(s.state.message_is_error);
    EXPECT_FALSE(s.state.signed_in);
    const std::int64_t until = kStart.time_since_epoch().count() + 30'000;
    s.type("1111");
    s.tap(KeyTapped{special(KeyKind::Done)});
    s.reply(PinChecked{PinWrong{0, until}});
    EXPECT_EQ(s.state.locked_until_ms, until);
    s.type("1234");
    EXPECT_TRUE(s.state.pin_pad.text.empty());
    EXPECT_TRUE(requests_of<VerifyPin>(s.tap(KeyTapped{special(KeyKind::Done)})).empty());
    // After the lockout, keys work again.
    s.now += std::chrono::seconds(31);
    s.type("1234");
    EXPECT_EQ(s.state.pin_pad.text, "1234");
    // A member removed meanwhile goes back to the list.
    s.tap(KeyTapped{special(KeyKind::Done)});
    const StaffStep unknown = s.reply(PinChecked{PinUnknownStaff{}});
    EXPECT_EQ(s.state.page, StaffPage::ChooseStaff);
    EXPECT_TRUE(s.state.unknown_staff);
    EXPECT_EQ(requests_of<LoadStaffList>(unknown).size(), 1u);
}

TEST(StaffFlow, IdleStaffModeClosesItselfAndForgetsEverything) {
    Staff s;
    s.state.idle_timeout = std::chrono::seconds(60);
    s.sign_in(kDoor);
    s.tap(KeyTapped{character("や")});
    s.tap(KeyTapped{character("ま")});
    s.reply(
        SearchDone{"やま", {{"p1", "山田 花子", "やまだ はなこ", "青葉市", "A", false, false}}});
    ASSERT_EQ(s.state.results.size(), 1u);
    ASSERT_TRUE(staff_next_wake(s.state));
    EXPECT_EQ(*staff_next_wake(s.state), s.now + std::chrono::seconds(60));
    s.now += std::chrono::seconds(59);
    s.send(Tick{});
    EXPECT_TRUE(s.state.open);
    s.tap(GoTo{StaffPage::Dashboard});  // a tap keeps it open
    s.now += std::chrono::seconds(59);
    s.send(Tick{});
    EXPECT_TRUE(s.state.open);
    s.now += std::chrono::seconds(2);
    const StaffStep closed = s.send(Tick{});
    EXPECT_FALSE(s.state.open);
    EXPECT_FALSE(s.state.signed_in);
    EXPECT_TRUE(s.state.results.empty());
    EXPECT_TRUE(s.state.keyboard.text.empty());
    EXPECT_EQ(requests_of<SignOut>(closed).size(), 1u);
    EXPECT_FALSE(staff_next_wake(s.state));
    // A reply arriving after closing is dropped.
    s.reply(PersonLoaded{person("p1", false)});
    EXPECT_FALSE(s.state.person);
}

TEST(StaffFlow, SearchAsYouTypeKeepsOnlyTheAnswerToWhatIsTypedNow) {
    Staff s;
    s.sign_in(kDoor);
    EXPECT_EQ(requests_of<RunSearch>(s.tap(KeyTapped{character("や")}))[0].query, "や");
    EXPECT_EQ(requests_of<RunSearch>(s.tap(KeyTapped{character("ま")}))[0].query, "やま");
    s.reply(SearchDone{"や", {{"p9", "Old", "", "", "", false, false}}});  // stale
    EXPECT_TRUE(s.state.results.empty());
    s.reply(SearchDone{"やま", {{"p1", "山田 花子", "", "", "", false, false}}});
    ASSERT_EQ(s.state.results.size(), 1u);
    // One person found: Done opens them.
    const auto opened = requests_of<LoadPerson>(s.tap(KeyTapped{special(KeyKind::Done)}));
    ASSERT_EQ(opened.size(), 1u);
    EXPECT_EQ(opened[0].id, "p1");
    s.reply(PersonLoaded{person("p1", false)});
    s.tap(GoTo{StaffPage::Search});
    EXPECT_EQ(s.state.keyboard.text, "やま");  // back where the search was
    s.tap(KeyTapped{special(KeyKind::Clear)});
    EXPECT_TRUE(s.state.results.empty());
    const auto load = requests_of<LoadPerson>(s.tap(OpenPerson{"p1"}));
    ASSERT_EQ(load.size(), 1u);
    EXPECT_EQ(load[0].id, "p1");
    s.reply(PersonLoaded{person("p1", false)});
    EXPECT_EQ(s.state.page, StaffPage::Person);
}

TEST(StaffFlow, DoorStaffCheckInAndWriteNotesButCannotUndoCancelMoveOrOpenSupervisorPages) {
    Staff s;
    s.sign_in(kDoor);
    s.tap(OpenPerson{"p1"});
    s.reply(PersonLoaded{person("p1", false)});
    const auto check_in = requests_of<ActOnPerson>(s.tap(TapAction{PersonAction::CheckIn}));
    ASSERT_EQ(check_in.size(), 1u);
    EXPECT_EQ(check_in[0].action, PersonAction::CheckIn);
    EXPECT_TRUE(s.state.busy);
    s.tap(TapAction{PersonAction::CheckIn});  // a second tap while busy sends nothing
    EXPECT_EQ(requests_of<ActOnPerson>(s.last).size(), 0u);
    s.reply(ActionDone{true, "checked_in", "", person("p1", true), {}});
    EXPECT_FALSE(s.state.busy);
    EXPECT_EQ(s.state.message_key, "checked_in");
    EXPECT_TRUE(s.state.person->card.checked_in);
    for (auto action : {PersonAction::Undo, PersonAction::Cancel, PersonAction::Reinstate}) {
        s.tap(TapAction{action});
        s.tap(TapAction{action});
        EXPECT_TRUE(requests_of<ActOnPerson>(s.last).empty());
    }
    EXPECT_TRUE(requests_of<MovePerson>(s.tap(ChooseGroup{"g2"})).empty());
    // A flag for the door: door staff set or clear none, but see to one.
    for (auto action : {PersonAction::FlagNote, PersonAction::ClearAttention})
        EXPECT_TRUE(requests_of<ActOnPerson>(s.tap(TapAction{action})).empty());
    const auto seen = requests_of<ActOnPerson>(s.tap(TapAction{PersonAction::Acknowledge}));
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].action, PersonAction::Acknowledge);
    s.reply(ActionDone{true, "attention_acknowledged", "", person("p1", true), {}});
    // Their own hand check-in a moment ago: the worker says undo would work, and it is asked.
    PersonLoaded own{person("p1", true)};
    own.card.can_undo = true;
    s.reply(own);
    const auto undo = requests_of<ActOnPerson>(s.tap(TapAction{PersonAction::Undo}));
    ASSERT_EQ(undo.size(), 1u);
    EXPECT_EQ(undo[0].action, PersonAction::Undo);
    s.reply(ActionDone{true, "undone", "", person("p1", false), {}});
    s.tap(EditNote{});
    EXPECT_TRUE(s.state.editing_note);
    s.tap(KeyTapped{character("メ")});
    const auto note = requests_of<SaveNote>(s.tap(KeyTapped{special(KeyKind::Done)}));
    ASSERT_EQ(note.size(), 1u);
    EXPECT_EQ(note[0].id, "p1");
    EXPECT_EQ(note[0].note, "メ");
    for (auto page : {StaffPage::Rebalance, StaffPage::Settings}) {
        s.tap(GoTo{page});
        EXPECT_EQ(s.state.page, StaffPage::Person);
    }
}

TEST(StaffFlow, SupervisorsUndoMoveAndCancelOnlyOnTheSecondTap) {
    Staff s;
    s.sign_in(kChief);
    s.tap(OpenPerson{"p1"});
    s.reply(PersonLoaded{person("p1", true)});
    // The worker did not say undo would work (can_undo): the tap asks for nothing.
    EXPECT_TRUE(requests_of<ActOnPerson>(s.tap(TapAction{PersonAction::Undo})).empty());
    PersonLoaded undoable{person("p1", true)};
    undoable.card.can_undo = true;
    s.reply(undoable);
    const auto undo = requests_of<ActOnPerson>(s.tap(TapAction{PersonAction::Undo}));
    ASSERT_EQ(undo.size(), 1u);
    EXPECT_EQ(undo[0].action, PersonAction::Undo);
    s.reply(ActionDone{true, "undone", "", person("p1", false), {}});
    EXPECT_TRUE(requests_of<ActOnPerson>(s.tap(TapAction{PersonAction::Cancel})).empty());
    EXPECT_TRUE(s.state.confirming_cancel);
    s.tap(ToggleShowTicket{});  // anything else in between drops the confirmation
    EXPECT_FALSE(s.state.confirming_cancel);
    s.tap(TapAction{PersonAction::Cancel});
    EXPECT_EQ(requests_of<ActOnPerson>(s.tap(TapAction{PersonAction::Cancel}))[0].action,
              PersonAction::Cancel);
    s.reply(ActionDone{false, "refused", "undo the check-in first", std::nullopt, {}});
    EXPECT_TRUE(s.state.message_is_error);
    EXPECT_EQ(s.state.message_detail, "undo the check-in first");
    EXPECT_TRUE(requests_of<MovePerson>(s.tap(ChooseGroup{"g1"})).empty());  // already there
    const auto move = requests_of<MovePerson>(s.tap(ChooseGroup{"g2"}));
    ASSERT_EQ(move.size(), 1u);
    EXPECT_EQ(move[0].group_id, "g2");
}

TEST(StaffFlow, AWalkInIsTypedFieldByFieldAndOpensOnTheirTicket) {
    Staff s;
    s.sign_in(kDoor);
    EXPECT_EQ(requests_of<LoadGroups>(s.tap(GoTo{StaffPage::WalkIn})).size(), 1u);
    EXPECT_TRUE(requests_of<RegisterWalkIn>(s.tap(SubmitWalkIn{})).empty());  // no name yet
    EXPECT_EQ(s.state.message_key, "name_required");
    s.tap(KeyTapped{character("た")});
    s.tap(KeyTapped{special(KeyKind::Done)});  // next field: the reading, in kana
    EXPECT_EQ(s.state.walk_in.focus, WalkInField::Reading);
    EXPECT_EQ(s.state.keyboard.layout, KeyboardLayout::Kana);
    s.tap(KeyTapped{character("た")});
    s.tap(FocusField{WalkInField::Organization});
    s.tap(KeyTapped{character("a")});
    s.tap(ChooseRole{Role::Guest});
    s.tap(ChooseGroup{"g2"});
    s.tap(FocusField{WalkInField::Name});
    EXPECT_EQ(s.state.keyboard.text, "た");
    const auto submit = requests_of<RegisterWalkIn>(s.tap(SubmitWalkIn{}));
    ASSERT_EQ(submit.size(), 1u);
    EXPECT_EQ(submit[0].walk_in.name, "た");
    EXPECT_EQ(submit[0].walk_in.reading, "た");
    EXPECT_EQ(submit[0].walk_in.organization, "a");
    EXPECT_EQ(submit[0].walk_in.role, Role::Guest);
    EXPECT_EQ(submit[0].walk_in.group_id, std::optional<std::string>("g2"));
    WalkInDone done;
    done.ok = true;
    done.person = person("w-1", true);
    s.reply(done);
    EXPECT_EQ(s.state.page, StaffPage::Person);
    EXPECT_TRUE(s.state.show_ticket);
    EXPECT_TRUE(s.state.walk_in_welcome);
    EXPECT_TRUE(s.state.walk_in.name.empty());  // the form is ready for the next one
}

TEST(StaffFlow, RebalanceAppliesOnlyTheChosenMoves) {
    Staff s;
    s.sign_in(kChief);
    EXPECT_EQ(requests_of<LoadProposals>(s.tap(GoTo{StaffPage::Rebalance})).size(), 1u);
    EXPECT_FALSE(s.state.proposals_loaded);
    s.reply(ProposalsLoaded{
        {{"p1", "A", "", "G1", "G2"}, {"p2", "B", "", "G1", "G3"}, {"p3", "C", "", "G4", "G2"}}});
    EXPECT_TRUE(s.state.proposals_loaded);
    EXPECT_EQ(s.state.chosen, (std::vector<bool>{true, true, true}));
    s.tap(ToggleProposal{1});
    const auto apply = requests_of<ApplyProposals>(s.tap(ConfirmProposals{}));
    ASSERT_EQ(apply.size(), 1u);
    ASSERT_EQ(apply[0].moves.size(), 2u);
    EXPECT_EQ(apply[0].moves[0].participant_id, "p1");
    EXPECT_EQ(apply[0].moves[1].participant_id, "p3");
    s.reply(ActionDone{true, "moves_applied", "2", std::nullopt, {}});
    EXPECT_TRUE(s.state.proposals.empty());
    s.tap(ToggleProposal{-1});
    EXPECT_TRUE(requests_of<ApplyProposals>(s.tap(ConfirmProposals{})).empty());
}

TEST(StaffFlow, TheDashboardRefreshesWhileItIsOpen) {
    Staff s;
    s.sign_in(kDoor);
    EXPECT_EQ(requests_of<LoadDashboard>(s.tap(GoTo{StaffPage::Dashboard})).size(), 1u);
    EXPECT_EQ(*staff_next_wake(s.state), s.now + kDashboardRefresh);
    s.now += kDashboardRefresh;
    EXPECT_EQ(requests_of<LoadDashboard>(s.send(Tick{})).size(), 1u);
    s.tap(GoTo{StaffPage::Search});
    s.now += kDashboardRefresh;
    EXPECT_TRUE(requests_of<LoadDashboard>(s.send(Tick{})).empty());
}

TEST(StaffFlow, SettingsApplyAtOnceAndExitTakesTwoTaps) {
    Staff s;
    s.sign_in(kChief);
    EXPECT_EQ(requests_of<LoadSettings>(s.tap(GoTo{StaffPage::Settings})).size(), 1u);
    s.reply(SettingsLoaded{StaffSettings{}});
    StaffSettings english;
    english.language = Language::En;
    english.sound = false;
    const auto applied = requests_of<ApplySettings>(s.tap(ChangeSetting{english}));
    ASSERT_EQ(applied.size(), 1u);
    EXPECT_FALSE(applied[0].settings.sound);
    EXPECT_EQ(s.state.language, Language::En);
    EXPECT_TRUE(requests_of<ExitKiosk>(s.tap(RequestExit{})).empty());
    EXPECT_TRUE(s.state.confirming_exit);
    EXPECT_EQ(requests_of<ExitKiosk>(s.tap(RequestExit{})).size(), 1u);
}

TEST(StaffFlow, CloseSignsOut) {
    Staff s;
    s.sign_in(kChief);
    const StaffStep closed = s.tap(CloseStaff{});
    EXPECT_FALSE(s.state.open);
    EXPECT_EQ(requests_of<SignOut>(closed).size(), 1u);
    EXPECT_EQ(s.state.language, Language::Ja);
}

}  // namespace
}  // namespace uketsuke::ui

namespace uketsuke::ui {
namespace {

SessionPinLoaded pin_state(std::string pinned) {
    SessionPinLoaded loaded;
    loaded.sessions = {{"s1", "1日目"}, {"s2", "2日目"}};
    loaded.pinned_id = std::move(pinned);
    loaded.clock_session = "1日目";
    return loaded;
}

TEST(StaffFlow, ASupervisorPinsASessionOnTheSettingsPageAndDoorStaffCannot) {
    Staff s;
    s.sign_in(kChief);
    EXPECT_EQ(requests_of<LoadSessionPin>(s.tap(GoTo{StaffPage::Settings})).size(), 1u);
    s.reply(pin_state(""));
    const auto pin = requests_of<PinSession>(s.tap(ChoosePinnedSession{"s2"}));
    ASSERT_EQ(pin.size(), 1u);
    EXPECT_EQ(pin[0].session_id, "s2");
    EXPECT_TRUE(s.state.busy);
    SessionPinLoaded done = pin_state("s2");
    done.changed = true;
    s.reply(done);
    EXPECT_FALSE(s.state.busy);
    EXPECT_EQ(s.state.message_key, "session_pinned");
    EXPECT_EQ(s.state.session_pin->pinned_id, "s2");
    // The pinned one again asks nothing; "by the clock" unpins.
    EXPECT_TRUE(requests_of<PinSession>(s.tap(ChoosePinnedSession{"s2"})).empty());
    EXPECT_EQ(requests_of<PinSession>(s.tap(ChoosePinnedSession{""}))[0].session_id, "");
    SessionPinLoaded refused = pin_state("s2");
    refused.error = "this kiosk already follows the clock";
    s.reply(refused);
    EXPECT_TRUE(s.state.message_is_error);
    EXPECT_EQ(s.state.message_detail, "this kiosk already follows the clock");

    Staff door;
    door.sign_in(kDoor);
    EXPECT_TRUE(requests_of<LoadSessionPin>(door.tap(GoTo{StaffPage::Settings})).empty());
    door.state.page = StaffPage::Settings;  // even if it got there
    door.state.session_pin = pin_state("");
    EXPECT_TRUE(requests_of<PinSession>(door.tap(ChoosePinnedSession{"s2"})).empty());
}

TEST(StaffFlow, ASupervisorCorrectsTheSessionWhoseCellWasTapped) {
    Staff s;
    s.sign_in(kChief);
    s.tap(OpenPerson{"p1"});
    PersonLoaded loaded = person("p1", false);
    loaded.card.attendance = {{"1日目", "×", "s1", true}, {"2日目", "遅", "s2", false}};
    s.reply(loaded);
    // Nothing is sent before a cell is chosen.
    EXPECT_TRUE(requests_of<CorrectAttendance>(s.tap(ChooseCorrection{})).empty());
    s.tap(ChooseAttendanceCell{"s2"});
    EXPECT_EQ(s.state.correcting_session, "s2");
    s.tap(ChooseAttendanceCell{"s1"});  // another cell moves the choices there
    EXPECT_EQ(s.state.correcting_session, "s1");
    const auto sent =
        requests_of<CorrectAttendance>(s.tap(ChooseCorrection{SessionCorrection::Late}));
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].id, "p1");
    EXPECT_EQ(sent[0].session_id, "s1");
    EXPECT_EQ(sent[0].correction, SessionCorrection::Late);
    EXPECT_TRUE(s.state.busy);
    // The answer carries the card as it is now: the row updates, the choices close.
    PersonLoaded after = loaded;
    after.card.attendance[0].mark = "遅";
    s.reply(ActionDone{true, "corrected", "", after, {}});
    EXPECT_EQ(s.state.person->card.attendance[0].mark, "遅");
    EXPECT_EQ(s.state.correcting_session, "");
    EXPECT_EQ(s.state.message_key, "corrected");
    // The same cell twice closes its choices.
    s.tap(ChooseAttendanceCell{"s2"});
    s.tap(ChooseAttendanceCell{"s2"});
    EXPECT_EQ(s.state.correcting_session, "");

    Staff door;
    door.sign_in(kDoor);
    door.tap(OpenPerson{"p1"});
    door.reply(loaded);
    door.tap(ChooseAttendanceCell{"s1"});
    EXPECT_EQ(door.state.correcting_session, "");
    EXPECT_TRUE(
        requests_of<CorrectAttendance>(door.tap(ChooseCorrection{SessionCorrection::Present}))
            .empty());
}

TEST(StaffFlow, TheDashboardsSessionTabsPageAndOpenRoundTheCountedSession) {
    Staff s;
    s.sign_in(kChief);
    s.tap(GoTo{StaffPage::Dashboard});
    EXPECT_EQ(s.state.dashboard_tabs_first, -1);  // the view centres the counted session
    DashboardLoaded loaded;
    for (int i = 1; i <= 8; ++i)
        loaded.sessions.push_back({"s" + std::to_string(i), "第" + std::to_string(i) + "回"});
    loaded.session_id = "s6";
    s.reply(loaded);
    s.tap(ShowDashboardSessions{3});
    EXPECT_EQ(s.state.dashboard_tabs_first, 3);
    s.tap(ShowDashboardSessions{-4});
    EXPECT_EQ(s.state.dashboard_tabs_first, 0);
    s.tap(ShowDashboardSessions{40});
    EXPECT_EQ(s.state.dashboard_tabs_first, 7);
    // Leaving and coming back opens round the counted session again.
    s.tap(GoTo{StaffPage::Search});
    s.tap(GoTo{StaffPage::Dashboard});
    EXPECT_EQ(s.state.dashboard_tabs_first, -1);
}

// The walk-in's organization from the event's list: a button sets it (所属なし clears it), その他
// shows the keyboard, and coming back from another field shows the list again.
TEST(StaffFlow, AWalkInsOrganizationIsChosenFromTheEventsOwn) {
    Staff s;
    s.sign_in(kDoor);
    s.tap(GoTo{StaffPage::WalkIn});
    s.reply(GroupsLoaded{{}, {{"港区", 12}, {"青葉市", 3}}});
    ASSERT_EQ(s.state.organizations.size(), 2u);
    s.tap(FocusField{WalkInField::Organization});
    s.tap(ChooseOrganization{"港区"});
    EXPECT_EQ(s.state.walk_in.organization, "港区");
    EXPECT_EQ(s.state.keyboard.text, "港区");
    s.tap(ChooseOrganization{""});
    EXPECT_EQ(s.state.walk_in.organization, "");
    s.tap(TypeOrganization{true});
    EXPECT_TRUE(s.state.walk_in.typing_organization);
    s.tap(KeyTapped{character("み")});
    EXPECT_EQ(s.state.walk_in.organization, "み");
    s.tap(FocusField{WalkInField::Name});
    EXPECT_FALSE(s.state.walk_in.typing_organization);
    s.tap(ChooseOrganization{"青葉市"});  // from the list while on another field
    EXPECT_EQ(s.state.walk_in.organization, "青葉市");
    s.tap(ShowOrganizations{99});
    EXPECT_EQ(s.state.organizations_first, 1) << "kept within the list";
    s.tap(KeyTapped{character("た")});
    const auto submitted = requests_of<RegisterWalkIn>(s.tap(SubmitWalkIn{}));
    ASSERT_EQ(submitted.size(), 1u);
    EXPECT_EQ(submitted[0].walk_in.organization, "青葉市");
    EXPECT_EQ(submitted[0].walk_in.name, "た");
}

}  // namespace
}  // namespace uketsuke::ui
