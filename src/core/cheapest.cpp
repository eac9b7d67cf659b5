#include "cheapest.hpp"

#include <algorithm>
#include <numeric>

namespace kifu {

namespace {

__extension__ using i128 = __int128;
constexpr std::int64_t inf = INT64_MAX;
// Costs stay under 2^61, so sums of two and differences never overflow.
constexpr i128 max_cost = static_cast<i128>(1) << 61;

std::int64_t ceil_div(std::int64_t a, std::int64_t b) {
  return a / b + (a % b != 0 ? 1 : 0);
}

bool usable(const SearchProgram& p) {
  if (p.menu.empty()) return p.step_amount > 0 && p.min_steps >= 1 && p.max_steps >= p.min_steps;
  return p.max_points >= p.menu.front().points;
}

// One program's table: for each amount index, the previous index it came
// from (amount index - this program's share).
struct Layer {
  std::size_t program;
  std::vector<std::int32_t> from;
  std::vector<std::int64_t> menu_points;  // menus: fewest points for each share
  std::vector<std::int64_t> menu_items;
};

}  // namespace

// The search is a dynamic programme over amounts, in units of g (the common
// factor of every step's and menu item's amount), from 0 to N_hi:
//   best[n] = least point value of a mix worth exactly n*g.
// N_hi = ceil(target/g) + M - 1, where M*g is the largest single move a mix
// can make (a program's minimum donation, or its largest menu item): from any
// mix above the target one can step down by moves of at most M until the
// next would fall below it, so the nearest mix above lies under N_hi.
// Programs are folded in one at a time:
//   rate: best'[n] = min(best[n], min_{x in [m,u]} best[n - x*a] + x*c), a
//         sliding-window minimum along each residue class mod a: O(N_hi).
//   menu: F[k] = fewest points worth exactly k (an unbounded knapsack,
//         O(64^2 * items + N_hi) with the shortcut explained there), then best'[n] = min_k
//         best[n-k] + F[k]*cost, a min-plus product of O(N_hi * |finite F|) — or O(N_hi) when it is
//         the first table folded in, which is why one menu goes first.
// Before any table is filled the work is counted; past max_search_cells
// amounts or max_search_work steps the search answers too_large instead of
// running, so a keystroke never costs more than that bound.
SearchOutcome cheapest_mix(const std::vector<SearchProgram>& programs, std::int64_t target) {
  SearchOutcome out;
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < programs.size(); ++i) {
    if (usable(programs[i])) order.push_back(i);
  }
  if (order.empty() || target <= 0) return out;
  // A menu first: its min-plus product with the empty table is linear.
  std::stable_partition(order.begin(), order.end(),
                        [&](std::size_t i) { return !programs[i].menu.empty(); });

  std::int64_t g = 0, move = 0;
  for (std::size_t i : order) {
    const SearchProgram& p = programs[i];
    if (p.menu.empty()) {
      g = std::gcd(g, p.step_amount);
      move = std::max(move, p.min_steps * p.step_amount);
    } else {
      for (const MenuItem& m : p.menu) {
        g = std::gcd(g, m.amount);
        move = std::max(move, m.amount);
      }
    }
  }
  const std::int64_t n_lo = target / g;
  const std::int64_t n_up = ceil_div(target, g);
  const std::int64_t n_hi = n_up + move / g - 1;
  if (n_hi + 1 > max_search_cells) {
    out.status = SearchStatus::too_large;
    return out;
  }
  const auto cells = static_cast<std::size_t>(n_hi + 1);

  // Point values over a common denominator D, so costs are integers.
  i128 d = 1;
  for (std::size_t i : order) {
    d = d /
        std::gcd(static_cast<std::int64_t>(d % programs[i].value.points),
                 programs[i].value.points) *
        programs[i].value.points;
    if (d > max_cost) {
      out.status = SearchStatus::too_large;
      return out;
    }
  }
  std::vector<std::int64_t> cost_per_point(programs.size(), 0);
  i128 total_cost = 0, work = 0;
  std::vector<Layer> layers;
  for (std::size_t i : order) {
    const SearchProgram& p = programs[i];
    const i128 cpp = static_cast<i128>(p.value.amount) * (d / p.value.points);
    // The most points this program can put into amounts up to N_hi.
    i128 points;
    if (p.menu.empty()) {
      points = static_cast<i128>(std::min(p.max_steps, n_hi * g / p.step_amount)) * p.step_points;
      work += n_hi + 1;
    } else {
      points = p.max_points;
      // Skipping through and folding in: one step per cell each; the full
      // table below the shortcut is counted when it is known (below).
      work += static_cast<i128>(n_hi + 1) * 2;
    }
    total_cost += cpp * points;
    if (cpp > max_cost || total_cost > max_cost) {
      out.status = SearchStatus::too_large;
      return out;
    }
    cost_per_point[i] = static_cast<std::int64_t>(cpp);
  }

