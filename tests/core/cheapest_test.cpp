// The cheapest mix across several programs, held to a brute force that tries
// every combination on small programs (seeded, so every run and both builds
// see the same cases), plus hand-checked examples.
#include <catch2/catch.hpp>

#include <map>
#include <numeric>

#include "cheapest.hpp"

using kifu::cheapest_mix;
using kifu::MenuItem;
using kifu::Mix;
using kifu::SearchOutcome;
using kifu::SearchProgram;
using kifu::SearchStatus;

namespace {

// splitmix64: the same numbers on every platform.
struct Rng {
  std::uint64_t s;
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::int64_t in(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(hi - lo + 1));
  }
};

SearchProgram rate(std::int64_t step_points, std::int64_t step_amount, std::int64_t min_steps,
                   std::int64_t max_steps, kifu::Ratio value) {
  SearchProgram p;
  p.step_points = step_points;
  p.step_amount = step_amount;
  p.min_steps = min_steps;
  p.max_steps = max_steps;
  p.value = value;
  return p;
}

// Cost over the common denominator 6 * 5 * 4 = 120 of every value used below.
constexpr std::int64_t den = 120;
std::int64_t cost(const SearchProgram& p, std::int64_t points) {
  return points * p.value.amount * (den / p.value.points);
}

// Every (amount -> least cost) a brute force finds.
std::map<std::int64_t, std::int64_t> brute(const std::vector<SearchProgram>& ps) {
  std::map<std::int64_t, std::int64_t> best{{0, 0}};
  for (const SearchProgram& p : ps) {
    std::vector<std::pair<std::int64_t, std::int64_t>> options{{0, 0}};  // amount, cost
    if (p.menu.empty()) {
      for (std::int64_t x = p.min_steps; x <= p.max_steps; ++x) {
        options.emplace_back(x * p.step_amount, cost(p, x * p.step_points));
      }
    } else {
      // Every multiset of items within max_points, by depth-first counting.
      std::vector<std::pair<std::int64_t, std::int64_t>> frontier{{0, 0}};  // points, amount
      for (const MenuItem& m : p.menu) {
        std::vector<std::pair<std::int64_t, std::int64_t>> grown;
        for (auto [pts, amt] : frontier) {
          for (std::int64_t k = 0; pts + k * m.points <= p.max_points; ++k) {
            grown.emplace_back(pts + k * m.points, amt + k * m.amount);
          }
        }
        frontier = std::move(grown);
      }
      for (auto [pts, amt] : frontier) {
        if (pts > 0) options.emplace_back(amt, cost(p, pts));
      }
    }
    std::map<std::int64_t, std::int64_t> next;
    for (auto [a, c] : best) {
      for (auto [oa, oc] : options) {
        auto it = next.find(a + oa);
        if (it == next.end() || c + oc < it->second) next[a + oa] = c + oc;
      }
    }
    best = std::move(next);
  }
  best.erase(0);
  return best;
}

// The mix is one the programs allow, and adds up.
void check_feasible(const std::vector<SearchProgram>& ps, const Mix& m) {
  std::int64_t sum = 0;
  for (std::size_t i = 0; i < ps.size(); ++i) {
    sum += m.amounts[i];
    if (m.points[i] == 0) continue;
    if (ps[i].menu.empty()) {
      REQUIRE(m.points[i] % ps[i].step_points == 0);
      const std::int64_t x = m.points[i] / ps[i].step_points;
      CHECK(x >= ps[i].min_steps);
      CHECK(x <= ps[i].max_steps);
      CHECK(m.amounts[i] == x * ps[i].step_amount);
    } else {
      CHECK(m.points[i] <= ps[i].max_points);
    }
  }
  CHECK(sum == m.amount);
}

std::int64_t mix_cost(const std::vector<SearchProgram>& ps, const Mix& m) {
  std::int64_t c = 0;
  for (std::size_t i = 0; i < ps.size(); ++i) c += cost(ps[i], m.points[i]);
  return c;
}

}  // namespace

