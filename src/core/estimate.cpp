#include "estimate.hpp"

#include <algorithm>
#include <vector>

#include "cheapest.hpp"

namespace kifu {

namespace {

__extension__ using i128 = __int128;

std::int64_t ceil_div(std::int64_t a, std::int64_t b) {
  return a / b + (a % b != 0 ? 1 : 0);
}

std::int64_t usable_cap(const PointProgram& p, std::int64_t balance) {
  return p.max_per_period ? std::min(balance, *p.max_per_period) : balance;
}

std::int64_t rate_donations(const PointProgram& p, std::int64_t points) {
  if (points == 0) return 0;
  return p.max_per_donation ? ceil_div(points, *p.max_per_donation) : 1;
}

// The most a menu gives for at most `cap` points: an unbounded knapsack,
// maximising the amount, then fewest points (exact), then fewest items (among
// the answers the table sees; the shortcut below always uses the largest of
// the best-value items).
//
// Bound: prices are divided by their common factor g, leaving w_j <= 64
// (max_menu_span). Let b be the item with the best amount per point. In any
// best answer fewer than w_b other items are used (among w_b of them, some
// subset weighs a multiple of w_b, and swapping it for b items never lowers
// the amount), so they weigh under w_b * w_max, and less than w_b points are
// left unused (another b would fit). So a best answer holds at least
// k = (C - w_b*w_max - w_b) / w_b items b, and taking them out leaves the
// best answer for C - k*w_b. The table therefore never exceeds
// w_b*w_max + 2*w_b <= 4,224 cells, times at most 16 items.
ForwardEstimate menu_forward(const PointProgram& p, std::int64_t balance) {
  ForwardEstimate e;
  e.balance = balance;
  const std::int64_t cap = usable_cap(p, balance);
  const std::int64_t g = p.granule_points();
  std::size_t best = 0;
  std::int64_t w_max = 0;
  for (std::size_t j = 0; j < p.menu.size(); ++j) {
    const MenuItem& m = p.menu[j];
    const MenuItem& b = p.menu[best];
    // m.amount / m.points > b.amount / b.points, cross-multiplied exactly.
    // Ties go to the larger item: fewer items for the same gift.
    const i128 lhs = static_cast<i128>(m.amount) * b.points;
    const i128 rhs = static_cast<i128>(b.amount) * m.points;
    if (lhs > rhs || (lhs == rhs && m.points > b.points)) best = j;
    w_max = std::max(w_max, m.points / g);
  }
  const std::int64_t w_b = p.menu[best].points / g;
  const std::int64_t bound = w_b * w_max + w_b;
  std::int64_t c = cap / g;
  const std::int64_t k = c > bound ? (c - bound) / w_b : 0;
  c -= k * w_b;
  const auto cells = static_cast<std::size_t>(c + 1);
  std::vector<std::int64_t> amount(cells, -1), items(cells, 0);
  amount[0] = 0;
  for (std::size_t i = 1; i < cells; ++i) {
    for (const MenuItem& m : p.menu) {
      const auto w = static_cast<std::size_t>(m.points / g);
      if (w > i || amount[i - w] < 0) continue;
      const std::int64_t a = amount[i - w] + m.amount;
      const std::int64_t n = items[i - w] + 1;
      if (a > amount[i] || (a == amount[i] && n < items[i])) {
        amount[i] = a;
        items[i] = n;
      }
    }
  }
  std::size_t at = 0;
  for (std::size_t i = 1; i < cells; ++i) {
    if (amount[i] > amount[at]) at = i;  // strict: the fewest points wins a tie
  }
  e.points = (static_cast<std::int64_t>(at) + k * w_b) * g;
  e.amount = amount[at] + k * p.menu[best].amount;
  e.donations = items[at] + k;
  e.leftover = balance - e.points;
  if (e.points == 0)
    e.limit = Limit::below_min;
  else if (cap < balance && e.leftover >= p.menu.front().points)
    e.limit = Limit::period_cap;
  return e;
}

}  // namespace

std::int64_t rate_amount(const PointProgram& p, std::int64_t points) {
  // Exact: points is a whole number of steps and a step is a whole number of
  // minor units (checked when the definition is read).
  return (points / p.step) * (p.step * p.rate.amount / p.rate.points);
}

ForwardEstimate estimate_forward(const PointProgram& p, std::int64_t balance, bool open) {
  ForwardEstimate e;
  e.balance = balance;
  e.leftover = balance;
  if (!open) {
    e.limit = Limit::not_open;
    return e;
  }
  if (p.is_menu()) return menu_forward(p, balance);
  const std::int64_t usable = usable_cap(p, balance) / p.step * p.step;
  if (usable < p.min) {
    e.limit = Limit::below_min;
    return e;
  }
  e.points = usable;
  e.amount = rate_amount(p, usable);
  e.leftover = balance - usable;
  e.donations = rate_donations(p, usable);
  if (e.leftover >= p.step) e.limit = Limit::period_cap;
  return e;
}

InverseEstimate estimate_inverse(const PointProgram& p, std::int64_t target) {
  InverseEstimate r;
  if (p.is_menu()) {
    SearchProgram s = search_program(p, max_balance);
    s.value = {1, 1};  // the fewest points
    const SearchOutcome o = cheapest_mix({s}, target);
    if (o.status == SearchStatus::too_large) {
      r.too_large = true;
      return r;
    }
    const auto option = [](const std::optional<Mix>& m) -> std::optional<Option> {
      if (!m) return std::nullopt;
      return Option{m->points[0], m->amounts[0], m->donations[0]};
    };
    r.exact = o.exact.has_value();
    r.below = option(r.exact ? o.exact : o.below);
    r.above = option(r.exact ? o.exact : o.above);
    // Menus can always reach past a target without a cap; with one, missing
    // "above" means the cap is in the way.
    r.beyond_cap = !r.above && p.max_per_period.has_value();
    return r;
  }
  const std::int64_t step_amount = p.step * p.rate.amount / p.rate.points;
  const std::int64_t min_steps = p.min / p.step;
  const std::int64_t max_steps = p.max_per_period ? *p.max_per_period / p.step : INT64_MAX;
  const auto option = [&](std::int64_t steps) {
    const std::int64_t points = steps * p.step;
    return Option{points, steps * step_amount, rate_donations(p, points)};
  };
  const std::int64_t down = std::min(target / step_amount, max_steps);
  const std::int64_t up = std::max(ceil_div(target, step_amount), min_steps);
  if (down >= min_steps) r.below = option(down);
  if (up <= max_steps)
    r.above = option(up);
  else
    r.beyond_cap = true;
  r.exact = r.below && r.above && r.below->amount == target && r.above->amount == target;
  return r;
}

}  // namespace kifu
