// Where a campaign is heading: simple run-rate projections and a Monte Carlo
// forecast (forecast_sim.hpp) from its daily history, with the organisers'
// known events and "what if" scenarios beside the base forecast.
//
//   ForecastRun run(campaign, feed, history, {.seed = 42, .paths = 10'000});
//   while (!run.finished()) run.advance(1'000);   // chunks: same result as one go
//   Forecast f = run.result();
//   f.variants[0].chance_by_end_permille, f.variants[0].done_p50 ...
//
// Days are numbered as days since 1970-01-01 in the campaign's time zone.
// The simulation starts on the day after the feed's as_of date, from the
// feed's total (what came in on that day so far is in the total; the rest
// of that day is not simulated).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "campaign.hpp"
#include "feed.hpp"
#include "forecast_sim.hpp"
#include "history.hpp"

namespace kifu {

// Paths are clamped into this range (0 and 10^9 both give an answer, with
// the count used reported); the default suits a phone.
inline constexpr std::size_t min_paths = 100;
inline constexpr std::size_t max_paths = 20'000;
inline constexpr std::size_t default_paths = 2'000;
// The simulation runs this many days past the campaign's end, so that "when
// would the goal be reached at this pace" has an answer for slow campaigns;
// never more than a century in all.
inline constexpr int horizon_after_end_days = 3'653;  // ten years
inline constexpr int max_horizon_days = 36'525;
// The bootstrap draws from the most recent 52 weeks: older giving says
// little about next month's.
inline constexpr std::size_t sample_days = 364;
inline constexpr std::size_t min_sample_days = 14;
inline constexpr std::size_t max_fan_points = 60;

struct ForecastOptions {
  std::uint64_t seed = 1;
  std::size_t paths = default_paths;
  // How far past the campaign's end to look for the goal date (clamped to
  // 0 .. horizon_after_end_days; the whole horizon to a century).
  int days_after_end = horizon_after_end_days;
};

enum class ForecastStatus {
  ok,               // simulated
  not_enough_data,  // fewer than two weeks of history: no date is invented
  goal_reached,     // the feed's total is at or past the goal already
  ended,            // the campaign's last day is over
};

struct RunRate {
  int window_days;                        // 7, 30 or 90
  bool enough_data = false;               // history has at least window_days days
  std::int64_t per_window = 0;            // amount given in those days
  std::optional<std::int64_t> reach_day;  // none: not at this pace (or past year 9999)
};

struct VariantForecast {
  enum class Kind { base, events, scenario } kind = Kind::base;
  LocalizedText label;  // empty for the base
  std::size_t paths = 0;
  std::size_t reached_by_end = 0;           // paths that reach the goal by the campaign's end
  std::int64_t chance_by_end_permille = 0;  // reached_by_end * 1000 / paths, rounded down
  // Days (since 1970) by which 10/50/90% of paths reach the goal; none: not
  // within the horizon.
  std::optional<std::int64_t> done_p10, done_p50, done_p90;
  // Totals at the campaign's end (minor units): mean and an 80% interval.
  std::int64_t end_mean = 0, end_p10 = 0, end_p50 = 0, end_p90 = 0;
};

struct FanPoint {
  std::int64_t day;
  std::int64_t p10, p50, p90;  // totals on that day
};

struct Forecast {
  ForecastStatus status = ForecastStatus::not_enough_data;
  std::int64_t raised = 0;
  std::int64_t goal = 0;
  std::int64_t as_of_day = 0;    // the feed's date
  std::int64_t start_day = 0;    // first simulated day
  std::int64_t end_day = 0;      // the campaign's last day
  std::int64_t horizon_day = 0;  // last simulated day
  std::vector<RunRate> run_rates;
  std::vector<VariantForecast> variants;  // [0] is the base forecast
  std::vector<FanPoint> fan;              // base forecast, start_day..end_day
  std::size_t paths_done = 0;
  std::size_t paths_total = 0;
};

class ForecastRun {
 public:
  ForecastRun(const Campaign& campaign, const Feed& feed, const History& history,
              ForecastOptions options);
  // Simulates up to `count` more paths; returns how many it did.
  std::size_t advance(std::size_t count);
  bool finished() const { return outputs_.paths >= forecast_.paths_total; }
  // The forecast from the paths simulated so far.
  Forecast result() const;

 private:
  Forecast forecast_;
  SimModel model_;
  SimOutputs outputs_;
  std::uint64_t seed_;
  std::vector<VariantForecast> labels_;
};

// Nearest-rank percentile (q in 1..99) of `values`, which it reorders.
std::int64_t percentile(std::vector<std::int64_t>& values, int q);

}  // namespace kifu
