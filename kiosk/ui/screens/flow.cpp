#include "kiosk/ui/screens/flow.hpp"

#include <algorithm>

#include "kiosk/core/model/local_time.hpp"
#include "kiosk/core/model/utf8.hpp"

namespace uketsuke::ui {
namespace {

constexpr std::chrono::minutes kMinute{1};

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
        const std::string_view text = utf8::trim_ascii(scan.text);
        if (text.empty()) return;
        if (state_.in_flight) {
            if (text == state_.in_flight->text) return;
            for (const PendingScan& waiting : state_.queued)
                if (text == waiting.text) return;
            if (state_.queued.size() >= kMaxQueuedScans) {
                ++state_.dropped_scans;
                effects_.emplace_back(ScanDropped{state_.dropped_scans, scan.method});
                if (state_.screen == Screen::Attract) redraw_ = true;
                return;
            }
            state_.queued.push_back(PendingScan{0, std::string(text), scan.method, scan.at, now_});
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
        if (result.session) (*this)(*result.session);  // the freshest look at the clock
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

    void operator()(const SessionNow& session) {
        if (session == state_.session) return;
        state_.session = session;
        if (state_.screen == Screen::Attract) redraw_ = true;
    }

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

    void operator()(const LeaveNow&) {
        if (!leave_offered(state_) || state_.in_flight) return;
        PendingScan leave{0, state_.shown_text, CheckinMethod::Manual, now_, now_};
        leave.scan_id = ++state_.last_scan_id;
        effects_.emplace_back(SubmitLeave{leave.scan_id, state_.shown.participant_id});
        state_.in_flight = std::move(leave);
        state_.screen_since = now_;
        redraw_ = true;
    }

    void operator()(const CameraStatusChanged& change) {
        if (change.ok == state_.camera_ok && change.message == state_.camera_message) return;
        state_.camera_ok = change.ok;
        state_.camera_message = change.ok ? std::string() : change.message;
        redraw_ = true;
    }

    void operator()(const StoreStatusChanged& change) {
        if (change.ok == state_.store_ok && change.message == state_.store_message) return;
        state_.store_ok = change.ok;
        state_.store_message = change.ok ? std::string() : change.message;
        redraw_ = true;
    }

    void operator()(const ArrivedCountChanged& change) {
        if (change.count == state_.arrived) return;
        state_.arrived = change.count;
        if (state_.screen == Screen::Attract) redraw_ = true;
    }

    void operator()(const AttentionPendingChanged& change) {
        const int count = std::max(0, change.count);
        if (count == state_.attention_pending) return;
        state_.attention_pending = count;
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
        const auto gone = std::remove_if(state_.recent.begin(), state_.recent.end(),
                                         [&](const RecentArrival& r) { return now_ >= r.until; });
        if (gone != state_.recent.end()) {
            state_.recent.erase(gone, state_.recent.end());
            redraw_ = true;
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
        if (state_.queued.empty()) return;
        PendingScan next = std::move(state_.queued.front());
        state_.queued.pop_front();
        submit(std::move(next));
    }

    void show(const CheckinFinished& result, std::string text) {
        Screen screen = Screen::Problem;
        ProblemKind problem = ProblemKind::UnknownCode;
        Sound sound = Sound::Problem;
        const SessionStatus session = result.session ? result.session->status : SessionStatus::Open;
        if (result.failed) {
            problem = ProblemKind::CheckinFailed;
        } else if (session == SessionStatus::BeforeOpening) {
            problem = ProblemKind::BeforeOpening;
        } else if (session != SessionStatus::Open) {
            problem = ProblemKind::NoSession;
        } else if (result.leave == LeaveAnswer::Left || result.leave == LeaveAnswer::AlreadyLeft) {
            screen = Screen::Goodbye;
            sound = Sound::Success;
        } else if (result.leave == LeaveAnswer::NotCheckedIn) {
            problem = ProblemKind::NotCheckedIn;
        } else if (result.leave == LeaveAnswer::NotRecorded) {
            problem = ProblemKind::LeaveNotRecorded;
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
        remember_shown(result);
        // Someone flagged for the door: a sound of its own, so staff look up as well.
        if (result.see_staff && (screen == Screen::Welcome || screen == Screen::AlreadyCheckedIn))
            sound = Sound::SeeStaff;
        state_.screen = screen;
        state_.problem = problem;
        state_.shown = result;
        state_.shown_text = std::move(text);
        state_.screen_since = now_;
        effects_.emplace_back(ScreenChanged{screen, problem, screen_name(screen, problem)});
        if (!state_.config.mute) effects_.emplace_back(PlaySound{sound});
        redraw_ = true;
    }

    // The welcome being replaced goes to the strip of recent arrivals, if it told someone where
    // to go; whoever is shown next is not listed beside their own screen.
    void remember_shown(const CheckinFinished& next) {
        const CheckinFinished& shown = state_.shown;
        const bool welcomed =
            state_.screen == Screen::Welcome || state_.screen == Screen::AlreadyCheckedIn;
        const bool where = !shown.group_name.empty() || !shown.table_label.empty();
        if (welcomed && where && !shown.name.empty() &&
            state_.config.name_display != NameDisplay::None) {
            if (!shown.participant_id.empty()) {
                std::erase_if(state_.recent, [&](const RecentArrival& r) {
                    return r.participant_id == shown.participant_id;
                });
            }
            state_.recent.push_front(RecentArrival{shown.participant_id, given_name(shown.name),
                                                   shown.group_name, shown.table_label,
                                                   now_ + state_.config.recent_timeout});
            if (state_.recent.size() > kRecentArrivals) state_.recent.resize(kRecentArrivals);
        }
        if (!next.participant_id.empty()) {
            std::erase_if(state_.recent, [&](const RecentArrival& r) {
                return r.participant_id == next.participant_id;
            });
        }
    }

    void go_to_attract() {
        state_.recent.clear();
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
        case Screen::Goodbye:
            return "goodbye";
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
        case ProblemKind::BeforeOpening:
            return "before_opening";
        case ProblemKind::NoSession:
            return "no_session";
        case ProblemKind::NotCheckedIn:
            return "not_checked_in";
        case ProblemKind::LeaveNotRecorded:
            return "leave_not_recorded";
    }
    return "unknown_code";
}

std::string_view to_string(SessionStatus status) {
    switch (status) {
        case SessionStatus::Open:
            return "open";
        case SessionStatus::BeforeOpening:
            return "before_opening";
        case SessionStatus::NoneToday:
            return "none_today";
        case SessionStatus::ClockLooksWrong:
            return "clock_looks_wrong";
    }
    return "open";
}

std::string_view to_string(LeaveAnswer answer) {
    switch (answer) {
        case LeaveAnswer::None:
            return "none";
        case LeaveAnswer::Left:
            return "left";
        case LeaveAnswer::AlreadyLeft:
            return "already_left";
        case LeaveAnswer::NotCheckedIn:
            return "not_checked_in";
        case LeaveAnswer::NotRecorded:
            return "not_recorded";
    }
    return "none";
}

bool leave_offered(const FlowState& state) {
    return state.screen == Screen::AlreadyCheckedIn && state.shown.session &&
           state.shown.session->records_leave && !state.shown.participant_id.empty();
}

std::string_view to_string(Sound sound) {
    switch (sound) {
        case Sound::Success:
            return "success";
        case Sound::AlreadyIn:
            return "already_in";
        case Sound::Problem:
            return "problem";
        case Sound::SeeStaff:
            return "see_staff";
    }
    return "problem";
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
    config.recent_timeout = or_default(config.recent_timeout, kDefaultRecentTimeout);
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
    for (const RecentArrival& recent : state.recent) wake = std::min(wake, recent.until);
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
    out.participant_id = result.participant_id;
    if (result.participant) {
        out.name = result.participant->name;
        out.reading = result.participant->reading;
        out.organization = result.participant->organization;
        out.role = result.participant->role;
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

}  // namespace uketsuke::ui
