// Axis ticks: amounts on 1/2/5 x 10^k, dates on natural boundaries, labelled
// as each language writes them. Day numbers checked with `date -d`:
// 2026-04-01 is day 20544 since 1970-01-01 (a Wednesday).
#include <catch2/catch.hpp>

#include "dates.hpp"
#include "money.hpp"
#include "scale.hpp"

using kifu::Lang;

namespace {

const kifu::Currency jpy = *kifu::find_currency("JPY");
const kifu::Currency usd = *kifu::find_currency("USD");

std::int64_t day(int y, int m, int d) {
  return kifu::days_from_civil({y, m, d});
}

}  // namespace

TEST_CASE("the goal of ¥1.1B in five ticks steps by ¥500M up to ¥1.5B", "[scale]") {
  // 2e8 needs ceil(1.1e9 / 2e8) = 6 steps, more than 5; 5e8 needs 3.
  const auto s = kifu::amount_ticks(1'100'000'000, jpy, Lang::ja, 5);
  CHECK(s.step == 500'000'000);
  CHECK(s.top == 1'500'000'000);
  REQUIRE(s.ticks.size() == 4);
  CHECK(s.ticks[1].label == "5億円");
  CHECK(s.ticks[3].label == "15億円");
}

TEST_CASE("with six ticks allowed, ¥1.1B steps by ¥200M", "[scale]") {
  // 1.1e9 / 2e8 = 5.5, rounded up to 6 steps <= 6.
  const auto s = kifu::amount_ticks(1'100'000'000, jpy, Lang::en, 6);
  CHECK(s.step == 200'000'000);
  CHECK(s.top == 1'200'000'000);
  CHECK(s.ticks[1].label == "¥200M");
  CHECK(s.ticks.back().label == "¥1.2B");
}

TEST_CASE("dollar ticks count whole dollars at the least", "[scale]") {
  // $3.00 maximum (300 cents): steps of $1 (100 cents), never cents.
  const auto s = kifu::amount_ticks(300, usd, Lang::en, 5);
  CHECK(s.step == 100);
  CHECK(s.ticks.back().label == "$3.00");
}

TEST_CASE("absurd maxima give a short, round axis", "[scale]") {
  const auto s = kifu::amount_ticks(INT64_MAX, jpy, Lang::en, 5);
  CHECK(s.ticks.size() <= 6);
  CHECK(s.top == 1'000'000'000'000'000'000);  // clamped to 10^18: 5 steps of 2 x 10^17
}

TEST_CASE("a campaign year gets a tick every two months, on the first", "[scale]") {
  // 2026-04-01 .. 2027-03-31 monthly would be 12 ticks; every two months
  // counts from January (Jan, Mar, May...), so: May, Jul, Sep, Nov, Jan, Mar.
  const auto t = kifu::date_ticks(day(2026, 4, 1), day(2027, 3, 31), Lang::en, 6);
  REQUIRE(t.size() == 6);
  CHECK(t[0].value == day(2026, 5, 1));
  CHECK(t[0].label == "May 2026");
  CHECK(t[4].label == "Jan 2027");
  CHECK(t[5].label == "Mar 2027");
  const auto ja = kifu::date_ticks(day(2026, 4, 1), day(2027, 3, 31), Lang::ja, 6);
  CHECK(ja[4].label == "2027年1月");
}

TEST_CASE("a month gets weekly ticks on Mondays", "[scale]") {
  // November 2026: Mondays are the 2nd, 9th, 16th, 23rd and 30th (`cal 11 2026`).
  const auto t = kifu::date_ticks(day(2026, 11, 1), day(2026, 11, 30), Lang::ja, 6);
  REQUIRE(t.size() == 5);
  CHECK(t[0].label == "11月2日");
  CHECK(t[4].label == "11月30日");
}

TEST_CASE("a few days get daily ticks", "[scale]") {
  const auto t = kifu::date_ticks(day(2026, 11, 27), day(2026, 11, 30), Lang::en, 6);
  REQUIRE(t.size() == 4);
  CHECK(t[0].label == "Nov 27");
}

TEST_CASE("decades and centuries get year ticks", "[scale]") {
  // 2016..2031: yearly 16, two-yearly 8, five-yearly 2020, 2025, 2030.
  const auto t = kifu::date_ticks(day(2016, 1, 1), day(2031, 12, 31), Lang::ja, 6);
  REQUIRE(t.size() == 3);
  CHECK(t[0].label == "2020年");
  CHECK(t[2].label == "2030年");
  const auto long_run = kifu::date_ticks(day(1970, 1, 1), day(9999, 12, 31), Lang::en, 6);
  CHECK(long_run.size() <= 6);
  CHECK(!long_run.empty());
}