TEST_CASE("the cheapest mix prefers the balance whose points are worth less elsewhere") {
  // A: 1 pt -> ¥1, a point worth ¥1 elsewhere. B: 1 pt -> ¥1, worth ¥0.5 (2 pt -> ¥1).
  // ¥1,000 from B alone costs ¥500 of value; from A, ¥1,000.
  const auto a = rate(1, 1, 1, 5000, {1, 1});
  const auto b = rate(1, 1, 1, 600, {2, 1});
  const SearchOutcome o = cheapest_mix({a, b}, 1000);
  REQUIRE(o.exact);
  CHECK(o.exact->points[1] == 600);  // all of B first
  CHECK(o.exact->points[0] == 400);  // the rest from A
}

TEST_CASE("a target no mix reaches exactly shows the nearest below and above") {
  // 100 pt -> ¥500 steps and a 500-mile block: ¥700 cannot be made; ¥500 and ¥1,000 can.
  const auto card = rate(100, 500, 1, 10, {100, 500});
  SearchProgram miles;
  miles.menu = {{500, 500}};
  miles.max_points = 500;
  miles.value = {1, 2};
  const SearchOutcome o = cheapest_mix({card, miles}, 700);
  CHECK_FALSE(o.exact);
  REQUIRE(o.below);
  REQUIRE(o.above);
  CHECK(o.below->amount == 500);  // 100 card points (value ¥500) or 500 miles (¥1,000): the card
  CHECK(o.below->points[0] == 100);
  CHECK(o.above->amount == 1000);  // 200 card points (¥1,000) beats 100 + 500 miles (¥1,500)
  CHECK(o.above->points[0] == 200);
}

TEST_CASE("no usable balance finds nothing") {
  CHECK(cheapest_mix({rate(1, 1, 50, 49, {1, 1})}, 10).status == SearchStatus::nothing);
}

