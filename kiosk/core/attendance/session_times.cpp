#include "kiosk/core/attendance/session_times.hpp"

#include <fmt/format.h>

#include <optional>

#include "kiosk/core/model/local_time.hpp"

namespace uketsuke {
namespace {

constexpr std::int64_t kMinuteMs = 60'000;
constexpr std::int64_t kDayMs = 86'400'000;

std::optional<int> digits(std::string_view text, std::size_t at, std::size_t count) {
    int value = 0;
    for (std::size_t i = at; i < at + count; ++i) {
        if (i >= text.size() || text[i] < '0' || text[i] > '9') return std::nullopt;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
std::int64_t days_from_civil(int year, int month, int day) {
    year -= month <= 2 ? 1 : 0;
    const int era = (year >= 0 ? year : year - 399) / 400;
    const int year_of_era = year - era * 400;
    const int day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return static_cast<std::int64_t>(era) * 146097 + day_of_era - 719468;
}

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

std::optional<std::int64_t> local_day_ms(std::string_view date) {
    if (date.size() != 10 || date[4] != '-' || date[7] != '-') return std::nullopt;
    const auto year = digits(date, 0, 4);
    const auto month = digits(date, 5, 2);
    const auto day = digits(date, 8, 2);
    if (!year || !month || !day || *month < 1 || *month > 12 || *day < 1) return std::nullopt;
    constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const int last = kDays[*month - 1] + (*month == 2 && is_leap(*year) ? 1 : 0);
    if (*day > last) return std::nullopt;
    return days_from_civil(*year, *month, *day) * kDayMs;
}

std::optional<std::int64_t> minute_of_day_ms(std::string_view text) {
    if (text.size() != 5 || text[2] != ':') return std::nullopt;
    const auto hour = digits(text, 0, 2);
    const auto minute = digits(text, 3, 2);
    if (!hour || !minute || *hour > 23 || *minute > 59) return std::nullopt;
    return (*hour * 60 + *minute) * kMinuteMs;
}

std::string shown(std::string_view text) {
    // The field may hold any bytes; a short quoted prefix is enough to find it.
    std::string out;
    for (char c : text.substr(0, 24)) out += (c >= 0x20 && c < 0x7F) ? c : '?';
    return out;
}

}  // namespace

Result<std::int64_t> local_instant_ms(std::string_view date, std::string_view hour_minute,
                                      std::string_view zone) {
    const auto day = local_day_ms(date);
    if (!day) return SourceError{fmt::format("date \"{}\" is not YYYY-MM-DD", shown(date))};
    const auto minutes = minute_of_day_ms(hour_minute);
    if (!minutes) return SourceError{fmt::format("time \"{}\" is not HH:MM", shown(hour_minute))};
    const std::int64_t local = *day + *minutes;
    // The offset depends on the instant we are looking for: guess with the local reading
    // taken as UTC, then correct once with the offset at the guess.
    const std::int64_t guess = local - zone_offset_ms(local, zone);
    const std::int64_t offset = zone_offset_ms(guess, zone);
    return local - offset;
}

Result<SessionTimes> session_times(const Session& session, std::string_view zone) {
    auto where = [&session](std::string_view field, const std::string& problem) {
        return SourceError{fmt::format("session {}: {} {}", shown(session.id), field, problem)};
    };
    const auto starts = local_instant_ms(session.date, session.starts_at, zone);
    if (!starts) return where("start", starts.error().message);
    const auto ends = local_instant_ms(session.date, session.ends_at, zone);
    if (!ends) return where("end", ends.error().message);
    if (ends.value() <= starts.value()) {
        return where("end", fmt::format("{} is not after the start {}", shown(session.ends_at),
                                        shown(session.starts_at)));
    }
    return SessionTimes{starts.value(), ends.value()};
}

}  // namespace uketsuke
