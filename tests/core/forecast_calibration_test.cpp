// Is the forecast honest? On histories drawn from a known process, the 80%
// interval for the total at the end must contain the realised total in 75%
// to 85% of trials, and the median must sit in the middle.
//
// The process: each day's giving has a weekday level (weekends twice a
// weekday), times a uniform factor 0.5..1.5, plus a large gift (five
// weekday levels) on one day in twenty. A trial draws 140 days of history
// (20 weeks) and the 56 days that follow; the forecast sees the history
// only, and the realised total is compared with its interval.
//
// 600 trials: if the true coverage were 80%, the observed share would fall
// outside 75..85% with probability about 0.2% (standard error
// sqrt(0.8 * 0.2 / 600) = 1.6 points; 5 points is 3.1 standard errors). The
// seeds are fixed, so the test is deterministic; it is sized to run in well
// under a second natively (600 trials x 200 paths x 60 draws).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <vector>

#include "campaign.hpp"
#include "feed.hpp"
#include "forecast.hpp"
#include "forecast_documents.hpp"
#include "history.hpp"
#include "prng.hpp"

namespace {

constexpr int history_days = 364;
constexpr int future_days = 56;
constexpr int trials = 600;
constexpr std::size_t paths = 200;

struct Outcome {
  int inside = 0;             // realised total within [p10, p90]
  int below_median = 0;       // realised total below the median
  double relative_error = 0;  // mean of (median - realised) / realised
};

Outcome calibrate() {
  // History from 2026-04-01 for 364 days: through 2027-03-30. The feed is
  // as of 2027-03-31; simulated days run 2027-04-01 .. 2027-05-26 (56 days,
  // `date -d "2027-04-01 + 55 days"`), which is made the campaign's end.
  auto c =
      *kifu::parse_campaign(kifu_test::campaign_doc().set("end", R"("2027-05-26")").text()).value;
  auto feed = *kifu::parse_feed(kifu_test::feed_json(0, "2027-03-31T10:00:00+09:00"), c).value;
  const std::int64_t first_day = kifu::days_from_civil(c.start);
  Outcome out;
  for (int t = 0; t < trials; ++t) {
    kifu::Xoshiro128 rng = kifu::Xoshiro128::for_stream(20261127, static_cast<std::uint64_t>(t));
    auto draw = [&](std::int64_t day) {
      // 1970-01-01 was a Thursday: (day + 3) % 7 is 5 or 6 on Saturday and Sunday.
      const std::int64_t level = (day + 3) % 7 >= 5 ? 2'000'000 : 1'000'000;
      std::int64_t a = level * (50 + rng.below(101)) / 100;
      if (rng.below(20) == 0) a += 5 * 1'000'000;
      return a;
    };
    kifu::History h;
    h.first = c.start;
    for (int i = 0; i < history_days; ++i) h.daily.push_back(draw(first_day + i));
    h.through = kifu::civil_from_days(first_day + history_days - 1);
    // The feed's day (2026-08-19) is in its total; only the 56 days after it count.
    std::int64_t raised = 0;
    for (auto a : h.daily) raised += a;
    raised += draw(first_day + history_days);
    std::int64_t realised = raised;
    for (int i = 1; i <= future_days; ++i) realised += draw(first_day + history_days + i);

    feed.raised = raised;
    c.goal = raised * 10;  // far away: the end's total is what is tested
    // Only the end's total is tested: no need to look past the end.
    kifu::ForecastRun run(c, feed, h, {static_cast<std::uint64_t>(t), paths, 0});
    run.advance(paths);
    const auto f = run.result();
    REQUIRE(f.status == kifu::ForecastStatus::ok);
    const auto& v = f.variants[0];
    if (realised >= v.end_p10 && realised <= v.end_p90) ++out.inside;
    if (realised < v.end_p50) ++out.below_median;
    out.relative_error += static_cast<double>(v.end_p50 - realised) / static_cast<double>(realised);
  }
  out.relative_error /= trials;
  return out;
}

}  // namespace

TEST_CASE("the 80% interval holds the realised total 75-85% of the time; the median is unbiased",
          "[forecast][calibration]") {
  const Outcome o = calibrate();
  const double coverage = static_cast<double>(o.inside) / trials;
  const double below = static_cast<double>(o.below_median) / trials;
  INFO("coverage " << coverage << ", below median " << below << ", mean relative error "
                   << o.relative_error);
  CHECK(coverage >= 0.75);
  CHECK(coverage <= 0.85);
  // Half the outcomes below the median: 45..55% (2.4 standard errors of 2.0 points).
  CHECK(below >= 0.45);
  CHECK(below <= 0.55);
  // And on average the median misses by less than 2% of the outcome either way.
  CHECK(std::abs(o.relative_error) < 0.02);
}
