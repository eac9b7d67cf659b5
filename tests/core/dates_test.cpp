// Calendar dates, RFC 3339 timestamps and campaign days in a time zone.
// Day numbers and Unix seconds were checked with GNU date, e.g.
// `echo $(( $(date -u -d 2000-03-01 +%s) / 86400 ))` -> 11017.
#include <catch2/catch.hpp>

#include <cstdint>

#include "dates.hpp"

using kifu::civil_from_days;
using kifu::Date;
using kifu::days_from_civil;
using kifu::find_time_zone;
using kifu::local_date;
using kifu::parse_date;
using kifu::parse_timestamp;
using kifu::to_iso;

TEST_CASE("day numbers count from 1970-01-01") {
  CHECK(days_from_civil({1970, 1, 1}) == 0);
  CHECK(days_from_civil({1970, 1, 2}) == 1);
  CHECK(days_from_civil({1969, 12, 31}) == -1);
  CHECK(days_from_civil({2000, 3, 1}) == 11017);
  CHECK(days_from_civil({2026, 4, 1}) == 20544);
  CHECK(days_from_civil({2027, 3, 31}) == 20908);
  CHECK(days_from_civil({2028, 2, 29}) == 21243);
  CHECK(days_from_civil({9999, 12, 31}) == 2932896);
}

TEST_CASE("day numbers turn back into the same dates") {
  CHECK(civil_from_days(0) == Date{1970, 1, 1});
  CHECK(civil_from_days(-1) == Date{1969, 12, 31});
  CHECK(civil_from_days(11017) == Date{2000, 3, 1});
  CHECK(civil_from_days(11016) == Date{2000, 2, 29});  // 2000 is a leap year (divisible by 400)
  CHECK(civil_from_days(21243) == Date{2028, 2, 29});
  for (std::int64_t n = -800; n < 800'000; n += 97) {
    CHECK(days_from_civil(civil_from_days(n)) == n);
  }
}

TEST_CASE("a campaign date is written YYYY-MM-DD") {
  CHECK(parse_date("2027-03-31") == Date{2027, 3, 31});
  CHECK(to_iso({2027, 3, 31}) == "2027-03-31");
  CHECK(to_iso({1970, 1, 1}) == "1970-01-01");
  CHECK_FALSE(parse_date("2027-3-31"));
  CHECK_FALSE(parse_date("2027/03/31"));
  CHECK_FALSE(parse_date("2027-03-31 "));
  CHECK_FALSE(parse_date("2027-03-31T00:00:00Z"));
  CHECK_FALSE(parse_date("２０２７-03-31"));
  CHECK_FALSE(parse_date(""));
}

TEST_CASE("a date must exist in the calendar") {
  CHECK_FALSE(parse_date("2027-02-29"));  // 2027 is not a leap year
  CHECK(parse_date("2028-02-29") == Date{2028, 2, 29});
  CHECK(parse_date("2000-02-29") == Date{2000, 2, 29});  // divisible by 400
  CHECK_FALSE(parse_date("2100-02-29"));                 // divisible by 100, not 400
  CHECK_FALSE(parse_date("2027-04-31"));
  CHECK_FALSE(parse_date("2027-13-01"));
  CHECK_FALSE(parse_date("2027-00-10"));
  CHECK_FALSE(parse_date("2027-01-00"));
}

TEST_CASE("a campaign date before 1970 is refused") {
  CHECK_FALSE(parse_date("1969-12-31"));
  CHECK(parse_date("1970-01-01") == Date{1970, 1, 1});
}

TEST_CASE("a timestamp with a +09:00 offset is the same instant as the UTC one") {
  // 2026-11-27 10:00 JST = 01:00 UTC = 1795741200 (date -u -d ... +%s)
  CHECK(parse_timestamp("2026-11-27T10:00:00+09:00") == 1795741200);
  CHECK(parse_timestamp("2026-11-27T01:00:00Z") == 1795741200);
  CHECK(parse_timestamp("2026-11-27T01:00:00+00:00") == 1795741200);
  CHECK(parse_timestamp("2026-11-26T16:00:00-09:00") == 1795741200);
}

TEST_CASE("lower-case t and z are accepted as RFC 3339 allows") {
  CHECK(parse_timestamp("2026-11-27t01:00:00z") == 1795741200);
}

TEST_CASE("a half-hour offset is applied") {
  // date -u -d 2028-02-29T12:34:56-05:30 +%s
  CHECK(parse_timestamp("2028-02-29T12:34:56-05:30") == 1835460296);
}

