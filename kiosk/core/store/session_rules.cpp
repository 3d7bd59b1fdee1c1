#include "kiosk/core/store/session_rules.hpp"

#include <fmt/format.h>

#include <charconv>

#include "kiosk/core/model/utf8.hpp"

namespace uketsuke {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days: proleptic Gregorian, no time zone.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Civil {
    std::int64_t year;
    unsigned month, day;
};

Civil civil_from_days(std::int64_t z) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return Civil{static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2), m, d};
}

// Digits at the front of `text` (at most `max_digits`), consumed.
std::optional<int> take_number(std::string_view& text, std::size_t max_digits) {
    std::size_t n = 0;
    while (n < text.size() && n < max_digits && text[n] >= '0' && text[n] <= '9') ++n;
    if (n == 0) return std::nullopt;
    int value = 0;
    std::from_chars(text.data(), text.data() + n, value);
    text.remove_prefix(n);
    return value;
}

bool take(std::string_view& text, std::string_view what) {
    if (!text.starts_with(what)) return false;
    text.remove_prefix(what.size());
    return true;
}

constexpr int kMinutesPerDay = 24 * 60;

// A cell as a message may quote it: short, and well-formed whatever the bytes were.
std::string shown(std::string_view text) { return utf8::encode(utf8::decode(utf8::cut(text, 60))); }

}  // namespace

std::optional<std::int64_t> parse_session_date(std::string_view text) {
    text = utf8::trim(text);
    const auto year = take_number(text, 4);
    if (!year || *year < 1000) return std::nullopt;
    const char separator = text.empty() ? '\0' : text.front();
    if (separator != '-' && separator != '/') return std::nullopt;
    text.remove_prefix(1);
    const auto month = take_number(text, 2);
    if (!month || text.empty() || text.front() != separator) return std::nullopt;
    text.remove_prefix(1);
    const auto day = take_number(text, 2);
    if (!day || !text.empty() || *month < 1 || *month > 12 || *day < 1) return std::nullopt;
    const std::int64_t days =
        days_from_civil(*year, static_cast<unsigned>(*month), static_cast<unsigned>(*day));
    const Civil back = civil_from_days(days);
    if (back.month != static_cast<unsigned>(*month)) return std::nullopt;  // 2026-02-30
    return days;
}

std::string format_session_date(std::int64_t days) {
    const Civil c = civil_from_days(days);
    return fmt::format("{:04d}-{:02d}-{:02d}", c.year, c.month, c.day);
}

std::optional<int> parse_clock_time(std::string_view text) {
    text = utf8::trim(text);
    const auto hour = take_number(text, 2);
    if (!hour) return std::nullopt;
    int minute = 0;
    if (take(text, ":")) {
        if (text.size() < 2) return std::nullopt;
        const auto m = take_number(text, 2);
        if (!m) return std::nullopt;
        minute = *m;
    } else if (take(text, "時")) {
        if (!text.empty()) {
            const auto m = take_number(text, 2);
            if (!m || !take(text, "分")) return std::nullopt;
            minute = *m;
        }
    } else {
        return std::nullopt;
    }
    if (!text.empty() || *hour > 23 || minute > 59) return std::nullopt;
    return *hour * 60 + minute;
}

std::string format_clock_time(int minutes) {
    return fmt::format("{:02d}:{:02d}", minutes / 60, minutes % 60);
}

std::optional<SessionWindow> session_window(const Session& session) {
    const auto date = parse_session_date(session.date);
    const auto starts = parse_clock_time(session.starts_at);
    const auto ends = parse_clock_time(session.ends_at);
    if (!date || !starts || !ends) return std::nullopt;
    const std::int64_t day = *date * kMinutesPerDay;
    return SessionWindow{day + *starts - session.opens_minutes_before, day + *starts, day + *ends};
}

std::string describe_session(const Session& s) {
    return fmt::format("{} ({}, {} {}–{}{}{})", s.name, s.id, s.date, s.starts_at, s.ends_at,
                       s.room.empty() ? "" : ", ", s.room);
}

