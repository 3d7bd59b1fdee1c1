#pragma once
// The kiosk's screen flow as plain data: step(state, event, now) -> (state, effects).
// No ImGui, SDL or SQLite here. The app feeds events (scans, check-in results, taps, ticks),
// carries out the effects (submit a scan to the check-in worker, play a sound, log the screen,
// redraw, sleep until a time) and draws build_view(state, strings). The clock is passed in,
// so tests run the flow on a fake clock.
//
// Decisions worth knowing:
// - One check-in is in flight at a time. Scans that arrive meanwhile wait in order (up to
//   kMaxQueuedScans) and go one by one as results arrive, so two people read in one frame, or
//   a queue read while a slow disk commits, are all checked in; a repeat of a text in flight
//   or waiting is dropped, and so is a scan when the queue is full (a camera reads it again).
// - The attract screen stays up while a check-in is in flight ("Checking…" only appears if
//   it takes longer than checking_notice_after). A worker that never answers is given up
//   after checkin_timeout and shown as ProblemKind::CheckinFailed; its late result is ignored.
// - The same code read again while its own result is on screen restarts that screen's timer
//   instead of checking in again (which would turn "Welcome" into "already checked in").
// - Time is the wall clock (the attract screen shows it). If it steps back, running timers
//   restart from the new time rather than hanging until the clock catches up.
// - Leaving (a session that records it): a kiosk in leave mode (kiosk.mode = "leave", at an
//   exit) records a leave for each scan and says goodbye; in check-in mode the already-checked-in
//   screen offers a large "退出する / Leaving" button that does the same. Someone not checked in
//   is told so and nothing is recorded; a session that does not record leaving records nothing.
// - Recent arrivals: in a tight queue the next scan replaces a welcome before its person has
//   read their table. The welcome screens keep the previous two people (given name only, group
//   and table; no reading or organization) in a strip for recent_timeout after their own
//   screen was replaced. Never on Attract or a problem, cleared on the way back to Attract (no
//   personal data outlives the queue), not kept when names are not shown at the door.
// - A scan that finds the queue full is dropped (the camera reads it again): counted in
//   dropped_scans, shown to staff on Attract and reported as a ScanDropped effect for the log.

#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "kiosk/core/model/checkin_outcome.hpp"
#include "kiosk/core/model/model.hpp"
#include "kiosk/core/model/names.hpp"
#include "kiosk/core/model/ticket_status.hpp"
#include "kiosk/ui/screens/strings.hpp"

