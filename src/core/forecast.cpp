#include "forecast.hpp"

#include <algorithm>
#include <climits>
#include <utility>
#include <vector>

namespace kifu {

namespace {

__extension__ typedef __int128 i128;

const std::int64_t last_calendar_day = days_from_civil(Date{9999, 12, 31});

std::int64_t floor_mod(std::int64_t a, std::int64_t m) {
  const std::int64_t r = a % m;
  return r < 0 ? r + m : r;
}

// raised + added without overflow (a feed may hold up to 2^63 - 1).
std::int64_t saturating_add(std::int64_t a, std::int64_t b) {
  const i128 s = static_cast<i128>(a) + b;
  if (s > INT64_MAX) return INT64_MAX;
  if (s < INT64_MIN) return INT64_MIN;
  return static_cast<std::int64_t>(s);
}

std::vector<RunRate> run_rates(const History& h, std::int64_t need, std::int64_t start_day) {
  std::vector<RunRate> out;
  for (int window : {7, 30, 90}) {
    RunRate r;
    r.window_days = window;
    const auto w = static_cast<std::size_t>(window);
    if (h.daily.size() >= w) {
      r.enough_data = true;
      for (std::size_t i = h.daily.size() - w; i < h.daily.size(); ++i) r.per_window += h.daily[i];
      if (need > 0 && r.per_window > 0) {
        // ceil(need / (per_window / window)) days, starting with start_day.
        const i128 days = (static_cast<i128>(need) * window + r.per_window - 1) / r.per_window;
        if (days <= last_calendar_day - start_day + 1) {
          r.reach_day = start_day + static_cast<std::int64_t>(days) - 1;
        }
      }
    }
    out.push_back(r);
  }
  return out;
}

}  // namespace

std::int64_t percentile(std::vector<std::int64_t>& values, int q) {
  if (values.empty()) return 0;
  // Nearest rank: the smallest value with at least q% of values at or below it.
  const std::size_t n = values.size();
  std::size_t rank = (n * static_cast<std::size_t>(q) + 99) / 100;
  if (rank == 0) rank = 1;
  auto nth = values.begin() + static_cast<std::ptrdiff_t>(rank - 1);
  std::nth_element(values.begin(), nth, values.end());
  return *nth;
}

ForecastRun::ForecastRun(const Campaign& campaign, const Feed& feed, const History& history,
                         ForecastOptions options)
    : seed_(options.seed) {
  const int after_end = std::clamp(options.days_after_end, 0, horizon_after_end_days);
  Forecast& f = forecast_;
  f.raised = feed.raised;
  f.goal = campaign.goal;
  f.as_of_day = days_from_civil(local_date(feed.as_of, campaign.time_zone));
  f.start_day = f.as_of_day + 1;
  f.end_day = days_from_civil(campaign.end);
  const std::int64_t need = f.raised >= f.goal ? 0 : f.goal - f.raised;
  f.run_rates = run_rates(history, need, f.start_day);
  f.paths_total = std::clamp(options.paths, min_paths, max_paths);

  VariantForecast base;
  labels_.push_back(base);
  if (!history.events.empty()) {
    VariantForecast v;
    v.kind = VariantForecast::Kind::events;
    for (const auto& e : history.events) {
      v.label.ja += (v.label.ja.empty() ? "" : "・") + e.label.ja;
      v.label.en += (v.label.en.empty() ? "" : ", ") + e.label.en;
    }
    labels_.push_back(v);
  }
  for (const auto& s : history.scenarios) {
    VariantForecast v;
    v.kind = VariantForecast::Kind::scenario;
    v.label = s.label;
    labels_.push_back(v);
  }

  if (need == 0) {
    f.status = ForecastStatus::goal_reached;
  } else if (f.start_day > f.end_day) {
    f.status = ForecastStatus::ended;
  } else if (history.daily.size() < min_sample_days) {
    f.status = ForecastStatus::not_enough_data;
  } else {
    f.status = ForecastStatus::ok;
  }
  if (f.status != ForecastStatus::ok) {
    f.paths_total = 0;
    return;
  }

  const std::size_t n = std::min(history.daily.size(), sample_days);
  const std::vector<std::int64_t> sample(history.daily.end() - static_cast<std::ptrdiff_t>(n),
                                         history.daily.end());
  const std::int64_t sample_first =
      days_from_civil(history.through) - static_cast<std::int64_t>(n) + 1;
  const std::int64_t horizon = std::min<std::int64_t>(
      f.end_day - f.start_day + 1 + after_end,
      std::min<std::int64_t>(max_horizon_days, last_calendar_day - f.start_day + 1));
  f.horizon_day = f.start_day + horizon - 1;
  model_ =
      make_sim_model(sample, static_cast<int>(floor_mod(f.start_day - sample_first, block_days)),
                     need, static_cast<int>(horizon));
  model_.end_index = static_cast<int>(f.end_day - f.start_day);

  // The fan: up to 60 days spread evenly from the first simulated day to the end.
  const std::int64_t span = f.end_day - f.start_day + 1;
  const std::int64_t points = std::min<std::int64_t>(span, max_fan_points);
  for (std::int64_t i = 1; i <= points; ++i) {
    model_.marks.push_back(static_cast<int>(i * span / points - 1));
  }

  if (!history.events.empty()) {
    // Each event's days, counted once: the loop below visits every day of
    // the horizon (ten years past the end), and converting the dates there,
    // for every day and event, was a sixth of a session's set-up.
    std::vector<std::pair<std::int64_t, std::int64_t>> spans;
    spans.reserve(history.events.size());
    for (const auto& e : history.events)
      spans.emplace_back(days_from_civil(e.from), days_from_civil(e.to));
    model_.event_percent.assign(static_cast<std::size_t>(horizon), 100);
    for (std::int64_t d = 0; d < horizon; ++d) {
      std::int64_t pct = 100;
      for (std::size_t k = 0; k < history.events.size(); ++k) {
        const std::int64_t day = f.start_day + d;
        if (day >= spans[k].first && day <= spans[k].second) {
          pct = std::min<std::int64_t>(pct * history.events[k].percent / 100, max_event_percent);
        }
      }
      model_.event_percent[static_cast<std::size_t>(d)] = static_cast<int>(pct);
    }
    const auto weeks = static_cast<std::size_t>((horizon + block_days - 1) / block_days);
    model_.block_has_event.assign(weeks, false);
    for (std::size_t d = 0; d < model_.event_percent.size(); ++d) {
      if (model_.event_percent[d] != 100) model_.block_has_event[d / block_days] = true;
    }
  }
  for (const auto& s : history.scenarios) {
    // Spread evenly, the remainder one unit a day from the first day; the
    // part of a scenario that falls before the first simulated day is past.
    const std::int64_t from = days_from_civil(s.from);
    const std::int64_t days = days_from_civil(s.to) - from + 1;
    std::vector<std::int64_t> added(static_cast<std::size_t>(horizon));
    std::int64_t run = 0;
    for (std::int64_t d = 0; d < horizon; ++d) {
      const std::int64_t i = f.start_day + d - from;
      if (i >= 0 && i < days) run += s.amount / days + (i < s.amount % days ? 1 : 0);
      added[static_cast<std::size_t>(d)] = run;
    }
    model_.scenario_added.push_back(std::move(added));
  }
  outputs_.reserve(model_, f.paths_total);
}

std::size_t ForecastRun::advance(std::size_t count) {
  if (finished()) return 0;
  const std::size_t n = std::min(count, forecast_.paths_total - outputs_.paths);
  simulate_paths(model_, seed_, outputs_.paths, n, outputs_);
  return n;
}

Forecast ForecastRun::result() const {
  Forecast f = forecast_;
  f.paths_done = outputs_.paths;
  const std::size_t paths = outputs_.paths;
  const std::size_t variants = labels_.size();
  const std::int64_t end_index = f.end_day - f.start_day;
  for (std::size_t v = 0; v < variants; ++v) {
    VariantForecast out = labels_[v];
    out.paths = paths;
    if (f.status == ForecastStatus::goal_reached) {
      out.reached_by_end = paths;
      out.chance_by_end_permille = 1000;
      out.done_p10 = out.done_p50 = out.done_p90 = f.as_of_day;
    }
    if (paths == 0) {
      out.end_mean = out.end_p10 = out.end_p50 = out.end_p90 = f.raised;
      f.variants.push_back(std::move(out));
      continue;
    }
    std::vector<std::int64_t> done(paths);
    std::vector<std::int64_t> at_end(paths);
    i128 sum = 0;
    for (std::size_t p = 0; p < paths; ++p) {
      const std::int32_t d = outputs_.done[p * variants + v];
      done[p] = d < 0 ? INT64_MAX : d;
      if (d >= 0 && d <= end_index) ++out.reached_by_end;
      at_end[p] = outputs_.at_end[p * variants + v];
      sum += at_end[p];
    }
    out.chance_by_end_permille = static_cast<std::int64_t>(out.reached_by_end * 1000 / paths);
    auto day = [&](int q) -> std::optional<std::int64_t> {
      const std::int64_t d = percentile(done, q);
      if (d == INT64_MAX) return std::nullopt;
      return f.start_day + d;
    };
    out.done_p10 = day(10);
    out.done_p50 = day(50);
    out.done_p90 = day(90);
    // floor of the mean, toward minus infinity, the same in every build.
    i128 mean = sum / static_cast<i128>(paths);
    if (sum < 0 && mean * static_cast<i128>(paths) != sum) --mean;
    out.end_mean = saturating_add(f.raised, static_cast<std::int64_t>(mean));
    out.end_p10 = saturating_add(f.raised, percentile(at_end, 10));
    out.end_p50 = saturating_add(f.raised, percentile(at_end, 50));
    out.end_p90 = saturating_add(f.raised, percentile(at_end, 90));
    f.variants.push_back(std::move(out));
  }
  if (paths > 0) {
    std::vector<std::int64_t> column(paths);
    for (std::size_t k = 0; k < model_.marks.size(); ++k) {
      for (std::size_t p = 0; p < paths; ++p) column[p] = outputs_.fan[p * model_.marks.size() + k];
      FanPoint point{f.start_day + model_.marks[k], 0, 0, 0};
      point.p10 = saturating_add(f.raised, percentile(column, 10));
      point.p50 = saturating_add(f.raised, percentile(column, 50));
      point.p90 = saturating_add(f.raised, percentile(column, 90));
      f.fan.push_back(point);
    }
  }
  return f;
}

}  // namespace kifu
