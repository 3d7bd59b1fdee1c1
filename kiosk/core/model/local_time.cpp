#include "kiosk/core/model/local_time.hpp"

#include <fmt/format.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <ctime>
#include <memory>

namespace uketsuke {
namespace {

std::unique_ptr<icu::TimeZone> zone_for(std::string_view zone) {
    return std::unique_ptr<icu::TimeZone>(
        icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(
            icu::StringPiece(zone.data(), static_cast<int32_t>(zone.size())))));
}

std::tm broken_down(std::int64_t wall_ms, std::string_view zone) {
    const std::int64_t local_ms = wall_ms + zone_offset_ms(wall_ms, zone);
    std::int64_t seconds = local_ms / 1000;
    if (local_ms < 0 && local_ms % 1000 != 0) --seconds;
    const std::time_t t = static_cast<std::time_t>(seconds);
    std::tm out{};
    gmtime_r(&t, &out);
    return out;
}

}  // namespace

bool is_known_time_zone(std::string_view zone) {
    auto tz = zone_for(zone);
    return tz && *tz != icu::TimeZone::getUnknown();
}

std::int64_t zone_offset_ms(std::int64_t wall_ms, std::string_view zone) {
    auto tz = zone_for(zone);
    if (!tz || *tz == icu::TimeZone::getUnknown()) return 0;
    int32_t raw = 0;
    int32_t dst = 0;
    UErrorCode status = U_ZERO_ERROR;
    tz->getOffset(static_cast<UDate>(wall_ms), false, raw, dst, status);
    if (U_FAILURE(status)) return 0;
    return static_cast<std::int64_t>(raw) + dst;
}

std::string local_date_time(std::int64_t wall_ms, std::string_view zone) {
    const std::tm t = broken_down(wall_ms, zone);
    return fmt::format("{:04d}-{:02d}-{:02d} {:02d}:{:02d}:{:02d}", t.tm_year + 1900, t.tm_mon + 1,
                       t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec);
}

std::string local_hour_minute(std::int64_t wall_ms, std::string_view zone) {
    const std::tm t = broken_down(wall_ms, zone);
    return fmt::format("{:02d}:{:02d}", t.tm_hour, t.tm_min);
}

}  // namespace uketsuke
