#pragma once
// Staff mode as plain data: staff_step(state, event, now) -> (state, requests).
// Like the participant flow (flow.hpp), no ImGui, SDL or SQLite here. The app carries the
// requests to the staff worker (kiosk/app/staff_worker), which runs them on its own thread and
// connection and answers with a StaffReply; the view (staff_view.cpp) draws the state and
// turns taps into StaffTap events. Tests drive it all with a fake clock.
//
// Getting in: a long press on a screen corner opens the list of staff names (tap yours), a
// staff ticket opens the PIN pad for its owner directly. The PIN is checked by the worker
// (Argon2id takes ~0.15 s: never on the UI thread); a lockout comes back as a reply and the
// pad shows until when. Staff mode closes itself after `idle_timeout` without a tap, and
// on "Close". What a role may do is decided here (staff.hpp's allowed()) and again by the
// core for edits, so a button that should not be there cannot do harm.
//
// Pages: Search (keyboard, results as you type), Person (card, history, actions), WalkIn
// (form and keyboard), Dashboard, Rebalance (supervisor), Settings (supervisor).
// Every request carries nothing about the staff member: the worker holds who is signed in
// (set by a successful PIN) and records them with every action.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "kiosk/core/model/dashboard.hpp"
#include "kiosk/core/model/group_plan_move.hpp"
#include "kiosk/core/model/history_entry.hpp"
#include "kiosk/core/model/model.hpp"
#include "kiosk/core/model/qr_matrix.hpp"
#include "kiosk/core/model/staff.hpp"
#include "kiosk/core/model/walk_in.hpp"
#include "kiosk/ui/screens/flow.hpp"
#include "kiosk/ui/screens/keyboard.hpp"

