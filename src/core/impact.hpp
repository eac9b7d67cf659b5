// Impact units: what a gift does, in a unit people can picture.
//
//   "impact_units": [{ "amount": 3000,
//                      "label": {"ja": "猫1匹の{n}週間分のお世話", "en": "{n} weeks of care for a
//                      cat"}, "label_en_one": "{n} week of care for a cat" }]
//   impact_text(unit, 5000, Lang::en) == "1.6 weeks of care for a cat"   // 5000/3000 = 1.66…
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "campaign.hpp"

namespace kifu {

namespace detail {
class FieldReader;
}

struct ImpactUnit {
  std::int64_t amount;       // minor units for one unit, > 0
  LocalizedText label;       // each holds "{n}" once
  std::string label_en_one;  // English for exactly 1; defaults to label.en
};

inline constexpr std::size_t max_impact_units = 8;

std::vector<ImpactUnit> read_impact_units(detail::FieldReader& campaign, const Currency* currency);

// The gift in units, to one decimal, truncated (an estimate never promises
// more than the gift does): "1.6", "2", "12,345.6". "" below 0.1 units.
std::string impact_count(std::int64_t gift, std::int64_t unit_amount);

// The label with {n} replaced by impact_count; "" below 0.1 units.
std::string impact_text(const ImpactUnit& unit, std::int64_t gift, Lang lang);

}  // namespace kifu
