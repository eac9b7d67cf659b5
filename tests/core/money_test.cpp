// Money: the currencies Kifu knows and arithmetic that reports overflow
// instead of wrapping. Expected values are worked by hand in the comments.
#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>

#include "money.hpp"

using kifu::checked_add;
using kifu::checked_mul;
using kifu::checked_sub;
using kifu::find_currency;
using kifu::minor_per_major;
using kifu::mul_div_floor;

namespace {
constexpr std::int64_t max = std::numeric_limits<std::int64_t>::max();  // 2^63 - 1
constexpr std::int64_t min = std::numeric_limits<std::int64_t>::min();  // -2^63
}  // namespace

TEST_CASE("yen have no minor units, dollars have cents, dinars have fils") {
  auto jpy = find_currency("JPY");
  REQUIRE(jpy);
  CHECK(jpy->minor_digits == 0);
  CHECK(minor_per_major(*jpy) == 1);
  auto usd = find_currency("USD");
  REQUIRE(usd);
  CHECK(usd->minor_digits == 2);
  CHECK(minor_per_major(*usd) == 100);
  auto kwd = find_currency("KWD");
  REQUIRE(kwd);
  CHECK(kwd->minor_digits == 3);
  CHECK(minor_per_major(*kwd) == 1000);
}

TEST_CASE("an unknown currency code is not found") {
  CHECK_FALSE(find_currency("XYZ"));
  CHECK_FALSE(find_currency(""));
  CHECK_FALSE(find_currency("jpy"));   // ISO 4217 codes are upper case
  CHECK_FALSE(find_currency("JPYX"));  // no prefix matching
}

TEST_CASE("adding amounts that fit gives the exact sum") {
  CHECK(checked_add(182'600'000, 917'400'000) == 1'100'000'000);
  CHECK(checked_add(max - 1, 1) == max);
  CHECK(checked_add(min, max) == -1);
}

TEST_CASE("adding past the largest or smallest 64-bit amount reports overflow") {
  CHECK_FALSE(checked_add(max, 1));
  CHECK_FALSE(checked_add(max, max));
  CHECK_FALSE(checked_add(min, -1));
}

TEST_CASE("subtracting past the 64-bit range reports overflow") {
  CHECK(checked_sub(1'100'000'000, 182'600'000) == 917'400'000);
  CHECK(checked_sub(min + 1, 1) == min);
  CHECK_FALSE(checked_sub(min, 1));
  CHECK_FALSE(checked_sub(max, -1));
  CHECK_FALSE(checked_sub(0, min));  // -(-2^63) = 2^63 does not fit
}

TEST_CASE("multiplying past the 64-bit range reports overflow") {
  CHECK(checked_mul(3'000, 1'000'000) == 3'000'000'000);
  // 2^62 * 2 = 2^63: one past the largest
  CHECK_FALSE(checked_mul(std::int64_t{1} << 62, 2));
  CHECK(checked_mul(-(std::int64_t{1} << 62), 2) == min);  // -2^63 fits exactly
  CHECK_FALSE(checked_mul(max, 2));
  CHECK_FALSE(checked_mul(min, -1));
  CHECK(checked_mul(max, -1) == min + 1);
}

TEST_CASE("mul_div_floor rounds down for positive results") {
  // 182,600,000 * 1000 / 1,100,000,000 = 166.0 exactly
  CHECK(mul_div_floor(182'600'000, 1000, 1'100'000'000) == 166);
  // 1,099,999,999 * 1000 / 1,100,000,000 = 999.99999909 -> 999
  CHECK(mul_div_floor(1'099'999'999, 1000, 1'100'000'000) == 999);
  CHECK(mul_div_floor(7, 1, 2) == 3);
}

TEST_CASE("mul_div_floor rounds negative results toward minus infinity, not zero") {
  CHECK(mul_div_floor(-7, 1, 2) == -4);  // -3.5 -> -4 (truncation would say -3)
  CHECK(mul_div_floor(7, -1, 2) == -4);
  CHECK(mul_div_floor(-6, 1, 2) == -3);  // exact: no adjustment
  CHECK(mul_div_floor(-1, 1, 1000) == -1);
  CHECK(mul_div_floor(-7, -1, 2) == 3);  // positive product: plain floor
}

TEST_CASE("mul_div_floor keeps an intermediate product beyond 64 bits exact") {
  // (2^63 - 1) * 1000 needs 73 bits; dividing by 1000 gives back 2^63 - 1
  CHECK(mul_div_floor(max, 1000, 1000) == max);
  // (2^63 - 1) * (2^63 - 1) / (2^63 - 1)
  CHECK(mul_div_floor(max, max, max) == max);
  // 10^18 * 10^3 / 10^4 = 10^17
  CHECK(mul_div_floor(1'000'000'000'000'000'000, 1000, 10'000) == 100'000'000'000'000'000);
}

TEST_CASE("mul_div_floor reports a result beyond 64 bits instead of wrapping") {
  CHECK_FALSE(mul_div_floor(max, 2, 1));
  CHECK_FALSE(mul_div_floor(max, 1000, 999));
  CHECK_FALSE(mul_div_floor(min, -1, 1));  // 2^63
  CHECK(mul_div_floor(min, 1, 1) == min);  // -2^63 fits
  CHECK_FALSE(mul_div_floor(min, 3, 2));   // -1.5 * 2^63
}

TEST_CASE("mul_div_floor refuses a zero or negative divisor") {
  CHECK_FALSE(mul_div_floor(1, 1, 0));
  CHECK_FALSE(mul_div_floor(1, 1, -1));
}
