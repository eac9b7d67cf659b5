#include "scale.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include "format.hpp"

namespace kifu {

namespace {

constexpr std::array<std::string_view, 12> month_names = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::string month_name(int month) {
  return std::string(month_names[static_cast<std::size_t>(std::clamp(month, 1, 12) - 1)]);
}

enum class Unit { day, week, month, year };
struct Interval {
  Unit unit;
  int count;
};
// Finest first; the first that fits is used.
constexpr std::array<Interval, 15> intervals{{{Unit::day, 1},
                                              {Unit::day, 2},
                                              {Unit::week, 1},
                                              {Unit::week, 2},
                                              {Unit::month, 1},
                                              {Unit::month, 2},
                                              {Unit::month, 3},
                                              {Unit::month, 6},
                                              {Unit::year, 1},
                                              {Unit::year, 2},
                                              {Unit::year, 5},
                                              {Unit::year, 10},
                                              {Unit::year, 20},
                                              {Unit::year, 50},
                                              {Unit::year, 100}}};

std::string label(const Date& d, Unit unit, Lang lang) {
  switch (unit) {
    case Unit::day:
    case Unit::week:
      return lang == Lang::ja ? std::to_string(d.month) + "月" + std::to_string(d.day) + "日"
                              : month_name(d.month) + " " + std::to_string(d.day);
    case Unit::month:
      return format_month(d, lang);
    case Unit::year:
      return lang == Lang::ja ? std::to_string(d.year) + "年" : std::to_string(d.year);
  }
  return {};
}

// Every tick of one interval within [first, last], stopping past `limit`.
std::vector<std::int64_t> ticks_of(Interval in, std::int64_t first, std::int64_t last,
                                   std::size_t limit) {
  std::vector<std::int64_t> out;
  if (in.unit == Unit::day || in.unit == Unit::week) {
    const std::int64_t step = in.unit == Unit::day ? in.count : 7 * in.count;
    // 1970-01-01 was a Thursday: day + 3 is a multiple of 7 on Mondays.
    std::int64_t d = first;
    if (in.unit == Unit::week) {
      const std::int64_t r = ((d + 3) % 7 + 7) % 7;
      if (r != 0) d += 7 - r;
    } else {
      const std::int64_t r = ((d % step) + step) % step;
      if (r != 0) d += step - r;
    }
    for (; d <= last && out.size() <= limit; d += step) out.push_back(d);
    return out;
  }
  const Date from = civil_from_days(first);
  int year = from.year;
  int month = in.unit == Unit::month ? from.month : 1;
  const int step_months = in.unit == Unit::month ? in.count : 12 * in.count;
  // Start on a month (or year) divisible by the step, so quarters start in
  // January, April, July and October, and decades on years ending in 0.
  std::int64_t index = static_cast<std::int64_t>(year) * 12 + (month - 1);
  const std::int64_t r = index % step_months;
  if (r != 0) index += step_months - r;
  for (;; index += step_months) {
    const Date d{static_cast<int>(index / 12), static_cast<int>(index % 12) + 1, 1};
    if (d.year > 9999) break;
    const std::int64_t day = days_from_civil(d);
    if (day > last || out.size() > limit) break;
    if (day >= first) out.push_back(day);
  }
  return out;
}

}  // namespace

std::string format_month(const Date& d, Lang lang) {
  return lang == Lang::ja ? std::to_string(d.year) + "年" + std::to_string(d.month) + "月"
                          : month_name(d.month) + " " + std::to_string(d.year);
}

AmountScale amount_ticks(std::int64_t maximum, const Currency& currency, Lang lang, int max_ticks) {
  AmountScale s;
  const std::int64_t unit = minor_per_major(currency);
  // Beyond 10^18 the next round number would not fit in 64 bits; no chart
  // of a campaign gets near it.
  const std::int64_t top_value = std::clamp(maximum, unit, std::int64_t{1'000'000'000'000'000'000});
  const std::int64_t target = std::max(max_ticks, 1);
  // The smallest 1/2/5 x 10^k step (at least one major unit) that reaches
  // the maximum in target steps or fewer.
  std::int64_t step = unit;
  for (std::int64_t power = unit;; power *= 10) {
    bool found = false;
    for (std::int64_t m : {1, 2, 5}) {
      const std::int64_t candidate = power * m;
      if ((top_value + candidate - 1) / candidate <= target) {
        step = candidate;
        found = true;
        break;
      }
    }
    if (found || power >= 1'000'000'000'000'000'000 / 10) break;
  }
  s.step = step;
  const std::int64_t steps = (top_value + step - 1) / step;
  s.top = steps * step;  // at most max_amount rounded up by less than a step: fits
  for (std::int64_t i = 0; i <= steps; ++i) {
    s.ticks.push_back({i * step, format_amount_compact(i * step, currency, lang)});
  }
  return s;
}

std::vector<Tick> date_ticks(std::int64_t first_day, std::int64_t last_day, Lang lang,
                             int max_ticks) {
  const auto limit = static_cast<std::size_t>(std::max(max_ticks, 2));
  std::vector<Tick> out;
  if (last_day < first_day) return out;
  for (const Interval& in : intervals) {
    auto days = ticks_of(in, first_day, last_day, limit);
    if (days.size() > limit) continue;
    for (std::int64_t d : days) out.push_back({d, label(civil_from_days(d), in.unit, lang)});
    return out;
  }
  // Centuries and more: 200, 500, 1000... years.
  for (int years : {200, 500, 1000, 2000, 5000, 10000}) {
    auto days = ticks_of({Unit::year, years}, first_day, last_day, limit);
    if (days.size() > limit) continue;
    for (std::int64_t d : days) out.push_back({d, label(civil_from_days(d), Unit::year, lang)});
    return out;
  }
  return out;
}

}  // namespace kifu