namespace uketsuke::ui {

enum class StaffPage { ChooseStaff, Pin, Search, Person, WalkIn, Dashboard, Rebalance, Settings };
std::string_view to_string(StaffPage page);

inline constexpr Duration kDefaultStaffIdle{90'000};
inline constexpr Duration kDashboardRefresh{3000};
inline constexpr int kSearchLimit = 30;

// ---- what the worker hands back -------------------------------------------------------------

struct PersonRow {  // a search hit
    std::string id;
    std::string name;
    std::string reading;
    std::string organization;
    std::string group_name;
    bool checked_in = false;
    bool cancelled = false;
};

// One session on the person card's attendance row (several sessions only).
struct SessionAttendanceCell {
    std::string session_name;
    std::string mark;  // ○ 遅 早 × 振 (attendance_record.hpp's rules); "" not expected or to come
    std::string session_id;
    bool records_leave = false;  // 早 can be set (session_correction.hpp)
    friend bool operator==(const SessionAttendanceCell&, const SessionAttendanceCell&) = default;
};

struct PersonCard {
    Participant person;
    std::string group_name;
    std::string table_label;
    bool checked_in = false;
    std::string checked_in_at;  // "09:42" in the event's zone
    std::vector<HistoryEntry> history;
    std::vector<std::string> history_times;         // "09:42", one per history entry
    std::string ticket_text;                        // "" when there is nothing scannable to show
    std::optional<QrMatrix> ticket_qr;              // of ticket_text
    std::vector<SessionAttendanceCell> attendance;  // the event's sessions in order
    // A word for the door (attention.hpp), cleaned by the core: shown on the card in the notice
    // colour until a staff member acknowledges it, then muted with who and when. "" none.
    std::string attention;
    bool attention_acknowledged = false;
    std::string attention_acknowledged_by;
    std::string attention_acknowledged_at;  // "09:42"
    // The note, cleaned as a flag is, is not empty and not the flag in force: a supervisor may
    // make it the flag for the door.
    bool note_can_flag = false;
    // Whether undoing the check-in will work for the signed-in member (own_undo.hpp: door staff
    // their own hand check-in for a few minutes, supervisors any): the button shows only then.
    bool can_undo = false;
};

struct GroupChoice {
    std::string id;
    std::string label;  // "A (table 1) 5/6"
};

struct StaffSettings {
    Language language = Language::Ja;
    bool sound = true;
    NameDisplay name_display = NameDisplay::FullName;
    std::string camera_device;         // "" = the first one
    std::vector<std::string> cameras;  // /dev/video* found when the page opened
};

struct HubLine {  // staff mode's view of the hub (hub_syncer.hpp), "" hub when none
    std::string hub;
    bool connected = false;
    std::string last_sync;  // "09:42:05"
    std::int64_t waiting = 0;
    std::string error;
};

// Replies, each answering one request.
struct StaffListLoaded {
    std::vector<StaffMember> staff;
};
struct PinChecked {
    PinResult result;
};
struct SearchDone {
    std::string query;  // results of an older query are dropped
    std::vector<PersonRow> rows;
};
struct PersonLoaded {
    PersonCard card;
    std::vector<GroupChoice> groups;
};
// The outcome of an action, for the message line: a key under [staff.done] in the string
// tables ("checked_in", "undone", "moved", "refused", ...) and the core's own words, if any
// (a refusal's reason, a capacity warning).
struct ActionDone {
    bool ok = true;
    std::string message_key;
    std::string detail;
    std::optional<PersonLoaded> refreshed;  // the card after the action
    std::vector<GroupPlanMove> proposals;   // ApplyProposals: what is left to suggest
};
// A walk-in registered and checked in: the Person page opens on them with their ticket shown
// large and their group and table as a welcome, so the person can photograph it and go.
struct WalkInDone {
    bool ok = false;
    std::string error;
    std::string warning;
    std::optional<PersonLoaded> person;
};
// A session staff can switch the dashboard to.
struct SessionTab {
    std::string id;
    std::string name;
    friend bool operator==(const SessionTab&, const SessionTab&) = default;
};
// Which session the kiosk works on (Settings page, supervisors): pinned by a supervisor or by
// the clock (session_pin.hpp). Also the answer to PinSession.
struct SessionPinLoaded {
    std::vector<SessionTab> sessions;  // the event's, in order (several only)
    std::string pinned_id;             // "" by the clock
    std::string pinned_by;             // the staff member's name
    std::string pinned_at;             // "09:42"
    std::string clock_session;         // the clock's session now, "" none
    std::string error;                 // PinSession refused: why
    bool changed = false;              // PinSession wrote
};
struct DashboardLoaded {
    Dashboard dashboard;
    std::string session_name;  // whose figures these are (several sessions only)
    std::string session_id;
    std::vector<SessionTab> sessions;  // the event's, in order (several only)
};
struct ProposalsLoaded {
    std::vector<GroupPlanMove> moves;
};
struct SettingsLoaded {
    StaffSettings settings;
};
// One of the event's organizations, offered to a walk-in as a button (most people first).
struct OrganizationChoice {
    std::string name;
    int people = 0;
};
struct GroupsLoaded {
    std::vector<GroupChoice> groups;
    std::vector<OrganizationChoice> organizations = {};  // the walk-in form's buttons
};

using StaffReply =
    std::variant<StaffListLoaded, PinChecked, SearchDone, PersonLoaded, ActionDone, WalkInDone,
                 DashboardLoaded, ProposalsLoaded, SettingsLoaded, GroupsLoaded, SessionPinLoaded>;

// ---- requests to the worker -------------------------------------------------------------------

struct LoadStaffList {};
struct VerifyPin {
    std::string staff_id;
    std::string pin;
};
struct SignOut {};
struct RunSearch {
    std::string query;
};
struct LoadPerson {
    std::string id;
};
// ReprintTag: print the person's name tag again; Acknowledge: a staff member has seen to the
// person's flag for the door (any staff member); FlagNote: the person's note becomes their flag
// for the door; ClearAttention: the flag goes (both supervisors, attention.hpp).
enum class PersonAction {
    CheckIn,
    Undo,
    Cancel,
    Reinstate,
    ReprintTag,
    Acknowledge,
    FlagNote,
    ClearAttention
};
struct ActOnPerson {
    std::string id;
    PersonAction action = PersonAction::CheckIn;
};
struct MovePerson {
    std::string id;
    std::string group_id;
};
struct CorrectAttendance {  // one session of the person's attendance row (supervisors)
    std::string id;
    std::string session_id;
    SessionCorrection correction = SessionCorrection::Present;
};
struct SaveNote {
    std::string id;
    std::string note;
};
struct RegisterWalkIn {
    WalkIn walk_in;
};
struct LoadDashboard {
    std::string session_id;  // "" = the kiosk's current session
};
struct LoadGroups {};
struct LoadProposals {};
struct ApplyProposals {
    std::vector<GroupPlanMove> moves;
};
struct LoadSettings {};
struct ApplySettings {
    StaffSettings settings;
};
struct ExitKiosk {};
struct LoadSessionPin {};
struct PinSession {
    std::string session_id;  // "" = back to the clock
};

using StaffRequest =
    std::variant<LoadStaffList, VerifyPin, SignOut, RunSearch, LoadPerson, ActOnPerson, MovePerson,
                 CorrectAttendance, SaveNote, RegisterWalkIn, LoadDashboard, LoadGroups,
                 LoadProposals, ApplyProposals, LoadSettings, ApplySettings, ExitKiosk,
                 LoadSessionPin, PinSession>;

// ---- events -----------------------------------------------------------------------------------

struct OpenStaff {
    std::optional<StaffMember> from_ticket;  // a staff ticket: straight to their PIN pad
};
struct CloseStaff {};

// What a tap in the staff view means.
struct ChooseStaffMember {
    std::string id;
};
struct KeyTapped {
    Key key;
};
struct GoTo {
    StaffPage page = StaffPage::Search;
};
struct OpenPerson {
    std::string id;
};
struct TapAction {
    PersonAction action = PersonAction::CheckIn;
};
struct ChooseGroup {
    std::string group_id;  // Person page: move there; WalkIn page: seat there ("" = automatic)
};
struct EditNote {};  // Person page: the keyboard edits the note
// The walk-in form's fields, in the order the form shows them and Done walks through them.
enum class WalkInField { Name, Reading, Organization };
struct FocusField {
    WalkInField field = WalkInField::Name;  // WalkIn page
};
struct ChooseRole {
    Role role = Role::Participant;
};
// The walk-in's organization from the event's list ("" = 所属なし), instead of typing it.
struct ChooseOrganization {
    std::string name;
};
// The organization is another one: the keyboard, or (again) the list.
struct TypeOrganization {
    bool typing = true;
};
// The list of organizations from this one on (paging).
struct ShowOrganizations {
    int first = 0;
};
struct ToggleProposal {
    int index = -1;  // -1: all
};
struct ConfirmProposals {};
struct ToggleShowTicket {};
struct ChangeSetting {
    StaffSettings settings;
};
struct RequestExit {};  // the first tap asks "sure?", the second exits
struct SubmitWalkIn {};
struct ChooseDashboardSession {
    std::string session_id;  // the dashboard counts this session until staff mode closes
};
// Person page: a tap on a session's cell of the attendance row opens its corrections (a
// second tap, or another cell, closes or moves them); then one of them is applied.
struct ChooseAttendanceCell {
    std::string session_id;
};
struct ChooseCorrection {
    SessionCorrection correction = SessionCorrection::Present;
};
// Dashboard: the session tabs from this one on (a series of more than fit shows a window of
// them with arrows either side).
struct ShowDashboardSessions {
    int first = 0;
};
struct ChoosePinnedSession {
    std::string session_id;  // Settings page: pin the kiosk to it; "" = by the clock
};

using StaffIntent =
    std::variant<CloseStaff, ChooseStaffMember, KeyTapped, GoTo, OpenPerson, TapAction, ChooseGroup,
                 EditNote, FocusField, ChooseRole, ToggleProposal, ConfirmProposals,
                 ToggleShowTicket, ChangeSetting, RequestExit, SubmitWalkIn, ChooseDashboardSession,
                 ChoosePinnedSession, ChooseAttendanceCell, ChooseCorrection, ShowDashboardSessions,
                 ChooseOrganization, TypeOrganization, ShowOrganizations>;

struct StaffTap {
    StaffIntent intent;
};

using StaffEvent = std::variant<OpenStaff, StaffTap, StaffReply, Tick>;

// ---- state -------------------------------------------------------------------------------------

struct WalkInForm {
    std::string name;
    std::string reading;
    std::string organization;
    WalkInField focus = WalkInField::Name;
    Role role = Role::Participant;
    std::string group_id;  // "" = automatic
    // The organization field shows the event's organizations as buttons unless staff chose to
    // type another one.
    bool typing_organization = false;

    [[nodiscard]] std::string& field(WalkInField which);
    [[nodiscard]] const std::string& field(WalkInField which) const;
};
// The field after `field`, the last wrapping round to the first.
[[nodiscard]] WalkInField next_field(WalkInField field);

struct StaffState {
    bool open = false;
    StaffPage page = StaffPage::ChooseStaff;
    Duration idle_timeout = kDefaultStaffIdle;
    Instant last_input{};
    Language language = Language::Ja;

    std::vector<StaffMember> staff;  // ChooseStaff
    std::string candidate_id;        // whose PIN is being typed
    std::string candidate_name;
    KeyboardState pin_pad;  // layout Pin; text is the PIN typed so far
    bool verifying = false;
    int attempts_left = -1;  // after a wrong PIN; -1 none yet
    std::int64_t locked_until_ms = 0;
    bool unknown_staff = false;

    std::optional<StaffMember> signed_in;

    KeyboardState keyboard;  // Search query, note or walk-in field
    std::vector<PersonRow> results;
    std::string results_query;

    std::optional<PersonLoaded> person;
    bool editing_note = false;
    bool show_ticket = false;
    bool confirming_cancel = false;
    std::string correcting_session;  // the attendance cell whose corrections are open

    WalkInForm walk_in;
    std::vector<GroupChoice> groups;                // for the walk-in's group choice
    std::vector<OrganizationChoice> organizations;  // for the walk-in's organization
    int organizations_first = 0;                    // the first organization button shown

    std::optional<Dashboard> dashboard;
    std::string dashboard_session;  // the session the dashboard counts, "" with one session
    std::string dashboard_session_id;
    std::vector<SessionTab> dashboard_sessions;
    std::string dashboard_choice;   // chosen by staff; "" = the kiosk's current session
    int dashboard_tabs_first = -1;  // the first session tab shown; -1: a window round the counted
    Instant dashboard_at{};         // when it was last asked for: it refreshes every few seconds
    std::vector<GroupPlanMove> proposals;
    std::vector<bool> chosen;       // one per proposal
    bool proposals_loaded = false;  // "groups are even" only once the worker has said so

    std::optional<StaffSettings> settings;
    std::optional<SessionPinLoaded> session_pin;  // Settings page, several sessions
    bool confirming_exit = false;

    bool busy = false;        // a request is out: buttons that send another are disabled
    std::string message_key;  // the last outcome ([staff.done] key), shown until the next tap
    bool message_is_error = false;
    std::string message_detail;
    bool walk_in_welcome = false;  // the Person page shows a walk-in just registered
};

struct StaffStep {
    StaffState state;
    std::vector<StaffRequest> requests;
};

[[nodiscard]] StaffStep staff_step(StaffState state, const StaffEvent& event, Instant now);
// When staff mode will close itself for idleness (only while open).
[[nodiscard]] std::optional<Instant> staff_next_wake(const StaffState& state);
// Whether the signed-in member may use a page or an action.
[[nodiscard]] bool can(const StaffState& state, StaffAction action);

}  // namespace uketsuke::ui
