#include "kiosk/ui/views/staff_view.hpp"

#include <gtest/gtest.h>
#include <imgui.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "kiosk/core/tickets/qr.hpp"
#include "kiosk/ui/views/keyboard_view.hpp"
#include "ui/views/headless_imgui.hpp"
#include "ui/views/layout_check.hpp"

namespace uketsuke::ui {
namespace {

constexpr std::int64_t kNineAm = 1795996800000;  // 2026-11-30 09:00 Asia/Tokyo
const ImVec2 kLandscape(1280, 720);
const ImVec2 kPortrait(720, 1280);

// ---- fixtures -------------------------------------------------------------------------------

StaffMember member(std::string id, std::string name, StaffRole role) {
    StaffMember m;
    m.id = std::move(id);
    m.name = std::move(name);
    m.role = role;
    return m;
}

StaffState signed_in(StaffRole role, StaffPage page, Language language = Language::En) {
    StaffState s;
    s.open = true;
    s.page = page;
    s.language = language;
    s.signed_in = member("s1", role == StaffRole::Supervisor ? "Sato Keiko" : "Tanaka Jun", role);
    return s;
}

std::vector<PersonRow> rows(int count) {
    std::vector<PersonRow> out;
    for (int i = 0; i < count; ++i) {
        PersonRow row;
        row.id = "p" + std::to_string(i);
        row.name = i % 7 == 3 ? "Someone with a name far too long for any row of the list"
                              : "Person " + std::to_string(i);
        row.reading = "reading " + std::to_string(i);
        row.organization = i % 4 == 0 ? "" : "City of Aoba";
        row.group_name = i % 3 == 0 ? "" : "Group B";
        row.checked_in = i % 2 == 0;
        row.cancelled = i % 5 == 4;
        out.push_back(row);
    }
    return out;
}

std::vector<GroupChoice> groups(int count) {
    std::vector<GroupChoice> out;
    for (int i = 0; i < count; ++i) {
        out.push_back({"g" + std::to_string(i), std::string(1, static_cast<char>('A' + i % 26)) +
                                                    " (table " + std::to_string(i + 1) + ") 5/6"});
    }
    return out;
}

PersonLoaded person(bool checked_in, bool cancelled = false, bool with_ticket = true) {
    PersonLoaded loaded;
    PersonCard& card = loaded.card;
    card.person.id = "p7";
    card.person.name = "Yamada Hanako";
    card.person.reading = "やまだ はなこ";
    card.person.organization = "City of Aoba, Department of Long Names";
    card.person.role = Role::Facilitator;
    card.person.group_id = "g2";
    card.person.notes =
        "Needs a seat near the door. Arrives late after the morning session, please keep the seat.";
    card.person.status = cancelled ? RegistrationStatus::Cancelled : RegistrationStatus::Registered;
    card.group_name = "C";
    card.table_label = "3";
    card.checked_in = checked_in;
    card.checked_in_at = checked_in ? "09:42" : "";
    const char* whats[] = {"check-in", "undo",      "walk-in", "move",
                           "cancel",   "reinstate", "note",    "something-new"};
    for (int i = 0; i < 8; ++i) {
        HistoryEntry entry;
        entry.what = whats[i];
        entry.detail = i == 3 ? "A → C" : i == 6 ? "Needs a seat near the door" : "";
        entry.how = i < 2 ? "manual" : "";
        entry.kiosk = "door-east";
        entry.staff_name = i % 2 == 0 ? "Sato Keiko" : "";
        card.history.push_back(entry);
        card.history_times.push_back("09:" + std::to_string(10 + i));
    }
    if (with_ticket) {
        card.ticket_text = "W-ABCDEFGHJKLM";
        card.ticket_qr = make_qr(card.ticket_text);
    }
    loaded.groups = groups(12);
    return loaded;
}

std::vector<OrganizationChoice> organizations(int count) {
    std::vector<OrganizationChoice> out;
    for (int i = 0; i < count; ++i) {
        out.push_back({i % 9 == 4
                           ? "横浜市役所 デジタル統括本部 デジタル・デザイン室 サービス推進課"
                           : "Organization " + std::to_string(i),
                       40 - i});
    }
    return out;
}

// A flag for the door as long as kAttentionMaxChars allows, and who saw to it.
PersonLoaded flagged(PersonLoaded loaded) {
    PersonCard& card = loaded.card;
    card.attention =
        "来賓：開会の挨拶があります。控室（2階 会議室B）へご案内し、資料Bと名札をお渡しくださ"
        "い。お車でお越しのため駐車券の処理もお願いします";
    card.attention_acknowledged_by = "Sato Keiko";
    card.attention_acknowledged_at = "09:42";
    card.note_can_flag = true;
    return loaded;
}

Dashboard dashboard() {
    Dashboard d;
    d.built_at_ms = kNineAm + 95 * 60'000;
    d.time_zone = "Asia/Tokyo";
    d.overall = Turnout{41, 60};
    for (int g = 0; g < 8; ++g)
        d.groups.push_back(
            GroupTurnout{"g" + std::to_string(g), "Group " + std::to_string(g), "T", 5, 8, 8});
    d.organizations.push_back(OrganizationTurnout{"City of Aoba", 20, 30});
    d.kiosks.push_back(KioskCheckins{"door-east", 41, 3, 38});
    for (int i = 0; i < 19; ++i)
        d.not_arrived.push_back(NotArrivedPerson{"p" + std::to_string(i), "Person", "", "", ""});
    d.not_arrived_total = 19;
    for (int b = 0; b < 12; ++b)
        d.arrivals.push_back(ArrivalBucket{kNineAm + b * kArrivalBucketMs, "09:00", b % 5});
    return d;
}

std::vector<GroupPlanMove> proposals(int count) {
    std::vector<GroupPlanMove> out;
    for (int i = 0; i < count; ++i) {
        out.push_back({"p" + std::to_string(i), "Person " + std::to_string(i),
                       i % 2 == 0 ? "City of Aoba" : "", i % 3 == 0 ? "" : "A", "B"});
    }
    return out;
}

// A series of eight meetings with long names: the attendance row must wrap between cells.
std::vector<SessionAttendanceCell> eight_sessions() {
    const char* marks[] = {"○", "遅", "早", "×", "振", "", "○", "×"};
    std::vector<SessionAttendanceCell> cells;
    for (int i = 0; i < 8; ++i) {
        cells.push_back(
            {"第" + std::to_string(i + 1) + "回研究会 " + std::to_string(i % 2 + 1) + "日目",
             marks[i], "s" + std::to_string(i + 1), i % 2 == 0});
    }
    return cells;
}

std::vector<SessionTab> eight_tabs() {
    std::vector<SessionTab> tabs;
    for (int i = 1; i <= 8; ++i)
        tabs.push_back({"s" + std::to_string(i), "第" + std::to_string(i) + "回研究会"});
    return tabs;
}

SessionPinLoaded pin_of(std::string pinned) {
    SessionPinLoaded pin;
    pin.sessions = eight_tabs();
    pin.pinned_id = std::move(pinned);
    pin.pinned_by = "Sato Keiko";
    pin.pinned_at = "09:42";
    pin.clock_session = "第6回研究会";
    return pin;
}

StaffSettings settings() {
    StaffSettings s;
    s.language = Language::Ja;
    s.sound = true;
    s.name_display = NameDisplay::GivenNameOnly;
    s.camera_device = "/dev/video2";
    s.cameras = {"/dev/video0", "/dev/video2", "/dev/video4"};
    return s;
}

// Every page in the states worth drawing, for one signed-in role (or none).
std::vector<std::pair<std::string, StaffState>> every_page(StaffRole role, Language language) {
    std::vector<std::pair<std::string, StaffState>> out;
    auto add = [&out](std::string name, StaffState s) {
        out.emplace_back(std::move(name), std::move(s));
    };
    auto page = [&](StaffPage p) { return signed_in(role, p, language); };

    StaffState s = page(StaffPage::Search);
    add("search, nothing typed", s);
    s.keyboard.text = "per";
    s.results = rows(40);
    s.results_query = "per";
    add("search, 40 results", s);
    s.keyboard.layout = KeyboardLayout::Kana;
    s.busy = true;
    s.message_key = "refused";
    s.message_is_error = true;
    s.message_detail =
        "This person is already cancelled, and this detail is long enough to need two lines of "
        "text";
    add("search, kana, busy, long error", s);
    s = page(StaffPage::Search);
    s.keyboard.text = "zzzz";
    add("search, waiting", s);
    s.results_query = "zzzz";
    add("search, no one found", s);

    s = page(StaffPage::Person);
    add("person, loading", s);
    s.person = person(false);
    add("person, not checked in", s);
    s.confirming_cancel = true;
    s.message_key = "checked_in";
    add("person, confirming cancel", s);
    s = page(StaffPage::Person);
    s.person = person(true);
    add("person, checked in", s);
    s.show_ticket = true;
    add("person, ticket", s);
    s.person->card.ticket_text.clear();
    for (int i = 0; i < 2000; ++i)
        s.person->card.ticket_text += static_cast<char>('a' + (i * 7) % 26);
    s.person->card.ticket_qr = make_qr(s.person->card.ticket_text);
    add("person, version-40-sized ticket", s);
    s.person = person(true);
    s.walk_in_welcome = true;
    s.message_key = "walk_in_registered";
    s.message_detail = "Group C is over its capacity (7/6)";
    add("person, walk-in welcome", s);
    s = page(StaffPage::Person);
    s.person = person(false, true, false);
    add("person, cancelled", s);
    s.show_ticket = true;
    add("person, no ticket", s);
    s = page(StaffPage::Person);
    s.person = person(true);
    s.person->card.history.clear();
    s.person->card.history_times.clear();
    s.person->groups.clear();
    s.editing_note = true;
    s.keyboard.text =
        "A note typed on the screen keyboard that is long enough to scroll sideways in its box";
    add("person, editing note", s);
    s = page(StaffPage::Person);
    s.person = flagged(person(false));
    add("person, flagged for the door", s);
    s.person = flagged(person(true));
    s.person->card.can_undo = true;
    add("person, flagged, checked in, own undo", s);
    s.person->card.attention_acknowledged = true;
    add("person, flag seen to", s);
    s = page(StaffPage::Person);
    s.person = person(true);
    s.person->card.attendance = eight_sessions();
    add("person, eight sessions", s);
    s.correcting_session = "s3";
    add("person, correcting a session", s);
    s.correcting_session = "s4";
    s.busy = true;
    add("person, correcting a session, busy", s);

    s = page(StaffPage::WalkIn);
    add("walk-in, empty", s);
    s.walk_in.name = "Kimura Aoi";
    s.walk_in.organization = "Aoba";
    s.walk_in.focus = WalkInField::Reading;
    s.keyboard.layout = KeyboardLayout::Kana;
    s.keyboard.text = "きむら";
    s.walk_in.role = Role::Guest;
    s.groups = groups(30);
    s.walk_in.group_id = "g4";
    add("walk-in, filled, 30 groups", s);
    s.organizations = organizations(40);
    s.walk_in.focus = WalkInField::Organization;
    s.walk_in.organization = "Organization 3";
    add("walk-in, 40 organizations", s);
    s.organizations_first = 39;
    add("walk-in, 40 organizations, last page", s);
    s.walk_in.typing_organization = true;
    s.keyboard.text = "みなと";
    add("walk-in, typing another organization", s);
    s.organizations = organizations(3);
    s.walk_in.typing_organization = false;
    s.organizations_first = 0;
    add("walk-in, 3 organizations", s);

    s = page(StaffPage::Dashboard);
    add("dashboard, loading", s);
    s.dashboard = dashboard();
    add("dashboard", s);
    s.dashboard_sessions = eight_tabs();
    s.dashboard_session_id = "s6";
    s.dashboard_session = "第6回研究会";
    add("dashboard, eight sessions", s);
    s.dashboard_tabs_first = 0;
    add("dashboard, eight sessions from the first", s);
    s.dashboard_sessions.resize(3);
    s.dashboard_session_id = "s2";
    add("dashboard, three sessions", s);

    s = page(StaffPage::Rebalance);
    add("rebalance, loading", s);
    s.proposals_loaded = true;
    add("rebalance, none", s);
    s.proposals = proposals(15);
    s.chosen.assign(15, true);
    s.chosen[3] = false;
    add("rebalance, 15 moves", s);

    s = page(StaffPage::Settings);
    add("settings, loading", s);
    s.settings = settings();
    add("settings", s);
    s.confirming_exit = true;
    add("settings, confirming exit", s);
    s.confirming_exit = false;
    s.session_pin = pin_of("");
    add("settings, by the clock", s);
    s.session_pin = pin_of("s3");
    add("settings, pinned", s);
    return out;
}

std::vector<std::pair<std::string, StaffState>> sign_in_pages(Language language) {
    std::vector<std::pair<std::string, StaffState>> out;
    StaffState s;
    s.open = true;
    s.language = language;
    s.page = StaffPage::ChooseStaff;
    out.emplace_back("choose, nobody", s);
    s.unknown_staff = true;
    out.emplace_back("choose, nobody, unknown staff", s);
    for (int i = 0; i < 25; ++i) {
        s.staff.push_back(member("m" + std::to_string(i), "Staff member " + std::to_string(i),
                                 i % 3 == 0 ? StaffRole::Supervisor : StaffRole::Door));
    }
    out.emplace_back("choose, 25 staff", s);
    s.page = StaffPage::Pin;
    s.unknown_staff = false;
    s.candidate_id = "m2";
    s.candidate_name = "Staff member 2";
    s.pin_pad.layout = KeyboardLayout::Pin;
    out.emplace_back("pin", s);
    s.pin_pad.text = "123456";
    s.attempts_left = 2;
    out.emplace_back("pin, wrong", s);
    s.verifying = true;
    out.emplace_back("pin, verifying", s);
    s.verifying = false;
    s.attempts_left = 0;
    s.locked_until_ms = kNineAm + 30'000;
    out.emplace_back("pin, locked 30 s", s);
    s.locked_until_ms = kNineAm + 600'000;
    out.emplace_back("pin, locked 10 min", s);
    s.unknown_staff = true;
    out.emplace_back("pin, unknown staff", s);
    return out;
}

// ---- a headless ImGui -----------------------------------------------------------------------

struct Frame {
    std::optional<StaffIntent> intent;
    std::vector<StaffTarget> targets;
    int vertices = 0;
    int largest_list = 0;  // vertices of the fullest draw list
};

// ImGui with no window and no renderer, the kiosk's font sizes for a 720-pixel short side
// (platform/window.cpp), the real string tables, and a mouse we move.
class HeadlessImGui {
public:
    HeadlessImGui() : strings_(load_strings(source_strings_directory()).strings) {}

