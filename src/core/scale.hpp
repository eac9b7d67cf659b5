// Axis ticks a reader takes in at a glance: amounts on round numbers
// (1, 2 or 5 times a power of ten) and dates on natural boundaries (days,
// Mondays, months, quarters, years), labelled the way each language writes
// them ("2026年11月" / "Nov 2026"; amounts "2億円" / "¥200M").
//
//   auto a = amount_ticks(1'100'000'000, jpy, 5);  // step 200,000,000; 0 .. 1,200,000,000
//   auto t = date_ticks(first_day, last_day, Lang::en, 6);
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "campaign.hpp"
#include "money.hpp"

namespace kifu {

struct Tick {
  std::int64_t value;  // minor units, or days since 1970-01-01
  std::string label;
};

struct AmountScale {
  std::int64_t step = 0;    // 1, 2 or 5 x 10^k minor units, at least one major unit
  std::int64_t top = 0;     // the first multiple of step at or above the maximum
  std::vector<Tick> ticks;  // 0, step, ..., top
};

// At most max_ticks steps from 0 to the first round number at or above
// `maximum` (taken as at least one major unit and at most 10^18).
AmountScale amount_ticks(std::int64_t maximum, const Currency& currency, Lang lang, int max_ticks);

// Ticks on the finest natural interval (1 or 2 days, Mondays, 1/2/3/6
// months, 1/2/5/10... years) that gives no more than max_ticks between
// first and last day (inclusive).
std::vector<Tick> date_ticks(std::int64_t first_day, std::int64_t last_day, Lang lang,
                             int max_ticks);

// "2026年11月" / "Nov 2026": the month a forecast date is given as.
std::string format_month(const Date& d, Lang lang);

}  // namespace kifu
