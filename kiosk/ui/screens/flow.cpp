#include "kiosk/ui/screens/flow.hpp"

#include <algorithm>

#include "kiosk/core/checkin/checkin.hpp"
#include "kiosk/core/model/local_time.hpp"

namespace uketsuke::ui {
namespace {

constexpr std::chrono::minutes kMinute{1};

// ---- names ---------------------------------------------------------------------------------

// Decodes the code point at text[at]; `length` gets its byte count (1 for a stray byte).
char32_t code_point_at(std::string_view text, std::size_t at, std::size_t& length) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[at + i]); };
    const unsigned char lead = byte(0);
    std::size_t need = 0;
    char32_t value = 0;
    if (lead < 0x80) {
        length = 1;
        return lead;
    } else if ((lead & 0xE0) == 0xC0) {
        need = 1;
        value = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
        need = 2;
        value = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
        need = 3;
        value = lead & 0x07;
    } else {
        length = 1;
        return 0xFFFD;
    }
    if (at + need >= text.size()) {
        length = 1;
        return 0xFFFD;
    }
    for (std::size_t i = 1; i <= need; ++i) {
        if ((byte(i) & 0xC0) != 0x80) {
            length = 1;
            return 0xFFFD;
        }
        value = (value << 6) | (byte(i) & 0x3F);
    }
    length = need + 1;
    return value;
}

bool is_separator(char32_t c) { return c == U' ' || c == U'\t' || c == U'\u3000'; }

// CJK, kana, Hangul, fullwidth forms: scripts written family name first.
bool is_east_asian(char32_t c) {
    return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF00 && c <= 0xFFEF) || c >= 0x20000;
}

struct Words {
    std::vector<std::string_view> words;
    bool east_asian = false;
};

Words split_name(std::string_view name) {
    Words out;
    std::size_t start = std::string_view::npos;
    for (std::size_t at = 0; at < name.size();) {
        std::size_t length = 1;
        const char32_t c = code_point_at(name, at, length);
        if (is_east_asian(c) && c != U'\u3000') out.east_asian = true;
        if (is_separator(c)) {
            if (start != std::string_view::npos)
                out.words.push_back(name.substr(start, at - start));
            start = std::string_view::npos;
        } else if (start == std::string_view::npos) {
            start = at;
        }
        at += length;
    }
    if (start != std::string_view::npos) out.words.push_back(name.substr(start));
    return out;
}

bool is_all_capitals(std::string_view word) {
    int letters = 0;
    for (const char c : word) {
        if (c >= 'a' && c <= 'z') return false;
        if (c >= 'A' && c <= 'Z') ++letters;
    }
    return letters >= 2;
}

// The words after the first, as written (keeps "Mary Ann" of "SMITH Mary Ann").
std::string_view rest_of(std::string_view name, const Words& words) {
    const std::string_view second = words.words[1];
    const std::size_t from = static_cast<std::size_t>(second.data() - name.data());
    const std::string_view last = words.words.back();
    const std::size_t to = static_cast<std::size_t>(last.data() - name.data()) + last.size();
    return name.substr(from, to - from);
}