    Frame frame(const StaffState& state, ImVec2 display, ImVec2 mouse = ImVec2(-100, -100),
                bool down = false, const HubLine& hub = {}) {
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = display;
        io.DeltaTime = 1.0f / 60;
        io.MousePos = mouse;
        io.MouseDown[0] = down;
        ImGui::NewFrame();
        Frame out;
        StaffViewInputs inputs;
        inputs.fonts = context_.fonts();
        inputs.strings = &strings_;
        inputs.now = Instant(std::chrono::milliseconds(kNineAm));
        inputs.hub = hub;
        inputs.targets = &out.targets;
        inputs.drawn = drawn;
        inputs.prints_tags = prints_tags;
        out.intent = draw_staff(state, inputs);
        ImGui::Render();
        const ImDrawData* data = ImGui::GetDrawData();
        out.vertices = data->Valid ? data->TotalVtxCount : 0;
        for (int i = 0; i < data->CmdListsCount; ++i) {
            out.largest_list = std::max(out.largest_list, data->CmdLists[i]->VtxBuffer.Size);
        }
        return out;
    }

    // Hover, press, release at `point`: ImGui reports a tap on release. A press alone must
    // do nothing (`early` is set when it did).
    std::optional<StaffIntent> tap(const StaffState& state, ImVec2 display, ImVec2 point,
                                   bool* early = nullptr) {
        const bool hovered = frame(state, display, point, false).intent.has_value();
        const bool pressed = frame(state, display, point, true).intent.has_value();
        if (early != nullptr) *early = hovered || pressed;
        auto intent = frame(state, display, point, false).intent;
        frame(state, display);  // the finger leaves
        return intent;
    }

