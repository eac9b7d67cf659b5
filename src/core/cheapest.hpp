// The cheapest way to reach a target amount with points from several
// programs: "which of my balances should I use so that ¥20,000 costs me the
// least point value?" Exact for rate (step) programs and menus alike.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "point_program.hpp"

namespace kifu {

// One program as the search sees it, already limited by the visitor's
// balance and the period cap.
struct SearchProgram {
  // Rate programs: x steps of step_points points give x * step_amount, for x
  // in {0} ∪ [min_steps, max_steps] (max_steps < min_steps: unusable).
  std::int64_t step_points = 0;
  std::int64_t step_amount = 0;
  std::int64_t min_steps = 0;
  std::int64_t max_steps = 0;
  // Menu programs: any number of items, at most max_points points in all.
  std::vector<MenuItem> menu;
  std::int64_t max_points = 0;
  // What one point costs the visitor: value.amount / value.points minor units.
  Ratio value{1, 1};
};

struct Mix {
  std::int64_t amount = 0;
  std::vector<std::int64_t> points;     // per program, in input order
  std::vector<std::int64_t> amounts;    // per program
  std::vector<std::int64_t> donations;  // per program: menu items, or 1 for a rate program used
};

enum class SearchStatus { ok, too_large, nothing };

struct SearchOutcome {
  SearchStatus status = SearchStatus::nothing;
  std::optional<Mix> exact;
  std::optional<Mix> below;  // when not exact: the most under the target, cheapest way
  std::optional<Mix> above;  // when not exact: the least over the target, cheapest way
  std::int64_t cells = 0;    // the amounts the search looked at (its cost, for the benchmark)
};

// The search never looks at more than max_search_cells amounts in all (see
// cheapest.cpp: what it looks at is fixed by the programs' steps, minimums,
// caps and menus, never by how large the target is); past that it answers
// too_large. Only steps or menu items with large least common multiples get
// there (five coprime steps around 50 points do, and steps of ~10^9 that
// tests/core/cheapest_test.cpp shows); real programs' shapes (1-point steps,
// ¥500 blocks, yen and mile menus) need a fraction of it.
inline constexpr std::int64_t max_search_cells = 100'000;

// target > 0 minor units. Among mixes reaching exactly the target, the one of
// least total point value (ties broken the same way on every platform).
SearchOutcome cheapest_mix(const std::vector<SearchProgram>& programs, std::int64_t target);

// The program limited by a balance (and its period cap), valued at its
// point_value, or at its own donation rate when it has none.
SearchProgram search_program(const PointProgram& p, std::int64_t balance);

}  // namespace kifu
