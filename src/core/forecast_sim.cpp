#include "forecast_sim.hpp"

#include <algorithm>
#include <array>
#include <climits>

#include "history.hpp"
#include "prng.hpp"

namespace kifu {

SimModel make_sim_model(const std::vector<std::int64_t>& sample, int offset, std::int64_t need,
                        int horizon) {
  SimModel m;
  const std::size_t start = static_cast<std::size_t>(offset);
  m.blocks = sample.size() > start ? (sample.size() - start) / block_days : 0;
  m.block_sum.resize(m.blocks);
  m.block_max_prefix.resize(m.blocks);
  m.block_prefix.resize(m.blocks * block_days);
  m.block_days.resize(m.blocks * block_days);
  for (std::size_t j = 0; j < m.blocks; ++j) {
    std::int64_t run = 0;
    std::int64_t most = INT64_MIN;
    for (std::size_t k = 0; k < block_days; ++k) {
      const std::int64_t day = sample[start + j * block_days + k];
      run += day;
      most = std::max(most, run);
      m.block_days[j * block_days + k] = day;
      m.block_prefix[j * block_days + k] = run;
    }
    m.block_sum[j] = run;
    m.block_max_prefix[j] = most;
  }
  m.need = need;
  m.horizon = horizon;
  return m;
}

void SimOutputs::reserve(const SimModel& model, std::size_t total_paths) {
  variants = model.variants();
  marks = model.marks.size();
  done.reserve(total_paths * variants);
  at_end.reserve(total_paths * variants);
  fan.reserve(total_paths * marks);
}

namespace {

// The path loop, compiled once per combination of "any events" and "any
// scenarios", so the common forecast (neither) runs a loop with neither
// branch nor their live values in it. g++ -O3 unswitches the loop by
// itself; clang 14 (the wasm build) does not, and the wasm engine then
// carries the unused branches and their values through the hot loop
// (the benchmark's kernel built as plain -O2 wasm went from about 1.6x
// native to about 1.3x in Node).
template <bool Events, bool Scenarios>
void simulate_range(const SimModel& model, std::uint64_t seed, std::size_t first, std::size_t count,
                    SimOutputs& out) {
  const std::size_t variants = model.variants();
  const std::size_t marks = model.marks.size();
  const auto blocks = static_cast<std::uint32_t>(model.blocks);
  const int horizon = model.horizon;
  const int end_index = model.end_index;
  const std::int64_t need = model.need;
  const std::int64_t* sums = model.block_sum.data();
  const std::int64_t* tops = model.block_max_prefix.data();
  const std::int64_t* prefix = model.block_prefix.data();
  const std::int64_t* raw = model.block_days.data();
  constexpr bool events = Events;
  const std::size_t scenarios = Scenarios ? model.scenario_added.size() : 0;
  const std::size_t first_scenario = events ? 2 : 1;
  std::vector<std::uint32_t> replicate(blocks);
  std::array<std::int32_t, max_scenarios> scenario_done{};

  for (std::size_t p = first; p < first + count; ++p) {
    Xoshiro128 rng = Xoshiro128::for_stream(seed, p);
    // Stage one: this path's own version of the past weeks.
    for (std::uint32_t j = 0; j < blocks; ++j) replicate[j] = rng.below(blocks);
    std::int64_t* fan = out.fan.data() + p * marks;
    std::size_t next_mark = 0;
    int mark_day = marks > 0 ? model.marks[0] : INT_MAX;
    std::int64_t total = 0;
    std::int64_t total_events = 0;
    std::int64_t at_end = 0;
    std::int64_t at_end_events = 0;
    std::int32_t done = -1;
    std::int32_t done_events = -1;
    scenario_done.fill(-1);

    // Stage two: the future, a week at a time. Most weeks need one addition:
    // a week's highest running sum says whether the goal can fall inside it.
    // A week (`len` days, block_days but for a short last one) from d0.
    const auto week = [&](int d0, int len) __attribute__((always_inline)) {
      const std::size_t c = replicate[rng.below(blocks)];
      const std::int64_t* pre = prefix + c * block_days;
      if (done < 0 && total + tops[c] >= need) {
        for (int k = 0; k < len; ++k) {
          if (total + pre[k] >= need) {
            done = d0 + k;
            break;
          }
        }
      }
      for (std::size_t s = 0; s < scenarios; ++s) {
        if (scenario_done[s] >= 0) continue;
        const std::int64_t* added = model.scenario_added[s].data();
        // The added amount never falls, so the week's last day bounds it.
        if (total + tops[c] + added[d0 + len - 1] < need) continue;
        for (int k = 0; k < len; ++k) {
          if (total + pre[k] + added[d0 + k] >= need) {
            scenario_done[s] = d0 + k;
            break;
          }
        }
      }
      if constexpr (events) {
        if (model.block_has_event[static_cast<std::size_t>(d0 / block_days)]) {
          const std::int64_t* day = raw + c * block_days;
          for (int k = 0; k < len; ++k) {
            // Truncated toward zero, as the JavaScript baseline's Math.trunc.
            total_events += day[k] * model.event_percent[static_cast<std::size_t>(d0 + k)] / 100;
            if (done_events < 0 && total_events >= need) done_events = d0 + k;
            if (d0 + k == end_index) at_end_events = total_events;
          }
        } else {
          if (done_events < 0 && total_events + tops[c] >= need) {
            for (int k = 0; k < len; ++k) {
              if (total_events + pre[k] >= need) {
                done_events = d0 + k;
                break;
              }
            }
          }
          if (end_index >= d0 && end_index < d0 + len) {
            at_end_events = total_events + pre[end_index - d0];
          }
          total_events += len == block_days ? sums[c] : pre[len - 1];
        }
      }
      while (mark_day < d0 + len) {
        fan[next_mark] = total + pre[mark_day - d0];
        ++next_mark;
        mark_day = next_mark < marks ? model.marks[next_mark] : INT_MAX;
      }
      if (end_index >= d0 && end_index < d0 + len) at_end = total + pre[end_index - d0];
      total += len == block_days ? sums[c] : pre[len - 1];
    };
    // The full weeks in a loop of their own, where len is a constant the
    // compilers fold in, then the short last week, if any. One loop with len
    // computed each week cost the wasm most: the benchmark's kernel (10,000
    // paths x 365 days) went from 3.81 to 3.33 ms in Node, native from 2.85
    // to 2.80 ms (minimum of 200 and of 40 runs, three rounds alternated).
    const int full_weeks = horizon - horizon % block_days;
    int d0 = 0;
    for (; d0 < full_weeks; d0 += block_days) week(d0, block_days);
    if (d0 < horizon) week(d0, horizon - d0);

    std::int32_t* done_out = out.done.data() + p * variants;
    std::int64_t* end_out = out.at_end.data() + p * variants;
    done_out[0] = done;
    end_out[0] = at_end;
    if constexpr (events) {
      done_out[1] = done_events;
      end_out[1] = at_end_events;
    }
    for (std::size_t s = 0; s < scenarios; ++s) {
      done_out[first_scenario + s] = scenario_done[s];
      end_out[first_scenario + s] =
          at_end +
          (end_index >= 0 ? model.scenario_added[s][static_cast<std::size_t>(end_index)] : 0);
    }
  }
}

}  // namespace

void simulate_paths(const SimModel& model, std::uint64_t seed, std::size_t first, std::size_t count,
                    SimOutputs& out) {
  const std::size_t variants = model.variants();
  const std::size_t marks = model.marks.size();
  if (model.blocks == 0 || out.paths != first) return;
  out.variants = variants;
  out.marks = marks;
  out.done.resize((first + count) * variants);
  out.at_end.resize((first + count) * variants);
  out.fan.resize((first + count) * marks);
  const bool events = !model.event_percent.empty();
  const bool scenarios = !model.scenario_added.empty();
  if (events && scenarios) {
    simulate_range<true, true>(model, seed, first, count, out);
  } else if (events) {
    simulate_range<true, false>(model, seed, first, count, out);
  } else if (scenarios) {
    simulate_range<false, true>(model, seed, first, count, out);
  } else {
    simulate_range<false, false>(model, seed, first, count, out);
  }
  out.paths = first + count;
}

}  // namespace kifu