Result<Session, SessionProblem> check_session(Session session, const std::vector<Session>& others,
                                              std::int64_t now_ms) {
    session.id = std::string(utf8::trim(session.id));
    session.name = std::string(utf8::trim(session.name));
    session.room = std::string(utf8::trim(session.room));
    session.makeup_of = std::string(utf8::trim(session.makeup_of));
    if (session.id.empty()) return SessionProblem{"id", "a session needs an id"};
    if (session.id.size() > 64 || !utf8::is_valid(session.id)) {
        return SessionProblem{
            "id", fmt::format("the session id \"{}\" is not a short text", shown(session.id))};
    }
    if (session.name.empty()) {
        return SessionProblem{"name", fmt::format("session {} needs a name", session.id)};
    }
    const auto date = parse_session_date(session.date);
    if (!date) {
        return SessionProblem{
            "date", fmt::format("\"{}\" is not a date (write 2026-11-30)", shown(session.date))};
    }
    const std::int64_t today = now_ms / (std::int64_t{86400} * 1000);
    const Civil now = civil_from_days(today);
    const std::int64_t latest = days_from_civil(now.year + 10, now.month, std::min(now.day, 28u));
    if (*date < days_from_civil(2000, 1, 1) || *date > latest) {
        return SessionProblem{"date",
                              fmt::format("the date {} is outside 2000-01-01 … {}: check the year",
                                          format_session_date(*date), format_session_date(latest))};
    }
    session.date = format_session_date(*date);
    const auto starts = parse_clock_time(session.starts_at);
    if (!starts) {
        return SessionProblem{"starts_at", fmt::format("\"{}\" is not a time (write 09:30)",
                                                       shown(session.starts_at))};
    }
    const auto ends = parse_clock_time(session.ends_at);
    if (!ends) {
        return SessionProblem{
            "ends_at", fmt::format("\"{}\" is not a time (write 17:00)", shown(session.ends_at))};
    }
    session.starts_at = format_clock_time(*starts);
    session.ends_at = format_clock_time(*ends);
    if (*ends <= *starts) {
        return SessionProblem{"ends_at",
                              fmt::format("session {} ends at {}, not after it starts "
                                          "at {}",
                                          session.id, session.ends_at, session.starts_at)};
    }
    if (session.opens_minutes_before < 0 || session.opens_minutes_before > kMinutesPerDay) {
        return SessionProblem{"opens_minutes_before",
                              fmt::format("check-in opens {} minutes before the start: give 0 to "
                                          "1440 minutes",
                                          session.opens_minutes_before)};
    }
    if (session.late_grace_minutes < 0 || session.late_grace_minutes > kMinutesPerDay) {
        return SessionProblem{"late_grace_minutes",
                              fmt::format("a grace of {} minutes for late arrivals: give 0 to "
                                          "1440 minutes",
                                          session.late_grace_minutes)};
    }
    if (!session.makeup_of.empty()) {
        bool found = false;
        for (const auto& other : others) found = found || other.id == session.makeup_of;
        if (session.makeup_of == session.id || !found) {
            return SessionProblem{
                "makeup_of",
                fmt::format("session {} makes up for \"{}\", which is {}", session.id,
                            shown(session.makeup_of),
                            session.makeup_of == session.id ? "itself" : "not a session")};
        }
    }
    for (const auto& other : others) {
        if (other.id == session.id || other.date != session.date || other.room != session.room)
            continue;
        const auto other_starts = parse_clock_time(other.starts_at);
        const auto other_ends = parse_clock_time(other.ends_at);
        if (!other_starts || !other_ends) continue;
        if (*starts < *other_ends && *other_starts < *ends) {
            return SessionProblem{
                "starts_at", fmt::format("session {} ({} {}–{}) overlaps {} in the same room{}",
                                         session.id, session.date, session.starts_at,
                                         session.ends_at, describe_session(other),
                                         session.room.empty() ? " (no room given)" : "")};
        }
    }
    return session;
}

}  // namespace uketsuke