TEST_CASE("fractional seconds are accepted and dropped") {
  CHECK(parse_timestamp("2026-11-27T01:00:00.999Z") == 1795741200);
  CHECK(parse_timestamp("2026-11-27T01:00:00.123456789+00:00") == 1795741200);
  CHECK_FALSE(parse_timestamp("2026-11-27T01:00:00.Z"));  // a dot needs digits
}

TEST_CASE("a timestamp without an offset is refused as ambiguous") {
  CHECK_FALSE(parse_timestamp("2026-11-27T10:00:00"));
  CHECK_FALSE(parse_timestamp("2026-11-27T10:00:00.5"));
  CHECK_FALSE(parse_timestamp("2026-11-27"));
  CHECK_FALSE(parse_timestamp("2026-11-27T10:00:00+0900"));
  CHECK_FALSE(parse_timestamp("2026-11-27T10:00:00+09"));
  CHECK_FALSE(parse_timestamp("2026-11-27 10:00:00Z"));
}

TEST_CASE("a timestamp on February 29 exists only in leap years") {
  // 2028-02-29 is day 21243: 21243 * 86400 = 1835395200
  CHECK(parse_timestamp("2028-02-29T00:00:00Z") == 1835395200);
  CHECK_FALSE(parse_timestamp("2027-02-29T00:00:00Z"));
}

TEST_CASE("impossible times of day are refused") {
  CHECK_FALSE(parse_timestamp("2026-11-27T24:00:00Z"));
  CHECK_FALSE(parse_timestamp("2026-11-27T10:60:00Z"));
  CHECK_FALSE(parse_timestamp("2026-11-27T10:00:61Z"));
  CHECK_FALSE(parse_timestamp("2026-11-27T10:00:00+24:00"));
}

TEST_CASE("a leap second is read as the last second of its minute") {
  // 2016-12-31T23:59:60Z: day 17166 * 86400 + 86399 = 1483228799
  CHECK(parse_timestamp("2016-12-31T23:59:60Z") == 1483228799);
}

TEST_CASE("Tokyo is nine hours ahead of UTC and has no daylight saving time") {
  auto tokyo = find_time_zone("Asia/Tokyo");
  REQUIRE(tokyo);
  CHECK(tokyo->offset_seconds == 9 * 3600);
  auto kolkata = find_time_zone("Asia/Kolkata");
  REQUIRE(kolkata);
  CHECK(kolkata->offset_seconds == 5 * 3600 + 30 * 60);
  CHECK(find_time_zone("UTC")->offset_seconds == 0);
}

TEST_CASE("Honolulu is ten hours behind UTC all year (Hawaii keeps no daylight saving time)") {
  auto honolulu = find_time_zone("Pacific/Honolulu");
  REQUIRE(honolulu);
  // `TZ=Pacific/Honolulu date -d 2026-01-15T12:00Z +%z` and the same for
  // 2026-07-15 both print -1000.
  CHECK(honolulu->offset_seconds == -10 * 3600);
}

TEST_CASE("a time zone with daylight saving time is not offered") {
  CHECK_FALSE(find_time_zone("Europe/London"));
  CHECK_FALSE(find_time_zone("America/New_York"));
  CHECK_FALSE(find_time_zone("asia/tokyo"));
  CHECK_FALSE(find_time_zone("JST"));
}

TEST_CASE("the campaign day turns over at midnight in Tokyo, not in UTC") {
  const auto tokyo = *find_time_zone("Asia/Tokyo");
  // 2026-11-26T15:00:00Z is 2026-11-27 00:00:00 JST: 1795705200
  CHECK(local_date(1795705200, tokyo) == Date{2026, 11, 27});
  CHECK(local_date(1795705200 - 1, tokyo) == Date{2026, 11, 26});
  // The same instants are still 2026-11-26 in UTC
  const auto utc = *find_time_zone("UTC");
  CHECK(local_date(1795705200, utc) == Date{2026, 11, 26});
  CHECK(local_date(1795705200 + 9 * 3600, utc) == Date{2026, 11, 27});
}

TEST_CASE("a moment before 1970 falls on the right local day") {
  const auto utc = *find_time_zone("UTC");
  CHECK(local_date(-1, utc) == Date{1969, 12, 31});
  CHECK(local_date(-86400, utc) == Date{1969, 12, 31});
  CHECK(local_date(-86401, utc) == Date{1969, 12, 30});
  const auto honolulu = *find_time_zone("Pacific/Honolulu");
  CHECK(local_date(0, honolulu) == Date{1969, 12, 31});  // 14:00 the day before
}
