// Money: exact integer amounts in a currency's minor units (yen have none,
// cents are 1/100 of a dollar). No floating point touches an amount.
//
//   auto jpy = find_currency("JPY");          // minor_digits == 0
//   auto sum = checked_add(a, b);             // std::nullopt on overflow
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace kifu {

struct Currency {
  std::string_view code;       // ISO 4217, e.g. "JPY"
  int minor_digits;            // JPY 0, USD 2, KWD 3
  std::string_view symbol_en;  // "¥", "$"; empty: written as the code
  std::string_view suffix_ja;  // "円", "ドル"; empty: written as the code
};

// ISO 4217 currencies Kifu knows; std::nullopt for anything else.
std::optional<Currency> find_currency(std::string_view code);

// 10^minor_digits, e.g. 100 for USD.
std::int64_t minor_per_major(const Currency& c);

// The largest amount any Kifu document may hold, in minor units.
inline constexpr std::int64_t max_amount = INT64_MAX;

std::optional<std::int64_t> checked_add(std::int64_t a, std::int64_t b);
std::optional<std::int64_t> checked_sub(std::int64_t a, std::int64_t b);
std::optional<std::int64_t> checked_mul(std::int64_t a, std::int64_t b);

// floor(a * b / c) computed without intermediate overflow; c > 0.
// std::nullopt if the result does not fit in 64 bits.
std::optional<std::int64_t> mul_div_floor(std::int64_t a, std::int64_t b, std::int64_t c);

}  // namespace kifu
