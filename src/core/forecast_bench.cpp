#include "forecast_bench.hpp"

#include <algorithm>
#include <cmath>

#include "forecast_sim.hpp"
#include "prng.hpp"

namespace kifu {

std::string bench_kernel(double paths_in, double horizon_in, double seed_in) {
  const auto paths = static_cast<std::size_t>(std::clamp(paths_in, 1.0, 1e6));
  const auto horizon = static_cast<int>(std::clamp(horizon_in, 1.0, 36525.0));
  const auto seed = static_cast<std::uint64_t>(std::clamp(seed_in, 0.0, 9007199254740991.0));
  Xoshiro128 rng = Xoshiro128::for_stream(seed, 0xFFFFFFFFULL);
  std::vector<std::int64_t> history(364);
  for (std::size_t i = 0; i < history.size(); ++i) {
    const std::int64_t level = i % 7 >= 5 ? 2'000'000 : 1'000'000;
    history[i] = level * (50 + rng.below(101)) / 100;
    if (rng.below(20) == 0) history[i] += 5'000'000;
  }
  SimModel model = make_sim_model(history, 0, 1'000'000'000, horizon);
  model.end_index = horizon - 1;
  const int points = std::min(horizon, 60);
  for (int i = 1; i <= points; ++i) model.marks.push_back(i * horizon / points - 1);
  SimOutputs out;
  out.reserve(model, paths);
  simulate_paths(model, seed, 0, paths, out);
  __extension__ __int128 sum = 0;
  for (std::size_t p = 0; p < paths; ++p) sum += out.at_end[p] + out.done[p];
  for (auto v : out.fan) sum += v;
  std::string digits;
  const bool negative = sum < 0;
  if (negative) sum = -sum;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(sum % 10)));
    sum /= 10;
  } while (sum > 0);
  return negative ? "-" + digits : digits;
}

}  // namespace kifu
