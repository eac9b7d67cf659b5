// The feed's optional daily history: what was given on each day of the
// campaign (in its time zone), per channel. Written by `kifu aggregate`, read
// by whatever draws or forecasts the campaign's course.
//
//   "history": [
//     {"date": "2026-04-01", "raised": 1500, "donations": 2,
//      "by_channel": {"points": 500, "card": 1000, "transfer": 0, "offline": 0}},
//     ...one entry per day, consecutive, from the campaign's first day
//   ]
//
// Amounts are that day's net giving (a later refund removes the gift from the
// day it was given), not running totals; the days add up to the feed's raised.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "dates.hpp"
#include "money.hpp"

namespace kifu {

struct HistoryDay {
  Date date;
  std::int64_t raised = 0;
  std::int64_t donations = 0;
  std::array<std::int64_t, 4> by_channel{};  // indexed by Channel
};

inline constexpr std::size_t max_history_days = 3700;  // ten years and some

}  // namespace kifu

namespace kifu::detail {
class FieldReader;
// Reads /history when present: consecutive days, each day's channels adding
// up to its raised, and the days adding up to the feed's raised and
// donations (when those were valid). std::nullopt when absent or invalid.
std::optional<std::vector<HistoryDay>> read_history(FieldReader& r, const Currency* currency,
                                                    std::optional<std::int64_t> raised,
                                                    std::optional<std::int64_t> donations);
}  // namespace kifu::detail
