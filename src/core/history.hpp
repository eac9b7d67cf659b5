// The donation history a forecast learns from: daily amounts per channel,
// plus what the organisers know about the future (events that multiply
// giving over a date range, and "what if" scenarios that add to it). A file
// the totals feed points to (its optional `history` member); the format is a
// public contract, documented in README.md.
//
//   auto h = parse_history(text, campaign);
//   if (h.ok()) h.value->daily[0];   // the campaign's first day, all channels
//
// Days are calendar days in the campaign's time zone. A day not listed is a
// day nothing came in (zero), never a gap to interpolate; negative amounts
// are corrections (refunds). `through` is the last complete day covered.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "campaign.hpp"
#include "dates.hpp"
#include "diagnostic.hpp"

namespace kifu {

inline constexpr int history_schema_version = 1;
// Limits that keep every sum of a forecast inside 64 bits (10^13 a day for a
// century of days, even ten-fold, stays under 2^63) and its work bounded.
inline constexpr std::int64_t max_daily_amount = 10'000'000'000'000;        // 10^13 minor units
inline constexpr std::int64_t max_scenario_amount = 1'000'000'000'000'000;  // 10^15
inline constexpr int max_event_percent = 1000;                              // at most ten-fold
inline constexpr std::int64_t max_history_days = 36'525;                    // a century
inline constexpr std::size_t max_events = 16;
inline constexpr std::size_t max_scenarios = 8;

// Giving on days from..to (inclusive) is multiplied by percent / 100:
// a matching week is 200, a pause 0.
struct ForecastEvent {
  LocalizedText label;
  Date from;
  Date to;
  int percent;
};

// people * each, spread evenly over from..to (inclusive), on top of the base.
struct Scenario {
  LocalizedText label;
  Date from;
  Date to;
  std::int64_t people;
  std::int64_t each;    // minor units per person
  std::int64_t amount;  // people * each
};

struct History {
  Date first;                       // the campaign's start: daily[0]
  Date through;                     // last complete day covered; daily.size() days from `first`
  std::vector<std::int64_t> daily;  // all channels together, zero where not listed
  std::vector<ForecastEvent> events;
  std::vector<Scenario> scenarios;
  bool has_days() const { return !daily.empty(); }
};

Parsed<History> parse_history(std::string_view json_text, const Campaign& campaign);

}  // namespace kifu