    const Strings& strings() const { return strings_; }

    DrawnButtons* drawn = nullptr;  // the buttons of every frame, when set
    bool prints_tags = false;       // a printer is set: the card has a Reprint slot

private:
    testing::HeadlessContext context_;
    Strings strings_;
};

const StaffTarget* find(const std::vector<StaffTarget>& targets, const std::string& id) {
    for (const StaffTarget& target : targets) {
        if (target.id == id) return &target;
    }
    return nullptr;
}

ImVec2 center(const StaffTarget& target) {
    return ImVec2((target.min.x + target.max.x) / 2, (target.min.y + target.max.y) / 2);
}

bool overlap(const StaffTarget& a, const StaffTarget& b) {
    const float x = std::min(a.max.x, b.max.x) - std::max(a.min.x, b.min.x);
    const float y = std::min(a.max.y, b.max.y) - std::max(a.min.y, b.min.y);
    return x > 0.5f && y > 0.5f;
}

// Counts failures and says what failed, from a child process (see below).
struct Checks {
    int failures = 0;
    void operator()(bool ok, const std::string& what) {
        if (!ok) {
            std::fprintf(stderr, "failed: %s\n", what.c_str());
            ++failures;
        }
    }
};

std::string size_name(ImVec2 display) {
    return std::to_string(static_cast<int>(display.x)) + "x" +
           std::to_string(static_cast<int>(display.y));
}

// The layout rules every page keeps: drawn, inside the screen, touch targets of at least
// 60 px on a 720-pixel short side, and no two targets on top of each other.
void check_layout(Checks& check, const Frame& frame, ImVec2 display, const std::string& name) {
    check(frame.vertices > 0, name + ": drew nothing");
    check(frame.largest_list < (1 << 16), name + ": a draw list passes 16-bit indices");
    check(!frame.intent.has_value(), name + ": an intent without a tap");
    check(!frame.targets.empty(), name + ": no touch targets");
    const float min_height = std::min(display.x, display.y) * 60 / 720 - 0.5f;
    for (const StaffTarget& t : frame.targets) {
        check(t.min.x >= -0.5f && t.min.y >= -0.5f && t.max.x <= display.x + 0.5f &&
                  t.max.y <= display.y + 0.5f,
              name + ": " + t.id + " leaves the screen");
        if (!t.region && !t.clipped) {
            check(t.max.y - t.min.y >= min_height, name + ": " + t.id + " is too small to touch");
        }
    }
    for (std::size_t i = 0; i < frame.targets.size(); ++i) {
        for (std::size_t j = i + 1; j < frame.targets.size(); ++j) {
            const StaffTarget& a = frame.targets[i];
            const StaffTarget& b = frame.targets[j];
            // A list holds its own rows.
            if ((a.region && b.list == a.id.substr(a.id.find('.') + 1)) ||
                (b.region && a.list == b.id.substr(b.id.find('.') + 1))) {
                continue;
            }
            check(!overlap(a, b), name + ": " + a.id + " overlaps " + b.id);
        }
    }
}

template <typename T>
const T* as(const std::optional<StaffIntent>& intent) {
    return intent ? std::get_if<T>(&*intent) : nullptr;
}

// Debian's ImGui aborts on a misuse assertion: each test draws in a child process, so such a
// mistake fails that test alone instead of ending kiosk_tests.
#define EXPECT_PASSES(function) \
    EXPECT_EXIT(std::exit((function)() == 0 ? 0 : 1), ::testing::ExitedWithCode(0), "")

// ---- drawing --------------------------------------------------------------------------------

int draw_every_page() {
    HeadlessImGui imgui;
    Checks check;
    HubLine hub;
    hub.hub = "http://192.168.1.20:8787";
    hub.connected = false;
    hub.last_sync = "09:42:05";
    hub.waiting = 12;
    hub.error = "connection refused by the hub, retrying in a moment";
    for (const ImVec2 display : {kLandscape, kPortrait}) {
        for (const Language language : kLanguages) {
            for (const StaffRole role : {StaffRole::Door, StaffRole::Supervisor}) {
                for (const auto& [name, state] : every_page(role, language)) {
                    const std::string what = name + " (" + std::string(to_string(role)) + ", " +
                                             std::string(language_code(language)) + ", " +
                                             size_name(display) + ")";
                    check_layout(check, imgui.frame(state, display), display, what);
                    check_layout(check, imgui.frame(state, display, ImVec2(-100, -100), false, hub),
                                 display, what + " with a hub");
                }
            }
            for (const auto& [name, state] : sign_in_pages(language)) {
                check_layout(check, imgui.frame(state, display), display,
                             name + " (" + std::string(language_code(language)) + ", " +
                                 size_name(display) + ")");
            }
        }
    }
    return check.failures;
}

TEST(StaffView, DrawsEveryPageInBothOrientationsAndLanguages) { EXPECT_PASSES(draw_every_page); }

int tabs_follow_the_role() {
    HeadlessImGui imgui;
    Checks check;
    for (const ImVec2 display : {kLandscape, kPortrait}) {
        const StaffState supervisor = signed_in(StaffRole::Supervisor, StaffPage::Search);
        const Frame shown = imgui.frame(supervisor, display);
        for (const char* tab :
             {"tab.search", "tab.walk_in", "tab.dashboard", "tab.rebalance", "tab.settings"}) {
            check(find(shown.targets, tab) != nullptr, std::string("a supervisor has ") + tab);
        }
        const StaffTarget* walk_in = find(shown.targets, "tab.walk_in");
        const StaffTarget* rebalance = find(shown.targets, "tab.rebalance");
        if (walk_in == nullptr || rebalance == nullptr) return check.failures + 1;
        const auto to_walk_in = imgui.tap(supervisor, display, center(*walk_in));
        check(as<GoTo>(to_walk_in) && as<GoTo>(to_walk_in)->page == StaffPage::WalkIn,
              "the walk-in tab goes there");
        const auto to_rebalance = imgui.tap(supervisor, display, center(*rebalance));
        check(as<GoTo>(to_rebalance) && as<GoTo>(to_rebalance)->page == StaffPage::Rebalance,
              "the rebalance tab goes there");

        const StaffState door = signed_in(StaffRole::Door, StaffPage::Search);
        const Frame door_frame = imgui.frame(door, display);
        check(find(door_frame.targets, "tab.rebalance") == nullptr,
              "door staff have no rebalance tab");
        check(find(door_frame.targets, "tab.settings") == nullptr,
              "door staff have no settings tab");
        // Where the supervisor's tab was, door staff reach something else or nothing.
        const auto there = imgui.tap(door, display, center(*rebalance));
        check(!as<GoTo>(there) || (as<GoTo>(there)->page != StaffPage::Rebalance &&
                                   as<GoTo>(there)->page != StaffPage::Settings),
              "door staff cannot reach rebalance");

        const StaffTarget* close = find(door_frame.targets, "close");
        check(close != nullptr && as<CloseStaff>(imgui.tap(door, display, center(*close))),
              "Close closes");
    }
    return check.failures;
}

TEST(StaffView, TabsGoToTheirPagesAndFollowTheRole) { EXPECT_PASSES(tabs_follow_the_role); }

// The session parts: attendance cells and their corrections (supervisors), the dashboard's
// session tabs with their arrows, the settings' session pin.
int session_taps() {
    HeadlessImGui imgui;
    Checks check;
    for (const ImVec2 display : {kLandscape, kPortrait}) {
        const std::string where = std::string(" (") + size_name(display) + ")";
        StaffState chief = signed_in(StaffRole::Supervisor, StaffPage::Person, Language::Ja);
        chief.person = person(true);
        chief.person->card.attendance = eight_sessions();
        const Frame card = imgui.frame(chief, display);
        // Every cell is whole and a large target: name and mark never part.
        for (int i = 1; i <= 8; ++i) {
            const StaffTarget* cell = find(card.targets, "session.s" + std::to_string(i));
            check(cell != nullptr && cell->max.y - cell->min.y >= 0.09f * 720 - 1,
                  "cell " + std::to_string(i) + " is a large target" + where);
        }
        const StaffTarget* third = find(card.targets, "session.s3");
        const auto chosen =
            third != nullptr ? imgui.tap(chief, display, center(*third)) : std::nullopt;
        check(as<ChooseAttendanceCell>(chosen) &&
                  as<ChooseAttendanceCell>(chosen)->session_id == "s3",
              "a cell opens its corrections" + where);
        chief.correcting_session = "s3";  // records leaving: 早 is offered
        const Frame open = imgui.frame(chief, display);
        for (const char* id :
             {"correct.present", "correct.late", "correct.early_leave", "correct.absent"})
            check(find(open.targets, id) != nullptr, std::string(id) + " is offered" + where);
        const StaffTarget* late = find(open.targets, "correct.late");
        const auto corrected =
            late != nullptr ? imgui.tap(chief, display, center(*late)) : std::nullopt;
        check(as<ChooseCorrection>(corrected) &&
                  as<ChooseCorrection>(corrected)->correction == SessionCorrection::Late,
              "Late asks for late" + where);
        chief.correcting_session = "s4";  // does not record leaving
        check(find(imgui.frame(chief, display).targets, "correct.early_leave") == nullptr,
              "no 早 where leaving is not recorded" + where);

        StaffState door = signed_in(StaffRole::Door, StaffPage::Person, Language::Ja);
        door.person = chief.person;
        const Frame door_card = imgui.frame(door, display);
        check(find(door_card.targets, "session.s3") == nullptr,
              "door staff see the row but cannot tap it" + where);

        // Eight sessions do not fit: arrows, the counted session in view and selected.
        StaffState board = signed_in(StaffRole::Door, StaffPage::Dashboard);
        board.dashboard = dashboard();
        board.dashboard_sessions = eight_tabs();
        board.dashboard_session_id = "s8";
        const Frame tabs = imgui.frame(board, display);
        check(find(tabs.targets, "session.7") != nullptr, "the counted session is shown" + where);
        check(find(tabs.targets, "session.0") == nullptr, "not all eight fit" + where);
        check(find(tabs.targets, "session.later") == nullptr, "nothing after the last" + where);
        const StaffTarget* earlier = find(tabs.targets, "session.earlier");
        check(earlier != nullptr && earlier->max.y - earlier->min.y >= 0.09f * 720 - 1,
              "a large arrow to earlier sessions" + where);
        const auto paged =
            earlier != nullptr ? imgui.tap(board, display, center(*earlier)) : std::nullopt;
        check(as<ShowDashboardSessions>(paged) != nullptr, "the arrow pages the tabs" + where);
        if (as<ShowDashboardSessions>(paged) != nullptr) {
            board.dashboard_tabs_first = 0;
            const Frame first = imgui.frame(board, display);
            const StaffTarget* tab = find(first.targets, "session.0");
            const auto chose =
                tab != nullptr ? imgui.tap(board, display, center(*tab)) : std::nullopt;
            check(as<ChooseDashboardSession>(chose) &&
                      as<ChooseDashboardSession>(chose)->session_id == "s1",
                  "a tab in the earlier window counts its session" + where);
        }

        StaffState settings_page = signed_in(StaffRole::Supervisor, StaffPage::Settings);
        settings_page.settings = settings();
        settings_page.session_pin = pin_of("");
        const Frame pin = imgui.frame(settings_page, display);
        const StaffTarget* fourth = find(pin.targets, "session.4");
        const auto pinned =
            fourth != nullptr ? imgui.tap(settings_page, display, center(*fourth)) : std::nullopt;
        check(
            as<ChoosePinnedSession>(pinned) && as<ChoosePinnedSession>(pinned)->session_id == "s4",
            "a session button pins it" + where);
        const StaffTarget* clock = find(pin.targets, "session.0");
        const auto unpinned =
            clock != nullptr ? imgui.tap(settings_page, display, center(*clock)) : std::nullopt;
        check(as<ChoosePinnedSession>(unpinned) &&
                  as<ChoosePinnedSession>(unpinned)->session_id.empty(),
              "by the clock unpins" + where);
    }
    return check.failures;
}

TEST(StaffView, SessionCellsTabsAndThePinReportTheirTaps) { EXPECT_PASSES(session_taps); }

int results_open_people() {
    HeadlessImGui imgui;
    Checks check;
    StaffState s = signed_in(StaffRole::Door, StaffPage::Search);
    s.keyboard.text = "per";
    s.results = rows(40);
    s.results_query = "per";
    for (const ImVec2 display : {kLandscape, kPortrait}) {
        const Frame shown = imgui.frame(s, display);
        const StaffTarget* row = find(shown.targets, "result.2");
        if (row == nullptr) return check.failures + 1;
        bool early = false;
        const auto opened = imgui.tap(s, display, center(*row), &early);
        check(!early, "a press alone opens nobody");
        check(as<OpenPerson>(opened) && as<OpenPerson>(opened)->id == "p2", "row 2 opens p2");

        // A finger dragged up the list scrolls it and opens nobody.
        const StaffTarget* list = find(shown.targets, "list.results");
        if (list == nullptr) return check.failures + 1;
        const ImVec2 start(center(*list).x, list->max.y - 10);
        imgui.frame(s, display, start, false);
        imgui.frame(s, display, start, true);
        bool opened_while_dragging = false;
        for (int step = 1; step <= 10; ++step) {
            const ImVec2 at(start.x, start.y - static_cast<float>(step) * 25);
            opened_while_dragging |= imgui.frame(s, display, at, true).intent.has_value();
        }
        opened_while_dragging |=
            imgui.frame(s, display, ImVec2(start.x, start.y - 250), false).intent.has_value();
        check(!opened_while_dragging, "a drag is not a tap");
        const Frame scrolled = imgui.frame(s, display);
        check(find(scrolled.targets, "result.0") == nullptr,
              "the drag scrolled the first rows away");
        const StaffTarget* later = find(scrolled.targets, "result.6");
        if (later == nullptr) return check.failures + 1;
        const auto opened_later = imgui.tap(s, display, center(*later));
        check(as<OpenPerson>(opened_later) && as<OpenPerson>(opened_later)->id == "p6",
              "row 6 opens p6");
    }
    // Typing: the keyboard's keys come back as KeyTapped.
    const Frame shown = imgui.frame(s, kLandscape);
    const StaffTarget* keyboard = find(shown.targets, "keyboard");
    if (keyboard == nullptr) return check.failures + 1;
    for (const PlacedKey& key :
         place_keys(s.keyboard.layout, keyboard->min,
                    ImVec2(keyboard->max.x - keyboard->min.x, keyboard->max.y - keyboard->min.y))) {
        if (key.key.kind != KeyKind::Character || key.key.text != "k") continue;
        const auto typed =
            imgui.tap(s, kLandscape, ImVec2(key.at.x + key.size.x / 2, key.at.y + key.size.y / 2));
        check(as<KeyTapped>(typed) && as<KeyTapped>(typed)->key == key.key, "tapping k types k");
    }
    return check.failures;
}

TEST(StaffView, ResultRowsOpenTheirPersonAndDragsOnlyScroll) { EXPECT_PASSES(results_open_people); }

int person_actions_follow_the_role() {
    HeadlessImGui imgui;
    Checks check;
    for (const ImVec2 display : {kLandscape, kPortrait}) {
        const std::string where = " on " + size_name(display);
        StaffState door = signed_in(StaffRole::Door, StaffPage::Person);
        door.person = person(false);
        const Frame door_frame = imgui.frame(door, display);
        const StaffTarget* check_in = find(door_frame.targets, "action.check_in");
        check(check_in != nullptr, "door staff can check someone in" + where);
        if (check_in == nullptr) return check.failures;
        const auto checked = imgui.tap(door, display, center(*check_in));
        check(as<TapAction>(checked) && as<TapAction>(checked)->action == PersonAction::CheckIn,
              "Check in asks to check in" + where);
        check(find(door_frame.targets, "action.cancel") == nullptr,
              "door staff cannot cancel" + where);
        check(find(door_frame.targets, "group.0") == nullptr, "door staff cannot move" + where);

        StaffState supervisor = signed_in(StaffRole::Supervisor, StaffPage::Person);
        supervisor.person = person(false);
        const Frame sup_frame = imgui.frame(supervisor, display);
        const StaffTarget* cancel = find(sup_frame.targets, "action.cancel");
        check(cancel != nullptr, "a supervisor can cancel" + where);
        if (cancel != nullptr) {
            const auto cancelled = imgui.tap(supervisor, display, center(*cancel));
            check(as<TapAction>(cancelled) &&
                      as<TapAction>(cancelled)->action == PersonAction::Cancel,
                  "Cancel asks to cancel" + where);
            const auto there = imgui.tap(door, display, center(*cancel));
            check(!as<TapAction>(there) || as<TapAction>(there)->action != PersonAction::Cancel,
                  "where Cancel is for a supervisor, door staff cannot cancel" + where);
        }
        const StaffTarget* group = find(sup_frame.targets, "group.3");
        check(group != nullptr, "a supervisor sees the groups" + where);
        if (group != nullptr) {
            const auto moved = imgui.tap(supervisor, display, center(*group));
            check(as<ChooseGroup>(moved) && as<ChooseGroup>(moved)->group_id == "g3",
                  "a group button moves" + where);
        }

        // Checked in: the worker said a supervisor may undo and door staff may not (someone
        // else's check-in, or theirs from too long ago).
        supervisor.person = person(true);
        supervisor.person->card.can_undo = true;
        door.person = person(true);
        const Frame undo_frame = imgui.frame(supervisor, display);
        const StaffTarget* undo = find(undo_frame.targets, "action.undo");
        check(undo != nullptr, "a supervisor can undo" + where);
        check(find(undo_frame.targets, "action.check_in") == nullptr, "no second check-in" + where);
        const Frame door_in = imgui.frame(door, display);
        check(find(door_in.targets, "action.undo") == nullptr, "door staff cannot undo" + where);
        check(find(door_in.targets, "action.cancel") == nullptr,
              "door staff still cannot cancel" + where);
        if (undo != nullptr) {
            const auto undone = imgui.tap(supervisor, display, center(*undo));
            check(as<TapAction>(undone) && as<TapAction>(undone)->action == PersonAction::Undo,
                  "Undo asks to undo" + where);
            const auto there = imgui.tap(door, display, center(*undo));
            check(!as<TapAction>(there),
                  "where Undo is for a supervisor, door staff reach no action" + where);
        }

        // The ticket, big and square.
        door.show_ticket = true;
        const Frame ticket = imgui.frame(door, display);
        const StaffTarget* qr = find(ticket.targets, "ticket");
        check(qr != nullptr && std::min(qr->max.x - qr->min.x, qr->max.y - qr->min.y) >= 0.4f * 720,
              "the ticket is shown large" + where);
        const StaffTarget* hide = find(ticket.targets, "action.ticket");
        check(hide != nullptr && as<ToggleShowTicket>(imgui.tap(door, display, center(*hide))),
              "the ticket button toggles" + where);
        const StaffTarget* back = find(ticket.targets, "action.back");
        const auto went = back != nullptr ? imgui.tap(door, display, center(*back)) : std::nullopt;
        check(as<GoTo>(went) && as<GoTo>(went)->page == StaffPage::Search,
              "Back goes to search" + where);
        const StaffTarget* note = find(ticket.targets, "action.note");
        check(note != nullptr && as<EditNote>(imgui.tap(door, display, center(*note))),
              "Note edits the note" + where);
    }
    return check.failures;
}

TEST(StaffView, PersonActionsFollowTheRole) { EXPECT_PASSES(person_actions_follow_the_role); }

// ---- the person card's buttons: where they are, whatever the card holds ----------------------

const ImVec2 kKioskSizes[] = {{1280, 800}, {1920, 1080}, {1024, 600}, {800, 1280}};

// The states a card goes through under the finger: checked in, undone, cancelled, flagged, seen to.
std::vector<std::pair<std::string, PersonLoaded>> card_states() {
    std::vector<std::pair<std::string, PersonLoaded>> out;
    out.emplace_back("not checked in", person(false));
    PersonLoaded in = person(true);
    in.card.can_undo = true;
    out.emplace_back("checked in, may undo", in);
    out.emplace_back("checked in, may not undo", person(true));
    out.emplace_back("cancelled", person(false, true));
    out.emplace_back("flagged", flagged(person(false)));
    PersonLoaded flagged_in = flagged(person(true));
    flagged_in.card.can_undo = true;
    out.emplace_back("flagged, checked in", flagged_in);
    flagged_in.card.attention_acknowledged = true;
    out.emplace_back("flag seen to", flagged_in);
    PersonLoaded short_card = person(false);
    short_card.card.person.notes.clear();
    short_card.card.person.reading.clear();
    short_card.card.note_can_flag = false;
    out.emplace_back("no note", short_card);
    return out;
}

// The slot each button belongs to: the buttons that take turns in one place share a name.
std::string slot_of(const std::string& id) {
    if (id == "action.check_in" || id == "action.undo" || id == "action.reinstate") return "main";
    if (id == "action.acknowledge" || id == "action.flag_note" || id == "action.clear_attention")
        return "flag";
    return id;
}

int card_buttons_stay_put() {
    HeadlessImGui imgui;
    Checks check;
    DrawnButtons drawn;
    imgui.drawn = &drawn;
    for (const ImVec2 display : kKioskSizes) {
        for (const StaffRole role : {StaffRole::Door, StaffRole::Supervisor}) {
            for (const bool prints : {false, true}) {
                imgui.prints_tags = prints;
                const std::string who = std::string(to_string(role)) +
                                        (prints ? ", printing" : "") + ", " + size_name(display);
                std::map<std::string, std::pair<std::string, Box>> first_seen;
                for (const auto& [name, loaded] : card_states()) {
                    StaffState s = signed_in(role, StaffPage::Person, Language::Ja);
                    s.person = loaded;
                    const Frame frame = imgui.frame(s, display);
                    const std::string what = "person, " + name + " (" + who + ")";
                    check_layout(check, frame, display, what);
                    const std::vector<DrawnButton> buttons = drawn.buttons();
                    for (const std::string& problem :
                         testing::layout_problems({}, buttons, display, 60))
                        check(false, what + ": " + problem);
                    for (const DrawnButton& button : buttons) {
                        if (button.id.rfind("action.", 0) != 0) continue;
                        const Box box{button.min, button.max};
                        const auto [at, fresh] =
                            first_seen.try_emplace(slot_of(button.id), name, box);
                        check(fresh || testing::same_box(at->second.second, box),
                              what + ": " + button.id + " is not where it was on \"" +
                                  at->second.first + "\"");
                    }
                }
                for (const char* always : {"main", "action.note", "action.ticket", "action.back"})
                    check(first_seen.count(always) == 1,
                          std::string(always) + " drawn (" + who + ")");
            }
        }
    }
    return check.failures;
}

TEST(StaffView, ThePersonCardsButtonsKeepTheirPlaceAcrossStatesAtEverySize) {
    EXPECT_PASSES(card_buttons_stay_put);
}

// Undo is offered exactly when the worker says it would work; a flag is seen to by anyone and
// set from the note or removed by a supervisor.
int undo_and_flag_buttons() {
    HeadlessImGui imgui;
    Checks check;
    for (const ImVec2 display : {kLandscape, kPortrait}) {
        const std::string where = " on " + size_name(display);
        StaffState door = signed_in(StaffRole::Door, StaffPage::Person);
        door.person = person(true);
        door.person->card.can_undo = true;
        const Frame own = imgui.frame(door, display);
        const StaffTarget* undo = find(own.targets, "action.undo");
        check(undo != nullptr, "door staff see Undo for their own recent check-in" + where);
        if (undo != nullptr) {
            const auto asked = imgui.tap(door, display, center(*undo));
            check(as<TapAction>(asked) && as<TapAction>(asked)->action == PersonAction::Undo,
                  "their Undo asks to undo" + where);
        }
        door.person->card.can_undo = false;
        check(find(imgui.frame(door, display).targets, "action.undo") == nullptr,
              "no Undo once the core would refuse" + where);

        door.person = flagged(person(false));
        const Frame flag = imgui.frame(door, display);
        const StaffTarget* seen = find(flag.targets, "action.acknowledge");
        check(seen != nullptr, "door staff can see to a flag" + where);
        if (seen != nullptr) {
            const auto asked = imgui.tap(door, display, center(*seen));
            check(as<TapAction>(asked) && as<TapAction>(asked)->action == PersonAction::Acknowledge,
                  "Seen to asks to acknowledge" + where);
        }
        door.person->card.attention_acknowledged = true;
        const Frame done = imgui.frame(door, display);
        for (const char* id : {"action.acknowledge", "action.flag_note", "action.clear_attention"})
            check(find(done.targets, id) == nullptr,
                  std::string("door staff: no ") + id + " once seen to" + where);

        StaffState chief = signed_in(StaffRole::Supervisor, StaffPage::Person);
        chief.person = person(false);
        chief.person->card.note_can_flag = true;
        const Frame note = imgui.frame(chief, display);
        const StaffTarget* from_note = find(note.targets, "action.flag_note");
        check(from_note != nullptr, "a supervisor can flag the note" + where);
        if (from_note != nullptr) {
            const auto asked = imgui.tap(chief, display, center(*from_note));
            check(as<TapAction>(asked) && as<TapAction>(asked)->action == PersonAction::FlagNote,
                  "the flag button flags the note" + where);
        }
        chief.person = flagged(person(false));
        chief.person->card.attention_acknowledged = true;
        chief.person->card.note_can_flag = false;
        const Frame clear = imgui.frame(chief, display);
        const StaffTarget* remove = find(clear.targets, "action.clear_attention");
        check(remove != nullptr, "a supervisor can remove a flag seen to" + where);
        if (remove != nullptr) {
            const auto asked = imgui.tap(chief, display, center(*remove));
            check(as<TapAction>(asked) &&
                      as<TapAction>(asked)->action == PersonAction::ClearAttention,
                  "the remove button clears it" + where);
        }
    }
    return check.failures;
}

TEST(StaffView, UndoShowsWhenItWouldWorkAndFlagsAreSeenTo) { EXPECT_PASSES(undo_and_flag_buttons); }

// The walk-in form at the kiosk's sizes: the organization field offers the event's own as large
// buttons, a page at a time, with 所属なし and その他; the group list keeps two rows at 1280×800.
int walk_in_organizations() {
    HeadlessImGui imgui;
    Checks check;
    DrawnButtons drawn;
    imgui.drawn = &drawn;
    for (const ImVec2 display : kKioskSizes) {
        const std::string where = " on " + size_name(display);
        StaffState s = signed_in(StaffRole::Door, StaffPage::WalkIn, Language::Ja);
        s.groups = groups(8);
        s.organizations = organizations(40);
        s.walk_in.focus = WalkInField::Organization;
        const Frame list = imgui.frame(s, display);
        check_layout(check, list, display, "walk-in organizations" + where);
        // Rows of a scrolling list may be scrolled out of view: check_layout knows them.
        std::vector<DrawnButton> on_page;
        for (const DrawnButton& button : drawn.buttons()) {
            const StaffTarget* target = find(list.targets, button.id);
            if (target != nullptr && target->list.empty()) on_page.push_back(button);
        }
        for (const std::string& problem : testing::layout_problems({}, on_page, display, 60))
            check(false, "walk-in organizations" + where + ": " + problem);
        const StaffTarget* first = find(list.targets, "organization.0");
        check(first != nullptr, "the most frequent organization comes first" + where);
        check(find(list.targets, "keyboard") == nullptr, "no keyboard before the list" + where);
        check(find(list.targets, "organization.39") == nullptr, "40 do not fit one page" + where);
        if (first != nullptr) {
            check(first->max.y - first->min.y >= 60, "a large button" + where);
            const auto chose = imgui.tap(s, display, center(*first));
            check(as<ChooseOrganization>(chose) &&
                      as<ChooseOrganization>(chose)->name == "Organization 0",
                  "a button chooses its organization" + where);
        }
        const StaffTarget* none = find(list.targets, "organization.none");
        const auto cleared = none != nullptr ? imgui.tap(s, display, center(*none)) : std::nullopt;
        check(as<ChooseOrganization>(cleared) && as<ChooseOrganization>(cleared)->name.empty(),
              "所属なし" + where);
        const StaffTarget* other = find(list.targets, "organization.other");
        const auto typing = other != nullptr ? imgui.tap(s, display, center(*other)) : std::nullopt;
        check(as<TypeOrganization>(typing) && as<TypeOrganization>(typing)->typing,
              "その他 asks for the keyboard" + where);
        const StaffTarget* later = find(list.targets, "organization.later");
        const auto paged = later != nullptr ? imgui.tap(s, display, center(*later)) : std::nullopt;
        check(as<ShowOrganizations>(paged) && as<ShowOrganizations>(paged)->first > 0,
              "the next page" + where);
        if (as<ShowOrganizations>(paged)) {
            s.organizations_first = as<ShowOrganizations>(paged)->first;
            const Frame next = imgui.frame(s, display);
            check(find(next.targets, "organization.0") == nullptr &&
                      find(next.targets, "organization." + std::to_string(s.organizations_first)) !=
                          nullptr,
                  "the next page shows the next organizations" + where);
        }
        s.walk_in.typing_organization = true;
        const Frame keys = imgui.frame(s, display);
        check(find(keys.targets, "keyboard") != nullptr, "the keyboard for another one" + where);
        const StaffTarget* back = find(keys.targets, "organization.list");
        const auto listed = back != nullptr ? imgui.tap(s, display, center(*back)) : std::nullopt;
        check(as<TypeOrganization>(listed) && !as<TypeOrganization>(listed)->typing,
              "back to the list" + where);

        // The name field: the keyboard, and the group list keeps at least two rows (one on the
        // 600 px of a 1024×600 screen).
        s.walk_in.focus = WalkInField::Name;
        s.walk_in.typing_organization = false;
        const Frame name = imgui.frame(s, display);
        check(find(name.targets, "keyboard") != nullptr, "the name is typed" + where);
        const StaffTarget* group_list = find(name.targets, "list.groups");
        const float side = std::min(display.x, display.y);
        const float button = std::max(60.0f, std::round(side * 0.09f));
        const int rows = side >= 720 ? 2 : 1;
        check(group_list != nullptr && group_list->max.y - group_list->min.y >=
                                           rows * button + (rows - 1) * std::round(side * 0.01f),
              "the group list shows " + std::to_string(rows) + " rows" + where);
        // Whole rows only: no row of group buttons is cut through at the list's bottom.
        const float gap = std::round(side * 0.01f);
        const float shown_rows =
            group_list != nullptr ? (group_list->max.y - group_list->min.y + gap) / (button + gap)
                                  : 0.5f;
        check(std::abs(shown_rows - std::round(shown_rows)) < 0.02f,
              "the group list shows whole rows (" + std::to_string(shown_rows) + ")" + where);
    }
    return check.failures;
}

TEST(StaffView, AWalkInsOrganizationIsOfferedAsButtonsBeforeTheKeyboard) {
    EXPECT_PASSES(walk_in_organizations);
}

int sign_in_taps() {
    HeadlessImGui imgui;
    Checks check;
    const auto pages = sign_in_pages(Language::Ja);
    const StaffState& choose = pages[2].second;
    const StaffState& pin = pages[3].second;
    for (const ImVec2 display : {kLandscape, kPortrait}) {
        const Frame chosen = imgui.frame(choose, display);
        const StaffTarget* third = find(chosen.targets, "staff.2");
        const auto picked =
            third != nullptr ? imgui.tap(choose, display, center(*third)) : std::nullopt;
        check(as<ChooseStaffMember>(picked) && as<ChooseStaffMember>(picked)->id == "m2",
              "a name picks its member");

        const Frame pad = imgui.frame(pin, display);
        const StaffTarget* keyboard = find(pad.targets, "keyboard");
        if (keyboard == nullptr) return check.failures + 1;
        bool typed_five = false;
        for (const PlacedKey& key : place_keys(
                 KeyboardLayout::Pin, keyboard->min,
                 ImVec2(keyboard->max.x - keyboard->min.x, keyboard->max.y - keyboard->min.y))) {
            if (key.key.text != "5") continue;
            const auto typed = imgui.tap(
                pin, display, ImVec2(key.at.x + key.size.x / 2, key.at.y + key.size.y / 2));
            typed_five = as<KeyTapped>(typed) && as<KeyTapped>(typed)->key.text == "5";
        }
        check(typed_five, "the PIN pad types 5");
        const StaffTarget* back = find(pad.targets, "back");
        const auto went = back != nullptr ? imgui.tap(pin, display, center(*back)) : std::nullopt;
        check(as<GoTo>(went) && as<GoTo>(went)->page == StaffPage::ChooseStaff,
              "Back goes to the names");
    }
    return check.failures;
}

TEST(StaffView, SignInPagesChooseAndType) { EXPECT_PASSES(sign_in_taps); }

int form_taps() {
    HeadlessImGui imgui;
    Checks check;
    StaffState walk_in = signed_in(StaffRole::Door, StaffPage::WalkIn);
    walk_in.groups = groups(5);
    walk_in.keyboard.text = "Kimura";
    StaffState rebalance = signed_in(StaffRole::Supervisor, StaffPage::Rebalance);
    rebalance.proposals = proposals(6);
    rebalance.proposals_loaded = true;
    rebalance.chosen.assign(6, true);
    StaffState settings_page = signed_in(StaffRole::Supervisor, StaffPage::Settings);
    settings_page.settings = settings();
    for (const ImVec2 display : {kLandscape, kPortrait}) {
        const std::string where = " on " + size_name(display);
        const Frame form = imgui.frame(walk_in, display);
        auto tap = [&](const StaffState& s, const Frame& f, const std::string& id) {
            const StaffTarget* target = find(f.targets, id);
            check(target != nullptr, id + " is drawn" + where);
            return target != nullptr ? imgui.tap(s, display, center(*target)) : std::nullopt;
        };
        const auto focus = tap(walk_in, form, "field.2");
        check(as<FocusField>(focus) && as<FocusField>(focus)->field == WalkInField::Organization,
              "tapping a field focuses it" + where);
        const auto role = tap(walk_in, form, "role.guest");
        check(as<ChooseRole>(role) && as<ChooseRole>(role)->role == Role::Guest,
              "a role button chooses" + where);
        const auto automatic = tap(walk_in, form, "group.auto");
        check(as<ChooseGroup>(automatic) && as<ChooseGroup>(automatic)->group_id.empty(),
              "Automatic" + where);
        const auto group = tap(walk_in, form, "group.1");
        check(as<ChooseGroup>(group) && as<ChooseGroup>(group)->group_id == "g1",
              "a group" + where);
        check(as<SubmitWalkIn>(tap(walk_in, form, "submit")) != nullptr,
              "Register submits" + where);

        const Frame moves = imgui.frame(rebalance, display);
        const auto toggled = tap(rebalance, moves, "proposal.1");
        check(as<ToggleProposal>(toggled) && as<ToggleProposal>(toggled)->index == 1,
              "a row toggles" + where);
        const auto all = tap(rebalance, moves, "select_all");
        check(as<ToggleProposal>(all) && as<ToggleProposal>(all)->index == -1,
              "Select all" + where);
        check(as<ConfirmProposals>(tap(rebalance, moves, "apply")) != nullptr, "Apply" + where);

        const Frame shown = imgui.frame(settings_page, display);
        const auto english = tap(settings_page, shown, "language.1");
        const ChangeSetting* change = as<ChangeSetting>(english);
        check(change && change->settings.language == Language::En && change->settings.sound &&
                  change->settings.name_display == NameDisplay::GivenNameOnly &&
                  change->settings.camera_device == "/dev/video2" &&
                  change->settings.cameras.size() == 3,
              "English changes the language only" + where);
        const auto camera = tap(settings_page, shown, "camera.1");
        check(as<ChangeSetting>(camera) &&
                  as<ChangeSetting>(camera)->settings.camera_device == "/dev/video0",
              "a camera is chosen by its path" + where);
        const auto automatic_camera = tap(settings_page, shown, "camera.0");
        check(as<ChangeSetting>(automatic_camera) &&
                  as<ChangeSetting>(automatic_camera)->settings.camera_device.empty(),
              "automatic camera" + where);
        const auto quiet = tap(settings_page, shown, "sound.1");
        check(as<ChangeSetting>(quiet) && !as<ChangeSetting>(quiet)->settings.sound,
              "sound off" + where);
        check(as<RequestExit>(tap(settings_page, shown, "exit")) != nullptr,
              "Exit asks to exit" + where);
    }
    return check.failures;
}

TEST(StaffView, FormsRebalanceAndSettingsReportTheirTaps) { EXPECT_PASSES(form_taps); }

// The checks above can fail: a layout with a button off the screen, two on top of each other
// and one too small is caught.
TEST(StaffView, TheLayoutCheckCatchesBadLayouts) {
    Frame bad;
    bad.vertices = 10;
    auto target = [](std::string id, float x0, float y0, float x1, float y1) {
        StaffTarget t;
        t.id = std::move(id);
        t.min = ImVec2(x0, y0);
        t.max = ImVec2(x1, y1);
        return t;
    };
    bad.targets = {target("a", 0, 0, 100, 80), target("b", 50, 40, 150, 120),
                   target("c", 1200, 600, 1300, 700), target("d", 0, 200, 100, 230)};
    Checks check;
    ::testing::internal::CaptureStderr();
    check_layout(check, bad, kLandscape, "bad");
    const std::string said = ::testing::internal::GetCapturedStderr();
    EXPECT_EQ(check.failures, 3) << said;
    EXPECT_NE(said.find("a overlaps b"), std::string::npos) << said;
    EXPECT_NE(said.find("c leaves the screen"), std::string::npos) << said;
    EXPECT_NE(said.find("d is too small"), std::string::npos) << said;
}

}  // namespace
}  // namespace uketsuke::ui