  // Menu tables first, so their true size counts against the work budget.
  for (std::size_t i : order) {
    const SearchProgram& p = programs[i];
    if (p.menu.empty()) continue;
    Layer layer{i, {}, std::vector<std::int64_t>(cells, inf), std::vector<std::int64_t>(cells, 0)};
    auto& f = layer.menu_points;
    auto& items = layer.menu_items;
    f[0] = 0;
    // Amounts in units of g, worked out once: this loop is the search's hottest.
    std::vector<std::pair<std::size_t, std::int64_t>> reduced;
    std::int64_t own = 0;  // the menu's own common factor of amounts, in units of g
    std::size_t best_item = 0;
    for (std::size_t j = 0; j < p.menu.size(); ++j) {
      const MenuItem& m = p.menu[j];
      const MenuItem& b = p.menu[best_item];
      reduced.emplace_back(static_cast<std::size_t>(m.amount / g), m.points);
      own = std::gcd(own, m.amount / g);
      const i128 lhs = static_cast<i128>(m.amount) * b.points;
      const i128 rhs = static_cast<i128>(b.amount) * m.points;
      if (lhs > rhs || (lhs == rhs && m.amount > b.amount)) best_item = j;
    }
    // Past `shortcut` the fewest points always include the item b with the
    // most amount per point (in the menu's own units a: fewer than a_b other
    // items are ever needed — among a_b of them some subset's amount is a
    // multiple of a_b and b items give it for no more points — so they are
    // worth under a_b * a_max and at least one b fits), hence
    // F[k] = F[k - a_b] + p_b there: one step per cell instead of one per item.
    const auto [a_best, p_best] = reduced[best_item];
    std::int64_t a_max = 0;
    for (const auto& item : reduced)
      a_max = std::max(a_max, static_cast<std::int64_t>(item.first) / own);
    const auto a_b_own = static_cast<std::int64_t>(a_best) / own;
    const auto shortcut = static_cast<std::size_t>((a_b_own * a_max + a_b_own) * own);
    const auto own_step = static_cast<std::size_t>(own);
    work +=
        static_cast<i128>(std::min(cells, shortcut) / own_step) * static_cast<i128>(p.menu.size());
    for (std::size_t k = 1; k < cells; ++k) {
      if (k % own_step != 0) continue;  // amounts the menu cannot make
      if (k >= shortcut) {
        if (f[k - a_best] != inf) {
          f[k] = f[k - a_best] + p_best;
          items[k] = items[k - a_best] + 1;
        }
        continue;
      }
      std::int64_t fk = inf, ik = 0;
      for (const auto& [a, pts_item] : reduced) {
        if (a > k || f[k - a] == inf) continue;
        const std::int64_t pts = f[k - a] + pts_item;
        if (pts < fk || (pts == fk && items[k - a] + 1 < ik)) {
          fk = pts;
          ik = items[k - a] + 1;
        }
      }
      f[k] = fk;
      items[k] = ik;
    }
    std::int64_t finite = 0;
    for (std::size_t k = 0; k < cells; ++k) {
      if (f[k] > p.max_points) f[k] = inf;
      if (f[k] != inf) ++finite;
    }
    if (!layers.empty()) work += static_cast<i128>(finite) * (n_hi + 1);
    layers.push_back(std::move(layer));
  }
  if (work > max_search_work) {
    out.status = SearchStatus::too_large;
    return out;
  }