namespace uketsuke::ui {

// The name helpers live in core (the command-line tool uses them too); the screens and the app
// have always named them ui::.
using uketsuke::display_name;
using uketsuke::given_name;
using uketsuke::name_display_from_string;
using uketsuke::NameDisplay;
using uketsuke::to_string;

using Instant = std::chrono::sys_time<std::chrono::milliseconds>;
using Duration = std::chrono::milliseconds;

enum class Screen { Attract, Welcome, AlreadyCheckedIn, DetailsPending, Problem, Goodbye };
enum class ProblemKind {
    UnknownCode,
    OtherEvent,
    Cancelled,
    InvalidTicket,  // the view picks a finer message from the ticket status
    NotATicket,
    CheckinFailed,     // the check-in threw or never answered
    BeforeOpening,     // several sessions, the next opens later today: nothing was recorded
    NoSession,         // several sessions, none today (or the clock looks wrong): nothing recorded
    NotCheckedIn,      // a leave for someone not checked in at this session: nothing recorded
    LeaveNotRecorded,  // a leave at a session that does not record leaving: nothing recorded
};
enum class Sound { Success, AlreadyIn, Problem, SeeStaff };

std::string_view to_string(Screen screen);
std::string_view to_string(ProblemKind kind);
std::string_view to_string(Sound sound);
// "attract", "welcome", "problem.unknown_code", ...: the name in the events log.
std::string screen_name(Screen screen, ProblemKind problem);

// Zero-initialized is a working configuration (sokol-style): zero durations mean the defaults.
struct FlowConfig {
    Duration welcome_timeout{};        // Welcome, AlreadyCheckedIn, DetailsPending; 0 -> 8 s
    Duration problem_timeout{};        // 0 -> 10 s
    Duration checkin_timeout{};        // give up on the worker; 0 -> 10 s
    Duration checking_notice_after{};  // show "Checking…" after; 0 -> 1 s
    Duration recent_timeout{};         // a replaced welcome stays in the strip; 0 -> 20 s
    Language default_language{};       // Japanese
    NameDisplay name_display{};        // FullName
    bool mute = false;
    std::string event_name;
    std::string time_zone;    // of the event, for the clock; "" -> Asia/Tokyo
    bool leave_mode = false;  // kiosk.mode = "leave": scans record leaving, not arrival
};

inline constexpr Duration kDefaultWelcomeTimeout{8000};
inline constexpr Duration kDefaultProblemTimeout{10000};
inline constexpr Duration kDefaultCheckinTimeout{10000};
inline constexpr Duration kDefaultCheckingNoticeAfter{1000};
inline constexpr Duration kDefaultRecentTimeout{20000};
inline constexpr std::string_view kDefaultTimeZone = "Asia/Tokyo";

[[nodiscard]] FlowConfig with_defaults(FlowConfig config);

struct MapPoint {
    double x = 0;  // 0..1 across the floor map
    double y = 0;
};

// ---- events --------------------------------------------------------------------------------

struct ScanRead {
    std::string text;
    CheckinMethod method = CheckinMethod::Camera;  // Camera or Scanner, as platform reports it
    Instant at{};  // when the code was read (kept for the latency log)
};

// Which session the kiosk checks people in for, as the app found it from the clock (core's
// choose_session; the screens cannot link it). A one-session event is always Open.
enum class SessionStatus { Open, BeforeOpening, NoneToday, ClockLooksWrong };
std::string_view to_string(SessionStatus status);

struct SessionNow {
    SessionStatus status = SessionStatus::Open;
    std::string name;      // Open: the current session; BeforeOpening: the one that opens next
    std::string opens_at;  // BeforeOpening: "9:00"
    bool several = false;  // the event has more than one session: the screens name it
    bool records_leave = false;  // Open: the session records leaving (早退 counts)
    bool pinned = false;  // Open: a supervisor pinned the kiosk to it, whatever the clock says
    friend bool operator==(const SessionNow&, const SessionNow&) = default;
};

// What a leave came to (a scan in leave mode, or the 退出する button).
enum class LeaveAnswer {
    None,          // not a leave: a check-in, or a code that names nobody (`outcome` says)
    Left,          // recorded now
    AlreadyLeft,   // recorded earlier (`left_at`); nothing more recorded
    NotCheckedIn,  // not checked in at this session: nothing recorded
    NotRecorded,   // the session does not record leaving: nothing recorded
};
std::string_view to_string(LeaveAnswer answer);

// The check-in's result as the screens need it: plain strings the app fills from core types
// (see make_checkin_finished).
struct CheckinFinished {
    std::uint64_t scan_id = 0;                              // from SubmitScan
    CheckinOutcome outcome{};                               // CheckedIn
    TicketStatus ticket_status = TicketStatus::NotATicket;  // detail for InvalidTicket
    bool failed = false;  // the check-in threw; `error` says what, for the log
    std::string error;
    std::string name;  // "Family Given" for Japanese names, as registered for others
    std::string reading;
    std::string organization;
    Role role = Role::Participant;  // a facilitator is told which group they lead
    std::string group_name;
    std::string table_label;
    std::string facilitator;
    std::optional<MapPoint> table_on_map;
    std::string next_session;   // e.g. "10:00 Opening (Hall A)"; the app knows the agenda
    std::string checked_in_at;  // AlreadyChecked: "09:42" in the event's zone
    std::string kiosk;          // AlreadyChecked: where
    // A staff member's ticket: the app opens staff mode; the participant screens stay on
    // Attract and nothing is recorded.
    bool staff_ticket = false;
    // The session as the worker found it at this scan; not Open means nothing was recorded.
    std::optional<SessionNow> session;
    int sessions_attended = 0;  // distinct sessions checked in, this one included
    // Who it was, for the 退出する button on "already checked in"; never shown.
    std::string participant_id;
    LeaveAnswer leave = LeaveAnswer::None;
    std::string left_at;       // Left, AlreadyLeft: "15:02" in the event's zone
    bool early_leave = false;  // Left before the session's end - grace (早退)
    std::string session_ends;  // Left early: the session's end, "17:00"
    bool name_tag = false;     // a name tag is printing for them (print.on_checkin)
    // Staff have a word for this person that nobody has acknowledged (attention.hpp): their
    // welcome asks them to see staff, with its own sound; the text is never on this screen.
    bool see_staff = false;
};

struct Tick {};  // time passed; `now` comes with every event

struct SwitchLanguage {
    Language to = Language::Ja;
};
struct Dismiss {};
struct LeaveNow {};  // the 退出する button on "already checked in"
using Intent = std::variant<SwitchLanguage, Dismiss, LeaveNow>;
struct Tap {
    Intent intent;
};

struct CameraStatusChanged {
    bool ok = true;
    std::string message;  // technical, for staff: shown small under the notice
};

struct ArrivedCountChanged {
    std::int64_t count = 0;
};

// People flagged for the door whom no staff member has seen to yet (attention.hpp): a badge on
// the attract screen's staff line.
struct AttentionPendingChanged {
    int count = 0;
};

// Whether the event file takes check-ins: tested at start and after a failed one, and again
// every few seconds until it does (a full disk freed, a read-only file made writable).
struct StoreStatusChanged {
    bool ok = true;
    std::string message;  // technical, for staff: which file and why; shown small
};

using FlowEvent =
    std::variant<ScanRead, CheckinFinished, Tick, Tap, CameraStatusChanged, ArrivedCountChanged,
                 StoreStatusChanged, SessionNow, AttentionPendingChanged>;

// ---- effects -------------------------------------------------------------------------------

struct SubmitScan {
    std::uint64_t scan_id = 0;  // echo it in CheckinFinished
    std::string text;
    CheckinMethod method = CheckinMethod::Camera;  // Camera or Scanner, as platform reports it
    Instant read_at{};
};
// Record a leave for the participant on screen (the 退出する button); answered as a
// CheckinFinished with the same scan_id, like a scan.
struct SubmitLeave {
    std::uint64_t scan_id = 0;
    std::string participant_id;
};
struct PlaySound {
    Sound sound = Sound::Success;
};
struct ScreenChanged {
    Screen screen = Screen::Attract;
    ProblemKind problem = ProblemKind::UnknownCode;  // meaningful for Screen::Problem
    std::string name;                                // screen_name(screen, problem)
};
struct RequestRedraw {};
// A scan was dropped because kMaxQueuedScans were already waiting: for the events log.
struct ScanDropped {
    std::uint64_t dropped = 0;  // dropped since start, this one included
    CheckinMethod method = CheckinMethod::Camera;
};
// Every step ends with one: sleep until `at` unless an event comes first.
struct ScheduleWake {
    Instant at{};
};

using Effect = std::variant<SubmitScan, SubmitLeave, PlaySound, ScreenChanged, RequestRedraw,
                            ScheduleWake, ScanDropped>;

// ---- state ---------------------------------------------------------------------------------

struct PendingScan {
    std::uint64_t scan_id = 0;
    std::string text;
    CheckinMethod method = CheckinMethod::Camera;  // Camera or Scanner, as platform reports it
    Instant read_at{};
    Instant submitted_at{};
};

inline constexpr std::size_t kMaxQueuedScans = 8;
inline constexpr std::size_t kRecentArrivals = 2;

// Someone whose welcome the next scan replaced, kept for the strip of recent arrivals.
struct RecentArrival {
    std::string participant_id;
    std::string name;  // the given name only
    std::string group_name;
    std::string table_label;
    Instant until{};  // leaves the strip
};

struct FlowState {
    FlowConfig config;  // with defaults applied
    Screen screen = Screen::Attract;
    ProblemKind problem = ProblemKind::UnknownCode;
    // The result on screen and the text scanned for it; cleared on Attract, so no personal
    // data outlives its screen.
    CheckinFinished shown;
    std::string shown_text;
    Instant screen_since{};
    Language language = Language::Ja;
    Instant language_since{};  // a choice made on Attract lapses after welcome_timeout
    std::optional<PendingScan> in_flight;
    std::deque<PendingScan> queued;  // oldest first
    std::uint64_t last_scan_id = 0;
    std::deque<RecentArrival> recent;  // newest first, at most kRecentArrivals
    std::uint64_t dropped_scans = 0;   // scans dropped because the queue was full
    bool camera_ok = true;
    std::string camera_message;
    bool store_ok = true;
    std::string store_message;
    std::int64_t arrived = 0;
    int attention_pending = 0;  // flags for the door nobody has seen to
    SessionNow session;
    Instant now{};
    std::string clock;  // "09:42" in the event's zone
};

struct FlowStep {
    FlowState state;
    std::vector<Effect> effects;
};

// The attract screen at `now`, with its ScreenChanged and ScheduleWake.
[[nodiscard]] FlowStep start_flow(FlowConfig config, Instant now);
[[nodiscard]] FlowStep step(FlowState state, const FlowEvent& event, Instant now);
// Whether the screen offers the 退出する / Leaving button (already checked in, at a session
// that records leaving).
[[nodiscard]] bool leave_offered(const FlowState& state);
// When the state next changes by itself (a timeout, the clock's next minute).
[[nodiscard]] Instant next_wake(const FlowState& state);

// Fills CheckinFinished from the check-in service's result. Problems carry no personal data.
[[nodiscard]] CheckinFinished make_checkin_finished(std::uint64_t scan_id,
                                                    const CheckinResult& result,
                                                    const std::optional<Group>& group,
                                                    std::string_view time_zone);

// ---- view model ----------------------------------------------------------------------------

struct ViewField {
    std::string label;
    std::string value;
};

// One person of the recent-arrivals strip: "花子 さん" and "グループ A · テーブル 1".
struct RecentView {
    std::string name;
    std::string where;
};

struct LanguageButton {
    Language to = Language::En;
    std::string label;  // the target language's own name: "English", "日本語"
};

// Everything a screen draws, already translated and formatted.
struct ScreenView {
    Screen screen = Screen::Attract;
    ProblemKind problem = ProblemKind::UnknownCode;
    Language language = Language::Ja;
    std::string event_name;
    std::string session_name;  // Attract, with several sessions: under the event name
    std::string clock;
    std::string arrived;             // Attract only: "12 arrived"
    std::string reading;             // above the title: the name's reading, when the name is shown
    std::string title;               // prompt, greeting or problem
    std::string subtitle;            // organization, when the name is shown
    std::vector<ViewField> fields;   // group, table, facilitator, next session (non-empty only)
    std::vector<std::string> lines;  // guidance in the current language
    // The same guidance in the other language, drawn smaller: participants may not read the
    // current one (attract prompt, problem title and next step, pending next step).
    std::vector<std::string> other_language_lines;
    std::vector<std::string> notices;  // camera lost, "Checking…", check-ins cannot be saved
    // Small, at the bottom, for staff: why check-ins fail (a file's name and SQLite's reason,
    // never personal data), with no control characters.
    std::vector<std::string> staff_notes;
    // Attract: what to do without a QR code, in both languages, above the count.
    std::vector<std::string> help;
    std::optional<MapPoint> table_on_map;
    std::string table_label;
    // The welcome screens in a queue: the people just before, newest first, under a heading.
    std::string recent_heading;
    std::vector<RecentView> recent;
    bool show_preview = false;
    bool show_close = false;
    std::string close_label;
    // "already checked in" at a session that records leaving: the 退出する / Leaving button.
    bool show_leave = false;
    std::string leave_label;
    LanguageButton language_button;
    // Welcome and already checked in for someone flagged for the door: 「係員にお声がけください」
    // and the other language's line, drawn as a band of their own.
    std::vector<std::string> see_staff;
};

[[nodiscard]] ScreenView build_view(const FlowState& state, const Strings& strings);
// Every string in the view: for tests and for building the font atlas's glyph ranges.
[[nodiscard]] std::vector<std::string> all_texts(const ScreenView& view);

}  // namespace uketsuke::ui