TEST_CASE("the largest target a visitor can type is searched exactly, cheapest first") {
  // Five 1 pt -> ¥1 balances of 300,000,000,000 points, a point worth ¥0.2,
  // ¥0.25, ¥1/3, ¥0.5 and ¥1 elsewhere: ¥999,999,999,999 takes all of the
  // three cheapest (900,000,000,000) and 99,999,999,999 of the fourth.
  const std::int64_t bal = 300'000'000'000;
  const SearchOutcome o = cheapest_mix(
      {rate(1, 1, 1, bal, {1, 1}), rate(1, 1, 1, bal, {2, 1}), rate(1, 1, 1, bal, {3, 1}),
       rate(1, 1, 1, bal, {4, 1}), rate(1, 1, 1, bal, {5, 1})},
      999'999'999'999);
  REQUIRE(o.exact);
  CHECK(o.exact->points == std::vector<std::int64_t>{0, 99'999'999'999, bal, bal, bal});
}

TEST_CASE("a menu reaches a huge target with its best item and the right remainder") {
  // Items ¥100 for 100 and ¥5,000 for 4,000 points; ¥1,000,000,100 is
  // 200,000 of the ¥5,000 item (800,000,000 points) and one ¥100 (100).
  SearchProgram menu;
  menu.menu = {{100, 100}, {4000, 5000}};
  menu.max_points = 999'999'999'999;
  menu.value = {1, 1};
  const SearchOutcome o = cheapest_mix({menu}, 1'000'000'100);
  REQUIRE(o.exact);
  CHECK(o.exact->points[0] == 800'000'100);
  CHECK(o.exact->donations[0] == 200'001);
}

TEST_CASE("steps whose common multiple is astronomically large are refused, not searched") {
  // Steps of ¥999,999,937 and ¥999,999,929 (both prime): a cheaper balance
  // can only take over from the dearer in blocks of their product, ~10^18.
  const SearchOutcome o =
      cheapest_mix({rate(1, 999'999'937, 1, 1000, {1, 1}), rate(1, 999'999'929, 1, 1000, {2, 1})},
                   500'000'000'000);
  CHECK(o.status == SearchStatus::too_large);
}

namespace {

// The search's answer against the brute force's for one case.
void check_against_brute(const std::vector<SearchProgram>& ps, std::int64_t target) {
  const auto truth = brute(ps);
  const SearchOutcome o = cheapest_mix(ps, target);
  const auto exact = truth.find(target);
  if (exact != truth.end()) {
    REQUIRE(o.exact);
    check_feasible(ps, *o.exact);
    CHECK(o.exact->amount == target);
    CHECK(mix_cost(ps, *o.exact) == exact->second);
    return;
  }
  CHECK_FALSE(o.exact);
  auto above = truth.lower_bound(target);
  if (above == truth.end()) {
    CHECK_FALSE(o.above);
  } else {
    REQUIRE(o.above);
    check_feasible(ps, *o.above);
    CHECK(o.above->amount == above->first);
    CHECK(mix_cost(ps, *o.above) == above->second);
  }
  if (above == truth.begin()) {
    CHECK_FALSE(o.below);
  } else {
    auto below = std::prev(above);
    REQUIRE(o.below);
    check_feasible(ps, *o.below);
    CHECK(o.below->amount == below->first);
    CHECK(mix_cost(ps, *o.below) == below->second);
  }
}

}  // namespace

TEST_CASE("the cheapest mix agrees with a brute force on 3,000 small cases") {
  Rng rng{20261127};
  for (int round = 0; round < 3000; ++round) {
    std::vector<SearchProgram> ps;
    const auto n = rng.in(1, 3);
    for (int i = 0; i < n; ++i) {
      const kifu::Ratio value{rng.in(1, 6) == 6 ? 5 : rng.in(1, 4), rng.in(1, 3)};
      if (rng.in(0, 2) == 0) {
        SearchProgram m;
        const auto items = rng.in(1, 3);
        for (int k = 0; k < items; ++k) {
          const std::int64_t pts = rng.in(1, 6);
          bool dup = false;
          for (const auto& it : m.menu) dup = dup || it.points == pts;
          // Every other round: cheap amounts and room for many items, so
          // that the menu's periodic tail past a_b * a_max + a_b is exercised.
          if (!dup) m.menu.push_back({pts, rng.in(1, round % 2 ? 6 : 3)});
        }
        std::sort(m.menu.begin(), m.menu.end(),
                  [](const MenuItem& x, const MenuItem& y) { return x.points < y.points; });
        m.max_points = rng.in(0, round % 2 ? 14 : 40);
        m.value = value;
        ps.push_back(m);
      } else {
        ps.push_back(rate(rng.in(1, 3), rng.in(1, 5), rng.in(1, 3), rng.in(0, 6), value));
      }
    }
    const std::int64_t target = rng.in(1, round % 2 ? 30 : 60);
    INFO("round " << round << ", target " << target);
    check_against_brute(ps, target);
  }
}

// Where the search's windows matter: up to five programs, steps up to 7
// with minimums (so cheaper balances fill up and dearer ones sit at their
// minimum or at zero), menus whose best item is large, targets anywhere up
// to past what all balances together make.
TEST_CASE("the cheapest mix of up to five programs agrees with a brute force on 4,000 cases") {
  Rng rng{20261128};
  for (int round = 0; round < 4000; ++round) {
    std::vector<SearchProgram> ps;
    const auto n = rng.in(2, 5);
    std::int64_t most = 0;
    for (int i = 0; i < n; ++i) {
      const kifu::Ratio value{rng.in(1, 6) == 6 ? 5 : rng.in(1, 4), rng.in(1, 3)};
      if (rng.in(0, 3) == 0) {
        SearchProgram m;
        const auto items = rng.in(1, 3);
        for (int k = 0; k < items; ++k) {
          const std::int64_t pts = rng.in(1, 7);
          bool dup = false;
          for (const auto& it : m.menu) dup = dup || it.points == pts;
          if (!dup) m.menu.push_back({pts, rng.in(1, 9)});
        }
        std::sort(m.menu.begin(), m.menu.end(),
                  [](const MenuItem& x, const MenuItem& y) { return x.points < y.points; });
        m.max_points = rng.in(0, 24);
        m.value = value;
        std::int64_t best = 0;  // the most amount per point times max_points bounds its amount
        for (const auto& it : m.menu) best = std::max(best, it.amount * m.max_points / it.points);
        most += best;
        ps.push_back(m);
      } else {
        const auto p = rate(rng.in(1, 3), rng.in(1, 7), rng.in(1, 4), rng.in(0, 12), value);
        most += p.step_amount * p.max_steps;
        ps.push_back(p);
      }
    }
    const std::int64_t target = rng.in(1, most + 10);
    INFO("round " << round << ", target " << target);
    check_against_brute(ps, target);
  }
}
