#include "cheapest.hpp"

#include <algorithm>
#include <numeric>

namespace kifu {

namespace {

__extension__ using i128 = __int128;
// Costs in the tables are 64-bit: every cost the search can meet is checked
// to stay under 2^62 before it starts (max_total_cost).
using Cost = std::int64_t;
constexpr std::int64_t inf = INT64_MAX;
constexpr Cost no_cost = INT64_MAX;
constexpr i128 max_total_cost = static_cast<i128>(1) << 62;
// Point costs over the common denominator, and a program's cost per step,
// stay under 2^61 and 2^62, so that their products with amounts fit in i128.
constexpr i128 max_point_cost = static_cast<i128>(1) << 61;
constexpr i128 max_step_cost = static_cast<i128>(1) << 62;
// Amounts the search handles (in units of g): sums of 8 stay in 64 bits.
constexpr std::int64_t max_amount = std::int64_t{1} << 61;

std::int64_t sat(i128 v) {
  return v > max_amount ? max_amount : static_cast<std::int64_t>(v);
}

bool usable(const SearchProgram& p) {
  if (p.menu.empty()) return p.step_amount > 0 && p.min_steps >= 1 && p.max_steps >= p.min_steps;
  return p.max_points >= p.menu.front().points;
}

// One usable program, amounts in units of g (the common factor of every
// step's and item's amount).
struct Prog {
  std::size_t index = 0;
  bool menu = false;
  // Rate: x steps, x in {0} ∪ [m, u], worth x*a and costing x*c.
  std::int64_t a = 0, m = 0, u = 0;
  i128 c = 0;
  // Menu: F(k), the fewest points worth exactly k, capped at `cap`.
  std::int64_t own = 0;                                      // the items' common factor
  std::vector<std::pair<std::int64_t, std::int64_t>> items;  // (amount, points)
  std::int64_t cap = 0;
  i128 cpp = 0;  // cost of one point
  // Items of most amount per point: F is tabled with the largest such
  // (fewest items past the table), and is also periodic in the smallest
  // (s) from s_from on, by which the search moves along the menu.
  std::int64_t tail_a = 0, tail_p = 0;
  std::int64_t s_a = 0, s_p = 0, s_from = 0;
  std::int64_t shortcut = 0;                       // F is tabled below it, periodic from it
  std::vector<std::int64_t> f, f_items;            // per multiple of own below shortcut
  std::vector<std::int64_t> next_head, prev_head;  // nearest tabled amount within the cap
  std::vector<std::int64_t> class_limit;  // per base in [shortcut - s_a, shortcut): last amount
  i128 slack = 0;  // max over k of F(k)*tail_a - k*tail_p: how far F lies above its slope
  std::int64_t max_item = 0;
  // Both: what one more unit of amount costs at the program's best
  // (c/a, or tail_p*cpp/tail_a), and the amount it grows by at that price.
  i128 rho_num = 0;
  std::int64_t rho_den = 1;
  std::int64_t grow = 0;
};

struct Take {
  std::int64_t points = inf;  // inf: the program cannot give exactly this amount
  std::int64_t items = 0;
};

Take menu_take(const Prog& p, std::int64_t k) {
  if (k < 0 || k % p.own != 0) return {};
  if (k < p.shortcut) {
    const auto i = static_cast<std::size_t>(k / p.own);
    if (p.f[i] > p.cap) return {};
    return {p.f[i], p.f_items[i]};
  }
  // Past the shortcut F(k) = F(k - tail_a) + tail_p (see menu_tables).
  const std::int64_t q = (k - p.shortcut) / p.tail_a + 1;
  const auto i = static_cast<std::size_t>((k - q * p.tail_a) / p.own);
  if (p.f[i] > p.cap || q > (p.cap - p.f[i]) / p.tail_p) return {};
  return {p.f[i] + q * p.tail_p, p.f_items[i] + q};
}

// The cost of giving exactly d from the program, or no_cost.
Cost cost_at(const Prog& p, std::int64_t d) {
  if (d == 0) return 0;
  if (d < 0) return no_cost;
  if (!p.menu) {
    if (d % p.a != 0 || d / p.a < p.m || d / p.a > p.u) return no_cost;
    return static_cast<Cost>((d / p.a) * p.c);
  }
  const Take t = menu_take(p, d);
  return t.points == inf ? no_cost : static_cast<Cost>(t.points * p.cpp);
}

// The least amount >= x the program can give (0 counts), or -1.
std::int64_t next_at_or_above(const Prog& p, std::int64_t x) {
  if (x <= 0) return 0;
  if (!p.menu) {
    const std::int64_t steps = std::max(p.m, x / p.a + (x % p.a != 0 ? 1 : 0));
    return steps <= p.u ? steps * p.a : -1;
  }
  std::int64_t k = (x / p.own + (x % p.own != 0 ? 1 : 0)) * p.own;
  if (k < p.shortcut) {
    const std::int64_t h = p.next_head[static_cast<std::size_t>(k / p.own)];
    if (h >= 0) return h;
    k = p.shortcut;
  }
  // Past the shortcut an amount out of reach stays out of reach s_a later
  // (F only grows by s_p), so one period decides.
  for (std::int64_t t = 0; t < p.s_a; t += p.own) {
    if (menu_take(p, k + t).points != inf) return k + t;
  }
  return -1;
}

// The largest amount <= x (x >= 0) the program can give; 0 always can.
std::int64_t prev_at_or_below(const Prog& p, std::int64_t x) {
  if (!p.menu) {
    const std::int64_t steps = std::min(p.u, x / p.a);
    return steps >= p.m ? steps * p.a : 0;
  }
  const std::int64_t k = x / p.own * p.own;
  const std::int64_t head = std::min(k, p.shortcut - p.own);
  std::int64_t best = p.prev_head[static_cast<std::size_t>(head / p.own)];
  if (k >= p.shortcut) {
    // Each residue class past the shortcut is reachable up to its limit.
    std::int64_t base = p.shortcut - p.s_a;
    for (std::int64_t limit : p.class_limit) {
      if (limit >= 0) {
        const std::int64_t v = limit <= k ? limit : k - (k - base) % p.s_a;
        best = std::max(best, v);
      }
      base += p.own;
    }
  }
  return best;
}

// F below the shortcut, by an unbounded knapsack over the items. Past
// `shortcut` the fewest points always include the item b with the most
// amount per point (in the menu's own units a: fewer than a_b other items are
// ever needed — among a_b of them some subset's amount is a multiple of a_b
// and b items give it for no more points — so they are worth under
// a_b * a_max and at least one b fits), hence F(k) = F(k - a_b) + p_b there.
void menu_tables(Prog& p) {
  std::int64_t a_max = 0;
  for (const auto& it : p.items) a_max = std::max(a_max, it.first / p.own);
  const std::int64_t b_own = p.tail_a / p.own;
  p.shortcut = (b_own * a_max + b_own) * p.own;
  const auto cells = static_cast<std::size_t>(p.shortcut / p.own);
  p.f.assign(cells, inf);
  p.f_items.assign(cells, 0);
  p.f[0] = 0;
  for (std::size_t k = 1; k < cells; ++k) {
    std::int64_t fk = inf, ik = 0;
    for (const auto& [amount, points] : p.items) {
      const auto a = static_cast<std::size_t>(amount / p.own);
      if (a > k || p.f[k - a] == inf) continue;
      const std::int64_t pts = p.f[k - a] + points;
      if (pts < fk || (pts == fk && p.f_items[k - a] + 1 < ik)) {
        fk = pts;
        ik = p.f_items[k - a] + 1;
      }
    }
    p.f[k] = fk;
    p.f_items[k] = ik;
  }
  p.next_head.assign(cells, -1);
  p.prev_head.assign(cells, 0);
  std::int64_t last = 0;
  for (std::size_t k = 0; k < cells; ++k) {
    const auto amount = static_cast<std::int64_t>(k) * p.own;
    if (p.f[k] <= p.cap) last = amount;
    p.prev_head[k] = last;
    if (p.f[k] != inf)
      p.slack = std::max(
          p.slack, static_cast<i128>(p.f[k]) * p.tail_a - static_cast<i128>(amount) * p.tail_p);
  }
  std::int64_t next = -1;
  for (std::size_t k = cells; k-- > 0;) {
    if (p.f[k] <= p.cap) next = static_cast<std::int64_t>(k) * p.own;
    p.next_head[k] = next;
  }
  // The same argument holds for the smallest item of best ratio s: F is
  // periodic in it, F(k) = F(k - s_a) + s_p, from (s_a*a_max + s_a) on, which
  // is within the table; s_from is where that truly starts (often at s_a).
  p.s_from = p.s_a;
  for (std::int64_t k = p.shortcut - p.own; k >= p.s_a; k -= p.own) {
    const std::int64_t fk = p.f[static_cast<std::size_t>(k / p.own)];
    const std::int64_t fb = p.f[static_cast<std::size_t>((k - p.s_a) / p.own)];
    if (fk != (fb == inf ? inf : fb + p.s_p)) {
      p.s_from = k + p.own;
      break;
    }
  }
  for (std::int64_t base = p.shortcut - p.s_a; base < p.shortcut; base += p.own) {
    const std::int64_t fb = p.f[static_cast<std::size_t>(base / p.own)];
    if (fb > p.cap) {
      p.class_limit.push_back(-1);
    } else {
      p.class_limit.push_back(sat(base + static_cast<i128>((p.cap - fb) / p.s_p) * p.s_a));
    }
  }
}

// A run of options a program offers in one role: amounts start + t*step for
// t in [0, count), costing c0 + t*dc.
struct Run {
  std::int64_t start, step, count;
  Cost c0, dc;
};

// The table of partial sums: dense spans of cells, cost[at + s - lo] the
// least cost of reaching s with the programs folded so far; took (only when
// the mix is to be read back) what the last program put in.
struct Span {
  std::int64_t lo, hi;
  std::size_t at;
};
struct Table {
  std::vector<Span> spans;
  std::vector<Cost> cost;
  std::vector<std::int64_t> took;
};

std::size_t cell_of(const Table& t, std::int64_t s) {
  auto it = std::upper_bound(t.spans.begin(), t.spans.end(), s,
                             [](std::int64_t v, const Span& b) { return v < b.lo; });
  --it;
  return it->at + static_cast<std::size_t>(s - it->lo);
}

// Folds one program's runs into the table, keeping sums <= lim. Counts the
// cells it touches into `work`; false once past max_search_cells. Reuses
// out's storage.
bool fold(const Table& in, const std::vector<Run>& runs, std::int64_t lim, std::int64_t& work,
          Table& out, bool track) {
  std::vector<std::pair<std::int64_t, std::int64_t>> pieces;
  for (const Span& b : in.spans) {
    for (const Run& r : runs) {
      const std::int64_t s = b.lo + r.start;
      if (s > lim) continue;
      const std::int64_t e = std::min(
          lim, sat(static_cast<i128>(b.hi) + r.start + static_cast<i128>(r.count - 1) * r.step));
      work += e - s + 1;
      pieces.emplace_back(s, e);
    }
  }
  if (work > max_search_cells) return false;
  std::sort(pieces.begin(), pieces.end());
  out.spans.clear();
  std::size_t cells = 0;
  for (const auto& [s, e] : pieces) {
    if (!out.spans.empty() && s <= out.spans.back().hi + 1) {
      Span& last = out.spans.back();
      if (e > last.hi) {
        cells += static_cast<std::size_t>(e - last.hi);
        last.hi = e;
      }
    } else {
      out.spans.push_back({s, e, cells});
      cells += static_cast<std::size_t>(e - s + 1);
    }
  }
  out.cost.assign(cells, no_cost);
  if (track) out.took.assign(cells, 0);
  Cost* const cost = out.cost.data();
  std::int64_t* const took = track ? out.took.data() : nullptr;
  const auto offer = [&](std::size_t cell, Cost c, std::int64_t amount) {
    if (c < cost[cell]) {
      cost[cell] = c;
      if (took) took[cell] = amount;
    }
  };
  std::vector<std::pair<std::int64_t, Cost>> window;
  for (const Span& b : in.spans) {
    const Cost* const from = in.cost.data() + b.at;
    const std::int64_t len = b.hi - b.lo + 1;
    for (const Run& r : runs) {
      const std::int64_t s = b.lo + r.start;
      if (s > lim) continue;
      const std::size_t o = cell_of(out, s);  // cell of sum s; sums beyond follow on
      if (r.count == 1) {
        for (std::int64_t i = 0; i < len && s + i <= lim; ++i) {
          const Cost c = from[i];
          if (c != no_cost) offer(o + static_cast<std::size_t>(i), c + r.c0, r.start);
        }
        continue;
      }
      // Along each residue class mod step: output j takes t = j - i steps
      // from cell i, for t in [0, count); the least of cost[i] - i*dc over
      // that window is kept in a monotone queue.
      for (std::int64_t rho = 0; rho < std::min(r.step, len); ++rho) {
        window.clear();
        std::size_t head = 0;
        const std::int64_t last_i = (len - 1 - rho) / r.step;
        for (std::int64_t j = 0;; ++j) {
          const std::int64_t offset = rho + j * r.step;
          if (s + offset > lim || j > last_i + r.count - 1) break;
          if (j <= last_i) {
            const Cost c = from[offset];
            if (c != no_cost) {
              const Cost key = c - j * r.dc;
              while (window.size() > head && window.back().second >= key) window.pop_back();
              window.emplace_back(j, key);
            }
          }
          while (window.size() > head && window[head].first < j - r.count + 1) ++head;
          if (window.size() == head) continue;
          const auto [i, key] = window[head];
          offer(o + static_cast<std::size_t>(offset), key + r.c0 + j * r.dc,
                r.start + (j - i) * r.step);
        }
      }
    }
  }
  return true;
}

std::int64_t lcm_sat(std::int64_t x, std::int64_t y) {
  return sat(static_cast<i128>(x / std::gcd(x, y)) * y);
}

// How far a cheaper program i may have to grow to take over what a dearer j
// sheds (take), and how near j's minimum (rate: steps above it, as an
// amount) or zero (menu: the amount) j is when it cannot shed it (low).
// A rate program j sheds lcm(a_j, grow_i). A menu j either sheds, among any
// grow_i/gcd(grow_i, own_j) of its items, some whose amount is a multiple of
// grow_i (pigeonhole on prefix sums), or, once past its shortcut by
// L = lcm(grow_i, a_b), L at exactly its best price (F(k) - F(k - L) =
// L/a_b * p_b there); whichever leaves the smaller windows.
struct Exchange {
  std::int64_t take, low;
};
Exchange exchange(const Prog& i, const Prog& j) {
  if (!j.menu) {
    const std::int64_t l = lcm_sat(j.a, i.grow);
    return {l, l};
  }
  const std::int64_t c = i.grow / std::gcd(i.grow, j.own);
  const Exchange pigeon{sat(static_cast<i128>(c) * j.max_item),
                        sat(static_cast<i128>(c - 1) * j.max_item)};
  const std::int64_t l = lcm_sat(i.grow, j.s_a);
  const Exchange tail{l, sat(static_cast<i128>(j.s_from) + l - j.s_a)};
  return static_cast<i128>(tail.take) + tail.low < static_cast<i128>(pigeon.take) + pigeon.low
             ? tail
             : pigeon;
}

// The options a program offers when it is "high" (cannot grow by `w`) or
// "low" (cannot shed what a cheaper program would take over, of at most
// `w`), within sums <= lim. Zero is always offered.
std::vector<Run> role_runs(const Prog& p, bool high, std::int64_t w, std::int64_t lim) {
  std::vector<Run> runs;
  // Zero: always for low; for high only when it may lack room to grow by
  // some L <= w (a rate program grows by L >= a, so from zero it can unless
  // its minimum is above a or L above its cap).
  const bool zero =
      !high || (p.menu ? static_cast<i128>(w / p.s_a) * p.s_p > p.cap
                       : p.m > 1 || static_cast<i128>(w) > static_cast<i128>(p.u) * p.a);
  if (zero) runs.push_back({0, 1, 1, 0, 0});
  if (!p.menu) {
    const std::int64_t u = std::min(p.u, lim / p.a);
    std::int64_t lo = p.m, hi = u;
    if (high) {
      lo = std::max(p.m, u - w / p.a + 1);
    } else {
      hi = std::min(u, sat(static_cast<i128>(p.m) + w / p.a));
    }
    if (lo <= hi)
      runs.push_back(
          {lo * p.a, p.a, hi - lo + 1, static_cast<Cost>(lo * p.c), static_cast<Cost>(p.c)});
    return runs;
  }
  std::int64_t from = p.own, to = std::min(lim, w);
  if (high) {
    // F(k) in (cap - dp, cap], where tail_p*k <= F(k)*tail_a <= tail_p*k + slack.
    const i128 dp = static_cast<i128>(w / p.s_a) * p.s_p;
    const i128 low_points = static_cast<i128>(p.cap) - dp;
    from = sat(std::max<i128>(p.own, (low_points * p.tail_a - p.slack) / p.tail_p));
    to = std::min(lim, sat(static_cast<i128>(p.cap) * p.tail_a / p.tail_p));
  }
  from = (from + p.own - 1) / p.own * p.own;
  // Along each residue class mod s_a, consecutive amounts whose points grow
  // by exactly s_p are one run: past the table every class is a single run
  // up to its limit, and regular menus need no more below it either.
  const std::int64_t table_end = p.shortcut - p.s_a;  // tail classes start here
  for (std::int64_t c = 0; c < p.s_a; c += p.own) {
    constexpr std::size_t none = SIZE_MAX;
    std::size_t open = none;  // the run being extended, if any (index into runs)
    std::int64_t last_k = -1, last_points = 0;
    const auto add = [&](std::int64_t k, std::int64_t count, std::int64_t points) {
      if (open != none && k == last_k + p.s_a && points == last_points + p.s_p) {
        runs[open].count += count;
      } else {
        runs.push_back(
            {k, p.s_a, count, static_cast<Cost>(points * p.cpp), static_cast<Cost>(p.s_p * p.cpp)});
        open = runs.size() - 1;
      }
      last_k = k + (count - 1) * p.s_a;
      last_points = points + (count - 1) * p.s_p;
    };
    const std::int64_t k0 = from + ((c - from) % p.s_a + p.s_a) % p.s_a;
    for (std::int64_t k = k0; k <= std::min(to, p.shortcut - p.own); k += p.s_a) {
      const Take t = menu_take(p, k);
      if (t.points == inf) {
        open = none;
      } else {
        add(k, 1, t.points);
      }
    }
    const std::int64_t base = table_end + ((c - table_end) % p.s_a + p.s_a) % p.s_a;
    const std::int64_t limit = p.class_limit[static_cast<std::size_t>((base - table_end) / p.own)];
    const std::int64_t start = std::max(from, p.shortcut);
    const std::int64_t first = base + (start - base + p.s_a - 1) / p.s_a * p.s_a;
    const std::int64_t last = std::min(to, limit);
    if (limit >= 0 && first <= last)
      add(first, (last - first) / p.s_a + 1, menu_take(p, first).points);
  }
  return runs;
}

struct Found {
  bool any = false;
  std::int64_t total = 0;
  Cost cost = 0;
  std::size_t free = 0;   // which program took the remainder
  std::int64_t rest = 0;  // what the others put in
  std::int64_t free_amount = 0;
};

}  // namespace

// The search works on the structure of a cheapest mix rather than on the
// amount. Order the programs by the price of one more unit of amount at
// their best (rho). If a cheaper program i could grow by some L while a dearer
// j could shed L, moving L from j to i would not cost more; so among the
// cheapest mixes there is one (the one with the most amount in the cheaper
// programs) where, for every pair i before j, i is "high" (too near its cap
// to grow by L) or j is "low" (too near its minimum, or zero, to shed L).
// Take k the first program that is not high: all before it are high, all
// after it low, and k itself is free. L is at most exchange(i, j), fixed by
// steps and menus; so high and low leave each program a window of options
// whose size depends on steps, minimums and menus only, never on the target.
// For each k the others' windows are folded into a table of partial sums
// (dense blocks; rate windows by a sliding minimum), and k takes whatever is
// left: exactly the target, or the nearest amount above or below, in O(1)
// (rate) or one menu period. Amounts above target + the largest single move
// are never needed: from any mix above, dropping moves one at a time reaches
// one no further above than that.
SearchOutcome cheapest_mix(const std::vector<SearchProgram>& programs, std::int64_t target) {
  SearchOutcome out;
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < programs.size(); ++i) {
    if (usable(programs[i])) order.push_back(i);
  }
  if (order.empty() || target <= 0) return out;

