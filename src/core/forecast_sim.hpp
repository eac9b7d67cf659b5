// The Monte Carlo kernel of the forecast: many possible futures of a
// campaign, each made of 7-day blocks of its own past (so the weekly rhythm
// survives), with nothing but integers, so every build gives the same bits.
//
//   SimModel model = make_sim_model(sample, first_weekday_offset, need, horizon);
//   SimOutputs out(model);
//   simulate_paths(model, seed, 0, 10'000, out);   // or in chunks: same result
//
// Two stages per path (a bootstrap of the bootstrap): the path first draws
// its own replicate of the history's weeks, then draws its future weeks from
// that replicate. The first stage is what makes the intervals honest: it
// carries the uncertainty of the pace itself (a short history may simply
// have been a lucky stretch), which one-stage resampling ignores and which
// tests/core/forecast_calibration_test.cpp shows to matter.
//
// This file is built at -O2 (and with wasm SIMD) even inside the -Oz wasm
// build: at -Oz the generator's calls stay in the hot loop (TOOLCHAIN.md).
#pragma once

#include <cstdint>
#include <vector>

namespace kifu {

inline constexpr int block_days = 7;

struct SimModel {
  // Candidate weeks: block j is sample days [offset + 7j, offset + 7j + 7).
  std::size_t blocks = 0;
  std::vector<std::int64_t> block_sum;         // blocks
  std::vector<std::int64_t> block_max_prefix;  // blocks: the most a week's running sum reaches
  std::vector<std::int64_t> block_prefix;      // blocks * 7: running sum within the week
  std::vector<std::int64_t> block_days;        // blocks * 7: the days themselves
  std::int64_t need = 0;                       // goal - raised, > 0
  int horizon = 0;                             // days simulated, day 0 first
  int end_index = -1;      // day index of the campaign's last day; -1 when not simulated
  std::vector<int> marks;  // increasing day indices whose totals make the fan chart
  // Variant "events": day d's giving times event_percent[d] / 100 (empty: none).
  std::vector<int> event_percent;
  std::vector<bool> block_has_event;  // per simulated week: any percent != 100
  // One variant per scenario: added amount up to and including day d.
  std::vector<std::vector<std::int64_t>> scenario_added;

  std::size_t variants() const {
    return 1 + (event_percent.empty() ? 0 : 1) + scenario_added.size();
  }
};

// `sample` is the history the paths draw from; `offset` in 0..6 is the first
// sample day that falls on the same weekday as simulated day 0. Needs at
// least one whole week after offset.
SimModel make_sim_model(const std::vector<std::int64_t>& sample, int offset, std::int64_t need,
                        int horizon);

struct SimOutputs {
  std::size_t variants = 0;
  std::size_t marks = 0;
  std::size_t paths = 0;             // filled so far
  std::vector<std::int32_t> done;    // paths * variants: day index the goal is reached, -1: not
  std::vector<std::int64_t> at_end;  // paths * variants: amount added by the campaign's end
  std::vector<std::int64_t> fan;     // paths * marks: base amount added by each mark day
  void reserve(const SimModel& model, std::size_t total_paths);
};

// Simulates paths [first, first + count) and appends them to `out`, which
// must hold exactly `first` paths. Path i depends only on (seed, i).
void simulate_paths(const SimModel& model, std::uint64_t seed, std::size_t first, std::size_t count,
                    SimOutputs& out);

}  // namespace kifu
