#pragma once
// The kiosk's words in Japanese and English, read from assets/i18n/{ja,en}.toml.
// Keys are dotted paths ("problem.cancelled.next" is `next` in table [problem.cancelled]).
// Values may hold {name}-style placeholders. Every key the code uses is listed in
// kStringKeys so a test can hold both files to it; a missing string shows the other
// language, then the key itself, never a crash.

#include <array>
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace uketsuke::ui {

enum class Language { Ja, En };  // Ja first: a zero-initialized config speaks Japanese

inline constexpr std::array<Language, 2> kLanguages = {Language::Ja, Language::En};

std::string_view language_code(Language language);  // "ja", "en"
std::optional<Language> language_from_code(std::string_view code);
Language other_language(Language language);

// Every key the code looks up. Keep in step with ja.toml and en.toml (tests check both ways).
inline constexpr std::array<std::string_view, 258> kStringKeys = {
    "attract.prompt",
    "attract.arrived",
    "attract.no_qr",
    "attract.camera_lost",
    "attract.checking",
    "attract.store_problem",
    "attract.opens_at",
    "attract.no_session_today",
    "attract.clock_looks_wrong",
    "welcome.greeting",
    "welcome.greeting_no_name",
    "welcome.group",
    "welcome.table",
    "welcome.facilitator",
    "welcome.you_facilitate",
    "welcome.next_session",
    "welcome.session",
    "welcome.sessions_attended",
    "welcome.go_to_table",
    "welcome.no_table",
    "welcome.name_tag",
    "already.heading",
    "already.name",
    "already.checked_in_at",
    "already.checked_in_at_no_kiosk",
    "already.checked_in_at_desk",
    "already.go_to_table",
    "pending.title",
    "pending.next",
    "recent.heading",
    "recent.name",
    "recent.group_table",
    "recent.group_only",
    "recent.table_only",
    "problem.unknown_code.title",
    "problem.unknown_code.next",
    "problem.other_event.title",
    "problem.other_event.next",
    "problem.cancelled.title",
    "problem.cancelled.next",
    "problem.invalid_ticket.title",
    "problem.invalid_ticket.next",
    "problem.truncated_ticket.title",
    "problem.truncated_ticket.next",
    "problem.revoked_ticket.title",
    "problem.revoked_ticket.next",
    "problem.newer_ticket_format.title",
    "problem.newer_ticket_format.next",
    "problem.not_a_ticket.title",
    "problem.not_a_ticket.next",
    "problem.checkin_failed.title",
    "problem.checkin_failed.next",
    "staff.store_problem",
    "staff.printer_problem",
    "start_problem.missing.title",
    "start_problem.missing.next",
    "start_problem.damaged.title",
    "start_problem.damaged.next",
    "start_problem.not_an_event.title",
    "start_problem.not_an_event.next",
    "start_problem.cannot_open.title",
    "start_problem.cannot_open.next",
    "start_problem.disk_error.title",
    "start_problem.disk_error.next",
    "start_problem.other.title",
    "start_problem.other.next",
    "start_problem.file",
    "start_problem.retrying",
    "problem.before_opening.title",
    "problem.before_opening.next",
    "problem.no_session.title",
    "problem.no_session.next",
    "attract.leave_title",
    "attract.leave_prompt",
    "attract.leave_not_recorded",
    "already.leave",
    "goodbye.title",
    "goodbye.title_name",
    "goodbye.recorded",
    "goodbye.early",
    "goodbye.already_left",
    "problem.not_checked_in.title",
    "problem.not_checked_in.next",
    "problem.leave_not_recorded.title",
    "problem.leave_not_recorded.next",
    "common.close",
    "language.self_name",
    "staff.sign_in",
    "staff.separator",
    "staff.working",
    "staff.loading",
    "staff.back",
    "staff.message",
    "staff.role.door",
    "staff.role.supervisor",
    "staff.tab.search",
    "staff.tab.walk_in",
    "staff.tab.dashboard",
    "staff.tab.rebalance",
    "staff.tab.settings",
    "staff.hub.connected",
    "staff.hub.offline",
    "staff.hub.last_sync",
    "staff.hub.waiting",
    "staff.done.checked_in",
    "staff.done.reprint_sent",
    "staff.done.already_checked_in",
    "staff.done.undone",
    "staff.done.cancelled",
    "staff.done.reinstated",
    "staff.done.moved",
    "staff.done.note_saved",
    "staff.done.walk_in_registered",
    "staff.done.moves_applied",
    "staff.done.settings_saved",
    "staff.done.refused",
    "staff.done.failed",
    "staff.done.pin_wrong",
    "staff.done.pin_locked",
    "staff.done.name_required",
    "staff.choose.prompt",
    "staff.choose.none",
    "staff.choose.none_hint",
    "staff.pin.title",
    "staff.pin.hint",
    "staff.pin.submit",
    "staff.pin.verifying",
    "staff.pin.wrong",
    "staff.pin.wrong_plain",
    "staff.pin.locked",
    "staff.pin.locked_until",
    "staff.pin.unknown_staff",
    "staff.keyboard.space",
    "staff.keyboard.done",
    "staff.search.hint",
    "staff.search.none",
    "staff.search.searching",
    "staff.search.more",
    "staff.search.checked_in",
    "staff.search.cancelled",
    "staff.person.welcome",
    "staff.person.welcome_group",
    "staff.person.welcome_plain",
    "staff.person.cancelled",
    "staff.person.checked_in_at",
    "staff.person.not_checked_in",
    "staff.person.no_group",
    "staff.person.group",
    "staff.person.table",
    "staff.person.note",
    "staff.person.check_in",
    "staff.person.undo",
    "staff.person.cancel",
    "staff.person.confirm_cancel",
    "staff.person.reinstate",
    "staff.person.edit_note",
    "staff.person.stop_note",
    "staff.person.editing_note",
    "staff.person.show_ticket",
    "staff.person.reprint",
    "staff.person.hide_ticket",
    "staff.person.no_ticket",
    "staff.person.ticket_hint",
    "staff.person.move",
    "staff.person.history",
    "staff.person.no_history",
    "staff.person_role.participant",
    "staff.person_role.facilitator",
    "staff.person_role.guest",
    "staff.person_role.staff",
    "staff.history.check-in",
    "staff.history.undo",
    "staff.history.walk-in",
    "staff.history.move",
    "staff.history.cancel",
    "staff.history.reinstate",
    "staff.history.note",
    "staff.history.kiosk",
    "staff.how.camera",
    "staff.how.scanner",
    "staff.how.manual",
    "staff.how.walk-in",
    "staff.how.command",
    "staff.walk_in.name",
    "staff.walk_in.reading",
    "staff.walk_in.organization",
    "staff.walk_in.automatic",
    "staff.walk_in.submit",
    "staff.dashboard.arrived",
    "staff.dashboard.groups",
    "staff.dashboard.organizations",
    "staff.dashboard.kiosks",
    "staff.dashboard.not_arrived",
    "staff.dashboard.arrivals_per_5_minutes",
    "staff.dashboard.latest_arrival",
    "staff.dashboard.self_checkin",
    "staff.dashboard.staff_checkin",
    "staff.dashboard.walk_ins",
    "staff.dashboard.details_pending",
    "staff.dashboard.no_group",
    "staff.dashboard.no_organization",
    "staff.dashboard.unnamed_kiosk",
    "staff.dashboard.more",
    "staff.rebalance.title",
    "staff.rebalance.none",
    "staff.rebalance.select_all",
    "staff.rebalance.select_none",
    "staff.rebalance.apply",
    "staff.rebalance.person",
    "staff.rebalance.move",
    "staff.rebalance.no_group",
    "staff.settings.language",
    "staff.settings.sound",
    "staff.settings.on",
    "staff.settings.off",
    "staff.settings.name_display",
    "staff.settings.full_name",
    "staff.settings.given_name",
    "staff.settings.no_name",
    "staff.settings.camera",
    "staff.settings.camera_auto",
    "staff.settings.exit",
    "staff.settings.confirm_exit",
    "attract.pinned",
    "attract.scans_dropped",
    "staff.settings.session",
    "staff.settings.by_clock",
    "staff.settings.clock_session",
    "staff.settings.pinned_by",
    "staff.done.session_pinned",
    "staff.done.session_unpinned",
    "staff.person.attendance_title",
    "staff.person.attendance_hint",
    "staff.person.correct_title",
    "staff.person.correct_present",
    "staff.person.correct_late",
    "staff.person.correct_early_leave",
    "staff.person.correct_absent",
    "staff.done.corrected",
    "staff.history.session_correction",
    "welcome.see_staff",
    "attract.attention_waiting",
    "staff.done.attention_set",
    "staff.done.attention_cleared",
    "staff.done.attention_acknowledged",
    "staff.person.attention",
    "staff.person.attention_done",
    "staff.person.acknowledge",
    "staff.person.flag_note",
    "staff.person.clear_attention",
    "staff.history.attention",
    "staff.history.attention_ack",
    "staff.history.desk",
    "staff.walk_in.no_organization",
    "staff.walk_in.other_organization",
    "staff.walk_in.organization_list",
    "staff.walk_in.earlier",
    "staff.walk_in.later",
};

bool is_known_key(std::string_view key);

using FormatArgs = std::initializer_list<std::pair<std::string_view, std::string_view>>;

// Replaces each {name} in `pattern` whose name is in `args`; other braces stay as written.
std::string format_text(std::string_view pattern, FormatArgs args);
// The placeholder names in `pattern`, sorted, each once.
std::vector<std::string> placeholders(std::string_view pattern);
// 20000 -> "20,000" (both languages group digits by three).
std::string group_digits(std::int64_t number);

class Strings {
public:
    using Table = std::map<std::string, std::string, std::less<>>;

    Strings() = default;

    // Parses one language's TOML text. Returns the problems found (syntax error, a value that
    // is not a string, a key the code does not know); the good strings are kept regardless.
    [[nodiscard]] std::vector<std::string> add_toml(Language language, std::string_view toml_text,
                                                    std::string_view source_name = "toml");
    void set(Language language, std::string key, std::string text);

    // The string, else the other language's, else the key itself.
    [[nodiscard]] std::string_view get(Language language, std::string_view key) const;
    [[nodiscard]] std::string format(Language language, std::string_view key,
                                     FormatArgs args) const;
    [[nodiscard]] bool has(Language language, std::string_view key) const;
    [[nodiscard]] const Table& table(Language language) const;

private:
    std::array<Table, kLanguages.size()> tables_;
};

struct StringsLoad {
    Strings strings;
    std::vector<std::string> problems;  // empty when both files were read cleanly and completely
    [[nodiscard]] bool ok() const { return problems.empty(); }
};

// Reads ja.toml and en.toml from `directory` and reports missing keys too.
[[nodiscard]] StringsLoad load_strings(const std::filesystem::path& directory);

// The i18n folder of the source tree (UKETSUKE_ASSETS_DIR); an installed app passes its own.
std::filesystem::path source_strings_directory();

}  // namespace uketsuke::ui