std::string_view trim(std::string_view text) {
    const auto is_space = [](char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
    };
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

// ---- timing --------------------------------------------------------------------------------

Duration screen_timeout(const FlowState& state) {
    return state.screen == Screen::Problem ? state.config.problem_timeout
                                           : state.config.welcome_timeout;
}

Instant next_minute(Instant now) { return std::chrono::floor<std::chrono::minutes>(now) + kMinute; }

std::string clock_text(Instant now, const FlowConfig& config) {
    return local_hour_minute(now.time_since_epoch().count(), config.time_zone);
}

// ---- the step ------------------------------------------------------------------------------

class Stepper {
public:
    Stepper(FlowState& state, Instant now) : state_(state), now_(now) {}

    void begin() {
        const Instant before = state_.now;
        // A clock stepped back: restart running timers from the new time.
        state_.screen_since = std::min(state_.screen_since, now_);
        state_.language_since = std::min(state_.language_since, now_);
        if (state_.in_flight) {
            state_.in_flight->submitted_at = std::min(state_.in_flight->submitted_at, now_);
        }
        state_.now = now_;
        std::string clock = clock_text(now_, state_.config);
        if (clock != state_.clock) {
            state_.clock = std::move(clock);
            redraw_ = true;
        }
        expire(before);
    }

    void operator()(const ScanRead& scan) {
        const std::string_view text = trim(scan.text);
        if (text.empty()) return;
        if (state_.in_flight) {
            if (text == state_.in_flight->text) return;
            state_.queued = PendingScan{0, std::string(text), scan.method, scan.at, now_};
            return;
        }
        if (state_.screen != Screen::Attract && text == state_.shown_text) {
            state_.screen_since = now_;  // still standing there: keep their screen up
            return;
        }
        submit(PendingScan{0, std::string(text), scan.method, scan.at, now_});
    }

    void operator()(const CheckinFinished& result) {
        if (!state_.in_flight || state_.in_flight->scan_id != result.scan_id) return;
        std::string text = std::move(state_.in_flight->text);
        state_.in_flight.reset();
        if (result.staff_ticket) {
            if (state_.screen != Screen::Attract) go_to_attract();
            redraw_ = true;
            submit_queued();
            return;
        }
        show(result, std::move(text));
        submit_queued();
    }

    void operator()(const Tick&) {}

    void operator()(const Tap& tap) { std::visit(*this, tap.intent); }

    void operator()(const SwitchLanguage& change) {
        if (change.to == state_.language) return;
        state_.language = change.to;
        // Someone is reading: give them the screen's full time again.
        if (state_.screen == Screen::Attract) {
            state_.language_since = now_;
        } else {
            state_.screen_since = now_;
        }
        redraw_ = true;
    }

    void operator()(const Dismiss&) {
        if (state_.screen != Screen::Attract) go_to_attract();
    }

    void operator()(const CameraStatusChanged& change) {
        if (change.ok == state_.camera_ok && change.message == state_.camera_message) return;
        state_.camera_ok = change.ok;
        state_.camera_message = change.ok ? std::string() : change.message;
        redraw_ = true;
    }

    void operator()(const ArrivedCountChanged& change) {
        if (change.count == state_.arrived) return;
        state_.arrived = change.count;
        if (state_.screen == Screen::Attract) redraw_ = true;
    }

    std::vector<Effect> finish() {
        if (redraw_) effects_.emplace_back(RequestRedraw{});
        effects_.emplace_back(ScheduleWake{next_wake(state_)});
        return std::move(effects_);
    }

private:
    void expire(Instant before) {
        const FlowConfig& config = state_.config;
        if (state_.in_flight) {
            const Instant notice_at = state_.in_flight->submitted_at + config.checking_notice_after;
            if (before < notice_at && now_ >= notice_at && state_.screen == Screen::Attract) {
                redraw_ = true;
            }
            if (now_ >= state_.in_flight->submitted_at + config.checkin_timeout) {
                state_.in_flight.reset();
                CheckinFinished failed;
                failed.failed = true;
                failed.error = "no answer from the check-in";
                show(failed, std::string());
                submit_queued();
            }
        }
        if (state_.screen != Screen::Attract &&
            now_ >= state_.screen_since + screen_timeout(state_)) {
            go_to_attract();
        }
        if (state_.screen == Screen::Attract && state_.language != config.default_language &&
            now_ >= state_.language_since + config.welcome_timeout) {
            state_.language = config.default_language;
            redraw_ = true;
        }
    }

    void submit(PendingScan scan) {
        scan.scan_id = ++state_.last_scan_id;
        scan.submitted_at = now_;
        effects_.emplace_back(SubmitScan{scan.scan_id, scan.text, scan.method, scan.read_at});
        state_.in_flight = std::move(scan);
    }

    void submit_queued() {
        if (!state_.queued) return;
        PendingScan next = std::move(*state_.queued);
        state_.queued.reset();
        submit(std::move(next));
    }

    void show(const CheckinFinished& result, std::string text) {
        Screen screen = Screen::Problem;
        ProblemKind problem = ProblemKind::UnknownCode;
        Sound sound = Sound::Problem;
        if (result.failed) {
            problem = ProblemKind::CheckinFailed;
        } else {
            switch (result.outcome) {
                case CheckinOutcome::CheckedIn:
                    screen = Screen::Welcome;
                    sound = Sound::Success;
                    break;
                case CheckinOutcome::AlreadyChecked:
                    screen = Screen::AlreadyCheckedIn;
                    sound = Sound::AlreadyIn;
                    break;
                case CheckinOutcome::DetailsPending:
                    screen = Screen::DetailsPending;
                    sound = Sound::Success;
                    break;
                case CheckinOutcome::UnknownCode:
                    problem = ProblemKind::UnknownCode;
                    break;
                case CheckinOutcome::NotATicket:
                    problem = ProblemKind::NotATicket;
                    break;
                case CheckinOutcome::OtherEvent:
                    problem = ProblemKind::OtherEvent;
                    break;
                case CheckinOutcome::Cancelled:
                    problem = ProblemKind::Cancelled;
                    break;
                case CheckinOutcome::InvalidTicket:
                    problem = ProblemKind::InvalidTicket;
                    break;
            }
        }
        state_.screen = screen;
        state_.problem = problem;
        state_.shown = result;
        state_.shown_text = std::move(text);
        state_.screen_since = now_;
        effects_.emplace_back(ScreenChanged{screen, problem, screen_name(screen, problem)});
        if (!state_.config.mute) effects_.emplace_back(PlaySound{sound});
        redraw_ = true;
    }

    void go_to_attract() {
        state_.screen = Screen::Attract;
        state_.problem = ProblemKind::UnknownCode;
        state_.shown = CheckinFinished{};
        state_.shown_text.clear();
        state_.screen_since = now_;
        state_.language = state_.config.default_language;
        state_.language_since = now_;
        effects_.emplace_back(
            ScreenChanged{Screen::Attract, ProblemKind::UnknownCode,
                          screen_name(Screen::Attract, ProblemKind::UnknownCode)});
        redraw_ = true;
    }

    FlowState& state_;
    Instant now_;
    std::vector<Effect> effects_;
    bool redraw_ = false;
};

}  // namespace