  std::vector<std::int64_t> best(cells, inf), next(cells);
  best[0] = 0;
  bool first = true;
  for (std::size_t i : order) {
    const SearchProgram& p = programs[i];
    const std::int64_t cpp = cost_per_point[i];
    Layer* layer = nullptr;
    if (!p.menu.empty()) {
      layer = &*std::find_if(layers.begin(), layers.end(),
                             [&](const Layer& l) { return l.program == i; });
    } else {
      layers.push_back({i, {}, {}, {}});
      layer = &layers.back();
    }
    auto& from = layer->from;
    from.resize(cells);
    for (std::size_t n = 0; n < cells; ++n) {
      next[n] = best[n];
      from[n] = static_cast<std::int32_t>(n);
    }
    if (!p.menu.empty()) {
      const auto& f = layer->menu_points;
      for (std::size_t k = 1; k < cells; ++k) {
        if (f[k] == inf) continue;
        const std::int64_t c = f[k] * cpp;
        // Folded in first, the table holds only best[0] = 0: n = k alone.
        const std::size_t last = first ? k : cells - 1;
        for (std::size_t n = k; n <= last; ++n) {
          if (best[n - k] == inf) continue;
          if (best[n - k] + c < next[n]) {
            next[n] = best[n - k] + c;
            from[n] = static_cast<std::int32_t>(n - k);
          }
        }
      }
    } else {
      const std::int64_t a = p.step_amount / g;
      const std::int64_t c = p.step_points * cpp;
      std::vector<std::pair<std::int64_t, std::int64_t>> window;  // (t, key)
      window.reserve(cells / static_cast<std::size_t>(a) + 1);
      for (std::int64_t r = 0; r < a && r < n_hi + 1; ++r) {
        // j indexes n = r + j*a; window of t in [j - u, j - m] by value
        // best[t] - t*c, kept increasing (a monotone queue in a flat buffer).
        window.clear();
        std::size_t head = 0;
        const auto key = [&](std::int64_t t) {
          return best[static_cast<std::size_t>(r + t * a)] - t * c;
        };
        for (std::int64_t j = 0; r + j * a <= n_hi; ++j) {
          const std::int64_t t_new = j - p.min_steps;
          if (t_new >= 0 && best[static_cast<std::size_t>(r + t_new * a)] != inf) {
            const std::int64_t k_new = key(t_new);
            while (window.size() > head && window.back().second >= k_new) window.pop_back();
            window.emplace_back(t_new, k_new);
          }
          while (window.size() > head && window[head].first < j - p.max_steps) ++head;
          if (window.size() == head) continue;
          const auto [t, t_key] = window[head];
          const std::int64_t candidate = t_key + j * c;
          const auto n = static_cast<std::size_t>(r + j * a);
          if (candidate < next[n]) {
            next[n] = candidate;
            from[n] = static_cast<std::int32_t>(r + t * a);
          }
        }
      }
    }
    best.swap(next);
    first = false;
  }

  const auto mix_at = [&](std::int64_t n) {
    Mix m;
    m.amount = n * g;
    m.points.assign(programs.size(), 0);
    m.amounts.assign(programs.size(), 0);
    m.donations.assign(programs.size(), 0);
    auto at = static_cast<std::size_t>(n);
    for (auto l = layers.rbegin(); l != layers.rend(); ++l) {
      const auto prev = static_cast<std::size_t>(l->from[at]);
      const std::size_t share = at - prev;
      if (share > 0) {
        const SearchProgram& p = programs[l->program];
        m.amounts[l->program] = static_cast<std::int64_t>(share) * g;
        if (p.menu.empty()) {
          m.points[l->program] =
              static_cast<std::int64_t>(share) / (p.step_amount / g) * p.step_points;
          m.donations[l->program] = 1;
        } else {
          m.points[l->program] = l->menu_points[share];
          m.donations[l->program] = l->menu_items[share];
        }
      }
      at = prev;
    }
    return m;
  };

  if (target % g == 0 && best[static_cast<std::size_t>(n_lo)] != inf) {
    out.exact = mix_at(n_lo);
  } else {
    for (std::int64_t n = n_lo; n >= 1; --n) {
      if (best[static_cast<std::size_t>(n)] != inf) {
        out.below = mix_at(n);
        break;
      }
    }
    for (std::int64_t n = n_up; n <= n_hi; ++n) {
      if (best[static_cast<std::size_t>(n)] != inf) {
        out.above = mix_at(n);
        break;
      }
    }
  }
  out.status = out.exact || out.below || out.above ? SearchStatus::ok : SearchStatus::nothing;
  return out;
}

SearchProgram search_program(const PointProgram& p, std::int64_t balance) {
  SearchProgram s;
  const std::int64_t cap = p.max_per_period ? std::min(balance, *p.max_per_period) : balance;
  if (p.is_menu()) {
    s.menu = p.menu;
    s.max_points = cap;
    s.value = p.point_value.value_or(Ratio{p.menu.front().points, p.menu.front().amount});
  } else {
    s.step_points = p.step;
    s.step_amount = p.step * p.rate.amount / p.rate.points;
    s.min_steps = p.min / p.step;
    s.max_steps = cap / p.step;
    s.value = p.point_value.value_or(p.rate);
  }
  return s;
}

}  // namespace kifu
