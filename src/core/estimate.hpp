// What one program's points become (forward) and what a target amount needs
// (inverse), in exact integers. The cheapest mix across several programs is
// in cheapest.hpp; the sentences people read are in estimator_view.hpp.
//
//   card: 100 pt -> ¥500 in steps of 100
//   estimate_forward(card, 3'050, true) == {points 3'000, amount 15'000, leftover 50, donations 1}
//   estimate_inverse(card, 15'200)      -> below {3'000 pt, ¥15,000}, above {3'100 pt, ¥15,500}
#pragma once

#include <cstdint>
#include <optional>

#include "point_program.hpp"

namespace kifu {

// Why a balance is not (all) used, beyond "less than one step is left".
enum class Limit {
  none,
  below_min,   // the balance is under the smallest donation
  period_cap,  // the period's cap stops it (assuming nothing given yet this period)
  not_open,    // the program does not take donations today
};

struct ForwardEstimate {
  std::int64_t balance = 0;
  std::int64_t points = 0;     // donated
  std::int64_t amount = 0;     // minor units the cause receives
  std::int64_t leftover = 0;   // balance - points
  std::int64_t donations = 0;  // separate donations needed (per-donation cap, menu items)
  Limit limit = Limit::none;
};

// balance in [0, max_balance]; open: program_open_on(today).
ForwardEstimate estimate_forward(const PointProgram& p, std::int64_t balance, bool open);

struct Option {
  std::int64_t points = 0;
  std::int64_t amount = 0;
  std::int64_t donations = 0;
};

struct InverseEstimate {
  bool exact = false;           // below and above are then the same option
  std::optional<Option> below;  // the most that does not pass the target
  std::optional<Option> above;  // the least that reaches it
  bool beyond_cap = false;      // reaching the target needs more than max_per_period
  bool too_large = false;       // a menu target beyond what the search covers
};

// target in minor units, > 0. Balances do not matter here; the period cap does.
InverseEstimate estimate_inverse(const PointProgram& p, std::int64_t target);

// The contribution of `points` points of a rate program (points a multiple of step).
std::int64_t rate_amount(const PointProgram& p, std::int64_t points);

}  // namespace kifu
