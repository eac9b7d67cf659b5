// Calendar dates, RFC 3339 timestamps and campaign time zones.
//
// Campaign days are calendar days in the campaign's time zone: a campaign
// that ends on 2027-03-31 in Asia/Tokyo takes donations until 24:00 JST.
//
//   auto d = parse_date("2027-03-31");                     // Date{2027, 3, 31}
//   auto t = parse_timestamp("2026-11-27T10:00:00+09:00");   // Unix seconds
//   local_date(*t, *find_time_zone("Asia/Tokyo"))          // Date{2026, 11, 27}
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kifu {

struct Date {
  int year;
  int month;  // 1..12
  int day;    // 1..31
  friend bool operator==(const Date&, const Date&) = default;
  friend auto operator<=>(const Date&, const Date&) = default;
};

// Days since 1970-01-01 (negative before).
std::int64_t days_from_civil(const Date& d);
Date civil_from_days(std::int64_t days);

// "YYYY-MM-DD", a real calendar date between years 1970 and 9999.
std::optional<Date> parse_date(std::string_view text);
std::string to_iso(const Date& d);

// RFC 3339 with an explicit offset ("Z" or "+09:00"); fractional seconds are
// accepted and truncated. Returns Unix seconds.
std::optional<std::int64_t> parse_timestamp(std::string_view text);

// A time zone Kifu can place calendar days in. Only zones without daylight
// saving time are listed for now (see time_zone.cpp): a campaign in a zone
// with DST gets a clear error rather than days that are off by an hour.
struct TimeZone {
  std::string_view name;  // IANA name, e.g. "Asia/Tokyo"
  int offset_seconds;     // east of UTC
};
std::optional<TimeZone> find_time_zone(std::string_view name);
// The names of every zone find_time_zone accepts, comma separated.
std::string known_time_zones();

Date local_date(std::int64_t unix_seconds, const TimeZone& tz);

}  // namespace kifu