  std::int64_t g = 0;
  i128 move = 0;
  for (std::size_t i : order) {
    const SearchProgram& p = programs[i];
    if (p.menu.empty()) {
      g = std::gcd(g, p.step_amount);
      move = std::max(move, static_cast<i128>(p.min_steps) * p.step_amount);
    } else {
      for (const MenuItem& m : p.menu) {
        g = std::gcd(g, m.amount);
        move = std::max(move, static_cast<i128>(m.amount));
      }
    }
  }
  const std::int64_t above_from = target / g + 1;                        // n*g > target
  const std::int64_t below_to = target / g - (target % g == 0 ? 1 : 0);  // n*g < target
  const std::int64_t lim = sat((target + move) / g);

  // Point values over a common denominator D, so costs are integers.
  i128 d = 1;
  for (std::size_t i : order) {
    d = d /
        std::gcd(static_cast<std::int64_t>(d % programs[i].value.points),
                 programs[i].value.points) *
        programs[i].value.points;
    if (d > max_point_cost) {
      out.status = SearchStatus::too_large;
      return out;
    }
  }
  std::vector<Prog> ps;
  for (std::size_t i : order) {
    const SearchProgram& sp = programs[i];
    Prog p;
    p.index = i;
    const i128 cpp = static_cast<i128>(sp.value.amount) * (d / sp.value.points);
    if (cpp > max_point_cost) {
      out.status = SearchStatus::too_large;
      return out;
    }
    if (sp.menu.empty()) {
      p.a = sp.step_amount / g;
      p.m = sp.min_steps;
      if (static_cast<i128>(p.m) * p.a > lim) continue;  // its least gift is never needed
      p.u = std::min(sp.max_steps, lim / p.a);
      p.c = sp.step_points * cpp;
      if (p.c > max_step_cost) {
        out.status = SearchStatus::too_large;
        return out;
      }
      p.rho_num = p.c;
      p.rho_den = p.a;
      p.grow = p.a;
    } else {
      p.menu = true;
      p.cap = sp.max_points;
      p.cpp = cpp;
      std::size_t best = 0, smallest = 0;
      for (std::size_t j = 0; j < sp.menu.size(); ++j) {
        const MenuItem& m = sp.menu[j];
        p.items.emplace_back(m.amount / g, m.points);
        p.own = std::gcd(p.own, m.amount / g);
        p.max_item = std::max(p.max_item, m.amount / g);
        const auto better = [&](std::size_t b) {
          const i128 lhs = static_cast<i128>(m.amount) * sp.menu[b].points;
          const i128 rhs = static_cast<i128>(sp.menu[b].amount) * m.points;
          return lhs > rhs ? 1 : lhs == rhs ? 0 : -1;
        };
        if (better(best) > 0 || (better(best) == 0 && m.amount > sp.menu[best].amount)) best = j;
        if (better(smallest) > 0 || (better(smallest) == 0 && m.amount < sp.menu[smallest].amount))
          smallest = j;
      }
      p.tail_a = sp.menu[best].amount / g;
      p.tail_p = sp.menu[best].points;
      p.s_a = sp.menu[smallest].amount / g;
      p.s_p = sp.menu[smallest].points;
      p.rho_num = p.tail_p * cpp;
      p.rho_den = p.tail_a;
      if (p.rho_num > max_step_cost) {
        out.status = SearchStatus::too_large;
        return out;
      }
      p.grow = p.s_a;
      menu_tables(p);
    }
    ps.push_back(std::move(p));
  }
  if (ps.empty()) return out;
  std::stable_sort(ps.begin(), ps.end(), [](const Prog& x, const Prog& y) {
    return x.rho_num * y.rho_den < y.rho_num * x.rho_den;
  });