std::string_view to_string(Screen screen) {
    switch (screen) {
        case Screen::Attract:
            return "attract";
        case Screen::Welcome:
            return "welcome";
        case Screen::AlreadyCheckedIn:
            return "already_checked_in";
        case Screen::DetailsPending:
            return "details_pending";
        case Screen::Problem:
            return "problem";
    }
    return "attract";
}

std::string_view to_string(ProblemKind kind) {
    switch (kind) {
        case ProblemKind::UnknownCode:
            return "unknown_code";
        case ProblemKind::OtherEvent:
            return "other_event";
        case ProblemKind::Cancelled:
            return "cancelled";
        case ProblemKind::InvalidTicket:
            return "invalid_ticket";
        case ProblemKind::NotATicket:
            return "not_a_ticket";
        case ProblemKind::CheckinFailed:
            return "checkin_failed";
    }
    return "unknown_code";
}

std::string_view to_string(Sound sound) {
    switch (sound) {
        case Sound::Success:
            return "success";
        case Sound::AlreadyIn:
            return "already_in";
        case Sound::Problem:
            return "problem";
    }
    return "problem";
}

std::string_view to_string(NameDisplay mode) {
    switch (mode) {
        case NameDisplay::FullName:
            return "full";
        case NameDisplay::GivenNameOnly:
            return "given";
        case NameDisplay::None:
            return "none";
    }
    return "full";
}

std::optional<NameDisplay> name_display_from_string(std::string_view text) {
    for (const NameDisplay mode :
         {NameDisplay::FullName, NameDisplay::GivenNameOnly, NameDisplay::None}) {
        if (text == to_string(mode)) return mode;
    }
    return std::nullopt;
}

std::string screen_name(Screen screen, ProblemKind problem) {
    std::string name(to_string(screen));
    if (screen == Screen::Problem) name += "." + std::string(to_string(problem));
    return name;
}

