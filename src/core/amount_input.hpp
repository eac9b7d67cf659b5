// What a visitor types into the estimator, read as a whole number. People
// type with Japanese input methods, so full-width digits and punctuation
// (３，０００), a unit (pt, ポイント, miles, マイル; ¥ and 円 for amounts), 万
// (1万, 1.5万, 1万2000) and spaces around it are all accepted. Anything else
// is refused with a message in the visitor's language: a number is never
// silently changed or dropped.
//
//   parse_amount_input("３，０００ポイント", InputKind::points, Lang::ja).value == 3000
//   parse_amount_input("1.5万", InputKind::points, Lang::en).value == 15000
//   parse_amount_input("1,00", InputKind::points, Lang::en).code == "grouping"
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "campaign.hpp"

namespace kifu {

enum class InputKind { points, amount };

struct AmountInput {
  bool empty = false;                 // only spaces: no value, no error
  std::optional<std::int64_t> value;  // when accepted
  std::string
      code;  // "", or: not_a_number, negative, fraction, too_large, grouping, wrong_unit, zero
  std::string error;  // the message for the visitor, in the requested language
};

// Values up to max_input (999,999,999,999) are accepted.
AmountInput parse_amount_input(std::string_view text, InputKind kind, Lang lang);

inline constexpr std::int64_t max_input = 999'999'999'999;

}  // namespace kifu