  // The most any mix the search builds can cost: each program at most its
  // whole cap (rate: within lim) at its price.
  i128 most = 0;
  for (const Prog& p : ps) {
    most += p.menu ? p.cap * p.cpp : p.u * p.c;
    if (most >= max_total_cost) {
      out.status = SearchStatus::too_large;
      return out;
    }
  }
  const std::size_t n = ps.size();
  std::vector<std::int64_t> high_w(n, 0), low_w(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      if (i == j) continue;
      const Exchange e = exchange(ps[i], ps[j]);
      high_w[i] = std::max(high_w[i], e.take);
      low_w[j] = std::max(low_w[j], e.low);
    }
  }

  std::int64_t work = 0;
  Found exact, above, below;
  // The others folded for free program k; with `layers`, every table kept
  // (and what each program took) to read a mix back.
  const auto fold_others = [&](std::size_t k, Table& cur, Table& next, std::vector<Table>* layers) {
    cur.spans = {{0, 0, 0}};
    cur.cost.assign(1, 0);
    for (std::size_t i = 0; i < n; ++i) {
      if (i == k) continue;
      const auto runs = role_runs(ps[i], i < k, i < k ? high_w[i] : low_w[i], lim);
      if (!fold(cur, runs, lim, work, next, layers != nullptr)) return false;
      if (layers) layers->push_back(next);
      std::swap(cur, next);
    }
    return true;
  };
  Table cur, next;
  for (std::size_t k = 0; k < n; ++k) {
    if (!fold_others(k, cur, next, nullptr)) {
      out.status = SearchStatus::too_large;
      return out;
    }
    const Prog& f = ps[k];
    work += static_cast<std::int64_t>(cur.cost.size()) * (f.menu ? f.s_a / f.own + 1 : 1);
    if (work > max_search_cells) {
      out.status = SearchStatus::too_large;
      return out;
    }
    const auto consider = [&](Found& best, std::int64_t rest, std::int64_t amount, Cost total,
                              bool nearer_is_more) {
      const std::int64_t sum = rest + amount;
      const bool better = !best.any || (nearer_is_more ? sum > best.total : sum < best.total) ||
                          (sum == best.total && total < best.cost);
      if (better) best = {true, sum, total, k, rest, amount};
    };
    const bool divisible = target % g == 0;
    const std::int64_t nt = target / g;
    if (!f.menu) {
      // A rate program takes the rest: with X = nt - rest kept as q*a + r
      // while rest counts up, exactly X, at least X + 1 (ceil = q + 1) and
      // at most X - 1 or X need no division per cell.
      const auto c_step = static_cast<Cost>(f.c);
      for (const Span& b : cur.spans) {
        std::int64_t x = nt - b.lo;
        std::int64_t q = x >= 0 ? x / f.a : 0, r = x >= 0 ? x % f.a : 0;
        for (std::int64_t rest = b.lo; rest <= b.hi; ++rest, --x) {
          if (rest > b.lo && x >= 0) {
            if (r > 0) {
              --r;
            } else {
              r = f.a - 1;
              --q;
            }
          }
          const Cost c = cur.cost[b.at + static_cast<std::size_t>(rest - b.lo)];
          if (c == no_cost) continue;
          if (x < 0) {  // past the target already: the rest alone is above it
            consider(above, rest, 0, c, false);
            continue;
          }
          if (divisible && r == 0 && (q == 0 || (q >= f.m && q <= f.u)))
            consider(exact, rest, q * f.a, c + q * c_step, false);
          const std::int64_t up = std::max(f.m, q + 1);
          if (up <= f.u) consider(above, rest, up * f.a, c + up * c_step, false);
          const std::int64_t y = divisible ? (r > 0 ? q : q - 1) : q;  // floor(below_to - rest / a)
          if (y >= 0) {
            const std::int64_t down = std::min(f.u, y);
            if (down >= f.m) {
              consider(below, rest, down * f.a, c + down * c_step, true);
            } else if (rest >= 1) {
              consider(below, rest, 0, c, true);
            }
          }
        }
      }
      continue;
    }
    for (const Span& b : cur.spans) {
      for (std::int64_t rest = b.lo; rest <= b.hi; ++rest) {
        const Cost c = cur.cost[b.at + static_cast<std::size_t>(rest - b.lo)];
        if (c == no_cost) continue;
        if (divisible && rest <= nt) {
          const Cost e = cost_at(f, nt - rest);
          if (e != no_cost) consider(exact, rest, nt - rest, c + e, false);
        }
        const std::int64_t up = next_at_or_above(f, above_from - rest);
        if (up >= 0) consider(above, rest, up, c + cost_at(f, up), false);
        if (below_to - rest >= 0) {
          const std::int64_t down = prev_at_or_below(f, below_to - rest);
          if (rest + down >= 1) consider(below, rest, down, c + cost_at(f, down), true);
        }
      }
    }
  }

  // The mix found: the free program's share, then, folding the others once
  // more with what each took kept, back from its rest.
  const auto mix_of = [&](const Found& found) {
    Mix m;
    m.amount = found.total * g;
    m.points.assign(programs.size(), 0);
    m.amounts.assign(programs.size(), 0);
    m.donations.assign(programs.size(), 0);
    const auto put = [&](const Prog& p, std::int64_t amount) {
      if (amount == 0) return;
      m.amounts[p.index] = amount * g;
      if (!p.menu) {
        m.points[p.index] = amount / p.a * programs[p.index].step_points;
        m.donations[p.index] = 1;
      } else {
        const Take t = menu_take(p, amount);
        m.points[p.index] = t.points;
        m.donations[p.index] = t.items;
      }
    };
    put(ps[found.free], found.free_amount);
    std::vector<Table> layers;
    std::int64_t ignored = INT64_MIN;  // the same folds as above: within budget
    std::swap(ignored, work);
    fold_others(found.free, cur, next, &layers);
    std::swap(ignored, work);
    std::int64_t at = found.rest;
    std::size_t l = layers.size();
    for (std::size_t i = n; i-- > 0;) {
      if (i == found.free) continue;
      const Table& t = layers[--l];
      const std::int64_t took = t.took[cell_of(t, at)];
      put(ps[i], took);
      at -= took;
    }
    return m;
  };
  if (exact.any) {
    out.exact = mix_of(exact);
  } else {
    if (below.any) out.below = mix_of(below);
    if (above.any) out.above = mix_of(above);
  }
  out.status = out.exact || out.below || out.above ? SearchStatus::ok : SearchStatus::nothing;
  out.cells = work;
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