FlowConfig with_defaults(FlowConfig config) {
    const auto or_default = [](Duration value, Duration fallback) {
        return value > Duration::zero() ? value : fallback;
    };
    config.welcome_timeout = or_default(config.welcome_timeout, kDefaultWelcomeTimeout);
    config.problem_timeout = or_default(config.problem_timeout, kDefaultProblemTimeout);
    config.checkin_timeout = or_default(config.checkin_timeout, kDefaultCheckinTimeout);
    config.checking_notice_after =
        or_default(config.checking_notice_after, kDefaultCheckingNoticeAfter);
    if (config.time_zone.empty()) config.time_zone = kDefaultTimeZone;
    return config;
}

FlowStep start_flow(FlowConfig config, Instant now) {
    FlowState state;
    state.config = with_defaults(std::move(config));
    state.language = state.config.default_language;
    state.screen_since = now;
    state.language_since = now;
    state.now = now;
    state.clock = clock_text(now, state.config);
    std::vector<Effect> effects;
    effects.emplace_back(ScreenChanged{Screen::Attract, ProblemKind::UnknownCode,
                                       screen_name(Screen::Attract, ProblemKind::UnknownCode)});
    effects.emplace_back(RequestRedraw{});
    effects.emplace_back(ScheduleWake{next_wake(state)});
    return FlowStep{std::move(state), std::move(effects)};
}

FlowStep step(FlowState state, const FlowEvent& event, Instant now) {
    Stepper stepper(state, now);
    stepper.begin();
    std::visit(stepper, event);
    std::vector<Effect> effects = stepper.finish();
    return FlowStep{std::move(state), std::move(effects)};
}

Instant next_wake(const FlowState& state) {
    const FlowConfig& config = state.config;
    Instant wake = next_minute(state.now);  // the clock
    if (state.screen != Screen::Attract) {
        wake = std::min(wake, state.screen_since + screen_timeout(state));
    } else if (state.language != config.default_language) {
        wake = std::min(wake, state.language_since + config.welcome_timeout);
    }
    if (state.in_flight) {
        const Instant notice_at = state.in_flight->submitted_at + config.checking_notice_after;
        if (state.now < notice_at) wake = std::min(wake, notice_at);
        wake = std::min(wake, state.in_flight->submitted_at + config.checkin_timeout);
    }
    return wake;
}

CheckinFinished make_checkin_finished(std::uint64_t scan_id, const CheckinResult& result,
                                      const std::optional<Group>& group,
                                      std::string_view time_zone) {
    CheckinFinished out;
    out.scan_id = scan_id;
    out.outcome = result.outcome;
    out.ticket_status = result.ticket_status;
    if (!is_success(result.outcome)) return out;  // problems show no personal data
    if (result.participant) {
        out.name = result.participant->name;
        out.reading = result.participant->reading;
        out.organization = result.participant->organization;
    }
    if (group) {
        out.group_name = group->name;
        out.table_label = group->table_label;
        out.facilitator = group->facilitator;
        if (group->map_x && group->map_y) out.table_on_map = MapPoint{*group->map_x, *group->map_y};
    }
    if (result.outcome == CheckinOutcome::AlreadyChecked && result.earlier) {
        const std::string_view zone = time_zone.empty() ? kDefaultTimeZone : time_zone;
        out.checked_in_at = local_hour_minute(result.earlier->wall_ms, zone);
        out.kiosk = result.earlier->kiosk;
    }
    return out;
}

std::string given_name(std::string_view full_name) {
    const std::string_view name = trim(full_name);
    const Words words = split_name(name);
    if (words.words.size() < 2) return std::string(words.words.empty() ? name : words.words[0]);
    const bool family_first = words.east_asian || (is_all_capitals(words.words[0]) &&
                                                   !is_all_capitals(rest_of(name, words)));
    return std::string(family_first ? rest_of(name, words) : words.words[0]);
}

std::string display_name(std::string_view full_name, NameDisplay mode) {
    switch (mode) {
        case NameDisplay::FullName:
            return std::string(trim(full_name));
        case NameDisplay::GivenNameOnly:
            return given_name(full_name);
        case NameDisplay::None:
            return {};
    }
    return {};
}

}  // namespace uketsuke::ui
