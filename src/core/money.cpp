#include "money.hpp"

#include <array>

namespace kifu {

namespace {

// The currencies campaigns are likely to be run in. Minor digits are from
// ISO 4217; symbols are the ones English text uses unambiguously, suffixes
// the ones Japanese text uses. Others are written with their code.
constexpr std::array<Currency, 24> currencies = {{
    {"AUD", 2, "A$", ""},      {"BHD", 3, "", ""},      {"CAD", 2, "CA$", ""},
    {"CHF", 2, "", ""},        {"CNY", 2, "CN¥", "元"}, {"EUR", 2, "€", "ユーロ"},
    {"GBP", 2, "£", "ポンド"}, {"HKD", 2, "HK$", ""},   {"IDR", 2, "", ""},
    {"INR", 2, "₹", ""},       {"JPY", 0, "¥", "円"},   {"KRW", 0, "₩", "ウォン"},
    {"KWD", 3, "", ""},        {"MYR", 2, "", ""},      {"NZD", 2, "NZ$", ""},
    {"PHP", 2, "₱", ""},       {"SEK", 2, "", ""},      {"SGD", 2, "S$", ""},
    {"THB", 2, "฿", "バーツ"}, {"TWD", 2, "NT$", ""},   {"USD", 2, "$", "ドル"},
    {"VND", 0, "₫", ""},       {"NOK", 2, "", ""},      {"DKK", 2, "", ""},
}};

}  // namespace

std::optional<Currency> find_currency(std::string_view code) {
  for (const auto& c : currencies) {
    if (c.code == code) return c;
  }
  return std::nullopt;
}

std::int64_t minor_per_major(const Currency& c) {
  std::int64_t n = 1;
  for (int i = 0; i < c.minor_digits; ++i) n *= 10;
  return n;
}

std::optional<std::int64_t> checked_add(std::int64_t a, std::int64_t b) {
  std::int64_t r;
  if (__builtin_add_overflow(a, b, &r)) return std::nullopt;
  return r;
}

std::optional<std::int64_t> checked_sub(std::int64_t a, std::int64_t b) {
  std::int64_t r;
  if (__builtin_sub_overflow(a, b, &r)) return std::nullopt;
  return r;
}

std::optional<std::int64_t> checked_mul(std::int64_t a, std::int64_t b) {
  std::int64_t r;
  if (__builtin_mul_overflow(a, b, &r)) return std::nullopt;
  return r;
}

std::optional<std::int64_t> mul_div_floor(std::int64_t a, std::int64_t b, std::int64_t c) {
  if (c <= 0) return std::nullopt;
  __extension__ using i128 = __int128;
  i128 p = static_cast<i128>(a) * b;
  i128 q = p / c;
  if (p % c != 0 && p < 0) q -= 1;  // floor, not truncation, for negatives
  if (q > INT64_MAX || q < INT64_MIN) return std::nullopt;
  return static_cast<std::int64_t>(q);
}

}  // namespace kifu
