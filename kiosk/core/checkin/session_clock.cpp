#include "kiosk/core/checkin/session_clock.hpp"

#include <algorithm>
#include <tuple>

#include "kiosk/core/model/local_time.hpp"
#include "kiosk/core/store/session_rules.hpp"

namespace uketsuke {
namespace {

constexpr std::int64_t kMinutesPerDay = 24 * 60;
constexpr std::int64_t kHalfDay = 12 * 60;
constexpr std::int64_t kClockSlack = 30 * kMinutesPerDay;

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

struct Candidate {
    const Session* session;
    SessionWindow window;
    bool own_room;
};

}  // namespace

std::string_view to_string(SessionVerdict verdict) {
    switch (verdict) {
        case SessionVerdict::Current:
            return "current";
        case SessionVerdict::BeforeOpening:
            return "before-opening";
        case SessionVerdict::NoneToday:
            return "none-today";
        case SessionVerdict::ClockLooksWrong:
            return "clock-looks-wrong";
    }
    return "?";
}

SessionChoice choose_session(const std::vector<Session>& sessions, std::string_view time_zone,
                             std::int64_t now_ms, std::string_view kiosk_room) {
    // Everything in local minutes since the epoch: the sessions are written in local time.
    const std::int64_t now =
        floor_div(now_ms + zone_offset_ms(now_ms, time_zone), std::int64_t{60'000});
    const std::int64_t today = floor_div(now, kMinutesPerDay);

    std::vector<Candidate> candidates;
    for (const auto& session : sessions) {
        if (!kiosk_room.empty() && !session.room.empty() && session.room != kiosk_room) continue;
        if (const auto window = session_window(session))
            candidates.push_back(
                {&session, *window, !kiosk_room.empty() && session.room == kiosk_room});
    }

    SessionChoice choice;
    const Candidate* best = nullptr;
    auto rank = [now](const Candidate& c) {
        const bool started = c.window.starts <= now;
        // Smaller is better: started before not started, then the latest start (started) or
        // the earliest (not yet), own room, id.
        return std::make_tuple(started ? 0 : 1, started ? -c.window.starts : c.window.starts,
                               c.own_room ? 0 : 1, c.session->id);
    };
    for (const auto& c : candidates) {
        if (c.window.opens <= now && now < c.window.ends && (!best || rank(c) < rank(*best)))
            best = &c;
    }
    if (best) {
        choice.verdict = SessionVerdict::Current;
        choice.session = *best->session;
        return choice;
    }
    const Candidate* next = nullptr;
    bool on_a_session_date = false;
    bool near = false;
    std::optional<std::int64_t> first, last;
    for (const auto& c : candidates) {
        const std::int64_t day = floor_div(c.window.starts, kMinutesPerDay);
        on_a_session_date = on_a_session_date || day == today;
        near = near || (c.window.opens - kHalfDay <= now && now < c.window.ends + kHalfDay);
        first = std::min(first.value_or(c.window.opens), c.window.opens);
        last = std::max(last.value_or(c.window.ends), c.window.ends);
        if (day == today && c.window.opens > now &&
            (!next || std::tie(c.window.opens, c.session->id) <
                          std::tie(next->window.opens, next->session->id)))
            next = &c;
    }
    if (next) {
        choice.verdict = SessionVerdict::BeforeOpening;
        choice.session = *next->session;
        choice.opens_at = format_clock_time(static_cast<int>(
            next->window.opens - floor_div(next->window.opens, kMinutesPerDay) * kMinutesPerDay));
        return choice;
    }
    const bool far_off = first && (now < *first - kClockSlack || now > *last + kClockSlack);
    choice.verdict = !near && !on_a_session_date && far_off ? SessionVerdict::ClockLooksWrong
                                                            : SessionVerdict::NoneToday;
    return choice;
}

std::optional<Session> session_for_checkin(const std::vector<Session>& sessions,
                                           std::string_view time_zone, std::int64_t now_ms,
                                           std::string_view kiosk_room) {
    SessionChoice choice = choose_session(sessions, time_zone, now_ms, kiosk_room);
    if (choice.verdict == SessionVerdict::Current) return choice.session;
    if (sessions.size() == 1) return sessions.front();
    return std::nullopt;
}

}  // namespace uketsuke
